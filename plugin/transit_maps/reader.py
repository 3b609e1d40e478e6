"""Typed, checked access to positioned YAML nodes; every problem is collected, never raised.

Each accessor either returns the value or records a located `MapError` and returns None, so
the loader can carry on and report every problem in a file at once.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from .errors import MapError
from .map_format import is_id, slug
from .model import Pos
from .suggest import closest, did_you_mean
from .yaml_source import (
    ALLOWED_TAGS,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    position,
    tag_name,
)

_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_NUMBERS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_YAML12_NUMBER = re.compile(r"0o[0-7]+|[0-9]+(\.[0-9]*)?(e[-+]?[0-9]+)?")
_TRUE = ("true", "yes", "on")
_FALSE = ("false", "no", "off")

_MERGE_HINT = "write the keys out; maps are read strictly, key by key"

Entry = tuple[str, Node, Node]  # key text, key node, value node


def describe(node: Node) -> str:
    """How a value reads in an error message: `a list`, `'blue'`, `nothing`."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    value = str(node.value)
    shown = repr(value if len(value) <= 40 else value[:37] + "...")
    if node.tag == _NULL:
        return f"{shown} (nothing)" if value else "nothing"
    return shown


def _quoted(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.style in ("'", '"')


def _yaml_number(text: str) -> float | None:
    """The finite number a YAML int or float spells (`1_000`, `0x1f` and `0b101` too)."""
    text = text.replace("_", "")
    try:
        value = float(text)
    except ValueError:
        try:
            value = float(int(text, 0))
        except (ValueError, OverflowError):  # not a number, or one too large for a float
            return None
    return value if math.isfinite(value) else None


def _plain_number(text: str) -> str:
    """A number written so that YAML 1.1 reads it as one: `1e3` as `1000`, `1e300` as
    `1.0e+300` (YAML 1.1 wants a point in the mantissa and a sign in the exponent)."""
    value = _yaml_number(text) or 0.0
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    mantissa, _, exponent = repr(value).partition("e")
    if not exponent:
        return mantissa
    return f"{mantissa if '.' in mantissa else mantissa + '.0'}e{exponent}"


def _reads_as(node: Node) -> str | None:
    """What an unquoted id means to YAML when that is not the id as written: `007`, `0x1f`,
    `1_000` (numbers to YAML 1.1), `1e3`, `0o17` (numbers to YAML 1.2), `2024-05-01` (a date).
    A plain decimal such as `3` is the id it spells everywhere."""
    text = str(node.value)
    if _quoted(node) or _DECIMAL.fullmatch(text):
        return None
    if node.tag == _TIMESTAMP:
        return "a date"
    return "a number" if node.tag in _NUMBERS or _YAML12_NUMBER.fullmatch(text) else None


def _article(kind: str) -> str:
    if kind == "text":
        return kind
    return f"an {kind}" if kind[0] in "aeiou" else f"a {kind}"


class Reader:
    """Reads one file's nodes, collecting problems located at PATH:LINE:COL."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[MapError] = []
        self._bad_tags: set[int] = set()

    def error(self, node: Node, message: str, hint: str | None = None) -> None:
        """Record a problem at the node's start."""
        line, col = position(node)
        self.errors.append(MapError(self.path, line, col, message, hint))

    def pos(self, node: Node) -> Pos:
        """The node's position as a model `Pos`."""
        line, col = position(node)
        return Pos(self.path, line, col)

    def is_null(self, node: Node) -> bool:
        """Whether the value is empty (`key:` with nothing after it, `~` or `null`)."""
        return isinstance(node, ScalarNode) and node.tag == _NULL

    def _plain(self, node: Node) -> bool:
        # A tag outside plain data (`!!python/object`, `!custom`) is reported once and never
        # constructed; the value is then skipped.
        if node.tag in ALLOWED_TAGS:
            return True
        if id(node) not in self._bad_tags:
            self._bad_tags.add(id(node))
            self.error(
                node,
                f"tag '{tag_name(node.tag)}' is not allowed",
                "map files hold plain data: remove the tag",
            )
        return False

    def _expect(self, node: Node, kind: str, what: str, hint: str | None = None) -> None:
        self.error(node, f"{what} must be {_article(kind)}, got {describe(node)}", hint)

    def mapping(
        self, node: Node, what: str, null_ok: bool = False, hint: str | None = None
    ) -> list[Entry] | None:
        """The entries of a mapping, first occurrence of each key; duplicates are reported.

        `hint` is given when the value is not a mapping.
        """
        if not self._plain(node):
            return None
        if null_ok and self.is_null(node):
            return []
        if not isinstance(node, MappingNode):
            self._expect(node, "mapping", what, hint)
            return None
        seen: dict[str, Node] = {}
        out: list[Entry] = []
        for key_node, value in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "<<":
                self.error(key_node, f"merge key '<<' in {what} is not supported", _MERGE_HINT)
                continue
            if not self._plain(key_node):
                continue
            if not isinstance(key_node, ScalarNode) or self.is_null(key_node):
                self.error(key_node, f"a key in {what} must be text, got {describe(key_node)}")
                continue
            key = str(key_node.value)
            if key in seen:
                first_line = position(seen[key])[0]
                self.error(
                    key_node,
                    f"duplicate key '{key}' in {what} (first on line {first_line})",
                    "YAML would silently keep only the last one: merge the two",
                )
                continue
            seen[key] = key_node
            out.append((key, key_node, value))
        return out

    def fields(
        self, node: Node, allowed: Sequence[str], what: str, null_ok: bool = False
    ) -> dict[str, Node] | None:
        """A mapping with a fixed set of keys; unknown keys are reported with a suggestion."""
        entries = self.mapping(node, what, null_ok)
        if entries is None:
            return None
        out: dict[str, Node] = {}
        for key, key_node, value in entries:
            if key not in allowed:
                hint = did_you_mean(key, allowed, "allowed keys")
                self.error(key_node, f"unknown key '{key}' in {what}", hint)
                continue
            out[key] = value
        return out

    def misspelt(self, node: Node, key: str, allowed: Sequence[str]) -> bool:
        """Whether mapping `node` has an unknown key that reads like `key`: `fields` has
        reported it, so a missing `key` need not be reported too."""
        if not isinstance(node, MappingNode):
            return False
        written = (str(k.value) for k, _ in node.value if isinstance(k, ScalarNode))
        return any(w not in allowed and closest(w, allowed) == key for w in written)

    def sequence(self, node: Node, what: str, hint: str | None = None) -> list[Node] | None:
        """The items of a list; `hint` is given when the value is not a list.

        A single value where a list belongs gets the hint to write it as a list.
        """
        if not self._plain(node):
            return None
        if not isinstance(node, SequenceNode):
            if hint is None and isinstance(node, ScalarNode) and not self.is_null(node):
                hint = f"write it as a list: [{node.value}]"
            self._expect(node, "list", what, hint)
            return None
        return list(node.value)

    def text(self, node: Node, what: str, hint: str | None = None) -> str | None:
        """A scalar as written (a number or date counts as its text); not null, not a list,
        not `true`/`yes`/`off`, which YAML reads as booleans. `hint` is for a missing value."""
        if not self._plain(node):
            return None
        if not isinstance(node, ScalarNode) or self.is_null(node):
            self._expect(node, "text", what, hint if self.is_null(node) else None)
            return None
        if node.tag == _BOOL:
            word = str(node.value)
            meaning = "true" if word.lower() in _TRUE else "false"
            reads = "a boolean" if word.lower() == meaning else f"YAML reads it as {meaning}"
            self.error(node, f"{what} must be text, got '{word}' ({reads})", f'quote it: "{word}"')
            return None
        return str(node.value)

    def ident(self, node: Node, kind: str, where: str = "") -> str | None:
        """An id, `[a-z0-9][a-z0-9_-]*`; `kind` and `where` name it in errors.

        `ident(node, "zone", "of station 'x'")` reports "zone 'Prod' of station 'x' is not...".
        """
        suffix = f" {where}" if where else ""
        value = self.text(node, f"{kind}{suffix}")
        if value is None:
            return None
        if not is_id(value):
            self.error(
                node,
                f"{kind} '{value}'{suffix} is not a valid id",
                f"ids use a-z, 0-9, '-' and '_', starting with a letter or digit: "
                f"try '{slug(value)}'",
            )
            return None
        reads = _reads_as(node)
        if reads is not None:
            self.error(
                node,
                f"{kind} '{value}'{suffix} is {reads} to YAML, not a name",
                f'quote it: "{value}"',
            )
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        """`true` or `false`."""
        if not self._plain(node):
            return None
        word = str(node.value).lower() if isinstance(node, ScalarNode) else ""
        if not isinstance(node, ScalarNode) or node.tag != _BOOL or word not in _TRUE + _FALSE:
            quoted = _quoted(node) and word in _TRUE + _FALSE
            hint = "remove the quotes" if quoted else "write true or false"
            self._expect(node, "boolean (true or false)", what, hint)
            return None
        return word in _TRUE

    def number(self, node: Node, what: str) -> float | None:
        """A finite number."""
        if not self._plain(node):
            return None
        text = str(node.value) if isinstance(node, ScalarNode) else ""
        value = _yaml_number(text) if node.tag in _NUMBERS else None
        if value is not None:
            return value
        if node.tag not in _NUMBERS and _yaml_number(text) is not None:
            # `"2"`, or `1e3`, which YAML 1.1 reads as text (it wants `1.0e+3`).
            self.error(
                node,
                f"{what} must be a number, got '{text}', which YAML reads as text",
                "remove the quotes" if _quoted(node) else f"write it as {_plain_number(text)}",
            )
            return None
        self._expect(node, "finite number", what)
        return None
