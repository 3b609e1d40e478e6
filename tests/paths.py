"""Where test inputs live: the repository, its example maps, and the shared corpus beside it."""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MAPS = REPO / "maps"
# The environment variable that names the corpus folder when it is not at ../shared/corpus.
CORPUS_VARIABLE = "TRANSIT_MAPS_CORPUS"
# ../shared/corpus next to the clone (CI lays a copy there); never copied into the repository.
CORPUS = Path(os.environ.get(CORPUS_VARIABLE) or REPO.parent / "shared" / "corpus")
CORPUS_MAPS = sorted(CORPUS.glob("*.yaml"))


def missing_corpus() -> str | None:
    """Why the suite cannot run without the shared corpus, or None when it is there."""
    if CORPUS_MAPS:
        return None
    return (
        f"the shared corpus is missing: no *.yaml in {CORPUS}\n"
        "hint: the tests lay out its maps (never copied into this repository); clone the "
        "repository next to shared/ so that ../shared/corpus/ holds them, or set "
        f"{CORPUS_VARIABLE}=/path/to/corpus"
    )
