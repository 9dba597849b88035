"""``ai-coc rules`` and ``ai-coc rule ID-OR-NAME``."""

from __future__ import annotations

import json
from collections.abc import Callable

from click.testing import Result

from ai_coc.rules.packs import load_policies

Run = Callable[..., Result]


def test_rules_json_lists_every_rule_with_texts(run_cli: Run) -> None:
    result = run_cli("rules", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [r["id"] for r in data] == [r.id for r in load_policies().rules]
    labour = next(r for r in data if r["id"] == "COC201")
    assert labour["name"] == "labour-undeclared"
    assert labour["principle"] == "human-centredness"
    assert labour["help_url"] == ""  # no docs_url configured
    assert labour["rationale"] and labour["fix"]


def test_rules_text_and_markdown(run_cli: Run) -> None:
    text = run_cli("rules")
    assert text.exit_code == 0
    assert "COC101  non-use-justification-missing" in text.output
    markdown = run_cli("rules", "--format", "markdown", "--principle", "transparency")
    lines = markdown.output.splitlines()
    assert lines[0].startswith("| ID |")
    assert all("transparency" in line for line in lines[2:])
    assert any("COC301" in line for line in lines)


def test_rule_by_id_and_by_name(run_cli: Run) -> None:
    by_id = run_cli("rule", "coc202")
    by_name = run_cli("rule", "labour-unjustified")
    assert by_id.exit_code == by_name.exit_code == 0
    assert by_id.output == by_name.output
    assert "COC202 labour-unjustified" in by_id.output
    assert "Principle: 2 Human-centredness" in by_id.output
    assert "How to fix:" in by_id.output


def test_rule_in_german(run_cli: Run) -> None:
    result = run_cli("rule", "COC101", "--lang", "de")
    assert "Prinzip: 1 Abwägung der Nutzung" in result.output
    assert "So beheben:" in result.output


def test_unknown_rule_suggests(run_cli: Run) -> None:
    result = run_cli("rule", "labour-undeclard")
    assert result.exit_code == 2
    assert "no rule with the ID or name 'labour-undeclard'" in result.output
    assert "did you mean labour-undeclared" in result.output
