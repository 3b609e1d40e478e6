"""Render benchmark: wall time of `render_svg` (and of PNG export) on large maps.

Two inputs: a synthetic 200-station layout built directly (10 rows of 20 stations; each row
carries a two-line bundle that dips through 45° bends and then splits, in five fare zones, so
bundles, corners, jogs, interchanges, ticks, termini and zones are all exercised), and the largest
corpus map (Vienna, 99 stations) laid out by the current engine (layout time not counted).
Each figure is the median of several runs, after one warm-up run.

Usage: python benchmarks/render.py [--runs N] [--png]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from transit_maps.layout.dimensions import GRID, marker_radius
from transit_maps.layout.geometry import (
    Box,
    Label,
    Layout,
    LineStyle,
    PlacedEdge,
    PlacedStation,
    ZoneArea,
)
from transit_maps.layout.text import LINE_HEIGHT, text_width
from transit_maps.render import RenderOptions, render_svg

# as in tests/paths.py: never copied into the repo; TRANSIT_MAPS_CORPUS names another folder
CORPUS = Path(
    os.environ.get("TRANSIT_MAPS_CORPUS")
    or Path(__file__).resolve().parents[2] / "shared" / "corpus"
)
COLOURS = ("#e4002b", "#0098d4", "#00a650", "#8f4d9f", "#f18a00", "#6c757d", "#a0522d")


def synthetic(rows: int = 10, per_row: int = 20) -> Layout:
    """`rows` x `per_row` stations: bundled rows with a bend, split ends and vertical feeders."""
    stations: list[PlacedStation] = []
    edges: list[PlacedEdge] = []
    lines: list[LineStyle] = []
    spacing = 2 * GRID
    for r in range(rows):
        a, b = f"r{r}a", f"r{r}b"
        lines += [LineStyle(a, COLOURS[(2 * r) % 7], a), LineStyle(b, COLOURS[(2 * r + 1) % 7], b)]
        for c in range(per_row):
            sid = f"s{r}-{c}"
            x, y = c * spacing + (spacing if c >= per_row // 2 else 0), r * 3 * GRID
            on = (a, b) if c < per_row // 2 else ((a,) if c % 2 else (b,))
            title = f"Stop {r}.{c}"
            w = text_width(title)
            r0 = marker_radius(len(on)) + 4
            label = Label(Box(x - w / 2, y - r0 - LINE_HEIGHT, w, LINE_HEIGHT), (title,), "middle")
            stations.append(
                PlacedStation(
                    sid, x, y, False, label, title, on, len(on) > 1, c in (0, per_row - 1)
                )
            )
        for c in range(per_row - 1):
            s, t = stations[-per_row + c], stations[-per_row + c + 1]
            shared = tuple(line for line in (a, b) if line in s.lines and line in t.lines)
            path: tuple[tuple[float, float], ...] = ((s.x, s.y), (t.x, t.y))
            if c == per_row // 2 - 1:  # the bend: east, diagonal down and back up
                down = s.y + GRID / 2
                path = ((s.x, s.y), (s.x + GRID / 2, s.y), (s.x + GRID, down), (t.x - GRID, down))
                path += ((t.x - GRID / 2, t.y), (t.x, t.y))
            edges.append(PlacedEdge(s.id, t.id, shared or s.lines[:1], path))
    width = max(s.x for s in stations) + 2 * GRID
    height = max(s.y for s in stations) + 2 * GRID
    # One fare zone per pair of rows, so zone regions and name placement are timed too.
    zones = tuple(
        ZoneArea(f"z{r}", f"Zone {r}", tuple(s.id for s in stations if s.id.startswith(rows_of)))
        for r in range(0, rows, 2)
        for rows_of in [(f"s{r}-", f"s{r + 1}-")]
    )
    return Layout(
        "synthetic", "main", width, height, tuple(stations), tuple(edges), tuple(lines), zones
    )


def vienna() -> Layout:
    """The Vienna corpus map, laid out by the current engine."""
    from transit_maps.layout import layout
    from transit_maps.loader import load_map

    m = load_map(CORPUS / "loom-wien.yaml")
    return layout(m.layers[0], m.id)


def median_seconds(work: Callable[[], object], runs: int) -> float:
    """Median wall time of `work` over `runs` runs, after one warm-up."""
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Print one line per input: stations, edges, median render time, SVG size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--png", action="store_true", help="also time PNG export")
    args = parser.parse_args(argv)
    inputs = [("synthetic 200", synthetic)]
    if (CORPUS / "loom-wien.yaml").exists():
        inputs.append(("vienna (corpus)", vienna))
    for name, make in inputs:
        laid = make()
        options = RenderOptions(
            theme="auto",
            title=name,
            station_urls={s.id: f"{s.id}/" for s in laid.stations},
            highlight=tuple(s.id for s in laid.stations[:10]),
        )
        svg = render_svg(laid, options)
        seconds = median_seconds(lambda laid=laid, o=options: render_svg(laid, o), args.runs)
        line = (
            f"{name:16} stations={len(laid.stations):4} edges={len(laid.edges):4} "
            f"render_svg median={seconds * 1000:.1f} ms  svg={len(svg) / 1024:.0f} KiB"
        )
        if args.png:
            from transit_maps.render.png import render_png

            png = median_seconds(lambda svg=svg: render_png(svg), max(3, args.runs // 5))
            line += f"  render_png median={png * 1000:.0f} ms"
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
