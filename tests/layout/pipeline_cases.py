"""Seeded random pipelines, shaped like bioinformatics workflows (our own generator).

A trunk of steps runs left to right in sections: plain steps, fork-joins of 2-18 alternatives
(aligners, variant callers) that meet again, and fan-outs whose alternatives end in reports of
their own. Several lines share the trunk (each takes its own alternative at a fork), a QC line
collects from steps of several sections into one report (MultiQC), side inputs (a reference, an
annotation) feed a step from outside, and an optional feedback line runs from a late step back to
an early one. 15-60 stations.
"""

from __future__ import annotations

import random

from tests.layout.engine_checks import make_layer
from transit_maps.model import Layer

MIN_STATIONS = 15
MAX_STATIONS = 60


def random_pipeline(seed: int) -> Layer:
    """A pipeline layer of 15-60 stations; the same seed gives the same layer."""
    rng = random.Random(seed)
    want = rng.randint(MIN_STATIONS, MAX_STATIONS)
    n_lines = rng.randint(1, 3)
    trunk = ["input"]
    routes: dict[str, list[list[str]]] = {f"line{k}": [] for k in range(n_lines)}
    mains: dict[str, list[str]] = {line: ["input"] for line in routes}
    count = 1
    section = 0
    forks: list[str] = []
    alternatives: list[str] = []
    while count < want - 6:
        section += 1
        here = trunk[-1]
        kind = rng.choice(("step", "step", "fork-join", "fan-out"))
        room = want - 6 - count
        if kind == "step" or room < 4:
            nxt = f"s{section}"
            trunk.append(nxt)
            for line in mains:
                mains[line].append(nxt)
            count += 1
            continue
        k = min(rng.choice((2, 2, 3, 3, 4, 5, 8, 12, 18)), room - 2)
        alts = [f"s{section}a{i}" for i in range(k)]
        alternatives += alts
        count += k
        if kind == "fork-join":
            join = f"s{section}j"
            trunk.append(join)
            count += 1
            forks.append(here)
            for i, alt in enumerate(alts):
                line = list(routes)[i % n_lines]
                if i < n_lines:  # the line's own alternative is on its main route
                    mains[line] += [alt, join]
                else:
                    routes[line].append([here, alt, join])
        else:  # alternatives that end in reports of their own; the trunk goes on from `here`
            for i, alt in enumerate(alts):
                line = list(routes)[i % n_lines]
                report = f"{alt}r" if rng.random() < 0.3 and count < want - 6 else None
                count += report is not None
                routes[line].append([here, alt] + ([report] if report else []))
    out: dict[str, list[list[str]]] = {}
    for line, branches in routes.items():
        out[line] = [mains[line], *branches]
    # QC: steps of several sections each report to a QC station, all collected by one report
    steps = [s for s in trunk[1:] if not s.endswith("j")] or trunk
    picked = sorted(rng.sample(steps, min(len(steps), rng.randint(2, 4))), key=trunk.index)
    qc = [[s, f"qc{i}", "multiqc"] for i, s in enumerate(picked)]
    out["qc"] = [[*qc[0], "qc-report"], *qc[1:]]
    # side inputs (a reference, gene sets) feeding a step or one alternative from outside
    for i in range(rng.randint(0, 2)):
        out[f"ref{i}"] = [[f"ref{i}", rng.choice(trunk[1:] + alternatives)]]
    if rng.random() < 0.3 and len(trunk) > 3:  # feedback: a late step back to an early one
        late, early = trunk[-1], trunk[rng.randint(0, len(trunk) // 2)]
        out["feedback"] = [[late, "retrain", early]]
    return make_layer(out)
