"""Real site builds for the tests: copy a fixture site, adjust mkdocs.yml, run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture"  # default mkdocs theme, one map "tiny"
TEAM = HERE / "team"  # mkdocs-material, hostile strings, three layers, two solutions

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


@dataclass
class Built:
    """A finished (or failed) build: exit code, combined log, the output folder."""

    returncode: int
    log: str
    site: Path

    def html(self, path: str) -> str:
        """The text of one built file."""
        return (self.site / path).read_text(encoding="utf-8")


def copy_site(fixture: Path, dest: Path, **config: Any) -> Path:
    """Copy a fixture site into `dest` and merge `config` into its mkdocs.yml."""
    shutil.copytree(fixture, dest, ignore=shutil.ignore_patterns("__pycache__"))
    if config:
        path = dest / "mkdocs.yml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(config)
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return dest


def build(root: Path, *, strict: bool = True, tool: str = "mkdocs") -> Built:
    """Run `<tool> build [--strict]` in `root` (a real subprocess, as a user would)."""
    site = root / "_site"
    command = [sys.executable, "-m", tool, "build", "-d", str(site)]
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command, cwd=root, capture_output=True, text=True, env=ENV, timeout=600, check=False
    )
    return Built(done.returncode, done.stdout + done.stderr, site)
