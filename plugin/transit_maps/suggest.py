""" "Did you mean ...?" hints for misspelt keys and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Each hint compares a name with every choice, so a file with thousands of misspelt names
# and thousands of stations would take minutes. Within `hint_budget`, hints stop once that
# many choices have been compared (the errors themselves are all still reported).
_budget: ContextVar[list[int] | None] = ContextVar("hint_budget", default=None)


@contextmanager
def hint_budget(comparisons: int) -> Iterator[None]:
    """Bound the work of the hints computed inside the block."""
    token = _budget.set([comparisons])
    try:
        yield
    finally:
        _budget.reset(token)


def _options(choices: Iterable[str]) -> list[str] | None:
    """The choices, sorted; None once the budget is spent."""
    left = _budget.get()
    if left is not None and left[0] <= 0:
        return None
    options = sorted(set(choices))
    if left is not None:
        left[0] -= len(options)
    return options


def closest(name: str, choices: Iterable[str]) -> str | None:
    """The choice most like `name`, or None when nothing is close enough to be a likely typo."""
    options = _options(choices)
    if options is None:
        return None
    found = difflib.get_close_matches(name, options, n=1, cutoff=0.7)
    if not found:
        # An abbreviation: `prod` for `production`, when only one choice starts that way.
        starts = [o for o in options if len(name) >= 3 and o.startswith(name)]
        if len(starts) == 1:
            return starts[0]
        # Case and separators are the commonest slips: `Feature_Store` for `feature-store`.
        folded = {o.lower().replace("_", "-"): o for o in options}
        key = name.lower().replace("_", "-").replace(" ", "-")
        return folded.get(key)
    return found[0]


def did_you_mean(name: str, choices: Iterable[str], what: str = "") -> str | None:
    """A hint naming the closest choice, or listing the choices when there are few.

    `what` names the kind of thing, e.g. "stations on layer 'systems'", for the listing.
    """
    options = _options(choices)
    if options is None:
        return None
    best = closest(name, options)
    if best is not None:
        return f"did you mean '{best}'?"
    if not options:
        return f"there are no {what}" if what else None
    if len(options) <= 8:
        listed = ", ".join(options)
        return f"expected one of: {listed}" if not what else f"{what}: {listed}"
    return None


def closest_hint(name: str, choices: Iterable[str]) -> str | None:
    """`did you mean 'x'?` for the closest choice, or None when nothing is close."""
    best = closest(name, choices)
    return f"did you mean '{best}'?" if best else None
