"""The `transit-maps` command line: the only code that parses argv.

Each subcommand lives in its own module with `add_parser(subparsers)` and `run(args) -> int`.
Exit codes: 0 fine, 1 the input has problems, 2 usage error. No traceback reaches the user for
bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from types import ModuleType


def commands() -> tuple[ModuleType, ...]:
    """The subcommand modules, in the order `--help` lists them."""
    from . import diff, layout, pages, render, schema, validate

    return (validate, schema, layout, render, diff, pages)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="transit-maps",
        description="Validate, lay out and render transit maps of machine-learning systems.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module in commands():
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `transit-maps` script; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
