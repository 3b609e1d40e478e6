"""Small file trees and git repositories built in a test's temporary folder."""

from __future__ import annotations

import subprocess
from pathlib import Path


def write_tree(root: Path, files: dict[str, str]) -> None:
    """Write each text at its path under `root` (`"sub/x.yaml": "..."`), folders made as needed."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def git(repo: Path, *args: str) -> None:
    """Run git in `repo` with a test identity; fail the test if git fails."""
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )
