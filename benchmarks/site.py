"""Site benchmark: what the plugin costs in a build, and how a big site rebuilds.

1. The example site (this repository's mkdocs.yml, docs/ and maps/), built three ways in fresh
   processes: without the plugin (fences stay code blocks), with the plugin but without station
   and solution pages, and with everything.
2. A synthetic site of 20 maps × 100 stations (one layer each: a 5 × 5 grid of ten crossing lines
   with stops between the crossings), mkdocs-material theme:
   - cold: `mkdocs build` in a fresh process (nothing cached);
   - warm: in one process, as `mkdocs serve` does: build, change one map (one more station),
     build again; the second build lays out only the changed map.
   Targets from the issue: cold < 60 s, warm < 5 s.

Usage: python benchmarks/site.py [--maps N] [--stations N] [--skip-example]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
COLD_TARGET, WARM_TARGET = 60.0, 5.0
COLORS = ["#e4002b", "#0098d4", "#00a650", "#8f4d9f", "#ffd300", "#f58220", "#6d6e71", "#a05a2c"]


def synthetic_map(seed: int, stations: int = 100, size: int = 5) -> dict[str, Any]:
    """A `size` × `size` grid of crossing lines with `stations` stations in all."""
    slots = [(k, i, s) for s in range(size - 1) for i in range(size) for k in ("row", "col")]
    extra: dict[tuple[str, int, int], int] = {}
    for j in range(stations - size * size):
        slot = slots[(j * 7 + seed) % len(slots)]
        extra[slot] = extra.get(slot, 0) + 1
    lines: dict[str, Any] = {}
    for kind in ("row", "col"):
        for i in range(size):
            route: list[str] = []
            for p in range(size):
                r, c = (i, p) if kind == "row" else (p, i)
                route.append(f"x{r}-{c}")
                if p < size - 1:
                    route += [f"{kind}{i}-{p}-{k}" for k in range(extra.get((kind, i, p), 0))]
            lines[f"{kind}{i}"] = {"color": COLORS[len(lines) % len(COLORS)], "stations": route}
    return {
        "title": f"Synthetic system {seed}",
        "summary": "A generated grid network for the site benchmark.",
        "layers": {"systems": {"title": "Systems", "lines": lines}},
    }


def write_synthetic_site(root: Path, maps: int, stations: int) -> None:
    (root / "maps").mkdir(parents=True)
    (root / "docs").mkdir()
    for seed in range(maps):
        text = yaml.safe_dump(synthetic_map(seed, stations), sort_keys=False)
        (root / "maps" / f"system-{seed:02d}.yaml").write_text(text, encoding="utf-8")
    (root / "docs" / "index.md").write_text(
        "# Synthetic\n\n```transit-map\nmap: system-00\n```\n", encoding="utf-8"
    )
    config = {
        "site_name": "Synthetic",
        "theme": {"name": "material", "font": False},
        "markdown_extensions": [
            "pymdownx.superfences",
            {"pymdownx.tabbed": {"alternate_style": True}},
        ],
        "plugins": ["search", "transit-maps"],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")


def timed_build(root: Path) -> float:
    """Wall time of `mkdocs build` in a fresh process (fails loudly on a failed build)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "_site")],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{done.stdout}{done.stderr}")
    return elapsed


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def example_site(work: Path) -> list[tuple[str, float, int]]:
    rows = []
    variants = {
        "without the plugin": None,
        "plugin, no station or solution pages": {"station_pages": False, "solution_pages": False},
        "plugin, all pages": {},
    }
    for name, options in variants.items():
        root = work / name.replace(" ", "-").replace(",", "")
        root.mkdir()
        for part in ("docs", "maps"):
            shutil.copytree(REPO / part, root / part)
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        if options is None:
            config = config.replace("  - transit-maps:", "  - removed-transit-maps:")
            config = config.split("  - removed-transit-maps:")[0] + "\nnav:\n  - index.md\n"
        elif options:
            extra = "".join(f"      {k}: {str(v).lower()}\n" for k, v in options.items())
            config = config.replace(
                "      url_prefix: maps/\n", f"      url_prefix: maps/\n{extra}"
            )
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        seconds = timed_build(root)
        rows.append((name, seconds, pages(root / "_site")))
    return rows


def warm_rebuild(root: Path, dirty: bool) -> tuple[float, float, int]:
    """(first build, rebuild after one map changed, layers laid out again), in one process.

    As `mkdocs serve` (or `mkdocs serve --dirty` when `dirty`) does: one plugin instance, one
    layout cache, a new config for each build.
    """
    os.environ.update(ENV)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from transit_maps.site import diagrams

    site = root / ("_dirty" if dirty else "_warm")

    def once() -> float:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
        start = time.perf_counter()
        build(config, dirty=dirty)
        return time.perf_counter() - start

    cwd = Path.cwd()
    os.chdir(root)
    startup = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    startup.plugins.on_startup(command="serve", dirty=dirty)
    try:
        first = once()
        misses = diagrams.stats["misses"]
        maps = sorted((root / "maps").glob("*.yaml"))
        changed = maps[len(maps) // 2]
        data = yaml.safe_load(changed.read_text(encoding="utf-8"))
        data["layers"]["systems"]["lines"]["row0"]["stations"].insert(
            1, "added-dirty" if dirty else "added"
        )
        changed.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        second = once()
    finally:
        startup.plugins.on_shutdown()
        os.chdir(cwd)
    return first, second, diagrams.stats["misses"] - misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=int, default=20)
    parser.add_argument("--stations", type=int, default=100)
    parser.add_argument("--skip-example", action="store_true")
    args = parser.parse_args()
    print(f"# Site benchmark ({platform.python_version()}, {os.cpu_count()} CPUs)\n")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_example:
            print("## Example site (docs/ and maps/ of this repository)\n")
            print("| build | seconds | HTML pages |\n| --- | ---: | ---: |")
            for name, seconds, count in example_site(work):
                print(f"| {name} | {seconds:.1f} | {count} |")
            print()
        root = work / "synthetic"
        write_synthetic_site(root, args.maps, args.stations)
        cold = timed_build(root)
        count = pages(root / "_site")
        first, second, laid_out = warm_rebuild(root, dirty=False)
        dirty_first, dirty_second, dirty_laid_out = warm_rebuild(root, dirty=True)
    print(f"## Synthetic site: {args.maps} maps × {args.stations} stations, {count} HTML pages\n")
    print("| build | seconds | layers laid out | target |\n| --- | ---: | ---: | ---: |")
    print(f"| cold, fresh process | {cold:.1f} | {args.maps} | < {COLD_TARGET:.0f} |")
    print(f"| `mkdocs serve`: first build | {first:.1f} | | |")
    print(f"| `mkdocs serve`: rebuild after one map changed | {second:.1f} | {laid_out} | |")
    print(f"| `mkdocs serve --dirty`: first build | {dirty_first:.1f} | | |")
    print(
        f"| `mkdocs serve --dirty`: rebuild after one map changed | {dirty_second:.1f} "
        f"| {dirty_laid_out} | < {WARM_TARGET:.0f} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
