"""YAML map files to the model. (Placeholder: happy path only; replaced by the full loader.)"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

import yaml

from .errors import MapError, MapErrors
from .model import LAYER_KINDS, Layer, Line, Map, Ref, Solution, Station, Zone


def _humanise(ident: str) -> str:
    text = re.sub(r"[-_]+", " ", ident).strip()
    return text[:1].upper() + text[1:]


def load_map_text(text: str, path: str, map_id: str | None = None) -> Map:
    """Load a map from YAML text; `path` is used in error messages and for the default id."""
    data: Any = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise MapErrors([MapError(path, 1, 1, "a map must be a mapping")])
    mid = map_id or Path(path).stem
    layers = []
    for lid, ld in (data.get("layers") or {}).items():
        ld = ld or {}
        lines = []
        for line_id, line in (ld.get("lines") or {}).items():
            lines.append(
                Line(
                    id=str(line_id),
                    title=str(line.get("title", _humanise(str(line_id)))),
                    color=str(line.get("color", "#888888")),
                    stations=tuple(str(s) for s in line["stations"]),
                    branches=tuple(
                        tuple(str(s) for s in b) for b in line.get("branches", []) or []
                    ),
                    description=str(line.get("description", "")),
                )
            )
        details = ld.get("stations") or {}
        seen: dict[str, None] = {}
        for line_obj in lines:
            for s in line_obj.stops:
                seen.setdefault(s, None)
        stations = []
        for sid in seen:
            d = details.get(sid) or {}
            at = d.get("at")
            stations.append(
                Station(
                    id=sid,
                    title=str(d.get("title", _humanise(sid))),
                    description=str(d.get("description", "")),
                    zone=d.get("zone"),
                    related=tuple(
                        r for r in (Ref.parse(str(x)) for x in d.get("related", [])) if r
                    ),
                    links=tuple((str(k), str(v)) for k, v in (d.get("links") or {}).items()),
                    at=(float(at[0]), float(at[1])) if at else None,
                    junction=bool(d.get("junction", False)),
                )
            )
        zones = tuple(
            Zone(
                id=str(z),
                title=str((zd or {}).get("title", _humanise(str(z)))),
                description=str((zd or {}).get("description", "")),
                color=(zd or {}).get("color"),
            )
            for z, zd in (ld.get("zones") or {}).items()
        )
        kind = ld.get("kind") or (lid if lid in LAYER_KINDS else "other")
        layers.append(
            Layer(
                id=str(lid),
                title=str(ld.get("title", _humanise(str(lid)))),
                kind=cast(Any, kind),
                lines=tuple(lines),
                stations=tuple(stations),
                zones=zones,
                description=str(ld.get("description", "")),
            )
        )
    solutions = []
    for sid, sd in (data.get("solutions") or {}).items():
        solutions.append(
            Solution(
                id=str(sid),
                title=str(sd.get("title", _humanise(str(sid)))),
                url=sd.get("url"),
                description=str(sd.get("description", "")),
                covers=tuple(r for r in (Ref.parse(str(x)) for x in sd.get("covers", [])) if r),
                partial=tuple(r for r in (Ref.parse(str(x)) for x in sd.get("partial", [])) if r),
                adds=tuple(str(a) for a in sd.get("adds", [])),
            )
        )
    return Map(
        id=mid,
        title=str(data.get("title", _humanise(mid))),
        layers=tuple(layers),
        summary=str(data.get("summary", "")),
        solutions=tuple(solutions),
        path=path,
    )


def load_map(path: str | Path) -> Map:
    """Load one map file."""
    p = Path(path)
    return load_map_text(p.read_text(encoding="utf-8"), str(path))
