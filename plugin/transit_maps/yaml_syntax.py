"""YAML syntax errors as a person wants them: at the line to fix, quoting the text there.

PyYAML notices an unclosed quote or bracket, or a key without its ':', only where the text
stops making sense, often lines later; the fix belongs where the quote or bracket opened or
where the key is, so that is where we point.
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
# What PyYAML says on the line below a key written without its ':'.
_AFTER_BARE_KEY = (
    "mapping values are not allowed here",
    "expected <block end>, but found '<block mapping start>'",
)
# PyYAML reads a key of at most this many characters.
_LONGEST_KEY = 1024
# A line that reads like `key:` or `key: value`: inside a quoted text, a sign it never closed.
_LOOKS_LIKE_KEY = re.compile(r"\s*-?\s*[\w-]+:(\s|$)")
# A line of text that could be a key but for its ':' (not a list item, comment or quote).
_BARE_KEY = re.compile(r"[^-#'\"\[{&*!|>%@`\s][^:#]*")
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
_INDENT_HINT = "indent this line like the lines above it"


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
    here, then = exc.problem_mark or exc.context_mark, exc.context_mark
    if here is None:
        return MapError(path, 1, 1, f"YAML syntax: {problem or context or 'invalid YAML'}")
    special = _special(problem, context, here, then, text, path)
    if special is not None:
        return special
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
    if "but found '<scalar>'" in problem and _starts_its_line(text, here):
        hint = _INDENT_HINT  # a line of text, not text after a value
    return _quoted(path, text, here, message, hint)


def _special(
    problem: str, context: str, here: Any, then: Any, text: str, path: str
) -> MapError | None:
    """The errors that read better in words of their own, or belong on another line."""
    line = source_line(text, here.line + 1)
    if problem == "but found another document":
        second = "a second YAML document ('---')"
        return MapError(
            path, here.line + 1, here.column + 1, second, "a map file holds one document"
        )
    if problem.startswith("found incompatible YAML document"):
        return _at(
            path, here, f"'{line.strip()}': only YAML 1.x is read", "remove the '%YAML' line"
        )
    if context.startswith("found duplicate anchor"):
        name = context.split("'")[1] if "'" in context else ""
        first = f" (first on line {then.line + 1})" if then is not None else ""
        message = f"anchor '&{name}' is defined twice{first}"
        return _quoted(path, text, here, message, "give each anchor its own name")
    opened = _OPENED.get(context)
    if then is not None and then.line < here.line and opened is not None:
        what, close = opened
        message = f"{what} opened here is not closed ({problem} on line {here.line + 1})"
        return _quoted(path, text, then, message, close)
    if then is not None and then.line < here.line and context == "while scanning a simple key":
        return _quoted(path, text, then, "could not find expected ':' after this key", _KEY_HINT)
    if problem not in _AFTER_BARE_KEY:
        return None
    bare = _bare_key_above(text, here.line + 1)
    if bare is not None:
        key_line, column = bare
        key = source_line(text, key_line).strip()
        hint = "'：' is a full-width colon: write ':'" if "：" in key else _KEY_HINT
        return MapError(
            path, key_line, column, f"YAML syntax: no ':' after the key, in '{key}'", hint
        )
    if here.column > _LONGEST_KEY and ": " not in line[: here.column]:
        hint = f"a key is at most {_LONGEST_KEY} characters long"
        return _quoted(path, text, here, problem, hint)
    return None


def _starts_its_line(text: str, mark: Any) -> bool:
    return not source_line(text, mark.line + 1)[: mark.column].strip(" ")


def _bare_key_above(text: str, line: int) -> tuple[int, int] | None:
    """Where the line above `line` is a key missing its ':' (`systems` over an indented
    `lines:`), which YAML reads as text running on into the next line; None if it is not."""
    lines = _BREAK.split(text, maxsplit=line)[:line]
    written = [n for n in range(1, line) if lines[n - 1].strip(" ")[:1] not in ("", "#")]
    if not written:
        return None
    prev = lines[written[-1] - 1]
    indent = _indent(prev)
    below = _indent(lines[-1])
    # Text runs on to a deeper line, or at the top level to any line.
    runs_on = below > indent or below == indent == 0
    # Where a key may stand: first in the file, first under a `key:`, or beside another key.
    before = lines[written[-2] - 1] if len(written) > 1 else None
    at_key = before is None or before.rstrip().endswith(":") or _indent(before) == indent
    if runs_on and at_key and _BARE_KEY.fullmatch(prev.strip()):
        return written[-1], indent + 1
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


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
