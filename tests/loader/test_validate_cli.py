"""`transit-maps validate`: output lines, exit codes, the GitHub format, the real script."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import CORPUS, MAPS, REPO
from transit_maps.cli import main

BROKEN = "title: x\nlayers:\n  systems:\n    lines:\n      data: {colour: red, stations: [a]}\n"


def _broken(tmp_path: Path) -> Path:
    p = tmp_path / "broken.yaml"
    p.write_text(BROKEN, encoding="utf-8")
    return p


def test_valid_maps_exit_0_with_a_summary_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(CORPUS)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "7 map files valid\n"


def test_problems_exit_1_one_line_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = _broken(tmp_path)
    assert main(["validate", str(p)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{p}:5:14: error: unknown key 'colour' in line 'data' (hint: did you mean 'color'?)",
        f"{p}:5:37: error: 'stations' of line 'data' has only one station, 'a' "
        "(hint: a route needs at least two stations)",
    ]
    assert err == "2 problems in 1 of 1 map file\n"


def test_the_github_format_writes_workflow_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a,b").mkdir()
    p = tmp_path / "a,b" / "m.yaml"
    p.write_text(BROKEN.replace("stations: [a]", "stations: [a, b]"), encoding="utf-8")
    assert main(["validate", "--format", "github", str(p)]) == 1
    out, _ = capsys.readouterr()
    escaped = str(p).replace(",", "%2C")
    assert out == (
        f"::error file={escaped},line=5,col=14::unknown key 'colour' in line 'data' "
        "(hint: did you mean 'color'?)\n"
    )


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/no/such/place"]) == 2
    assert capsys.readouterr().err == (
        "transit-maps validate: error: no such file or folder: /no/such/place\n"
    )


def test_a_folder_without_maps_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    assert "no map files (*.yaml, *.yml)" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_the_default_path_is_maps(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    assert main(["validate"]) == 0
    count = len(list(MAPS.glob("*.y*ml")))
    assert capsys.readouterr().err.startswith(f"{count} map file")


def test_the_installed_script_reports_without_traceback(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("transit-maps")
    bad = tmp_path / "evil.yaml"
    marker = tmp_path / "ran"
    bad.write_text(f"layers: !!python/object/apply:os.system ['touch {marker}']\n", "utf-8")
    done = subprocess.run(
        [str(script), "validate", str(bad), str(_broken(tmp_path))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[2] == (
        f"{bad}:1:9: error: tag '!!python/object/apply:os.system' is not allowed "
        "(hint: map files hold plain data: remove the tag)"
    )
    assert not marker.exists()
