"""The example maps in maps/: they load, validate, and say what the docs claim they say."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest
import yaml

from tests.paths import MAPS, REPO
from transit_maps.cli import main
from transit_maps.loader import load_map
from transit_maps.model import Layer, Map, Ref

MAP_FILES = sorted(MAPS.glob("*.yaml"))
GALLERY = ("city-metro", "regional-rail", "rag-pipeline", "genomics-pipeline")


def _load(name: str) -> Map:
    return load_map(MAPS / f"{name}.yaml")


@pytest.fixture(scope="module")
def ml() -> Map:
    return _load("ml-system")


def _resolves(m: Map, ref: Ref) -> bool:
    if ref.map not in (None, m.id):
        return False
    try:
        return m.layer(ref.layer).has_station(ref.station)
    except KeyError:
        return False


def test_maps_folder_holds_the_example_and_the_gallery() -> None:
    assert {p.stem for p in MAP_FILES} >= {"ml-system", *GALLERY}


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
def test_every_map_loads_with_a_title_and_summary(path: Path) -> None:
    m = load_map(path)
    assert m.id == path.stem
    assert m.title and m.summary
    assert m.layers


def test_validate_command_accepts_every_map(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(MAPS)]) == 0
    assert "error" not in capsys.readouterr().out


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
def test_every_layer_is_connected_and_planar(path: Path) -> None:
    # A planar, connected topology can be drawn without crossings: the maps should not ask the
    # layout for crossings that the system itself does not have.
    for layer in load_map(path).layers:
        graph = nx.Graph((s.a, s.b) for s in layer.segments)
        assert nx.is_connected(graph), layer.id
        assert nx.check_planarity(graph)[0], layer.id


def test_ml_system_has_three_layers_of_the_three_kinds(ml: Map) -> None:
    assert [(layer.id, layer.kind) for layer in ml.layers] == [
        ("systems", "systems"),
        ("processes", "processes"),
        ("org", "org"),
    ]


def test_systems_layer_is_rich_and_described(ml: Map) -> None:
    systems = ml.layer("systems")
    stations = [s for s in systems.stations if not s.junction]
    assert len(stations) >= 16
    assert [s.id for s in stations if not s.description.strip()] == []
    assert len(systems.lines) >= 6


def test_transfer_stations_are_where_the_design_says(ml: Map) -> None:
    transfers = set(ml.layer("systems").transfers)
    assert {"feature-store", "registry", "serving", "monitoring"} <= transfers


def test_every_layer_has_zones_and_every_station_is_in_one(ml: Map) -> None:
    for layer in ml.layers:
        assert layer.zones, layer.id
        zone_ids = {z.id for z in layer.zones}
        unzoned = [s.id for s in layer.stations if not s.junction and s.zone not in zone_ids]
        assert unzoned == [], layer.id


def test_every_related_ref_resolves(ml: Map) -> None:
    dangling = [
        f"{layer.id}/{s.id} -> {ref}"
        for layer in ml.layers
        for s in layer.stations
        for ref in s.related
        if not _resolves(ml, ref)
    ]
    assert dangling == []


def _links_between(ml: Map, source: Layer) -> set[str]:
    return {ref.layer for s in source.stations for ref in s.related if ref.layer != source.id}


def test_layers_link_to_both_other_layers(ml: Map) -> None:
    ids = {layer.id for layer in ml.layers}
    for layer in ml.layers:
        assert _links_between(ml, layer) == ids - {layer.id}, layer.id


def test_every_station_has_a_relation_in_another_layer(ml: Map) -> None:
    # Counting backlinks too (Map.related): no station of the example stands alone.
    alone = [
        f"{layer.id}/{s.id}"
        for layer in ml.layers
        for s in layer.stations
        if not any(r.layer != layer.id for r in ml.related(layer.id, s.id))
    ]
    assert alone == []


def test_solutions_are_the_promised_tools_with_honest_overlays(ml: Map) -> None:
    ids = {s.id for s in ml.solutions}
    assert {
        "kubeflow",
        "mlflow",
        "feast",
        "seldon-core",
        "dvc",
        "airflow",
        "great-expectations",
        "evidently",
    } <= ids
    for solution in ml.solutions:
        assert solution.covers and solution.adds, solution.id
        assert solution.url and solution.url.startswith("https://"), solution.id
        refs = [*solution.covers, *solution.partial]
        assert [str(r) for r in refs if not _resolves(ml, r)] == [], solution.id
        # A station is either covered or partly covered, never both.
        assert not set(solution.covers) & set(solution.partial), solution.id
        # docs/example/solutions.md: "No tool covers more than a third of the systems layer".
        systems = ml.layer("systems")
        covered = {r.station for r in solution.covers if r.layer == "systems"}
        assert 3 * len(covered) <= len(systems.stations), solution.id


def test_every_solution_has_a_section_in_the_sources_page(ml: Map) -> None:
    text = (REPO / "docs" / "example" / "solutions.md").read_text(encoding="utf-8")
    for solution in ml.solutions:
        assert f"## {solution.title}" in text, solution.id
        assert solution.url is not None and solution.url in text, solution.id


def test_city_metro_is_a_real_network() -> None:
    metro = _load("city-metro")
    (layer,) = metro.layers
    stations = [s for s in layer.stations if not s.junction]
    assert 40 <= len(stations) <= 60
    assert 5 <= len(layer.lines) <= 6
    assert any(line.stations[0] == line.stations[-1] for line in layer.lines)  # a loop
    assert any(line.branches for line in layer.lines)
    assert len(layer.transfers) >= 6


def test_regional_rail_bundles_lines_on_a_shared_core() -> None:
    (layer,) = _load("regional-rail").layers
    assert max(len(seg.lines) for seg in layer.segments) >= 4
    # Branches fan out from both ends of the core.
    assert sum(1 for line in layer.lines if line.stations[-1] != "haven-central") >= 4


@pytest.mark.parametrize("name", ["rag-pipeline", "genomics-pipeline"])
def test_pipelines_are_sectioned_into_zones(name: str) -> None:
    (layer,) = _load(name).layers
    assert len(layer.zones) >= 4
    assert all(s.zone for s in layer.stations if not s.junction)
    assert len(layer.stations) >= 20


FENCE = re.compile(r"^```transit-map\n(.*?)^```", re.MULTILINE | re.DOTALL)
DOC_PAGES = [*sorted((REPO / "docs" / "example").glob("*.md")), REPO / "docs" / "gallery.md"]


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda p: p.name)
def test_fences_in_the_example_pages_name_what_exists(page: Path) -> None:
    for body in FENCE.findall(page.read_text(encoding="utf-8")):
        options = yaml.safe_load(body)
        m = _load(options["map"])
        layer = m.layer(options.get("layer", m.layers[0].id))
        if "solution" in options:
            m.solution(options["solution"])
        for station in options.get("highlight", []):
            assert layer.has_station(station), (page.name, station)


LINK = re.compile(r"\]\(transit:([^)\s]+)\)")


def _link_target_exists(target: str) -> bool:
    name, _, rest = target.partition("/")
    m = _load(name)
    parts = rest.split("/") if rest else []
    if parts == [] or parts == ["coverage"]:
        return True
    if parts[0] == "solutions" and len(parts) == 2:
        return parts[1] in {s.id for s in m.solutions}
    if len(parts) == 2:
        return _resolves(m, Ref(parts[0], parts[1]))
    return False


@pytest.mark.parametrize("page", DOC_PAGES, ids=lambda p: p.name)
def test_short_links_in_the_example_pages_name_what_exists(page: Path) -> None:
    targets = LINK.findall(page.read_text(encoding="utf-8"))
    assert [t for t in targets if not _link_target_exists(t)] == []


def test_gallery_shows_every_gallery_map() -> None:
    text = (REPO / "docs" / "gallery.md").read_text(encoding="utf-8")
    shown = {yaml.safe_load(body)["map"] for body in FENCE.findall(text)}
    assert shown >= set(GALLERY)
