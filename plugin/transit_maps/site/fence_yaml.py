"""Reading a ```` ```transit-map ```` fence body: the project's bounded YAML reader, never PyYAML's.

A fence body is page text, as untrusted as a map file. It goes through `yaml_source.parse`,
which composes without constructing (no tag can run code), bounds aliases and depth, and
reports located errors; so a hostile body becomes a `FenceProblem`, never a traceback or a hang.
An inline map is handed to the loader as text with its lines in place, so the loader's errors
name lines of the fence body.
"""

from __future__ import annotations

from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor

from ..errors import MapError
from ..yaml_source import (
    ALLOWED_TAGS,
    MappingNode,
    Node,
    ScalarNode,
    SequenceNode,
    SourceProblem,
    parse,
    tag_name,
)

# Keys of an inline map's body that belong to the map or the fence, not to its one layer.
MAP_KEYS = ("title", "summary")
FENCE_KEYS = ("highlight", "legend")
# The loader reads the body's layer under `layers: inline:`, two lines above the body.
_HEADER = "layers:\n  inline:\n"
HEADER_LINES = 2


class FenceProblem(Exception):
    """A fence option that names nothing, or a body that is not a fence.

    `line` is the line within the fence body (1-based) when the problem has one; `key` is the
    option at fault, whose line is looked up when `line` is not given.
    """

    def __init__(self, message: str, line: int | None = None, key: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.key = key


def key_line(root: MappingNode | None, key: str) -> int | None:
    """The body line (1-based) of a top-level option, if the body has it."""
    for name, _ in root.value if root is not None else ():
        if isinstance(name, ScalarNode) and str(name.value) == key:
            return int(name.start_mark.line) + 1
    return None


def read_body(body: str) -> tuple[dict[str, Any], MappingNode | None]:
    """The options of a fence body as plain data, with the composed mapping (None when empty).

    Raises `FenceProblem` for a body that is not YAML, not a mapping, nests too deeply,
    expands too far through aliases, or carries a tag outside the plain YAML schema.
    """
    if not body.strip():
        return {}, None
    try:
        root = parse(body, "fence")
    except SourceProblem as exc:
        raise _located(exc.error) from None
    if root is None:
        return {}, None
    if not isinstance(root, MappingNode):
        raise FenceProblem("the body must be a YAML mapping of options", root.start_mark.line + 1)
    data = _plain(root)
    assert isinstance(data, dict)
    return data, root


def inline_map_text(body: str, root: MappingNode) -> tuple[str, dict[str, Any], bool]:
    """Map text for the loader from an inline-map body, with each body line N at line
    N + HEADER_LINES; the map-level and fence keys taken out, as plain data; and whether
    the lines are in place.

    The body's lines are indented under `layers: inline:`; the lines of the keys taken out
    are blanked. A body written as one flow mapping (`{lines: ...}`) cannot be split by lines:
    its layer keys are then written out again, and errors lose their line in the body.
    """
    taken = {str(k.value) for k, _ in root.value if str(k.value) in MAP_KEYS + FENCE_KEYS}
    extra = {
        str(k.value): _plain(v)
        for k, v in root.value
        if isinstance(k, ScalarNode) and str(k.value) in taken
    }
    lines = body.splitlines()
    in_place = not (root.flow_style or _shares_lines(root, taken))
    if not in_place or _shares_lines(root, taken):
        import yaml  # only to write plain data we read ourselves

        kept = {k: v for k, v in _plain(root).items() if k not in taken}
        text = yaml.safe_dump(kept, sort_keys=False)
        lines = text.splitlines()
    else:
        starts = [(k.start_mark.line, str(k.value)) for k, _ in root.value]
        ends = [line for line, _ in starts[1:]] + [len(lines)]
        for (start, key), end in zip(starts, ends, strict=True):
            if key in taken:
                # Keep the comment lines after the entry's own lines: they may be anything.
                for index in range(start, min(end, len(lines))):
                    lines[index] = ""
    text = _HEADER + "".join(f"    {line}\n" if line.strip() else "\n" for line in lines)
    return text, extra, in_place


def _shares_lines(root: MappingNode, taken: set[str]) -> bool:
    """Whether a key taken out shares a line with another entry (`{...}` inside a block)."""
    spans = [(k.start_mark.line, _last_line(v), str(k.value)) for k, v in root.value]
    for start, end, key in spans:
        if key not in taken:
            continue
        for other_start, other_end, other in spans:
            if other != key and other_start <= end and start <= other_end:
                return True
    return False


def _last_line(node: Node) -> int:
    """The 0-based line a value ends on (a block value ends at the start of the next line)."""
    mark = node.end_mark
    return max(node.start_mark.line, mark.line - 1 if mark.column == 0 else mark.line)


def _located(error: MapError) -> FenceProblem:
    return FenceProblem(f"the body is not YAML: {error.message}", error.line)


def _plain(node: Node) -> Any:
    """Plain Python data of a composed node. The tree is bounded (depth and values) by `parse`,
    so the recursion and the work here are bounded too."""
    if node.tag not in ALLOWED_TAGS:
        raise FenceProblem(
            f"tag '{tag_name(node.tag)}' is not allowed (fences take plain YAML values only)",
            node.start_mark.line + 1,
        )
    if isinstance(node, ScalarNode):
        try:
            # A fresh constructor each time: it caches what it built, keyed by node.
            return SafeConstructor().construct_object(node)  # type: ignore[no-untyped-call]
        except (ConstructorError, ValueError, OverflowError) as exc:
            raise FenceProblem(
                f"cannot read the value '{node.value}': {exc}", node.start_mark.line + 1
            ) from None
    if isinstance(node, SequenceNode):
        return [_plain(item) for item in node.value]
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                raise FenceProblem("keys must be plain names", key.start_mark.line + 1)
            name = _plain(key)
            if not isinstance(name, str | int | float | bool) and name is not None:
                name = str(name)
            if name in out:  # PyYAML would keep the last silently
                raise FenceProblem(f"'{name}' is given twice", key.start_mark.line + 1)
            out[name] = _plain(value)
        return out
    raise FenceProblem("unreadable value", node.start_mark.line + 1)  # pragma: no cover
