"""`transit-maps schema`: print the JSON Schema (draft 2020-12) of the map format."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..schema import map_schema


def add_parser(sub: Any) -> None:
    """Register the `schema` subcommand."""
    p = sub.add_parser(
        "schema",
        help="print the JSON Schema of the map format",
        description="Print the JSON Schema (draft 2020-12) of map files, for editor completion "
        "and other tools. `validate` checks more than the schema can express.",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the schema to FILE instead of stdout"
    )
    p.set_defaults(run=run)


def schema_text() -> str:
    """The schema as the command prints it: indented JSON ending in a newline."""
    return json.dumps(map_schema(), indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    text = schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(args.output).write_text(text, encoding="utf-8")
    except OSError as exc:
        print(
            f"transit-maps schema: error: cannot write {args.output}: {exc.strerror}",
            file=sys.stderr,
        )
        return 2
    return 0
