"""SARIF that GitHub code scanning accepts, checked by Microsoft's SARIF multitool.

``Sarif.Multitool validate --rule-kind "Sarif;Gh"`` applies the SARIF rules and the rules of
GitHub Advanced Security (GH1xxx/GH2xxx: every rule has ``shortDescription``,
``fullDescription`` and ``help``; URIs are valid references; a ``$schema`` is named ...).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ai_coc.report.formats import sarif
from ai_coc.report.report import FileResult, Report
from ai_coc.rules.findings import Finding, Location
from ai_coc.rules.packs import load_policies
from tests.conftest import EXAMPLES
from tests.gitutil import git

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/ai-usage.yaml"))
ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"


#: The multitool tries to fetch every URI in a log (rule SARIF2006, a note). The tests stay
#: offline: its HTTP client is sent to a closed port on this machine and fails at once. It also
#: runs without ICU, and sends no telemetry.
_OFFLINE = {
    **os.environ,
    "HTTP_PROXY": "http://127.0.0.1:9",
    "HTTPS_PROXY": "http://127.0.0.1:9",
    "NO_PROXY": "",
    "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1",
    "DOTNET_CLI_TELEMETRY_OPTOUT": "1",
}


def validate(multitool: Path, logs: list[Path], tmp_path: Path) -> list[dict[str, Any]]:
    """The multitool's results (error, warning and note) for the given SARIF files."""
    out = tmp_path / "validation.sarif"
    out.unlink(missing_ok=True)
    proc = subprocess.run(
        [str(multitool), "validate", "--rule-kind", "Sarif;Gh", "--output", str(out)]
        + [str(log) for log in logs],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=_OFFLINE,
    )
    assert out.is_file(), proc.stdout + proc.stderr
    assert "files scanned" in proc.stdout, proc.stdout  # it really looked at the files
    results: list[dict[str, Any]] = json.loads(out.read_text("utf-8"))["runs"][0]["results"]
    return results


def errors(results: list[dict[str, Any]]) -> list[str]:
    found = []
    for r in results:
        if r.get("level", "warning") != "error":
            continue
        where = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        found.append(f"{r['ruleId']} {where}: {r['message'].get('arguments')}")
    return found


def _sarif(run_cli: Callable[..., Result], target: Path, *args: str) -> Path:
    result = run_cli("check", *args, "--today", "2026-11-21", "--output", f"sarif={target}")
    assert result.exit_code in (0, 1), result.output
    return target


@pytest.fixture(scope="module")
def example_logs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """SARIF of every example, of the whole examples folder and of org-pack red lines."""
    from click.testing import CliRunner

    from ai_coc.cli import main
    from tests.conftest import _Main

    def run_cli(*args: str) -> Result:
        return CliRunner().invoke(_Main(main), list(args), catch_exceptions=False)

    folder = tmp_path_factory.mktemp("sarif")
    logs = [_sarif(run_cli, folder / f"{m.parent.name}.sarif", str(m)) for m in EXAMPLE_MANIFESTS]
    logs.append(_sarif(run_cli, folder / "examples.sarif", str(EXAMPLES)))
    # the example org pack through a configuration (as examples/README.md describes) ...
    project = folder / "verein"
    project.mkdir()
    (project / "ai-usage.yaml").write_text(
        (EXAMPLES / "rote-linie-recruiting" / "ai-usage.yaml").read_text("utf-8"), "utf-8"
    )
    (project / ".ai-coc.yaml").write_text(
        f"extends:\n  - {ORG_PACK.as_posix()}\n"
        "red_lines:\n"
        "  - id: RL001\n"
        "    name: no-chatbots-for-children\n"
        "    principle: human-centredness\n"
        "    severity: error\n"
        "    summary: {en: No chatbot for children., de: Kein Chatbot für Kinder.}\n"
        "    rationale: {en: Decided by the board., de: Vom Vorstand beschlossen.}\n"
        "    fix: {en: Remove the use., de: Den Einsatz entfernen.}\n"
        "    message: {en: 'The use {use} is for children',\n"
        "              de: 'Der Einsatz {use} ist für Kinder'}\n"
        "    select: uses\n"
        "    forbid: {contains_any: {field: categories, values: [recruiting]}}\n",
        "utf-8",
    )
    logs.append(_sarif(run_cli, folder / "org-pack.sarif", str(project)))
    # ... and the failing examples of the org pack, each checked against the pack
    for fail in sorted(ORG_PACK.glob("examples/*/fail.yaml")):
        logs.append(
            _sarif(
                run_cli,
                folder / f"org-{fail.parent.name}.sarif",
                "--config",
                str(project / ".ai-coc.yaml"),
                str(fail),
            )
        )
    return logs


def test_multitool_finds_no_error_in_any_example(
    sarif_multitool: Path, example_logs: list[Path], tmp_path: Path
) -> None:
    results = validate(sarif_multitool, example_logs, tmp_path)
    assert errors(results) == []
    rules = {r["ruleId"] for r in results}
    assert not any(rule.startswith("GH") for rule in rules), rules
    # every log really had the red lines in it
    org = json.loads((example_logs[-1].parent / "org-pack.sarif").read_text("utf-8"))
    ids = [r["id"] for r in org["runs"][0]["tool"]["driver"]["rules"]]
    assert {"WFV001", "RL001"} <= set(ids)


def test_multitool_reports_what_github_would_reject(
    sarif_multitool: Path, example_logs: list[Path], tmp_path: Path
) -> None:
    """The check is real: a rule without help and a bad URI are errors."""
    log = json.loads(example_logs[-1].read_text("utf-8"))
    run = log["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        if rule["id"].startswith("WFV"):
            del rule["help"], rule["fullDescription"]
    run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b"
    broken = tmp_path / "broken.sarif"
    broken.write_text(json.dumps(log), "utf-8")
    found = errors(validate(sarif_multitool, [broken], tmp_path))
    assert sum(e.startswith("GH2012") for e in found) == 2 * 7  # 7 red lines x 2 properties
    assert any(e.startswith("SARIF1002") for e in found)


def test_every_rule_has_full_help_in_text_and_markdown(example_logs: list[Path]) -> None:
    for log in example_logs:
        for rule in json.loads(log.read_text("utf-8"))["runs"][0]["tool"]["driver"]["rules"]:
            assert rule["shortDescription"]["text"].strip(), rule["id"]
            assert rule["fullDescription"]["text"].strip(), rule["id"]
            assert rule["help"]["text"].strip(), rule["id"]
            assert f"ai-coc rule {rule['id']}" in rule["help"]["markdown"]


# --- URIs relative to the repository root -----------------------------------------------------


def _uris(log: dict[str, Any]) -> list[str]:
    run = log["runs"][0]
    uris = [a["location"]["uri"] for a in run["artifacts"]]
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uriBaseId"] == "%SRCROOT%"
        uris.append(location["uri"])
    return uris


def test_uris_are_relative_to_the_repository_root_from_any_folder(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    (repo / "apps" / "chat bot").mkdir(parents=True)
    git(repo, "init", "-q")
    minimal = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text("utf-8")
    (repo / "ai-usage.yaml").write_text(minimal, "utf-8")
    (repo / "apps" / "chat bot" / "ai-usage.yaml").write_text(minimal, "utf-8")

    def run(cwd: Path, *paths: str) -> dict[str, Any]:
        monkeypatch.chdir(cwd)
        result = run_cli("check", *paths, "--today", "2026-11-21", "-f", "sarif")
        assert result.exit_code == 1, result.output
        log: dict[str, Any] = json.loads(result.stdout)
        return log

    from_root = run(repo, ".")
    from_docs = run(repo / "docs", "..")
    from_outside = run(tmp_path, "repo")
    expected = ["ai-usage.yaml", "apps/chat%20bot/ai-usage.yaml"]
    for log in (from_root, from_docs, from_outside):
        assert sorted(set(_uris(log))) == expected
        base = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        assert base == repo.resolve().as_uri() + "/"
    fingerprints = [
        [r["partialFingerprints"] for r in log["runs"][0]["results"]]
        for log in (from_root, from_docs, from_outside)
    ]
    assert fingerprints[0] == fingerprints[1] == fingerprints[2]


def test_gitlab_paths_are_relative_to_the_repository_root(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "ai-usage.yaml").write_text(
        (EXAMPLES / "minimal" / "ai-usage.yaml").read_text("utf-8"), "utf-8"
    )
    seen = []
    for cwd, path in ((repo, "ai-usage.yaml"), (repo / "docs", "../ai-usage.yaml")):
        monkeypatch.chdir(cwd)
        result = run_cli("check", path, "--today", "2026-11-21", "-f", "gitlab")
        issues = json.loads(result.stdout)
        assert {i["location"]["path"] for i in issues} == {"ai-usage.yaml"}
        seen.append([i["fingerprint"] for i in issues])
    assert seen[0] == seen[1]


def test_github_annotations_name_files_from_the_repository_root(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    git(repo, "init", "-q")
    (repo / "ai-usage.yaml").write_text(
        (EXAMPLES / "minimal" / "ai-usage.yaml").read_text("utf-8"), "utf-8"
    )
    monkeypatch.chdir(repo / "docs")
    result = run_cli("check", "..", "--today", "2026-11-21", "-f", "github")
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert commands
    assert all(" file=ai-usage.yaml," in line for line in commands), commands[0]


# --- GitHub's limits ------------------------------------------------------------------------


def _big_report(n: int) -> Report:
    findings = [
        Finding(
            rule_id="COC201",
            rule_name="labour-missing",
            principle="human-centredness",
            severity="warning" if i % 2 else "info",
            message=f"finding {i}",
            fix="fix it",
            location=Location("proj/ai-usage.yaml", i + 1, 1, f"uses[u{i}].labour"),
            use=f"u{i}",
            help_url="",
        )
        for i in range(n)
    ]
    findings.insert(
        n // 2,
        Finding(
            rule_id="ORG001",
            rule_name="no-ai-in-recruiting",
            principle="human-centredness",
            severity="error",
            message="red line",
            fix="remove it",
            location=Location("proj/ai-usage.yaml", 9999, 1, "uses[x]"),
            use="x",
            help_url="",
            pack="org",
            red_line=True,
        ),
    )
    return Report(
        files=[FileResult("proj/ai-usage.yaml", findings)], policies=[], today=dt.date(2026, 11, 21)
    )


def test_more_results_than_github_shows_are_capped_with_a_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    report = _big_report(5200)
    out = io.StringIO()
    sarif.render(report, load_policies(), out)
    log = json.loads(out.getvalue())
    run = log["runs"][0]
    assert len(run["results"]) == sarif.MAX_RESULTS
    assert run["properties"]["results_total"] == 5201
    assert run["properties"]["results_omitted"] == 201
    assert any(r["ruleId"] == "ORG001" for r in run["results"])  # the red line is kept
    assert sum(r["level"] == "note" for r in run["results"]) < 2600  # notes went first
    note = run["invocations"][0]["toolExecutionNotifications"][0]
    assert "5000 of 5201" in note["message"]["text"]
    assert "5000 of 5201" in capsys.readouterr().err


def test_a_capped_log_is_accepted_by_the_multitool(
    sarif_multitool: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note (a tool execution notification) is valid SARIF for GitHub; a small cap keeps
    the multitool's run short."""
    monkeypatch.setattr(sarif, "MAX_RESULTS", 40)
    text, note = sarif.dumps(_big_report(60), load_policies())
    assert note is not None
    assert len(json.loads(text)["runs"][0]["results"]) == 40
    path = tmp_path / "capped.sarif"
    path.write_text(text, "utf-8")
    assert errors(validate(sarif_multitool, [path], tmp_path)) == []


def test_a_log_over_the_size_limit_is_cut_to_fit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sarif, "MAX_BYTES", 400_000)
    text, note = sarif.dumps(_big_report(3000), load_policies())
    assert len(text.encode("utf-8")) <= 400_000
    assert note is not None
    shown = len(json.loads(text)["runs"][0]["results"])
    assert 0 < shown < 3001


def test_a_small_run_has_no_note(capsys: pytest.CaptureFixture[str]) -> None:
    text, note = sarif.dumps(_big_report(10), load_policies())
    assert note is None
    assert "toolExecutionNotifications" not in text
