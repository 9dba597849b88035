"""The general ``any_item`` check: at least one item of a list passes a check."""

from __future__ import annotations

from typing import Any

import pytest

from ai_coc.i18n import phrase, table
from ai_coc.rules.checks import REGISTRY, CheckError, Context, Environment, compile_check
from tests.conftest import TODAY

ROOT: dict[str, Any] = {
    "contacts": {"feedback": "https://verein.example/rueckmeldung"},
    "uses": [
        {"id": "intern", "status": "active", "audience": "internal"},
        {
            "id": "chat",
            "status": "proposed",
            "audience": "public",
            "people": {"groups": [{"vulnerable": False}, {"vulnerable": True}]},
        },
    ],
}


def _ctx(node: Any = ROOT, path: tuple[str | int, ...] = ()) -> Context:
    use, use_path = (node, path) if len(path) == 2 else (None, None)
    return Context(ROOT, node, path, use, use_path, TODAY, Environment())


def test_holds_when_one_item_passes() -> None:
    check = compile_check(
        {
            "any_item": {
                "field": "uses",
                "check": {"equals": {"field": "audience", "value": "public"}},
            }
        }
    )
    result = check.evaluate(_ctx())
    assert result.holds
    assert result.blame == ("uses", 1)


def test_fails_when_no_item_passes() -> None:
    check = compile_check(
        {"any_item": {"field": "uses", "check": {"equals": {"field": "status", "value": "pilot"}}}}
    )
    result = check.evaluate(_ctx())
    assert not result.holds
    assert result.blame == ("uses",)


@pytest.mark.parametrize("field", ["waivers", "contacts", "contacts.feedback"])
def test_missing_or_non_list_has_no_item(field: str) -> None:
    check = compile_check({"any_item": {"field": field, "check": {"present": "id"}}})
    assert not check.evaluate(_ctx()).holds


def test_empty_list_has_no_item() -> None:
    check = compile_check({"any_item": {"field": "$root.uses", "check": {"present": "id"}}})
    ctx = Context({"uses": []}, {"uses": []}, (), None, None, TODAY, Environment())
    assert not check.evaluate(ctx).holds


def test_relative_to_the_selected_node_and_use_anchor_inside_items() -> None:
    use = ROOT["uses"][1]
    # a vulnerable group exists in the selected use
    groups = compile_check(
        {
            "any_item": {
                "field": "people.groups",
                "check": {"equals": {"field": "vulnerable", "value": True}},
            }
        }
    )
    assert groups.evaluate(_ctx(use, ("uses", 1))).holds
    assert not groups.evaluate(_ctx(ROOT["uses"][0], ("uses", 0))).holds
    # inside the items of `uses`, `$use.` means the item itself
    via_use = compile_check(
        {
            "any_item": {
                "field": "$root.uses",
                "check": {"equals": {"field": "$use.id", "value": "chat"}},
            }
        }
    )
    assert via_use.evaluate(_ctx()).holds


def test_nested_combinators_work_inside() -> None:
    check = compile_check(
        {
            "any_item": {
                "field": "uses",
                "check": {
                    "all": [
                        {"one_of": {"field": "status", "values": ["active", "pilot"]}},
                        {"one_of": {"field": "audience", "values": ["members", "public"]}},
                    ]
                },
            }
        }
    )
    assert not check.evaluate(_ctx()).holds


@pytest.mark.parametrize(
    "spec",
    [
        {"any_item": "uses"},
        {"any_item": {"field": "uses"}},
        {"any_item": {"field": "uses", "check": {"no_such_check": "x"}}},
        {"any_item": {"field": "uses", "check": {"present": "id"}, "count": 2}},
    ],
)
def test_wrong_arguments_are_pack_errors(spec: dict[str, Any]) -> None:
    with pytest.raises(CheckError):
        compile_check(spec)


def test_every_check_is_documented_with_a_working_example() -> None:
    from ruamel.yaml import YAML

    assert set(table("checks")) == set(REGISTRY)
    for name, cls in REGISTRY.items():
        english = phrase("checks", name, "en")  # what it tests, for the docs
        assert english and phrase("checks", name, "de") != english, name
        assert cls.example.startswith(name + ":"), name
        compile_check(YAML(typ="safe").load(cls.example))
