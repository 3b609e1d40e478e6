"""Seeded city rail networks for the layout benchmark: planar, realistic, with or without hints.

A network is drawn on a map first (units of about one station gap, ~600 m): diametric lines
cross the centre from one edge of the city to the other with gentle curves, a ring line circles
the centre, and S-Bahn style branch lines share a trunk line's stations into and through the
centre before they fork off outwards (three of them share the first diametric line's trunk).
Wherever two lines' tracks cross there is a transfer
station; the other stations lie about one unit apart along each track. Every station's `at` hint
is its place on the map plus a little jitter (as geography projected onto a grid would be), and
the topology-only variant leaves the hints out.

The straight-line drawing of the stations is crossing-free by construction; `rail_map` checks
it and that the station graph is planar (networkx), and tries the next sub-seed otherwise.
With `tunnels`, a share of the crossings gets no station, as where one line runs under another:
the station graph is still planar (checked), but its map crosses there, and a drawing close to
the geography crosses too (the `-tunnels` rows of the benchmark).
"""

from __future__ import annotations

import math
import random
from itertools import pairwise
from typing import Any

import networkx as nx

Vec = tuple[float, float]

# Realistic station names: a stem and an ending, as in a German-speaking city.
STEMS = (
    "Linden",
    "Eichen",
    "Mühlen",
    "Kirch",
    "Schloss",
    "Berg",
    "Wald",
    "Wiesen",
    "Rosen",
    "Brunnen",
    "Markt",
    "Hafen",
    "Garten",
    "Stein",
    "Tal",
    "Feld",
    "Burg",
    "Kloster",
    "Rat",
    "Sonnen",
    "Ahorn",
    "Birken",
    "Buchen",
    "Tannen",
    "Weiden",
    "Ulmen",
    "Erlen",
    "Hasel",
    "Fichten",
    "Kiefern",
    "Adler",
    "Falken",
    "Schwanen",
    "Hirsch",
    "Löwen",
    "Kronen",
    "Sternen",
    "Rhein",
    "Neckar",
    "Mozart",
    "Schiller",
    "Goethe",
    "Kepler",
    "Humboldt",
    "Bismarck",
    "Kant",
    "Hegel",
    "Dürer",
)
ENDINGS = (
    "straße",
    "platz",
    "allee",
    "hof",
    "park",
    "tor",
    "brücke",
    "weg",
    "ring",
    " Nord",
    " Süd",
    " Ost",
    " West",
    "hausen",
    "dorf",
    "bach",
    " Bahnhof",
    " Mitte",
    "anger",
    "höhe",
    "markt",
)


def _polyline(rng: random.Random, start: Vec, heading: float, length: float) -> list[Vec]:
    """A gently curving track: one vertex every 3 units, the heading drifting a little."""
    pts = [start]
    steps = max(1, round(length / 3.0))
    for _ in range(steps):
        heading += rng.uniform(-0.18, 0.18)
        x, y = pts[-1]
        pts.append((x + 3.0 * math.cos(heading), y + 3.0 * math.sin(heading)))
    return pts


def _diametric(rng: random.Random, angle: float, radius: float) -> list[Vec]:
    """A line from the edge of the city through (near) the centre to the opposite edge."""
    offset = rng.uniform(-0.18, 0.18) * radius
    normal = angle + math.pi / 2
    start = (
        -radius * math.cos(angle) + offset * math.cos(normal),
        -radius * math.sin(angle) + offset * math.sin(normal),
    )
    return _polyline(rng, start, angle + rng.uniform(-0.1, 0.1), 2 * radius)


def _ring(radius: float) -> list[Vec]:
    count = max(8, round(2 * math.pi * radius / 3.0))
    return [
        (
            radius * math.cos(2 * math.pi * k / count),
            radius * 0.8 * math.sin(2 * math.pi * k / count),
        )
        for k in range(count + 1)
    ]


def _cross(a: Vec, b: Vec, c: Vec, d: Vec) -> tuple[float, float] | None:
    """Parameters (t on a-b, u on c-d) where the segments cross properly, or None."""
    r = (b[0] - a[0], b[1] - a[1])
    s = (d[0] - c[0], d[1] - c[1])
    den = r[0] * s[1] - r[1] * s[0]
    if abs(den) < 1e-12:
        return None
    t = ((c[0] - a[0]) * s[1] - (c[1] - a[1]) * s[0]) / den
    u = ((c[0] - a[0]) * r[1] - (c[1] - a[1]) * r[0]) / den
    if 1e-9 < t < 1 - 1e-9 and 1e-9 < u < 1 - 1e-9:
        return t, u
    return None


def _arc(track: list[Vec]) -> list[float]:
    cum = [0.0]
    for a, b in pairwise(track):
        cum.append(cum[-1] + math.dist(a, b))
    return cum


def _point(track: list[Vec], cum: list[float], s: float) -> Vec:
    j = min(max(k for k in range(len(cum) - 1) if cum[k] <= s + 1e-12), len(track) - 2)
    t = (s - cum[j]) / ((cum[j + 1] - cum[j]) or 1.0)
    (x0, y0), (x1, y1) = track[j], track[j + 1]
    return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)


def _network(
    rng: random.Random, n: int, size: float, tunnels: float = 0.0
) -> tuple[dict[str, list[str]], dict[str, Vec]]:
    """Line id -> station ids (a ring repeats its first station), and station positions. Each
    crossing of two tracks is a shared station, or with probability `tunnels` none at all."""
    radius = math.sqrt(n) * size
    diametric = max(3, round(n / 40))
    tracks: list[list[Vec]] = []
    base = rng.uniform(0, math.pi)
    for k in range(diametric):
        angle = base + math.pi * k / diametric + rng.uniform(-0.15, 0.15)
        tracks.append(_diametric(rng, angle, radius * rng.uniform(0.8, 1.0)))
    tracks.append(_ring(radius * 0.45))
    # branches: fork off a diametric track outside the centre and head outwards at an angle; the
    # first track is an S-Bahn trunk that three branch lines share through the centre
    forks: list[tuple[int, float, int]] = []  # (parent track, arc length of the fork, branch)
    for k in range(max(2, diametric - 1) + 2):
        parent = 0 if k < 3 else (k - 2) % diametric
        cum = _arc(tracks[parent])
        end = k % 2 if k < 3 else rng.choice((0, 1))
        at = cum[-1] * ((0.3, 0.7, 0.2)[k] if k < 3 else (0.3 if end == 0 else 0.7))
        p = _point(tracks[parent], cum, at)
        q = _point(tracks[parent], cum, at + (-0.5 if end == 0 else 0.5))
        outward = math.atan2(q[1] - p[1], q[0] - p[0])  # towards the nearer end of the parent
        heading = outward + rng.choice((-1, 1)) * rng.uniform(0.5, 0.8)
        tracks.append(_polyline(rng, p, heading, radius * rng.uniform(0.35, 0.55)))
        forks.append((parent, at, len(tracks) - 1))
    # mandatory stops: crossings of two tracks (one shared station) and forks
    stops: list[list[tuple[float, str]]] = [[] for _ in tracks]
    pos: dict[str, Vec] = {}
    cums = [_arc(t) for t in tracks]

    def stop(i: int, s: float, sid: str) -> None:
        stops[i].append((s, sid))

    for parent, at, child in forks:
        sid = f"x{len(pos)}"
        pos[sid] = tracks[child][0]
        stop(parent, at, sid)
        stop(child, 0.0, sid)
    for i, ti in enumerate(tracks):
        for j in range(i + 1, len(tracks)):
            for a_idx, (a, b) in enumerate(pairwise(ti)):
                for c_idx, (c, d) in enumerate(pairwise(tracks[j])):
                    hit = _cross(a, b, c, d)
                    if hit is None:
                        continue
                    t, u = hit
                    if tunnels and rng.random() < tunnels:
                        continue  # one track tunnels under the other: no station
                    sid = f"x{len(pos)}"
                    pos[sid] = (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
                    stop(i, cums[i][a_idx] + t * math.dist(a, b), sid)
                    stop(j, cums[j][c_idx] + u * math.dist(c, d), sid)
    ring = diametric
    sequences: list[list[str]] = []
    for i, track in enumerate(tracks):
        cum = cums[i]
        marks = sorted(stops[i])
        ends: list[tuple[float, str | None]] = [(0.0, None), *marks, (cum[-1], None)]
        if i == ring:  # round the ring from its first crossing back to it
            ends = [*marks, (marks[0][0] + cum[-1], marks[0][1])]
        elif marks and marks[0][0] < 1e-9:
            ends = ends[1:]
        seq: list[str] = []
        for (s0, here), (s1, there) in pairwise(ends):
            if here is not None and (not seq or seq[-1] != here):
                seq.append(here)
            gaps = max(1, round((s1 - s0) * rng.uniform(0.9, 1.1)))
            for g in range(1, gaps):
                sid = f"s{len(pos)}"
                pos[sid] = _point(track, cum, (s0 + (s1 - s0) * g / gaps) % cum[-1])
                seq.append(sid)
            if there is not None and (i != ring or there != seq[0] or len(seq) == 1):
                seq.append(there)
            elif s1 >= cum[-1] - 1e-9 and i != ring:  # the track's outer end: a terminus
                sid = f"s{len(pos)}"
                pos[sid] = track[-1]
                seq.append(sid)
        if i != ring and (not marks or marks[0][0] > 1e-9):  # the track's start: a terminus
            sid = f"s{len(pos)}"
            pos[sid] = track[0]
            seq.insert(0, sid)
        sequences.append(seq)
    if sequences[ring][0] != sequences[ring][-1]:
        sequences[ring].append(sequences[ring][0])  # the ring closes on its first station
    lines: dict[str, list[str]] = {}
    for k in range(diametric):
        lines[f"U{k + 1}"] = sequences[k]
    lines["Ring"] = sequences[ring]
    for k, (parent, at, child) in enumerate(forks):
        fork = sequences[child][0]
        trunk = sequences[parent]
        cut = trunk.index(fork)
        # the S-line runs in from its branch, along the trunk through the centre to its far end
        keep = trunk[cut:] if at < _arc(tracks[parent])[-1] / 2 else trunk[: cut + 1][::-1]
        lines[f"S{k + 1}"] = [*reversed(sequences[child][1:]), *keep]
    return lines, pos


def _planar(lines: dict[str, list[str]], pos: dict[str, Vec], drawn: bool = True) -> bool:
    """Whether the station graph is connected and planar, and (`drawn`) its map too."""
    g = nx.Graph()
    edges = {tuple(sorted(e)) for seq in lines.values() for e in pairwise(seq) if e[0] != e[1]}
    g.add_edges_from(sorted(edges))
    if not nx.check_planarity(g)[0] or not nx.is_connected(g):
        return False
    pieces = sorted(edges)
    if not drawn:
        return all(math.dist(pos[a], pos[b]) > 0.2 for a, b in pieces)
    for i, (a, b) in enumerate(pieces):
        for c, d in pieces[i + 1 :]:
            if len({a, b, c, d}) == 4 and _cross(pos[a], pos[b], pos[c], pos[d]) is not None:
                return False
    return all(math.dist(pos[a], pos[b]) > 0.2 for a, b in pieces)


def _names(rng: random.Random, count: int) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        name = rng.choice(STEMS) + rng.choice(ENDINGS)
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _slug(name: str) -> str:
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), (" ", "-")):
        name = name.replace(a, b)
    return name.lower()


COLOURS = (
    "#e3000f",
    "#0065ae",
    "#009a3e",
    "#f39200",
    "#8f4899",
    "#00a0e1",
    "#a05a2c",
    "#e5007d",
    "#6d6e70",
    "#b2c900",
    "#004f9f",
    "#c8102e",
    "#7ab51d",
    "#0091a1",
)


def rail_map(n: int, seed: int, hints: bool = True, tunnels: float = 0.0) -> dict[str, Any]:
    """A planar city rail network of about `n` stations (see the module docstring).

    With `hints`, every station has an `at` hint (its map position plus up to 0.15 units of
    jitter, rounded to 2 decimals); without, the same network is topology only. With
    `tunnels`, that share of the track crossings gets no station (one line tunnels under the
    other): the station graph is still planar, but its map is not.
    """
    size = 1.05  # radius of the city per square root of n; tuned until the count is near n
    for attempt in range(100):
        rng = random.Random(seed * 1000 + attempt)
        lines, pos = _network(rng, n, size, tunnels)
        count = len({s for seq in lines.values() for s in seq})
        if _planar(lines, pos, not tunnels) and abs(count - n) <= 0.04 * n:
            break
        size *= (n / count) ** 0.8
    else:  # pragma: no cover - a hundred tries always find one
        raise RuntimeError(f"no planar network for n={n}, seed={seed}")
    order: list[str] = []
    for seq in lines.values():
        order += [s for s in seq if s not in order]
    names = _names(rng, len(order))
    ids = {sid: _slug(names[i]) for i, sid in enumerate(order)}
    stations: dict[str, dict[str, Any]] = {}
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    for i, sid in enumerate(order):
        entry: dict[str, Any] = {"title": names[i]}
        if hints:
            x, y = pos[sid]
            jx, jy = rng.uniform(-0.15, 0.15), rng.uniform(-0.15, 0.15)
            entry["at"] = [round(x - min(xs) + jx, 2), round(y - min(ys) + jy, 2)]
        stations[ids[sid]] = entry
    layer_lines = {
        lid.lower(): {
            "title": lid,
            "color": COLOURS[k % len(COLOURS)],
            "stations": [ids[s] for s in seq],
        }
        for k, (lid, seq) in enumerate(lines.items())
    }
    kind = "hinted" if hints else "topology only"
    return {
        "title": f"rail network of {len(order)} stations ({kind})",
        "layers": {"network": {"title": "Network", "lines": layer_lines, "stations": stations}},
    }
