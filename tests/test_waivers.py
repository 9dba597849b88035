"""Waivers in the manifest, end to end through the real CLI in real git repositories."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES, POLICIES

TODAY = "2026-11-21"

#: A use without `labour:` (COC201), otherwise complete.
MANIFEST = """\
manifest: ai-coc/v1
project:
  name: newsletter
  organisation: Nachbarschaftshilfe Musterstadt e.V.
contacts:
  accountable: {role: Vorstand, email: vorstand@nachbarschaftshilfe.example}
  feedback: https://nachbarschaftshilfe.example/rueckmeldung
review:
  next_review_due: 2027-03-31
transparency:
  notice: https://nachbarschaftshilfe.example/ki-hinweis
competences:
  guidance: https://nachbarschaftshilfe.example/ki-leitlinie
  last_training: 2026-09-01
uses:
  - id: newsletter-drafts
    name: Drafting the monthly newsletter
    status: active
    categories: [text-drafting]
    audience: internal
    purpose: Draft the monthly newsletter from the notes of the volunteers.
    weighing:
      benefits: The volunteers save a whole weekend of writing every month.
      risks: Wrong dates or names in a draft if the editor does not check it carefully.
      non_use: >-
        Writing the newsletter by hand took two volunteers a whole weekend each month;
        we weighed this against the risks and keep a human editor for every issue.
      alternatives:
        - {option: Writing by hand as before, with_ai: false, reason_not_chosen: Too slow.}
    provenance:
      status: known
      source: https://provider.example/data-sheet
    people: {affects_people: false, decisions_about_people: false}
    participation:
      staff_involved: The newsletter volunteers chose and tested the tool together.
    environment: {intensity: low}
    competences: {operators_trained: true}
    accountability: {owner: Newsletter editor}
    workforce: {effect: relief, freed_time: The volunteers now have time for the readers' café.}
    evaluation: {last_evaluated: 2026-10-01, effects: Every issue now appears on time.}
"""

REASON = (
    "The provider promised its labour report for January; until then the volunteers "
    "review every draft by hand."
)


def waiver(**fields: Any) -> str:
    entry: dict[str, Any] = {
        "rule": "COC201",
        "use": "newsletter-drafts",
        "reason": REASON,
        "approved_by": "Vorstand (decision of 2026-11-10)",
        "expires": "2027-01-31",
    }
    entry.update(fields)
    lines = []
    for key, value in entry.items():
        if value is None:
            continue
        lines.append(f"{'  - ' if not lines else '    '}{key}: {value}")
    return "\n".join(lines) + "\n"


def run_in_repo(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    manifest: str,
    config: str | None = None,
    *args: str,
) -> tuple[Result, dict[str, Any]]:
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "ai-usage.yaml").write_text(manifest, encoding="utf-8")
    if config is not None:
        (repo / ".ai-coc.yaml").write_text(textwrap.dedent(config), encoding="utf-8")
    monkeypatch.chdir(repo)
    data = json.loads(run_cli("check", "--today", TODAY, "-f", "json", *args).stdout)
    text = run_cli("check", "--today", TODAY, *args)
    return text, data


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def ids(data: dict[str, Any]) -> list[str]:
    return [f["id"] for f in data["findings"]]


def test_without_waiver_the_finding_fails(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, MANIFEST)
    assert result.exit_code == 1
    assert ids(data) == ["COC201"]


def test_valid_waiver_moves_the_finding_to_waived(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver()
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 0, result.output
    assert ids(data) == []
    assert len(data["waived"]) == 1
    waived = data["waived"][0]
    assert waived["id"] == "COC201"
    assert waived["waiver"] == {
        "reason": REASON,
        "approved_by": "Vorstand (decision of 2026-11-10)",
        "expires": "2027-01-31",
    }
    assert data["files"][0]["waived"] == 1
    assert "1 finding(s) waived" in result.output


def test_waiver_by_rule_name_without_use(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(rule="labour-undeclared", use=None)
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 0, result.output
    assert [w["id"] for w in data["waived"]] == ["COC201"]


def test_waiver_for_another_use_does_not_apply(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(use="other-use")
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 1
    assert sorted(ids(data)) == ["COC013", "COC201"]


def test_expired_waiver_stops_working_and_is_a_finding(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(expires="2026-11-20")
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 1
    assert sorted(ids(data)) == ["COC010", "COC201"]
    expired = next(f for f in data["findings"] if f["id"] == "COC010")
    assert expired["severity"] == "error"
    assert expired["location"]["line"] == line_of(manifest, "expires: 2026-11-20")
    assert "expired on 20 November 2026" in expired["message"]
    assert data["waived"] == []


def test_waiver_is_valid_on_its_last_day(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(expires=TODAY)
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 0, result.output
    assert len(data["waived"]) == 1


def test_waiver_beyond_the_horizon(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(expires="2027-01-31")
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest, "waiver_max_days: 30\n")
    assert result.exit_code == 1
    assert sorted(ids(data)) == ["COC012", "COC201"]
    too_long = next(f for f in data["findings"] if f["id"] == "COC012")
    assert "30 days" in too_long["message"]
    assert too_long["location"]["line"] == line_of(manifest, "expires:")


def test_default_horizon_is_a_year(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(expires="2027-11-22")
    _result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert "COC012" in ids(data)


@pytest.mark.parametrize(
    ("fields", "missing"),
    [
        ({"approved_by": None}, "approved_by"),
        ({"reason": None}, "reason"),
        ({"reason": "TODO"}, "reason"),
        ({"approved_by": '""'}, "approved_by"),
        ({"expires": None}, "expires"),
    ],
)
def test_unapproved_waiver_does_not_take_effect(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    fields: dict[str, Any],
    missing: str,
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(**fields)
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 1
    assert sorted(ids(data)) == ["COC011", "COC201"]
    problem = next(f for f in data["findings"] if f["id"] == "COC011")
    assert missing in problem["message"]
    assert data["waived"] == []


def test_waiver_that_matches_nothing_is_a_warning(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = (
        MANIFEST.replace(
            "    provenance:",
            "    labour:\n      status: known\n      source: https://x.example\n"
            "      performed_by: employees\n      fair_pay: 'yes'\n      harmful_content: 'no'\n"
            "    provenance:",
        )
        + "waivers:\n"
        + waiver()
    )
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 0, result.output  # a warning only
    assert ids(data) == ["COC013"]
    unused = data["findings"][0]
    assert unused["severity"] == "warning"
    assert unused["location"]["line"] == line_of(manifest, "- rule: COC201")
    result = run_cli("check", "--today", TODAY, "--fail-on", "warning")
    assert result.exit_code == 1


def test_waiver_naming_an_unknown_rule(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(rule="labour-undeclard")
    result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert result.exit_code == 1
    assert sorted(ids(data)) == ["COC014", "COC201"]
    assert "labour-undeclard" in result.output


def test_waiver_on_an_inline_red_line(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = """\
        red_lines:
          - id: RL001
            name: no-text-drafting
            summary: {en: No AI text drafting.}
            rationale: {en: Our members write their own texts.}
            fix: {en: Stop the use.}
            message: {en: "The use '{use}' drafts texts with AI"}
            severity: error
            select: uses
            when:
              one_of: {field: status, values: [active, pilot]}
            forbid:
              contains: {field: categories, value: text-drafting}
        """
    manifest = MANIFEST + "waivers:\n" + waiver(rule="RL001")
    result, data = run_in_repo(
        tmp_path, run_cli, monkeypatch, manifest, config, "--fail-on", "never"
    )
    assert result.exit_code == 1, result.output
    assert sorted(ids(data)) == ["COC015", "COC201", "RL001"]
    assert data["waived"] == []
    message = next(f["message"] for f in data["findings"] if f["id"] == "COC015")
    assert "RL001 is a red line" in message
    assert "cannot be waived" in message
    assert "red line — cannot be waived" in result.output


def test_waiver_on_a_structural_rule(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST.replace("review:", "reveiw_notes: later\nreview:") + (
        "waivers:\n" + waiver(rule="unknown-key", use=None)
    )
    _result, data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest)
    assert {"COC001", "COC015"} <= set(ids(data))


def test_waiver_findings_in_german(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = MANIFEST + "waivers:\n" + waiver(expires="2026-01-01")
    result, _data = run_in_repo(tmp_path, run_cli, monkeypatch, manifest, "lang: de\n")
    assert "ist am 1. Januar 2026 abgelaufen" in result.output


# --- the examples of the waiver rules and of the example org pack ------------------------

EXPECT = re.compile(r"#\s*expect:\s*([A-Z][A-Z0-9]+)")


def _expected(path: Path) -> set[tuple[int, str]]:
    return {
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (match := EXPECT.search(line))
    }


WAIVER_EXAMPLES = sorted((POLICIES / "coc" / "examples").glob("COC01[0-9]/*.yaml"))
ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"
ORG_EXAMPLES = sorted((ORG_PACK / "examples").glob("*/*.yaml"))


def test_every_waiver_rule_and_red_line_has_both_examples() -> None:
    waiver_ids = {f"COC01{n}" for n in range(6)}
    assert {p.parent.name for p in WAIVER_EXAMPLES} == waiver_ids
    assert {p.name for p in WAIVER_EXAMPLES} == {"fail.yaml", "pass.yaml"}
    assert len(WAIVER_EXAMPLES) == 2 * len(waiver_ids)
    assert {p.parent.name for p in ORG_EXAMPLES} == {f"WFV00{n}" for n in range(1, 8)}
    assert len(ORG_EXAMPLES) == 14


@pytest.mark.parametrize(
    ("example", "config"),
    [(p, None) for p in WAIVER_EXAMPLES] + [(p, ORG_PACK) for p in ORG_EXAMPLES],
    ids=lambda v: f"{v.parent.name}/{v.name}" if isinstance(v, Path) and v.suffix else "",
)
def test_examples_give_exactly_the_marked_findings(
    tmp_path: Path, run_cli: Callable[..., Result], example: Path, config: Path | None
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text(f"extends: [{config}]\n" if config else "fail_on: error\n", encoding="utf-8")
    result = run_cli("check", str(example), "--config", str(cfg), "--today", TODAY, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    # the waiver and red-line rules (and the structure) are what these examples are about;
    # the rest of the coc pack may report gaps of these small manifests, too
    got = {
        (f["location"]["line"], f["id"])
        for f in data["findings"]
        if f["id"].startswith(("COC0", "WFV"))
    }
    assert got == _expected(example)
    if example.name == "fail.yaml":
        assert got, "a failing example must be flagged"
    if example.name == "pass.yaml" and config is None:
        assert len(data["waived"]) == 1
