"""Where the two versions come from: two files, two folders, or the work tree and a git revision.

Every map that fails to load is collected, so one run reports all located errors at once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from ..errors import MapError, MapErrors
from ..loader import load_map, load_map_text
from ..model import Map
from .changes import DiffResult
from .compare import diff_maps

MAP_SUFFIXES = (".yaml", ".yml")


class DiffInputError(Exception):
    """A problem with what was asked to compare (a missing path, an unknown revision)."""


def map_files(folder: Path) -> list[Path]:
    """The map files directly inside `folder`, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in MAP_SUFFIXES and p.is_file())


def diff_paths(base: Path, head: Path) -> DiffResult:
    """Compare two map files, or every map of two folders (matched by map id, the file stem)."""
    for p in (base, head):
        if not p.exists():
            raise DiffInputError(f"{p}: no such file or folder")
    if base.is_dir() != head.is_dir():
        raise DiffInputError(f"cannot compare a file with a folder: {base} and {head}")
    errors: list[MapError] = []
    if not base.is_dir():
        old, new = _load(partial(load_map, base), errors), _load(partial(load_map, head), errors)
        _raise(errors)
        assert old is not None and new is not None
        return DiffResult((diff_maps(old, new, base_path=str(base), head_path=str(head)),))
    olds = {p.stem: p for p in map_files(base)}
    news = {p.stem: p for p in map_files(head)}
    pairs: list[tuple[Map | None, Map | None, str | None, str | None]] = []
    for stem in sorted(olds.keys() | news.keys()):
        bp, hp = olds.get(stem), news.get(stem)
        b = _load(partial(load_map, bp), errors) if bp else None
        h = _load(partial(load_map, hp), errors) if hp else None
        pairs.append((b, h, str(bp) if bp else None, str(hp) if hp else None))
    _raise(errors)
    return DiffResult(tuple(diff_maps(b, h, base_path=x, head_path=y) for b, h, x, y in pairs))


def diff_revision(rev: str, paths: Sequence[str], cwd: Path | None = None) -> DiffResult:
    """Compare the work tree's maps under `paths` with the same files at git revision `rev`.

    Folders are compared file by file (maps only in the revision count as removed, maps only in
    the work tree as added). Base files are named `REV:PATH` in reports and errors.
    """
    here = cwd or Path.cwd()
    _git(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], here, f"unknown revision {rev!r}"
    )
    errors: list[MapError] = []
    results = []
    for given in paths:
        # git reads `REV:./PATH` relative to the current folder, so absolute paths are made relative
        raw = os.path.relpath(given, here) if Path(given).is_absolute() else given
        path = Path(raw)
        work = here / path
        listed = _git_folder(rev, raw, here)
        if work.is_dir() or (listed is not None and not work.exists()):
            names = {Path(n).name for n in listed or []}
            names |= {p.name for p in map_files(work)} if work.is_dir() else set()
            files = [path / n for n in sorted(names, key=lambda n: (Path(n).stem, n))]
        elif work.exists() or _git_has(rev, raw, here):
            files = [path]
        else:
            raise DiffInputError(f"{raw}: no such file or folder (here or in {rev})")
        for f in files:
            key = f.as_posix()
            base_name = f"{rev}:{key}"
            text = _git_show(rev, key, here)
            load = partial(load_map_text, text or "", base_name, f.stem)  # "REV:" is not in the id
            old = _load(load, errors) if text else None
            disk = f if cwd is None else here / f  # relative paths read best in error messages
            new = _load(partial(load_map, disk), errors) if disk.is_file() else None
            if old is None and new is None:
                continue
            results.append((old, new, base_name if text else None, key if new else None))
    _raise(errors)
    return DiffResult(tuple(diff_maps(b, h, base_path=x, head_path=y) for b, h, x, y in results))


def _load(loader: Callable[[], Map], errors: list[MapError]) -> Map | None:
    try:
        return loader()
    except MapErrors as exc:
        errors.extend(exc.errors)
        return None


def _raise(errors: list[MapError]) -> None:
    if errors:
        raise MapErrors(errors)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False
        )
    except FileNotFoundError as exc:
        raise DiffInputError("git is not installed (needed for --rev)") from exc


def _git(args: list[str], cwd: Path, message: str) -> str:
    proc = _run(args, cwd)
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()
        raise DiffInputError(message + (f": {detail[-1]}" if detail else ""))
    return proc.stdout


def _git_has(rev: str, path: str, cwd: Path) -> bool:
    return _run(["cat-file", "-e", f"{rev}:./{path}"], cwd).returncode == 0


def _git_show(rev: str, path: str, cwd: Path) -> str | None:
    """The file's text at `rev`, or None when the revision has no such file."""
    if not _git_has(rev, path, cwd):
        return None
    return _git(["show", f"{rev}:./{path}"], cwd, f"cannot read {path} at {rev}")


def _git_folder(rev: str, path: str, cwd: Path) -> list[str] | None:
    """Map file names directly inside folder `path` at `rev`; None when it is not a folder there."""
    proc = _run(["cat-file", "-t", f"{rev}:./{path}"], cwd)
    if proc.returncode != 0 or proc.stdout.strip() != "tree":
        return None
    out = _git(["ls-tree", "--name-only", rev, "--", f"{path.rstrip('/')}/"], cwd, "git ls-tree")
    return sorted(Path(n).name for n in out.splitlines() if Path(n).suffix in MAP_SUFFIXES)
