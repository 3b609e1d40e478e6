"""Where the two versions come from: two files, two folders, or the work tree and a git revision.

Every map that fails to load is collected, so one run reports all located errors at once.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path, PurePosixPath

from ..errors import MapError, MapErrors
from ..loader import MAP_SUFFIXES, load_map, load_map_text, map_files_under
from ..model import Map
from .changes import DiffResult
from .compare import diff_maps


class DiffInputError(Exception):
    """A problem with what was asked to compare (a missing path, an unknown revision)."""


def _by_id(files: Iterable[Path], where: str = "") -> dict[str, Path]:
    """Map files by map id (the file stem); two files with one id cannot be matched."""
    out: dict[str, Path] = {}
    for f in files:
        if f.stem in out:
            first, second = f"{where}{out[f.stem].as_posix()}", f"{where}{f.as_posix()}"
            raise DiffInputError(f"two maps with the id {f.stem!r}: {first} and {second}")
        out[f.stem] = f
    return out


def diff_paths(base: Path, head: Path) -> DiffResult:
    """Compare two map files, or every map of two folders and their sub-folders (matched by map
    id, the file stem, so a map moved to another sub-folder is the same map)."""
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
    olds, news = _by_id(map_files_under(base)), _by_id(map_files_under(head))
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

    Folders, sub-folders included, are compared map by map, matched by id as in `diff_paths`
    (maps only in the revision count as removed, maps only in the work tree as added). Base
    files are named `REV:PATH` in reports and errors.
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
        pairs: list[tuple[Path | None, Path | None]]
        if work.is_dir() or (listed is not None and not work.exists()):
            olds = _by_id((path / n for n in listed or []), f"{rev}:")
            here_now = map_files_under(work) if work.is_dir() else []
            news = _by_id(path / f.relative_to(work) for f in here_now)
            pairs = [(olds.get(i), news.get(i)) for i in sorted(olds.keys() | news.keys())]
        elif work.exists() or _git_has(rev, raw, here):
            pairs = [(path, path)]
        else:
            raise DiffInputError(f"{raw}: no such file or folder (here or in {rev})")
        for b, h in pairs:
            text = _git_show(rev, b.as_posix(), here) if b else None
            base_name = f"{rev}:{b.as_posix()}" if b else None
            old = None
            if b and text:  # "REV:" is not in the id
                old = _load(partial(load_map_text, text, str(base_name), b.stem), errors)
            new = None
            if h is not None:
                disk = h if cwd is None else here / h  # relative paths read best in errors
                new = _load(partial(load_map, disk), errors) if disk.is_file() else None
            if old is None and new is None:
                continue
            key = h.as_posix() if h and new else None
            results.append((old, new, base_name if text else None, key))
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
    """Map files in folder `path` and its sub-folders at `rev`, relative to `path`, skipping
    hidden folders as `loader.map_files_under` does; None when `path` is not a folder there."""
    proc = _run(["cat-file", "-t", f"{rev}:./{path}"], cwd)
    if proc.returncode != 0 or proc.stdout.strip() != "tree":
        return None
    # The tree REV:./PATH lists paths relative to PATH; --full-tree, or git would keep only
    # those under the current folder's path; -z gives names as they are, not quoted.
    tree = f"{rev}:./{path}"
    out = _git(["ls-tree", "-r", "-z", "--full-tree", "--name-only", tree], cwd, "git ls-tree")
    found = []
    for name in filter(None, out.split("\0")):
        rel = PurePosixPath(name)
        hidden = any(part.startswith(".") for part in rel.parts[:-1])
        if rel.suffix in MAP_SUFFIXES and not hidden:
            found.append(name)
    return sorted(found, key=lambda n: PurePosixPath(n).parts)
