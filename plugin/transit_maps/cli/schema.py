"""`transit-maps schema`: (not yet implemented)."""

from __future__ import annotations

import argparse
from typing import Any


def add_parser(sub: Any) -> None:
    """Register the `schema` subcommand."""
    p = sub.add_parser("schema", help="(not yet implemented)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    print("transit-maps schema: not implemented yet")
    return 2
