"""Organisation-pinned policy (issue 13, item 1): rule COC021 config-loosens-org-policy.

The organisation's configuration (``--org-config FILE`` or ``AI_COC_ORG_CONFIG``) always
applies. The repository's configuration (found next to the manifest or above it, or
``--config``) is read on top: it may add and tighten, and every attempt to loosen is a located
error finding (COC021) in the repository's file while the organisation's value stays in force.
The last test is adversarial: every repository-side route we could think of, each with an
organisation config pinned, must still exit 1 with the organisation's red line reported."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES
from tests.gitutil import commit_all, git, init_repo

Run = Callable[..., Result]
TODAY = "2026-11-21"
PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"  # red lines WFV001-WFV007
CROSSING = EXAMPLES / "rote-linie-recruiting" / "ai-usage.yaml"  # crosses WFV001 (recruiting)
CLEAN = EXAMPLES / "beratungs-chatbot"  # crosses nothing
FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) for c in "recruiting")  # ｒｅｃｒｕｉｔｉｎｇ

ORG = """\
# the organisation's pinned policy
extends:
  - {pack}
fail_on: error
waiver_max_days: 90
severity:
  COC303: error
red_line_prefix: ORG
red_lines:
  - id: ORG001
    name: no-surveillance
    principle: human-centredness
    severity: error
    summary: {{en: No surveillance., de: Keine Überwachung.}}
    rationale: {{en: The board decided so in 2026., de: Der Vorstand hat es 2026 beschlossen.}}
    fix: {{en: Stop the use., de: Die Nutzung beenden.}}
    message: {{en: "The use {{use}} is surveillance", de: "Die Nutzung {{use}} ist Überwachung"}}
    select: uses
    forbid:
      contains: {{field: categories, value: surveillance}}
"""


def _org(tmp_path: Path) -> Path:
    org = tmp_path / "org" / "ai-coc-org.yaml"
    org.parent.mkdir(parents=True, exist_ok=True)
    org.write_text(ORG.format(pack=PACK.as_posix()), encoding="utf-8")
    return org


def _repo(tmp_path: Path, manifest: Path = CROSSING) -> Path:
    repo = init_repo(tmp_path / "repo")
    shutil.copy(manifest, repo / "ai-usage.yaml")
    if (manifest.parent / "docs").is_dir():
        shutil.copytree(manifest.parent / "docs", repo / "docs")
    return repo


def _check(run_cli: Run, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = run_cli("check", *args, "--today", TODAY, "-f", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def _loosenings(findings: list[dict[str, object]]) -> list[tuple[str, int, str]]:
    out = []
    for f in findings:
        if f["id"] == "COC021":
            loc = f["location"]
            assert isinstance(loc, dict)
            out.append((str(loc["file"]), int(loc["line"]), str(f["message"])))
    return out


# --- a repository configuration does not stop the organisation's packs ----------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (".ai-coc.yaml", "lang: de\n"),
        (".ai-coc.yml", "{}\n"),
        ("pyproject.toml", "[project]\nname = 'x'\n\n[tool.ai-coc]\n"),
    ],
)
def test_a_repository_config_next_to_the_manifest_keeps_the_org_pack(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    (repo / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    # before issue 13 the nearest configuration won and the organisation's pack was gone
    code, findings = _check(run_cli, "ai-usage.yaml", "--org-config", str(org))
    assert code == 1
    assert "WFV001" in {f["id"] for f in findings}
    assert not _loosenings(findings)


def test_the_environment_variable_pins_the_policy_too(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    (repo / ".ai-coc.yaml").write_text("extends: []\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("AI_COC_ORG_CONFIG", str(org))
    code, findings = _check(run_cli)
    assert code == 1
    assert "WFV001" in {f["id"] for f in findings}
    assert [(f, line) for f, line, _ in _loosenings(findings)] == [(".ai-coc.yaml", 1)]


def test_a_missing_org_config_stops_the_run(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    result = run_cli("check", "--org-config", str(tmp_path / "nowhere.yaml"), "--today", TODAY)
    assert result.exit_code == 2
    assert "nowhere.yaml" in result.output


# --- every way to loosen is a located COC021 finding, and the org value stays ---------------


LOOSEN = {
    "extends-empty": ("extends: []\n", 1, "extends: [] cannot drop", "org.yaml:2"),
    "fail_on": ("fail_on: never\n", 1, "fail_on: never is looser", "org.yaml:4"),
    "horizon": ("waiver_max_days: 400\n", 1, "waiver_max_days: 400 allows", "org.yaml:5"),
    "red-line-off": (
        "severity:\n  WFV001: 'off'\n",
        2,
        "off for WFV001 is lower",
        "1-people.yaml:3",
    ),
    "red-line-by-name": (
        "severity:\n  no-ai-in-recruiting: warning\n",
        2,
        "severity warning for WFV001 is lower",
        "1-people.yaml:3",
    ),
    "org-severity-lowered": ("severity:\n  COC303: info\n", 2, "info for COC303", "org.yaml:7"),
    "builtin-lowered": ("severity:\n  COC101: info\n", 2, "info for COC101", "1-weighing.yaml"),
    "builtin-off": ("severity:\n  COC001: 'off'\n", 2, "off for COC001", "0-schema.yaml"),
    "red-lines-empty": ("red_lines: []\n", 1, "red_lines: [] cannot remove", "org.yaml:9"),
    "red-line-replaced": (
        "red_line_prefix: ORG\nred_lines:\n  - id: ORG001\n    name: harmless\n"
        "    severity: info\n    summary: x\n    rationale: x\n    fix: x\n    message: x\n"
        "    forbid: {equals: {field: manifest, value: nothing}}\n",
        3,
        "the red line ORG001 belongs to the organisation",
        "org.yaml:10",
    ),
    "category-look-alike": (
        "categories: [r\u0435cruiting]\n",
        1,
        "looks like the vocabulary word 'recruiting'",
        "org.yaml (default)",
    ),
}


@pytest.mark.parametrize(("text", "line", "message", "org_at"), LOOSEN.values(), ids=LOOSEN.keys())
def test_each_loosening_is_a_located_error_in_the_repository_file(
    run_cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    line: int,
    message: str,
    org_at: str,
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path, CLEAN / "ai-usage.yaml")
    (repo / ".ai-coc.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org))
    found = _loosenings(findings)
    assert len(found) == 1, findings
    file, at, text_found = found[0]
    assert (file, at) == (".ai-coc.yaml", line)
    assert message in text_found
    assert f"{org_at}" in text_found, text_found  # where the organisation's value is written
    coc021 = next(f for f in findings if f["id"] == "COC021")
    assert coc021["severity"] == "error"
    for field in ("message", "fix"):  # every placeholder filled in
        assert "{" not in str(coc021[field]) and "}" not in str(coc021[field]), coc021[field]
    assert code == 1


def test_a_loosening_in_pyproject_is_located_at_its_toml_line(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path, CLEAN / "ai-usage.yaml")
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.ai-coc]\nfail_on = "never"\n\n'
        '[tool.ai-coc.severity]\nWFV001 = "off"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org))
    assert [(f, line) for f, line, _ in _loosenings(findings)] == [
        ("pyproject.toml", 5),
        ("pyproject.toml", 8),
    ]
    assert code == 1


def test_the_org_values_stay_in_force(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    text = CROSSING.read_text(encoding="utf-8")
    # a waiver 200 days ahead: too long for the organisation's 90 days
    (repo / "ai-usage.yaml").write_text(
        text + "waivers:\n  - rule: COC303\n    reason: The notice is being rewritten now.\n"
        "    approved_by: Vorstand\n    expires: 2027-06-09\n",
        encoding="utf-8",
    )
    (repo / ".ai-coc.yaml").write_text(
        "fail_on: never\nwaiver_max_days: 3650\nseverity:\n  WFV001: 'off'\n  COC303: info\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org))
    ids = [str(f["id"]) for f in findings]
    assert "WFV001" in ids  # not switched off
    assert "COC014" in ids or "COC012" in ids  # the waiver is beyond the organisation's horizon
    severities = {str(f["severity"]) for f in findings if f["id"] == "COC303"}
    assert severities <= {"error"}  # not lowered to info
    assert len(_loosenings(findings)) == 4
    assert code == 1


def test_tightening_and_adding_is_allowed(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path, CLEAN / "ai-usage.yaml")
    (repo / ".ai-coc.yaml").write_text(
        "fail_on: warning\nwaiver_max_days: 30\nseverity:\n  COC704: error\n"
        "categories: [vereinsleben]\nred_line_prefix: REPO\nred_lines:\n  - id: REPO001\n"
        "    name: no-chatbots\n    severity: error\n    summary: x\n    rationale: x\n"
        "    fix: x\n    message: 'No chatbots: {use}'\n    select: uses\n"
        "    forbid: {contains: {field: categories, value: chatbot}}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org))
    assert not _loosenings(findings)
    assert "REPO001" in {f["id"] for f in findings}  # the repository's own red line applies
    assert code == 1
    shown = run_cli("config", "--org-config", str(org), "-f", "json")
    data = json.loads(shown.stdout)
    assert data["settings"]["fail_on"]["value"] == "warning"
    assert data["settings"]["waiver_max_days"]["value"] == 30
    assert data["settings"]["categories"]["value"] == ["vereinsleben"]
    assert data["loosened"] == []


def test_a_looser_fail_on_on_the_command_line_does_not_take_effect(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path, Path(__file__).parents[1] / "data" / "gaps.yaml")  # errors, no red line
    monkeypatch.chdir(repo)
    without = run_cli("check", "--fail-on", "never", "--today", TODAY)
    assert without.exit_code == 0  # no organisation: the command line decides
    result = run_cli("check", "--org-config", str(org), "--fail-on", "never", "--today", TODAY)
    assert result.exit_code == 1
    assert "--fail-on never is looser than the organisation's fail_on: error" in result.stderr
    assert "ai-coc-org.yaml:4" in result.stderr
    stricter = run_cli("check", "--org-config", str(org), "--fail-on", "info", "--today", TODAY)
    assert stricter.exit_code == 1
    assert "looser" not in stricter.stderr


def test_a_config_option_does_not_replace_the_org_config(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    other = repo / "ci" / "relaxed.yaml"
    other.parent.mkdir()
    other.write_text("extends: []\nseverity: {WFV001: 'off'}\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--config", str(other), "--org-config", str(org))
    assert "WFV001" in {f["id"] for f in findings}
    assert {(f, line) for f, line, _ in _loosenings(findings)} == {
        ("ci/relaxed.yaml", 1),
        ("ci/relaxed.yaml", 2),
    }
    assert code == 1


def test_without_an_org_config_nothing_changes(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _repo(tmp_path)
    (repo / ".ai-coc.yaml").write_text(
        f"extends: [{PACK.as_posix()}]\nseverity: {{WFV001: 'off'}}\n", encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    result = run_cli("check", "--today", TODAY)
    assert result.exit_code == 2  # a red line cannot be switched off: as before
    assert "WFV001 is a red line" in result.output


def test_config_marks_what_the_organisation_fixed(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    (repo / ".ai-coc.yaml").write_text("lang: en\nfail_on: never\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    text = run_cli("config", "--org-config", str(org))
    assert text.exit_code == 0, text.output
    org_shown = str(org)  # outside the working folder: shown in full
    assert f"Organisation's configuration: {org_shown}" in text.output
    assert f"[fixed by the organisation: {org_shown}:4]" in text.output  # fail_on
    assert f"[fixed by the organisation: {org_shown}:2]" in text.output  # extends
    assert ".ai-coc.yaml:2: COC021 does not take effect: fail_on: never" in text.output
    data = json.loads(run_cli("config", "--org-config", str(org), "-f", "json").stdout)
    assert data["org_config_file"] == org_shown
    assert data["settings"]["fail_on"] == {
        "value": "error",
        "source": f"{org_shown}:4",
        "organisation": f"{org_shown}:4",
    }
    assert data["settings"]["lang"]["organisation"] is None
    assert [f["location"]["line"] for f in data["loosened"]] == [2]
    names = [p["name"] for p in data["packs"]]
    assert names == ["coc", "example-redlines", "org-inline"]


def test_rules_and_rule_show_the_organisations_rules(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    monkeypatch.chdir(tmp_path)
    listed = run_cli("rules", "--org-config", str(org), "-f", "json")
    ids = {r["id"] for r in json.loads(listed.stdout)}
    assert {"WFV001", "ORG001", "COC021"} <= ids
    assert "no-surveillance" in run_cli("rule", "ORG001", "--org-config", str(org)).output


# --- adversarial: a pull request that only adds or edits files -----------------------------


def _routes(pack_copy: Path) -> dict[str, dict[str, str]]:
    """Files a pull request could add or change, by route; ``ai-usage.yaml`` edits the
    manifest (``{manifest}`` is the original text)."""
    harmless = (
        "  - id: {id}\n    name: {name}\n    severity: info\n    summary: x\n    rationale: x\n"
        "    fix: x\n    message: x\n    forbid: {{equals: {{field: manifest, value: none}}}}\n"
    )
    routes: dict[str, dict[str, str]] = {
        "nothing": {},
        "yaml-empty": {".ai-coc.yaml": "{}\n"},
        "yml-empty": {".ai-coc.yml": "lang: en\n"},
        "pyproject-empty-table": {"pyproject.toml": "[tool.ai-coc]\n"},
        "pyproject-extends-empty": {"pyproject.toml": "[tool.ai-coc]\nextends = []\n"},
        "pyproject-off": {"pyproject.toml": '[tool.ai-coc.severity]\nWFV001 = "off"\n'},
        "extends-empty": {".ai-coc.yaml": "extends: []\n"},
        "extends-only-coc": {".ai-coc.yaml": "extends: [coc]\n"},
        "fail-on-never": {".ai-coc.yaml": "fail_on: never\n"},
        "severity-off": {".ai-coc.yaml": "severity: {WFV001: 'off'}\n"},
        "severity-info-by-name": {".ai-coc.yaml": "severity: {no-ai-in-recruiting: info}\n"},
        "severity-lower-case-id": {".ai-coc.yaml": "severity: {wfv001: warning}\n"},
        "everything-at-once": {
            ".ai-coc.yaml": "extends: []\nfail_on: never\nwaiver_max_days: 3650\n"
            "severity: {WFV001: 'off', WFV005: 'off', WFV007: 'off'}\nred_lines: []\n",
            "pyproject.toml": "[tool.ai-coc]\nfail_on = 'never'\n",
        },
        "red-line-redefined": {
            ".ai-coc.yaml": "red_line_prefix: WFV\nred_lines:\n"
            + harmless.format(id="WFV001", name="no-ai-in-recruiting"),
        },
        "config-in-parent-and-child": {
            ".ai-coc.yaml": "fail_on: never\n",
            "sub/.ai-coc.yaml": "extends: []\n",
            "sub/ai-usage.yaml": "{manifest}",
        },
        "pack-with-the-org-pack-name": {
            ".ai-coc.yaml": "extends: [./fake-pack]\n",
            "fake-pack/pack.yaml": (pack_copy / "pack.yaml").read_text(encoding="utf-8"),
            "fake-pack/1-people.yaml": "rules: []\n",
        },
        "waiver-on-the-red-line": {
            ".ai-coc.yaml": "waiver_max_days: 3650\n",
            "ai-usage.yaml": "{manifest}waivers:\n  - rule: WFV001\n"
            "    reason: The board wants this pilot to go ahead.\n    approved_by: Vorstand\n"
            "    expires: 2099-01-01\n",
        },
        "category-capitalised": {"ai-usage.yaml": "{manifest:Recruiting}"},
        "category-trailing-space": {"ai-usage.yaml": "{manifest:'recruiting '}"},
        "category-cyrillic-e": {"ai-usage.yaml": "{manifest:r\u0435cruiting}"},
        "category-zero-width": {"ai-usage.yaml": '{manifest:"recr\\u200buiting"}'},
        "category-full-width": {"ai-usage.yaml": "{manifest:" + FULL_WIDTH + "}"},
        "category-misspelt": {"ai-usage.yaml": "{manifest:recruitng}"},
        "category-added-to-vocabulary": {
            ".ai-coc.yaml": "categories: [r\u0435cruiting, recruitng]\n",
            "ai-usage.yaml": "{manifest:r\u0435cruiting}",
        },
        "status-capitalised": {"ai-usage.yaml": "{status:Pilot}"},
        "manifest-in-hidden-folder": {"ai-usage.yaml": "", ".hidden/ai-usage.yaml": "{manifest}"},
        "second-manifest-untracked": {"ai-usage.yaml": "", "new/ai-usage.yml": "{manifest}"},
        "manifest-ignored-by-git": {".gitignore": "ai-usage.yaml\n*.yaml\n"},
        "hidden-and-ignored": {
            ".gitignore": ".hidden/\n",
            "ai-usage.yaml": "",
            ".hidden/ai-usage.yaml": "{manifest}",
        },
    }
    return routes


def _write(repo: Path, files: dict[str, str]) -> None:
    original = CROSSING.read_text(encoding="utf-8")
    clean = (CLEAN / "ai-usage.yaml").read_text(encoding="utf-8")
    for name, text in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if text == "" and name == "ai-usage.yaml":
            # the crossing manifest moves elsewhere; a clean one takes its place
            shutil.copytree(CLEAN / "docs", repo / "docs", dirs_exist_ok=True)
            target.write_text(clean, encoding="utf-8")
            continue
        if text.startswith("{manifest:"):
            category = text[len("{manifest:") : -1]
            text = original.replace("categories: [recruiting,", f"categories: [{category},")
            assert text != original
        elif text.startswith("{status:"):
            text = original.replace("status: pilot", f"status: {text[len('{status:') : -1]}", 1)
            assert text != original
        else:
            text = text.replace("{manifest}", original)
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("route", list(_routes(PACK)))
@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("state", ["committed", "working-tree"])
def test_a_pull_request_cannot_pass_while_an_org_red_line_is_crossed(
    run_cli: Run,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    route: str,
    how: str,
    state: str,
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path)
    commit_all(repo, "the state before the pull request")
    _write(repo, _routes(PACK)[route])
    if state == "committed":  # what CI checks out: every file of the pull request is tracked
        git(repo, "add", "-A", "--force")
        git(repo, "commit", "-q", "--allow-empty", "-m", "the pull request")
    elif route == "hidden-and-ignored":
        pytest.skip("an ignored file cannot reach CI without being committed (tracked)")
    monkeypatch.chdir(repo)
    org_args = ("--org-config", str(org)) if how == "option" else ()
    if how == "environment":
        monkeypatch.setenv("AI_COC_ORG_CONFIG", str(org))
    for paths in ((), (".",)):  # the CI job runs `ai-coc check` with or without a folder
        result = run_cli("check", *paths, *org_args, "--today", TODAY, "-f", "json")
        assert result.exit_code == 1, (route, result.output)
        findings = json.loads(result.stdout)["findings"]
        red = [f for f in findings if f["red_line"]]
        assert any(f["id"] == "WFV001" or "WFV001" in str(f["message"]) for f in red), (
            route,
            [f["id"] for f in findings],
        )


# --- the CI templates pass the organisation's configuration on --------------------------------


def _ci_project(tmp_path: Path) -> Path:
    from tests.test_ci_templates import _project

    project = _project(tmp_path, "rote-linie-recruiting")
    # a pull request that adds a configuration which would have switched the red lines off
    (project / "rote-linie-recruiting" / ".ai-coc.yaml").write_text(
        "extends: []\nfail_on: never\n", encoding="utf-8"
    )
    return project


def test_the_github_action_takes_an_org_config_input(tmp_path: Path) -> None:
    from tests.test_ci_templates import _run_action

    org = _org(tmp_path)
    project = _ci_project(tmp_path)
    done, outputs, _summary = _run_action(
        tmp_path, project, {"org-config": str(org), "summary": "false"}
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert outputs["exit-code"] == "1"
    assert "title=WFV001" in done.stdout
    assert "file=rote-linie-recruiting/.ai-coc.yaml,line=1" in done.stdout  # COC021
    assert "title=COC021" in done.stdout


def test_the_gitlab_template_takes_an_org_config_variable(tmp_path: Path) -> None:
    from tests.test_ci_templates import _run_gitlab

    org = _org(tmp_path)
    project = _ci_project(tmp_path)
    done = _run_gitlab(tmp_path, project, {"AI_COC_ORG_CONFIG": str(org)})
    assert done.returncode == 1, done.stdout + done.stderr
    quality = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    names = {str(issue["check_name"]).split()[0] for issue in quality}
    assert {"WFV001", "COC021"} <= names


# --- the threat model names tests that exist ------------------------------------------------

#: Test files of the other half of issue 13 (cache, regex bound, packs, output, writes); the
#: threat model may name them before both halves are merged.
OTHER_HALF = {
    "test_cache_integrity.py",
    "test_regex_bound.py",
    "test_packs_no_code.py",
    "test_output_neutral.py",
    "test_writes.py",
}


@pytest.mark.parametrize("page", ["reference/threat-model.md", "de/bedrohungsmodell.md"])
def test_the_threat_model_names_tests_that_exist(page: str) -> None:
    import re

    from tests.conftest import ROOT

    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(named) >= 30
    for file, function in named:
        path = ROOT / file
        if not path.is_file():
            assert path.name in OTHER_HALF, f"{page} names {file}, which does not exist"
            continue
        if function:
            source = path.read_text(encoding="utf-8")
            assert f"def {function}(" in source, f"{page} names {file}::{function}"


def test_the_loosening_findings_speak_german(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = _org(tmp_path)
    repo = _repo(tmp_path, CLEAN / "ai-usage.yaml")
    (repo / ".ai-coc.yaml").write_text(
        "extends: []\nfail_on: never\nwaiver_max_days: 400\nred_lines: []\n"
        "severity: {WFV001: 'off', COC303: info, COC101: info, COC001: 'off'}\n"
        "categories: [r\u0435cruiting]\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org), "--lang", "de")
    messages = [str(f["message"]) + str(f["fix"]) for f in findings if f["id"] == "COC021"]
    assert len(messages) >= 8
    for text in messages:
        assert "die Einstellung der Organisation gilt weiter" in text
        assert "{" not in text and "}" not in text
    assert code == 1


# --- a manifest of the wrong shape cannot hide a red line -----------------------------------

SHAPES = {
    "categories-as-text": ("categories: [recruiting, data-analysis]", "categories: recruiting"),
    "categories-nested": ("categories: [recruiting, data-analysis]", "categories: [[recruiting]]"),
    "status-misspelt": ("status: pilot", "staus: pilot"),
    "status-unknown-word": ("status: pilot", "status: piloting"),
}


@pytest.mark.parametrize(("old", "new"), SHAPES.values(), ids=SHAPES.keys())
def test_a_manifest_of_the_wrong_shape_fails_even_when_only_red_lines_fail(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str
) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(f"extends: [{PACK.as_posix()}]\nfail_on: never\n", encoding="utf-8")
    repo = _repo(tmp_path)
    text = CROSSING.read_text(encoding="utf-8")
    # keep only the recruiting red line crossed: EU hosting, no training on inputs
    text = text.replace("hosting: non-eu-cloud", "hosting: eu-cloud")
    text = text.replace("trains: yes", "trains: no")
    assert old in text
    (repo / "ai-usage.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    monkeypatch.chdir(repo)
    code, findings = _check(run_cli, "--org-config", str(org))
    red = [f for f in findings if f["red_line"]]
    assert red, findings
    assert code == 1
    if new == "categories: recruiting":  # the red line itself is still reported
        assert "WFV001" in {f["id"] for f in red}


def test_with_no_red_lines_a_wrong_shape_follows_fail_on(run_cli: Run, tmp_path: Path) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    text = CROSSING.read_text(encoding="utf-8")
    manifest.write_text(text.replace("status: pilot", "staus: pilot", 1), encoding="utf-8")
    result = run_cli("check", str(manifest), "--fail-on", "never", "--today", TODAY, "-f", "json")
    assert result.exit_code == 0
    assert not any(f["red_line"] for f in json.loads(result.stdout)["findings"])
