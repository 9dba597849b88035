"""Every text of every rule renders without an unfilled ``{placeholder}``.

The texts of a rule are shown without a finding (``ai-coc rule``, the docs, SARIF help) and
with one (the message and fix of a finding). Placeholders belong in the message only, where
the tool fills them; summary, rationale and fix must read as they are.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable

import pytest
from click.testing import Result

from ai_coc.rules.engine import _fill
from ai_coc.rules.packs import load_pack, load_policies
from ai_coc.rules.policy import BUILTIN_PLACEHOLDERS, COMMON_PLACEHOLDERS, PolicySet, Rule
from tests.conftest import EXAMPLES

ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"
HOLE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
LANGS = ("en", "de")


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return load_policies([load_pack(ORG_PACK)])


def _rules(policies: PolicySet) -> list[Rule]:
    rules = policies.rules
    assert {r.pack.name for r in rules} == {"coc", "example-redlines"}
    return rules


def test_the_meta_test_sees_a_hole() -> None:
    assert HOLE.search("Use one of: {expected}.")
    assert not HOLE.search("a mapping such as {en: ..., de: ...}")


@pytest.mark.parametrize("lang", LANGS)
def test_summary_rationale_and_fix_have_no_placeholder(policies: PolicySet, lang: str) -> None:
    holes = [
        f"{rule.id}.{which}: {rule.text(which, lang)}"
        for rule in _rules(policies)
        for which in ("summary", "rationale", "fix")
        if HOLE.search(rule.text(which, lang))
    ]
    assert holes == []


@pytest.mark.parametrize("lang", LANGS)
def test_message_with_all_placeholders_filled_has_no_hole(policies: PolicySet, lang: str) -> None:
    values = {name: f"<{name}>" for name in COMMON_PLACEHOLDERS | BUILTIN_PLACEHOLDERS}
    holes = []
    for rule in _rules(policies):
        for which in ("message", "fix"):
            text = _fill(rule.text(which, lang), values)
            if HOLE.search(text):
                holes.append(f"{rule.id}.{which}: {text}")
    assert holes == []


def test_ai_coc_rule_shows_no_placeholder(
    policies: PolicySet, run_cli: Callable[..., Result]
) -> None:
    for rule in load_policies().rules:
        for lang in LANGS:
            result = run_cli("rule", rule.id, "--lang", lang)
            assert result.exit_code == 0, result.output
            # the message template is shown as such; everything else must be filled
            shown = result.stdout.replace(rule.text("message", lang), "")
            assert not HOLE.search(shown), (rule.id, lang, HOLE.findall(shown))


def test_sarif_help_has_no_placeholder(policies: PolicySet) -> None:
    from ai_coc.report.formats import sarif
    from ai_coc.report.report import Report
    from tests.conftest import TODAY

    for lang in LANGS:
        out = io.StringIO()
        sarif.render(Report(files=[], policies=[], today=TODAY, lang=lang), policies, out)
        rules = json.loads(out.getvalue())["runs"][0]["tool"]["driver"]["rules"]
        assert len(rules) == len(policies.rules)
        for rule in rules:
            for part in (rule["fullDescription"], rule["help"]):
                for text in part.values():
                    assert not HOLE.search(text), (rule["id"], lang, text)
