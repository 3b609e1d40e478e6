"""YAML map files to the model, strictly: every problem becomes a located `MapError`.

The public entry points are `load_map` and `load_map_text` (one file), `load_maps` and
`collect_maps` (several files, with cross-map references checked) and `find_map_files`
(files and folders to map files). Parsing is in `yaml_source`, typed access in `reader`,
reference checks in `references`.
"""

from __future__ import annotations

import os
import stat
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from .colors import is_css_color
from .errors import MapError, MapErrors, sort_errors
from .map_format import (
    DEFAULT_LINE_COLORS,
    LAYER_KEYS,
    SOLUTION_KEYS,
    TOP_KEYS,
    ZONE_KEYS,
    humanise,
    is_id,
    is_safe_url,
    slug,
)
from .model import LAYER_KINDS, Layer, LayerKind, Line, Map, Solution, Zone
from .reader import Reader, describe
from .references import check_cross_refs, check_local_refs, read_refs
from .stations import COLOR_NULL_HINT, URL_HINT, color_hint, read_lines, read_stations
from .suggest import closest_hint, hint_budget
from .yaml_source import (
    ALLOWED_TAGS,
    MappingNode,
    Node,
    ScalarNode,
    SourceProblem,
    decode,
    parse,
    positions,
)

__all__ = ["collect_maps", "find_map_files", "load_map", "load_map_text", "load_maps"]

MAP_SUFFIXES = (".yaml", ".yml")
# Real maps are tens of kilobytes; the bound keeps a stray huge file from stalling a build.
MAX_BYTES = 1_000_000
# Choices compared by the hints of one file ("did you mean ...?"): hundreds of hints on
# maps of real size, and under a second on a hostile one.
HINT_BUDGET = 30_000


def load_map_text(text: str, path: str, map_id: str | None = None) -> Map:
    """Load a map from YAML text; `path` names it in errors and gives the default id (its stem).

    Raises `MapErrors` with every problem found, sorted by position.
    """
    with hint_budget(HINT_BUDGET):
        return _load_text(text, path, map_id)


def _load_text(text: str, path: str, map_id: str | None) -> Map:
    mid = map_id if map_id is not None else Path(path).stem
    errors: list[MapError] = []
    if not is_id(mid):
        errors.append(
            MapError(
                path,
                1,
                1,
                f"map id '{mid}'{' (the file name)' if map_id is None else ''} is not a valid id",
                f"ids use a-z, 0-9, '-' and '_': rename the file to '{slug(mid)}.yaml'",
            )
        )
    try:
        root = parse(text, path)
    except SourceProblem as exc:
        raise MapErrors([*errors, exc.error]) from None
    reader = Reader(path)
    if root is None or reader.is_null(root):
        errors.append(MapError(path, 1, 1, "the file is empty", "a map needs at least 'layers:'"))
        raise MapErrors(errors)
    doubtful: set[str] = set()
    result = _read_map(reader, root, mid, doubtful)
    errors.extend(reader.errors)
    if result is not None:
        errors.extend(check_local_refs(result, doubtful))
    if errors or result is None:
        raise MapErrors(errors)
    return replace(result, positions=positions(root, path))


def load_map(path: str | Path) -> Map:
    """Load one map file; raises `MapErrors` (unreadable files and bad bytes included)."""
    name = str(path)
    try:
        # A FIFO or a device would block or never end: read regular files only.
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a special file"
            raise MapErrors([MapError(name, 1, 1, f"{kind}, not a map file")])
        with Path(path).open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise MapErrors([MapError(name, 1, 1, f"cannot read the file: {reason}")]) from None
    if len(data) > MAX_BYTES:
        message = f"the file is larger than {MAX_BYTES // 1_000_000} MB"
        raise MapErrors([MapError(name, 1, 1, message, "split it into several maps")])
    try:
        text = decode(data, name)
    except SourceProblem as exc:
        raise MapErrors([exc.error]) from None
    return load_map_text(text, name)


def _read_map(r: Reader, root: Node, map_id: str, doubtful: set[str]) -> Map | None:
    """The map; `doubtful` gets the layers whose stations may be missing because of errors
    already reported, so that references to them are not reported again."""
    if not isinstance(root, MappingNode) and root.tag in ALLOWED_TAGS:
        r.error(
            root,
            f"the top level of a map must be a mapping, got {describe(root)}",
            "start with 'title:' and 'layers:'",
        )
        return None
    top = r.fields(root, TOP_KEYS, "the map")
    if top is None:
        return None
    title = _text(r, top, "title", "the map's title") or humanise(map_id)
    summary = _text(r, top, "summary", "the map's summary") or ""
    layers: list[Layer] = []
    if "layers" not in top:
        if not r.misspelt(root, "layers", TOP_KEYS):
            r.error(root, "the map has no 'layers'", "add 'layers:' with at least one layer")
    else:
        hint = "write each layer as 'id:' with its 'lines:' under it"
        entries = r.mapping(top["layers"], "'layers'", hint=hint)
        if entries is not None and not top["layers"].value:
            r.error(top["layers"], "'layers' is empty", "a map needs at least one layer")
        for key, key_node, value in entries or []:
            if r.ident(key_node, "layer id") is not None:
                layer = _read_layer(r, key, key_node, value, doubtful)
                if layer is not None:
                    layers.append(layer)
        doubtful.update(_unread_layers(top["layers"], layers))
    solutions: list[Solution] = []
    if "solutions" in top:
        hint = "write each solution as 'id:' with its 'covers:' under it"
        for key, key_node, value in r.mapping(top["solutions"], "'solutions'", hint=hint) or []:
            if r.ident(key_node, "solution id") is not None:
                solutions.append(_read_solution(r, key, value))
    return Map(
        id=map_id,
        title=title,
        layers=tuple(layers),
        summary=summary,
        solutions=tuple(solutions),
        path=r.path,
    )


def _unread_layers(node: Node, layers: list[Layer]) -> set[str]:
    """Layers written but not read as written (a bad id or tag, a duplicate, an error):
    their ids, and the ids they were probably meant to be."""
    if not isinstance(node, MappingNode):
        return set()
    written = Counter(str(k.value) for k, _ in node.value if isinstance(k, ScalarNode))
    read = {layer.id for layer in layers}
    unread = {key for key, count in written.items() if key not in read or count > 1}
    return unread | {slug(key) for key in unread}


def _text(r: Reader, fields: dict[str, Node], key: str, what: str) -> str | None:
    return r.text(fields[key], what) if key in fields else None


_KINDS: dict[str, LayerKind] = {kind: kind for kind in LAYER_KINDS}


def _read_layer(
    r: Reader, lid: str, key_node: Node, node: Node, doubtful: set[str]
) -> Layer | None:
    what = f"layer '{lid}'"
    f = r.fields(node, LAYER_KEYS, what)
    if f is None:
        return None
    kind = _KINDS.get(lid, "other")
    if "kind" in f:
        given = r.text(f["kind"], f"kind of {what}")
        if given is not None and given not in _KINDS:
            r.error(
                f["kind"],
                f"kind '{given}' of {what} is not one of {', '.join(LAYER_KINDS)}",
                closest_hint(given, LAYER_KINDS),
            )
        elif given is not None:
            kind = _KINDS[given]
    before = len(r.errors)
    zones = _read_zones(r, f.get("zones"), what)
    # With a zone already reported, stations naming it would only repeat the problem.
    zone_ids = {z.id for z in zones} if len(r.errors) == before else None
    before = len(r.errors)
    lines: tuple[Line, ...] = ()
    if "lines" in f or not r.misspelt(node, "lines", LAYER_KEYS):
        lines = read_lines(r, f.get("lines"), key_node, what, DEFAULT_LINE_COLORS)
    if len(r.errors) > before or not lines:
        doubtful.add(lid)
    stations = read_stations(r, f.get("stations"), lines, zone_ids, lid, what)
    return Layer(
        id=lid,
        title=_text(r, f, "title", f"title of {what}") or humanise(lid),
        kind=kind,
        lines=lines,
        stations=stations,
        zones=zones,
        description=_text(r, f, "description", f"description of {what}") or "",
    )


def _read_zones(r: Reader, node: Node | None, what: str) -> tuple[Zone, ...]:
    if node is None:
        return ()
    zones: list[Zone] = []
    for zid, key_node, value in r.mapping(node, f"'zones' of {what}") or []:
        if r.ident(key_node, "zone id") is None:
            continue
        zwhat = f"zone '{zid}'"
        f = r.fields(value, ZONE_KEYS, zwhat, null_ok=True)
        if f is None:
            continue
        color = r.text(f["color"], f"colour of {zwhat}", COLOR_NULL_HINT) if "color" in f else None
        if color is not None and not is_css_color(color):
            message = f"colour '{color}' of {zwhat} is not a CSS colour"
            r.error(f["color"], message, color_hint(color))
            color = None
        zones.append(
            Zone(
                id=zid,
                title=_text(r, f, "title", f"title of {zwhat}") or humanise(zid),
                description=_text(r, f, "description", f"description of {zwhat}") or "",
                color=color,
            )
        )
    return tuple(zones)


def _read_solution(r: Reader, sid: str, node: Node) -> Solution:
    what = f"solution '{sid}'"
    f = r.fields(node, SOLUTION_KEYS, what, null_ok=True) or {}
    url = _text(r, f, "url", f"url of {what}")
    if url is not None and not is_safe_url(url):
        r.error(f["url"], f"url '{url}' of {what} is not a web link", URL_HINT)
        url = None
    adds: list[str] = []
    items = r.sequence(f["adds"], f"'adds' of {what}") if "adds" in f else None
    for item in items or []:
        text = r.text(item, f"an entry of 'adds' of {what}")
        if text is not None:
            adds.append(text)
    covers = read_refs(r, f.get("covers"), f"'covers' of {what}")
    partial = read_refs(r, f.get("partial"), f"'partial' of {what}")
    return Solution(
        id=sid,
        title=_text(r, f, "title", f"title of {what}") or humanise(sid),
        url=url,
        description=_text(r, f, "description", f"description of {what}") or "",
        covers=covers,
        partial=partial,
        adds=tuple(adds),
    )


def find_map_files(paths: Sequence[str | Path]) -> list[Path]:
    """Expand files and folders into map files: a folder gives its `*.yaml` and `*.yml`, and
    those of its sub-folders (see `map_files_under`).

    Files are kept as given (in order, once each); a folder's files are sorted by path.
    A broken symbolic link counts as a file, so that loading it reports the problem.
    Raises `FileNotFoundError` for a path that does not exist, `OSError` for a folder that
    cannot be listed.
    """
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        try:
            is_dir, exists = p.is_dir(), p.exists() or p.is_symlink()
        except OSError:  # e.g. in a folder we may not enter: loading reports why
            is_dir, exists = False, True
        if is_dir:
            out.extend(map_files_under(p))
        elif exists:
            out.append(p)
        else:
            raise FileNotFoundError(str(raw))
    unique: dict[Path, None] = dict.fromkeys(out)
    return list(unique)


def map_files_under(folder: Path) -> list[Path]:
    """The map files in `folder` and, at any depth, in its sub-folders, sorted by path
    (`a.yaml`, `sub/b.yaml`, `z.yaml`).

    Hidden folders (`.git`, `.cache`) are skipped, and so are links to folders, which could
    lead in a circle; a link to a file counts as a file.
    """
    found: list[Path] = []
    for child in folder.iterdir():
        if child.is_dir():
            if not child.name.startswith(".") and not child.is_symlink():
                found.extend(map_files_under(child))
        elif child.suffix in MAP_SUFFIXES:
            found.append(child)
    return sorted(found, key=lambda f: f.relative_to(folder).parts)


def collect_maps(
    paths: Sequence[str | Path],
) -> tuple[tuple[Map, ...], tuple[MapError, ...]]:
    """Load every map file without raising: the maps that loaded, and every problem found.

    Cross-map references (`map:layer/station`) are checked among the given files; a map id
    used by two files is an error.
    """
    maps: list[Map] = []
    errors: list[MapError] = []
    failed: set[str] = set()
    owners: dict[str, str] = {}
    for p in paths:
        try:
            m = load_map(p)
        except MapErrors as exc:
            errors.extend(exc.errors)
            failed.add(Path(p).stem)
            continue
        if m.id in owners:
            errors.append(
                MapError(str(p), 1, 1, f"map id '{m.id}' is also the id of {owners[m.id]}")
            )
            continue
        owners[m.id] = str(p)
        maps.append(m)
    with hint_budget(HINT_BUDGET):
        errors.extend(check_cross_refs(maps, failed))
    return tuple(maps), sort_errors(errors)


def load_maps(paths: Sequence[str | Path]) -> tuple[Map, ...]:
    """Load several map files and check references between them; raises `MapErrors`."""
    maps, errors = collect_maps(paths)
    if errors:
        raise MapErrors(errors)
    return maps
