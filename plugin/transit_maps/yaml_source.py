"""Safe YAML parsing into a node tree where every value keeps its source position.

We compose (never construct): no tag can create an object or run code. Tags outside the plain
YAML core schema are reported as errors. Aliases are counted while composing, so a file that
expands to a huge tree ("billion laughs") or refers to itself fails at the offending alias
without ever being expanded.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import MapError
from .model import Pos

# How many values a file may expand to through aliases. The largest real map we know of has a
# few thousand; this leaves ample room while keeping a hostile file's cost in milliseconds.
MAX_VALUES = 100_000
# How deep values may nest. The format needs six levels; the limit keeps PyYAML's recursive
# composer far from Python's recursion limit.
MAX_DEPTH = 50

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)

__all__ = [
    "ALLOWED_TAGS",
    "MAX_VALUES",
    "MappingNode",
    "Node",
    "ScalarNode",
    "SequenceNode",
    "SourceProblem",
    "decode",
    "parse",
    "position",
    "positions",
    "tag_name",
]


class SourceProblem(Exception):
    """The text cannot be turned into a node tree; carries the located error."""

    def __init__(self, error: MapError) -> None:
        self.error = error
        super().__init__(str(error))


def position(node: Node) -> tuple[int, int]:
    """1-based (line, column) where a node starts."""
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def tag_name(tag: str) -> str:
    """A tag as a person would write it: `!!python/object` rather than its long form."""
    return "!!" + tag[len(_CORE) :] if tag.startswith(_CORE) else tag


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def decode(data: bytes, path: str) -> str:
    """UTF-8 bytes to text (a leading BOM is dropped); bad bytes raise a located problem."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig", errors="replace")
        line, col = _line_col(good, len(good))
        byte = data[exc.start]
        raise SourceProblem(
            MapError(
                path,
                line,
                col,
                f"invalid UTF-8: byte 0x{byte:02x} cannot start or continue a character",
                "save the file as UTF-8",
            )
        ) from None


_ALIAS_HINT = "write the values out, or drop the alias"


class _BoundedLoader(yaml.SafeLoader):
    """A SafeLoader whose composer counts values, including those reached through aliases."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.expanded = 0
        self.sizes: dict[int, int] = {}
        self.open_anchors: set[str] = set()
        self.depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            anchor = str(event.anchor)
            if anchor in self.open_anchors:
                raise _Limit(event.start_mark, f"alias '*{anchor}' refers to itself", _ALIAS_HINT)
            node: Node | None = super().compose_node(parent, index)
            assert node is not None
            self.expanded += self.sizes.get(id(node), 1)
            if self.expanded > MAX_VALUES:
                raise _Limit(
                    event.start_mark,
                    f"alias '*{anchor}' expands the file to more than {MAX_VALUES} values",
                    _ALIAS_HINT,
                )
            return node
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor_name = event.anchor
        if self.depth >= MAX_DEPTH:
            raise _Limit(event.start_mark, f"values nest more than {MAX_DEPTH} levels deep")
        if anchor_name is not None:
            self.open_anchors.add(anchor_name)
        before = self.expanded
        self.depth += 1
        node = super().compose_node(parent, index)
        self.depth -= 1
        assert node is not None
        self.expanded += 1
        self.sizes[id(node)] = self.expanded - before
        if anchor_name is not None:
            self.open_anchors.discard(anchor_name)
        if self.expanded > MAX_VALUES:
            raise _Limit(node.start_mark, f"the file has more than {MAX_VALUES} values")
        return node


class _Limit(Exception):
    """Too many values, too deep, or an alias to itself: found while composing."""

    def __init__(self, mark: Any, message: str, hint: str | None = None) -> None:
        self.mark = mark
        self.message = message
        self.hint = hint


def parse(text: str, path: str) -> Node | None:
    """Compose YAML text into a node tree; None for a file without a document.

    Raises `SourceProblem` for text that is not YAML (syntax, control characters, aliases
    that expand too far or refer to themselves, several documents).
    """
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise SourceProblem(
            MapError(path, line, col, f"control character U+{exc.character:04X} is not allowed")
        ) from None
    try:
        return loader.get_single_node()  # type: ignore[no-any-return]
    except _Limit as exc:
        raise SourceProblem(
            MapError(
                path,
                exc.mark.line + 1,
                exc.mark.column + 1,
                exc.message,
                exc.hint,
            )
        ) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise SourceProblem(
            MapError(path, line, col, f"control character U+{exc.character:04X} is not allowed")
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceProblem(_syntax_error(exc, path)) from None
    finally:
        loader.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, path: str) -> MapError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if exc.problem == "but found another document":
        return MapError(
            path, line, col, "a second YAML document ('---')", "a map file holds one document"
        )
    message = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        message += f" ({exc.context}"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != line - 1:
            message += f" started on line {exc.context_mark.line + 1}"
        message += ")"
    hint = next((h for problem, h in _SYNTAX_HINTS if problem in message), None)
    return MapError(path, line, col, f"YAML syntax: {message}", hint)


# Hints for the syntax slips people make most when writing maps by hand.
_SYNTAX_HINTS = (
    ("mapping values are not allowed here", "quote text that contains ': '"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("found undefined alias", "define the anchor ('&name') before using '*name'"),
    ("could not find expected ':'", "a key needs ': ' after it, or quote the text"),
)


def positions(root: Node, path: str) -> dict[tuple[str | int, ...], Pos]:
    """Where every entry of a composed file starts: mapping entries at their key, list items
    at the item. Keys are paths of keys and indices; a repeated key keeps its first place.

    Call only on a tree from `parse`, whose size the alias limits already bound.
    """
    out: dict[tuple[str | int, ...], Pos] = {}
    stack: list[tuple[tuple[str | int, ...], Node]] = [((), root)]
    while stack:
        prefix, node = stack.pop()
        children: list[tuple[str | int, Node, Node]] = []
        if isinstance(node, MappingNode):
            children = [(str(k.value), k, v) for k, v in node.value if isinstance(k, ScalarNode)]
        elif isinstance(node, SequenceNode):
            children = [(i, item, item) for i, item in enumerate(node.value)]
        for key, where, value in children:
            entry = (*prefix, key)
            if entry not in out:
                line, col = position(where)
                out[entry] = Pos(path, line, col)
                stack.append((entry, value))
    return out
