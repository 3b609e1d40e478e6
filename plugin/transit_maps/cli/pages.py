"""`transit-maps pages`: write the site's generated pages as markdown files.

For site generators that do not run MkDocs plugins (Zensical) and for inspecting what the plugin
generates. The pages use ```` ```transit-map ```` fences and relative `.md` links.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..loader import collect_maps, find_map_files


def add_parser(sub: Any) -> None:
    """Register the `pages` subcommand."""
    p = sub.add_parser(
        "pages",
        help="write the map, station and solution pages as markdown",
        description="Write the pages the MkDocs plugin generates (maps index, map, station, "
        "solution and coverage pages) as markdown files under OUT. Exit 0 when written, 1 when "
        "a map has problems (nothing is written), 2 on a usage error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="map files or folders (default: maps/)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="docs folder to write into")
    p.add_argument(
        "--prefix", default="maps", help="folder of the pages inside OUT (default: maps)"
    )
    p.add_argument("--tabs", action="store_true", help="layers as pymdownx.tabbed content tabs")
    p.add_argument("--no-station-pages", action="store_true", help="no station pages")
    p.add_argument("--no-solution-pages", action="store_true", help="no solution pages")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run the subcommand; returns the exit code."""
    # imported here: the site generator (markdown, jinja-like templates) costs the other
    # subcommands 30 ms of start-up they never use
    from ..site.pages import PageOptions, generate_pages
    from ..site.urls import normalise_prefix

    prefix = normalise_prefix(args.prefix)
    if not prefix:
        print("transit-maps pages: --prefix must name a folder", file=sys.stderr)
        return 2
    try:
        files = find_map_files(args.paths or ["maps"])
    except FileNotFoundError as exc:
        print(f"transit-maps pages: no such file or folder: {exc}", file=sys.stderr)
        return 2
    maps, problems = collect_maps(files)
    if problems:
        for problem in problems:
            print(problem)
        return 1
    options = PageOptions(
        prefix=prefix,
        station_pages=not args.no_station_pages,
        solution_pages=not args.no_solution_pages,
        tabs=args.tabs,
    )
    out = Path(args.output)
    pages = generate_pages(list(maps), options)
    for page in pages:
        target = out / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown, encoding="utf-8")
    print(f"wrote {len(pages)} pages under {out / prefix}", file=sys.stderr)
    return 0
