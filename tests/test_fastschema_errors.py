"""Unknown and missing keys, words that are not allowed, values of the wrong kind, yes/no
values that are not true or false, identifiers that are not in kebab-case and dates that are
none are named without pydantic (:func:`fastschema.simple_errors`), and exactly as pydantic
names them; anything else is left to pydantic.

The comparison runs over every manifest of the repository, each changed in many small ways
(a key misspelt, a key added, a key taken away, one or two at a time; a value replaced by a
wrong word, a list, a number, a mapping, a text, nothing; every yes/no value, date and
identifier replaced by near misses), and over hypothesis' random edits of the examples.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from pydantic import ValidationError

from ai_coc.errors import InputError
from ai_coc.read import fastschema
from ai_coc.read import yaml as yamlio
from ai_coc.read.fastschema import shipped_nulls, shipped_schema, simple_errors
from ai_coc.read.manifest import Manifest
from ai_coc.rules import engine
from ai_coc.rules.checks import Environment
from ai_coc.rules.packs import load_policies
from tests.conftest import TODAY
from tests.hostile.test_properties import fuzz_settings, mutated_manifest
from tests.test_fastschema import MANIFESTS, load


def pydantic_errors(data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    try:
        Manifest.model_validate(data)
    except ValidationError as exc:
        return sorted((e["type"], tuple(e["loc"])) for e in exc.errors(include_url=False))
    return []


def quick_errors(data: Any) -> list[tuple[str, tuple[Any, ...]]] | None:
    found = simple_errors(data, shipped_schema("manifest-v1"), shipped_nulls("manifest-v1"))
    if found is None:
        return None
    return sorted((e["type"], tuple(e["loc"])) for e in found)


def pydantic_words(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    """The allowed words pydantic names for each word that is not one of them."""
    try:
        Manifest.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return sorted(
            (tuple(e["loc"]), e["ctx"]["expected"]) for e in errors if e["type"] == "literal_error"
        )
    return []


def quick_words(data: Any) -> list[tuple[tuple[Any, ...], str]]:
    found = simple_errors(data, shipped_schema("manifest-v1"), shipped_nulls("manifest-v1")) or []
    return sorted(
        (tuple(e["loc"]), e["ctx"]["expected"]) for e in found if e["type"] == "literal_error"
    )


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*path, key)
            yield from _leaves(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*path, index)
            yield from _leaves(value, (*path, index))


#: What a value is replaced with: a word that is none of the allowed ones, a list for a word,
#: a number for a text, a mapping for a list, a text for a mapping, nothing at all.
WRONG = ["activ", ["active"], 3, {"k": "v"}, "a text", None, True, 2.5]


def wrong_values(data: dict[str, Any], most: int) -> Iterator[dict[str, Any]]:
    """``data`` with one value replaced by one of :data:`WRONG`, all over the document."""
    places = [(path, wrong) for path in _leaves(data) for wrong in WRONG]
    for path, wrong in places[:: max(1, len(places) // most)]:
        yield _with(data, path, wrong)


#: What a value of a typed field is replaced with: for a yes/no field, words and numbers
#: that a lax reader would take for true or false; for a date, dates that do not exist, dates
#: in other forms (a week date, which Python reads, among them), a number and a time; for an
#: identifier, texts that are not in kebab-case (one ending in a line break) and a number; for
#: a number, texts that pydantic reads as one and texts it does not.
TYPED: dict[str, list[Any]] = {
    "bool": ["yes", "true", 1, 0, 1.0, "no"],
    "date": [
        "2026-09-31",
        "2026-9-1",
        "2026-W01-1",
        "20260901",
        "1 September 2026",
        20260901,
        dt.datetime(2026, 9, 1, 10, 30),
        True,
    ],
    "id": ["Not Kebab", "kebab-\n", "kebab-case\n", "-x", "a--b", 7, ""],
    "number": ["rund 30 kWh", "30", " 30 ", "30 000", "1_000", "1e3", "inf", "nan", "", True],
}


def typed_values(data: dict[str, Any], most: int) -> Iterator[dict[str, Any]]:
    """``data`` with each yes/no value, each date and each ``id`` replaced by one of
    :data:`TYPED` (``most`` is not used: every such place is changed)."""
    for path in _leaves(data):
        value = _at(data, path)
        if type(value) is bool:
            kind = "bool"
        elif isinstance(value, dt.date):
            kind = "date"
        elif path[-1] == "id" and isinstance(value, str):
            kind = "id"
        elif type(value) in (int, float):
            kind = "number"
        else:
            continue
        for wrong in TYPED[kind]:
            yield _with(data, path, wrong)


def _union_keys() -> frozenset[str]:
    """The keys that take more than one kind of value (text or a list, say)."""
    schema = shipped_schema("manifest-v1")
    models = [schema, *schema["$defs"].values()]
    return frozenset(
        key
        for model in models
        for key, prop in (model.get("properties") or {}).items()
        if "anyOf" in prop
    )


#: What the value of such a key is replaced with: a mapping, a list with a number in it, a
#: number, a yes, a mapping with a misspelt key and one with a wrong value.
UNION_WRONG: list[Any] = [{"k": "v"}, [1, "x"], 3, True, {"dox": "a"}, {"do": 3}, [["x"]], 2.5]


def union_values(data: dict[str, Any], most: int) -> Iterator[dict[str, Any]]:
    """``data`` with the value of each key that takes more than one kind replaced by one of
    :data:`UNION_WRONG` (``most`` is not used)."""
    keys = _union_keys()
    for path in _leaves(data):
        if path[-1] in keys:
            for wrong in UNION_WRONG:
                yield _with(data, path, wrong)


def emptied(data: dict[str, Any], most: int) -> Iterator[dict[str, Any]]:
    """``data`` with the value of one key, or one entry of a list, left empty (``None``), for
    every key and entry in it (``most`` is not used). The schema leaves out where pydantic
    takes nothing: the table of empty keys says it."""
    for path in _leaves(data):
        yield _with(data, path, None)


def _mappings(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], dict]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _mappings(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _mappings(value, (*path, index))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _with(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A copy of ``data`` with ``value`` (a copy of it) at ``path``."""
    out = copy.deepcopy(data)
    _at(out, path[:-1])[path[-1]] = copy.deepcopy(value)
    return out


def _misspelt(key: str) -> str:
    return key[1] + key[0] + key[2:] if len(key) > 1 and key[0] != key[1] else key + "x"


def changed(data: dict[str, Any], most: int) -> Iterator[dict[str, Any]]:
    """``data`` with one key misspelt, added or taken away, at mappings all over it; and with
    two such changes in different places (``most`` variants, spread over the document)."""
    singles = []
    for path, node in _mappings(data):
        for key in list(node)[:6]:
            if isinstance(key, str):
                singles += [(path, key, "misspell"), (path, key, "remove")]
        singles.append((path, "zz-not-a-key", "add"))
    pairs = list(zip(singles[::7], singles[3::7], strict=False))
    step = max(1, (len(singles) + len(pairs)) // most)

    def apply(target: dict[str, Any], path: tuple[Any, ...], key: str, change: str) -> None:
        node = _at(target, path)
        if change == "add":
            node[key] = "a value"
        elif key in node:
            value = node.pop(key)
            if change == "misspell":
                node[_misspelt(key)] = value

    for single in singles[::step]:
        out = copy.deepcopy(data)
        apply(out, *single)
        yield out
    for first, second in pairs[::step]:
        out = copy.deepcopy(data)
        try:
            apply(out, *first)
            apply(out, *second)
        except (KeyError, IndexError, TypeError):
            continue
        yield out


def _compare(variants: Any, most: int) -> tuple[int, int, set[str]]:
    """Every variant of every manifest that the quick way names gets pydantic's errors (and
    pydantic's allowed words); how many it named, how many it left, and the kinds named."""
    named = unsure = 0
    kinds: set[str] = set()
    for path in MANIFESTS:
        data = load(path)
        if not isinstance(data, dict):
            continue
        for variant in variants(data, most):
            quick = quick_errors(variant)
            if quick is None:
                unsure += 1
                continue
            named += 1
            assert quick == pydantic_errors(variant), path
            assert quick_words(variant) == pydantic_words(variant), path
            kinds.update(kind for kind, _loc in quick)
    return named, unsure, kinds


def test_changed_manifests_get_pydantic_s_errors() -> None:
    named, unsure, _kinds = _compare(changed, 40)
    print(f"\nunknown/missing keys named without pydantic: {named}; left to pydantic: {unsure}")
    assert named > 2000  # the usual mistakes take the quick way (not a test of nothing)


def test_wrong_values_get_pydantic_s_errors() -> None:
    named, unsure, kinds = _compare(wrong_values, 60)
    print(f"\nwrong values named without pydantic: {named}; left to pydantic: {unsure}")
    assert named > 1000
    assert {"literal_error", "string_type", "list_type", "model_type"} <= kinds


def test_typed_values_get_pydantic_s_errors() -> None:
    named, unsure, kinds = _compare(typed_values, 0)
    print(f"\nyes/no, dates, identifiers, numbers named without pydantic: {named}; left: {unsure}")
    assert named > 2000
    assert {
        "bool_type",
        "date_format",
        "date_type",
        "date_with_time",
        "string_pattern_mismatch",
        "string_type",
        "float_parsing",
    } <= kinds
    assert unsure == 0


def test_values_that_fit_no_kind_get_pydantic_s_errors() -> None:
    assert {"risks", "benefits", "reasons", "recommendations", "version"} <= _union_keys()
    named, unsure, kinds = _compare(union_values, 0)
    print(f"\nvalues that fit no kind named without pydantic: {named}; left: {unsure}")
    assert named > 2000
    assert {"string_type", "list_type", "model_type", "extra_forbidden", "int_type"} <= kinds
    assert unsure == 0  # (a yes where text or a number belongs is a number to pydantic)


def test_empty_values_get_pydantic_s_errors() -> None:
    named, unsure, kinds = _compare(emptied, 0)
    print(f"\nempty values named without pydantic: {named}; left to pydantic: {unsure}")
    assert named > 5000  # most keys may be left empty: no error, and nothing for pydantic
    assert {"string_type", "model_type", "literal_error"} <= kinds
    assert unsure == 0
    # without the table, an empty value is named only at a required key
    assert simple_errors(
        {"manifest": "ai-coc/v1", "project": None}, shipped_schema("manifest-v1")
    ) == [{"type": "model_type", "loc": ("project",)}]
    assert (
        simple_errors(
            {
                "manifest": "ai-coc/v1",
                "project": {"name": "x", "organisation": "y"},
                "review": None,
            },
            shipped_schema("manifest-v1"),
        )
        is None
    )


def test_other_problems_are_left_to_pydantic() -> None:
    data = load(MANIFESTS[0])
    assert isinstance(data, dict)
    wrong_type = copy.deepcopy(data)
    wrong_type["manifest"] = 3  # a constant: named, as pydantic names it
    assert (
        quick_errors(wrong_type)
        == pydantic_errors(wrong_type)
        == [("literal_error", ("manifest",))]
    )
    # a key that is not text
    assert quick_errors({**data, "review": {2026: "first review"}}) is None
    assert quick_errors([1, 2]) is None
    assert quick_errors({**data, 7: "a key that is a number"}) is None
    # a field's Python name is not its key in the format
    assert quick_errors({**data, "schema_": "x"}) == [("extra_forbidden", ("schema_",))]
    assert quick_errors({**data, "schema_": "x"}) == pydantic_errors({**data, "schema_": "x"})
    assert quick_errors(data) == []


@fuzz_settings(200)
@given(mutated_manifest())
def test_random_edits_get_pydantic_s_errors(text: str) -> None:
    try:
        data = yamlio.parse_document(text, "ai-usage.yaml").data
    except InputError:
        return
    quick = quick_errors(data)
    if quick is not None:
        assert quick == pydantic_errors(data)


def _findings(doc: Any) -> list[dict[str, Any]]:
    policies = load_policies()
    found = engine.evaluate(doc, policies, TODAY, env=Environment())
    return [f.as_dict() for f in found]


def test_the_findings_are_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """The quick way gives exactly the findings of the pydantic way (texts, places, order)."""
    docs = []
    for path in MANIFESTS[::8]:
        data = load(path)
        if not isinstance(data, dict):
            continue
        typed = list(typed_values(data, 0))[::40]
        empty = list(emptied(data, 0))[::40]
        unions = list(union_values(data, 0))[::7]
        for variant in [*changed(data, 6), *wrong_values(data, 6), *typed, *empty, *unions]:
            if quick_errors(variant):
                text = json.dumps(variant, default=str)
                try:
                    docs.append(yamlio.parse_document(text, path.name))
                except InputError:  # e.g. a lone surrogate, which JSON writes as an escape
                    continue
    assert len(docs) > 60
    quick = [_findings(doc) for doc in docs]
    monkeypatch.setattr(engine, "simple_errors", lambda data, schema, nulls=None: None)
    assert [_findings(doc) for doc in docs] == quick


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "this must be at least 1"), ("de", "der Wert muss mindestens 1 sein")],
)
def test_other_kinds_of_error_are_worded_in_the_reader_s_language(
    monkeypatch: pytest.MonkeyPatch, lang: str, expected: str
) -> None:
    """An error kind without a finding of its own (only pydantic gives those) is shown in our
    words, never in pydantic's English."""
    doc = yamlio.parse_document(
        "manifest: ai-coc/v1\nproject: {name: x, organisation: y}\nuses: [{id: a, nmae: b}]\n",
        "ai-usage.yaml",
    )
    error = {
        "type": "greater_than_equal",
        "loc": ("uses", 0, "id"),
        "msg": "Input should be greater than or equal to 1",
        "ctx": {"ge": 1},
    }
    monkeypatch.setattr(engine, "simple_errors", lambda data, schema, nulls=None: [error])
    found = engine.evaluate(doc, load_policies(), TODAY, lang=lang, env=Environment())
    (invalid,) = [f for f in found if f.rule_name == engine.INVALID_VALUE]
    assert expected in invalid.message
    assert "Input should" not in invalid.message


def test_the_table_of_allowed_keys_is_current(update_golden: bool) -> None:
    expected = json.dumps(engine.allowed_keys_table(), ensure_ascii=False, indent=1) + "\n"
    target = Path(engine.ALLOWED_KEYS_FILE)
    if update_golden:
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        f"{target} is out of date; run `pytest --update-golden` and commit it"
    )


def test_an_unknown_key_is_explained_without_pydantic_s_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_models(path: Any) -> list[str]:
        raise AssertionError("the models were asked")

    table = json.loads(Path(engine.ALLOWED_KEYS_FILE).read_text("utf-8"))
    monkeypatch.setattr(engine, "_allowed_keys", no_models)
    assert engine.allowed_keys(("uses", 0, "system")) == table["uses/system"]
    assert "tool" in engine.allowed_keys(("uses", 3, "system"))


def test_the_walker_reads_only_what_it_knows() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}, "minProperties": 1}
    assert fastschema.simple_errors({"b": 1}, schema) is None
