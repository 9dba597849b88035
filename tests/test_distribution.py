"""The distribution as users meet it (issue 17): its name on the package index, the links the
tool prints, the sdist, and every command line the README, the docs and the examples quote."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tarfile
import tomllib
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ai_coc import __version__
from ai_coc.cli import cli

ROOT = Path(__file__).resolve().parent.parent
DIST = "ai-coc-lint"
HOSTED = "https://intranet.example/ai-coc"

#: what a user reads: the README, the docs, the examples and every CI or hook template
TEXTS = sorted(
    [
        ROOT / "README.md",
        ROOT / "CONTRIBUTING.md",
        ROOT / "action.yml",
        ROOT / ".pre-commit-hooks.yaml",
        *(ROOT / "docs").rglob("*.md"),
        *(ROOT / "examples").rglob("*.md"),
        *(ROOT / "examples").rglob("*.yaml"),
        *(ROOT / "ci").rglob("*.yml"),
    ]
)
CI_TEMPLATES = [ROOT / "action.yml", *sorted((ROOT / "ci").rglob("*.yml"))]


def _texts() -> list[Path]:
    return [p for p in TEXTS if "_build" not in p.parts and p.is_file()]


def test_the_distribution_has_a_name_of_its_own() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["name"] == DIST
    assert project["scripts"] == {"ai-coc": "ai_coc.cli:entry"}  # the command keeps its name
    # self-references of the extras follow the name
    for group in project["optional-dependencies"].values():
        for requirement in group:
            assert not re.match(r"ai-coc(\[|$|[=<>])", requirement), requirement


# an install of the bare name `ai-coc` (someone else's project on the index)
_BARE = re.compile(
    r"(?:pip install|pipx install|uv tool install|uv pip install|additional_dependencies:\s*\[|"
    r"AI_COC_PACKAGES:|packages:|default:)[^\n]*?(?<![\w./-])[\"']?ai-coc(?![\w-])(?!\s+(?:check|report|rule))"
)


def test_no_text_tells_users_to_install_the_unqualified_name() -> None:
    offenders = []
    for path in _texts():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r'"ai-coc\[|(?<![\w-])ai-coc==|\bai-coc\[', line) or (
                _BARE.search(line) and "ai-coc-lint" not in line
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_ci_snippets_pin_the_release() -> None:
    pins = []
    for path in [*CI_TEMPLATES, ROOT / "docs" / "howto" / "ci.md"]:
        for line in path.read_text("utf-8").splitlines():
            if ("ai-coc-lint" in line and "pip install" in line) or "AI_COC_PACKAGES:" in line:
                pins.append((path.name, line.strip()))
    assert pins
    unpinned = [p for p in pins if "ai-coc-lint" in p[1] and "ai-coc-lint==" not in p[1]]
    unpinned += [
        p
        for p in pins
        if "AI_COC_PACKAGES:" in p[1]
        and "$" not in p[1]
        and f"ai-coc-lint=={__version__}" not in p[1]
    ]
    assert not unpinned, unpinned


# --- links: only the configured docs_url, or none -------------------------------------------

_URL = re.compile(r"https?://[\w-]+(?:\.[\w-]+)+[^\s\"'<>)\]`]*")
#: addresses that name a standard (a schema's identifier), not a place of this project
_STANDARDS = (
    "json.schemastore.org",
    "docs.oasis-open.org",
    "json-schema.org",
    "raw.githubusercontent.com/oasis-tcs",
)


def _urls_of_inputs() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "examples").rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".yml", ".md", ".toml"}:
            found.update(_URL.findall(path.read_text("utf-8")))
    return found


def _printed_urls(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-m", "ai_coc", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    urls = set(_URL.findall(result.stdout + result.stderr))
    # an organisation's own pack may link to its own pages (its `help_url`): that is configured
    given = {u.split("{")[0].split("#")[0] for u in _urls_of_inputs()}
    return {u for u in urls if not any(s in u for s in _STANDARDS) and u.split("#")[0] not in given}


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "junit", "markdown"])
def test_without_docs_url_the_tool_prints_no_link_of_its_own(fmt: str) -> None:
    assert _printed_urls("check", "--format", fmt, "examples") == set()


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_with_docs_url_every_link_is_under_it(fmt: str, tmp_path: Path) -> None:
    org = tmp_path / "org.yaml"
    org.write_text(f"docs_url: {HOSTED}/\n", encoding="utf-8")
    urls = _printed_urls("check", "--format", fmt, "--org-config", str(org), "examples")
    assert urls, "with a docs_url, findings link to the rules' pages"
    assert all(u.startswith(f"{HOSTED}/reference/rules.html#coc") for u in urls), urls


def test_text_findings_name_the_offline_explanation() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", "examples/minimal"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert "explain: ai-coc rule COC" in result.stdout
    explained = re.search(r"explain: ai-coc rule (COC\d+)", result.stdout)
    assert explained is not None
    rule = CliRunner().invoke(cli, ["rule", explained.group(1)])
    assert rule.exit_code == 0 and explained.group(1) in rule.output


def test_no_invented_host_in_sources_docs_examples_or_packs() -> None:
    bad = re.compile(
        r"ai-coc\.readthedocs|github\.com/ai-coc|githubusercontent\.com/ai-coc|ai-coc\.example"
        r"|uses: ai-coc/ai-coc@"
    )
    offenders = []
    for folder in ("src", "docs", "examples", "policies", "ci"):
        for path in (ROOT / folder).rglob("*"):
            if "_build" in path.parts or not path.is_file():
                continue
            if path.suffix not in {".py", ".md", ".yaml", ".yml", ".json", ".toml", ".po", ".pot"}:
                continue
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                if bad.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    for path in (ROOT / "pyproject.toml", ROOT / "README.md", ROOT / "action.yml"):
        if bad.search(path.read_text("utf-8")):
            offenders.append(path.name)
    assert not offenders, offenders


# --- the sdist -------------------------------------------------------------------------------


def test_sdist_contains_what_the_readme_refers_to(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    assert sdist.name.startswith("ai_coc_lint-")
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    for needed in (
        ".ci/run",
        "CONTRIBUTING.md",
        "babel.cfg",
        "hatch_build.py",
        "action.yml",
        ".pre-commit-hooks.yaml",
        "ci/gitlab/ai-coc.gitlab-ci.yml",
        "LICENSE",
        "docs/conf.py",
        "examples/README.md",
    ):
        assert needed in names, needed
    readme = (ROOT / "README.md").read_text("utf-8")
    for ref in re.findall(r"`((?:\.ci|ci|docs|examples|benchmarks)/[\w./-]+)`", readme):
        if "_build" in ref:  # what the docs build writes
            continue
        assert any(n == ref.rstrip("/") or n.startswith(ref.rstrip("/") + "/") for n in names), ref


# --- every quoted command line exists ------------------------------------------------------


def _quoted_commands() -> list[tuple[str, str]]:
    found = []
    for path in [
        ROOT / "README.md",
        *sorted((ROOT / "docs").rglob("*.md")),
        *sorted((ROOT / "examples").rglob("*.md")),
        *sorted((ROOT / "examples").rglob("*.yaml")),
    ]:
        if "_build" in path.parts:
            continue
        text = path.read_text("utf-8")
        where = str(path.relative_to(ROOT))
        for block in re.findall(r"```console\n(.*?)```", text, re.S):
            for line in block.splitlines():
                if line.startswith("$ ai-coc "):
                    found.append((where, line[2:].split(" #")[0].strip()))
        for inline in re.findall(r"(?<!`)`(ai-coc [^`\n]+)`(?!`)", text):
            found.append((where, inline))
    return found


def _resolve(words: list[str]) -> tuple[click.Command, list[click.Command], list[str]]:
    command: click.Command = cli
    chain = [command]
    rest = []
    for word in words:
        found = None
        if isinstance(command, click.Group) and not rest:
            found = command.get_command(click.Context(command), word)
        if found is not None:
            command = found
            chain.append(command)
        else:
            rest.append(word)
    return command, chain, rest


def test_every_quoted_command_line_exists() -> None:
    commands = _quoted_commands()
    assert len(commands) > 30
    problems = []
    runner = CliRunner()
    for where, line in commands:
        try:
            words = shlex.split(line.replace("…", ""))[1:]
        except ValueError:
            words = line.split()[1:]
        words = [w for w in words if w not in {"|", ">", "&&"}]
        command, chain, rest = _resolve(words)
        path = [c.name for c in chain[1:] if c.name]
        if isinstance(command, click.Group) and not (rest and rest[0].startswith("-")):
            if rest and not rest[0].startswith("-"):
                problems.append(f"{where}: `{line}`: no command '{rest[0]}'")
            continue
        help_text = runner.invoke(cli, [*path, "--help"], terminal_width=200)
        if help_text.exit_code != 0:
            problems.append(f"{where}: `{line}`: --help fails")
            continue
        known = {opt for c in chain for p in c.params for opt in (*p.opts, *p.secondary_opts)}
        for word in rest:
            if word.startswith("--"):
                option = word.split("=", 1)[0]
                if option not in known and option != "--help":
                    problems.append(f"{where}: `{line}`: no option {option}")
            elif word in {"|", ">"}:
                break
    assert not problems, "\n".join(problems)
