"""Malformed maps found by an independent suite: each is located at the line to fix, names
the offending value, and never escapes as anything but `MapErrors`."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.loader.helpers import VALID, load, one_problem, problems
from transit_maps.errors import MapError, MapErrors, printable
from transit_maps.loader import collect_maps, find_map_files, load_map
from transit_maps.suggest import closest, hint_budget

ROUTE = "layers:\n  s:\n    lines:\n      l: {stations: [a, b]}\n"
AT = ROUTE + "    stations:\n      a: {at: %s}\n"


# --- syntax errors point where the fix goes ---------------------------------------------


def test_an_unclosed_list_is_reported_where_it_opens() -> None:
    found = one_problem(ROUTE.replace("[a, b]}", "[a, b") + "      m: {stations: [c, d]}\n")
    assert found.startswith("m.yaml:4:21: error: YAML syntax: the '[' opened here is not closed")
    assert found.endswith("in 'l: {stations: [a, b' (hint: close the list with ']')")


def test_a_quote_closed_lines_later_is_reported_where_it_opens() -> None:
    text = 'title: "Data\nlayers:\n  s:\n    lines:\n      l: {color: "teal", stations: [a, b]}\n'
    found = one_problem(text)
    assert found.startswith("m.yaml:1:8: error: YAML syntax: the quote opened here closes only")
    assert found.endswith("(hint: close the quote on this line)")


def test_a_quote_never_closed_is_reported_where_it_opens() -> None:
    found = one_problem(ROUTE + "title: 'Data\n")
    assert found.startswith("m.yaml:5:8: error: YAML syntax: the quote opened here is not closed")


def test_a_multi_line_quote_that_is_closed_is_text() -> None:
    assert problems(VALID.replace("title: Small", 'title: "Small\n  map"')) == []


def test_a_key_without_its_colon_is_reported_at_the_key() -> None:
    for text in ("layers:\n  s\n    lines:\n", "layers:\n  s\n\n    # note\n    lines:\n"):
        assert one_problem(text + "      l: {stations: [a, b]}\n") == (
            "m.yaml:2:3: error: YAML syntax: no ':' after the key, in 's' "
            "(hint: a key needs ': ' after it, or quote the text)"
        )


def test_a_syntax_error_quotes_its_line() -> None:
    assert one_problem("title: a: b\n" + ROUTE) == (
        "m.yaml:1:9: error: YAML syntax: mapping values are not allowed here, in 'title: a: b' "
        "(hint: quote text that contains ': ')"
    )


def test_yaml_2_is_named() -> None:
    assert "'%YAML 2.0': only YAML 1.x is read" in one_problem("%YAML 2.0\n---\n" + ROUTE)


# --- what YAML 1.1 reads differently from what people write ----------------------------


@pytest.mark.parametrize(("word", "meaning"), [("yes", "true"), ("off", "false"), ("No", "false")])
def test_a_boolean_is_not_a_station_id(word: str, meaning: str) -> None:
    assert one_problem(ROUTE.replace("[a, b]", f"[a, {word}]")) == (
        f"m.yaml:4:25: error: station in 'stations' of line 'l' must be text, got '{word}' "
        f'(YAML reads it as {meaning}) (hint: quote it: "{word}")'
    )


def test_a_quoted_boolean_word_is_an_id() -> None:
    assert load(ROUTE.replace("[a, b]", '[a, "yes"]')).layer("s").line("l").stations[-1] == "yes"


def test_a_boolean_is_not_a_title() -> None:
    assert one_problem("title: true\n" + ROUTE) == (
        "m.yaml:1:8: error: the map's title must be text, got 'true' (a boolean) "
        '(hint: quote it: "true")'
    )


def test_a_null_names_how_it_was_written() -> None:
    assert "got '~' (nothing)" in one_problem(ROUTE.replace("[a, b]", "[a, ~]"))
    block = "\n        stations:\n          - a\n          -\n          - b\n"
    assert "got nothing" in one_problem(ROUTE.replace("{stations: [a, b]}", block))


def test_equals_and_merge_signs_are_plain_text_values() -> None:
    assert load("title: =\nsummary: <<\n" + ROUTE).title == "="


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[true]", "must be a boolean (true or false), got a list"),
        ("!!bool maybe", "must be a boolean (true or false), got 'maybe'"),
        ('"true"', "got 'true' (hint: remove the quotes)"),
    ],
)
def test_junction_takes_only_true_or_false(value: str, expected: str) -> None:
    text = ROUTE + f"    stations:\n      a: {{junction: {value}}}\n"
    assert expected in one_problem(text)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (
            "[1e3, 2]",
            "must be a number, got '1e3', which YAML reads as text (hint: write it as 1000)",
        ),
        ("[1.0e300, 2]", "got '1.0e300', which YAML reads as text (hint: write it as 1.0e+300)"),
        (
            '["2", 3]',
            "must be a number, got '2', which YAML reads as text (hint: remove the quotes)",
        ),
        ("[.inf, 1]", "must be a finite number, got '.inf'"),
        ("[1.0e+300, 2]", "is too far out: '1.0e+300' (hint: positions are in grid units"),
        ("[1" + "0" * 400 + ", 2]", "must be a finite number, got '1000000000"),
        ("[1]", "'at' of station 'a' has 1 value, not 2"),
    ],
)
def test_positions_are_two_finite_numbers_in_range(at: str, expected: str) -> None:
    assert expected in one_problem(AT % at)


def test_positions_in_other_number_forms_are_read() -> None:
    assert load(AT % "[0x10, 1_000]").layer("s").station("a").at == (16.0, 1000.0)


# --- values quoted in messages cannot break lines or steer a terminal ------------------


def test_control_characters_in_values_are_escaped() -> None:
    found = one_problem('"ti\\ntle\\e[2J\\u202e": x\n' + ROUTE)
    assert found == (
        "m.yaml:1:1: error: unknown key 'ti\\ntle\\x1b[2J\\u202e' in the map "
        "(hint: allowed keys: layers, solutions, summary, title)"
    )


def test_printable_keeps_ordinary_text() -> None:
    assert printable("Café: 日本, a\u00a0b") == "Café: 日本, a\u00a0b"
    assert printable("a\tb\rc\x85") == "a\\tb\\rc\\x85"


def test_errors_with_and_without_hints_sort_together() -> None:
    a, b = MapError("m", 1, 1, "x", "hint"), MapError("m", 1, 1, "x")
    assert MapErrors([a, b]).errors == (b, a)


# --- line breaks YAML and editors count differently --------------------------------------


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_unusual_line_breaks_are_refused_at_their_place(char: str) -> None:
    found = one_problem(f"title: a{char}b\n" + ROUTE)
    assert found.startswith(f"m.yaml:1:9: error: character U+{ord(char):04X} (")


def test_lines_ending_in_a_lone_carriage_return_are_counted() -> None:
    assert one_problem("title: x\rlayers: {}\r").startswith("m.yaml:2:9: error: 'layers' is empty")


# --- aliases -------------------------------------------------------------------------------


def test_a_key_repeated_through_an_alias_is_reported_at_the_alias() -> None:
    text = "layers:\n  &k s:\n    lines: {l: {stations: [a, b]}}\n  *k :\n    lines: {}\n"
    assert one_problem(text).startswith(
        "m.yaml:4:3: error: duplicate key 's' in 'layers' (first on line 2)"
    )


def test_many_aliases_of_a_long_list_fail_at_the_alias() -> None:
    text = "row: &row [" + ", ".join(["x"] * 200) + "]\ngrid: [" + ", ".join(["*row"] * 200) + "]\n"
    assert re.match(r"m\.yaml:2:\d+: error: alias '\*row' expands the file", one_problem(text))


# --- consequences of one mistake are not reported again ----------------------------------


def test_references_into_a_layer_that_failed_are_not_reported() -> None:
    text = VALID.replace("  processes:", "  Processes:")
    assert problems(text) == [
        "m.yaml:17:3: error: layer id 'Processes' is not a valid id (hint: ids use a-z, 0-9, "
        "'-' and '_', starting with a letter or digit: try 'processes')"
    ]


def test_a_misspelt_required_key_is_reported_once() -> None:
    assert problems("Layers:\n  s: {}\n") == [
        "m.yaml:1:1: error: unknown key 'Layers' in the map (hint: did you mean 'layers'?)"
    ]
    assert len(problems(ROUTE.replace("lines:", "line:"))) == 1
    assert len(problems(ROUTE.replace("stations:", "staions:"))) == 1


def test_a_zone_with_a_bad_id_is_not_reported_again_by_its_stations() -> None:
    text = ROUTE + "    zones:\n      Prod: {}\n    stations:\n      a: {zone: prod}\n"
    assert len(problems(text)) == 1


def test_a_reference_in_a_route_is_explained() -> None:
    found = one_problem(ROUTE.replace("[a, b]", "[a, org/b]"))
    assert "'org/b' in 'stations' of line 'l' is a reference, not a station" in found


def test_a_colour_name_typo_gets_the_closest_name() -> None:
    assert "(hint: did you mean 'blue'?)" in one_problem(ROUTE.replace("{s", "{color: bleu, s"))


def test_an_unquoted_hex_colour_gets_the_comment_hint() -> None:
    found = one_problem(
        ROUTE.replace("{stations: [a, b]}", "\n        color: #e4002b\n        stations: [a, b]")
    )
    assert "an unquoted '#' starts a YAML comment" in found


# --- bounded work on hostile files ----------------------------------------------------------


def test_hints_stop_when_their_budget_is_spent() -> None:
    with hint_budget(10):
        assert closest("trainig", ["training", *(f"s{i}" for i in range(20))]) == "training"
        assert closest("trainig", ["training"]) is None


def test_a_line_in_many_pieces_is_checked_in_linear_time() -> None:
    # Branches listed far end first: each connects only through the one after it.
    branches = "".join(f"          - [b{i}, b{i + 1}]\n" for i in reversed(range(2000)))
    text = "layers:\n  s:\n    lines:\n      l:\n        stations: [a, b0]\n        branches:\n"
    assert load(text + branches).layer("s").line("l").branches[0] == ("b1999", "b2000")


def test_many_misspelt_references_all_reported() -> None:
    route = ", ".join(f"station-number-{i}" for i in range(400))
    refs = ", ".join(f"s/station-nmber-{i}" for i in range(400))
    text = f"{ROUTE.replace('a, b', route)}solutions:\n  t:\n    covers: [{refs}]\n"
    assert len(problems(text)) == 400


# --- files that are not plain map files -------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "encoding"), [("utf-16-be", "UTF-16"), ("utf-16", "UTF-16"), ("utf-32", "UTF-32")]
)
def test_other_unicode_encodings_are_named(tmp_path: Path, codec: str, encoding: str) -> None:
    p = tmp_path / "m.yaml"
    p.write_bytes(("\ufeff" if codec.endswith("be") else "").encode(codec) + ROUTE.encode(codec))
    with pytest.raises(MapErrors) as info:
        load_map(p)
    assert str(info.value) == (
        f"{p}:1:1: error: the file is {encoding} (it starts with a {encoding} byte-order mark), "
        "not UTF-8 (hint: save the file as UTF-8)"
    )


def test_broken_links_and_special_files_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    files = find_map_files([tmp_path])
    assert [f.name for f in files] == ["dangling.yaml", "loop.yaml", "pipe.yaml"]
    _maps, errors = collect_maps(files)
    assert [str(e).removeprefix(f"{tmp_path}/") for e in errors] == [
        "dangling.yaml:1:1: error: cannot read the file: No such file or directory",
        "loop.yaml:1:1: error: cannot read the file: Too many levels of symbolic links",
        "pipe.yaml:1:1: error: a special file, not a map file",
    ]


def test_a_link_given_by_name_is_loaded_not_called_missing(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    assert find_map_files([tmp_path / "loop.yaml"]) == [tmp_path / "loop.yaml"]


def test_the_golden_crlf_map_keeps_its_line_endings() -> None:
    # Line numbers in a CRLF file are a case of their own; a checkout must not convert it.
    broken = Path(__file__).parent / "broken" / "windows-line-endings.yaml"
    assert broken.read_bytes().count(b"\r\n") == 7


def test_a_second_anchor_of_the_same_name_is_named() -> None:
    found = one_problem("a: &x 1\nb: &x 2\n" + ROUTE)
    assert found.startswith("m.yaml:2:4: error: YAML syntax: anchor '&x' is defined twice")


def test_a_full_width_colon_is_named() -> None:
    found = one_problem("title\uff1a x\n" + ROUTE)
    assert found.endswith("(hint: '：' is a full-width colon: write ':')")


@pytest.mark.parametrize(
    ("written", "reads"),
    [("1e3", "a number"), ("007", "a number"), ("0x1f", "a number"), ("2024-05-01", "a date")],
)
def test_an_id_yaml_reads_as_another_value_must_be_quoted(written: str, reads: str) -> None:
    assert one_problem(ROUTE.replace("[a, b]", f"[a, {written}]")) == (
        f"m.yaml:4:25: error: station '{written}' in 'stations' of line 'l' is {reads} to "
        f'YAML, not a name (hint: quote it: "{written}")'
    )
    assert load(ROUTE.replace("[a, b]", f'[a, "{written}"]')).layer("s").line("l").stations[1]


def test_whole_numbers_are_ids() -> None:
    assert load(ROUTE.replace("[a, b]", "[0, 10]")).layer("s").line("l").stations == ("0", "10")
