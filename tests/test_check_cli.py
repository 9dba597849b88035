"""``ai-coc check`` end to end: gaps, languages, placeholders, exit codes, JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, ROOT

DATA = Path(__file__).parent / "data"
TODAY = "2026-11-21"
COMPLETE = EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml"

Run = Callable[..., Result]


def findings_of(result: Result) -> list[dict[str, object]]:
    data = json.loads(result.output)
    findings: list[dict[str, object]] = data["findings"]
    return findings


def test_gaps_are_named_with_rule_principle_location_use_and_fix(run_cli: Run) -> None:
    result = run_cli("check", str(DATA / "gaps.yaml"), "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    by_id = {f["id"]: f for f in findings_of(result)}
    expected = {
        "COC101": ("weighing", "uses[newsletter-translation].weighing.non_use", 23),
        "COC202": ("human-centredness", "uses[newsletter-translation].labour.justification", 24),
        "COC301": ("transparency", "uses[newsletter-translation].provenance", 16),
    }
    for rule_id, (principle, path, line) in expected.items():
        finding = by_id[rule_id]
        assert finding["principle"] == principle
        assert finding["use"] == "newsletter-translation"
        location = finding["location"]
        assert isinstance(location, dict)
        assert location["path"] == path
        assert location["line"] == line
        assert location["column"] == 5
        assert location["file"].endswith("gaps.yaml")
        assert finding["fix"]
        assert finding["help_url"] == ""  # no docs_url configured: no link to promise


def test_gaps_in_text_output_english(run_cli: Run) -> None:
    result = run_cli("check", str(DATA / "gaps.yaml"), "--today", TODAY)
    assert result.exit_code == 1
    out = result.output
    assert "gaps.yaml:23:5: COC101 [error] The use 'newsletter-translation'" in out
    assert "gaps.yaml:24:5: COC202 [error]" in out
    assert "gaps.yaml:16:5: COC301 [error]" in out
    assert "= fix: Under `weighing.non_use`" in out
    # The source line is shown with a marker under it.
    assert "23 |     weighing: {}" in out
    assert "Human-centredness" in out and "Transparency" in out


def test_gaps_in_german(run_cli: Run) -> None:
    result = run_cli("check", str(DATA / "gaps.yaml"), "--today", TODAY, "--lang", "de")
    assert result.exit_code == 1
    out = result.output
    assert "COC101 [Fehler] Der Einsatz 'newsletter-translation' begründet nicht" in out
    assert (
        "Der Einsatz 'newsletter-translation' sagt nicht, was über die Herkunft der "
        "Trainingsdaten bekannt ist"
    ) in out
    assert "= Lösung: Unter `weighing.non_use`" in out
    assert "Menschenzentrierung" in out
    assert "Datei(en) geprüft" in out


def test_filled_manifest_passes(run_cli: Run) -> None:
    result = run_cli("check", str(COMPLETE), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "All checks passed" in result.output


def _replace_justifications(source: Path, target: Path, text: str) -> None:
    yaml = YAML()
    data = yaml.load(source.read_text(encoding="utf-8"))
    use = data["uses"][0]
    use["weighing"]["non_use"] = text
    use["labour"]["justification"] = text
    use["provenance"]["justification"] = text
    with target.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)


@pytest.mark.parametrize("placeholder", ["TODO", "n/a", "-", "siehe oben", "tbd.", "  "])
def test_placeholders_fail_again(run_cli: Run, tmp_path: Path, placeholder: str) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    _replace_justifications(COMPLETE, manifest, placeholder)
    result = run_cli("check", str(manifest), "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    ids = {f["id"] for f in findings_of(result)}
    assert {"COC101", "COC202", "COC302"} <= ids


def test_same_text_pasted_everywhere_fails(run_cli: Run, tmp_path: Path) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    _replace_justifications(
        COMPLETE,
        manifest,
        "Wir haben das im Team ausführlich besprochen und für vertretbar befunden.",
    )
    result = run_cli("check", str(manifest), "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    copied = [f for f in findings_of(result) if f["id"] == "COC105"]
    assert copied, result.output


def test_json_output_shape(run_cli: Run) -> None:
    result = run_cli("check", str(DATA / "gaps.yaml"), "--today", TODAY, "--format", "json")
    data = json.loads(result.output)
    assert data["format_version"] == 1
    assert data["tool"]["name"] == "ai-coc"
    assert data["today"] == TODAY
    assert data["policies"][0]["name"] == "coc"
    assert len(data["policies"][0]["sha256"]) == 64
    assert data["files"][0]["path"].endswith("gaps.yaml")
    assert data["waived"] == []
    assert set(data["summary"]["principles"]) == {
        "weighing",
        "human-centredness",
        "transparency",
        "participation",
        "discrimination-critical",
        "accountability",
        "competences",
        "ecological-sustainability",
    }
    keys = {
        "id",
        "name",
        "principle",
        "severity",
        "message",
        "fix",
        "location",
        "use",
        "help_url",
    }
    for finding in data["findings"]:
        assert keys <= set(finding)
        assert set(finding["location"]) == {"file", "line", "column", "path"}
    positions = [
        (f["location"]["file"], f["location"]["line"], f["location"]["column"], f["id"])
        for f in data["findings"]
    ]
    assert positions == sorted(positions)


def test_fail_on_controls_exit_code(run_cli: Run, tmp_path: Path) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    manifest.write_text(COMPLETE.read_text(encoding="utf-8"), encoding="utf-8")
    # the general AI notice (a path in the repository) must exist too
    shutil.copytree(COMPLETE.parent / "docs", tmp_path / "docs")
    # Years later the review is overdue: an error, unless the threshold says otherwise.
    assert run_cli("check", str(manifest), "--today", TODAY).exit_code == 0
    overdue = run_cli("check", str(manifest), "--today", "2031-01-01", "--fail-on", "never")
    assert overdue.exit_code == 0
    assert "COC601" in overdue.output
    assert run_cli("check", str(manifest), "--today", "2031-01-01").exit_code == 1


def test_warning_threshold(run_cli: Run, tmp_path: Path) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    text = (DATA / "gaps.yaml").read_text(encoding="utf-8")
    manifest.write_text(text.replace("categories: [translation]", "categories: [translator]"))
    result = run_cli("check", str(manifest), "--today", TODAY, "--format", "json")
    warnings = [f for f in findings_of(result) if f["severity"] == "warning"]
    # a new word is a warning (the gaps of other principles give more warnings); a slip of
    # spelling such as `translaton` is an error (COC020, tests/gate/test_categories.py)
    unknown = [w for w in warnings if w["id"] == "COC007"]
    assert len(unknown) == 1
    assert "did you mean 'translation'" in str(unknown[0]["message"])


def test_discovery_without_paths_checks_every_manifest_of_the_repository(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / "sub" / "deeper").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    (repo / "ai-usage.yaml").write_text((DATA / "gaps.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(repo / "sub" / "deeper")
    result = run_cli("check", "--today", TODAY)
    assert result.exit_code == 1
    assert "ai-usage.yaml:23:5: COC101" in result.output
    # A complete manifest in the current folder does not hide the one at the root: inside git,
    # a run without paths checks every manifest of the repository (tests/gate/test_discovery.py).
    (repo / "sub" / "deeper" / "ai-usage.yml").write_text(COMPLETE.read_text(encoding="utf-8"))
    shutil.copytree(COMPLETE.parent / "docs", repo / "sub" / "deeper" / "docs")
    both = run_cli("check", "--today", TODAY)
    assert both.exit_code == 1
    assert "2 manifest(s) found by git" in both.output
    assert "ai-usage.yaml:23:5: COC101" in both.output


def test_no_manifest_found(run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.exit_code == 2
    assert "no ai-usage.yaml found" in result.output
    assert "ai-coc init" in result.output


def test_bad_today_is_a_usage_error(run_cli: Run) -> None:
    result = run_cli("check", str(COMPLETE), "--today", "21.11.2026")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", str(DATA / "gaps.yaml"), "--today", TODAY],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 1
    assert "COC101" in result.stdout
    version = subprocess.run(
        [sys.executable, "-m", "ai_coc", "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0
    assert version.stdout.startswith("ai-coc, version ")


def test_internal_error_exit_3_without_traceback(
    run_cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ai_coc.rules.engine

    def boom(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(ai_coc.rules.engine, "evaluate", boom)
    monkeypatch.delenv("AI_COC_DEBUG", raising=False)
    result = run_cli("check", str(COMPLETE), "--today", TODAY)
    assert result.exit_code == 3
    assert "internal error" in result.output
    assert "http" not in result.output  # no address the project does not own
    assert "the command you ran" in result.output
    assert "Traceback" not in result.output
