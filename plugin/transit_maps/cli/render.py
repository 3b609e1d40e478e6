"""`transit-maps render`: draw one layer of a map as SVG or PNG.

MAP is a map file, or the id of a map in `maps/` (`maps/<id>.yaml`). Exit 0 on success, 1 when the
map file has problems (printed as `PATH:LINE:COL: error: ...`) or PNG export is unavailable, 2 on
a usage error: an unknown map, layer, solution or station, or an output name that is neither
`.svg` nor `.png`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import MapErrors
from ..loader import load_map
from ..model import Layer, Map, Ref
from ..suggest import did_you_mean
from .arguments import UsageError, map_path, pick_layer

if TYPE_CHECKING:  # render and layout pull in the layout engine: import them only when rendering
    from ..render import RenderOptions

Coverage = Literal["covered", "partial", "missing"]


def add_parser(sub: Any) -> None:
    """Register the `render` subcommand."""
    p = sub.add_parser(
        "render",
        help="draw a layer of a map as SVG or PNG",
        description="Draw one layer of a map as a standalone SVG (or PNG) transit map.",
    )
    p.add_argument("map", metavar="MAP", help="a map file, or the id of a map in maps/")
    p.add_argument("--layer", metavar="L", help="layer id (default: the map's first layer)")
    p.add_argument("--solution", metavar="S", help="overlay a solution's coverage")
    p.add_argument(
        "--highlight", metavar="ID", nargs="+", default=[], help="station ids to emphasise"
    )
    p.add_argument("--theme", choices=("light", "dark"), default="light", help="default: light")
    p.add_argument(
        "--scale", type=float, default=1.0, metavar="N", help="PNG size factor (default: 1)"
    )
    p.add_argument("--no-legend", dest="legend", action="store_false", help="leave out the legend")
    p.add_argument(
        "-o", "--output", metavar="OUT", help="OUT.svg or OUT.png (default: SVG on stdout)"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    try:
        output = _output_kind(args.output)
        if not args.scale > 0:
            raise UsageError(f"--scale must be a positive number, not {args.scale:g}")
        path = map_path(args.map)
        the_map = load_map(path)
        layer = pick_layer(the_map, args.layer)
        options = render_options(the_map, layer, args.solution, args.highlight, args.theme)
    except UsageError as exc:
        print(f"transit-maps render: error: {exc}", file=sys.stderr)
        return 2
    except MapErrors as exc:
        for error in exc.errors:
            print(error)
        return 1
    except OSError as exc:
        print(f"transit-maps render: error: cannot read {args.map}: {exc}", file=sys.stderr)
        return 2
    from ..layout import layout
    from ..render import render_svg

    svg = render_svg(layout(layer, the_map.id), replace(options, legend=args.legend))
    if output == "stdout":
        sys.stdout.write(svg)
        return 0
    if output == "svg":
        return _write(args.output, svg.encode("utf-8"))
    from ..render.png import PngUnavailable, render_png

    try:
        data = render_png(svg, scale=args.scale)
    except PngUnavailable as exc:
        print(f"transit-maps render: error: {exc}", file=sys.stderr)
        return 1
    return _write(args.output, data)


def _output_kind(output: str | None) -> str:
    if output is None or output == "-":
        return "stdout"
    suffix = Path(output).suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UsageError(f"output '{output}' must end in .svg or .png")
    return suffix[1:]


def _write(output: str, data: bytes) -> int:
    try:
        Path(output).write_bytes(data)
    except OSError as exc:
        print(f"transit-maps render: error: cannot write {output}: {exc}", file=sys.stderr)
        return 2
    return 0


def coverage(the_map: Map, layer: Layer, solution_id: str) -> dict[str, Coverage]:
    """How the solution covers each station of the layer (junctions left out)."""
    try:
        solution = the_map.solution(solution_id)
    except KeyError:
        hint = did_you_mean(solution_id, (s.id for s in the_map.solutions), "solutions")
        suffix = f" ({hint})" if hint else ""
        raise UsageError(f"map '{the_map.id}' has no solution '{solution_id}'{suffix}") from None
    out: dict[str, Coverage] = {}
    for station in layer.stations:
        if station.junction:
            continue
        local = solution.coverage(Ref(layer.id, station.id))
        explicit = solution.coverage(Ref(layer.id, station.id, the_map.id))
        out[station.id] = local if local != "missing" else explicit
    return out


def render_options(
    the_map: Map,
    layer: Layer,
    solution_id: str | None,
    highlight: list[str],
    theme: Literal["light", "dark"],
) -> RenderOptions:
    """RenderOptions for a standalone export of `layer`, checking every name given."""
    from ..render import RenderOptions

    for station_id in highlight:
        if not layer.has_station(station_id):
            hint = did_you_mean(station_id, (s.id for s in layer.stations), "stations")
            suffix = f" ({hint})" if hint else ""
            raise UsageError(f"layer '{layer.id}' has no station '{station_id}'{suffix}")
    cover = coverage(the_map, layer, solution_id) if solution_id else None
    solution_title = the_map.solution(solution_id).title if solution_id else ""
    title = the_map.title if len(the_map.layers) == 1 else f"{the_map.title}: {layer.title}"
    return RenderOptions(
        theme=theme,
        title=title,
        description=layer.description or the_map.summary,
        highlight=tuple(highlight),
        coverage=cover,
        solution=solution_title,
        id_prefix=f"tm-{the_map.id}-{layer.id}",
    )
