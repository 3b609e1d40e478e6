"""Start-up cost of the command line: a subcommand imports only what it uses.

`transit-maps layout` runs once per map in the docs build and the benchmarks, so the site
generator (markdown and its extensions, about 30 ms) must not load with it. Nor may scipy and
numpy, which the test extra installs for one benchmark (`benchmarks/cv_bound.py`) only.
"""

from __future__ import annotations

import subprocess
import sys

from tests.paths import MAPS

PROBE = """
import sys
from transit_maps.cli import main
code = main(sys.argv[1:])
unused = ("transit_maps.site", "markdown", "scipy", "numpy")
heavy = sorted(m for m in sys.modules if m.startswith(unused))
print("HEAVY", heavy, file=sys.stderr)
sys.exit(code)
"""


def test_layout_does_not_import_the_site_generator() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "layout", str(MAPS / "rag-pipeline.yaml"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"stations"' in result.stdout
    assert "HEAVY []" in result.stderr


def test_pages_is_still_registered() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "pages", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0 and "--prefix" in result.stdout
