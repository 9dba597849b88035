"""``ai-coc rules`` and ``ai-coc rule ID-OR-NAME``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
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


# --- links to the rules' pages: only under a configured docs_url ----------------------------

HOSTED = "https://intranet.example/ai-coc"


def _config(tmp_path: Path, docs_url: str | None) -> str:
    path = tmp_path / ".ai-coc.yaml"
    path.write_text(f"docs_url: {docs_url}\n" if docs_url else "fail_on: error\n", "utf-8")
    return str(path)


def test_rules_json_links_each_rule_under_the_docs_url(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("rules", "--format", "json", "--config", _config(tmp_path, HOSTED + "/"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {r["id"]: r["help_url"] for r in data}["COC201"] == (
        f"{HOSTED}/reference/rules.html#coc201"
    )
    builtin = [r for r in data if r["pack"] == "coc"]
    assert all(r["help_url"] == f"{HOSTED}/reference/rules.html#{r['id'].lower()}" for r in builtin)


def test_the_organisations_docs_url_reaches_rules_too(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_COC_ORG_CONFIG", _config(tmp_path, HOSTED))
    data = json.loads(run_cli("rules", "--format", "json").output)
    assert data[0]["help_url"].startswith(f"{HOSTED}/reference/rules.html#")


def test_rule_json_is_the_rules_entry(run_cli: Run, tmp_path: Path) -> None:
    for docs_url in (None, HOSTED):
        config = _config(tmp_path, docs_url)
        listed = json.loads(run_cli("rules", "--format", "json", "--config", config).output)
        one = run_cli("rule", "labour-undeclared", "--format", "json", "--config", config)
        assert one.exit_code == 0, one.output
        assert json.loads(one.output) == next(r for r in listed if r["id"] == "COC201")
        expected = f"{HOSTED}/reference/rules.html#coc201" if docs_url else ""
        assert json.loads(one.output)["help_url"] == expected


def test_rule_json_in_german(run_cli: Run) -> None:
    data = json.loads(run_cli("rule", "COC101", "--format", "json", "--lang", "de").output)
    assert data["principle_name"] == "Abwägung der Nutzung"
    assert data["help_url"] == ""


def test_rule_text_and_markdown_link_only_under_a_docs_url(run_cli: Run, tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    plain = _config(tmp_path / "plain", None)
    hosted = _config(tmp_path, HOSTED)
    unlinked = run_cli("rule", "COC201", "--config", plain).output
    assert "reference/rules.html" not in unlinked and "{docs_url}" not in unlinked
    text = run_cli("rule", "COC201", "--config", hosted).output
    assert text.rstrip().splitlines()[-1] == f"{HOSTED}/reference/rules.html#coc201"
    rows = run_cli("rules", "--format", "markdown", "--config", plain).output
    assert "| COC201 | `labour-undeclared` |" in rows and "http" not in rows
    linked = run_cli("rules", "--format", "markdown", "--config", hosted).output
    assert f"| [COC201]({HOSTED}/reference/rules.html#coc201) | `labour-undeclared` |" in linked
