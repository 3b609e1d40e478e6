"""The one domain exception: problems in map files, each located at PATH:LINE:COL."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def printable(text: str) -> str:
    """`text` with control and invisible formatting characters written as escapes (`\\n`,
    `\\x1b`, `\\u202e`), so a value quoted from a map cannot break a line or steer a terminal.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    if ch in "\t\n\r":
        return repr(ch)[1:-1]
    if unicodedata.category(ch) == "Zs":  # a no-break or other wide space: harmless
        return ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class MapError:
    """One problem in a map file: `PATH:LINE:COL: error: MESSAGE`, plus an optional hint."""

    path: str
    line: int
    column: int
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: error: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return printable(text)


def sort_errors(errors: Iterable[MapError]) -> tuple[MapError, ...]:
    """Errors by path, line, column and message (a missing hint sorts first)."""
    return tuple(sorted(errors, key=lambda e: (e.path, e.line, e.column, e.message, e.hint or "")))


class MapErrors(Exception):
    """Raised when map input has problems; carries every problem found, sorted by position."""

    def __init__(self, errors: list[MapError] | tuple[MapError, ...]) -> None:
        self.errors: tuple[MapError, ...] = sort_errors(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
