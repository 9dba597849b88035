"""``--since GIT_REF`` on real temporary git repositories."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES
from tests.gitutil import commit_all, git, init_repo

OLD = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
NEW_USE = """\
  - id: newsletter-translation
    name: Übersetzung des Newsletters
    status: active
    categories: [translation]
"""


def keys(result: Result) -> set[tuple[str, str]]:
    data = json.loads(result.stdout)
    return {(f["id"], f["location"]["path"]) for f in data["findings"]}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose committed manifest has old gaps (the minimal example)."""
    root = init_repo(tmp_path / "repo")
    (root / "ai-usage.yaml").write_text(OLD, encoding="utf-8")
    commit_all(root, "manifest with old gaps")
    monkeypatch.chdir(root)
    return root


def test_since_reports_only_the_new_gap(repo: Path, run_cli: Callable[..., Result]) -> None:
    # New lines above the old findings, and a new use with its own gaps.
    text = "# Kommentar oben\n# noch einer\n" + OLD + NEW_USE
    (repo / "ai-usage.yaml").write_text(text, encoding="utf-8")
    args = ("check", "ai-usage.yaml", "--today", "2026-11-21", "-f", "json")
    everything = keys(run_cli(*args))
    old = {k for k in everything if k[1].startswith("uses[pressetexte]")}
    new = {k for k in everything if k[1].startswith("uses[newsletter-translation]")}
    assert old
    assert new
    result = run_cli(*args, "--since", "HEAD")
    assert result.exit_code == 1
    assert "only findings that are new since HEAD are reported" in result.stderr
    assert keys(result) == new  # the old gaps moved down two lines and are still old


def test_since_nothing_new_passes(repo: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", "--today", "2026-11-21", "--since", "HEAD")
    assert result.exit_code == 0, result.output
    assert "0 error(s)" in result.output


def test_since_works_with_branch_names_and_subfolders(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    sub = repo / "services" / "chat"
    sub.mkdir(parents=True)
    (sub / "ai-usage.yaml").write_text(OLD, encoding="utf-8")
    commit_all(repo, "second manifest")
    git(repo, "branch", "base")
    (sub / "ai-usage.yaml").write_text(OLD + NEW_USE, encoding="utf-8")
    result = run_cli("check", ".", "--today", "2026-11-21", "-f", "json", "--since", "base")
    found = keys(result)
    assert found
    assert all(path.startswith("uses[newsletter-translation]") for _, path in found)
    files = {f["location"]["file"] for f in json.loads(result.stdout)["findings"]}
    assert files == {"services/chat/ai-usage.yaml"}


def test_since_new_file_has_only_new_findings(repo: Path, run_cli: Callable[..., Result]) -> None:
    new_dir = repo / "neu"
    new_dir.mkdir()
    (new_dir / "ai-usage.yaml").write_text(OLD, encoding="utf-8")  # not committed
    args = ("check", "neu/ai-usage.yaml", "--today", "2026-11-21", "-f", "json")
    assert keys(run_cli(*args, "--since", "HEAD")) == keys(run_cli(*args))


def test_since_broken_old_version_counts_everything_as_new(
    repo: Path, run_cli: Callable[..., Result]
) -> None:
    (repo / "ai-usage.yaml").write_text("manifest: [unclosed\n", encoding="utf-8")
    commit_all(repo, "broken")
    (repo / "ai-usage.yaml").write_text(OLD, encoding="utf-8")
    args = ("check", "--today", "2026-11-21", "-f", "json")
    assert keys(run_cli(*args, "--since", "HEAD")) == keys(run_cli(*args))


def test_since_bad_ref_is_exit_2(repo: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", "--since", "no-such-branch")
    assert result.exit_code == 2
    assert "'no-such-branch' is not a commit, branch or tag" in result.output
    assert "Traceback" not in result.output
    assert run_cli("check", "--since", "--upload-pack=evil").exit_code == 2


def test_since_outside_git_is_exit_2(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "ai-usage.yaml").write_text(OLD, encoding="utf-8")
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run_cli("check", "ai-usage.yaml", "--since", "HEAD")
    assert result.exit_code == 2
    assert "only for manifests inside a git repository" in result.output


def test_since_without_git_program_is_exit_2(
    repo: Path, tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run_cli("check", "ai-usage.yaml", "--since", "HEAD", "--lang", "de")
    assert result.exit_code == 2
    assert "das Programm git wurde nicht gefunden" in result.output


RED_LINE_PACK = """\
rules:
  - id: ORG101
    name: no-recruiting
    principle: weighing
    severity: error
    since: 0.1.0
    red_line: true
    summary: {en: No AI in recruiting., de: Keine KI bei der Personalauswahl.}
    rationale: {en: Our board decided so., de: Unser Vorstand hat das beschlossen.}
    fix: {en: Remove the use., de: Den Einsatz entfernen.}
    message: {en: "The use '{use}' is recruiting", de: "Der Einsatz '{use}' ist Recruiting"}
    select: uses
    forbid:
      contains: {field: categories, value: recruiting}
"""


def test_since_never_hides_a_crossed_red_line(repo: Path, tmp_path: Path) -> None:
    """An old red-line breach stays in the report; old ordinary gaps are dropped."""
    import datetime as dt

    from ai_coc.rules.packs import load_pack, load_policies
    from ai_coc.run.check import check_paths
    from ai_coc.run.since import only_new

    pack = tmp_path / "org-pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        "name: org\nversion: 1.0.0\nprefix: ORG\ntitle: {en: Org, de: Org}\n", encoding="utf-8"
    )
    (pack / "rules.yaml").write_text(RED_LINE_PACK, encoding="utf-8")
    policies = load_policies([load_pack(pack)])
    recruiting = OLD.replace("[text-drafting]", "[text-drafting, recruiting]")
    (repo / "ai-usage.yaml").write_text(recruiting, encoding="utf-8")
    commit_all(repo, "recruiting (a red line) already in the old version")
    today = dt.date(2026, 11, 21)
    report = check_paths([Path("ai-usage.yaml")], policies, today=today, lang="en")
    assert {f.rule_id for f in report.findings} >= {"ORG101", "COC201"}
    filtered = only_new(report, "HEAD", policies, today=today, lang="en")
    assert [f.rule_id for f in filtered.findings] == ["ORG101"]
    assert filtered.exit_code() == 1


def test_since_reads_every_old_version_with_one_git_process(
    repo: Path, monkeypatch: pytest.MonkeyPatch, run_cli: Callable[..., Result]
) -> None:
    """Many manifests, one `git rev-parse` and one `git cat-file --batch` per repository."""
    import subprocess

    for index in range(5):
        folder = repo / f"projekt-{index}"
        folder.mkdir()
        (folder / "ai-usage.yaml").write_text(OLD, encoding="utf-8")
    commit_all(repo, "five more manifests")
    (repo / "projekt-0" / "ai-usage.yaml").write_text(OLD + NEW_USE, encoding="utf-8")
    (repo / "neu").mkdir()
    (repo / "neu" / "ai-usage.yaml").write_text(OLD, encoding="utf-8")  # not in HEAD
    started: list[list[str]] = []
    real_popen = subprocess.Popen  # subprocess.run starts its processes through it too

    class SpyPopen(real_popen):  # type: ignore[misc, valid-type]
        def __init__(self, args: list[str], *rest: object, **kw: object) -> None:
            started.append(list(args))
            super().__init__(args, *rest, **kw)

    monkeypatch.setattr(subprocess, "Popen", SpyPopen)
    result = run_cli("check", ".", "--today", "2026-11-21", "-f", "json", "--since", "HEAD")
    gits = [
        args[3:] if args[1:2] == ["-C"] else args[1:] for args in started if args[:1] == ["git"]
    ]
    # the old versions: one rev-parse and one cat-file --batch for all manifests
    reading = [g[:2] for g in gits if g[:1] in (["rev-parse"], ["cat-file"])]
    assert reading == [["rev-parse", "--verify"], ["cat-file", "--batch"]]
    # besides: one listing of the repository's files (discovery) and at most one history read
    others = sorted(g[0] for g in gits if g[:1] not in (["rev-parse"], ["cat-file"]))
    assert others.count("ls-files") <= 1 and others.count("log") <= 1, gits
    assert len(others) <= 3, gits
    findings = json.loads(result.stdout)["findings"]
    changed = [f for f in findings if f["location"]["file"].startswith("projekt-0/")]
    assert changed
    assert all(f["location"]["path"].startswith("uses[newsletter-translation]") for f in changed)
    assert any(f["location"]["file"].startswith("neu/") for f in findings)  # all new
    assert not any(f["location"]["file"].startswith("projekt-1/") for f in findings)
