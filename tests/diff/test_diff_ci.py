"""CI pieces the docs promise: the example workflow, its copy in the docs, the pre-commit hook."""

from __future__ import annotations

import re
import shlex

import pytest
import yaml

from tests.paths import REPO
from transit_maps.cli import build_parser, main

WORKFLOW = REPO / "docs" / "examples" / "transit-maps-review.yml"
PAGE = REPO / "docs" / "reviewing.md"
HOOKS = REPO / ".pre-commit-hooks.yaml"


def _commands(script: str) -> list[list[str]]:
    """The `transit-maps ...` invocations in a shell script, without redirections."""
    out = []
    for line in script.splitlines():
        line = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", line.strip())
        if "transit-maps " not in line or line.startswith("#"):
            continue
        command = line[line.index("transit-maps ") :]
        command = re.split(r" (?:>|\|\||\|) ", command)[0]
        out.append(shlex.split(command))
    return out


def test_page_shows_the_workflow_file_verbatim() -> None:
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert f"```yaml\n{workflow}```" in PAGE.read_text(encoding="utf-8")


def test_workflow_commands_are_valid_cli_calls() -> None:
    doc = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = doc["jobs"]["review"]["steps"]
    commands = [c for s in steps if "run" in s for c in _commands(s["run"])]
    used = {c[1] for c in commands}
    assert used == {"validate", "diff"}
    parser = build_parser()
    for command in commands:
        args = parser.parse_args(command[1:])  # raises SystemExit on a flag the CLI lacks
        assert args.command == command[1]
    names = {s.get("uses", "").split("@")[0] for s in steps}
    assert {"actions/upload-artifact", "actions/github-script"} <= names


def test_workflow_comment_step_finds_the_markdown_marker() -> None:
    from transit_maps.diff.report import MARKDOWN_MARKER

    assert f'const marker = "{MARKDOWN_MARKER}";' in WORKFLOW.read_text(encoding="utf-8")


def test_pre_commit_hook_runs_validate(capsys: pytest.CaptureFixture[str]) -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "transit-maps-validate"
    assert hook["language"] == "python"
    entry = shlex.split(hook["entry"])
    assert entry == ["transit-maps", "validate"]
    assert re.search(hook["files"], "maps/ml-system.yaml")
    assert not re.search(hook["files"], "docs/index.md")
    fixture = REPO / "tests" / "diff" / "fixtures" / "base"
    assert main([*entry[1:], str(fixture)]) == 0
