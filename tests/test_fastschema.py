"""The quick schema test (ai_coc.read.fastschema) never says "valid" where pydantic would object.

ai-coc skips the pydantic models whenever the quick test is sure a manifest or configuration is
valid; a wrong "yes" would hide schema findings. These tests compare the two on the examples,
on edge cases and on generated and mutated documents, and keep the shipped schemas current.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from ai_coc.errors import InputError
from ai_coc.read import fastschema
from ai_coc.read import yaml as yamlio
from ai_coc.read.fastschema import certainly_valid, shipped_nulls, shipped_schema
from ai_coc.read.manifest import Manifest, json_schema, null_table
from ai_coc.read.schema_docs import null_keys
from ai_coc.run.config import Config, config_json_schema, config_null_table
from ai_coc.run.configmodel import ConfigModel
from tests.conftest import EXAMPLES, POLICIES, ROOT
from tests.hostile.test_properties import SCALARS, fuzz_settings, mutated_manifest

SCHEMAS = Path(fastschema.__file__).parent / "schemas"
CANDIDATES = sorted(
    [
        *EXAMPLES.glob("*/ai-usage.yaml"),
        *POLICIES.glob("coc/examples/*/*.yaml"),
        *(ROOT / "tests").glob("**/*.yaml"),
    ]
)


def pydantic_accepts(data: Any) -> bool:
    try:
        Manifest.model_validate(data)
    except ValidationError:
        return False
    return True


def manifest_schema() -> dict[str, Any]:
    return shipped_schema("manifest-v1")


def quick(data: Any) -> bool:
    """The quick test as a check asks it: with the table of keys that may be left empty."""
    return certainly_valid(data, manifest_schema(), shipped_nulls("manifest-v1"))


def config_quick(data: Any) -> bool:
    return certainly_valid(data, shipped_schema("config"), shipped_nulls("config"))


def load(path: Path) -> Any:
    try:
        return yamlio.load_document(path).data
    except InputError:
        return None


#: Every YAML file of the repository that reads as a document (the others are input errors and
#: never reach validation).
MANIFESTS = [path for path in CANDIDATES if load(path) is not None]


@pytest.mark.parametrize(
    ("file", "generate", "indent"),
    [
        ("manifest-v1.json", json_schema, 2),
        ("config.json", config_json_schema, 2),
        # the keys that may be left empty, which the schema (made for editors) does not say
        ("manifest-v1.nulls.json", null_table, 1),
        ("config.nulls.json", config_null_table, 1),
    ],
)
def test_shipped_schema_is_current(
    file: str, generate: Any, indent: int, update_golden: bool
) -> None:
    target = SCHEMAS / file
    expected = json.dumps(generate(), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"
    if update_golden:
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        f"{target} is out of date; run `pytest --update-golden` and commit it"
    )


def test_the_table_of_empty_keys_knows_only_what_pydantic_writes() -> None:
    plain = {
        "type": "object",
        "properties": {"a": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
    }
    assert null_keys(plain) == {"": ["a"]}
    for odd in (
        {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "null"}]}},
        {"type": ["string", "null"]},
        {"enum": ["a", None]},
        {"anyOf": [{"type": "array", "items": {"type": "null"}}, {"type": "null"}]},
    ):
        with pytest.raises(ValueError, match="null"):
            null_keys({"type": "object", "properties": {"a": odd}})


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_quick_answer_agrees_with_pydantic(path: Path) -> None:
    data = load(path)
    accepted = pydantic_accepts(data)
    sure = quick(data)
    assert not sure or accepted, "the quick test accepted what pydantic rejects"
    if path.parent.parent == EXAMPLES:
        # The shipped examples are ordinary manifests: they must take the fast way.
        assert sure == accepted


def test_the_examples_are_covered() -> None:
    sure = [p for p in MANIFESTS if quick(load(p))]
    rejected = [p for p in MANIFESTS if not pydantic_accepts(load(p))]
    assert len(sure) >= 20 and len(rejected) >= 5


VALID = load(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml")


def with_value(path: tuple[Any, ...], value: Any) -> Any:
    data = copy.deepcopy(VALID)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("uses", 0, "id"), "newsletter\n"),  # Python's `$` matches before a final line break
        (("uses", 0, "id"), "Newsletter"),
        (("ai_used",), 1),
        (("ai_used",), "yes"),
        (("review", "last_reviewed"), dt.datetime(2026, 5, 1, 12, 0)),
        (("review", "last_reviewed"), "2026-02-30"),
        (("review", "last_reviewed"), "20260501"),
        (("uses", 0, "environment"), {"estimate": {"energy_kwh": float("nan")}}),
        (("uses", 0, "environment"), {"estimate": {"energy_kwh": 10**400}}),
        (("uses", 0, "environment"), {"estimate": {"energy_kwh": True}}),
        (("project", "name"), 42),
        (("project", "name"), dt.date(2026, 1, 1)),
        (("uses", 0, "status"), "Active"),
        (("manifest",), "ai-coc/v2"),
        (("uses", 0, "nonsense"), "x"),
        (("schema_",), "https://example.org/schema.json"),  # not a key: `$schema` is
        (("ai_used",), None),  # the one key that is not required and may not be empty
        (("project", "name"), None),
        (("uses", 0, "id"), None),
        (("review", "reviewed_by"), [None]),
    ],
)
def test_edge_cases_are_never_a_wrong_yes(path: tuple[Any, ...], value: Any) -> None:
    data = with_value(path, value)
    assert not quick(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("review", "last_reviewed"), dt.date(2026, 5, 1)),
        (("review", "last_reviewed"), "2026-05-01"),
        (("uses", 0, "environment"), {"estimate": {"energy_kwh": 12, "co2e_kg": 0.5}}),
        (("uses", 0, "system", "version"), 4),
        (("$schema",), "https://example.org/schema.json"),
        (("project", "repository"), None),  # a key left empty: "not given"
        (("review", "last_reviewed"), None),
        (("uses", 0, "system"), None),
        (("uses", 0, "labour"), {"performed_by": None, "tasks": None}),
    ],
)
def test_ordinary_values_take_the_fast_way(path: tuple[Any, ...], value: Any) -> None:
    data = with_value(path, value)
    assert pydantic_accepts(data)
    assert quick(data)


def test_an_unknown_schema_keyword_means_not_sure() -> None:
    assert certainly_valid("x", {"type": "string"})
    assert not certainly_valid("x", {"type": "string", "maxLength": 3})
    assert not certainly_valid("x", {"type": "string", "pattern": "x"})  # not anchored
    assert not certainly_valid({}, {"$ref": "#/$defs/Missing"})


def leaf_paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        items: list[tuple[Any, Any]] = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return [prefix]
    out = [prefix] if prefix else []
    for key, child in items:
        out.extend(leaf_paths(child, (*prefix, key)))
    return out


PATHS = leaf_paths(VALID)


@fuzz_settings(300)
@given(
    st.lists(st.tuples(st.sampled_from(PATHS), SCALARS | st.lists(SCALARS, max_size=3)), max_size=4)
)
def test_replaced_values_are_never_a_wrong_yes(changes: list[tuple[Any, Any]]) -> None:
    data = copy.deepcopy(VALID)
    for path, value in changes:
        node = data
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    if quick(data):
        assert pydantic_accepts(data), changes


@fuzz_settings(200)
@given(mutated_manifest())
def test_mutated_manifests_are_never_a_wrong_yes(text: str) -> None:
    # Both YAML readers give the same data (tests/hostile/test_properties.py checks that).
    try:
        data = yamlio.parse_document(text, "ai-usage.yaml").data
    except InputError:
        return
    if quick(data):
        assert pydantic_accepts(data)


# --- configuration --------------------------------------------------------------------------


def test_config_defaults_match_the_model() -> None:
    assert Config() == Config(**ConfigModel().model_dump())


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"fail_on": "warning", "lang": "de", "extends": ["./org-pack"], "categories": ["x"]},
        {"severity": {"COC101": "off", "labour-missing": "info"}, "waiver_max_days": 90},
        {"red_lines": [{"id": "RL001", "name": "no-x"}], "red_line_prefix": "ORG"},
        {"lang": None},
    ],
)
def test_config_fast_way_gives_the_same_settings(data: dict[str, Any]) -> None:
    assert config_quick(data)
    assert Config(**data) == Config(**ConfigModel.model_validate(data).model_dump())


@pytest.mark.parametrize(
    "data",
    [
        {"waiver_max_days": "30"},  # pydantic converts it; the quick test leaves that to it
        {"waiver_max_days": 0},
        {"waiver_max_days": True},
        {"fail_on": "fatal"},
        {"red_line_prefix": "rl"},
        {"severity": {"COC101": "loud"}},
        {"extends": "org-pack"},
        {"colour": True},
    ],
)
def test_config_doubtful_values_go_to_pydantic(data: dict[str, Any]) -> None:
    assert not config_quick(data)


CONFIG_VALUES = st.one_of(
    SCALARS,
    st.sampled_from(["error", "warning", "info", "off", "never", "de", "en", "RL", "ORG", "rl"]),
    st.integers(min_value=-5, max_value=4000),
    st.lists(st.one_of(SCALARS, st.sampled_from(["./pack", "coc"])), max_size=3),
    st.dictionaries(
        st.sampled_from(["COC101", "labour-undeclared", "x"]),
        st.sampled_from(["error", "warning", "info", "off", "loud"]) | SCALARS,
        max_size=3,
    ),
    st.lists(st.dictionaries(st.sampled_from(["id", "name"]), SCALARS, max_size=2), max_size=2),
)


@fuzz_settings(300)
@given(
    st.dictionaries(
        st.sampled_from([*Config.__dataclass_fields__, "colour", "failOn"]),
        CONFIG_VALUES,
        max_size=5,
    )
)
def test_config_quick_answer_is_never_a_wrong_yes(data: dict[str, Any]) -> None:
    if config_quick(data):
        assert Config(**data) == Config(**ConfigModel.model_validate(data).model_dump())
