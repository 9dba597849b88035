"""Policy packs: the built-in pack loads; broken packs stop with the pack file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ai_coc.errors import InputError
from ai_coc.rules.packs import load_pack, load_policies
from ai_coc.rules.policy import builtin_pack_dir

GOOD_RULE = """\
rules:
  - id: ORG101
    name: no-recruiting
    principle: weighing
    severity: error
    since: 0.1.0
    summary: {en: No AI in recruiting., de: Keine KI bei der Personalauswahl.}
    rationale: {en: Our board decided so., de: Unser Vorstand hat das beschlossen.}
    fix: {en: Remove the use., de: Den Einsatz entfernen.}
    message: {en: "The use '{use}' is recruiting", de: "Der Einsatz '{use}' ist Recruiting"}
    select: uses
    forbid:
      contains: {field: categories, value: recruiting}
"""

PACK_META = "name: org\nversion: 1.0.0\nprefix: ORG\ntitle: {en: Org, de: Org}\n"


def make_pack(tmp_path: Path, rule_text: str, meta: str = PACK_META) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.yaml").write_text(meta, encoding="utf-8")
    (root / "rules.yaml").write_text(rule_text, encoding="utf-8")
    return root


def test_builtin_pack_loads() -> None:
    policies = load_policies()
    assert policies.packs[0].name == "coc"
    assert policies.find("COC201") is policies.find("labour-undeclared")
    assert policies.find("coc201") is not None
    assert len(policies.principles) == 8


def test_good_org_pack(tmp_path: Path) -> None:
    pack = load_pack(make_pack(tmp_path, GOOD_RULE))
    assert [r.id for r in pack.rules] == ["ORG101"]
    assert len(pack.sha256) == 64


def test_sha256_follows_content(tmp_path: Path) -> None:
    first = load_pack(make_pack(tmp_path, GOOD_RULE)).sha256
    (tmp_path / "pack" / "rules.yaml").write_text(GOOD_RULE.replace("Remove", "Drop"))
    assert load_pack(tmp_path / "pack").sha256 != first


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("    severity: error\n", "    severity: fatal\n"), 5, "severity"),
        (("id: ORG101", "id: XYZ101"), 2, "start with ORG"),
        (("principle: weighing", "principle: wieghing"), 4, "unknown principle"),
        (("'{use}' is recruiting", "'{usage}' is recruiting"), 10, "{usage}"),
        (("contains: {field", "contain: {field"), 13, "did you mean 'contains'"),
        (("    forbid:\n", "    require:\n      present: x\n    forbid:\n"), 2, "exactly one of"),
        (("name: no-recruiting", "name: No Recruiting"), 3, "name"),
        (("value: recruiting}", "value: recruiting"), 14, "invalid YAML"),
    ],
)
def test_broken_pack_points_at_file_and_line(
    tmp_path: Path, change: tuple[str, str], line: int, message: str
) -> None:
    old, new = change
    assert old in GOOD_RULE
    root = make_pack(tmp_path, GOOD_RULE.replace(old, new))
    with pytest.raises(InputError) as info:
        load_pack(root)
    error = info.value
    assert error.file is not None and error.file.endswith("rules.yaml")
    assert error.line == line
    assert message in error.format()


def test_missing_pack_yaml(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no pack\.yaml"):
        load_pack(tmp_path / "empty")


def test_duplicate_rule_ids_across_packs(tmp_path: Path) -> None:
    root = make_pack(tmp_path, GOOD_RULE)
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    with pytest.raises(InputError, match="defined twice"):
        load_policies([load_pack(root), load_pack(copy)])


def test_builtin_pack_dir_is_the_repository_folder() -> None:
    assert (builtin_pack_dir() / "pack.yaml").is_file()
