"""Configuration, organisation packs and red lines, end to end through the real CLI.

Every test builds a real git repository in a temporary folder; the example organisation pack
(examples/org-pack) is pip-installed into the running interpreter once per session, so that
``extends: [example-redlines]`` resolves through a real entry point.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES

ORG_PACK = EXAMPLES / "org-pack"
PACK_DIR = ORG_PACK / "src" / "ai_coc_example_redlines"
DIST = "ai-coc-example-redlines"

RECRUITING_USE = """\
manifest: ai-coc/v1
project:
  name: hr-tools
  organisation: Wohlfahrtsverband Musterland e.V.
contacts:
  accountable: {role: Personalleitung, email: personal@wohlfahrt-musterland.example}
review:
  next_review_due: 2027-06-30
transparency:
  notice: https://wohlfahrt-musterland.example/ki-hinweis
competences:
  guidance: https://wohlfahrt-musterland.example/ki-leitlinie
  last_training: 2026-09-01
uses:
  - id: cv-screening
    name: Pre-sorting applications
    status: pilot
    categories: [recruiting]
    audience: internal
    system:
      openness: open-weights
      hosting: eu-cloud
    purpose: Pre-sort incoming applications by the formal requirements of the job.
    weighing:
      benefits: Applicants hear back within a week instead of a month.
      risks: Applicants with unusual careers or non-German degrees may be sorted out unfairly.
      non_use: >-
        The two people in human resources cannot read four hundred applications
        in time; we weighed this against the risks with the works council.
    labour:
      status: known
      source: https://provider.example/labour
      performed_by: employees
      fair_pay: "yes"
      harmful_content: "no"
    provenance:
      status: known
      source: https://provider.example/data
    people:
      affects_people: true
      decisions_about_people: true
      human_oversight: always
      bias_assessment: >-
        We re-sorted last year's applications blind and compared the results with the
        decisions of the hiring panels; degrees from abroad were rated lower and now go to a person.
      groups:
        - group: Applicants with degrees from abroad
          vulnerable: true
          harm: Sorted out although qualified
          likelihood: medium
          severity: high
          mitigation: Every application marked as unsuitable is read by a person.
    participation:
      staff_involved: Human resources and two hiring managers defined the criteria together.
      affected_consulted: >-
        The migrant staff network reviewed the criteria and asked for the human check
        of every rejection, which we introduced.
    environment: {intensity: low}
    competences: {operators_trained: true}
    accountability: {owner: Head of human resources}
"""

OWN_PACK_META = """\
name: own-rules
version: 2.1.0
prefix: OWN
title: {en: Our own rules, de: Unsere eigenen Regeln}
"""

OWN_PACK_RULE = """\
rules:
  - id: OWN001
    name: repository-named
    severity: warning
    since: 2.1.0
    summary: {en: The project names its repository., de: Das Projekt nennt sein Repository.}
    rationale: {en: People must find the code., de: Menschen müssen den Code finden.}
    fix: {en: Add project.repository., de: project.repository ergänzen.}
    message: {en: The project does not name its repository, de: Das Projekt nennt kein Repository}
    select: manifest
    require:
      present: project.repository
"""


@pytest.fixture(scope="session")
def installed_org_pack() -> Iterator[str]:
    """Install examples/org-pack into this interpreter (offline, no build isolation)."""
    try:
        importlib.metadata.distribution(DIST)
        already = True
    except importlib.metadata.PackageNotFoundError:
        already = False
    if not already:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--no-deps",
                "--no-build-isolation",
                "--no-index",
                str(ORG_PACK),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            pytest.fail(f"could not install the example org pack:\n{done.stderr}")
        importlib.invalidate_caches()
    yield "example-redlines"
    if not already:
        subprocess.run(
            [sys.executable, "-m", "pip", "uninstall", "--quiet", "--yes", DIST],
            capture_output=True,
            check=False,
        )
        importlib.invalidate_caches()


def make_repo(root: Path, files: dict[str, str]) -> Path:
    """A real git repository with ``files`` (path -> text)."""
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def findings_of(result: Result) -> list[dict[str, object]]:
    data = json.loads(result.stdout)
    found: list[dict[str, object]] = data["findings"]
    return found


# --- packs from a folder and from an installed package -----------------------------------


def test_check_applies_folder_pack_and_installed_pack(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    installed_org_pack: str,
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": f"extends:\n  - ./policies/own\n  - {installed_org_pack}\n",
            "policies/own/pack.yaml": OWN_PACK_META,
            "policies/own/rules.yaml": OWN_PACK_RULE,
            "services/hr/ai-usage.yaml": RECRUITING_USE,
        },
    )
    monkeypatch.chdir(repo / "services" / "hr")  # config is two folders up, at the git root
    result = run_cli("check", "--today", "2026-11-21", "-f", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    ids = {f["id"] for f in data["findings"]}
    assert {"OWN001", "WFV001"} <= ids
    packs = {p["name"]: p for p in data["policies"]}
    assert set(packs) == {"coc", "own-rules", "example-redlines"}
    assert packs["own-rules"]["version"] == "2.1.0"
    assert packs["example-redlines"]["version"] == "1.0.0"
    assert all(len(p["sha256"]) == 64 for p in packs.values())
    red = next(f for f in data["findings"] if f["id"] == "WFV001")
    assert red["red_line"] is True
    assert red["severity"] == "error"

    text = run_cli("check", "--today", "2026-11-21")
    assert "example-redlines 1.0.0 (sha256:" in text.output
    assert "own-rules 2.1.0 (sha256:" in text.output
    assert "red line — cannot be waived" in text.output


def test_entry_point_pack_is_not_imported(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    installed_org_pack: str,
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {".ai-coc.yaml": f"extends: [{installed_org_pack}]\n", "ai-usage.yaml": RECRUITING_USE},
    )
    monkeypatch.chdir(repo)
    sys.modules.pop("ai_coc_example_redlines", None)
    result = run_cli("check", "--today", "2026-11-21")
    assert result.exit_code == 1
    assert "WFV001" in result.output
    assert "ai_coc_example_redlines" not in sys.modules


def test_python_in_a_pack_folder_is_never_executed(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "executed.txt"
    payload = f"from pathlib import Path\nPath({str(marker)!r}).write_text('ran')\n"
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": "extends: [./own]\n",
            "own/pack.yaml": OWN_PACK_META,
            "own/rules.yaml": OWN_PACK_RULE,
            "own/__init__.py": payload,
            "own/checks.py": payload,
            "own/conftest.py": payload,
            "ai-usage.yaml": RECRUITING_USE,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21", "-f", "json")
    assert result.exit_code == 0, result.output  # OWN001 is only a warning
    assert "OWN001" in {f["id"] for f in findings_of(result)}
    assert not marker.exists()


def test_pyproject_tool_table_is_found_and_discovery_stops_at_git_root(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A configuration above the repository must not be used.
    (tmp_path / ".ai-coc.yaml").write_text("fail_on: never\n", encoding="utf-8")
    repo = make_repo(
        tmp_path / "repo",
        {
            "pyproject.toml": """\
                [project]
                name = "hr-tools"

                [tool.ai-coc]
                extends = ["./own"]
                lang = "de"
                """,
            "own/pack.yaml": OWN_PACK_META,
            "own/rules.yaml": OWN_PACK_RULE,
            "ai-usage.yaml": RECRUITING_USE,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21")
    assert result.exit_code == 0, result.output  # OWN001 is a warning; fail_on stays error
    assert "Das Projekt nennt kein Repository" in result.output
    shown = run_cli("config", "-f", "json")
    data = json.loads(shown.stdout)
    assert data["config_file"] == "pyproject.toml"
    assert data["settings"]["extends"]["source"] == "pyproject.toml:5"
    assert data["settings"]["lang"]["source"] == "pyproject.toml:6"
    assert data["settings"]["fail_on"]["source"] == "default"


def test_config_option_overrides_discovery(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": "fail_on: warning\n",
            "strict.yaml": "fail_on: never\n",
            "ai-usage.yaml": RECRUITING_USE.replace("status: pilot", "status: active")
            + "waivers:\n  - rule: COC201\n    reason: x\n",
        },
    )
    monkeypatch.chdir(repo)
    assert run_cli("check", "--today", "2026-11-21").exit_code == 1
    assert run_cli("check", "--today", "2026-11-21", "--config", "strict.yaml").exit_code == 0
    # command line beats the configuration
    result = run_cli(
        "check", "--today", "2026-11-21", "--config", "strict.yaml", "--fail-on", "warning"
    )
    assert result.exit_code == 1


# --- red lines ---------------------------------------------------------------------------


def test_red_line_cannot_be_silenced(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    installed_org_pack: str,
) -> None:
    manifest = RECRUITING_USE + textwrap.dedent(
        """\
        waivers:
          - rule: no-ai-in-recruiting
            use: cv-screening
            reason: >-
              The board wants to finish the pilot that started before the red line existed.
            approved_by: Vorstand
            expires: 2027-01-31
        """
    )
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": f"""\
                extends: [{installed_org_pack}]
                fail_on: never
                severity:
                  WFV001: info
                """,
            "ai-usage.yaml": manifest,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21", "--fail-on", "never")
    assert result.exit_code == 1, result.output
    assert "WFV001 [error]" in result.output
    assert "red line — cannot be waived" in result.output
    assert "COC015" in result.output  # the waiver itself is reported
    data = json.loads(run_cli("check", "--today", "2026-11-21", "-f", "json").stdout)
    assert data["waived"] == []
    red = [f for f in data["findings"] if f["id"] == "WFV001"]
    assert len(red) == 1
    assert red[0]["severity"] == "error"
    waiver = next(f for f in data["findings"] if f["id"] == "COC015")
    assert (
        waiver["location"]["line"]
        == manifest.splitlines().index("  - rule: no-ai-in-recruiting") + 1
    )
    assert "cannot be waived" in str(waiver["message"])

    shown = run_cli("config")
    assert "ignored: red line" in shown.output


def test_red_line_cannot_be_switched_off(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    installed_org_pack: str,
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": f"extends: [{installed_org_pack}]\n"
            "severity:\n  no-ai-in-recruiting: off\n",
            "ai-usage.yaml": RECRUITING_USE,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21")
    assert result.exit_code == 2
    assert ".ai-coc.yaml:3:" in result.output
    assert "red line and cannot be switched off" in result.output


def test_structural_rules_cannot_be_switched_off(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {".ai-coc.yaml": "severity:\n  COC001: off\n", "ai-usage.yaml": RECRUITING_USE},
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21")
    assert result.exit_code == 2
    assert ".ai-coc.yaml:2:" in result.output


def test_inline_red_lines(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": """\
                red_line_prefix: PRJ
                red_lines:
                  - id: PRJ001
                    name: no-closed-models
                    principle: transparency
                    severity: warning
                    summary: {de: Keine geschlossenen Modelle.}
                    rationale: {de: Wir wollen Modelle selbst betreiben können.}
                    fix: {de: Ein offenes Modell wählen.}
                    message: {de: "Die Nutzung '{use}' nutzt ein geschlossenes Modell"}
                    select: uses
                    when:
                      one_of: {field: status, values: [active, pilot]}
                    forbid:
                      equals: {field: system.openness, value: closed}
                """,
            "ai-usage.yaml": RECRUITING_USE.replace("open-weights", "closed"),
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21", "-f", "json", "--fail-on", "never")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    hit = next(f for f in data["findings"] if f["id"] == "PRJ001")
    assert hit["red_line"] is True
    assert hit["severity"] == "error"  # forced, although the rule says warning
    assert (
        hit["location"]["line"]
        == RECRUITING_USE.splitlines().index("      openness: open-weights") + 1
    )
    assert "inline" in {p["name"] for p in data["policies"]}


def test_example_recruiting_project_breaks_red_lines(run_cli: Callable[..., Result]) -> None:
    result = run_cli(
        "check", str(EXAMPLES / "rote-linie-recruiting"), "--today", "2026-11-21", "-f", "json"
    )
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    red = {f["id"] for f in data["findings"] if f["red_line"]}
    assert {"WFV001", "WFV005", "WFV007"} <= red
    assert data["lang"] == "de"


# --- severity overrides ------------------------------------------------------------------


def test_severity_override_by_name_and_id(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing_labour = RECRUITING_USE.replace(
        "    labour:\n      status: known\n      source: https://provider.example/labour\n"
        '      performed_by: employees\n      fair_pay: "yes"\n      harmful_content: "no"\n',
        "",
    )
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": "severity:\n  labour-undeclared: warning\n",
            "ai-usage.yaml": missing_labour,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", "2026-11-21", "-f", "json")
    assert result.exit_code == 0, result.output
    assert [f["severity"] for f in findings_of(result) if f["id"] == "COC201"] == ["warning"]
    (repo / ".ai-coc.yaml").write_text("severity:\n  COC201: off\n", encoding="utf-8")
    result = run_cli("check", "--today", "2026-11-21", "-f", "json")
    assert result.exit_code == 0
    assert "COC201" not in {f["id"] for f in findings_of(result)}


# --- ai-coc config -----------------------------------------------------------------------


def test_config_command_shows_sources(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": """\
                # our settings
                extends:
                  - ./own
                waiver_max_days: 90
                categories: [grant-writing]
                """,
            "own/pack.yaml": OWN_PACK_META,
            "own/rules.yaml": OWN_PACK_RULE,
        },
    )
    monkeypatch.chdir(repo)
    result = run_cli("config", "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line.startswith("  ")}
    assert lines["extends"].endswith("(.ai-coc.yaml:2)")
    assert lines["waiver_max_days"].endswith("(.ai-coc.yaml:4)")
    assert "90" in lines["waiver_max_days"]
    assert lines["categories"].endswith("(.ai-coc.yaml:5)")
    assert lines["lang"].endswith("(command line)")
    assert lines["fail_on"].endswith("(default)")
    assert "own-rules 2.1.0" in result.output

    data = json.loads(run_cli("config", "-f", "json", "--fail-on", "warning").stdout)
    assert data["settings"]["fail_on"] == {"value": "warning", "source": "command line"}
    assert data["settings"]["waiver_max_days"] == {"value": 90, "source": ".ai-coc.yaml:4"}
    assert data["settings"]["severity"] == {"value": {}, "source": "default"}
    assert [p["name"] for p in data["packs"]] == ["coc", "own-rules"]


def test_extra_categories_from_config(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = RECRUITING_USE.replace("[recruiting]", "[grant-writing]")
    repo = make_repo(tmp_path / "repo", {"ai-usage.yaml": manifest})
    monkeypatch.chdir(repo)
    before = findings_of(run_cli("check", "--today", "2026-11-21", "-f", "json"))
    assert "COC007" in {f["id"] for f in before}
    (repo / ".ai-coc.yaml").write_text("categories: [grant-writing]\n", encoding="utf-8")
    after = findings_of(run_cli("check", "--today", "2026-11-21", "-f", "json"))
    assert "COC007" not in {f["id"] for f in after}


# --- broken configuration: exit 2 with file and line ------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "where", "words"),
    [
        ("pyproject.toml", '[tool.ai-coc]\nlang = "de"\nfail_on = \n', "pyproject.toml:3", "TOML"),
        ("pyproject.toml", "[tool.ai-coc]\n\nfail_in = 'never'\n", "pyproject.toml:3", "fail_in"),
        (".ai-coc.yaml", "lang: de\nextend: [./x]\n", ".ai-coc.yaml:2", "did you mean extends"),
        (".ai-coc.yaml", "fail_on: sometimes\n", ".ai-coc.yaml:1", "fail_on"),
        (".ai-coc.yaml", "waiver_max_days: -3\n", ".ai-coc.yaml:1", "waiver_max_days"),
        (
            "pyproject.toml",
            '[tool.ai-coc]\nlang = "de"\n\n[tool.ai-coc.severity]\nCOC201 = "sometimes"\n',
            "pyproject.toml:5",
            "severity.COC201",
        ),
        (".ai-coc.yaml", "extends:\n  - ./no/such/folder\n", ".ai-coc.yaml:2", "not found"),
        # found by fuzzing: a home folder of a user that does not exist, a name too long
        (".ai-coc.yaml", "extends:\n  - ~./no-such-pack\n", ".ai-coc.yaml:2", "not found"),
        (".ai-coc.yaml", "extends:\n  - ./" + "x" * 300 + "\n", ".ai-coc.yaml:2", "not found"),
        (
            ".ai-coc.yaml",
            "extends:\n  - coc\n  - not-installed-pack\n",
            ".ai-coc.yaml:3",
            "not found",
        ),
        (".ai-coc.yaml", "severity:\n  COC999: warning\n", ".ai-coc.yaml:2", "COC999"),
        (
            "pyproject.toml",
            '[tool.ai-coc]\nlang = "en"\n\n[[tool.ai-coc.red_lines]]\nid = "RL001"\n'
            'name = "Bad Name"\n',
            "pyproject.toml:6",
            "red_lines.0.name",
        ),
        (
            ".ai-coc.yaml",
            "red_lines:\n  - id: RL001\n    name: Bad Name\n",
            ".ai-coc.yaml:3",
            "name",
        ),
    ],
)
def test_broken_config_stops_with_file_and_line(
    tmp_path: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    text: str,
    where: str,
    words: str,
) -> None:
    repo = make_repo(tmp_path / "repo", {name: text, "ai-usage.yaml": RECRUITING_USE})
    monkeypatch.chdir(repo)
    for command in (("check", "--today", "2026-11-21"), ("config",)):
        result = run_cli(*command)
        assert result.exit_code == 2, result.output
        assert f"{where}:" in result.output or f"{where}\n" in result.output, result.output
        assert words in result.output
        assert "Traceback" not in result.output


def test_missing_config_file_given_on_command_line(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo", {"ai-usage.yaml": RECRUITING_USE})
    monkeypatch.chdir(repo)
    result = run_cli("check", "--config", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml" in result.output


def test_real_subprocess_run(tmp_path: Path, installed_org_pack: str) -> None:
    """The installed console script behaves the same outside the test process."""
    repo = make_repo(
        tmp_path / "repo",
        {".ai-coc.yaml": f"extends: [{installed_org_pack}]\n", "ai-usage.yaml": RECRUITING_USE},
    )
    done = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", "--today", "2026-11-21", "--fail-on", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"},
    )
    assert done.returncode == 1, done.stderr
    assert "WFV001" in done.stdout


def test_config_json_schema_accepts_the_example_config_and_rejects_typos() -> None:
    import jsonschema

    from ai_coc.read.yaml import load_document
    from ai_coc.run.config import config_json_schema

    schema = config_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    example = load_document(EXAMPLES / "rote-linie-recruiting" / ".ai-coc.yaml").data
    jsonschema.validate(example, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"extend": ["x"]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"severity": {"COC201": "sometimes"}}, schema)


def test_rules_and_rule_commands_read_the_configuration(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            ".ai-coc.yaml": "extends: [./own]\n",
            "own/pack.yaml": OWN_PACK_META,
            "own/rules.yaml": OWN_PACK_RULE,
        },
    )
    monkeypatch.chdir(repo)
    listed = run_cli("rules", "--format", "json")
    assert listed.exit_code == 0, listed.output
    assert "OWN001" in {r["id"] for r in json.loads(listed.stdout)}
    explained = run_cli("rule", "repository-named")
    assert explained.exit_code == 0, explained.output
    assert "OWN001" in explained.output
    other = tmp_path / "elsewhere.yaml"
    other.write_text("lang: de\n", encoding="utf-8")
    assert run_cli("rule", "OWN001", "--config", str(other)).exit_code == 2


def test_schema_command_prints_the_config_schema(run_cli: Callable[..., Result]) -> None:
    result = run_cli("schema", "--kind", "config")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    assert "waiver_max_days" in schema["properties"]
