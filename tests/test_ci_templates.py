"""The GitHub Action (action.yml) and the GitLab CI template: valid files, working commands.

The shell commands of both are extracted from the YAML, their inputs and variables filled
in, and run with bash in a temporary repository, with ai-coc already installed (the pip
install step is skipped: it is the only step that needs the network).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT
from tests.shifted import copy_example

ACTION = ROOT / "action.yml"
GITLAB = ROOT / "ci" / "gitlab" / "ai-coc.gitlab-ci.yml"
_EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _validate_builtin(schema: str, path: Path) -> None:
    """check-jsonschema's vendored (offline) schema for this kind of file."""
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _project(tmp_path: Path, *examples: str) -> Path:
    """A folder with the given example projects in it."""
    project = tmp_path / "repo"
    project.mkdir()
    for name in examples:
        copy_example(name, project / name)
    return project


def _env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "AI_COC_", "LC_")) and key not in {"LANG", "NO_COLOR"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["HOME"] = str(tmp_path)
    env.update(extra)
    return env


def _bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


# --- GitHub Action -----------------------------------------------------------------------


def test_action_structure() -> None:
    action = load(ACTION)
    _validate_builtin("vendor.github-actions", ACTION)
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert set(inputs) >= {"paths", "format", "fail-on", "lang", "sarif-file", "python-version"}
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required") is False, name
    steps = action["runs"]["steps"]
    install = next(s for s in steps if s.get("id") == "install")
    assert "github.action_path" in str(install["env"]) and "pip install" in install["run"]
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach the shell only through env, never pasted into the script
            assert "${{" not in step["run"], step.get("name")
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}


def _action_scripts(inputs: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    action = load(ACTION)
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)

    def fill(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            expr = match.group(1)
            if expr.startswith("inputs."):
                return values[expr.removeprefix("inputs.")]
            if expr == "github.action_path":
                return str(ROOT)
            raise AssertionError(f"unexpected expression {expr}")

        return _EXPR.sub(one, text)

    scripts = []
    for step in action["runs"]["steps"]:
        if "run" not in step or step.get("id") == "install":
            continue
        env = {key: fill(str(value)) for key, value in step.get("env", {}).items()}
        scripts.append((fill(step["run"]), env))
    assert scripts
    return scripts


def _run_action(
    tmp_path: Path, project: Path, inputs: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    output = tmp_path / "github_output"
    summary = tmp_path / "step_summary.md"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    done: subprocess.CompletedProcess[str] | None = None
    for script, step_env in _action_scripts(inputs):
        env = _env(
            tmp_path,
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
                **step_env,
            },
        )
        done = _bash(script, project, env)
    assert done is not None
    outputs = dict(
        line.split("=", 1) for line in output.read_text("utf-8").splitlines() if "=" in line
    )
    return done, outputs, summary.read_text("utf-8")


def test_action_commands_fail_annotate_summarise_and_write_sarif(tmp_path: Path) -> None:
    project = _project(tmp_path, "minimal", "kein-ki-einsatz")
    done, outputs, summary = _run_action(tmp_path, project, {"sarif-file": "ai-coc.sarif"})
    assert done.returncode == 1, done.stderr
    assert "::error file=minimal/ai-usage.yaml,line=8,col=5,title=COC201" in done.stdout
    assert outputs == {"sarif-file": "ai-coc.sarif", "exit-code": "1"}
    assert summary.startswith("## AI Code of Conduct check (ai-coc)")
    assert "| 2 | Human-centredness | ❌" in summary
    sarif = json.loads((project / "ai-coc.sarif").read_text("utf-8"))
    assert sarif["version"] == "2.1.0"
    assert {r["ruleId"] for r in sarif["runs"][0]["results"]} >= {"COC101", "COC201", "COC301"}


def test_action_commands_pass_in_german_without_sarif(tmp_path: Path) -> None:
    project = _project(tmp_path, "kein-ki-einsatz")
    done, outputs, summary = _run_action(
        tmp_path, project, {"lang": "de", "paths": "kein-ki-einsatz", "format": "text"}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 Datei(en) geprüft" in done.stdout
    assert outputs == {"sarif-file": "", "exit-code": "0"}
    assert summary.startswith("## Prüfung nach dem Code of Conduct Demokratische KI")
    assert not list(project.glob("*.sarif"))


def test_action_commands_stop_with_2_on_broken_input(tmp_path: Path) -> None:
    project = tmp_path / "repo"
    project.mkdir()
    (project / "ai-usage.yaml").write_text("manifest: [\n", encoding="utf-8")
    done, outputs, _ = _run_action(tmp_path, project, {})
    assert done.returncode == 2
    assert outputs["exit-code"] == "2"
    assert "ai-usage.yaml:" in done.stderr


# --- GitLab CI ---------------------------------------------------------------------------


def test_gitlab_template_structure() -> None:
    template = load(GITLAB)
    _validate_builtin("vendor.gitlab-ci", GITLAB)
    job = template["ai-coc"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    assert any("pip install" in line for line in job["before_script"])
    assert "--output gitlab=gl-code-quality-report.json" in " ".join(job["script"])


def _run_gitlab(
    tmp_path: Path, project: Path, overrides: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    job = load(GITLAB)["ai-coc"]
    variables = {key: str(value) for key, value in job["variables"].items()}
    variables.update(overrides)
    env = _env(tmp_path, {"GITLAB_CI": "true", "CI": "true", **variables})
    script = "\n".join(job["script"])  # before_script (pip install) is skipped
    return _bash(script, project, env)


def test_gitlab_commands_write_code_quality_junit_and_summary(tmp_path: Path) -> None:
    project = _project(tmp_path, "minimal", "ueberfaellige-pruefung", "kein-ki-einsatz")
    done = _run_gitlab(tmp_path, project, {"AI_COC_LANG": "de"})
    assert done.returncode == 1, done.stderr
    assert "3 Datei(en) geprüft" in done.stdout
    quality = json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
    assert {issue["location"]["path"] for issue in quality} == {
        "minimal/ai-usage.yaml",
        "ueberfaellige-pruefung/ai-usage.yaml",
    }
    # errors are major, the warnings of the minimal example minor
    assert {issue["severity"] for issue in quality} == {"major", "minor"}
    junit = ET.fromstring((project / "ai-coc-junit.xml").read_text("utf-8"))
    assert len(junit.findall("testsuite")) == 3
    summary = (project / "ai-coc-summary.md").read_text("utf-8")
    assert summary.startswith("## Prüfung nach dem Code of Conduct")


@pytest.mark.parametrize("fail_on", ["never"])
def test_gitlab_commands_honour_fail_on(tmp_path: Path, fail_on: str) -> None:
    project = _project(tmp_path, "minimal")
    done = _run_gitlab(tmp_path, project, {"AI_COC_FAIL_ON": fail_on, "AI_COC_PATHS": "minimal"})
    assert done.returncode == 0, done.stderr
    assert json.loads((project / "gl-code-quality-report.json").read_text("utf-8"))
