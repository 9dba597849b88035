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

from ai_coc import __version__
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
    # a pinned release from the index, into a venv of its own (not the job's Python)
    assert '"ai-coc-lint==$AI_COC_VERSION"' in install["run"]
    assert '-m venv "$AI_COC_VENV"' in install["run"]
    assert inputs["version"]["default"] == __version__
    assert inputs["python-version"]["default"] == ""
    setup = next(s for s in steps if "setup-python" in s.get("uses", ""))
    assert setup["if"] == "inputs.python-version != ''"
    cache = next(s for s in steps if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == "${{ steps.venv.outputs.dir }}"
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert "inputs.sarif == 'true'" in upload["if"]
    assert "org-config" in inputs
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            # inputs reach the shell only through env, never pasted into the script
            assert "${{" not in step["run"], step.get("name")
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}


def _action_steps(inputs: dict[str, str], install: bool) -> list[tuple[str, dict[str, str], str]]:
    """The ``run:`` steps (script, env templates, id) in order; without ``install`` the two
    steps that set up the venv are left out and ai-coc comes from PATH (the test's venv)."""
    action = load(ACTION)
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    steps = []
    for step in action["runs"]["steps"]:
        if "run" not in step or (not install and step.get("id") in {"venv", "install"}):
            continue
        steps.append((step["run"], dict(step.get("env", {})), step.get("id", "")))
    assert steps
    return [(fill(run, values), env, sid) for run, env, sid in steps]


def fill(text: str, values: dict[str, str], outputs: dict[str, str] | None = None) -> str:
    """Fill in ``${{ inputs.x }}`` and ``${{ steps.y.outputs.z }}`` as the runner would."""

    def one(match: re.Match[str]) -> str:
        expr = match.group(1)
        if expr.startswith("inputs."):
            return values[expr.removeprefix("inputs.")]
        if expr.startswith("steps."):
            return (outputs or {}).get(expr.rsplit(".", 1)[1], "")
        if expr == "github.action_path":
            return str(ROOT)
        raise AssertionError(f"unexpected expression {expr}")

    return _EXPR.sub(one, text)


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text("utf-8").splitlines() if "=" in line)


def _run_action(
    tmp_path: Path,
    project: Path,
    inputs: dict[str, str],
    *,
    install: bool = False,
    extra_env: dict[str, str] | None = None,
) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    output = tmp_path / "github_output"
    summary = tmp_path / "step_summary.md"
    output.write_text("", encoding="utf-8")
    summary.write_text("", encoding="utf-8")
    (tmp_path / "github_path").write_text("", encoding="utf-8")
    action = load(ACTION)
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    done: subprocess.CompletedProcess[str] | None = None
    for script, env_template, sid in _action_steps(inputs, install):
        now = _outputs(output)
        step_env = {key: fill(str(value), values, now) for key, value in env_template.items()}
        env = _env(
            tmp_path,
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_OUTPUT": str(output),
                "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_PATH": str(tmp_path / "github_path"),
                "RUNNER_TEMP": str(tmp_path / "runner-temp"),
                "RUNNER_OS": "Linux",
                **(extra_env or {}),
                **step_env,
            },
        )
        done = _bash(script, project, env)
        if sid != "check":
            assert done.returncode == 0, f"step {sid}: " + done.stdout + done.stderr
    assert done is not None
    return done, _outputs(output), summary.read_text("utf-8")


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


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """ai-coc-lint built from this tree, with its dependencies, as a local package index."""
    house = tmp_path_factory.mktemp("wheelhouse")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-build-isolation",
            "--wheel-dir",
            str(house),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot build the wheels (no package index reachable): " + done.stderr[-300:])
    assert list(house.glob(f"ai_coc_lint-{__version__}-*.whl"))
    return house


def test_action_installs_the_pinned_release_into_its_own_cached_venv(
    tmp_path: Path, wheelhouse: Path
) -> None:
    """The install step as written, with pip pointed at the local wheels instead of PyPI."""
    project = _project(tmp_path, "kein-ki-einsatz")
    offline = {"PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse), "PIP_CONSTRAINT": ""}
    done, outputs, _ = _run_action(
        tmp_path, project, {"format": "text"}, install=True, extra_env=offline
    )
    venv = tmp_path / "runner-temp" / "ai-coc-venv"
    assert done.returncode == 0, done.stdout + done.stderr
    assert outputs["ai-coc"] == str(venv / "bin" / "ai-coc")
    assert outputs["key"].startswith(f"ai-coc-lint-{__version__}-py3.")
    assert (tmp_path / "github_path").read_text("utf-8").strip() == str(venv / "bin")
    assert "1 file(s) checked" in done.stdout
    shown = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "show", "ai-coc-lint"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Version: {__version__}" in shown
    # the next run finds the venv (as actions/cache restores it) and installs nothing
    (wheelhouse.parent / "moved").mkdir(exist_ok=True)
    again, _, _ = _run_action(
        tmp_path,
        project,
        {"format": "text"},
        install=True,
        extra_env={**offline, "PIP_FIND_LINKS": str(wheelhouse.parent / "moved")},
    )
    assert again.returncode == 0, again.stdout + again.stderr


def test_action_install_step_reports_the_cache_hit(tmp_path: Path, wheelhouse: Path) -> None:
    project = _project(tmp_path, "kein-ki-einsatz")
    venv = tmp_path / "runner-temp" / "ai-coc-venv" / "bin"
    venv.mkdir(parents=True)
    fake = venv / "ai-coc"
    fake.write_text('#!/bin/sh\necho cached-ai-coc "$@"\n', encoding="utf-8")
    fake.chmod(0o755)
    done, outputs, _ = _run_action(tmp_path, project, {}, install=True)
    assert outputs["ai-coc"] == str(fake)
    assert done.stdout.startswith("cached-ai-coc check")


def test_action_keeps_paths_with_spaces_whole(tmp_path: Path) -> None:
    project = _project(tmp_path, "kein-ki-einsatz")
    copy_example("kein-ki-einsatz", project / "mein projekt")
    done, _, _ = _run_action(
        tmp_path, project, {"paths": "mein projekt\nkein-ki-einsatz\n", "format": "text"}
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 file(s) checked" in done.stdout


def test_action_sarif_true_writes_the_file_for_the_upload_step(tmp_path: Path) -> None:
    project = _project(tmp_path, "minimal")
    done, outputs, _ = _run_action(tmp_path, project, {"sarif": "true"})
    assert done.returncode == 1
    assert outputs["sarif-file"] == "ai-coc.sarif"
    log = json.loads((project / "ai-coc.sarif").read_text("utf-8"))
    assert log["runs"][0]["results"]


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


def test_gitlab_template_pins_and_runs_one_pipeline_per_merge_request() -> None:
    template = load(GITLAB)
    job = template["ai-coc"]
    image = job["image"]
    assert re.fullmatch(r"python:3\.\d+\.\d+-slim-\w+", image), image  # a pinned tag
    assert job["variables"]["AI_COC_PACKAGES"] == f"ai-coc-lint=={__version__}"
    rules = template["workflow"]["rules"]
    assert rules[0] == {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}
    # a branch pipeline is skipped while the branch has an open merge request
    assert {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"} in rules


def test_gitlab_since_fetches_the_target_branch(tmp_path: Path) -> None:
    """In a merge-request pipeline the clone lacks the target branch: the script fetches it."""
    from tests.gitutil import commit_all, git_env, init_repo

    origin = init_repo(tmp_path / "origin")
    copy_example("kein-ki-einsatz", origin)
    commit_all(origin, "main")
    branch = subprocess.run(
        ["git", "branch", "--show-current"],
        cwd=origin,
        capture_output=True,
        text=True,
        env=git_env(),
        check=True,
    ).stdout.strip()
    clone = tmp_path / "clone"
    subprocess.run(
        [
            "git",
            "clone",
            "--quiet",
            "--single-branch",
            "--branch",
            branch,
            "--depth",
            "1",
            f"file://{origin}",
            str(clone),
        ],
        check=True,
        env=git_env(),
        capture_output=True,
    )
    subprocess.run(
        ["git", "update-ref", "-d", f"refs/remotes/origin/{branch}"],
        cwd=clone,
        check=True,
        env=git_env(),
    )
    since = f"origin/{branch}"
    done = _run_gitlab(
        tmp_path,
        clone,
        {
            "AI_COC_SINCE": since,
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": branch,
            "AI_COC_PATHS": ".",
            **{k: v for k, v in git_env().items() if k.startswith("GIT_")},
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    refs = subprocess.run(
        ["git", "rev-parse", "--verify", since],
        cwd=clone,
        capture_output=True,
        text=True,
        env=git_env(),
        check=False,
    )
    assert refs.returncode == 0, "the target branch was fetched"
