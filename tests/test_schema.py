"""``ai-coc schema``: the JSON Schema editors use for completion and error marks."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

from ai_coc.read.manifest import json_schema
from tests.conftest import EXAMPLES, TODAY

RunCli = Callable[..., Result]
ALL_EXAMPLES = sorted(EXAMPLES.glob("*/ai-usage.yaml"))


def as_json(value: Any) -> Any:
    """YAML data as JSON would carry it (dates as strings)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_json_data(path: Path) -> Any:
    return as_json(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_cli_prints_the_draft_2020_12_schema(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema == json_schema()
    target = tmp_path / "ai-usage.schema.json"
    written = run_cli("schema", "--kind", "manifest", "--output", str(target))
    assert written.exit_code == 0
    assert target.read_text(encoding="utf-8") == result.output


@pytest.mark.parametrize("path", ALL_EXAMPLES, ids=lambda p: p.parent.name)
def test_schema_accepts_every_example(validator: Draft202012Validator, path: Path) -> None:
    errors = [e.message for e in validator.iter_errors(load_json_data(path))]
    assert errors == []


def test_schema_rejects_a_misspelt_key(validator: Draft202012Validator) -> None:
    data = load_json_data(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml")
    data["uses"][0]["labor"] = data["uses"][0].pop("labour")
    assert not validator.is_valid(data)
    data["uses"][0]["labour"] = data["uses"][0].pop("labor")
    assert validator.is_valid(data)
    data["projekt"] = data.pop("project")
    assert not validator.is_valid(data)


def test_schema_rejects_bad_values(validator: Draft202012Validator) -> None:
    data = load_json_data(EXAMPLES / "minimal" / "ai-usage.yaml")
    data["uses"][0]["status"] = "aktiv"
    assert not validator.is_valid(data)


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in (node.get("properties") or {}).items():
            yield f"{where}.{key}", value
        for key, value in node.items():
            if key != "properties":
                yield from _properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _properties(value, f"{where}[{index}]")


def test_every_property_has_a_description() -> None:
    found = list(_properties(json_schema()))
    assert len(found) > 100
    missing = [where for where, prop in found if not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("lang", ["en", "de"])
def test_init_skeleton_validates_and_names_the_schema(
    run_cli: RunCli, validator: Draft202012Validator, tmp_path: Path, lang: str
) -> None:
    target = tmp_path / "ai-usage.yaml"
    result = run_cli(
        "init", "--no-input", "-o", str(target), "--lang", lang, "--today", TODAY.isoformat()
    )
    assert result.exit_code == 0, result.output
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=" + json_schema()["$id"]
    assert validator.is_valid(load_json_data(target))


def test_modeline_url_is_the_schema_id() -> None:
    from ai_coc.author.scaffold import SCHEMA_URL

    assert json_schema()["$id"] == SCHEMA_URL


def test_init_can_point_the_modeline_at_a_local_schema(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    result = run_cli(
        "init", "--no-input", "-o", str(target), "--schema-url", "ai-usage.schema.json"
    )
    assert result.exit_code == 0, result.output
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=ai-usage.schema.json"
