"""``ai-coc policy test``: the built-in pack passes, and broken examples or packs are caught."""

from __future__ import annotations

import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.rules.packs import load_pack
from ai_coc.rules.policy import builtin_pack_dir
from ai_coc.run.policytest import parse_markers

RunCli = Callable[..., Result]


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the built-in pack that a test may break."""
    target = tmp_path / "coc-copy"
    shutil.copytree(builtin_pack_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_builtin_pack_passes(run_cli: RunCli) -> None:
    result = run_cli("policy", "test", "coc")
    assert result.exit_code == 0, result.output
    every = load_pack(builtin_pack_dir()).rules
    lines = [line for line in result.output.splitlines() if line.startswith(("ok", "FAIL"))]
    # COC308 reads the git history (tests/test_history.py) and COC021 checks configuration
    # files (tests/gate/test_org_policy.py): skipped, each with its reason
    skipped = [line for line in result.output.splitlines() if line.startswith("skip ")]
    assert sorted(line.split()[1] for line in skipped) == ["COC021", "COC308"]
    assert len(lines) == len(every) - 2
    assert all(line.startswith("ok") for line in lines)
    assert f"{len(every)} rule(s) tested, {len(every) - 2} passed, 0 failed" in result.output
    assert "2 skipped" in result.output
    assert "skip   COC021  config-loosens-org-policy" in result.output
    assert "configuration files, not manifests" in result.output


def test_builtin_pack_json(run_cli: RunCli) -> None:
    result = run_cli("policy", "test", "coc", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ok"] is True
    assert data["today"] == "2026-11-21"
    assert data["summary"]["failed"] == 0
    assert {r["id"] for r in data["rules"]} >= {"COC001", "COC101", "COC405", "COC803"}


def test_fail_example_that_no_longer_triggers_fails(run_cli: RunCli, pack_copy: Path) -> None:
    fail = pack_copy / "examples" / "COC601" / "fail.yaml"
    _edit(fail, "next_review_due: 2026-03-01", "next_review_due: 2027-03-01")
    result = run_cli("policy", "test", str(pack_copy))
    assert result.exit_code == 1, result.output
    assert "FAIL   COC601  review-overdue" in result.output
    line = next(
        n
        for n, text in enumerate(fail.read_text().splitlines(), start=1)
        if "expect: COC601" in text
    )
    assert f"COC601/fail.yaml:{line}: expected COC601 here (marked), but it was not reported" in (
        result.output
    )
    # the other rules are still fine
    assert "ok     COC602" in result.output
    assert "1 failed" in result.output


def test_unmarked_finding_fails(run_cli: RunCli, pack_copy: Path) -> None:
    fail = pack_copy / "examples" / "COC107" / "fail.yaml"
    _edit(fail, "  # expect: COC107", "")
    result = run_cli("policy", "test", str(pack_copy), "--format", "json")
    assert result.exit_code == 1
    rule = next(r for r in json.loads(result.output)["rules"] if r["id"] == "COC107")
    messages = [p["message"] for p in rule["problems"]]
    assert any("no line is marked" in m for m in messages)
    assert any("reported here, but the line is not marked" in m for m in messages)


def test_marker_for_another_rule_must_be_found(run_cli: RunCli, pack_copy: Path) -> None:
    fail = pack_copy / "examples" / "COC107" / "fail.yaml"
    _edit(fail, "status: active", "status: active  # expect: COC208")
    result = run_cli("policy", "test", str(pack_copy))
    assert result.exit_code == 1
    assert "expected COC208 here (marked), but it was not reported" in result.output
    assert "FAIL   COC107" in result.output


def test_pass_example_that_triggers_fails(run_cli: RunCli, pack_copy: Path) -> None:
    passing = pack_copy / "examples" / "COC701" / "pass.yaml"
    _edit(passing, "operators_trained: true", "operators_trained: false")
    result = run_cli("policy", "test", str(pack_copy), "--lang", "de")
    assert result.exit_code == 1
    assert "FEHLER COC701" in result.output
    assert "darf im bestandenen Beispiel nicht gemeldet werden" in result.output


def test_rule_without_examples_fails(run_cli: RunCli, pack_copy: Path) -> None:
    (pack_copy / "examples" / "COC702" / "pass.yaml").unlink()
    result = run_cli("policy", "test", str(pack_copy))
    assert result.exit_code == 1
    assert "FAIL   COC702" in result.output
    assert "COC702/pass.yaml: the example file is missing" in result.output


def test_unreadable_example_fails_with_its_line(run_cli: RunCli, pack_copy: Path) -> None:
    fail = pack_copy / "examples" / "COC801" / "fail.yaml"
    fail.write_text(fail.read_text() + "uses: [unclosed\n", encoding="utf-8")
    result = run_cli("policy", "test", str(pack_copy))
    assert result.exit_code == 1
    assert "FAIL   COC801" in result.output
    assert "COC801/fail.yaml:" in result.output
    assert "the example cannot be checked" in result.output


def test_broken_pack_exits_2_with_file_and_line(run_cli: RunCli, pack_copy: Path) -> None:
    rules = pack_copy / "7-competences.yaml"
    _edit(rules, "    severity: warning\n", "    severity: loud\n")
    line = next(
        n for n, text in enumerate(rules.read_text().splitlines(), start=1) if "loud" in text
    )
    result = run_cli("policy", "test", str(pack_copy))
    assert result.exit_code == 2
    assert f"7-competences.yaml:{line}" in result.output
    assert "broken policy pack" in result.output


def test_missing_pack_exits_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("policy", "test", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "policy pack not found" in result.output


def test_organisation_pack_with_own_prefix(run_cli: RunCli, tmp_path: Path) -> None:
    pack = tmp_path / "org-pack"
    (pack / "examples" / "ORG001").mkdir(parents=True)
    (pack / "pack.yaml").write_text(
        "name: beispiel-org\nversion: 1.0.0\nprefix: ORG\ntitle: Rote Linien\n"
        "red_lines: true\nexamples_today: 2027-01-15\n",
        encoding="utf-8",
    )
    (pack / "red-lines.yaml").write_text(
        textwrap.dedent(
            """\
            rules:
              - id: ORG001
                name: no-recruiting
                severity: error
                since: 1.0.0
                summary: {en: No AI in recruiting., de: Keine KI bei der Personalauswahl.}
                rationale: {en: Decided by the board., de: Vom Vorstand beschlossen.}
                fix: {en: Stop the use., de: Den Einsatz beenden.}
                message: {en: "'{use}' is recruiting", de: "'{use}' ist Personalauswahl"}
                select: uses
                when: {one_of: {field: status, values: [active, pilot]}}
                forbid: {contains: {field: categories, value: recruiting}}
            """
        ),
        encoding="utf-8",
    )
    head = "manifest: ai-coc/v1\nproject: {name: x, organisation: Verein e.V.}\nuses:\n"
    (pack / "examples" / "ORG001" / "fail.yaml").write_text(
        head + "  - id: cv-screening\n    status: pilot\n"
        "    categories: [recruiting]  # expect: ORG001\n"
        "    labor: {}  # expect: COC001\n",
        encoding="utf-8",
    )
    (pack / "examples" / "ORG001" / "pass.yaml").write_text(
        head + "  - id: cv-screening\n    status: rejected\n    categories: [recruiting]\n",
        encoding="utf-8",
    )
    result = run_cli("policy", "test", str(pack), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["pack"] == "beispiel-org"
    assert data["today"] == "2027-01-15"
    assert [r["id"] for r in data["rules"]] == ["ORG001"]


def test_parse_markers() -> None:
    text = "a: 1  # expect: COC101\nb: 2\nc: 3 # expect: coc201, COC202\nd: '# expect: no'\n"
    assert parse_markers(text) == {"COC101": {1}, "COC201": {3}, "COC202": {3}}


def test_today_option_changes_the_date_rules(run_cli: RunCli) -> None:
    # a year later, the review dates of the examples are overdue and the pass examples fail
    result = run_cli("policy", "test", "coc", "--today", "2028-01-01", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["today"] == "2028-01-01"
    failed = {r["id"] for r in data["rules"] if not r["ok"]}
    assert "COC601" in failed


def test_bad_today_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("policy", "test", "coc", "--today", "21.11.2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
