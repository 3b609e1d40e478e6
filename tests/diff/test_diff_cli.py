"""`transit-maps diff` on the command line: exit codes, located errors, `--rev` with real git."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.files import git
from tests.paths import REPO
from transit_maps.cli import main

FIXTURES = REPO / "tests" / "diff" / "fixtures"
BASE = FIXTURES / "base" / "ml-system.yaml"
HEAD = FIXTURES / "issue-example" / "ml-system.yaml"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["diff", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_map_against_itself_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(BASE), str(BASE))
    assert code == 0
    assert out == "No changes (1 map compared).\n"


def test_broken_head_gives_located_errors_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "ml-system.yaml"
    bad.write_text(BASE.read_text().replace("zone: production", "zone: prodution"))
    code, out, err = _run(capsys, str(BASE), str(bad))
    assert code == 2
    assert out == ""
    assert err.startswith(f"{bad}:")
    assert ": error: " in err
    assert "Traceback" not in err


def test_yaml_syntax_error_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "ml-system.yaml"
    bad.write_text("title: [unclosed\nlayers: {}\n")
    code, _, err = _run(capsys, str(bad), str(BASE))
    assert code == 2
    first = err.splitlines()[0]
    path, line, col, rest = first.split(":", 3)
    assert (path, line.isdigit(), col.isdigit()) == (str(bad), True, True)
    assert rest.startswith(" error: ")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["only-one.yaml"], "give BASE and HEAD"),
        (["missing-a.yaml", "missing-b.yaml"], "no such file or folder"),
        ([str(BASE), str(FIXTURES / "base")], "cannot compare a file with a folder"),
        ([str(BASE), str(HEAD), "-o", "diff.gif"], "must be a .svg or .png"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("transit-maps diff: error: ")
    assert message in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, str(BASE), str(HEAD), "--format", "yaml")[0] == 2


# --- --rev against a temporary git repository -------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose first commit holds maps/ml-system.yaml and maps/retired.yaml."""
    if shutil.which("git") is None:  # pragma: no cover - git is part of the CI image
        pytest.fail("git is needed for the --rev tests")
    (tmp_path / "maps").mkdir()
    shutil.copy(BASE, tmp_path / "maps" / "ml-system.yaml")
    shutil.copy(FIXTURES / "folders" / "base" / "retired.yaml", tmp_path / "maps" / "retired.yaml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "maps")
    git(tmp_path, "commit", "-q", "-m", "maps")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rev_unchanged_work_tree_exits_0(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--rev", "HEAD")
    assert code == 0
    assert out == "No changes (2 maps compared).\n"


def test_rev_reports_changed_added_and_removed_maps(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    (repo / "maps" / "retired.yaml").unlink()
    shutil.copy(FIXTURES / "folders" / "head" / "streaming.yaml", repo / "maps" / "streaming.yaml")
    code, out, err = _run(capsys, "--rev", "main", "--format", "json")
    assert (code, err) == (1, "")
    doc = json.loads(out)
    summary = [(m["map"], m["status"], m["base"], m["head"]) for m in doc["maps"]]
    assert summary == [
        ("ml-system", "changed", "main:maps/ml-system.yaml", "maps/ml-system.yaml"),
        ("retired", "removed", "main:maps/retired.yaml", None),
        ("streaming", "added", None, "maps/streaming.yaml"),
    ]
    kinds = [c["kind"] for c in doc["maps"][0]["changes"]]
    assert kinds == ["line-rerouted", "station-zone-changed", "coverage-changed"]


def test_rev_with_a_file_path(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    code, out, _ = _run(capsys, "--rev", "HEAD", "maps/ml-system.yaml")
    assert code == 1
    assert out.startswith("ml-system: 3 changes (HEAD:maps/ml-system.yaml → maps/ml-system.yaml)")


def test_rev_from_a_subfolder(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Paths are relative to the current folder, as with git itself."""
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    monkeypatch.chdir(repo / "maps")
    code, out, _ = _run(capsys, "--rev", "HEAD", "ml-system.yaml")
    assert code == 1
    assert "Serving moved into the Production zone" in out


def test_rev_older_commit(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    git(repo, "commit", "-q", "-am", "serving into production")
    assert _run(capsys, "--rev", "HEAD")[0] == 0
    code, out, _ = _run(capsys, "--rev", "HEAD~1", "--format", "markdown")
    assert code == 1
    assert "- **Serving** moved into the **Production** zone" in out


def test_rev_unknown_revision_exits_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "--rev", "no-such-branch")
    assert (code, out) == (2, "")
    assert "unknown revision 'no-such-branch'" in err


def test_rev_broken_base_is_located_at_the_revision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "maps" / "ml-system.yaml").write_text("title: [broken\n")
    git(repo, "commit", "-q", "-am", "break it")
    shutil.copy(BASE, repo / "maps" / "ml-system.yaml")
    code, _, err = _run(capsys, "--rev", "HEAD")
    assert code == 2
    assert err.startswith("HEAD:maps/ml-system.yaml:")
    assert ": error: " in err
    assert "Traceback" not in err


def _block(page: str, heading: str, lang: str) -> str:
    """The first ```lang block after `heading` in a docs page."""
    text = (REPO / "docs" / page).read_text(encoding="utf-8")
    rest = text[text.index(heading) :]
    start = rest.index(f"```{lang}\n") + len(lang) + 4
    return rest[start : rest.index("```\n", start)]


@pytest.mark.parametrize(
    ("page", "heading", "lang", "fmt"),
    [
        ("reviewing.md", "### Text", "text", "text"),
        ("reviewing.md", "### Markdown", "markdown", "markdown"),
        ("cli/diff.md", "## Example", "console", "text"),
    ],
)
def test_docs_examples_are_real_output(
    repo: Path, capsys: pytest.CaptureFixture[str], page: str, heading: str, lang: str, fmt: str
) -> None:
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    (repo / "maps" / "retired.yaml").unlink()
    git(repo, "commit", "-q", "-am", "only ml-system")
    shutil.copy(BASE, repo / "maps" / "ml-system.yaml")
    git(repo, "commit", "-q", "-am", "base on main")
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    code, out, _ = _run(capsys, "--rev", "main", "--format", fmt)
    assert code == 1
    expected = _block(page, heading, lang)
    if lang == "console":
        expected = expected.split("\n", 1)[1]  # drop the "$ transit-maps diff --rev main" line
    assert out == expected


def test_docs_json_example_is_real_output(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    git(repo, "branch", "-q", "-m", "main")
    (repo / "maps" / "retired.yaml").unlink()
    git(repo, "commit", "-q", "-am", "only ml-system")
    text = BASE.read_text(encoding="utf-8")
    moved = text.replace(
        "        title: Serving\n", "        title: Serving\n        zone: production\n"
    )
    (repo / "maps" / "ml-system.yaml").write_text(moved, encoding="utf-8")
    code, out, _ = _run(capsys, "--rev", "main", "--format", "json")
    assert code == 1
    assert json.loads(out) == json.loads(_block("reviewing.md", "### JSON", "json"))


def test_rev_with_an_absolute_path(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(HEAD, repo / "maps" / "ml-system.yaml")
    code, out, _ = _run(capsys, "--rev", "HEAD", str(repo / "maps"))
    assert code == 1
    assert out.startswith("ml-system: 3 changes (HEAD:maps/ml-system.yaml → maps/ml-system.yaml)")
