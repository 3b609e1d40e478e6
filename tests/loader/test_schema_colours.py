"""The JSON Schema and the loader agree on every colour spelling, valid or not (and on ids).

Both take a colour from the same YAML text, in a line and in a zone; a spelling one of them
accepts and the other rejects fails here, so the two cannot drift apart again.
"""

from __future__ import annotations

import json

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.loader.helpers import problems
from transit_maps.colors import NAMED_COLORS, is_css_color
from transit_maps.schema import map_schema

VALID = [
    "red",
    "Red",
    "RED",
    "rEd",
    "RebeccaPurple",
    "LIGHTGOLDENRODYELLOW",
    "Grey",
    "#e4002b",
    "#E4002B",
    "#e40",
    "#E40f",
    "#e4002b80",
]
INVALID = [
    "",
    "redd",
    "re d",
    " red",
    "red ",
    "red\n",
    "red\t",
    "rebecca purple",
    "blac\u212a",  # the Kelvin sign, which str.lower() turns into "k"
    "\uff32\uff25\uff24",  # full-width RED
    "\u0130ndigo",  # dotted capital I
    "transparent",
    "currentColor",
    "rgb(228, 0, 43)",
    "e4002b",
    "#e4002",
    "#e4002b8",
    "#ggg",
    "#fff\n",
    "#\uff11\uff12\uff13",  # full-width digits
]
# YAML values that are not text at all: the loader and the schema both refuse them.
NOT_TEXT = ["123", "true", "~", "[red]", "{red: 1}"]

MAP = """\
layers:
  systems:
    lines:
      data:
        color: {value}
        stations: [a, b]
    zones:
      prod:
        color: {value}
"""


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(map_schema())


def _both(validator: Draft202012Validator, value: str) -> tuple[bool, bool]:
    """(loader accepts, schema accepts) for one YAML value written as a line's and a zone's
    colour."""
    text = MAP.format(value=value)
    return not problems(text), not list(validator.iter_errors(yaml.safe_load(text)))


@pytest.mark.parametrize("spelling", VALID + INVALID, ids=ascii)
def test_schema_and_loader_agree_on_a_colour(
    validator: Draft202012Validator, spelling: str
) -> None:
    # A double-quoted YAML scalar takes JSON's escapes, so every spelling is written exactly.
    loader, schema = _both(validator, json.dumps(spelling))
    assert (loader, schema) == ((spelling in VALID),) * 2


@pytest.mark.parametrize("value", NOT_TEXT)
def test_schema_and_loader_refuse_colours_that_are_not_text(
    validator: Draft202012Validator, value: str
) -> None:
    assert _both(validator, value) == (False, False)


def test_every_named_colour_in_any_case() -> None:
    schema = map_schema()
    colour = Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/color"})
    for name in sorted(NAMED_COLORS):
        mixed = "".join(c.upper() if i % 2 else c for i, c in enumerate(name))
        for spelling in (name, name.upper(), name.title(), mixed):
            assert is_css_color(spelling), spelling
            assert colour.is_valid(spelling), spelling
        assert not is_css_color(name + "x")
        assert not colour.is_valid(name + "x")


IDS = """\
layers:
  systems:
    lines:
      {line}: {{stations: [a, b]}}
    zones: {{prod: {{}}}}
    stations:
      b: {{zone: {zone}, related: [{ref}]}}
"""
PLAIN_IDS = {"line": "data", "zone": "prod", "ref": "systems/a"}


@pytest.mark.parametrize("key", PLAIN_IDS)
def test_a_final_newline_is_not_part_of_an_id(validator: Draft202012Validator, key: str) -> None:
    """The schema's `$` would allow one in Python's `re`; the loader never does."""
    assert _ids_pass(validator, PLAIN_IDS) == (True, True)
    spelt = {**PLAIN_IDS, key: json.dumps(PLAIN_IDS[key] + "\n")}
    assert _ids_pass(validator, spelt) == (False, False)


def _ids_pass(validator: Draft202012Validator, ids: dict[str, str]) -> tuple[bool, bool]:
    text = IDS.format(**ids)
    return not problems(text), not list(validator.iter_errors(yaml.safe_load(text)))
