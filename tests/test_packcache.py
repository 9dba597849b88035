"""Compiled policy packs: the shipped one is current, and compiled packs behave like their YAML.

See :mod:`ai_coc.rules.cache`. The cache folder of these tests is a fresh temporary folder
(tests/conftest.py), and each test that needs an empty one sets its own.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from ai_coc.errors import InputError
from ai_coc.read.yaml import load_document
from ai_coc.rules import cache as packcache
from ai_coc.rules import packs, policy
from ai_coc.rules.checks import Environment
from ai_coc.rules.engine import evaluate
from ai_coc.rules.findings import Finding
from tests.conftest import EXAMPLES, POLICIES, TODAY

BUILTIN = POLICIES / "coc"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AI_COC_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def no_compiling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if a pack is compiled from its YAML files (it should come from a compiled form)."""

    def refuse(*args: object, **kwargs: object) -> policy.Pack:
        raise AssertionError("the pack was compiled from YAML although a compiled form exists")

    monkeypatch.setattr(packs, "compile_pack", refuse)


def from_source(root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> policy.Pack:
    """The pack compiled from its YAML files: a copy without compiled form, cache off."""
    copy = tmp_path / "source" / root.name
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(packcache.COMPILED_NAME))
    with monkeypatch.context() as patch:
        patch.setenv("AI_COC_CACHE_DIR", "off")
        return packs.load_pack(copy)


def findings_of(policies: policy.PolicySet, manifest: Path) -> list[dict[str, object]]:
    doc = load_document(manifest)
    found: list[Finding] = evaluate(doc, policies, TODAY, env=Environment())
    return [f.as_dict() for f in found]


def test_the_shipped_compiled_pack_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_golden: bool
) -> None:
    fresh = from_source(BUILTIN, tmp_path, monkeypatch)
    expected = packcache.dumps(packcache.to_compiled(fresh))
    target = BUILTIN / packcache.COMPILED_NAME
    if update_golden:
        target.write_text(expected, encoding="utf-8")
    assert target.read_text(encoding="utf-8") == expected, (
        f"{target} is out of date; run `pytest --update-golden` and commit it"
    )


def test_the_builtin_pack_loads_without_compiling(cache: Path, no_compiling: None) -> None:
    pack = packs.load_pack(BUILTIN)
    assert len(pack.rules) >= 60
    assert not cache.exists(), "nothing needed to be cached"


def test_compiled_and_source_packs_find_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: Path
) -> None:
    source = from_source(BUILTIN, tmp_path, monkeypatch)
    compiled = packs.load_pack(BUILTIN)
    assert [r.spec for r in compiled.rules] == [r.spec for r in source.rules]
    for mine, theirs in zip(compiled.rules, source.rules, strict=True):
        assert (mine.line, mine.red_line, mine.waivable) == (
            theirs.line,
            theirs.red_line,
            theirs.waivable,
        )
        assert Path(mine.file).name == Path(theirs.file).name
    assert compiled.meta == source.meta
    manifests = sorted([*EXAMPLES.glob("*/ai-usage.yaml"), *BUILTIN.glob("examples/*/*.yaml")])
    with_source = policy.PolicySet(packs=[source], principles=list(source.meta.principles))
    with_compiled = policy.PolicySet(packs=[compiled], principles=list(compiled.meta.principles))
    compared = 0
    for manifest in manifests:
        try:
            expected = findings_of(with_source, manifest)
        except InputError:
            continue
        assert findings_of(with_compiled, manifest) == expected, manifest
        compared += 1
    assert compared > 100


ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"


def org_pack(tmp_path: Path) -> Path:
    target = tmp_path / "org-pack"
    shutil.copytree(ORG_PACK, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def test_a_pack_is_compiled_once_then_read_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = org_pack(tmp_path)
    first = packs.load_pack(root)
    files = list((cache / "packs").glob("*.json"))
    assert len(files) == 1
    with monkeypatch.context() as patch:
        patch.setattr(packs, "compile_pack", lambda *a, **k: pytest.fail("compiled again"))
        second = packs.load_pack(root)
    assert [r.spec for r in second.rules] == [r.spec for r in first.rules]
    assert [r.file for r in second.rules] == [r.file for r in first.rules]


def test_a_changed_pack_is_compiled_again(tmp_path: Path, cache: Path) -> None:
    root = org_pack(tmp_path)
    before = packs.load_pack(root)
    rule_file = next(p for p in sorted(root.glob("*.yaml")) if p.name != "pack.yaml")
    text = rule_file.read_text(encoding="utf-8")
    rule_file.write_text(text.replace("severity: error", "severity: warning", 1), "utf-8")
    after = packs.load_pack(root)
    assert after.sha256 != before.sha256
    assert [r.severity for r in after.rules] != [r.severity for r in before.rules]
    assert len(list((cache / "packs").glob("*.json"))) == 2


@pytest.mark.parametrize(
    "damage",
    ["", "{", "[]", '{"format": 1}', "garbage \x00", "sha"],
)
def test_a_damaged_cache_file_is_ignored(tmp_path: Path, cache: Path, damage: str) -> None:
    root = org_pack(tmp_path)
    good = packs.load_pack(root)
    (cached,) = (cache / "packs").glob("*.json")
    if damage == "sha":  # the digest and format of the good entry, other insides
        data = json.loads(cached.read_text("utf-8"))
        data["body"]["rules"] = [{"file": 3, "spec": {"id": None}}]
        cached.write_text(json.dumps(data) + "\n", "utf-8")
    else:
        cached.write_text(damage, "utf-8")
    again = packs.load_pack(root)
    assert [r.spec for r in again.rules] == [r.spec for r in good.rules]


def test_an_unwritable_cache_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", "utf-8")
    monkeypatch.setenv("AI_COC_CACHE_DIR", str(blocker / "cache"))
    pack = packs.load_pack(org_pack(tmp_path))
    assert pack.rules


def test_the_cache_can_be_switched_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_COC_CACHE_DIR", "off")
    assert packcache.cache_dir() is None
    monkeypatch.chdir(tmp_path)
    packs.load_pack(org_pack(tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org-pack"]


def test_the_default_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AI_COC_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert packcache.cache_dir() == tmp_path / "ai-coc"


def test_a_pack_json_cannot_carry_is_not_cached(tmp_path: Path, cache: Path) -> None:
    root = org_pack(tmp_path)
    (root / "dated.yaml").write_text(
        "rules:\n"
        "  - id: WFV901\n    name: reviewed-on-the-day\n    severity: info\n    since: '1.0'\n"
        "    summary: x\n    rationale: x\n    fix: x\n    message: x\n"
        "    require: {equals: {field: review.last_reviewed, value: 2026-01-01}}\n",
        "utf-8",
    )
    pack = packs.load_pack(root)
    assert isinstance(pack.rules[-1].spec.require["equals"]["value"], dt.date)
    assert not (cache / "packs").exists() or not list((cache / "packs").glob("*.json"))


def test_a_foreign_compiled_file_in_a_pack_is_not_trusted(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only ai-coc's own compiled forms skip the checks of the pack's regular expressions."""
    root = org_pack(tmp_path)
    good = packs.load_pack(root)
    data = packcache.to_compiled(good)
    data["rules"][0]["spec"]["require"] = {
        "matches": {"field": "project.name", "pattern": "(a+)+$"}
    }
    (root / packcache.COMPILED_NAME).write_text(json.dumps(data), "utf-8")
    shutil.rmtree(cache)
    loaded = packs.load_pack(root)
    assert [r.spec for r in loaded.rules] == [r.spec for r in good.rules]


@pytest.mark.parametrize(
    ("runtime", "model_name"),
    [
        (policy.Principle, "PrincipleModel"),
        (policy.PackMeta, "PackMetaModel"),
        (policy.RuleSpec, "RuleModel"),
    ],
)
def test_runtime_classes_mirror_the_validating_models(runtime: type, model_name: str) -> None:
    """Packs are validated by pydantic models but used as plain dataclasses (no pydantic at
    run time); both must have the same fields and defaults."""
    import dataclasses

    from ai_coc.rules import packmodels

    model = getattr(packmodels, model_name)
    fields = {f.name: f for f in dataclasses.fields(runtime)}
    assert set(fields) == set(model.model_fields)
    for name, info in model.model_fields.items():
        mine = fields[name]
        if info.is_required():
            assert mine.default is dataclasses.MISSING, name
        elif info.default_factory is not None:
            assert mine.default_factory() == info.default_factory(), name  # type: ignore[misc,call-arg]
        else:
            assert mine.default == info.default, name
