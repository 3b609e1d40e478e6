"""`transit-maps layout`: the geometry of one layer, as the layout JSON of DESIGN.md.

MAP is a map file, or the id of a map in `maps/`. `--json` prints the layout export on stdout;
`--stats` prints the quality figures of `transit_maps.layout.metrics` (on stdout alone, on stderr
next to `--json`); `--previous OLD.json` keeps stations where an earlier export had them.
Exit 0 on success, 1 when the map or the previous layout has problems (`PATH:LINE:COL: error:`),
2 on a usage error (unknown map or layer).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..errors import MapError, MapErrors
from ..loader import load_map
from .arguments import UsageError, map_path, pick_layer


def add_parser(sub: Any) -> None:
    """Register the `layout` subcommand."""
    p = sub.add_parser(
        "layout",
        help="lay out a layer of a map; print the layout JSON",
        description="Lay out one layer of a map as an octilinear transit map and print its "
        "geometry (stations, edge paths, label boxes) as JSON.",
    )
    p.add_argument("map", metavar="MAP", help="a map file, or the id of a map in maps/")
    p.add_argument("--layer", metavar="L", help="layer id (default: the map's first layer)")
    p.add_argument("--json", action="store_true", help="print the layout export on stdout")
    p.add_argument(
        "--stats",
        action="store_true",
        help="print the layout's quality figures (to stderr when --json is given too)",
    )
    p.add_argument(
        "--previous",
        metavar="OLD.json",
        help="an earlier `layout --json` export: keep its stations where they were",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    from ..layout import layout

    try:
        the_map = load_map(map_path(args.map))
        layer = pick_layer(the_map, args.layer)
        previous = _read_previous(args.previous) if args.previous else None
    except UsageError as exc:
        print(f"transit-maps layout: error: {exc}", file=sys.stderr)
        return 2
    except MapErrors as exc:
        for error in exc.errors:
            print(error)
        return 1
    result = layout(layer, the_map.id, previous=previous)
    if args.json or not args.stats:
        print(json.dumps(result.to_json(), indent=1))
    if args.stats:
        from ..layout.metrics import measure

        stats = json.dumps(measure(result, layer).as_dict(), indent=1)
        print(stats, file=sys.stderr if args.json else sys.stdout)
    return 0


def _read_previous(name: str) -> dict[str, Any]:
    """The parsed previous export; problems become located MapErrors."""
    try:
        text = Path(name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise MapErrors(
            [MapError(name, 1, 1, f"cannot read the previous layout: {reason}")]
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MapErrors(
            [MapError(name, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")]
        ) from None
    problem = _shape_problem(data)
    if problem:
        raise MapErrors(
            [MapError(name, 1, 1, problem, "pass a file written by `transit-maps layout --json`")]
        )
    return dict(data)


def _shape_problem(data: Any) -> str | None:
    if not isinstance(data, dict) or not isinstance(data.get("stations"), list):
        return "a previous layout must be an object with a 'stations' list"
    for i, s in enumerate(data["stations"]):
        ok = (
            isinstance(s, dict)
            and isinstance(s.get("id"), str)
            and all(
                isinstance(s.get(k), int | float) and not isinstance(s.get(k), bool)
                for k in ("x", "y")
            )
        )
        if not ok:
            return f"stations[{i}] needs an 'id' string and numbers 'x' and 'y'"
    return None
