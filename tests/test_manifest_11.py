"""The keys of manifest format 1.1 (still ``ai-coc/v1``): read, validated, documented."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.read.manifest import Manifest, json_schema
from ai_coc.read.vocabulary import CATEGORIES, CATEGORY_NAMES, DIRECT_CATEGORIES
from tests.conftest import EXAMPLES, TODAY

RunCli = Callable[..., Result]


def _check(run_cli: RunCli, tmp_path: Path, text: str) -> list[dict[str, object]]:
    target = tmp_path / "ai-usage.yaml"
    target.write_text(text, encoding="utf-8")
    result = run_cli("check", str(target), "--today", TODAY.isoformat(), "-f", "json")
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, object]] = json.loads(result.output)["findings"]
    return findings


def test_the_example_with_every_new_key_reads_without_schema_findings() -> None:
    from ai_coc.read.yaml import load_document

    data = load_document(EXAMPLES / "sitzungsprotokolle" / "ai-usage.yaml").data
    manifest = Manifest.model_validate(data)
    use = (manifest.uses or [])[0]
    assert use.workforce is not None and use.workforce.effect == "hours-reduced"
    assert use.people is not None and use.people.interaction == "indirect"
    assert use.assessments is not None and use.assessments[0].kind == "dpia"
    assert use.evaluation is not None and use.evaluation.reflections
    assert use.evaluation.reflections[0].on is not None


BASE = """\
manifest: ai-coc/v1
project: {name: p, organisation: o}
uses:
  - id: u
    status: proposed
"""


@pytest.mark.parametrize(
    "extra",
    [
        "    evaluation: {recommendations: Immer gegenlesen.}\n",
        "    evaluation: {recommendations: {do: [gegenlesen], dont: [blind vertrauen]}}\n",
        "    assessments: [{kind: fria, date: 2026-01-01, link: https://x.example, summary: ok}]\n",
        "    system: {approach: rule-based, rules_by: Team A}\n",
        "    labour: {performed_by: users, pay: none, regions: [unknown], via: platform}\n",
        "    labour: {harmful_content: 'no', support: unknown}\n",
        "    people: {interaction: direct, oversight_details: every answer is read}\n",
        "    weighing: {barriers: no internet, alternatives: [{option: phone, with_ai: false}]}\n",
        "    workforce: {effect: tasks-changed, freed_time: more talks, skills: rotation}\n",
        "    started_on: 2026-01-01\n",
    ],
)
def test_new_keys_are_accepted(run_cli: RunCli, tmp_path: Path, extra: str) -> None:
    findings = _check(run_cli, tmp_path, BASE + extra)
    assert [f["id"] for f in findings if str(f["id"]).startswith("COC0")] == []


@pytest.mark.parametrize(
    ("extra", "rule"),
    [
        ("    assessments: [{kind: privacy-check}]\n", "COC003"),
        ("    system: {approach: magic}\n", "COC003"),
        ("    workforce: {effect: fewer-people}\n", "COC003"),
        ("    people: {interaction: sometimes}\n", "COC003"),
        ('    evaluation: {recommendations: {do: [x], "don\'t": [y]}}\n', "COC001"),
        ("    evaluation: {reflections: [{on: 2026-13-01}]}\n", "COC004"),
    ],
)
def test_wrong_new_values_are_schema_findings(
    run_cli: RunCli, tmp_path: Path, extra: str, rule: str
) -> None:
    findings = _check(run_cli, tmp_path, BASE + extra)
    assert rule in {f["id"] for f in findings}


def test_every_category_has_an_english_and_a_german_name() -> None:
    assert {"anonymisation", "risk-scoring"} <= set(CATEGORIES)
    assert set(CATEGORY_NAMES) == set(CATEGORIES)
    for names in CATEGORY_NAMES.values():
        assert names["en"].strip() and names["de"].strip()
    assert set(DIRECT_CATEGORIES) <= set(CATEGORIES)


def test_the_schema_describes_the_new_keys() -> None:
    defs = json_schema()["$defs"]
    assert "hours-reduced" in json.dumps(defs["Workforce"])
    assert set(defs["Assessment"]["properties"]) == {"kind", "date", "link", "summary"}
    assert "users" in json.dumps(defs["Labour"]["properties"]["performed_by"])
    for name in ("approach", "rules_by"):
        assert defs["System"]["properties"][name]["description"]
