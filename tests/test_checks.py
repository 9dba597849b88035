"""The named checks a policy rule is built from, and the justification test in EN and DE."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ai_coc.rules.checks import (
    CheckError,
    Context,
    Environment,
    compile_check,
    justification_problem,
)

TODAY = dt.date(2026, 11, 21)


def ctx(node: dict[str, Any], *, use: Any = None, env: Environment | None = None) -> Context:
    root = {"uses": [node]} if use is None else {"uses": [use]}
    return Context(
        root=root,
        node=node,
        path=("uses", 0) if use is None else ("uses", 0, "outputs", 0),
        use=node if use is None else use,
        use_path=("uses", 0),
        today=TODAY,
        env=env or Environment(),
    )


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "TODO",
        "todo.",
        "TBD",
        "n/a",
        "N/A",
        "-",
        "---",
        "none",
        "unknown",
        "siehe oben",
        "s.o.",
        "k.A.",
        "keine Angabe",
        "entfällt",
        "wird nachgereicht",
        "Lorem ipsum dolor sit amet, consectetur",
        "TODO: Anbieter fragen und hier eintragen",
        "Ja",
        "zu teuer",
        "test test test test",
        ["TODO"],
        42,
    ],
)
def test_not_a_justification(text: Any) -> None:
    assert justification_problem(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Der Anbieter hat auf unsere Anfrage vom 2. September nicht geantwortet.",
        "The provider did not answer our request; we only translate public texts.",
        ["Kosten für Menschen zu hoch", "Beratung braucht persönliche Beziehung"],
    ],
)
def test_real_justification(text: Any) -> None:
    assert justification_problem(text) is None


def test_present_and_non_empty() -> None:
    node = {"a": None, "b": "", "c": [], "d": "x", "e": False}
    check = compile_check({"present": "a"})
    assert not check.evaluate(ctx(node)).holds
    assert compile_check({"present": "b"}).evaluate(ctx(node)).holds
    assert not compile_check({"non_empty": "b"}).evaluate(ctx(node)).holds
    assert not compile_check({"non_empty": "c"}).evaluate(ctx(node)).holds
    assert compile_check({"non_empty": "d"}).evaluate(ctx(node)).holds
    assert compile_check({"present": "e"}).evaluate(ctx(node)).holds
    result = compile_check({"present": "x.y"}).evaluate(ctx(node))
    assert result == type(result)(False, ("uses", 0, "x", "y"))


def test_equals_distinguishes_booleans_from_numbers() -> None:
    node = {"flag": True, "n": 1}
    assert compile_check({"equals": {"field": "flag", "value": True}}).evaluate(ctx(node)).holds
    assert not compile_check({"equals": {"field": "n", "value": True}}).evaluate(ctx(node)).holds


def test_one_of_contains_and_contains_any() -> None:
    node = {"status": "pilot", "categories": ["translation", "chatbot"], "text": "Mit KI erstellt"}
    assert (
        compile_check({"one_of": {"field": "status", "values": ["active", "pilot"]}})
        .evaluate(ctx(node))
        .holds
    )
    assert (
        compile_check({"contains": {"field": "categories", "value": "chatbot"}})
        .evaluate(ctx(node))
        .holds
    )
    assert compile_check({"contains": {"field": "text", "value": "ki"}}).evaluate(ctx(node)).holds
    check = compile_check({"contains_any": {"field": "categories", "values": ["recruiting"]}})
    assert not check.evaluate(ctx(node)).holds


def test_matches_and_min_items() -> None:
    node = {"feedback": "mailto:ki@verein.example", "alternatives": [{"option": "x"}]}
    assert (
        compile_check({"matches": {"field": "feedback", "pattern": "^(https?://|mailto:)"}})
        .evaluate(ctx(node))
        .holds
    )
    assert (
        compile_check({"min_items": {"field": "alternatives", "count": 1}})
        .evaluate(ctx(node))
        .holds
    )
    assert (
        not compile_check({"min_items": {"field": "alternatives", "count": 2}})
        .evaluate(ctx(node))
        .holds
    )


def test_dates_relative_to_today() -> None:
    node = {"due": dt.date(2026, 11, 20), "trained": dt.date(2025, 11, 1), "text": "2020-01-01"}
    assert compile_check({"date_before_today": "due"}).evaluate(ctx(node)).holds
    assert not compile_check({"date_after_today": "due"}).evaluate(ctx(node)).holds
    older = compile_check({"date_before_today": {"field": "trained", "days": -365}})
    assert older.evaluate(ctx(node)).holds
    assert not compile_check({"date_before_today": "text"}).evaluate(ctx(node)).holds
    assert not compile_check({"date_before_today": "missing"}).evaluate(ctx(node)).holds


def test_use_and_root_anchors() -> None:
    use = {"id": "x", "status": "active", "outputs": [{"kind": "image"}]}
    output = use["outputs"][0]
    context = ctx(output, use=use)
    assert (
        compile_check({"equals": {"field": "$use.status", "value": "active"}})
        .evaluate(context)
        .holds
    )
    assert compile_check({"equals": {"field": "kind", "value": "image"}}).evaluate(context).holds
    assert compile_check({"min_items": {"field": "$root.uses", "count": 1}}).evaluate(context).holds


def test_combinators_and_blame() -> None:
    node = {"labour": {"status": "unknown"}}
    both = compile_check([{"present": "labour"}, {"present": "labour.justification"}])
    result = both.evaluate(ctx(node))
    assert not result.holds
    assert result.blame == ("uses", 0, "labour", "justification")
    either = compile_check({"any": [{"present": "x"}, {"present": "labour"}]})
    assert either.evaluate(ctx(node)).holds
    negated = compile_check({"not": {"present": "labour"}})
    assert not negated.evaluate(ctx(node)).holds


def test_distinct_texts() -> None:
    same = "Wir haben den Anbieter gefragt und warten noch auf die Antwort."
    node = {"a": same, "b": {"c": "  " + same.upper() + " "}, "d": None}
    check = compile_check({"distinct_texts": ["a", "b.c", "d"]})
    result = check.evaluate(ctx(node))
    assert not result.holds
    assert result.blame == ("uses", 0, "b", "c")
    node["b"] = {"c": "Etwas ganz anderes, mit eigenen Worten begründet."}
    assert check.evaluate(ctx(node)).holds


def test_path_exists_uses_the_environment() -> None:
    env = Environment(path_exists=lambda p: p == "docs/ki.md")
    check = compile_check({"path_exists": "notice"})
    assert check.evaluate(ctx({"notice": "docs/ki.md"}, env=env)).holds
    assert check.evaluate(ctx({"notice": "https://verein.example/ki"}, env=env)).holds
    assert not check.evaluate(ctx({"notice": "docs/fehlt.md"}, env=env)).holds


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"presnt": "x"}, "did you mean 'present'"),
        ({"present": "x", "equals": {}}, "exactly one check"),
        ({"equals": {"field": "x"}}, "'value' is missing"),
        ({"one_of": {"field": "x", "values": []}}, "non-empty list"),
        ({"matches": {"field": "x", "pattern": "("}}, "invalid regular expression"),
        ({"present": "a..b c"}, "not a valid field path"),
        ({"justified": {"field": "x", "min_words": 0}}, "min_words"),
        ({"all": []}, "non-empty list"),
        ({"equals": {"field": "x", "value": 1, "extra": 2}}, "unknown option"),
    ],
)
def test_badly_written_checks_are_rejected(spec: Any, message: str) -> None:
    with pytest.raises(CheckError, match=message):
        compile_check(spec)
