"""Discovery that misses nothing (issue 13, item 3).

Inside a git repository, ``check DIR`` and ``check`` without paths take the manifests from what
git knows: tracked files and untracked files that are not ignored, hidden folders included, with
one ``git ls-files`` call per repository. Outside git, folders are walked as documented. The
summary says how many manifests were found."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.run import discover as discovery
from tests.conftest import EXAMPLES
from tests.gitutil import commit_all, git, init_repo

Run = Callable[..., Result]
TODAY = "2026-11-21"
GAPS = Path(__file__).parents[1] / "data" / "gaps.yaml"
CROSSING = EXAMPLES / "rote-linie-recruiting" / "ai-usage.yaml"


def _manifest(path: Path, source: Path = GAPS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _repo(tmp_path: Path) -> Path:
    """A repository with manifests in every kind of place git knows (and one it ignores)."""
    repo = init_repo(tmp_path / "repo")
    _manifest(repo / "ai-usage.yaml")
    _manifest(repo / ".hidden" / "ai-usage.yaml")
    _manifest(repo / "team" / ".config" / "ai-usage.yml")
    (repo / ".gitignore").write_text("build/\n", encoding="utf-8")
    _manifest(repo / "build" / "ai-usage.yaml")  # ignored: generated output
    commit_all(repo)
    _manifest(repo / "new-project" / "ai-usage.yaml")  # untracked, not ignored
    return repo


def _files(result: Result) -> list[str]:
    assert result.exit_code in (0, 1), result.output
    return [str(f["path"]) for f in json.loads(result.stdout)["files"]]


def test_a_folder_in_git_gives_every_manifest_git_knows(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run_cli("check", ".", "--today", TODAY, "-f", "json")
    assert _files(result) == [
        ".hidden/ai-usage.yaml",
        "ai-usage.yaml",
        "new-project/ai-usage.yaml",
        "team/.config/ai-usage.yml",
    ]
    summary = json.loads(result.stdout)["summary"]
    assert summary["manifests_found"] == 4
    assert summary["found_by"] == "git"


def test_no_paths_in_git_checks_the_whole_repository_from_a_subfolder(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo / "team")
    result = run_cli("check", "--today", TODAY)
    assert result.exit_code == 1
    assert "4 manifest(s) found by git" in result.output
    for name in (".hidden/ai-usage.yaml", "new-project/ai-usage.yaml", ".config/ai-usage.yml"):
        assert name in result.output
    assert "build/ai-usage.yaml" not in result.output


def test_a_red_line_in_a_hidden_folder_is_reported(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    _manifest(repo / ".hidden" / "ai-usage.yaml", CROSSING)
    org = tmp_path / "org.yaml"
    pack = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"
    org.write_text(f"extends: [{pack.as_posix()}]\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    for args in ((), (".",)):
        result = run_cli("check", *args, "--org-config", str(org), "--today", TODAY)
        assert result.exit_code == 1
        assert ".hidden/ai-usage.yaml" in result.output
        assert "WFV001" in result.output


def test_a_subfolder_gives_only_its_own_manifests(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    assert _files(run_cli("check", "team", "--today", TODAY, "-f", "json")) == [
        "team/.config/ai-usage.yml"
    ]


def test_a_deleted_tracked_manifest_is_not_checked(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    (repo / ".hidden" / "ai-usage.yaml").unlink()  # still in the index
    monkeypatch.chdir(repo)
    files = _files(run_cli("check", ".", "--today", TODAY, "-f", "json"))
    assert ".hidden/ai-usage.yaml" not in files
    assert len(files) == 3


def test_one_git_call_per_repository(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    calls: list[Path] = []
    real = discovery.git_files

    def counting(root: Path) -> list[str] | None:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(discovery, "git_files", counting)
    monkeypatch.chdir(repo)
    result = run_cli("check", ".", "team", ".hidden", "new-project", "--today", TODAY)
    assert result.exit_code == 1
    assert calls == [repo.resolve()]


def test_outside_git_the_documented_walk(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "plain"
    _manifest(folder / "a" / "ai-usage.yaml")
    _manifest(folder / ".hidden" / "ai-usage.yaml")  # the walk skips dot-folders
    _manifest(folder / "node_modules" / "x" / "ai-usage.yaml")
    monkeypatch.chdir(folder)
    result = run_cli("check", ".", "--today", TODAY, "-f", "json")
    assert _files(result) == ["a/ai-usage.yaml"]
    summary = json.loads(result.stdout)["summary"]
    assert (summary["manifests_found"], summary["found_by"]) == (1, "walk")
    text = run_cli("check", ".", "--today", TODAY)
    assert "1 manifest(s) found by searching the folders" in text.output


def test_named_files_are_counted_but_not_announced(run_cli: Run, tmp_path: Path) -> None:
    manifest = _manifest(tmp_path / "ai-usage.yaml")
    result = run_cli("check", str(manifest), "--today", TODAY, "-f", "json")
    summary = json.loads(result.stdout)["summary"]
    assert (summary["manifests_found"], summary["found_by"]) == (1, "paths")
    assert "found" not in run_cli("check", str(manifest), "--today", TODAY).output


def test_when_git_cannot_run_hidden_folders_are_still_searched(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(tmp_path / "no-git-here"))
    assert shutil.which("git") is None
    files = _files(run_cli("check", ".", "--today", TODAY, "-f", "json"))
    assert ".hidden/ai-usage.yaml" in files
    assert "team/.config/ai-usage.yml" in files


def test_file_names_git_quotes_are_found(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    _manifest(repo / "Vereinsräume mit Leerzeichen" / "ai-usage.yaml")
    git(repo, "add", "-A")
    monkeypatch.chdir(repo)
    assert Path("Vereinsräume mit Leerzeichen").is_dir()
    assert _files(run_cli("check", ".", "--today", TODAY, "-f", "json")) == [
        "Vereinsräume mit Leerzeichen/ai-usage.yaml"
    ]


def test_an_ignored_folder_named_on_purpose_is_searched(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run_cli("check", "build", "--today", TODAY, "-f", "json")
    assert _files(result) == ["build/ai-usage.yaml"]
    assert json.loads(result.stdout)["summary"]["found_by"] == "walk"


def test_a_fifo_with_a_manifest_name_is_not_read(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    folder = tmp_path / "plain"
    _manifest(folder / "a" / "ai-usage.yaml")
    (folder / "b").mkdir()
    os.mkfifo(folder / "b" / "ai-usage.yaml")  # reading it would wait for ever
    repo = _repo(tmp_path)
    os.mkfifo(repo / "team" / "ai-usage.yaml")
    for where, expected in (
        (folder, ["a/ai-usage.yaml"]),
        (repo / "team", [".config/ai-usage.yml"]),
    ):
        monkeypatch.chdir(where)
        assert _files(run_cli("check", ".", "--today", TODAY, "-f", "json")) == expected
