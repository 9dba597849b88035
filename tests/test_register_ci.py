"""The organisation-wide CI setups for the register (ci/github/, ci/gitlab/): valid files, and
their shell steps, extracted from the YAML, run with bash against fake CI services.

The fakes stand in only for the network: ``gh`` (GitHub's CLI) and ``curl`` are small
programs that answer the API calls from a folder of real JSON reports (the examples',
zipped as the CI artifacts would be). The jq filters in the GitHub steps run in the real jq.
The steps that install software (pip, apt-get) are skipped: ai-coc is installed already.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from ruamel.yaml import YAML

from tests.conftest import EXAMPLES, ROOT
from tests.registerdata import example_reports

GITHUB_REPORT = ROOT / "ci" / "github" / "ai-coc-report.yml"
GITHUB_REGISTER = ROOT / "ci" / "github" / "ai-coc-register.yml"
GITLAB_COMPONENT = ROOT / "ci" / "gitlab" / "templates" / "ai-coc-report.yml"
GITLAB_REGISTER = ROOT / "ci" / "gitlab" / "ai-coc-register.gitlab-ci.yml"
_EXPR = re.compile(r"\$\{\{\s*([^}]+?)\s*\}\}")
_INPUT = re.compile(r"\$\[\[\s*inputs\.([a-z-]+)\s*\]\]")


def load(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def load_all(path: Path) -> list[Any]:
    return list(YAML(typ="safe").load_all(path.read_text(encoding="utf-8")))


def validate(schema: str, path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def base_env(tmp_path: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GITHUB_", "AI_COC_", "LC_", "CI_")) and key not in {"LANG"}
    }
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["HOME"] = str(tmp_path)
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def github_env(step: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """The step's ``env:`` with its ``${{ ... }}`` expressions filled in from ``values``."""
    env = {}
    for key, value in (step.get("env") or {}).items():
        env[key] = _EXPR.sub(lambda m: values[m.group(1)], str(value))
    return env


def run_steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return [s for s in workflow["jobs"][job]["steps"] if "run" in s]


def test_the_files_are_valid_workflows_and_components(tmp_path: Path) -> None:
    validate("vendor.github-workflows", GITHUB_REPORT)
    validate("vendor.github-workflows", GITHUB_REGISTER)
    validate("vendor.gitlab-ci", GITLAB_REGISTER)
    spec, job = load_all(GITLAB_COMPONENT)
    assert set(spec["spec"]["inputs"]) >= {"packages", "paths", "baseline", "lang", "org-config"}
    body = tmp_path / "component.yml"
    body.write_text(GITLAB_COMPONENT.read_text("utf-8").split("\n---\n", 1)[1], "utf-8")
    validate("vendor.gitlab-ci", body)
    # inputs are only ever used through the environment, never pasted into a shell script
    for path in (GITHUB_REPORT, GITHUB_REGISTER):
        for job_ in load(path)["jobs"].values():
            for step in job_["steps"]:
                assert "${{" not in step.get("run", ""), (path.name, step.get("name"))
    report_job = load(GITHUB_REPORT)["jobs"]["ai-coc"]
    upload = next(s for s in report_job["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["name"] == "ai-coc-report" and "always()" in upload["if"]
    assert "schedule" in load(GITHUB_REGISTER)["on"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in load(GITLAB_REGISTER)["ai-coc-register"][
        "rules"
    ]
    assert job["ai-coc-report"]["artifacts"]["when"] == "always"


def _repo(tmp_path: Path, example: str, baseline: bool = False) -> Path:
    repo = tmp_path / "work" / example
    shutil.copytree(EXAMPLES / example, repo)
    if (EXAMPLES / example / ".ai-coc.yaml").exists():
        shutil.copytree(EXAMPLES / "org-pack", tmp_path / "work" / "org-pack", dirs_exist_ok=True)
    if baseline:
        done = subprocess.run(
            [str(Path(sys.executable).parent / "ai-coc"), "baseline"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr
    return repo


@pytest.mark.parametrize(
    ("example", "baseline", "status"),
    [
        ("beratungs-chatbot", False, "0"),
        ("code-assistenz", False, "1"),
        ("code-assistenz", True, "0"),
    ],
)
def test_github_reusable_workflow_writes_the_report(
    tmp_path: Path, example: str, baseline: bool, status: str
) -> None:
    workflow = load(GITHUB_REPORT)
    inputs = {
        k: str(v.get("default", "")) for k, v in workflow["on"]["workflow_call"]["inputs"].items()
    }
    values = {f"inputs.{k}": v for k, v in inputs.items()}
    repo = _repo(tmp_path, example, baseline)
    output = tmp_path / "github_output"
    output.write_text("", "utf-8")
    step = next(s for s in run_steps(workflow, "ai-coc") if s.get("id") == "check")
    env = base_env(tmp_path, {"GITHUB_OUTPUT": str(output), **github_env(step, values)})
    done = bash(step["run"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert output.read_text("utf-8").strip() == f"status={status}"
    data = json.loads((repo / "ai-coc-report.json").read_text("utf-8"))
    assert data["format_minor"] >= 1 and data["files"][0]["inventory"]["project"]["name"]
    if baseline:
        assert data["baseline"]["file"] == "ai-coc-baseline.json" and data["baselined"]
    fail = next(s for s in run_steps(workflow, "ai-coc") if s["name"] == "Fail on findings")
    assert fail["if"] == "steps.check.outputs.status == '1'"
    assert bash(fail["run"], repo, env).returncode == 1


def test_github_reusable_workflow_stops_on_bad_input(tmp_path: Path) -> None:
    workflow = load(GITHUB_REPORT)
    values = {
        f"inputs.{k}": str(v.get("default", ""))
        for k, v in workflow["on"]["workflow_call"]["inputs"].items()
    }
    repo = tmp_path / "broken"
    repo.mkdir()
    (repo / "ai-usage.yaml").write_text("manifest: ai-coc/v1\nproject: [\n", "utf-8")
    output = tmp_path / "out"
    step = next(s for s in run_steps(workflow, "ai-coc") if s.get("id") == "check")
    done = bash(
        step["run"],
        repo,
        base_env(tmp_path, {"GITHUB_OUTPUT": str(output), **github_env(step, values)}),
    )
    assert done.returncode == 2 and "ai-usage.yaml:" in done.stderr


# --- the collectors, against fake services ----------------------------------------------

FAKE_GH = '''#!PYTHON
"""A stand-in for `gh api PATH [--paginate] [--jq FILTER]`, answering from $FAKE_GH_ROOT."""
import json, os, subprocess, sys
args = sys.argv[1:]
assert args[0] == "api", args
args = args[1:]
jq = None
if "--jq" in args:
    at = args.index("--jq"); jq = args[at + 1]; del args[at:at + 2]
args = [a for a in args if a != "--paginate"]
path = args[0].split("?", 1)[0]
query = args[0].split("?", 1)[1] if "?" in args[0] else ""
root = os.environ["FAKE_GH_ROOT"]
with open(os.path.join(root, "log.txt"), "a") as log:
    log.write(args[0] + "\\n")
if path.endswith("/zip"):
    with open(os.path.join(root, path), "rb") as f:
        sys.stdout.buffer.write(f.read())
    sys.exit(0)
target = os.path.join(root, path + ".json")
if not os.path.exists(target):
    print("HTTP 404: Not Found", file=sys.stderr); sys.exit(1)
data = json.load(open(target))
if "name=" in query and isinstance(data, dict) and "artifacts" in data:
    name = query.split("name=")[1].split("&")[0]
    data = {"artifacts": [a for a in data["artifacts"] if a["name"] == name]}
text = json.dumps(data)
if jq is not None:
    done = subprocess.run(["jq", "-r", jq], input=text, capture_output=True, text=True)
    sys.stdout.write(done.stdout)
    sys.exit(done.returncode)
else:
    print(text)
'''

FAKE_CURL = '''#!PYTHON
"""A stand-in for `curl [--fail] [--header H] [--output FILE] URL`, answering from
$FAKE_API_ROOT: the GitLab API v4 below $CI_API_V4_URL."""
import json, os, sys
args = sys.argv[1:]
out = None; headers = []; url = None; fail = False
i = 0
while i < len(args):
    a = args[i]
    if a in ("--header", "-H"): headers.append(args[i + 1]); i += 2; continue
    if a in ("--output", "-o"): out = args[i + 1]; i += 2; continue
    if a in ("--fail", "-f"): fail = True
    elif not a.startswith("-"): url = a
    i += 1
root = os.environ["FAKE_API_ROOT"]
base = os.environ["CI_API_V4_URL"]
assert url and url.startswith(base), url
assert "PRIVATE-TOKEN: secret-token" in headers, headers
with open(os.path.join(root, "log.txt"), "a") as log:
    log.write(url[len(base):] + "\\n")
path, _, query = url[len(base):].partition("?")
params = dict(p.split("=", 1) for p in query.split("&") if p)
if path.endswith("/download"):
    target = os.path.join(root, path.strip("/"), params["job"] + ".zip")
else:
    target = os.path.join(root, path.strip("/"), "page-" + params.get("page", "1") + ".json")
    if not os.path.exists(target):
        target = None
        body = b"[]"
if target is not None:
    if not os.path.exists(target):
        sys.exit(22 if fail else 0)
    body = open(target, "rb").read()
if out:
    open(out, "wb").write(body)
else:
    sys.stdout.buffer.write(body)
'''


def _fake(tmp_path: Path, name: str, source: str) -> Path:
    folder = tmp_path / "fake-bin"
    folder.mkdir(exist_ok=True)
    program = folder / name
    program.write_text(source.replace("#!PYTHON", f"#!{sys.executable}"), "utf-8")
    program.chmod(0o755)
    return folder


def _zip(target: Path, files: dict[str, Path]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as archive:
        for name, source in files.items():
            archive.write(source, name)


@pytest.fixture
def reports(run_cli: Callable[..., Result], tmp_path: Path) -> list[Path]:
    """The examples' JSON reports, as each repository's CI job writes them."""
    return example_reports(run_cli, tmp_path / "made")


def _register_step_script(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in run_steps(workflow, "register") if s["name"] == name)


def test_github_collector_builds_the_register_from_every_repository(
    tmp_path: Path, reports: list[Path]
) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed (GitHub's runners have it)")
    root = tmp_path / "gh"
    repos = []
    for number, report in enumerate(reports):
        full = f"our-org/{report.stem}"
        repos.append({"full_name": full, "archived": False, "default_branch": "main"})
        main, other = {"head_branch": "main"}, {"head_branch": "feature"}
        artifacts = [  # newest first, as the API lists them; only id 100+n has a zip
            {"id": 300 + number, "name": "ai-coc-report", "expired": False, "workflow_run": other},
            {"id": 500 + number, "name": "coverage", "expired": False, "workflow_run": main},
            {"id": 100 + number, "name": "ai-coc-report", "expired": False, "workflow_run": main},
            {"id": 900 + number, "name": "ai-coc-report", "expired": True, "workflow_run": main},
        ]
        folder = root / "repos" / full
        folder.mkdir(parents=True)
        (folder / "actions").mkdir()
        (folder / "actions" / "artifacts.json").write_text(json.dumps({"artifacts": artifacts}))
        _zip(
            folder / "actions" / "artifacts" / str(100 + number) / "zip",
            {"ai-coc-report.json": report},
        )
    repos.append({"full_name": "our-org/archived", "archived": True, "default_branch": "main"})
    repos.append({"full_name": "our-org/no-ci", "archived": False, "default_branch": "main"})
    (root / "repos" / "our-org" / "no-ci" / "actions").mkdir(parents=True)
    (root / "repos" / "our-org" / "no-ci" / "actions" / "artifacts.json").write_text(
        '{"artifacts": []}'
    )
    (root / "orgs" / "our-org").mkdir(parents=True)
    (root / "orgs" / "our-org" / "repos.json").write_text(json.dumps(repos))
    # the register of the last run
    last = root / "repos" / "our-org" / ".github" / "actions"
    last.mkdir(parents=True)
    (last / "artifacts.json").write_text(
        json.dumps({"artifacts": [{"id": 7, "name": "ai-coc-register", "expired": False}]})
    )
    previous = tmp_path / "previous.json"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "ai-coc"),
            "report",
            str(reports[0]),
            "-o",
            f"json={previous}",
        ],
        check=True,
        capture_output=True,
    )
    _zip(last / "artifacts" / "7" / "zip", {"register.json": previous})

    workflow = load(GITHUB_REGISTER)
    job_env = {k: str(v) for k, v in workflow["jobs"]["register"]["env"].items()}
    values = {
        "github.repository_owner": "our-org",
        "github.repository": "our-org/.github",
        "secrets.AI_COC_READ_TOKEN": "secret-token",
    }
    job_env = {k: _EXPR.sub(lambda m: values[m.group(1)], v) for k, v in job_env.items()}
    work = tmp_path / "runner"
    work.mkdir()
    fake = _fake(tmp_path, "gh", FAKE_GH)
    for name in ("Download the reports", "Build the register"):
        step = _register_step_script(workflow, name)
        env = base_env(tmp_path, {**job_env, **github_env(step, values), "FAKE_GH_ROOT": str(root)})
        env["PATH"] = os.pathsep.join([str(fake), env["PATH"]])
        done = bash(step["run"], work, env)
        assert done.returncode == 0, done.stdout + done.stderr
        if name == "Download the reports":
            assert f"reports found: {len(reports)}" in done.stdout
            assert "no ai-coc report: our-org/no-ci" in done.stdout
            assert "archived" not in (root / "log.txt").read_text()
    register = work / "register"
    assert sorted(p.name for p in register.iterdir()) == [
        "index.html", "public.html", "public.md", "register.json", "repositories.csv", "uses.csv",
    ]  # fmt: skip
    data = json.loads((register / "register.json").read_text("utf-8"))
    expected = {
        json.loads(r.read_text("utf-8"))["files"][0]["inventory"]["project"]["name"]
        for r in reports
    }
    assert {r["name"] for r in data["repositories"]} == expected
    assert "changes" in data and any(c["kind"] == "repo-added" for c in data["changes"])
    html = (register / "index.html").read_text("utf-8")
    assert '<html lang="de">' in html
    for name in expected:
        assert f'data-name="{name}"' in html


def test_gitlab_component_writes_the_report(tmp_path: Path) -> None:
    spec, job = load_all(GITLAB_COMPONENT)
    defaults = {k: str(v.get("default", "")) for k, v in spec["spec"]["inputs"].items()}
    body = job["ai-coc-report"]
    variables = {
        k: _INPUT.sub(lambda m: defaults[m.group(1)], str(v)) for k, v in body["variables"].items()
    }
    for example, expected in (("beratungs-chatbot", 0), ("code-assistenz", 1)):
        repo = _repo(tmp_path, example)
        done = bash("\n".join(body["script"]), repo, base_env(tmp_path, variables))
        assert done.returncode == expected, done.stdout + done.stderr
        data = json.loads((repo / "ai-coc-report.json").read_text("utf-8"))
        assert data["files"][0]["inventory"]["project"]["name"]
        assert (repo / "gl-code-quality-report.json").is_file()
    repo = _repo(tmp_path, "minimal", baseline=True)
    done = bash("\n".join(body["script"]), repo, base_env(tmp_path, variables))
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads((repo / "ai-coc-report.json").read_text("utf-8"))["baselined"]


def test_gitlab_collector_builds_the_register_from_every_project(
    tmp_path: Path, reports: list[Path]
) -> None:
    root = tmp_path / "api"
    projects = [
        {"id": 10 + n, "default_branch": "main", "path_with_namespace": f"verein/{r.stem}"}
        for n, r in enumerate(reports)
    ]
    projects.append({"id": 99, "default_branch": "main", "path_with_namespace": "verein/no-ci"})
    projects.append({"id": 98, "default_branch": None, "path_with_namespace": "verein/empty"})
    group = root / "groups" / "42" / "projects"
    group.mkdir(parents=True)
    half = len(projects) // 2
    (group / "page-1.json").write_text(json.dumps(projects[:half]))  # two pages, then []
    (group / "page-2.json").write_text(json.dumps(projects[half:]))
    for n, report in enumerate(reports):
        _zip(
            root
            / "projects"
            / str(10 + n)
            / "jobs"
            / "artifacts"
            / "main"
            / "download"
            / "ai-coc-report.zip",
            {"ai-coc-report.json": report},
        )
    job = load(GITLAB_REGISTER)["ai-coc-register"]
    variables = {k: str(v) for k, v in job["variables"].items()}
    predefined = {
        "CI_API_V4_URL": "https://gitlab.example/api/v4",
        "CI_PROJECT_NAMESPACE_ID": "42",
        "CI_PROJECT_ID": "7",
        "CI_DEFAULT_BRANCH": "main",
        "AI_COC_API_TOKEN": "secret-token",
        "FAKE_API_ROOT": str(root),
    }
    env = base_env(tmp_path, predefined)
    env.update(
        {
            k: re.sub(r"\$(\w+)", lambda m: predefined.get(m.group(1), ""), v)
            for k, v in variables.items()
        }
    )
    fake = _fake(tmp_path, "curl", FAKE_CURL)
    env["PATH"] = os.pathsep.join([str(fake), env["PATH"]])
    work = tmp_path / "runner"
    work.mkdir()
    done = bash("\n".join(job["script"]), work, env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"reports found: {len(reports)}" in done.stdout
    assert "no ai-coc report: verein/no-ci" in done.stdout
    log = (root / "log.txt").read_text()
    assert "page=3" in log and "/projects/98/" not in log
    data = json.loads((work / "register" / "register.json").read_text("utf-8"))
    expected = {
        json.loads(r.read_text("utf-8"))["files"][0]["inventory"]["project"]["name"]
        for r in reports
    }
    assert {r["name"] for r in data["repositories"]} == expected
    assert "changes" not in data  # no previous register yet
    assert (work / "register" / "public.md").read_text("utf-8").startswith("# Unser Einsatz von KI")
