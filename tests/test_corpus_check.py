"""The suite stops with one clear message when the shared corpus is not beside the clone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.paths import CORPUS, CORPUS_VARIABLE, REPO


def _pytest_with_corpus(corpus: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, CORPUS_VARIABLE: str(corpus)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_model.py"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_missing_corpus_stops_the_run_with_a_hint(tmp_path: Path) -> None:
    run = _pytest_with_corpus(tmp_path)
    assert run.returncode == 4  # pytest's usage error: nothing was collected or run
    assert f"the shared corpus is missing: no *.yaml in {tmp_path}" in run.stderr
    assert f"{CORPUS_VARIABLE}=/path/to/corpus" in run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "passed" not in run.stdout


def test_the_corpus_can_live_elsewhere(tmp_path: Path) -> None:
    elsewhere = tmp_path / "corpus"
    elsewhere.mkdir()
    for source in sorted(CORPUS.glob("*.yaml")):
        (elsewhere / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    run = _pytest_with_corpus(elsewhere)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\d+ passed", run.stdout) and "error" not in run.stdout
