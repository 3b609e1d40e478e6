"""`transit-maps pages` writes what the plugin generates; errors exit 1 with locations."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from transit_maps.cli import pages

from .sitebuild import FIXTURE


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    pages.add_parser(sub)
    args = parser.parse_args(["pages", *argv])
    return int(args.run(args))


def test_writes_every_page(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    assert run(str(FIXTURE / "maps"), "-o", str(out)) == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.md"))
    assert "maps/tiny/systems/training/index.md" in written
    assert len(written) == 16
    golden = Path(__file__).parent / "golden" / "station-review.md"
    assert (out / "maps/tiny/processes/review/index.md").read_text() == golden.read_text()


def test_broken_map_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("layers:\n  a:\n    lines:\n      l: {}\n")
    assert run(str(bad), "-o", str(tmp_path / "docs")) == 1
    assert f"{bad}:4:" in capsys.readouterr().out
    assert not (tmp_path / "docs").exists()


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    assert run(str(tmp_path / "nowhere"), "-o", str(tmp_path)) == 2


def test_registered_in_the_transit_maps_command(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "import sys; from transit_maps.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = ["pages", str(FIXTURE / "maps"), "-o", str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 16 pages" in done.stderr
