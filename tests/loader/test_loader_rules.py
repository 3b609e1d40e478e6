"""One test per loader rule: the model it builds and the located problem it reports."""

from __future__ import annotations

import pytest

from tests.loader.helpers import VALID, load, one_problem, problems
from transit_maps.model import Ref

ROUTE = "title: T\nlayers:\n  systems:\n    lines:\n      data:\n        stations: [a, b]\n"


def test_a_valid_map_builds_the_model() -> None:
    m = load(VALID)
    assert m.id == "m" and m.title == "Small"
    systems = m.layer("systems")
    assert [s.id for s in systems.stations] == ["sources", "ingest", "store", "training", "serving"]
    assert systems.station("store").zone == "prod"
    assert systems.station("store").related == (Ref("processes", "review"),)
    assert systems.transfers == ("store",)
    assert m.solution("tool").coverage(Ref("systems", "training")) == "partial"
    assert m.solution("tool").adds == ("A thing",)


def test_every_value_read_keeps_its_position() -> None:
    ref = load(VALID).layer("systems").station("store").related[0]
    assert ref.pos is not None and (ref.pos.line, ref.pos.column) == (16, 19)


def test_titles_default_to_the_humanised_id() -> None:
    m = load(ROUTE.replace("data:", "feature_data-flow:"), "my-map.yaml")
    assert m.title == "T"
    assert m.layer("systems").line("feature_data-flow").title == "Feature data flow"
    assert m.layer("systems").station("a").title == "A"
    assert load("layers:\n  x:\n    lines: {l: {stations: [a, b]}}\n", "ml-sys.yaml").title == (
        "Ml sys"
    )


def test_markdown_is_kept_as_written() -> None:
    m = load("summary: |\n  **Bold** and [a link](x.md).\n" + ROUTE.replace("title: T\n", ""))
    assert m.summary == "**Bold** and [a link](x.md).\n"


@pytest.mark.parametrize(
    ("layer", "kind"), [("systems", "systems"), ("org", "org"), ("people", "other")]
)
def test_kind_defaults_to_the_layer_id_when_it_is_a_kind(layer: str, kind: str) -> None:
    assert load(ROUTE.replace("systems:", f"{layer}:")).layers[0].kind == kind


def test_kind_must_be_one_of_the_four() -> None:
    text = ROUTE.replace("    lines:", "    kind: proccesses\n    lines:")
    assert one_problem(text) == (
        "m.yaml:4:11: error: kind 'proccesses' of layer 'systems' is not one of systems, "
        "processes, org, other (hint: did you mean 'processes'?)"
    )


def test_lines_without_colour_get_distinct_palette_colours() -> None:
    text = ROUTE + "      more:\n        stations: [b, c]\n"
    colors = [line.color for line in load(text).layers[0].lines]
    assert len(set(colors)) == 2


def test_unknown_keys_get_a_did_you_mean() -> None:
    text = ROUTE.replace("        stations:", "        colour: red\n        stations:")
    assert one_problem(text) == (
        "m.yaml:6:9: error: unknown key 'colour' in line 'data' (hint: did you mean 'color'?)"
    )


def test_unknown_key_far_from_any_lists_the_allowed_keys() -> None:
    assert one_problem("zzz: 1\n" + ROUTE) == (
        "m.yaml:1:1: error: unknown key 'zzz' in the map "
        "(hint: allowed keys: layers, solutions, summary, title)"
    )


def test_duplicate_keys_are_errors() -> None:
    assert one_problem(ROUTE + "title: Again\n") == (
        "m.yaml:7:1: error: duplicate key 'title' in the map (first on line 1) "
        "(hint: YAML would silently keep only the last one: merge the two)"
    )


@pytest.mark.parametrize("bad", ["Data", "-data", "da ta", "dätä"])
def test_ids_must_match_the_pattern(bad: str) -> None:
    assert f"line id '{bad}' is not a valid id" in one_problem(ROUTE.replace("data:", f"{bad}:"))


def test_station_ids_in_routes_are_checked() -> None:
    found = one_problem(ROUTE.replace("[a, b]", "[a, B c]"))
    assert found.startswith("m.yaml:6:23: error: station 'B c' in 'stations' of line 'data'")
    assert "try 'b-c'" in found


def test_numbers_are_ids_too() -> None:
    assert load(ROUTE.replace("data:", "1:").replace("[a, b]", "[1, 2]")).layers[0].line("1")


def test_the_map_id_is_the_file_stem_and_must_be_an_id() -> None:
    assert one_problem(ROUTE, "maps/ML System.yaml") == (
        "maps/ML System.yaml:1:1: error: map id 'ML System' (the file name) is not a valid id "
        "(hint: ids use a-z, 0-9, '-' and '_': rename the file to 'ml-system.yaml')"
    )


@pytest.mark.parametrize(
    "color", ["#abc", "#abcd", "#a1b2c3", "#a1b2c3d4", "teal", "RebeccaPurple"]
)
def test_css_colours_are_accepted(color: str) -> None:
    text = ROUTE.replace("        stations:", f'        color: "{color}"\n        stations:')
    assert load(text).layers[0].lines[0].color == color


@pytest.mark.parametrize("color", ["#abcde", "blu", "rgb(1,2,3)", "transparent", "#ggg"])
def test_other_colours_are_rejected(color: str) -> None:
    text = ROUTE.replace("        stations:", f'        color: "{color}"\n        stations:')
    assert f"colour '{color}' of line 'data' is not a CSS colour" in one_problem(text)


def test_a_route_needs_two_stations() -> None:
    assert one_problem(ROUTE.replace("[a, b]", "[a]")) == (
        "m.yaml:6:19: error: 'stations' of line 'data' has only one station, 'a' "
        "(hint: a route needs at least two stations)"
    )


def test_a_route_never_repeats_a_station_in_a_row() -> None:
    assert one_problem(ROUTE.replace("[a, b]", "[a, b, b]")) == (
        "m.yaml:6:26: error: station 'b' appears twice in a row on line 'data' "
        "(hint: remove the repeat)"
    )


def test_a_loop_may_revisit_a_station_later() -> None:
    assert load(ROUTE.replace("[a, b]", "[a, b, c, a]")).layers[0].lines[0].stations[-1] == "a"


def test_branches_are_routes_too() -> None:
    ok = load(ROUTE.replace("[a, b]", "[a, b]\n        branches: [[b, c]]"))
    assert ok.layers[0].lines[0].branches == (("b", "c"),)
    found = one_problem(ROUTE.replace("[a, b]", "[a, b]\n        branches: [[c]]"))
    assert "a branch of line 'data' has only one station" in found


def test_line_stations_are_required() -> None:
    text = ROUTE + "      empty:\n        title: Empty\n"
    assert one_problem(text) == (
        "m.yaml:7:7: error: line 'empty' has no 'stations' (hint: list its route under 'stations:')"
    )


def test_layers_are_required() -> None:
    assert one_problem("title: T\n") == (
        "m.yaml:1:1: error: the map has no 'layers' (hint: add 'layers:' with at least one layer)"
    )


def test_a_layer_needs_lines() -> None:
    found = one_problem("layers:\n  systems:\n    title: S\n")
    assert found == (
        "m.yaml:2:3: error: layer 'systems' has no 'lines' "
        "(hint: add 'lines:' with at least one line)"
    )


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("[1, 2, 3]", "'at' of station 'a' has 3 values, not 2"),
        ("[1, x]", "y of 'at' of station 'a' must be a finite number, got 'x'"),
        ("[.nan, 1]", "x of 'at' of station 'a' must be a finite number, got '.nan'"),
        ("[true, 1]", "x of 'at' of station 'a' must be a finite number, got 'true'"),
        ("3", "'at' of station 'a' must be a list, got '3'"),
    ],
)
def test_at_is_two_numbers(at: str, message: str) -> None:
    assert message in one_problem(ROUTE + f"    stations:\n      a: {{at: {at}}}\n")


def test_at_accepts_ints_and_floats() -> None:
    m = load(ROUTE + "    stations:\n      a: {at: [1, -2.5]}\n")
    assert m.layers[0].station("a").at == (1.0, -2.5)


def test_wrong_types_name_the_expected_type() -> None:
    assert one_problem(ROUTE.replace("[a, b]", "a, b")) == (
        "m.yaml:6:19: error: 'stations' of line 'data' must be a list, got 'a, b' "
        "(hint: write it as a list: [a, b])"
    )
    assert "title of line 'data' must be text, got a list" in one_problem(
        ROUTE.replace("        stations:", "        title: [x]\n        stations:")
    )
    assert "'junction' of station 'a' must be a boolean (true or false), got 'maybe'" in (
        one_problem(ROUTE + "    stations:\n      a: {junction: maybe}\n")
    )


def test_zone_must_resolve() -> None:
    text = ROUTE + "    zones:\n      prod: {}\n    stations:\n      a: {zone: prd}\n"
    assert one_problem(text) == (
        "m.yaml:10:17: error: zone 'prd' of station 'a' is not a zone of layer 'systems' "
        "(hint: did you mean 'prod'?)"
    )


def test_related_must_resolve_with_a_hint() -> None:
    text = VALID.replace("processes/review]", "processes/reveiw]")
    assert one_problem(text) == (
        "m.yaml:16:19: error: 'processes/reveiw' in 'related' of station 'store': "
        "layer 'processes' has no station 'reveiw' (hint: did you mean 'review'?)"
    )


def test_related_layer_must_exist() -> None:
    found = one_problem(VALID.replace("processes/review]", "proceses/review]"))
    assert "map 'm' has no layer 'proceses' (hint: did you mean 'processes'?)" in found


def test_covers_and_partial_must_resolve() -> None:
    found = problems(VALID.replace("[systems/store]", "[systems/stor]").replace("training]", "x]"))
    assert len(found) == 2
    assert "'systems/stor' in 'covers' of solution 'tool'" in found[0]
    assert "did you mean 'store'?" in found[0]
    assert "'systems/x' in 'partial' of solution 'tool'" in found[1]


def test_a_station_cannot_be_both_covered_and_partial() -> None:
    found = one_problem(VALID.replace("[systems/training]", "[systems/store]"))
    assert "'systems/store' is in both 'covers' and 'partial' of solution 'tool'" in found


def test_a_reference_has_the_right_shape() -> None:
    found = one_problem(VALID.replace("[processes/review]", "[review]"))
    assert "'review' in 'related' of station 'store' is not a station reference" in found


def test_a_details_entry_for_a_station_on_no_line_is_an_error() -> None:
    text = ROUTE.replace("[a, b]", "[ingest, store]")
    text += "    stations:\n      c: {title: C}\n      ingset: {}\n"
    assert problems(text) == [
        "m.yaml:8:7: error: station 'c' in 'stations' of layer 'systems' is on no line "
        "(hint: add it to a line's 'stations' or remove the entry)",
        "m.yaml:9:7: error: station 'ingset' in 'stations' of layer 'systems' is on no line "
        "(hint: did you mean 'ingest'?)",
    ]


def test_a_junction_has_no_title_or_links() -> None:
    text = ROUTE + "    stations:\n      a: {junction: true, title: A}\n"
    assert "junction 'a' has 'title', but a junction has no label or page" in one_problem(text)
    assert (
        load(ROUTE + "    stations:\n      a: {junction: true}\n").layers[0].station("a").junction
    )


def test_references_to_a_junction_are_errors() -> None:
    text = VALID.replace("      store:\n", "      ingest: {junction: true}\n      store:\n")
    text = text.replace("[systems/store]", "[systems/ingest]")
    assert "'systems/ingest' in 'covers' of solution 'tool' is a junction" in one_problem(text)


def test_links_are_text_to_safe_urls() -> None:
    ok = load(ROUTE + "    stations:\n      a:\n        links: {Runbook: 'https://x.org/r'}\n")
    assert ok.layers[0].station("a").links == (("Runbook", "https://x.org/r"),)
    bad = ROUTE + "    stations:\n      a:\n        links: {Run: 'javascript:alert(1)'}\n"
    assert "link 'javascript:alert(1)' of station 'a' is not a web link" in one_problem(bad)


def test_problems_are_all_collected_and_sorted_by_position() -> None:
    text = ROUTE.replace("title: T", "titel: T").replace("[a, b]", "[a]") + "extra: 1\n"
    lines = [p.split(": error")[0] for p in problems(text)]
    assert lines == ["m.yaml:1:1", "m.yaml:6:19", "m.yaml:7:1"]


def test_a_branch_must_connect_to_the_line() -> None:
    chained = ROUTE.replace("[a, b]", "[a, b]\n        branches: [[c, d], [b, c]]")
    assert load(chained).layers[0].lines[0].branches == (("c", "d"), ("b", "c"))
    apart = ROUTE.replace("[a, b]", "[a, b]\n        branches: [[c, d]]")
    assert one_problem(apart) == (
        "m.yaml:7:20: error: branch [c, d] of line 'data' is cut off from the rest of the line: "
        "it meets neither its 'stations' nor a branch joined to them (hint: start or end it at a "
        "station of the line, or make it a line of its own; a side input that feeds another "
        "line's step belongs to that line)"
    )


def test_two_stations_cannot_share_a_position() -> None:
    text = ROUTE + "    stations:\n      a: {at: [1, 2]}\n      b: {at: [1.0, 2]}\n"
    assert one_problem(text) == (
        "m.yaml:9:7: error: station 'b' is at [1, 2], where 'a' already is "
        "(hint: move one of them, or drop one 'at')"
    )


def test_a_station_is_not_related_to_itself() -> None:
    found = one_problem(VALID.replace("[processes/review]", "[systems/store]"))
    assert found == (
        "m.yaml:16:19: error: station 'systems/store' is related to itself (hint: remove it)"
    )


def test_empty_entries_take_every_default() -> None:
    text = ROUTE + "    zones:\n      prod:\n    stations:\n      a:\nsolutions:\n  tool:\n"
    m = load(text)
    assert m.layers[0].zone("prod").title == "Prod"
    assert m.layers[0].station("a").title == "A"
    assert m.solution("tool").covers == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("layers: {}\n", "m.yaml:1:9: error: 'layers' is empty"),
        ("layers:\n  s:\n    lines: {}\n", "m.yaml:3:12: error: 'lines' of layer 's' is empty"),
    ],
)
def test_empty_layers_and_lines_are_errors(text: str, message: str) -> None:
    assert one_problem(text).startswith(message)


def test_a_station_on_another_layer_is_named_in_the_hint() -> None:
    found = one_problem(VALID.replace("[processes/review]", "[processes/training]"))
    assert found.endswith(
        "layer 'processes' has no station 'training' (hint: 'training' is on layer 'systems')"
    )


def test_a_layers_stations_as_a_list_gets_a_hint() -> None:
    assert one_problem(ROUTE + "    stations: [a, b]\n") == (
        "m.yaml:7:15: error: 'stations' of layer 'systems' must be a mapping, got a list "
        "(hint: a layer's 'stations' maps station ids to details; routes go in 'lines:')"
    )


def test_the_map_knows_where_each_entry_is_written() -> None:
    m = load(VALID)
    assert str(m.where("layers", "systems", "stations", "store")) == "m.yaml:14:7"
    assert str(m.where("layers", "systems", "lines", "model", "stations", 1)) == "m.yaml:10:27"
    assert str(m.where("solutions", "tool", "adds", 0)) == "m.yaml:25:12"
    assert m.where("layers", "nowhere") is None
