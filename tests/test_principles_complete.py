"""The complete example of a public counselling chatbot passes, and each of the eight
principles is really checked: taking that principle's information out of the manifest
makes a finding of that principle appear."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES

RunCli = Callable[..., Result]
CHATBOT = EXAMPLES / "beratungs-chatbot"

#: For each principle, the information that belongs to it (paths in the manifest).
PRINCIPLE_KEYS: dict[str, list[tuple[str | int, ...]]] = {
    "weighing": [
        ("uses", 0, "purpose"),
        ("uses", 0, "weighing", "benefits"),
        ("uses", 0, "weighing", "risks"),
        ("uses", 0, "weighing", "non_use"),
    ],
    "human-centredness": [
        ("uses", 0, "labour"),
        ("uses", 0, "labour", "requested_on"),
        ("uses", 0, "labour", "worker_channel"),
        ("uses", 0, "people", "non_ai_alternative"),
        ("uses", 0, "people", "human_oversight"),
        ("uses", 0, "audience"),
    ],
    "transparency": [
        ("transparency",),
        ("uses", 0, "provenance"),
        ("uses", 0, "provenance", "justification"),
        ("uses", 0, "outputs", 0, "labelled"),
        ("uses", 0, "outputs", 0, "label"),
    ],
    "participation": [
        ("uses", 0, "participation", "staff_involved"),
        ("uses", 0, "participation", "works_council"),
        ("uses", 0, "participation", "affected_consulted"),
        ("contacts", "feedback"),
    ],
    "discrimination-critical": [
        ("uses", 0, "people", "bias_assessment"),
        ("uses", 0, "people", "groups"),
        ("uses", 0, "people", "groups", 1, "mitigation"),
        ("uses", 0, "people", "decisions_about_people"),
    ],
    "accountability": [
        ("contacts", "accountable"),
        ("uses", 0, "accountability", "owner"),
        ("uses", 0, "accountability", "incident_process"),
        ("uses", 0, "data", "inputs", 0, "legal_basis"),
        ("review", "next_review_due"),
    ],
    "competences": [
        ("uses", 0, "competences", "operators_trained"),
        ("competences", "guidance"),
        ("competences", "last_training"),
    ],
    "ecological-sustainability": [
        ("uses", 0, "environment", "intensity"),
    ],
}


def _findings(run_cli: RunCli, manifest: Path) -> list[dict[str, Any]]:
    result = run_cli("check", str(manifest), "--today", "2026-11-21", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return findings


def _copy_without(tmp_path: Path, paths: list[tuple[str | int, ...]]) -> Path:
    """A copy of the chatbot project with ``paths`` deleted (comments and order kept)."""
    target = tmp_path / "beratungs-chatbot"
    shutil.copytree(CHATBOT, target)
    manifest = target / "ai-usage.yaml"
    yaml = YAML()  # round trip
    data = yaml.load(manifest.read_text(encoding="utf-8"))
    for path in paths:
        node = data
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    with manifest.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)
    return manifest


def test_complete_chatbot_passes_without_any_finding(run_cli: RunCli) -> None:
    manifest = CHATBOT / "ai-usage.yaml"
    result = run_cli("check", str(manifest), "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert _findings(run_cli, manifest) == []


def test_chatbot_is_user_facing_and_running() -> None:
    """The example must exercise the strict rules, not slip past their conditions."""
    data = YAML(typ="safe").load((CHATBOT / "ai-usage.yaml").read_text(encoding="utf-8"))
    use = data["uses"][0]
    assert use["status"] == "active"
    assert use["audience"] == "public"
    assert use["people"]["affects_people"] is True
    assert any(g["vulnerable"] for g in use["people"]["groups"])
    assert any(g["likelihood"] == g["severity"] == "high" for g in use["people"]["groups"])
    assert use["labour"]["status"] == "not_disclosed"
    assert (CHATBOT / data["transparency"]["notice"]).is_file()


def test_copy_without_changes_still_passes(run_cli: RunCli, tmp_path: Path) -> None:
    assert _findings(run_cli, _copy_without(tmp_path, [])) == []


@pytest.mark.parametrize("principle", sorted(PRINCIPLE_KEYS))
def test_removing_a_principle_makes_it_fail(
    run_cli: RunCli, tmp_path: Path, principle: str
) -> None:
    paths = sorted(PRINCIPLE_KEYS[principle], key=len, reverse=True)
    # delete nested keys first, and skip those inside a key that is deleted as a whole
    paths = [p for p in paths if not any(p[: len(q)] == q and p != q for q in paths)]
    findings = _findings(run_cli, _copy_without(tmp_path, paths))
    assert principle in {f["principle"] for f in findings}, findings


@pytest.mark.parametrize(
    ("principle", "path"),
    [(principle, path) for principle, paths in PRINCIPLE_KEYS.items() for path in paths],
    ids=lambda value: value if isinstance(value, str) else ".".join(map(str, value)),
)
def test_each_piece_of_information_is_checked(
    run_cli: RunCli, tmp_path: Path, principle: str, path: tuple[str | int, ...]
) -> None:
    findings = _findings(run_cli, _copy_without(tmp_path, [path]))
    assert principle in {f["principle"] for f in findings}, (path, findings)


def test_rules_json_lists_all_eight_principles(run_cli: RunCli) -> None:
    result = run_cli("rules", "--format", "json")
    assert result.exit_code == 0, result.output
    rules = json.loads(result.output)
    principles = {r["principle"] for r in rules if r["principle"]}
    assert principles == set(PRINCIPLE_KEYS)
    for slug in PRINCIPLE_KEYS:
        assert sum(r["principle"] == slug for r in rules) >= 3, slug


@pytest.mark.parametrize(
    ("notice", "found"),
    [
        ("docs/ki-hinweis.md", False),
        ("https://sozialwerk-lindenau.example/ki", False),
        ("docs/fehlt.md", True),
        ("../ausserhalb.md", True),
    ],
)
def test_notice_must_exist_inside_the_repository(
    run_cli: RunCli, tmp_path: Path, notice: str, found: bool
) -> None:
    manifest = _copy_without(tmp_path, [])
    subprocess.run(["git", "init", "-q", str(manifest.parent)], check=True)
    # a file that exists, but outside the repository, does not count as a notice
    (tmp_path / "ausserhalb.md").write_text("# KI-Hinweis\n", encoding="utf-8")
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("notice: docs/ki-hinweis.md", f"notice: {notice}"))
    ids = {f["id"] for f in _findings(run_cli, manifest)}
    assert ("COC305" in ids) is found, ids
