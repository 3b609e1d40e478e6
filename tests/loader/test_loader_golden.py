"""Golden error output: each broken map in `broken/` and the exact lines `validate` prints.

`broken/NAME.yaml` is the input, `broken/NAME.expected` the exact stdout of
`transit-maps validate tests/loader/broken/NAME.yaml` run from the repository root. The expected
files are written and reviewed by hand; a changed message means reviewing them again.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.paths import REPO
from transit_maps.cli import main

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(BROKEN.glob("*.yaml"))


def test_the_suite_is_large_enough() -> None:
    assert len(CASES) >= 100
    assert {p.stem for p in CASES} == {p.stem for p in BROKEN.glob("*.expected")}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_every_expected_line_is_one_located_error(case: Path) -> None:
    lines = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    where = re.escape(case.relative_to(REPO).as_posix())
    assert lines
    for line in lines:
        assert re.fullmatch(where + r":[1-9]\d*:[1-9]\d*: error: \S.*", line), line
        assert line.isprintable(), line


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_broken_map_reports_exactly_the_expected_lines(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    relative = case.relative_to(REPO).as_posix()
    assert main(["validate", relative]) == 1
    out, err = capsys.readouterr()
    expected = case.with_suffix(".expected").read_text(encoding="utf-8")
    assert out == expected
    assert "Traceback" not in err


def test_no_broken_map_runs_code() -> None:
    # python-tag.yaml would create this file if its tag were ever constructed.
    assert not Path("/tmp/transit-maps-pwned").exists()
