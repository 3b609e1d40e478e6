"""Command-line arguments shared by the subcommands that take one map and one layer."""

from __future__ import annotations

from pathlib import Path

from ..loader import MAP_SUFFIXES, map_files_under
from ..model import Layer, Map
from ..suggest import did_you_mean


class UsageError(Exception):
    """A bad command line (exit 2): the message names the bad value."""


def map_path(name: str) -> Path:
    """The file for MAP: a path as given, else the map file named `<id>.yaml` (or .yml) in
    `maps/` or, as the plugin reads them, in one of its sub-folders (the first by path)."""
    given = Path(name)
    if given.is_file():
        return given
    maps = Path("maps")
    is_id = "/" not in name and "\\" not in name
    if is_id:
        for suffix in MAP_SUFFIXES:
            candidate = maps / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    # only now the whole folder: the sub-folders, and the names for a hint
    found = map_files_under(maps) if maps.is_dir() else []
    if is_id:
        for candidate in found:
            if candidate.stem == name:
                return candidate
    known = sorted({p.stem for p in found})
    hint = did_you_mean(name, known, "maps in maps/")
    raise UsageError(f"no map file or map id '{name}'" + (f" ({hint})" if hint else ""))


def pick_layer(the_map: Map, layer_id: str | None) -> Layer:
    """The named layer (default: the first); UsageError naming an unknown one."""
    if layer_id is None:
        if not the_map.layers:
            raise UsageError(f"map '{the_map.id}' has no layers")
        return the_map.layers[0]
    try:
        return the_map.layer(layer_id)
    except KeyError:
        hint = did_you_mean(layer_id, (layer.id for layer in the_map.layers), "layers")
        suffix = f" ({hint})" if hint else ""
        raise UsageError(f"map '{the_map.id}' has no layer '{layer_id}'{suffix}") from None
