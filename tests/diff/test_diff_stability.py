"""Stability: the measure itself, the edits it is measured on, and the issue's "done when" bar."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from tests.paths import REPO
from transit_maps.cli import main
from transit_maps.diff.mutate import add_line, insert_station, remove_station
from transit_maps.diff.stability import measure
from transit_maps.diff.visual import layout_against
from transit_maps.layout import layout
from transit_maps.layout.geometry import Layout, PlacedEdge, PlacedStation
from transit_maps.loader import load_map, load_map_text

UNSEEN = REPO / "tests" / "diff" / "fixtures" / "unseen" / "recommender.yaml"
ROUTE = "[interaction-log, candidate-model, ranking-model, model-store]"
INSERTED = "[interaction-log, candidate-model, ranking-model, offline-evaluation, model-store]"


def _grid(points: dict[str, tuple[float, float]]) -> Layout:
    stations = tuple(PlacedStation(k, x, y, False, None) for k, (x, y) in points.items())
    ids = list(points)
    edges = tuple(PlacedEdge(a, b, ("l",), (points[a], points[b])) for a, b in pairwise(ids))
    return Layout("m", "l", 500, 500, stations, edges, ())


ROW = {"a": (0.0, 0.0), "b": (50.0, 0.0), "c": (100.0, 0.0), "d": (150.0, 0.0)}


def test_identical_layouts_are_perfectly_stable() -> None:
    st = measure(_grid(ROW), _grid(ROW))
    assert (st.kept_share, st.mean_move, st.edge_length) == (1.0, 0.0, 50.0)


def test_a_translation_is_not_a_move() -> None:
    shifted = {k: (x + 30, y - 20) for k, (x, y) in ROW.items()}
    st = measure(_grid(ROW), _grid(shifted))
    assert (st.kept_share, st.mean_move, st.translation) == (1.0, 0.0, (30.0, -20.0))


def test_one_station_moved_by_one_edge() -> None:
    moved = dict(ROW, d=(150.0, 50.0))
    st = measure(_grid(ROW), _grid(moved))
    assert st.kept == 3 and st.stations == 4
    assert st.mean_move == pytest.approx(0.25)


def test_ignored_and_renamed_stations() -> None:
    after = {"a": (0.0, 0.0), "b2": (50.0, 0.0), "c": (100.0, 0.0), "new": (125.0, 0.0)}
    st = measure(_grid(ROW), _grid(after), ignore={"new"}, renames={"b": "b2"})
    assert (st.stations, st.kept) == (3, 3)


def test_edits_change_what_they_say() -> None:
    layer = load_map(UNSEEN).layer("systems")
    grown, (new,) = insert_station(layer)
    assert len(grown.stations) == len(layer.stations) + 1
    assert new in grown.line("events").stations  # the longest line, in the middle
    smaller = remove_station(layer)
    assert smaller is not None
    shrunk, (gone,) = smaller
    assert not shrunk.has_station(gone) and len(layer.lines_at[gone]) == 1
    more, added = add_line(layer)
    assert len(more.lines) == len(layer.lines) + 1 and all(more.has_station(s) for s in added)


# --- "Done when" (issue 6), on a map the layout and diff were not tuned on -----------------------


@pytest.fixture
def inserted(tmp_path: Path) -> Path:
    """The unseen map with one station inserted into its training line."""
    text = UNSEEN.read_text(encoding="utf-8")
    assert ROUTE in text
    head = tmp_path / "head" / UNSEEN.name
    head.parent.mkdir()
    head.write_text(text.replace(ROUTE, INSERTED), encoding="utf-8")
    return head


def test_json_names_the_new_station(inserted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(UNSEEN), str(inserted), "--format", "json"]) == 1
    changes = json.loads(capsys.readouterr().out)["maps"][0]["changes"]
    added = [c for c in changes if c["kind"] == "station-added"]
    assert [(c["subject"], c["title"], c["gained"]) for c in added] == [
        ("offline-evaluation", "Offline evaluation", ["training"])
    ]


def test_markdown_names_the_new_station(inserted: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(UNSEEN), str(inserted), "--format", "markdown"]) == 1
    md = capsys.readouterr().out
    assert (
        "- New station **Offline evaluation** (`offline-evaluation`) on the **Training** line" in md
    )
    assert "between **Ranking model** and **Model store**" in md


def test_map_against_itself_is_equal(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(UNSEEN), str(UNSEEN), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["equal"] is True


def test_svg_draws_the_new_station(
    inserted: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.svg"
    assert main(["diff", str(UNSEEN), str(inserted), "-o", str(out)]) == 1
    svg = out.read_text(encoding="utf-8")
    start = svg.index('data-station="offline-evaluation"')
    element = svg[svg.rindex("<g", 0, start) : svg.index("</g>", start)]
    assert "tm-added" in element
    assert "Offline evaluation" in svg


# recommender.yaml is the map of the tests above; labelling.yaml was added later, after the layout
# had been tuned against recommender.yaml, so that one map stays unseen.
INSERTIONS = [
    (UNSEEN, ROUTE, INSERTED, "offline-evaluation"),
    (
        UNSEEN.parent / "labelling.yaml",
        "[task-queue, annotators, consensus, quality-gate, gold-set]",
        "[task-queue, annotators, consensus, adjudication, quality-gate, gold-set]",
        "adjudication",
    ),
]


@pytest.mark.parametrize(
    ("path", "route", "inserted_route", "new"), INSERTIONS, ids=["recommender", "labelling"]
)
def test_layouts_before_and_after_keep_the_other_stations(
    path: Path, route: str, inserted_route: str, new: str
) -> None:
    """At least 70% of the other stations stay put, mean move at most one edge (the bar).

    Tolerant on purpose: the target (90%, half an edge) is what benchmarks/stability.py reports.
    """
    text = path.read_text(encoding="utf-8")
    assert route in text
    base = load_map(path)
    head = load_map_text(text.replace(route, inserted_route), str(path))
    layer = base.layers[0].id
    before = layout(base.layer(layer), base.id)
    after = layout_against(head.layer(layer), head.id, before)
    st = measure(before, after, ignore={new})
    assert st.kept_share >= 0.7, st
    assert st.mean_move <= 1.0, st
