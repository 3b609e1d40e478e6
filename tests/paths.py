"""Where test inputs live: the repository, its example maps, and the shared corpus beside it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAPS = REPO / "maps"
# ../shared/corpus next to the clone (CI lays a copy there); never copied into the repository.
CORPUS = REPO.parent / "shared" / "corpus"
CORPUS_MAPS = sorted(CORPUS.glob("*.yaml"))
