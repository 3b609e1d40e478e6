"""YAML syntax errors as a person wants them: at the line to fix, quoting the text there.

PyYAML notices an unclosed quote or bracket only lines later, where the text stops making
sense; the fix belongs where the quote or bracket opened, so that is where we point.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import MapError

# Where PyYAML's context names something opened earlier, and how to say so.
_OPENED = {
    "while scanning a quoted scalar": ("the quote", "end the text with the quote it starts with"),
    "while parsing a flow sequence": ("the '['", "close the list with ']'"),
    "while parsing a flow mapping": ("the '{'", "close the mapping with '}'"),
}
_KEY_HINT = "a key needs ': ' after it, or quote the text"
# What PyYAML says below a key written without its ':'.
_AFTER_BARE_KEY = (
    "mapping values are not allowed here",
    "expected <block end>, but found '<block mapping start>'",
)
# A line that reads like `key:` or `key: value`: inside a quoted text, a sign it never closed.
_LOOKS_LIKE_KEY = re.compile(r"\s*-?\s*[\w-]+:(\s|$)")
_BREAK = re.compile(r"\r\n|\r|\n")

# Hints for the syntax slips people make most when writing maps by hand.
_SYNTAX_HINTS = (
    ("mapping values are not allowed here", "quote text that contains ': '"),
    ("found character '\\t'", "indent with spaces, not tabs"),
    ("tab character", "indent with spaces, not tabs"),
    ("found undefined alias", "define the anchor ('&name') before using '*name'"),
    ("could not find expected ':'", _KEY_HINT),
    ("that cannot start any token", "quote the text"),
    ("found unknown escape character", "in double quotes '\\' starts an escape: use single quotes"),
    ("but found '-'", "'- ' list items and 'key:' entries cannot share an indentation"),
    ("but found '<block mapping start>'", "indent this line like the keys above it"),
    ("but found '<scalar>'", "quote the whole value, or remove the text after it"),
    ("did not find expected key", "check this line's indentation"),
    ("did not find expected '-' indicator", "indent every list item the same"),
)


def source_line(text: str, line: int) -> str:
    """The text of a 1-based line, as PyYAML counts lines (LF, CRLF or a lone CR)."""
    lines = _BREAK.split(text, maxsplit=line)
    return lines[line - 1] if line <= len(lines) else ""


def syntax_error(
    exc: yaml.MarkedYAMLError, text: str, path: str, long_quotes: list[tuple[Any, Any]]
) -> MapError:
    """A located error for text that is not YAML.

    `long_quotes` holds the (start, end) marks of quoted texts that span several lines.
    """
    problem, context = exc.problem or "", exc.context or ""
    here, then = exc.problem_mark, exc.context_mark
    if here is None:
        here = then
    if here is None:
        return MapError(path, 1, 1, f"YAML syntax: {problem or context or 'invalid YAML'}")
    if problem == "but found another document":
        second = "a second YAML document ('---')"
        return MapError(
            path, here.line + 1, here.column + 1, second, "a map file holds one document"
        )
    if problem.startswith("found incompatible YAML document"):
        directive = source_line(text, here.line + 1).strip()
        return _at(path, here, f"'{directive}': only YAML 1.x is read", "remove the '%YAML' line")
    opened = _OPENED.get(context)
    if then is not None and then.line < here.line and opened is not None:
        what, close = opened
        return _quoted(
            path,
            text,
            then,
            f"{what} opened here is not closed ({problem} on line {here.line + 1})",
            close,
        )
    if then is not None and then.line < here.line and context == "while scanning a simple key":
        return _quoted(path, text, then, "could not find expected ':' after this key", _KEY_HINT)
    if problem in _AFTER_BARE_KEY:
        bare = _bare_key_above(text, here.line + 1)
        if bare is not None:
            line, column = bare
            key = source_line(text, line).strip()
            message = f"YAML syntax: no ':' after the key, in '{key}'"
            return MapError(path, line, column, message, _KEY_HINT)
    runaway = _runaway_quote(text, here, long_quotes)
    if runaway is not None:
        start, end = runaway
        message = f"the quote opened here closes only on line {end.line + 1}, then: {problem}"
        return _quoted(path, text, start, message, "close the quote on this line")
    message = problem or context
    if context and problem:
        message += f" ({context}"
        if then is not None and then.line != here.line:
            message += f" started on line {then.line + 1}"
        message += ")"
    hint = next((h for found, h in _SYNTAX_HINTS if found in message), None)
    return _quoted(path, text, here, message, hint)


def _bare_key_above(text: str, line: int) -> tuple[int, int] | None:
    """Where the line above `line` is a key missing its ':' (`systems` over an indented
    `lines:`), which YAML reads as text running on into the next line; None if it is not."""
    lines = _BREAK.split(text, maxsplit=line)[:line]
    here = lines[-1]
    written = (n for n in range(line - 1, 0, -1) if lines[n - 1].strip(" ")[:1] not in ("", "#"))
    above = next(written, None)
    if above is None:
        return None
    prev = lines[above - 1]
    indent = len(prev) - len(prev.lstrip(" "))
    deeper = len(here) - len(here.lstrip(" ")) > indent
    word = re.fullmatch(r"[\w.-]+", prev.strip()) is not None
    return (above, indent + 1) if deeper and word else None


def _runaway_quote(
    text: str, here: Any, long_quotes: list[tuple[Any, Any]]
) -> tuple[Any, Any] | None:
    """The quoted text that most likely swallowed the lines before the error, if any.

    It ended just before the error and holds a line that reads like a key: what happens when
    a closing quote is forgotten and the next quote in the file closes the text instead.
    """
    if not long_quotes:
        return None
    start, end = long_quotes[-1]
    if not end.line <= here.line <= end.line + 2:
        return None
    inside = _BREAK.split(text[start.index : end.index])[1:]
    return (start, end) if any(_LOOKS_LIKE_KEY.match(line) for line in inside) else None


def _at(path: str, mark: Any, message: str, hint: str | None = None) -> MapError:
    return MapError(path, mark.line + 1, mark.column + 1, f"YAML syntax: {message}", hint)


def _quoted(path: str, text: str, mark: Any, message: str, hint: str | None) -> MapError:
    """The error, quoting the line it is on so the message names what is wrong."""
    shown = source_line(text, mark.line + 1).strip(" ")  # a tab stays, shown as '\t'
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return _at(path, mark, f"{message}, in '{shown}'" if shown else message, hint)
