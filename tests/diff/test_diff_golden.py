"""Golden diffs: each base/head pair in tests/diff/fixtures, in every format, byte for byte.

To update after an intended change: TRANSIT_MAPS_UPDATE_GOLDEN=1 pytest tests/diff, then review
`git diff tests/diff/golden` line by line before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import get_args

import pytest

from tests.paths import REPO
from transit_maps.cli import main
from transit_maps.diff.changes import ChangeKind

FIXTURES = Path("tests/diff/fixtures")  # relative to the repo: reports show paths as given
GOLDEN = REPO / "tests" / "diff" / "golden"
BASE = FIXTURES / "base" / "ml-system.yaml"
CASES = (
    "issue-example",
    "stations",
    "lines",
    "zones",
    "related",
    "solutions",
    "edits",
    "layers",
    "order",
)
FORMATS = {"text": "txt", "markdown": "md", "json": "json"}
UPDATE = os.environ.get("TRANSIT_MAPS_UPDATE_GOLDEN") == "1"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _check(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_pair_matches_golden(case: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    head = FIXTURES / case / "ml-system.yaml"
    code, out, err = _run(capsys, str(BASE), str(head), "--format", fmt)
    assert (code, err) == (1, "")
    _check(f"{case}.{FORMATS[fmt]}", out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_folders_match_golden(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    base, head = FIXTURES / "folders" / "base", FIXTURES / "folders" / "head"
    code, out, err = _run(capsys, str(base), str(head), "--format", fmt)
    assert (code, err) == (1, "")
    _check(f"folders.{FORMATS[fmt]}", out)


@pytest.mark.parametrize("fmt", FORMATS)
def test_same_meaning_is_equal(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Other quoting, list style, key order and comments: no change, exit 0."""
    code, out, err = _run(
        capsys, str(BASE), str(FIXTURES / "equal" / "ml-system.yaml"), "--format", fmt
    )
    assert (code, err) == (0, "")
    _check(f"equal.{FORMATS[fmt]}", out)


def test_goldens_cover_every_change_kind() -> None:
    seen: set[str] = set()
    for path in GOLDEN.glob("*.json"):
        for m in json.loads(path.read_text(encoding="utf-8"))["maps"]:
            seen.update(c["kind"] for c in m["changes"])
    assert seen == set(get_args(ChangeKind))


def test_issue_sentences_appear(capsys: pytest.CaptureFixture[str]) -> None:
    """The three sentences the issue asks a reviewer to see."""
    head = FIXTURES / "issue-example" / "ml-system.yaml"
    _, out, _ = _run(capsys, str(BASE), str(head))
    assert "Serving moved into the Production zone" in out
    assert "MLflow now fully covers Model registry" in out
    assert "the Feedback line no longer stops at Data validation" in out


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    head = FIXTURES / "solutions" / "ml-system.yaml"
    runs = {_run(capsys, str(BASE), str(head), "--format", "json")[1] for _ in range(3)}
    assert len(runs) == 1
