"""`transit-maps diff`: what changed between two versions of a map, and a picture of it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import MapErrors

FORMATS = ("text", "markdown", "json")


def add_parser(sub: Any) -> None:
    """Register the `diff` subcommand."""
    p = sub.add_parser(
        "diff",
        help="compare two versions of a map (files, folders, or a git revision)",
        description=(
            "Compare BASE with HEAD (two map files or two folders of maps), or with --rev the "
            "work tree's maps with a git revision. Exit 0 when equal, 1 when different, 2 on error."
        ),
    )
    p.add_argument(
        "paths", nargs="*", metavar="PATH", help="BASE HEAD, or with --rev: maps to compare"
    )
    p.add_argument("--rev", metavar="REV", help="compare the work tree with git revision REV")
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="report format (default: text)"
    )
    p.add_argument("--map", metavar="MAP", help="the map to draw when several changed (with -o)")
    p.add_argument(
        "--layer", metavar="L", help="the layer to draw (with -o; default: first changed)"
    )
    p.add_argument(
        "-o", "--output", metavar="OUT", help="also draw the visual diff to OUT.svg|OUT.png"
    )
    p.add_argument(
        "--theme", choices=("light", "dark"), default="light", help="theme of the drawing"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code (0 equal, 1 different, 2 error)."""
    from ..diff import format_json, format_markdown, format_text
    from ..diff.sources import DiffInputError, diff_paths, diff_revision
    from ..diff.visual import VisualDiffError, write_visual_diff

    try:
        if args.rev is not None:
            result = diff_revision(args.rev, args.paths or ["maps"])
        elif len(args.paths) == 2:
            result = diff_paths(Path(args.paths[0]), Path(args.paths[1]))
        else:
            return _usage("give BASE and HEAD, or --rev REV [PATH ...]")
        if args.output:
            write_visual_diff(
                result, Path(args.output), map_id=args.map, layer=args.layer, theme=args.theme
            )
    except MapErrors as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return 2
    except (DiffInputError, VisualDiffError, OSError) as exc:
        return _usage(str(exc))
    formatter = {"text": format_text, "markdown": format_markdown, "json": format_json}
    sys.stdout.write(formatter[args.format](result))
    return 0 if result.equal else 1


def _usage(message: str) -> int:
    print(f"transit-maps diff: error: {message}", file=sys.stderr)
    return 2
