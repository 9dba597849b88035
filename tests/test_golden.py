"""Every example project gives its golden output (text and JSON, English and German), and
a scan of all of them its golden Markdown, JUnit and GitLab reports.

After an intended change, accept the new output with ``python -m pytest --update-golden``
and review the diff of ``tests/golden/`` before committing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES, ROOT

GOLDEN = Path(__file__).parent / "golden"
PROJECTS = sorted(p.parent.name for p in EXAMPLES.glob("*/ai-usage.yaml"))


def _normalise_json(text: str) -> str:
    data = json.loads(text)
    for pack in data["policies"]:
        pack["sha256"] = "<sha256>"
    data["tool"]["version"] = "<version>"
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _normalise_text(text: str) -> str:
    return re.sub(r"sha256:[0-9a-f]{12}", "sha256:<sha256>", text)


def test_there_are_enough_examples() -> None:
    assert len(PROJECTS) >= 5


@pytest.mark.parametrize("project", PROJECTS)
@pytest.mark.parametrize(
    ("fmt", "lang", "suffix"),
    [("text", "en", "txt"), ("text", "de", "de.txt"), ("json", "en", "json")],
)
def test_golden_output(
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    update_golden: bool,
    project: str,
    fmt: str,
    lang: str,
    suffix: str,
) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli(
        "check",
        f"examples/{project}/ai-usage.yaml",
        "--today",
        "2026-11-21",
        "--format",
        fmt,
        "--lang",
        lang,
        "--no-history",  # the output must not depend on this repository's own commits
    )
    assert result.exit_code in (0, 1), result.output
    output = _normalise_json(result.output) if fmt == "json" else _normalise_text(result.output)
    golden = GOLDEN / f"{project}.{suffix}"
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert output == expected, f"output of {project} changed; if intended: pytest --update-golden"
    # The exit code follows from the findings in the golden output.
    has_error = (
        re.search(r"\[(error|Fehler)\]", output) is not None or '"severity": "error"' in output
    )
    assert result.exit_code == (1 if has_error else 0)


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("markdown", "en", "scan.md"),
        ("markdown", "de", "scan.de.md"),
        ("junit", "en", "scan.junit.xml"),
        ("gitlab", "en", "scan.gitlab.json"),
    ],
)
def test_golden_scan(
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    update_golden: bool,
    fmt: str,
    lang: str,
    name: str,
) -> None:
    """The reports that are written file by file (several passes over the results) give
    exactly what they gave when they were built whole in memory."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("AI_COC_SPILL_AFTER", "3")  # the results are read back from a file
    args = ("check", "examples", "--today", "2026-11-21", "--no-history", "--format", fmt)
    result = run_cli(*args, "--lang", lang)
    assert result.exit_code == 1, result.output
    golden = GOLDEN / name
    if update_golden:
        golden.write_text(result.stdout, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert result.stdout == expected, f"{name} changed; if intended: pytest --update-golden"
