"""`transit-maps layout`: (not yet implemented)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the `layout` subcommand."""
    p = sub.add_parser("layout", help="(not yet implemented)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    print("transit-maps layout: not implemented yet")
    return 2
