"""Layout benchmark: time, peak memory and quality figures of `transit-maps layout`.

Every layer of every map in ../shared/corpus/ and maps/ (or the files given) is laid out by the
real command, `transit-maps layout MAP --layer L --json`, in a fresh process; the wall time and
peak memory are those of that whole process (interpreter start and imports included). The
figures of `transit_maps.layout.metrics` are then computed on the JSON it printed. A synthetic
series of seeded, topology-only networks of 60, 100 and 250 stations checks the time targets, and
a rail series (`rail_network.py`: seeded planar city networks of 150 and 220 stations) lays out
each network with its geographic `at` hints and without them (`-topology`), and two networks
of 100 and 150 stations in which some lines tunnel under others without a shared station
(`-tunnels`: planar, but their geography crosses). A pipeline series
lays out the seeded random pipelines of the tests (`tests/layout/pipeline_cases.py`: 15-60
stations, forks, fan-outs, a QC collector, side inputs), each held to the 2 s target.

Usage: python benchmarks/layout.py [--no-synthetic] [--no-pipelines] [--no-maps] [--repeat N]
       [MAP.yaml ...]
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

import transit_maps
from transit_maps.layout.geometry import Box, Label, Layout, LineStyle, PlacedEdge, PlacedStation
from transit_maps.layout.metrics import Metrics, measure
from transit_maps.loader import load_map
from transit_maps.model import Layer

REPO = Path(__file__).resolve().parents[1]
# as in tests/paths.py: never copied into the repo; TRANSIT_MAPS_CORPUS names another folder
CORPUS = Path(os.environ.get("TRANSIT_MAPS_CORPUS") or REPO.parent / "shared" / "corpus")
MAPS = REPO / "maps"
# Whole-process time targets from the issue: stations -> seconds.
TARGETS = {60: 2.0, 100: 5.0, 250: 20.0}
# The rail series: stations -> seconds, interpolated linearly between the targets for 100 and 250.
RAIL_TARGETS = {150: 10.0, 220: 17.0}
# Rail networks where a share of the track crossings have no station (a line tunnels under
# another): stations -> seconds (the targets for 100, and 150 as above).
TUNNEL_TARGETS = {100: 5.0, 150: 10.0}
TUNNELS = 0.15
TUNNEL_SEED = 5
MEMORY_TARGET_MB = 500.0
# The pipeline series: seeds of `tests.layout.pipeline_cases.random_pipeline`, each <= 60 stations.
PIPELINE_SEEDS = range(40)
TIMEOUT = 600.0


def command() -> list[str]:
    """The `transit-maps` command of this interpreter's environment."""
    script = Path(sys.executable).with_name("transit-maps")
    if script.exists():
        return [str(script)]
    found = shutil.which("transit-maps")
    if found:
        return [found]
    return [sys.executable, "-c", "import sys; from transit_maps.cli import main; sys.exit(main())"]


def compile_package() -> None:
    """Compile transit_maps to bytecode once, as installing it does (pip compiles every module).

    Each process then imports compiled modules even where PYTHONDONTWRITEBYTECODE is set (it
    is on the development machine): otherwise every process would compile about a hundred
    modules again, 0.1 s that no installed copy pays. An editable install keeps the bytecode
    in the source tree's `__pycache__` folders, which git ignores.
    """
    compileall.compile_dir(Path(transit_maps.__file__).parent, quiet=1)


def run_layout(path: Path, layer: str) -> tuple[float, float, dict[str, Any]]:
    """Run the CLI once: (wall seconds, peak resident MB, the layout JSON)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*command(), "layout", str(path), "--layer", layer, "--json"], stdout=out, stderr=err
        )
        # wait4 gives this child's own resource use (RUSAGE_CHILDREN would be the max of all).
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise RuntimeError(f"{path} {layer}: exit {proc.returncode}: {err.read().decode()}")
        data = json.loads(out.read())
    return wall, usage.ru_maxrss / 1024.0, data  # ru_maxrss is in KiB on Linux


def layout_from_json(data: dict[str, Any], layer: Layer) -> Layout:
    """The Layout the export describes (label text is not exported; boxes are all we need)."""
    stations = tuple(
        PlacedStation(
            s["id"],
            float(s["x"]),
            float(s["y"]),
            bool(s["junction"]),
            Label(Box(*(float(s["label"][k]) for k in ("x", "y", "width", "height"))), ())
            if s["label"]
            else None,
            lines=layer.lines_at.get(s["id"], ()),
        )
        for s in data["stations"]
    )
    edges = tuple(
        PlacedEdge(
            e["from"], e["to"], tuple(e["lines"]), tuple((float(x), float(y)) for x, y in e["path"])
        )
        for e in data["edges"]
    )
    lines = tuple(LineStyle(li["id"], li["color"]) for li in data["lines"])
    return Layout(data["map"], data["layer"], data["width"], data["height"], stations, edges, lines)


SYLLABLES = ("ka", "lin", "dor", "me", "ost", "ber", "wa", "ri", "zel", "hau", "tan", "gru", "fe")
SUFFIXES = ("", "", " Platz", " Straße", "-Nord", " Bahnhof", "weg", " Park")


def synthetic_map(n: int, seed: int) -> dict[str, Any]:
    """A topology-only network of exactly `n` stations: lines as seeded walks on a city grid.

    Lines that reach a grid cell another line already serves stop there too, which makes
    transfer stations and shared stretches, as in a real network.
    """
    rng = random.Random(seed)
    side = max(4, round((n * 2.5) ** 0.5))
    steps = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))
    names: dict[tuple[int, int], str] = {}
    lines: dict[str, dict[str, Any]] = {}
    per_line = round(n / max(3, round(n / 20)) * 1.4)
    inside = range(side)
    for _ in range(100 * n):  # bounded; in practice a few dozen walks
        if len(names) >= n:
            break
        cell = (rng.randrange(side), rng.randrange(side))
        heading = rng.randrange(8)
        route: list[tuple[int, int]] = []
        fresh = 0
        while len(route) < per_line and cell not in route:
            if cell not in names:
                if len(names) + fresh >= n:
                    break
                fresh += 1
            route.append(cell)
            heading = (heading + rng.choice((-1, 0, 0, 0, 1))) % 8
            for turn in (0, 2, -2, 4):  # bounce off the edge of the city
                h = (heading + turn) % 8
                nxt = (cell[0] + steps[h][0], cell[1] + steps[h][1])
                if nxt[0] in inside and nxt[1] in inside:
                    heading, cell = h, nxt
                    break
        if len(route) >= 2:
            for c in route:
                names.setdefault(c, f"s{len(names)}")
            colour = f"#{rng.randrange(0x1000000):06x}"
            lines[f"l{len(lines) + 1}"] = {"color": colour, "stations": [names[c] for c in route]}
    served = {s for line in lines.values() for s in line["stations"]}
    titles = {}
    for sid in sorted(served, key=lambda s: int(s[1:])):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        titles[sid] = {"title": word.capitalize() + rng.choice(SUFFIXES)}
    layer = {"title": "Network", "lines": lines, "stations": titles}
    return {"title": f"synthetic network of {len(served)} stations", "layers": {"network": layer}}


def _rail_network() -> Any:
    """The module `rail_network.py` beside this script."""
    spec = importlib.util.spec_from_file_location(
        "rail_network", Path(__file__).with_name("rail_network.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rail_maps(n: int) -> list[tuple[str, dict[str, Any]]]:
    """The rail series' two maps of about `n` stations: with hints and topology only."""
    module = _rail_network()
    return [
        (f"rail-{n}", module.rail_map(n, seed=n, hints=True)),
        (f"rail-{n}-topology", module.rail_map(n, seed=n, hints=False)),
    ]


def tunnel_map(n: int) -> tuple[str, dict[str, Any]]:
    """The rail series' network of about `n` stations where TUNNELS of the track crossings have
    no station (topology only; seed TUNNEL_SEED, whose stress drawing crosses)."""
    data = _rail_network().rail_map(n, seed=TUNNEL_SEED, hints=False, tunnels=TUNNELS)
    return (f"rail-{n}-tunnels", data)


def pipeline_map(seed: int) -> dict[str, Any]:
    """Seeded random pipeline `seed` of the tests as a map file's data (one layer, `pipeline`)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))  # the generator lives with the tests
    from tests.layout.pipeline_cases import random_pipeline

    layer = random_pipeline(seed)
    lines: dict[str, dict[str, Any]] = {}
    for line in layer.lines:
        # the tests' layers skip validation: a branch that meets its line nowhere (it leaves
        # from another line's station) becomes a line of its own here, in the same colour
        routes = [list(line.stations), *(list(b) for b in line.branches)]
        k = 0
        while routes:
            served, group, rest = set(routes[0]), [routes[0]], routes[1:]
            while any(served & set(r) for r in rest):
                joined = next(r for r in rest if served & set(r))
                served |= set(joined)
                group.append(joined)
                rest.remove(joined)
            entry: dict[str, Any] = {"color": line.color, "stations": group[0]}
            if group[1:]:
                entry["branches"] = group[1:]
            lines[line.id if k == 0 else f"{line.id}-{k}"] = entry
            routes, k = rest, k + 1
    stations = {s.id: {"title": s.title} for s in layer.stations}
    data = {"title": "Pipeline", "lines": lines, "stations": stations}
    return {"title": f"seeded pipeline {seed}", "layers": {"pipeline": data}}


def figures_row(name: str, layer: Layer, wall: float, peak: float, m: Metrics) -> str:
    """One markdown table row."""
    return (
        f"| {name} | {layer.id} | {m.stations} | {wall:.2f} | {peak:.0f} | "
        f"{m.octilinear_share:.3f} | {m.edge_crossings} | {m.foreign_stations} | {m.bends} | "
        f"{m.backward_steps} | {m.line_crossings} | {m.label_overlaps} | "
        f"{m.labels_placed}/{m.labels_expected} | "
        f"{m.ambiguous_labels} | {m.far_labels} | {m.edge_length_cv:.2f} | "
        f"{m.area_per_station:.0f} |"
    )


HEADER = (
    "| map | layer | stations | time s | peak MB | octilinear | crossings | foreign stations"
    " | bends | backward steps | line crossings | label overlaps | labels placed"
    " | ambiguous labels | far labels"
    " | length CV | area/station |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
    "| ---: | ---: | ---: | ---: |"
)


def machine() -> str:
    """nproc, CPU model and Python version, for the record."""
    model = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def bench_file(path: Path, name: str, repeat: int = 1) -> list[tuple[Layer, float, float, Metrics]]:
    """Time and score every layer of one map file (the fastest of `repeat` runs)."""
    the_map = load_map(path)
    out = []
    for layer in the_map.layers:
        runs = [run_layout(path, layer.id) for _ in range(repeat)]
        wall = min(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        data = runs[0][2]
        out.append((layer, wall, peak, measure(layout_from_json(data, layer), layer)))
        print(figures_row(name, layer, wall, peak, out[-1][3]), flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the tables; exit 1 if a generated map misses its time or memory target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("maps", nargs="*", type=Path, help="map files (default: corpus + maps/)")
    parser.add_argument("--no-synthetic", action="store_true", help="skip the scaling series")
    parser.add_argument("--no-pipelines", action="store_true", help="skip the pipeline series")
    parser.add_argument("--no-maps", action="store_true", help="only the generated series")
    parser.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="run each N times, report the fastest"
    )
    args = parser.parse_args(argv)
    compile_package()
    print(f"Machine: {machine()}\n")
    if not args.no_maps:
        corpus = sorted(CORPUS.glob("*.yaml"))
        if not args.maps and not corpus:
            print(f"warning: no corpus maps in {CORPUS} (set TRANSIT_MAPS_CORPUS)", file=sys.stderr)
        paths = args.maps or corpus + sorted(MAPS.glob("*.yaml"))
        print(HEADER)
        for path in paths:
            bench_file(path, path.stem, args.repeat)
        print()
    misses: list[str] = []
    if not args.no_synthetic:
        print(HEADER)
        series = [(f"synthetic-{n}", synthetic_map(n, seed=n), t) for n, t in TARGETS.items()]
        series += [(name, data, t) for n, t in RAIL_TARGETS.items() for name, data in rail_maps(n)]
        series += [(*tunnel_map(n), t) for n, t in TUNNEL_TARGETS.items()]
        misses += bench_series(series, args.repeat)
        print()
    if not args.no_pipelines:
        print(HEADER)
        series = [(f"pipeline-{k}", pipeline_map(k), TARGETS[60]) for k in PIPELINE_SEEDS]
        walls: list[float] = []
        misses += bench_series(series, args.repeat, walls)
        walls.sort()
        print(
            f"\n{len(walls)} pipelines: median {walls[len(walls) // 2]:.2f} s, "
            f"slowest {walls[-1]:.2f} s, {sum(w > TARGETS[60] for w in walls)} over "
            f"{TARGETS[60]:g} s\n"
        )
    for miss in misses:
        print(f"MISSED TARGET: {miss}")
    return 0 if not misses else 1


def bench_series(
    series: list[tuple[str, dict[str, Any], float]], repeat: int, walls: list[float] | None = None
) -> list[str]:
    """Lay out each generated map (name, data, time target); the targets it misses. The wall
    time of each layer goes to `walls` too."""
    misses = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data, limit in series:
            path = Path(tmp) / f"{name}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
            for _, wall, peak, _ in bench_file(path, name, repeat):
                if walls is not None:
                    walls.append(wall)
                if wall > limit or peak > MEMORY_TARGET_MB:
                    misses.append(f"{name}: {wall:.2f} s (<= {limit} s), {peak:.0f} MB")
    return misses


if __name__ == "__main__":
    sys.exit(main())
