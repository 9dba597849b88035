"""``ai-coc import hf-card``, ``import ai-declaration`` and ``export cyclonedx`` (issue 19)."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ai_coc.read.yaml import parse_document
from tests.conftest import EXAMPLES, ROOT

DATA = Path(__file__).parent / "data" / "interop"
TODAY = "2026-11-21"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a real example manifest (full of comments) and the fixtures."""
    shutil.copy(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml", tmp_path)
    for item in DATA.iterdir():
        target = tmp_path / item.name
        if item.is_dir():
            shutil.copytree(item, target)
        else:
            shutil.copy(item, target)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def manifest_data(folder: Path) -> dict[str, Any]:
    text = (folder / "ai-usage.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = parse_document(text, "ai-usage.yaml").data
    return data


def use(data: dict[str, Any], ident: str) -> dict[str, Any]:
    found: dict[str, Any] = next(u for u in data["uses"] if u["id"] == ident)
    return found


def only_inserted(before: str, after: str) -> bool:
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    return all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())


def check_json(run_cli: Callable[..., Result]) -> list[dict[str, Any]]:
    result = run_cli("check", "--today", TODAY, "-f", "json", "--no-history")
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, Any]] = json.loads(result.output)["findings"]
    return findings


# --- import hf-card ---------------------------------------------------------------------------


def test_a_dataset_card_becomes_a_use_with_labour_and_sources_and_keeps_every_comment(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    before = (project / "ai-usage.yaml").read_text(encoding="utf-8")
    result = run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "beispielkorpus-beratungsanfragen" in result.output
    after = (project / "ai-usage.yaml").read_text(encoding="utf-8")
    assert only_inserted(before, after)  # every line of the file, comments included, stays
    assert "# Imported by `ai-coc import hf-card` from datenkarte/README.md" in after
    imported = use(manifest_data(project), "beispielkorpus-beratungsanfragen")
    assert imported["status"] == "pilot"
    assert imported["categories"] == ["data-analysis"]
    labour = imported["labour"]
    assert labour["performed_by"] == "crowdworkers"
    # machine-generated annotations: nobody knows who checked them
    assert labour["status"] == "unknown"
    assert any("crowd" in task for task in labour["tasks"])
    assert any("checked by a person" in task for task in labour["tasks"])
    assert "justification" not in labour  # the card cannot say why this is acceptable
    sources = imported["provenance"]["sources"]
    assert [s["type"] for s in sources] == ["other", "public-dataset"]
    assert {s["licence"] for s in sources} == {"cc-by-sa-4.0"}
    assert "beispiel-verein/forenbeitraege" in sources[1]["description"]
    assert "machine-generated" in result.stderr or "machine" in result.output


def test_what_the_card_does_not_say_stays_a_gap_that_check_reports(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY).exit_code == 0
    mine = [
        f["id"]
        for f in check_json(run_cli)
        if f["location"]["path"].startswith("uses[beispielkorpus-beratungsanfragen]")
    ]
    # the partial provenance and unknown labour need a justification; the weighing is open
    for rule in ("COC302", "COC101", "COC106"):
        assert rule in mine, mine
    # unknown labour: no justification and the provider not asked (as the docs page says)
    for rule in ("COC202", "COC205"):
        assert rule in mine, mine


def test_a_model_card_gives_datasets_and_the_co2_estimate(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("import", "hf-card", "modellkarte/README.md", "--today", TODAY)
    assert result.exit_code == 0, result.output
    imported = use(manifest_data(project), "vereinsuebersetzer-klein")
    assert imported["system"] == {"model": "vereinsuebersetzer-klein"}
    assert imported["categories"] == ["translation"]
    assert [s["description"] for s in imported["provenance"]["sources"]] == [
        "beispiel-verein/parallelkorpus-vereinsnachrichten",
        "beispiel-verein/leichte-sprache-paare",
    ]
    estimate = imported["environment"]["estimate"]
    assert estimate == {"co2e_kg": 5.4, "period": "training (fine-tuning)", "method": "provider"}
    assert "labour" not in imported  # a model card does not say who annotated


def test_dry_run_prints_a_unified_diff_and_writes_nothing(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    manifest = project / "ai-usage.yaml"
    before = manifest.read_bytes()
    result = run_cli("import", "hf-card", "modellkarte/README.md", "--dry-run", "--today", TODAY)
    assert result.exit_code == 0
    assert manifest.read_bytes() == before
    diff = result.stdout
    assert diff.startswith("--- a/ai-usage.yaml\n+++ b/ai-usage.yaml\n@@ ")
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and line[1:2] != "+"]
    assert "  - id: vereinsuebersetzer-klein" in added
    assert not [line for line in diff.splitlines() if line.startswith("-") and line[1:2] != "-"]
    # the diff is the real change: applied with `patch`, it gives what the import writes
    if shutil.which("patch"):
        subprocess.run(["patch", "-s", "-p1"], input=diff, text=True, check=True, cwd=project)
        patched = manifest.read_text(encoding="utf-8")
        manifest.write_bytes(before)
        assert (
            run_cli("import", "hf-card", "modellkarte/README.md", "--today", TODAY).exit_code == 0
        )
        assert manifest.read_text(encoding="utf-8") == patched


def test_a_second_import_updates_the_use_and_keeps_what_people_added(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY).exit_code == 0
    manifest = project / "ai-usage.yaml"
    again = run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY)
    assert again.exit_code == 0
    assert "nothing to change" in again.stderr
    # a person fills a gap and comments on it; then the card changes its licence
    text = manifest.read_text(encoding="utf-8")
    text = text.replace(
        "      performed_by: crowdworkers\n",
        "      performed_by: crowdworkers\n"
        "      # Nachfrage beim Herausgeber am 3. November\n"
        "      justification: Der Herausgeber nennt die Plattform nicht; wir fragen nach und"
        " nutzen das Korpus bis dahin nur für interne Auswertungen.\n",
    )
    manifest.write_text(text, encoding="utf-8")
    card = project / "datenkarte" / "README.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("cc-by-sa-4.0", "cc-by-4.0"), encoding="utf-8"
    )
    result = run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY)
    assert result.exit_code == 0
    assert "Updated the use 'beispielkorpus-beratungsanfragen'" in result.output
    after = manifest.read_text(encoding="utf-8")
    assert "# Nachfrage beim Herausgeber am 3. November" in after
    imported = use(manifest_data(project), "beispielkorpus-beratungsanfragen")
    assert imported["labour"]["justification"].startswith("Der Herausgeber nennt")
    assert {s["licence"] for s in imported["provenance"]["sources"]} == {"cc-by-4.0"}
    assert sum(1 for u in manifest_data(project)["uses"] if u["id"].startswith("beispiel")) == 1


def test_use_updates_an_existing_use_without_touching_its_other_keys(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    old = use(manifest_data(project), "newsletter-translation")
    result = run_cli(
        "import",
        "hf-card",
        "modellkarte/README.md",
        "--use",
        "newsletter-translation",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.output
    new = use(manifest_data(project), "newsletter-translation")
    assert new["status"] == old["status"]  # an existing use keeps its status
    assert new["purpose"] == old["purpose"]
    assert new["weighing"] == old["weighing"]
    assert new["environment"]["estimate"]["co2e_kg"] == 5.4
    for key, value in old["system"].items():
        if key != "model":
            assert new["system"][key] == value


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("# no front matter\n", 1, "no YAML front matter"),
        ("---\nlicense: mit\n", 1, "not closed"),
        ("---\nlicense: mit\ndatasets: [a, b\n---\n", None, None),
        ("---\n- a\n- b\n---\n", 2, "mapping"),
    ],
)
def test_a_broken_card_is_a_located_input_error(
    project: Path,
    run_cli: Callable[..., Result],
    content: str,
    line: int | None,
    words: str | None,
) -> None:
    (project / "kaputt.md").write_text(content, encoding="utf-8")
    before = (project / "ai-usage.yaml").read_bytes()
    result = run_cli("import", "hf-card", "kaputt.md", "--today", TODAY)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if line is not None:
        assert f"kaputt.md:{line}" in result.stderr
    else:  # a YAML error inside: its line counts from the top of the file, not of the block
        assert "kaputt.md:3" in result.stderr or "kaputt.md:4" in result.stderr
    if words:
        assert words in result.stderr
    assert (project / "ai-usage.yaml").read_bytes() == before


def test_a_missing_card_or_manifest_is_an_input_error(
    project: Path, run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert run_cli("import", "hf-card", "fehlt.md").exit_code == 2
    other = tmp_path / "leer"
    other.mkdir()
    result = run_cli(
        "import", "hf-card", "modellkarte/README.md", "--manifest", str(other / "ai-usage.yaml")
    )
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_messages_follow_the_language(project: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY, "--lang", "de")
    assert result.exit_code == 0
    assert "hinzugefügt" in result.output
    assert "Noch offen" in result.stderr
    text = (project / "ai-usage.yaml").read_text(encoding="utf-8")
    assert "Übernommen mit `ai-coc import hf-card`" in text
    assert "Annotation durch Crowdworker*innen" in text


# --- import ai-declaration --------------------------------------------------------------------


def test_a_declaration_with_a_level_becomes_a_running_use(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    before = (project / "ai-usage.yaml").read_text(encoding="utf-8")
    result = run_cli("import", "ai-declaration", "AI-DECLARATION.copilot.md", "--today", TODAY)
    assert result.exit_code == 0, result.output
    after = (project / "ai-usage.yaml").read_text(encoding="utf-8")
    assert only_inserted(before, after)
    imported = use(manifest_data(project), "software-development")
    assert imported["status"] == "active"
    assert imported["phase"] == "development"
    assert imported["categories"] == ["code-assistance", "text-drafting"]
    assert imported["outputs"] == [{"kind": "code", "ai_share": "substantial"}]
    purpose = imported["purpose"]
    for part in (
        "level copilot",
        "design: assist",
        "implementation: copilot",
        "src/kalender/: copilot",
        "zweite Person",
    ):
        assert part in purpose
    assert "review" not in purpose  # a process at level none is no AI use
    assert "Webseiten-Gruppe" not in purpose  # only the Notes section is taken
    # the declaration names no tool: check asks for it (provenance, labour, weighing)
    mine = [
        f["id"]
        for f in check_json(run_cli)
        if f["location"]["path"].startswith("uses[software-development]")
    ]
    assert "COC301" in mine and "COC101" in mine


def test_level_none_becomes_a_documented_non_use(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("import", "ai-declaration", "AI-DECLARATION.none.md", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "decision against AI" in result.output
    data = manifest_data(project)
    (entry,) = [n for n in data["non_uses"] if n["id"] == "software-development"]
    assert "level none" in entry["reasons"][0]
    assert "selbst verstehen" in entry["reasons"][1]
    assert "software-development" not in {u["id"] for u in data["uses"]}
    non_use_rules = [f for f in check_json(run_cli) if f["location"]["path"].startswith("non_uses")]
    assert not [f for f in non_use_rules if f["name"] == "non-use-reasons-missing"]


def test_a_wrong_level_is_reported_on_its_line(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    (project / "AI-DECLARATION.md").write_text(
        '---\nversion: "0.1.2"\nlevel: copilot\nprocesses:\n  design: sometimes\n---\n',
        encoding="utf-8",
    )
    result = run_cli("import", "ai-declaration", "AI-DECLARATION.md")
    assert result.exit_code == 2
    assert "AI-DECLARATION.md:5" in result.stderr
    assert "processes.design" in result.stderr and "none, hint, assist" in result.stderr


# --- export cyclonedx -------------------------------------------------------------------------


def validate(text: str) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    error = JsonStrictValidator(SchemaVersion.V1_6).validate_str(text)
    assert error is None, error


EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/ai-usage.yaml"))


@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda p: p.parent.name)
def test_every_example_exports_a_valid_cyclonedx_1_6_bom(
    manifest: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("export", "cyclonedx", str(manifest), "--today", TODAY)
    assert result.exit_code == 0, result.output
    validate(result.stdout)
    bom = json.loads(result.stdout)
    assert bom["specVersion"] == "1.6"
    uses = parse_document(manifest.read_text(encoding="utf-8"), "m").data.get("uses") or []
    assert [c["type"] for c in bom["components"]] == ["machine-learning-model"] * len(uses)
    assert [c["bom-ref"] for c in bom["components"]] == [f"use:{u['id']}" for u in uses]
    assert bom["metadata"]["timestamp"] == f"{TODAY}T00:00:00Z"


def test_the_validator_does_reject_a_broken_bom() -> None:
    import datetime as dt

    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    from ai_coc.author.export.cyclonedx import dumps, to_bom

    bom = to_bom({"manifest": "ai-coc/v1", "uses": [{"id": "a"}]}, dt.date(2026, 11, 21))
    bom["components"][0]["type"] = "large-language-model"
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(dumps(bom)) is not None


def props(component: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for prop in component.get("properties", []):
        out.setdefault(prop["name"], []).append(prop["value"])
    return out


def test_the_model_card_carries_weighing_risks_fairness_energy_and_datasets(
    run_cli: Callable[..., Result],
) -> None:
    manifest = EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml"
    data = parse_document(manifest.read_text(encoding="utf-8"), "m").data
    bom = json.loads(run_cli("export", "cyclonedx", str(manifest), "--today", TODAY).stdout)
    for source_use, component in zip(data["uses"], bom["components"], strict=True):
        card = component["modelCard"]
        considerations = card.get("considerations", {})
        groups = (source_use.get("people") or {}).get("groups") or []
        assert len(considerations.get("fairnessAssessments", [])) == len(
            [g for g in groups if g.get("group")]
        )
        for group, assessment in zip(
            groups, considerations.get("fairnessAssessments", []), strict=True
        ):
            assert assessment["groupAtRisk"].startswith(group["group"])
            if group.get("likelihood"):
                assert f"likelihood: {group['likelihood']}" in assessment["harms"]
        risks = (source_use.get("weighing") or {}).get("risks")
        if risks:
            expected = [risks] if isinstance(risks, str) else risks
            names = [e["name"] for e in considerations["ethicalConsiderations"]]
            assert names == [r.strip() for r in expected]
        estimate = (source_use.get("environment") or {}).get("estimate") or {}
        energy = considerations.get("environmentalConsiderations", {}).get("energyConsumptions")
        if estimate.get("energy_kwh") is not None:
            assert energy[0]["activityEnergyCost"] == {
                "value": estimate["energy_kwh"],
                "unit": "kWh",
            }
        sources = (source_use.get("provenance") or {}).get("sources") or []
        datasets = card.get("modelParameters", {}).get("datasets", [])
        assert len(datasets) == len(sources)
        assert all(d["type"] == "dataset" for d in datasets)
        labour = source_use.get("labour") or {}
        if labour.get("status"):
            assert props(component)["ai-coc:labour:status"] == [labour["status"]]
    assert any(
        c["modelCard"].get("considerations", {}).get("fairnessAssessments")
        for c in bom["components"]
    )
    assert any(
        c["modelCard"].get("considerations", {}).get("environmentalConsiderations")
        for c in bom["components"]
    )


def test_non_uses_and_labour_become_ai_coc_properties(run_cli: Callable[..., Result]) -> None:
    manifest = EXAMPLES / "kein-ki-einsatz" / "ai-usage.yaml"
    data = parse_document(manifest.read_text(encoding="utf-8"), "m").data
    bom = json.loads(run_cli("export", "cyclonedx", str(manifest), "--today", TODAY).stdout)
    meta = props(bom["metadata"])
    for entry in data["non_uses"]:
        assert meta[f"ai-coc:non_use:{entry['id']}:area"] == [entry["area"]]
    if data.get("ai_used") is False:
        assert meta["ai-coc:ai_used"] == ["false"]
    assert all(name.startswith("ai-coc:") for name in meta)


def test_export_writes_a_file_and_is_the_same_for_the_same_manifest(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("export", "cyclonedx", "--output", "bom.json", "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "bom.json" in result.stderr
    text = (project / "bom.json").read_text(encoding="utf-8")
    validate(text)
    again = run_cli("export", "cyclonedx", "--today", TODAY).stdout
    assert again == text


def test_an_imported_card_round_trips_into_the_bom(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    assert run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY).exit_code == 0
    assert run_cli("import", "hf-card", "modellkarte/README.md", "--today", TODAY).exit_code == 0
    text = run_cli("export", "cyclonedx", "--today", TODAY).stdout
    validate(text)
    bom = json.loads(text)
    by_ref = {c["bom-ref"]: c for c in bom["components"]}
    dataset_use = by_ref["use:beispielkorpus-beratungsanfragen"]
    datasets = dataset_use["modelCard"]["modelParameters"]["datasets"]
    licences = {
        p["value"]
        for d in datasets
        for p in d["contents"]["properties"]
        if p["name"] == "ai-coc:source:licence"
    }
    assert licences == {"cc-by-sa-4.0"}
    assert props(dataset_use)["ai-coc:labour:performed_by"] == ["crowdworkers"]
    model_use = by_ref["use:vereinsuebersetzer-klein"]
    assert model_use["name"] == "vereinsuebersetzer-klein"
    env = model_use["modelCard"]["considerations"]["environmentalConsiderations"]
    assert {"name": "ai-coc:environment:co2e_kg", "value": "5.4"} in env["properties"]


def test_export_of_something_that_is_no_manifest_is_an_input_error(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    other = tmp_path / "x.yaml"
    other.write_text("name: not a manifest\n", encoding="utf-8")
    result = run_cli("export", "cyclonedx", str(other))
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_the_import_and_export_code_does_not_need_click_or_cyclonedx() -> None:
    code = (
        "import sys\n"
        "import ai_coc.author.imports.hfcard, ai_coc.author.imports.declaration\n"
        "import ai_coc.author.imports.manifest_edit, ai_coc.author.export.cyclonedx\n"
        "import ai_coc.run.history\n"
        "print(sorted(m for m in ('click', 'cyclonedx') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


def test_the_docs_list_every_ai_coc_property_the_export_writes() -> None:
    from ai_coc.author.export.cyclonedx import PROPERTY_NAMES

    page = (ROOT / "docs" / "howto" / "export-cyclonedx.md").read_text(encoding="utf-8")
    for name in PROPERTY_NAMES:
        assert f"`ai-coc:{name}`" in page, name


def test_every_property_the_export_writes_is_documented(run_cli: Callable[..., Result]) -> None:
    import re

    from ai_coc.author.export.cyclonedx import PROPERTY_NAMES

    patterns = [
        re.compile("^ai-coc:" + re.escape(name).replace(re.escape("<id>"), "[^:]+") + "$")
        for name in PROPERTY_NAMES
    ]
    names: set[str] = set()

    def collect(node: object) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("name"), str) and node["name"].startswith("ai-coc:"):
                names.add(node["name"])
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    for manifest in EXAMPLE_MANIFESTS:
        collect(json.loads(run_cli("export", "cyclonedx", str(manifest)).stdout))
    assert len(names) > 20
    for name in names:
        assert any(p.match(name) for p in patterns), name


def test_the_manifest_is_replaced_in_one_step_or_not_at_all(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    manifest = project / "ai-usage.yaml"
    before = manifest.read_bytes()
    replaced: list[tuple[str, str]] = []
    real_replace = os.replace

    def failing_replace(src: str, dst: str) -> None:
        replaced.append((str(src), str(dst)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY)
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert manifest.read_bytes() == before  # the old file is untouched
    assert [Path(dst).name for _src, dst in replaced] == ["ai-usage.yaml"]
    assert sorted(p.name for p in project.glob(".ai-usage.yaml.*")) == []  # no temp file left
    monkeypatch.setattr(os, "replace", real_replace)
    assert run_cli("import", "hf-card", "datenkarte/README.md", "--today", TODAY).exit_code == 0
    assert manifest.read_bytes() != before
