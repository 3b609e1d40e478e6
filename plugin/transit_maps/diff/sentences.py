"""Changes as human sentences ("the Feedback line no longer stops at Validation").

The same sentences serve the plain-text and the markdown report; a `Style` decides how names and
ids are marked up (and escapes map text for markdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .changes import Change, Names, Value


@dataclass(frozen=True)
class Style:
    """How a sentence marks up names, ids and quoted text."""

    markdown: bool = False

    def name(self, text: str) -> str:
        """A title from the map file."""
        return f"**{md_escape(text)}**" if self.markdown else one_line(text)

    def code(self, text: str) -> str:
        """An id or other literal."""
        text = one_line(text)
        return f"`{text.replace('`', chr(39))}`" if self.markdown else text

    def quote(self, text: str) -> str:
        """Free text from the map file, quoted."""
        return f'"{md_escape(text)}"' if self.markdown else f'"{one_line(text)}"'


PLAIN = Style()
MARKDOWN = Style(markdown=True)

# Sentences for a whole thing that came or went: {name} is its title, {id} its id.
_WHOLE = {
    "map-added": "new map {name} ({id})",
    "map-removed": "map {name} ({id}) removed",
    "layer-added": "new layer {name} ({id})",
    "layer-removed": "layer {name} ({id}) removed",
    "zone-added": "new zone {name} ({id})",
    "zone-removed": "zone {name} ({id}) removed",
    "solution-added": "new solution {name} ({id})",
    "solution-removed": "solution {name} ({id}) removed",
}
# Edits: how the sentence names the thing, and the noun that goes before its id in a retitling.
_EDITED = {
    "map-edited": ("the map", ""),
    "layer-edited": ("layer {name}", "layer"),
    "line-edited": ("the {name} line", "line"),
    "zone-edited": ("the {name} zone", "zone"),
    "solution-edited": ("solution {name}", "solution"),
    "station-edited": ("{name}", "station"),
}
_FIELD_WORDS = {"at": "position hint", "url": "URL"}
# Reorderings: how a sentence names one item of the reordered list ({name} is its title).
_LISTED = {
    "layers-reordered": "layer {name}",
    "lines-reordered": "the {name} line",
    "zones-reordered": "the {name} zone",
    "solutions-reordered": "solution {name}",
}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def one_line(text: str) -> str:
    """Map text on one line, without control characters (no terminal escapes in a CI log)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def md_escape(text: str) -> str:
    """Escape map text so that markdown and HTML show it literally."""
    text = one_line(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a zero-width space after "@" keeps "@team" from notifying anyone in a PR comment
    return text.replace("@", "@&#8203;")


def sentences(change: Change, names: Names, style: Style = PLAIN) -> list[str]:
    """One or more sentences that say what `change` means."""
    return _Writer(change, names, style).write()


@dataclass(frozen=True)
class _Writer:
    c: Change
    names: Names
    s: Style

    def station(self, ident: str, layer: str | None = None) -> str:
        return self.s.name(self.names.of(layer or self.c.layer, "station", ident))

    def line(self) -> str:
        return _EDITED["line-edited"][0].format(name=self.s.name(self.c.title))

    def zone(self, ident: str) -> str:
        return f"the {self.s.name(self.names.of(self.c.layer, 'zone', ident))} zone"

    def ref(self, text: str) -> str:
        layer, _, station = text.rpartition("/")
        if ":" in layer:  # a station in another map: keep the reference as written
            return self.s.code(text)
        return f"{self.station(station, layer)} ({self.s.code(layer)})"

    def route(self, route: tuple[str, ...]) -> str:
        return " → ".join(self.station(s) for s in route)

    def edited(self, what: str, noun: str = "") -> list[str]:
        c, s = self.c, self.s
        if c.field == "title" and isinstance(c.before, str) and isinstance(c.after, str):
            who = f"{noun} {s.code(c.subject)}" if noun else what
            return [f"{who} renamed from {s.quote(c.before)} to {s.quote(c.after)}"]
        field = _FIELD_WORDS.get(c.field or "", c.field)
        if c.field in ("description", "summary", "links"):
            return [f"{what}: {field} edited"]
        return [f"{what}: {field} changed from {_show(c.before, s)} to {_show(c.after, s)}"]

    def write(self) -> list[str]:
        c, s = self.c, self.s
        name = s.name(c.title)
        if c.kind in _WHOLE:  # a whole map, layer, zone or solution came or went
            return [_WHOLE[c.kind].format(name=name, id=s.code(c.subject))]
        if c.kind in _LISTED:
            return self.reordered()
        if c.kind in _EDITED and not (c.kind == "station-edited" and c.field == "junction"):
            what, noun = _EDITED[c.kind]
            return self.edited(what.format(name=name), noun)
        handlers: dict[str, Callable[[str], list[str]]] = {
            "station-added": self.station_added,
            "station-removed": self.station_removed,
            "station-renamed": self.station_renamed,
            "station-edited": self.junction,
            "station-zone-changed": self.zone_move,
            "related-changed": self.related,
            "line-added": lambda name: [f"new line {name}: {self.routes_text(c.after)}"],
            "line-removed": lambda name: [
                f"line {name} removed (it ran {self.routes_text(c.before)})"
            ],
            "line-rerouted": lambda _: self.rerouted(),
            "coverage-changed": self.coverage,
            "adds-changed": self.adds,
        }
        return handlers[c.kind](name)

    def listed(self, ident: str) -> str:
        """One item of a reordered list, by its title."""
        kind = self.c.kind
        if kind == "layers-reordered":
            title = self.names.layers.get(ident, ident)
        else:
            title = self.names.of(self.c.layer, kind.removesuffix("s-reordered"), ident)
        return _LISTED[kind].format(name=self.s.name(title))

    def reordered(self) -> list[str]:
        before, after = _ids(self.c.before), _ids(self.c.after)
        now = [i for i in after if i in before]
        out = []
        for ident in moved(before, after):
            i = now.index(ident)
            if i + 1 < len(now):
                where = f"before {self.listed(now[i + 1])}"
            else:
                where = f"after {self.listed(now[i - 1])}"
            out.append(f"{self.listed(ident)} is now listed {where}")
        return out

    def station_added(self, name: str) -> list[str]:
        return [f"new station {name} ({self.s.code(self.c.subject)}){self.on_lines(self.c.gained)}"]

    def station_removed(self, name: str) -> list[str]:
        lines = self.on_lines(self.c.lost, "was ")
        return [f"station {name} ({self.s.code(self.c.subject)}) removed{lines}"]

    def station_renamed(self, name: str) -> list[str]:
        c, s = self.c, self.s
        if c.field == "id":
            return [f"station {s.code(str(c.before))} renamed to {s.code(str(c.after))} ({name})"]
        before, after = s.quote(str(c.before)), s.quote(str(c.after))
        return [f"station {s.code(c.subject)} renamed from {before} to {after}"]

    def junction(self, name: str) -> list[str]:
        return [f"{name} is {'now' if self.c.after else 'no longer'} a junction"]

    def related(self, name: str) -> list[str]:
        out = []
        if self.c.gained:
            out.append(f"{name} is now linked to {_join([self.ref(r) for r in self.c.gained])}")
        if self.c.lost:
            out.append(f"{name} is no longer linked to {_join([self.ref(r) for r in self.c.lost])}")
        return out

    def adds(self, name: str) -> list[str]:
        out = [f"{name} now adds {self.s.quote(a)}" for a in self.c.gained]
        return out + [f"{name} no longer adds {self.s.quote(a)}" for a in self.c.lost]

    def on_lines(self, lines: tuple[str, ...], prefix: str = "") -> str:
        if not lines:
            return ""
        titles = [self.s.name(self.names.of(self.c.layer, "line", li)) for li in lines]
        plural = "lines" if len(titles) > 1 else "line"
        text = f"on the {_join(titles)} {plural}"
        return f" ({prefix}{text})" if prefix else f" {text}"

    def zone_move(self, name: str) -> list[str]:
        before, after = self.c.before, self.c.after
        if before is None:
            return [f"{name} moved into {self.zone(str(after))}"]
        if after is None:
            return [f"{name} moved out of {self.zone(str(before))}"]
        return [f"{name} moved from {self.zone(str(before))} into {self.zone(str(after))}"]

    def coverage(self, name: str) -> list[str]:
        return [self.coverage_sentence(name)]

    def coverage_sentence(self, name: str) -> str:
        where = self.c.layer or ""
        target = (
            self.ref(f"{where}/{self.c.station}")
            if ":" in where
            else self.station(str(self.c.station), where)
        )
        was, now = self.c.before, self.c.after
        if now == "covered":
            return f"{name} now {'fully ' if was == 'partial' else ''}covers {target}"
        if now == "partial":
            only = "only " if was == "covered" else ""
            return f"{name} now {only}partly covers {target}"
        partly = "partly " if was == "partial" else ""
        return f"{name} no longer {partly}covers {target}"

    def routes_text(self, routes: Value) -> str:
        parts = _routes(routes)
        if not parts:
            return "no stations"
        text = self.route(parts[0])
        if len(parts) > 1:
            text += "; branches " + "; ".join(self.route(r) for r in parts[1:])
        return text

    def rerouted(self) -> list[str]:
        c = self.c
        before, after = _routes(c.before), _routes(c.after)
        out = [
            f"{self.line()} now stops at {self.station(s)}{self.where(s, after)}" for s in c.gained
        ]
        out += [f"{self.line()} no longer stops at {self.station(s)}" for s in c.lost]
        skip = set(c.gained) | set(c.lost)
        was = [tuple(x for x in r if x not in skip) for r in before]
        now = [tuple(x for x in r if x not in skip) for r in after]
        if was[:1] != now[:1] and now:
            out.append(f"{self.line()} now runs {self.route(after[0])}")
        # A branch that only existed to reach a gained or lost stop is told by that stop.
        for branch in after[1:]:
            rest = tuple(x for x in branch if x not in skip)
            if len(rest) > 1 and rest not in was[1:]:
                out.append(f"{self.line()} gained a branch {self.route(branch)}")
        for branch in before[1:]:
            rest = tuple(x for x in branch if x not in skip)
            if len(rest) > 1 and rest not in now[1:]:
                out.append(f"{self.line()} lost its branch {self.route(branch)}")
        return out or [f"{self.line()} now runs {self.routes_text(c.after)}"]

    def where(self, station: str, routes: list[tuple[str, ...]]) -> str:
        for route in routes:
            if station in route:
                i = route.index(station)
                prev = route[i - 1] if i > 0 else None
                nxt = route[i + 1] if i + 1 < len(route) else None
                if prev and nxt:
                    return f", between {self.station(prev)} and {self.station(nxt)}"
                if prev:
                    return f", after {self.station(prev)}"
                if nxt:
                    return f", before {self.station(nxt)}"
        return ""


def moved(before: list[str], after: list[str]) -> list[str]:
    """The ids whose place changed, in head order: those off a longest common subsequence.

    Ids listed by one version only are left out. Moving one item reports that item alone;
    of two swapped neighbours, the one now listed first.
    """
    was = [i for i in before if i in after]
    now = [i for i in after if i in before]
    # lengths[i][j]: the longest common subsequence of was[i:] and now[j:]
    lengths = [[0] * (len(now) + 1) for _ in range(len(was) + 1)]
    for i in range(len(was) - 1, -1, -1):
        for j in range(len(now) - 1, -1, -1):
            if was[i] == now[j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    kept: set[str] = set()
    i = j = 0
    while i < len(was) and j < len(now):
        if was[i] == now[j]:
            kept.add(now[j])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] > lengths[i][j + 1]:
            i += 1
        else:  # on a tie the item the head lists earlier counts as moved: "X is now before Y"
            j += 1
    return [ident for ident in now if ident not in kept]


def _ids(value: Value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, tuple) else []


def _routes(value: Value) -> list[tuple[str, ...]]:
    if not isinstance(value, tuple):
        return []
    return [tuple(str(s) for s in r) for r in value if isinstance(r, tuple)]


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _show(value: Value, style: Style) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return style.code("[" + ", ".join(_plain(v) for v in value) + "]")
    return style.code(_plain(value))


def _plain(value: Value) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    if isinstance(value, tuple):
        return "[" + ", ".join(_plain(v) for v in value) + "]"
    return str(value)
