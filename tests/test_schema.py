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

from ai_coc.commands.schema import schema_for
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
def test_init_skeleton_names_a_local_schema_and_only_its_blanks_are_open(
    run_cli: RunCli, validator: Draft202012Validator, tmp_path: Path, lang: str
) -> None:
    target = tmp_path / "ai-usage.yaml"
    result = run_cli(
        "init", "--no-input", "-o", str(target), "--lang", lang, "--today", TODAY.isoformat()
    )
    assert result.exit_code == 0, result.output
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=.ai-coc/ai-usage.schema.json"
    written = tmp_path / ".ai-coc" / "ai-usage.schema.json"
    assert json.loads(written.read_text("utf-8")) == schema_for("manifest", lang)
    # The schema offers no null, so the blanks of the skeleton are what is left to fill in:
    # every error is an empty key, and nothing else.
    errors = list(validator.iter_errors(load_json_data(target)))
    assert errors
    assert all(e.instance is None for e in errors), [e.message for e in errors if e.instance]


def _nulls(node: Any, where: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            yield f"{where}: default null"
        if None in (node.get("enum") or []):
            yield f"{where}: null in enum"
        kind = node.get("type")
        if kind == "null" or (isinstance(kind, list) and "null" in kind):
            yield f"{where}: type null"
        if "const" in node and node["const"] is None:
            yield f"{where}: const null"
        for key, value in node.items():
            yield from _nulls(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nulls(value, f"{where}[{index}]")


@pytest.mark.parametrize("kind", ["manifest", "config"])
def test_no_null_is_offered_to_editors(kind: str) -> None:
    assert list(_nulls(schema_for(kind))) == []
    # the shipped copy (used by the fast path) is the same schema
    from ai_coc.read.fastschema import shipped_schema

    name = {"manifest": "manifest-v1", "config": "config"}[kind]
    assert shipped_schema(name) == schema_for(kind)


def test_german_descriptions(run_cli: RunCli) -> None:
    from ai_coc.read.schema_docs import described

    result = run_cli("schema", "--lang", "de")
    assert result.exit_code == 0, result.output
    german = json.loads(result.output)
    english = json_schema()
    assert german["properties"]["uses"]["description"] == "Jeder KI-Einsatz des Projekts."
    # every description is translated (none is left as its English original), the free texts
    # inside lists and choices too
    pairs = list(zip(described(english), described(german), strict=True))
    assert len(pairs) > 200
    untranslated = [en["description"] for en, de in pairs if en["description"] == de["description"]]
    assert untranslated == []
    items = german["$defs"]["Use"]["properties"]["categories"]["items"]
    assert items["description"] == "Freier Text, in jeder Sprache."
    assert run_cli("schema", "--kind", "config", "--lang", "de").exit_code == 0
    config = json.loads(run_cli("schema", "--kind", "config", "--lang", "de").output)
    assert config["properties"]["lang"]["description"] == "Sprache der Ausgabe."


def test_every_german_schema_text_belongs_to_a_current_english_one() -> None:
    """A changed English description shows up here until its German text follows."""
    from babel.messages.pofile import read_po

    from ai_coc.run.config import config_json_schema

    def descriptions(node: object) -> set[str]:
        if isinstance(node, dict):
            own = {node["description"]} if isinstance(node.get("description"), str) else set()
            return own.union(*(descriptions(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(descriptions(v) for v in node))
        return set()

    current = descriptions(json_schema()) | descriptions(config_json_schema())
    po = Path(__file__).resolve().parents[1] / "src/ai_coc/locale/de/LC_MESSAGES/ai_coc.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    stale = [m.id for m in catalog if m.context == "schema" and m.id not in current]
    assert stale == []


def test_schema_write_puts_it_at_the_top_of_the_repository(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "apps" / "chat").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "apps" / "chat")
    result = run_cli("schema", "--write", "--lang", "de")
    assert result.exit_code == 0, result.output
    target = tmp_path / ".ai-coc" / "ai-usage.schema.json"
    assert json.loads(target.read_text("utf-8")) == schema_for("manifest", "de")
    bad = run_cli("schema", "--write", "--output", "x.json")
    assert bad.exit_code == 2


def test_init_in_a_subfolder_points_up_to_the_repository_schema(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "apps" / "chat").mkdir(parents=True)
    target = tmp_path / "apps" / "chat" / "ai-usage.yaml"
    result = run_cli("init", "--no-input", "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.ai-coc/ai-usage.schema.json"
    assert (tmp_path / ".ai-coc" / "ai-usage.schema.json").is_file()


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
    assert not (tmp_path / ".ai-coc").exists()  # a schema named by the user is not written


def test_every_example_is_valid_for_its_key_and_none_is_stale() -> None:
    from ai_coc.read.schema_docs import FIELD_EXAMPLES

    schema = json_schema()
    models = {"Manifest": schema, **schema["$defs"]}
    used = set()
    for name, model in models.items():
        for key, prop in (model.get("properties") or {}).items():
            for example in prop.get("examples", []):
                used.add(f"{name}.{key}")
                sub = {"$defs": schema["$defs"], **prop}
                errors = [e.message for e in Draft202012Validator(sub).iter_errors(example)]
                assert errors == [], (name, key, example)
    assert used == set(FIELD_EXAMPLES)
    # no example where your own reasons are asked for
    assert not [k for k in FIELD_EXAMPLES if k.split(".")[1] in ("justification", "benefits")]


def test_every_description_in_the_table_belongs_to_a_key_and_the_models_carry_none() -> None:
    """``texts/schema.yaml`` has no entry for a key that is gone, and the models no text of
    their own (validating a manifest must not need the table)."""
    from pydantic import BaseModel

    from ai_coc.i18n import table
    from ai_coc.read import manifest
    from ai_coc.run.configmodel import ConfigModel

    models: dict[str, type[BaseModel]] = {
        name: value
        for name, value in vars(manifest).items()
        if isinstance(value, type) and issubclass(value, BaseModel)
    }
    models["ConfigModel"] = ConfigModel
    stale = []
    for key in table("schema"):
        if key == "Text":
            continue
        name, _, field = key.partition(".")
        model = models.get(name)
        keys = {info.alias or f for f, info in model.model_fields.items()} if model else set()
        if field not in keys:
            stale.append(key)
    assert stale == []
    described = [
        f"{name}.{field}"
        for name, model in models.items()
        for field, info in model.model_fields.items()
        if info.description
    ]
    assert described == []
