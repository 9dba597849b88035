"""The pre-commit hook, run by REAL pre-commit (``pre-commit try-repo``).

pre-commit installs ai-coc from a git repository into its own virtual environment, so the
test builds a temporary git repository from the current source tree (uncommitted changes
included) and points ``try-repo`` at it. This is slower than the other tests (pip builds
and installs the package), hence the ``slow`` marker; it runs in the normal suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT
from tests.gitutil import commit_all, git_env, init_repo
from tests.shifted import copy_example

HOOK_FILES = (
    "hatch_build.py",
    "babel.cfg",
    "src",
    "policies",
    "pyproject.toml",
    "README.md",
    "LICENSE",
    ".pre-commit-hooks.yaml",
)


def test_hook_definition() -> None:
    hooks = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert isinstance(hooks, list)
    assert len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "ai-coc"
    assert hook["language"] == "python"
    assert hook["entry"].startswith("ai-coc check")
    assert hook["pass_filenames"] is False
    import re

    pattern = re.compile(hook["files"])
    for name in (
        "ai-usage.yaml",
        "ai-usage.yml",
        "services/chat/ai-usage.yaml",
        ".ai-coc.yaml",
        "pyproject.toml",
        "policies/red-lines/pack.yaml",
    ):
        assert pattern.search(name), name
    for name in ("README.md", "my-ai-usage.yaml", "ai-usage.yaml.bak", "docs/pyproject.toml.txt"):
        assert not pattern.search(name), name


def _hook_repo(tmp_path: Path) -> Path:
    repo = init_repo(tmp_path / "ai-coc-hook")
    for name in HOOK_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo")
            )
        else:
            shutil.copy2(source, repo / name)
    commit_all(repo, "ai-coc as it is now")
    return repo


def _pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
def test_pre_commit_try_repo_passes_and_fails(tmp_path: Path) -> None:
    hook_repo = _hook_repo(tmp_path)
    project = init_repo(tmp_path / "verein")
    copy_example("kein-ki-einsatz", project)
    commit_all(project, "a passing manifest")
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["NO_COLOR"] = "1"
    env["LANG"] = "C.UTF-8"
    for var in ("GITHUB_ACTIONS", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "VIRTUAL_ENV"):
        env.pop(var, None)
    # pre-commit must find the interpreter it was installed with
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])

    passing = _pre_commit(project, env, "try-repo", str(hook_repo), "ai-coc", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "ai-coc" in passing.stdout
    assert "Passed" in passing.stdout

    # A second, failing manifest in a subfolder: the hook checks every manifest.
    sub = project / "services" / "presse"
    copy_example("minimal", sub)
    commit_all(project, "a failing manifest")
    failing = _pre_commit(project, env, "try-repo", str(hook_repo), "ai-coc", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "Failed" in failing.stdout
    assert "services/presse/ai-usage.yaml:8:5: COC201" in failing.stdout
    assert "2 file(s) checked" in failing.stdout

    # Only files the hook is about trigger it: a README change skips the hook.
    (project / "README.md").write_text("# Verein\n", encoding="utf-8")
    skipped = _pre_commit(
        project, env, "try-repo", str(hook_repo), "ai-coc", "--files", "README.md"
    )
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "no files to check" in skipped.stdout.lower()


def test_docs_show_the_real_hook() -> None:
    """The how-to page quotes the hook definition as shipped."""
    hook = YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))[0]
    page = (ROOT / "docs" / "howto" / "pre-commit.md").read_text("utf-8")
    for key in ("entry", "language", "files", "pass_filenames", "require_serial"):
        value = hook[key]
        shown = str(value).lower() if isinstance(value, bool) else value
        assert f"  {key}: {shown}\n" in page, key


def _hook_env(tmp_path: Path) -> dict[str, str]:
    env = git_env()
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    env["NO_COLOR"] = "1"
    env["LANG"] = "C.UTF-8"
    for var in ("GITHUB_ACTIONS", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "VIRTUAL_ENV"):
        env.pop(var, None)
    env.pop("AI_COC_ORG_CONFIG", None)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.mark.slow
def test_no_manifest_yet_passes_with_a_hint_unless_required(tmp_path: Path) -> None:
    """Issue 17: a repository without a manifest yet may still commit its pyproject.toml."""
    hook_repo = _hook_repo(tmp_path)
    project = init_repo(tmp_path / "neu")
    (project / "pyproject.toml").write_text('[project]\nname = "neu"\n', encoding="utf-8")
    commit_all(project, "no manifest yet")
    env = _hook_env(tmp_path)
    args = ("try-repo", str(hook_repo), "ai-coc", "--files", "pyproject.toml", "--verbose")

    passing = _pre_commit(project, env, *args)
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout
    # pre-commit shows the hook's stderr (--verbose): the hint on what to do
    assert "no ai-usage.yaml yet" in passing.stdout
    assert "ai-coc init" in passing.stdout

    # the organisation requires a manifest: the same commit is stopped (exit 2)
    org = tmp_path / "org.yaml"
    org.write_text("require_manifest: true\n", encoding="utf-8")
    required = _pre_commit(project, {**env, "AI_COC_ORG_CONFIG": str(org)}, *args)
    assert required.returncode == 1, required.stdout + required.stderr  # pre-commit's "failed"
    assert "Failed" in required.stdout
    assert "exit code: 2" in required.stdout
    assert "require_manifest: true" in required.stdout

    # ... and so may the repository itself
    (project / ".ai-coc.yaml").write_text("require_manifest: true\n", encoding="utf-8")
    commit_all(project, "manifest required")
    own = _pre_commit(project, env, "try-repo", str(hook_repo), "ai-coc", "--all-files")
    assert own.returncode == 1, own.stdout + own.stderr
    assert "exit code: 2" in own.stdout
