"""Stability figures: how far a small edit moves the rest of a map.

For every layer of every map in ../shared/corpus/ and maps/ (or the files given), three edits are
made (one station inserted into a line, one pass-through station removed, one short line added),
plus a baseline with no edit at all (which must keep every station).
The edited layer is laid out with the original layout as `previous`, and the two layouts are
compared after the translation that lines most stations up:

    kept   share of the other stations at the same place (target >= 0.9, bar >= 0.7)
    move   their mean displacement, in median edge lengths (target <= 0.5, bar <= 1.0)

Usage: python benchmarks/stability.py [--markdown] [MAP.yaml ...]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from transit_maps.diff.mutate import add_line, insert_station, remove_station
from transit_maps.diff.stability import Stability, measure
from transit_maps.diff.visual import layout_against
from transit_maps.layout import layout
from transit_maps.loader import load_map
from transit_maps.model import Layer

REPO = Path(__file__).resolve().parents[1]
# as in tests/paths.py: never copied into the repo; TRANSIT_MAPS_CORPUS names another folder
CORPUS = Path(os.environ.get("TRANSIT_MAPS_CORPUS") or REPO.parent / "shared" / "corpus")
MAPS = REPO / "maps"

Edit = Callable[[Layer], "tuple[Layer, tuple[str, ...]] | None"]
EDITS: tuple[tuple[str, Edit], ...] = (
    # The baseline: the same layer laid out again against its own layout must not move at all.
    ("no edit", lambda layer: (layer, ())),
    ("add station", insert_station),
    ("remove station", remove_station),
    ("add line", add_line),
)


def default_maps() -> list[Path]:
    """The corpus maps, then the example maps."""
    return sorted(CORPUS.glob("*.yaml")) + sorted(MAPS.glob("*.yaml"))


def rows(paths: list[Path]) -> list[tuple[str, str, int, str, Stability, float]]:
    """(map, layer, stations, edit, stability, seconds) for every layer and edit."""
    out = []
    for path in paths:
        m = load_map(path)
        for layer in m.layers:
            before = layout(layer, m.id)
            for name, edit in EDITS:
                edited = edit(layer)
                if edited is None:
                    continue
                new_layer, touched = edited
                start = time.perf_counter()
                after = layout_against(new_layer, m.id, before)
                seconds = time.perf_counter() - start
                stations = sum(1 for s in layer.stations if not s.junction)
                out.append(
                    (
                        m.id,
                        layer.id,
                        stations,
                        name,
                        measure(before, after, ignore=touched),
                        seconds,
                    )
                )
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the table (plain or markdown) and the worst figures per edit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("maps", nargs="*", type=Path)
    args = parser.parse_args(argv)
    table = rows(args.maps or default_maps())
    if args.markdown:
        print("| map | layer | stations | edit | kept | mean move (edges) | layout s |")
        print("| --- | --- | ---: | --- | ---: | ---: | ---: |")
    for map_id, layer_id, n, edit, st, sec in table:
        cells = (
            map_id,
            layer_id,
            str(n),
            edit,
            f"{st.kept_share:.2f}",
            f"{st.mean_move:.2f}",
            f"{sec:.2f}",
        )
        if args.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            print("{:<28} {:<10} {:>4}  {:<15} kept {:>5}  move {:>5}  {:>6}s".format(*cells))
    print()
    if args.markdown:
        print("| edit | layers | kept: mean | kept: worst | move: mean | move: worst |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for edit, _ in EDITS:
        picked = [r[4] for r in table if r[3] == edit]
        if not picked:
            continue
        kept = [s.kept_share for s in picked]
        move = [s.mean_move for s in picked]
        figures = (
            f"{sum(kept) / len(kept):.2f}",
            f"{min(kept):.2f}",
            f"{sum(move) / len(move):.2f}",
            f"{max(move):.2f}",
        )
        if args.markdown:
            print(f"| {edit} | {len(picked)} | " + " | ".join(figures) + " |")
        else:
            print(
                f"{edit:<15} layers {len(picked):>3}  kept: mean {figures[0]}, worst {figures[1]}"
                f"  move: mean {figures[2]}, worst {figures[3]} edges"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
