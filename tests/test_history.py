"""Undeclared AI in the git history (COC308), in real git repositories."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.rules.trailers import parse_trailer, undeclared
from ai_coc.run.history import HistoryCache, read_trailers
from tests.conftest import POLICIES
from tests.gitutil import git, git_env, init_repo

EXAMPLES = POLICIES / "coc" / "examples" / "COC308"


def commit(repo: Path, message: str, date: str = "2026-11-02T10:00:00+01:00") -> str:
    """An empty commit with ``message``, committed (and authored) on ``date``."""
    env = {**git_env(), "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", message],
        cwd=repo,
        env=env,
        check=True,
        capture_output=True,
    )
    return git(repo, "rev-parse", "HEAD").strip()


def repo_with(tmp_path: Path, example: str) -> Path:
    repo = init_repo(tmp_path / "repo")
    shutil.copy(EXAMPLES / example, repo / "ai-usage.yaml")
    shutil.copy(EXAMPLES / "ki-hinweis.md", repo / "ki-hinweis.md")
    git(repo, "add", "-A")
    commit(repo, "Manifest", "2026-09-20T09:00:00+02:00")
    return repo


CLAUDE = (
    "Fix the event calendar\n\nThe dates were off by one.\n\nAssisted-by: Claude:claude-sonnet-4"
)


def check_json(run_cli: Callable[..., Result], repo: Path, *extra: str) -> dict[str, object]:
    result = run_cli(
        "check", str(repo / "ai-usage.yaml"), "--today", "2026-11-21", "-f", "json", *extra
    )
    assert result.exit_code in (0, 1), result.output
    data: dict[str, object] = json.loads(result.stdout)
    return data


def history_findings(report: dict[str, object]) -> list[dict[str, object]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [f for f in findings if f["id"] == "COC308"]


def test_the_fail_example_reports_the_undeclared_assistant_on_its_marked_line(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    from ai_coc.run.policytest import parse_markers

    repo = repo_with(tmp_path, "fail.yaml")
    sha = commit(repo, CLAUDE)
    found = history_findings(check_json(run_cli, repo))
    assert len(found) == 1
    marked = parse_markers((EXAMPLES / "fail.yaml").read_text(encoding="utf-8"))["COC308"]
    assert {found[0]["location"]["line"]} == marked  # type: ignore[index]
    assert found[0]["location"]["path"] == f"history[{sha[:12]}]"  # type: ignore[index]
    message = str(found[0]["message"])
    assert sha[:12] in message
    assert "Fix the event calendar" in message
    assert "Claude" in message
    assert found[0]["severity"] == "warning"


def test_the_pass_example_declares_the_assistant_and_stays_silent(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "pass.yaml")
    commit(repo, CLAUDE)
    commit(repo, "Tidy\n\nCo-authored-by: Claude <noreply@anthropic.com>")
    assert history_findings(check_json(run_cli, repo)) == []


def test_only_commits_since_the_last_review_count(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")  # last_reviewed: 2026-10-01
    commit(repo, "Old\n\nGenerated-by: ChatGPT", "2026-09-30T23:00:00+02:00")
    on_the_day = commit(repo, "Same day\n\nGenerated-by: ChatGPT", "2026-10-01T08:00:00+02:00")
    found = history_findings(check_json(run_cli, repo))
    assert [f["location"]["path"] for f in found] == [f"history[{on_the_day[:12]}]"]  # type: ignore[index]
    assert "ChatGPT" in str(found[0]["message"])


def test_people_as_co_authors_are_not_reported_but_known_assistants_are(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, "Pair work\n\nCo-authored-by: Haider Ali <haider@example.org>")
    commit(repo, "Named Claude\n\nCo-authored-by: Claude Meier <claude.meier@example.org>")
    bot = commit(
        repo, "Agent\n\nCo-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>"
    )
    found = history_findings(check_json(run_cli, repo))
    assert [f["location"]["path"] for f in found] == [f"history[{bot[:12]}]"]  # type: ignore[index]
    assert "GitHub Copilot" in str(found[0]["message"])


def test_a_commit_naming_the_same_tool_twice_is_one_finding(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, CLAUDE + "\nCo-authored-by: Claude <noreply@anthropic.com>")
    commit(repo, "Two tools\n\nAssisted-by: Claude\nGenerated-by: Hauseigener Textroboter")
    found = history_findings(check_json(run_cli, repo))
    assert len(found) == 3
    assert len({f["location"]["path"] for f in found}) == 2


def test_since_reports_only_the_commits_after_the_ref(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, CLAUDE, "2026-10-05T10:00:00+02:00")
    git(repo, "tag", "base")
    newer = commit(repo, "Later\n\nGenerated-by: ChatGPT", "2026-11-05T10:00:00+01:00")
    assert len(history_findings(check_json(run_cli, repo))) == 2
    found = history_findings(check_json(run_cli, repo, "--since", "base"))
    assert [f["location"]["path"] for f in found] == [f"history[{newer[:12]}]"]


def test_history_false_in_the_configuration_and_no_history_switch_it_off(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, CLAUDE)
    assert history_findings(check_json(run_cli, repo, "--no-history")) == []
    (repo / ".ai-coc.yaml").write_text("history: false\n", encoding="utf-8")
    assert history_findings(check_json(run_cli, repo)) == []
    assert len(history_findings(check_json(run_cli, repo, "--history"))) == 1
    result = run_cli("config", "--config", str(repo / ".ai-coc.yaml"))
    (line,) = [line for line in result.output.splitlines() if line.strip().startswith("history")]
    assert line.split()[1] == "false" and ".ai-coc.yaml:1" in line


def test_outside_a_git_repository_nothing_is_read(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    shutil.copy(EXAMPLES / "fail.yaml", folder / "ai-usage.yaml")
    assert history_findings(check_json(run_cli, folder)) == []
    assert read_trailers(folder, None) is None


def test_a_waiver_accepts_the_finding(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, CLAUDE)
    manifest = repo / "ai-usage.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "waivers:\n  - rule: COC308\n    reason: Ein Test mit Claude, der Einsatz wird gerade"
        " beschrieben und bis Januar ergänzt.\n    approved_by: Vorstand\n"
        "    expires: 2027-01-15\n",
        encoding="utf-8",
    )
    report = check_json(run_cli, repo)
    assert history_findings(report) == []
    waived = report["waived"]
    assert isinstance(waived, list)
    assert [w["id"] for w in waived] == ["COC308"], waived


def test_many_manifests_of_one_repository_cost_one_git_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ai_coc.rules.packs import load_policies
    from ai_coc.run import check as lint
    from tests.conftest import TODAY

    repo = init_repo(tmp_path / "repo")
    text = (EXAMPLES / "fail.yaml").read_text(encoding="utf-8")
    for number, day in enumerate(["2026-10-01", "2026-08-15", "2026-11-10"]):
        folder = repo / f"p{number}"
        folder.mkdir()
        (folder / "ai-usage.yaml").write_text(
            text.replace("last_reviewed: 2026-10-01", f"last_reviewed: {day}"), encoding="utf-8"
        )
    git(repo, "add", "-A")
    commit(repo, "Manifests", "2026-08-01T10:00:00+02:00")
    sha = commit(repo, CLAUDE, "2026-09-01T10:00:00+02:00")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args: list[str], *rest: object, **kw: object) -> object:
        if args[:1] == ["git"] and "log" in args:
            calls.append(args)
        return real_run(args, *rest, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counting_run)
    report = lint.check_paths([repo], load_policies([]), today=TODAY, lang="en")
    assert len(calls) == 1
    assert any(a.startswith("--since=2026-08-14") for a in calls[0])
    by_file = {
        Path(r.file).parent.name: [f for f in r.findings if f.rule_id == "COC308"]
        for r in report.files
    }
    report.close()
    # the commit of 2026-09-01 lies after the review of p1 only
    assert [f.location.path for f in by_file["p1"]] == [f"history[{sha[:12]}]"]
    assert by_file["p0"] == [] and by_file["p2"] == []


def test_the_cache_reads_again_only_when_an_earlier_date_is_asked_for() -> None:
    import datetime as dt

    asked: list[dt.date | None] = []

    def reader(_root: Path, since: dt.date | None) -> list[object]:
        asked.append(since)
        return []

    cache = HistoryCache(reader)
    root = Path("/repo")
    cache.prime([(root, dt.date(2026, 10, 1)), (root, dt.date(2026, 9, 1))])
    assert cache.trailers(root, dt.date(2026, 11, 1)) == ()
    assert asked == [dt.date(2026, 9, 1)]
    cache.trailers(root, None)
    cache.trailers(root, dt.date(2020, 1, 1))
    assert asked == [dt.date(2026, 9, 1), None]


@pytest.mark.parametrize(
    ("key", "value", "tool"),
    [
        ("Assisted-by", "Claude:claude-3-opus [coccinelle] [sparse]", "Claude"),
        ("assisted-by", "ClaudeOpus4", "Claude"),
        ("Generated-by", "GitHub Copilot", "GitHub Copilot"),
        ("Generated-by", "Hauseigener Textroboter 2", "Hauseigener Textroboter 2"),
        ("Co-Authored-By", "Claude <noreply@anthropic.com>", "Claude"),
        ("Co-authored-by", "Cursor Agent <cursoragent@cursor.com>", "Cursor"),
        ("Co-authored-by", "aider (gpt-4o) <noreply@aider.chat>", "Aider"),
        ("Co-authored-by", "Copilot", "GitHub Copilot"),
        ("Co-authored-by", "Claude Meier <claude@meier.example>", None),
        ("Co-authored-by", "Haider <haider@example.org>", None),
        ("Co-authored-by", "Cody <12+cody@users.noreply.github.com>", None),
        ("Signed-off-by", "Claude <noreply@anthropic.com>", None),
    ],
)
def test_what_a_trailer_names(key: str, value: str, tool: str | None) -> None:
    parsed = parse_trailer(key, value)
    assert (parsed[0] if parsed else None) == tool


@pytest.mark.parametrize(
    ("system", "declared"),
    [
        ({"tool": "Claude Code", "provider": "Anthropic"}, True),
        ({"tool": "claude", "openness": "closed"}, True),
        ({"tool": "Assistent", "provider": "ANTHROPIC PBC"}, True),
        ({"model": "claude-3-opus"}, True),
        ({"tool": "DeepL", "provider": "DeepL SE"}, False),
        ({"tool": "GitHub Copilot", "provider": "GitHub"}, False),
    ],
)
def test_which_uses_declare_a_claude_trailer(system: dict[str, str], declared: bool) -> None:
    import datetime as dt

    from ai_coc.rules.trailers import Trailer

    tool, names = parse_trailer("Assisted-by", "Claude:claude-3-opus") or ("", frozenset())
    trailer = Trailer("a" * 40, dt.date(2026, 11, 1), "s", "Assisted-by", "Claude", tool, names)
    data = {"uses": [{"id": "x", "system": system}]}
    assert (undeclared([trailer], data) == []) is declared


def test_policy_test_skips_the_history_rule_with_its_reason(
    run_cli: Callable[..., Result],
) -> None:
    result = run_cli("policy", "test", "coc", "--format", "json")
    data = json.loads(result.output)
    rule = next(r for r in data["rules"] if r["id"] == "COC308")
    assert rule["skipped"] and "git" in rule["skipped"]
    # COC308 and COC021 (configuration files) are the only rules without manifest examples
    assert data["summary"]["skipped"] == 2
    others = [r for r in data["rules"] if r["id"] not in ("COC308", "COC021")]
    assert all(r["skipped"] is None for r in others)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_texts_of_the_finding_are_complete_in_both_languages(
    tmp_path: Path, run_cli: Callable[..., Result], lang: str
) -> None:
    repo = repo_with(tmp_path, "fail.yaml")
    commit(repo, CLAUDE)
    (found,) = history_findings(check_json(run_cli, repo, "--lang", lang))
    for text in (found["message"], found["fix"]):
        assert "{" not in str(text) and "}" not in str(text), text
    assert found["principle"] == "transparency"
    assert ("kein Einsatz nennt" in str(found["message"])) is (lang == "de")
