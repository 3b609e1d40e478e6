"""Where a fenced code block closes, found without rescanning the page for every opening.

A fence opened by N backticks (or tildes) closes at the next line made only of at least N of
the same character; one that never closes is not a fence. Looking for the close line by line
from every opening costs the square of the page's length on a page of unclosed openings, which
anyone can write; this index answers each opening in logarithmic time.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


class FenceCloses:
    """The closing lines of a page, by fence character and minimum length."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._closes: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}
        for index, line in enumerate(lines):
            bare = line.strip()
            if len(bare) >= 3 and bare[0] in self._closes and bare == bare[0] * len(bare):
                self._closes[bare[0]].append((index, len(bare)))
        self._long_enough: dict[tuple[str, int], list[int]] = {}

    def after(self, index: int, fence: str) -> int | None:
        """The first line after `index` that closes a fence opened with `fence`, if any."""
        key = (fence[0], len(fence))
        candidates = self._long_enough.get(key)
        if candidates is None:
            candidates = [i for i, n in self._closes.get(fence[0], ()) if n >= len(fence)]
            self._long_enough[key] = candidates
        at = bisect.bisect_right(candidates, index)
        return candidates[at] if at < len(candidates) else None
