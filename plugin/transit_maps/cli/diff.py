"""`transit-maps diff`: (not yet implemented)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the `diff` subcommand."""
    p = sub.add_parser("diff", help="(not yet implemented)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    print("transit-maps diff: not implemented yet")
    return 2
