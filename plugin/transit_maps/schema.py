"""The JSON Schema (draft 2020-12) of the map format, for editors and other tools.

The schema describes the shape of a map file: keys, types, id and colour syntax, route
length. What it cannot express (references that must resolve, stations on no line, a station
twice in a row) only `transit-maps validate` checks.
"""

from __future__ import annotations

import re
from typing import Any

from .colors import NAMED_COLORS
from .map_format import ID_PATTERN, MAX_AT, NOT_ON_JUNCTIONS
from .model import LAYER_KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The end of the text. Schema patterns are ECMA-262, where `$` is only the end; Python's `re`
# (which the `jsonschema` package uses) also lets `$` match before a final newline, and
# `(?!\n)` rules that out, so both read "red\n" as the loader does: not a colour, nor an id.
_END = r"$(?!\n)"
_HEX = r"^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})" + _END
_SAFE_URL = (
    r"^(?:(?:[hH][tT][tT][pP][sS]?://|[mM][aA][iI][lL][tT][oO]:)\S+"
    r"|(?![a-zA-Z][a-zA-Z0-9+.-]*:)\S+)$"
)


def _any_case(word: str) -> str:
    """A pattern for `word` in any ASCII case: `red` gives `[rR][eE][dD]`.

    Patterns have no case-insensitive flag, hence a class per letter.
    """
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else re.escape(c) for c in word)


# CSS colour names, in any ASCII case (colors.is_css_color).
_NAMED = "^(" + "|".join(_any_case(name) for name in sorted(NAMED_COLORS)) + ")" + _END


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _entries(value: dict[str, Any], description: str) -> dict[str, Any]:
    """An object keyed by ids."""
    return {
        "type": "object",
        "description": description,
        "propertyNames": _ref("id"),
        "additionalProperties": value,
    }


def _object(props: dict[str, Any], nullable: bool = False, **extra: Any) -> dict[str, Any]:
    return {
        "type": ["object", "null"] if nullable else "object",
        "additionalProperties": False,
        "properties": props,
        **extra,
    }


def _text(description: str) -> dict[str, Any]:
    # The loader reads a number as the text it was written as (`title: 2024`); `yes` or
    # `true` is an error, since YAML reads them as booleans.
    return {"type": ["string", "number"], "description": description}


# A junction is a bare track point: it has no label and no page.
_JUNCTION_RULE = {
    "if": {"properties": {"junction": {"const": True}}, "required": ["junction"]},
    "then": {"properties": {key: False for key in NOT_ON_JUNCTIONS}},
}


def map_schema() -> dict[str, Any]:
    """The JSON Schema of a map file, as a JSON-ready dict."""
    station_ref = {
        "type": "string",
        "pattern": f"^({ID_PATTERN}:)?{ID_PATTERN}/{ID_PATTERN}{_END}",
        "description": "A station: 'layer/station', or 'map:layer/station' in another map.",
    }
    refs = {"type": "array", "items": _ref("station_ref"), "uniqueItems": True}
    defs: dict[str, Any] = {
        "id": {"type": "string", "pattern": f"^{ID_PATTERN}{_END}"},
        "station_id": {
            "anyOf": [_ref("id"), {"type": "integer", "minimum": 0}],
            "description": "A station id; unquoted numbers are read as ids too.",
        },
        "color": {
            "type": "string",
            # The enum is there for completion in editors; the pattern accepts any case.
            "anyOf": [{"pattern": _HEX}, {"enum": sorted(NAMED_COLORS)}, {"pattern": _NAMED}],
            "description": "CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa or a named colour "
            "(in any case: teal, Teal, TEAL).",
        },
        "url": {
            "type": "string",
            "pattern": _SAFE_URL,
            "description": "An http(s) or mailto link, or a relative path.",
        },
        "station_ref": station_ref,
        "route": {
            "type": "array",
            "items": _ref("station_id"),
            "minItems": 2,
            "description": "Stations in the order the line visits them.",
        },
        "line": _object(
            {
                "title": _text("Shown in the legend. Default: the id, humanised."),
                "color": _ref("color"),
                "stations": _ref("route"),
                "branches": {
                    "type": "array",
                    "items": _ref("route"),
                    "description": "Further routes of the same line: forks, loops, short runs.",
                },
                "description": _text("Markdown."),
            },
            required=["stations"],
        ),
        "zone": _object(
            {
                "title": _text("Default: the id, humanised."),
                "description": _text("Markdown."),
                "color": _ref("color"),
            },
            nullable=True,
        ),
        "station": _object(
            {
                "title": _text("The label. Default: the id, humanised."),
                "description": _text("Markdown, shown on the station's page."),
                "zone": _ref("id"),
                "related": {**refs, "description": "The same thing on other layers or maps."},
                "links": {
                    "type": "object",
                    "additionalProperties": _ref("url"),
                    "description": "Link text to URL.",
                },
                "at": {
                    "type": "array",
                    "items": {"type": "number", "minimum": -MAX_AT, "maximum": MAX_AT},
                    "minItems": 2,
                    "maxItems": 2,
                    "description": "Position hint [x, y] in grid units (x right, y down).",
                },
                "junction": {
                    "type": "boolean",
                    "description": "A bare track point: no marker, label or page.",
                },
            },
            nullable=True,
            **_JUNCTION_RULE,
        ),
        "layer": _object(
            {
                "title": _text("Default: the id, humanised."),
                "kind": {
                    "enum": list(LAYER_KINDS),
                    "description": "Default: the layer id when it is a kind, else 'other'.",
                },
                "description": _text("Markdown."),
                "lines": {**_entries(_ref("line"), "Lines by id."), "minProperties": 1},
                "zones": _entries(_ref("zone"), "Fare zones by id."),
                "stations": _entries(_ref("station"), "Details of stations the lines visit."),
            },
            required=["lines"],
        ),
        "solution": _object(
            {
                "title": _text("Default: the id, humanised."),
                "url": _ref("url"),
                "description": _text("Markdown."),
                "covers": {**refs, "description": "Stations the tool covers fully."},
                "partial": {**refs, "description": "Stations the tool covers in part."},
                "adds": {
                    "type": "array",
                    "items": _text("Something the tool brings that the map does not have."),
                },
            },
            nullable=True,
        ),
    }
    top = _object(
        {
            "title": _text("Default: the file name, humanised."),
            "summary": _text("Markdown."),
            "layers": {**_entries(_ref("layer"), "Layers by id."), "minProperties": 1},
            "solutions": _entries(_ref("solution"), "Solution overlays by id."),
        },
        required=["layers"],
    )
    return {
        "$schema": DIALECT,
        "title": "Transit map (mkdocs-transit-maps, format version 1)",
        "description": "A map of a system in layers of lines, stations and zones. "
        "Its id is the file name without '.yaml'.",
        **top,
        "$defs": defs,
    }
