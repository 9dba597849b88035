"""The judge's verdict on a text is kept for the next manifests of a run, and the findings are
the same as with every manifest judged afresh."""

from __future__ import annotations

import pytest

from ai_coc.read.yaml import parse_document
from ai_coc.rules import checks, engine
from ai_coc.rules.packs import load_policies
from tests.conftest import EXAMPLES, TODAY

POLICIES = load_policies()
TEXT = (EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml").read_text(encoding="utf-8")


def findings(name: str) -> list[tuple[str, int, int, str]]:
    doc = parse_document(TEXT, f"{name}/ai-usage.yaml")
    found = engine.evaluate(doc, POLICIES, TODAY)
    return [(f.rule_id, f.location.line, f.location.column, f.message) for f in found]


def test_a_text_is_judged_once_for_all_manifests(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_JUDGED", {})
    judged: list[object] = []
    real = checks.justification_problem

    def counting(value: object, *args: object) -> object:
        if isinstance(value, str):  # other values (a missing one) are not kept
            judged.append(value)
        return real(value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(checks, "justification_problem", counting)
    first = findings("a")
    once = len(judged)
    assert once > 0
    assert findings("b") == first
    assert len(judged) == once  # the second manifest's texts were all judged already


def test_the_same_findings_as_judged_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_JUDGED", {})
    kept = [findings(f"n{n}") for n in range(3)]
    afresh = []
    for n in range(3):
        monkeypatch.setattr(engine, "_JUDGED", {})
        afresh.append(findings(f"n{n}"))
    assert kept == afresh


def test_the_verdicts_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_JUDGED", {})
    findings("one")
    per_manifest = len(engine._JUDGED)
    assert per_manifest > 2
    monkeypatch.setattr(engine, "JUDGED_MAX", 2)
    for n in range(3):
        findings(f"m{n}")  # emptied first (it holds 2 or more), then filled by one manifest
        assert len(engine._JUDGED) == per_manifest
