"""What a ```` ```transit-map ```` fence body means, checked against the site's maps.

`FenceRenderer.render(body)` never raises: a bad option becomes an error box in the page and a
message (naming the page and the bad name) to the `warn` callback.
"""

from __future__ import annotations

import bisect
import difflib
import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MapError, MapErrors
from ..loader import collect_maps, find_map_files, load_map_text
from ..model import Map
from .diagrams import StationLink, diagram_html, digest
from .fence_yaml import HEADER_LINES, FenceProblem, inline_map_text, key_line, read_body

Warn = Callable[[str], None]
OPTIONS = ("map", "layer", "highlight", "solution", "legend")
INLINE_MAP_KEYS = ("title", "summary", "lines", "stations", "zones", "description", "kind")


def load_folder(folder: Path) -> tuple[dict[str, Map], dict[str, str], tuple[MapError, ...]]:
    """Every map in a folder that loads, their content digests, and every problem found."""
    if not folder.is_dir():
        return {}, {}, ()
    files = find_map_files([folder])
    maps, errors = collect_maps(list(files))
    # each map's digest comes from the file it was loaded from (two files of one id, in
    # different sub-folders, are an error, and the second is not among `maps`)
    digests = {m.id: digest(Path(m.path).read_bytes()) for m in maps if m.path is not None}
    return {m.id: m for m in maps}, digests, errors


def did_you_mean(name: str, choices: Any) -> str:
    """A `(did you mean 'x'?)` suffix, or '' when nothing is close."""
    close = difflib.get_close_matches(name, [str(c) for c in choices], n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


@dataclass
class FenceRenderer:
    """Renders fence bodies against `maps`; `page` names the page being converted."""

    maps: Mapping[str, Map]
    digests: Mapping[str, str]
    link: StationLink | None = None
    warn: Warn | None = None
    legend: bool = True
    page: str = ""
    _count: int = field(default=0, repr=False)
    _lines: list[str] = field(default_factory=list, repr=False)
    _next_line: int = field(default=0, repr=False)
    _where: dict[str, list[int]] = field(default_factory=dict, repr=False)

    def start_page(self, page: str, markdown: str = "") -> None:
        """Name the page whose fences come next (for messages) and restart element ids.

        With the page's `markdown`, messages also give the line in the page.
        """
        self.page = page
        self._count = 0
        self._lines = [line.strip() for line in markdown.splitlines()]
        self._next_line = 0
        # Where each line occurs: a body is then looked for only where its first line is.
        self._where = {}
        for number, line in enumerate(self._lines):
            self._where.setdefault(line, []).append(number)

    def render(self, body: str) -> str:
        """HTML for one fence body: the diagram, or an error box."""
        self._count += 1
        first_line = self._locate(body)
        try:
            return self._render(body)
        except FenceProblem as problem:
            where = f"{self.page}: " if self.page else ""
            at = ""
            if first_line is not None:
                at = f" at line {first_line + (problem.line or 1) - 1}"
            message = f"{where}transit-map fence{at}: {problem}"
            if self.warn is not None:
                self.warn(message)
            return (
                '<div class="admonition failure transit-map-error">'
                '<p class="admonition-title">transit-map</p>'
                f"<p>{html.escape(str(problem))}</p></div>"
            )

    def _locate(self, body: str) -> int | None:
        """The page line (1-based) where this fence's body starts, when the page is known.

        Fences convert in page order, so each is searched for after the one before. Lines are
        compared stripped: a fence in a tab or an admonition reaches us dedented.
        """
        wanted = [line.strip() for line in body.splitlines()]
        if not wanted or not self._lines:
            return None
        starts = self._where.get(wanted[0], [])
        for start in starts[bisect.bisect_left(starts, self._next_line) :]:
            if self._lines[start : start + len(wanted)] == wanted:
                self._next_line = start + len(wanted)
                return start + 1
        return None

    def _render(self, body: str) -> str:
        data, root = read_body(body)
        try:
            return self._options(data, body, root)
        except FenceProblem as problem:
            if problem.line is None and problem.key is not None:
                problem.line = key_line(root, problem.key)
            raise

    def _options(self, data: dict[str, Any], body: str, root: Any) -> str:
        if "map" not in data and "lines" in data and root is not None:
            return self._inline(data, body, root)
        unknown = sorted(str(k) for k in data if k not in OPTIONS)
        if unknown:
            raise FenceProblem(
                f"unknown option '{unknown[0]}'{did_you_mean(unknown[0], OPTIONS)}"
                f"; options are {', '.join(OPTIONS)}, or `lines:` for an inline map",
                key=unknown[0],
            )
        the_map = self._pick_map(data.get("map"))
        layer_id = data.get("layer", the_map.layers[0].id if the_map.layers else None)
        layer_ids = [layer.id for layer in the_map.layers]
        if layer_id not in layer_ids:
            raise FenceProblem(
                f"unknown layer '{layer_id}' in map '{the_map.id}'"
                + did_you_mean(str(layer_id), layer_ids),
                key="layer",
            )
        layer = the_map.layer(str(layer_id))
        highlight = _names(data.get("highlight"), "highlight")
        for station in highlight:
            if not layer.has_station(station):
                hint = did_you_mean(station, [s.id for s in layer.stations])
                raise FenceProblem(
                    f"unknown station '{station}' in layer '{layer.id}' of map "
                    f"'{the_map.id}'{hint}",
                    key="highlight",
                )
        solution = None
        if data.get("solution") is not None:
            solution_id = str(data["solution"])
            ids = [s.id for s in the_map.solutions]
            if solution_id not in ids:
                raise FenceProblem(
                    f"unknown solution '{solution_id}' in map '{the_map.id}'"
                    + did_you_mean(solution_id, ids),
                    key="solution",
                )
            solution = the_map.solution(solution_id)
        return diagram_html(
            the_map,
            layer,
            content_digest=self.digests.get(the_map.id) or digest(repr(the_map)),
            link=self.link,
            highlight=highlight,
            solution=solution,
            id_prefix=f"tm{self._count}",
            legend=_legend(data, self.legend),
        )

    def _pick_map(self, name: object) -> Map:
        if name is None:
            if len(self.maps) == 1:
                return next(iter(self.maps.values()))
            raise FenceProblem(
                "say which map with `map:` (the site has "
                f"{len(self.maps)} maps: {', '.join(sorted(self.maps)) or 'none'})"
            )
        if str(name) not in self.maps:
            raise FenceProblem(
                f"unknown map '{name}'{did_you_mean(str(name), sorted(self.maps))}", key="map"
            )
        return self.maps[str(name)]

    def _inline(self, data: dict[str, Any], body: str, root: Any) -> str:
        """A one-layer map defined in the fence: map keys, plus `highlight` and `legend`."""
        highlight = _names(data.get("highlight"), "highlight")
        legend = _legend(data, self.legend)
        allowed = (*INLINE_MAP_KEYS, "highlight", "legend")
        unknown = sorted(str(k) for k in data if k not in allowed)
        if unknown:
            raise FenceProblem(
                f"unknown key '{unknown[0]}' in an inline map"
                + did_you_mean(unknown[0], INLINE_MAP_KEYS),
                key=unknown[0],
            )
        text, extra, in_place = inline_map_text(body, root)
        # Map-level keys go after the layer: the body's lines keep their places.
        text += "".join(
            f"{key}: {json.dumps(extra[key], default=str)}\n"
            for key in ("title", "summary")
            if key in extra
        )
        try:
            the_map = load_map_text(text, "inline transit-map", "inline")
        except MapErrors as exc:
            raise _inline_problem(exc.errors, body if in_place else "") from None
        layer = the_map.layers[0]
        for station in highlight:
            if not layer.has_station(station):
                hint = did_you_mean(station, [s.id for s in layer.stations])
                raise FenceProblem(
                    f"unknown station '{station}' in the inline map{hint}", key="highlight"
                )
        return diagram_html(
            the_map,
            layer,
            content_digest=digest(body),
            highlight=highlight,
            id_prefix=f"tm{self._count}",
            legend=legend,
        )


def _inline_problem(errors: tuple[MapError, ...], body: str) -> FenceProblem:
    """The loader's errors about an inline map, with lines of the fence body."""
    body_lines = len(body.splitlines())
    parts: list[str] = []
    first: int | None = None
    for error in errors:
        line = error.line - HEADER_LINES
        located = 1 <= line <= body_lines
        if located and first is None:
            first = line
        hint = f" ({error.hint})" if error.hint else ""
        parts.append(f"{error.message}{hint}" + (f" [fence line {line}]" if located else ""))
    return FenceProblem("; ".join(parts) or "invalid inline map", first)


def _legend(data: dict[str, Any], default: bool) -> bool:
    value = data.get("legend", default)
    if not isinstance(value, bool):
        raise FenceProblem("`legend` must be true or false", key="legend")
    return value


def _names(value: object, option: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return tuple(str(v) for v in value)
    raise FenceProblem(f"`{option}` must be a station id or a list of station ids", key=option)
