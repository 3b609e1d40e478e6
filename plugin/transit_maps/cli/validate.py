"""`transit-maps validate`: check map files and print every problem as `PATH:LINE:COL: error:`.

Problems go to stdout, one per line (a hint, when there is one, ends the same line in
parentheses), so editors and CI can read them; the summary goes to stderr.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

from ..errors import MapError, printable
from ..loader import collect_maps, find_map_files


def add_parser(sub: Any) -> None:
    """Register the `validate` subcommand."""
    p = sub.add_parser(
        "validate",
        help="check map files; print PATH:LINE:COL: error: lines",
        description="Check map files (or every *.yaml / *.yml in the folders given and their "
        "sub-folders, hidden ones skipped) strictly, including references between them. "
        "Exit 0 when all are valid, 1 when any has problems, 2 on a usage error.",
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="map files or folders, searched with their sub-folders (default: maps/)",
    )
    p.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text: PATH:LINE:COL: error: MESSAGE (default); "
        "github: ::error workflow commands that annotate a pull request",
    )
    p.set_defaults(run=run)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: MapError) -> str:
    """One problem as a GitHub Actions workflow command (`::error file=...::message`)."""
    message = printable(error.message + (f" (hint: {error.hint})" if error.hint else ""))
    return (
        f"::error file={_escape_property(printable(error.path))},line={error.line},"
        f"col={error.column}::{_escape_data(message)}"
    )


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    raw: list[str] = args.paths or ["maps"]
    try:
        files = find_map_files(raw)
    except FileNotFoundError as exc:
        print(f"transit-maps validate: error: no such file or folder: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = exc.filename or ", ".join(raw)
        print(f"transit-maps validate: error: cannot read {where}: {exc.strerror}", file=sys.stderr)
        return 2
    if not files:
        where = ", ".join(raw)
        print(
            f"transit-maps validate: error: no map files (*.yaml, *.yml) in {where}",
            file=sys.stderr,
        )
        return 2
    maps, errors = collect_maps(files)
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A terminal that cannot show 'é' gets '\xe9' rather than a traceback.
        sys.stdout.reconfigure(errors="backslashreplace")
    for error in errors:
        print(github_annotation(error) if args.format == "github" else str(error))
    sys.stdout.flush()
    noun = "file" if len(files) == 1 else "files"
    if errors:
        bad = len({Path(e.path) for e in errors})
        problems = "problem" if len(errors) == 1 else "problems"
        print(f"{len(errors)} {problems} in {bad} of {len(files)} map {noun}", file=sys.stderr)
        return 1
    print(f"{len(maps)} map {noun} valid", file=sys.stderr)
    return 0
