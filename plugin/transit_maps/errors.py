"""The one domain exception: problems in map files, each located at PATH:LINE:COL."""

from __future__ import annotations

from dataclasses import dataclass


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
        return text


class MapErrors(Exception):
    """Raised when map input has problems; carries every problem found, sorted by position."""

    def __init__(self, errors: list[MapError] | tuple[MapError, ...]) -> None:
        self.errors: tuple[MapError, ...] = tuple(sorted(errors))
        super().__init__("\n".join(str(e) for e in self.errors))
