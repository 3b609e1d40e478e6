"""Safe YAML parsing into a node tree where every value keeps its source position.

We compose (never construct): no tag can create an object or run code. Tags outside the plain
YAML core schema are reported as errors. Aliases are counted while composing, so a file that
expands to a huge tree ("billion laughs") or refers to itself fails at the offending alias
without ever being expanded.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import MapError
from .model import Pos
from .yaml_syntax import syntax_error

# How many values a file may expand to through aliases. The largest real maps have about a
# thousand; twenty times that keeps the pure-Python parser well under a second on any file.
MAX_VALUES = 20_000
# How deep values may nest. The format needs six levels; the limit keeps PyYAML's recursive
# composer far from Python's recursion limit.
MAX_DEPTH = 50

_CORE = "tag:yaml.org,2002:"
ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
# YAML 1.1 reads a bare `=` and `<<` as special types; as values they are just text.
_AS_TEXT = frozenset((_CORE + "value", _CORE + "merge"))
# YAML 1.1 line breaks that editors, grep and CI do not count: line numbers would disagree.
_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_BREAK_NAMES = {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}
# Byte-order marks of encodings other than UTF-8, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
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
    # Lines end as PyYAML ends them: LF, CRLF or a lone CR.
    head = text[:index].replace("\r\n", "\n").replace("\r", "\n")
    return head.count("\n") + 1, len(head) - (head.rfind("\n") + 1) + 1


def _other_encoding(data: bytes) -> str | None:
    """Why the bytes look like UTF-16 or UTF-32 rather than UTF-8, if they do."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return f"{encoding} (it starts with a {encoding} byte-order mark)"
    if len(data) >= 4 and (data[1] == data[3] == 0 or data[0] == data[2] == 0):
        return "UTF-16 (every other byte is zero)"
    return None


def decode(data: bytes, path: str) -> str:
    """UTF-8 bytes to text (a leading BOM is dropped); bad bytes raise a located problem."""
    other = _other_encoding(data)
    if other is not None:
        message = f"the file is {other}, not UTF-8"
        raise SourceProblem(MapError(path, 1, 1, message, "save the file as UTF-8"))
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
        # Quoted texts that span lines: a forgotten closing quote makes one.
        self.long_quotes: list[tuple[Any, Any]] = []

    def scan_flow_scalar(self, style: Any) -> Any:
        token = super().scan_flow_scalar(style)  # type: ignore[misc]
        if token.end_mark.line > token.start_mark.line:
            self.long_quotes.append((token.start_mark, token.end_mark))
        return token

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return _CORE + "str" if tag in _AS_TEXT else tag

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
            if isinstance(node, ScalarNode):
                # A copy where the alias is written, so a repeated key is reported there.
                return ScalarNode(node.tag, node.value, event.start_mark, event.end_mark)
            return node
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor_name = event.anchor
        if self.depth >= MAX_DEPTH:
            raise _Limit(
                event.start_mark,
                f"values nest more than {MAX_DEPTH} levels deep",
                "a map nests six levels: look for a stray '[', '{' or indentation",
            )
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
            raise _Limit(
                node.start_mark,
                f"the file has more than {MAX_VALUES} values",
                "split it into several maps",
            )
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
    odd = _ODD_BREAKS.search(text)
    if odd is not None:
        code = ord(odd.group())
        line, col = _line_col(text, odd.start())
        raise SourceProblem(
            MapError(
                path,
                line,
                col,
                f"character U+{code:04X} ({_BREAK_NAMES[code]}) is not allowed",
                "YAML reads it as a line break but editors do not: remove it",
            )
        )
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        raise SourceProblem(_unreadable(exc, text, path)) from None
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
        raise SourceProblem(_unreadable(exc, text, path)) from None
    except yaml.MarkedYAMLError as exc:
        raise SourceProblem(syntax_error(exc, text, path, loader.long_quotes)) from None
    except yaml.YAMLError as exc:  # no other kind is known; a located error all the same
        raise SourceProblem(MapError(path, 1, 1, f"YAML syntax: {exc}")) from None
    except RecursionError:  # not expected within MAX_DEPTH; a located error all the same
        raise SourceProblem(MapError(path, 1, 1, "the file nests too deeply to read")) from None
    finally:
        loader.dispose()


def _unreadable(exc: yaml.reader.ReaderError, text: str, path: str) -> MapError:
    line, col = _line_col(text, exc.position)
    code = exc.character
    kind = "control character" if code < 0x20 or 0x7F <= code < 0xA0 else "character"
    return MapError(path, line, col, f"{kind} U+{code:04X} is not allowed", "remove it")


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
