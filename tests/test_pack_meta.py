"""Meta-tests of the built-in ``coc`` pack: every rule is complete, bilingual, sourced,
has examples, and every principle of the Code of Conduct has rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ai_coc.rules.packs import load_pack
from ai_coc.rules.policy import Pack, PolicySet, Rule, builtin_pack_dir
from ai_coc.run.check import check_file
from ai_coc.run.policytest import SKIPPED
from tests.conftest import TODAY

PACK: Pack = load_pack(builtin_pack_dir(), origin="builtin:coc")
POLICIES = PolicySet(packs=[PACK], principles=list(PACK.meta.principles))
RULES: list[Rule] = PACK.rules
TEXTS = ("summary", "rationale", "fix", "message")


def test_ids_and_names_are_unique() -> None:
    ids = [r.id for r in RULES]
    names = [r.name for r in RULES]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))


def test_pack_is_large_enough_to_cover_the_code() -> None:
    assert len(RULES) >= 50


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_texts_exist_in_english_and_german(rule: Rule) -> None:
    for which in TEXTS:
        value = getattr(rule.spec, which)
        assert isinstance(value, dict), f"{rule.id}.{which} must give en and de"
        for lang in ("en", "de"):
            assert value.get(lang, "").strip(), f"{rule.id}.{which} has no {lang} text"
        assert value["en"] != value["de"], f"{rule.id}.{which}: the German text is a copy"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_principle_source_and_matching_number(rule: Rule) -> None:
    number = int(rule.id[3])
    if number == 0:
        assert rule.spec.kind == "builtin"
        return
    principle = POLICIES.principle(rule.principle)
    assert principle is not None, f"{rule.id} names no known principle"
    assert principle.number == number, f"{rule.id} belongs to principle {number}"
    # the rationale says where the rule comes from, too (the exact source: test_rule_sources)
    rationale_en, rationale_de = rule.text("rationale", "en"), rule.text("rationale", "de")
    assert re.search(
        r"principles? \d|white paper|article|report|open letter|good practice",
        rationale_en,
        re.IGNORECASE,
    ), rationale_en
    assert re.search(
        r"Prinzip|Whitepaper|Artikel|Bericht|Brief|gute Praxis", rationale_de, re.IGNORECASE
    ), rationale_de
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_both_examples(rule: Rule) -> None:
    if rule.spec.kind == "builtin" and "config" in rule.spec.tags:
        # checks configuration files, which manifest examples cannot show: tested directly
        tests = Path(__file__).parent / "gate" / "test_org_policy.py"
        assert rule.id in tests.read_text(encoding="utf-8"), f"{rule.id} has no direct test"
        return
    for kind in ("fail", "pass"):
        assert rule.example_path(kind).is_file(), f"{rule.id} has no {kind}.yaml"


def test_every_principle_has_rules() -> None:
    slugs = [p.slug for p in PACK.meta.principles]
    assert len(slugs) == 8
    for slug in slugs:
        assert any(r.principle == slug for r in RULES), f"no rule for {slug}"


def test_example_folders_belong_to_rules() -> None:
    ids = {r.id for r in RULES}
    folders = {p.name for p in (PACK.root / "examples").iterdir() if p.is_dir()}
    assert folders <= ids, f"example folders without a rule: {sorted(folders - ids)}"


@pytest.mark.parametrize(
    "rule",
    # rules that read the git history are tested in a real repository (tests/test_history.py)
    [r for r in RULES if r.name not in SKIPPED],
    ids=lambda r: r.id,
)
@pytest.mark.parametrize("lang", ["en", "de"])
def test_message_placeholders_resolve_on_the_fail_example(rule: Rule, lang: str) -> None:
    if rule.spec.kind == "builtin" and "config" in rule.spec.tags:
        return  # no manifest example; tests/gate/test_org_policy.py checks its placeholders
    result = check_file(rule.example_path("fail"), POLICIES, TODAY, lang)
    findings = [f for f in result.findings if f.rule_id == rule.id]
    assert findings, f"{rule.id} does not fire on its fail example"
    for finding in findings:
        assert "{" not in finding.message and "}" not in finding.message, finding.message
        assert "{" not in finding.fix and "}" not in finding.fix, finding.fix
        assert finding.principle == rule.principle
