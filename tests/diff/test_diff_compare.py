"""`diff_maps` and its reports on small cases: renames, escaping, every map equal to itself."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tests.paths import CORPUS_MAPS, MAPS, REPO
from transit_maps.diff import DiffResult, diff_maps, format_json, format_markdown, format_text
from transit_maps.diff.mutate import add_line, insert_station
from transit_maps.loader import load_map, load_map_text
from transit_maps.model import Layer, Map

FIXTURES = REPO / "tests" / "diff" / "fixtures"

SMALL = """
title: Small
layers:
  systems:
    lines:
      data:
        color: "#e4002b"
        stations: [a, b, c, d]
    stations:
      b:
        title: Feature store
        links: {Runbook: "https://example.org/fs"}
        related: [systems/d]
solutions:
  tool:
    covers: [systems/b]
"""


def _pair(base: str, head: str) -> DiffResult:
    return DiffResult(
        (diff_maps(load_map_text(base, "small.yaml"), load_map_text(head, "small.yaml")),)
    )


def _kinds(result: DiffResult) -> list[tuple[str, str | None]]:
    return [(c.kind, c.field) for c in result.maps[0].changes]


def test_rename_by_links_reports_id_and_title_and_nothing_else() -> None:
    head = (
        SMALL.replace("[a, b, c, d]", "[a, fs, c, d]")
        .replace(
            "      b:\n        title: Feature store", "      fs:\n        title: Feature Store"
        )
        .replace("systems/b]", "systems/fs]")
    )
    result = _pair(SMALL, head)
    assert _kinds(result) == [("station-renamed", "id"), ("station-renamed", "title")]
    assert "station b renamed to fs (Feature Store)" in format_text(result)


def test_a_new_id_with_new_title_and_links_is_not_a_rename() -> None:
    head = (
        SMALL.replace("[a, b, c, d]", "[a, x, c, d]")
        .replace("      b:\n", "      x:\n")
        .replace("title: Feature store", "title: Something else")
        .replace("https://example.org/fs", "https://example.org/else")
        .replace("covers: [systems/b]", "covers: [systems/c]")
    )
    kinds = [k for k, _ in _kinds(_pair(SMALL, head))]
    assert kinds[:3] == ["station-added", "station-removed", "line-rerouted"]


def test_reordered_line_says_how_it_now_runs() -> None:
    result = _pair(SMALL, SMALL.replace("[a, b, c, d]", "[a, c, b, d]"))
    assert _kinds(result) == [("line-rerouted", None)]
    assert "the Data line now runs A → C → Feature store → D" in format_text(result)


def test_map_text_is_escaped_in_markdown() -> None:
    head = SMALL.replace("title: Feature store", 'title: "<script>x</script> | *bold* [link](y)"')
    md = format_markdown(_pair(SMALL, head))
    assert "<script>" not in md
    assert "&lt;script&gt;x&lt;/script&gt; \\| \\*bold\\* \\[link\\](y)" in md


def test_json_keys_are_sorted_and_always_present() -> None:
    doc = json.loads(format_json(_pair(SMALL, SMALL.replace("[a, b, c, d]", "[a, b, d, e]"))))
    assert list(doc) == sorted(doc)
    keys = {
        "kind",
        "layer",
        "subject",
        "title",
        "field",
        "station",
        "before",
        "after",
        "gained",
        "lost",
    }
    for change in doc["maps"][0]["changes"]:
        assert set(change) == keys


def test_cross_map_references_are_kept_as_written() -> None:
    head = SMALL.replace("related: [systems/d]", "related: [systems/d, other-map:org/lead]")
    result = _pair(SMALL, head)
    assert result.maps[0].changes[0].gained == ("other-map:org/lead",)
    assert "Feature store is now linked to other-map:org/lead" in format_text(result)


@pytest.mark.parametrize(
    "path",
    [*CORPUS_MAPS, *sorted(MAPS.glob("*.yaml")), FIXTURES / "base" / "ml-system.yaml"],
    ids=lambda p: Path(p).name,
)
def test_every_map_equals_itself(path: Path) -> None:
    m = load_map(path)
    diff = diff_maps(m, load_map(path))
    assert diff.equal
    assert diff.status == "equal"


def test_golden_json_follows_the_published_schema() -> None:
    import jsonschema

    schema_path = REPO / "plugin" / "transit_maps" / "diff" / "diff.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    goldens = sorted((REPO / "tests" / "diff" / "golden").glob("*.json"))
    assert len(goldens) >= 9
    for path in goldens:
        jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


BRANCHED = SMALL.replace(
    "stations: [a, b, c, d]", "stations: [a, b, c, d]\n        branches: [[b, x], [c, y]]"
)


def test_listing_branches_in_another_order_is_no_change() -> None:
    head = BRANCHED.replace("[[b, x], [c, y]]", "[[c, y], [b, x]]")
    assert _pair(BRANCHED, head).equal


def test_a_station_moved_from_the_main_route_to_a_branch() -> None:
    head = BRANCHED.replace("[a, b, c, d]", "[a, b, d]").replace(
        "[[b, x], [c, y]]", "[[b, x], [b, c, y]]"
    )
    result = _pair(BRANCHED, head)
    text = format_text(result)
    assert "the Data line now runs A → Feature store → D" in text
    assert "the Data line gained a branch Feature store → C → Y" in text
    assert "the Data line lost its branch C → Y" in text


def test_control_characters_never_reach_the_terminal() -> None:
    head = SMALL.replace("title: Feature store", 'title: "Feature\\e[31m store\\nnext"')
    text = format_text(_pair(SMALL, head))
    assert "\x1b" not in text
    assert 'renamed from "Feature store" to "Feature [31m store next"' in text


def _with_layer(m: Map, layer: Layer) -> Map:
    return replace(m, layers=tuple(layer if x.id == layer.id else x for x in m.layers))


@pytest.mark.parametrize("path", CORPUS_MAPS, ids=lambda p: Path(p).name)
def test_edits_on_real_maps_are_reported_both_ways(path: Path) -> None:
    """Each benchmark edit is reported as exactly what it is, and mirrored when reversed."""
    m = load_map(path)
    layer = m.layers[0]
    grown, (new,) = insert_station(layer)
    forward = diff_maps(m, _with_layer(m, grown))
    assert [(c.kind, c.subject) for c in forward.changes] == [
        ("station-added", new),
        ("line-rerouted", max(layer.lines, key=lambda li: len(li.stations)).id),
    ]
    assert forward.changes[1].gained == (new,)
    backward = diff_maps(_with_layer(m, grown), m)
    assert [c.kind for c in backward.changes] == ["station-removed", "line-rerouted"]
    assert backward.changes[1].lost == (new,)
    more, added = add_line(layer)
    kinds = [c.kind for c in diff_maps(m, _with_layer(m, more)).changes]
    assert kinds == ["station-added"] * len(added) + ["line-added"]


def test_mentions_in_map_text_do_not_notify_anyone_in_a_pr_comment() -> None:
    head = SMALL.replace("title: Feature store", "title: Feature store (@ml-platform)")
    markdown = format_markdown(_pair(SMALL, head))
    assert "@&#8203;ml-platform" in markdown
    assert "@ml-platform" not in markdown
    # plain text (terminal, annotations) shows the name as written
    assert "@ml-platform" in format_text(_pair(SMALL, head))


ORDERED = """
title: Ordered
layers:
  systems:
    lines:
      a: {color: red, stations: [s1, s2]}
      b: {color: blue, stations: [s2, s3]}
      c: {color: green, stations: [s3, s4]}
    zones:
      x: {title: X}
      y: {title: Y}
solutions:
  one: {covers: [systems/s1]}
  two: {covers: [systems/s2]}
"""


def test_moving_one_line_is_one_reordering_sentence() -> None:
    head = ORDERED.replace("      c: {color: green, stations: [s3, s4]}\n", "").replace(
        "    lines:\n", "    lines:\n      c: {color: green, stations: [s3, s4]}\n"
    )
    result = _pair(ORDERED, head)
    (change,) = result.maps[0].changes
    assert (change.kind, change.layer, change.subject, change.field) == (
        "lines-reordered",
        "systems",
        "systems",
        "lines",
    )
    assert (change.before, change.after) == (("a", "b", "c"), ("c", "a", "b"))
    assert "~ the C line is now listed before the A line" in format_text(result)
    assert json.loads(format_json(result))["maps"][0]["changes"][0]["after"] == ["c", "a", "b"]


def test_a_reversed_list_says_where_each_moved_item_now_is() -> None:
    head = ORDERED.replace("a: {color: red", "tmp").replace("c: {color: green", "a: {color: red")
    head = head.replace("tmp", "c: {color: green")
    text = format_text(_pair(ORDERED, head))
    assert "the C line is now listed before the B line" in text
    assert "the B line is now listed before the A line" in text


def test_adding_or_removing_items_is_not_a_reordering() -> None:
    head = (
        ORDERED.replace("      b: {color: blue, stations: [s2, s3]}\n", "")
        .replace("[s3, s4]}\n", "[s3, s4]}\n      d: {color: teal, stations: [s4, s5]}\n")
        .replace("      x: {title: X}\n", "      w: {title: W}\n      x: {title: X}\n")
        .replace("  one: {covers: [systems/s1]}\n", "")
    )
    kinds = [k for k, _ in _kinds(_pair(ORDERED, head))]
    assert not [k for k in kinds if k.endswith("-reordered")], kinds


def test_zones_solutions_and_layers_in_another_order_are_reported() -> None:
    head = (
        ORDERED.replace("x: {title: X}", "tmp")
        .replace("y: {title: Y}", "x: {title: X}")
        .replace("tmp", "y: {title: Y}")
        .replace("one: {covers: [systems/s1]}", "tmp")
        .replace("two: {covers: [systems/s2]}", "one: {covers: [systems/s1]}")
        .replace("tmp", "two: {covers: [systems/s2]}")
    )
    other = "  other:\n    lines:\n      o: {stations: [p, q]}\n"
    head = head.replace("solutions:\n", other + "solutions:\n")
    base = ORDERED.replace("layers:\n", "layers:\n" + other)
    result = _pair(base, head)
    assert _kinds(result) == [
        ("layers-reordered", "layers"),
        ("zones-reordered", "zones"),
        ("solutions-reordered", "solutions"),
    ]
    text = format_text(result)
    assert "~ layer Systems is now listed before layer Other" in text
    assert "~ the Y zone is now listed before the X zone" in text
    assert "~ solution Two is now listed before solution One" in text
    sections = [(s.kind, s.layer) for s in result.maps[0].sections()]
    assert sections == [("map", ""), ("layer", "systems"), ("solutions", "")]


def test_a_line_moved_to_the_end_is_now_listed_after_the_last() -> None:
    head = ORDERED.replace("      a: {color: red, stations: [s1, s2]}\n", "").replace(
        "[s3, s4]}\n", "[s3, s4]}\n      a: {color: red, stations: [s1, s2]}\n"
    )
    assert "~ the A line is now listed after the C line" in format_text(_pair(ORDERED, head))
