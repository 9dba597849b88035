"""What a check keeps for the next manifests of a run, and what it leaves unmade, changes no
finding: the verdicts on lists and missing answers, the words of compared texts, and the
values of a finding's texts that the texts do not name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ai_coc.errors import InputError
from ai_coc.read.yaml import parse_document
from ai_coc.rules import checks, engine, judge
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import Rule
from tests.conftest import EXAMPLES, ROOT, TODAY

POLICIES = load_policies()
MANIFESTS = sorted(EXAMPLES.glob("*/ai-usage.yaml")) + sorted(
    (ROOT / "policies").rglob("examples/*/*.yaml")
)


def _findings(path: Path, lang: str = "en", name: str = "") -> list[tuple[Any, ...]] | None:
    try:
        doc = parse_document(path.read_text(encoding="utf-8"), name or str(path))
    except InputError:
        return None
    found = engine.evaluate(doc, POLICIES, TODAY, lang=lang)
    return [
        (f.rule_id, f.location.line, f.location.column, f.location.path, f.message, f.fix, f.use)
        for f in found
    ]


def test_the_corpus_has_findings() -> None:
    found = [_findings(path) for path in MANIFESTS]
    assert len(MANIFESTS) > 100
    assert sum(len(f or ()) for f in found) > 300


def test_every_answer_is_judged_once_for_all_manifests(monkeypatch: pytest.MonkeyPatch) -> None:
    # texts, lists of reasons and missing answers alike
    monkeypatch.setattr(engine, "_JUDGED", {})
    judged: list[object] = []
    real = checks.justification_problem

    def counting(value: object, *args: object) -> object:
        judged.append(value)
        return real(value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "justification_problem", counting)
    path = EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml"  # a list of reasons, a gap
    first = _findings(path, name="a/ai-usage.yaml")
    assert any(isinstance(v, list) for v in judged) and any(v is checks.MISSING for v in judged)
    once = len(judged)
    assert first
    assert _findings(path, name="b/ai-usage.yaml") == first
    assert len(judged) == once  # nothing was judged again


def test_the_same_findings_with_verdicts_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_JUDGED", {})
    kept = [_findings(path) for path in MANIFESTS]
    afresh = []
    for path in MANIFESTS:
        monkeypatch.setattr(engine, "_JUDGED", {})
        afresh.append(_findings(path))
    assert kept == afresh


def test_a_list_and_a_text_are_not_taken_for_each_other(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_JUDGED", {})
    check = checks.compile_check({"justified": "reasons"})
    env = checks.Environment()

    def holds(value: object, kept: bool = True) -> bool:
        judged = engine._JUDGED if kept else None
        ctx = checks.Context({}, {"reasons": value}, (), None, None, TODAY, env, judged)
        return check.holds(ctx)

    long = "Die Übersetzung prüft eine Kollegin, die beide Sprachen spricht, vor dem Versand."
    for _ in range(2):  # the second time from what was kept
        assert holds(long) is True
        assert holds([long]) is True
        assert holds(["tbd"]) is False
        assert holds("tbd") is False
        assert holds(None) is False
        assert holds(checks.MISSING) is False
    kept = len(engine._JUDGED)
    assert holds([long, 3]) is holds([long, 3], kept=False)
    assert len(engine._JUDGED) == kept  # a list that is not all text is judged each time


def test_copies_are_found_the_same_with_the_words_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = []
    for path in MANIFESTS:
        for line in path.read_text(encoding="utf-8").splitlines():
            _, _, rest = line.partition(": ")
            if len(rest.split()) >= 3:
                texts.append(rest.strip("'\" "))
    assert len(texts) > 200
    groups = [texts[i : i + 3] for i in range(len(texts) - 2)]
    groups += [[a, a.upper(), a + " und mehr"] for a in texts[:50]]
    monkeypatch.setattr(judge, "_SPLIT", {})
    kept = [judge.copies(dict(zip("abc", group, strict=True))) for group in groups]
    assert any(kept)  # some groups do hold copies
    afresh = []
    for group in groups:
        judge._SPLIT.clear()
        afresh.append(judge.copies(dict(zip("abc", group, strict=True))))
    assert kept == afresh


def test_the_words_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(judge, "_SPLIT", {})
    monkeypatch.setattr(judge, "SPLIT_MAX", 4)
    for n in range(20):
        judge.copies({"a": f"Text {n} eins", "b": f"Text {n} zwei"})
        assert len(judge._SPLIT) <= 4


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_finding_is_the_same_with_every_value_made(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a finding makes only the values its message and fix name; with all of them made (as if
    # the texts named them in some other way) every text is the same
    lean = [_findings(path, lang) for path in MANIFESTS]
    real = Rule.templates

    def everything(self: Rule, lang: str | None) -> tuple[str, str, None]:
        message, fix, _needed = real(self, lang)
        return message, fix, None

    monkeypatch.setattr(Rule, "templates", everything)
    assert [_findings(path, lang) for path in MANIFESTS] == lean


def test_the_names_a_text_uses_are_read_right() -> None:
    for rule in POLICIES.rules:
        for lang in ("en", "de"):
            message, fix, needed = rule.templates(lang)
            assert needed is not None, rule.id  # the shipped texts name their values plainly
            if rule.spec.kind == "policy":  # made by emit, or the judge's {problem}
                assert needed <= engine._ALL_VALUES | {"path", "problem"}, (rule.id, needed)
            for name in needed:
                assert "{" + name + "}" in message + fix
