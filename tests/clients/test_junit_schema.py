"""JUnit XML that Jenkins (xunit plugin) and Maven Surefire accept: ``junit-10.xsd``."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from click.testing import Result

from ai_coc.report.formats import junit
from ai_coc.report.report import FileResult, Report
from ai_coc.rules.findings import Finding, Location, WaivedFinding
from ai_coc.rules.packs import load_policies
from tests.conftest import EXAMPLES

EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/ai-usage.yaml"))


def problems(schema: Any, xml: str) -> list[str]:
    return [f"{e.path}: {e.reason}" for e in schema.iter_errors(xml)]


def test_the_schema_is_real(junit_schema: Any) -> None:
    """What ai-coc wrote before issue 17 (file/line on testcase, skipped on testsuites) fails."""
    old = (
        '<testsuites name="ai-coc" tests="1" failures="0" errors="0" skipped="1">'
        '<testsuite name="a" tests="1" failures="0" errors="0" skipped="1">'
        '<testcase classname="c" name="n" file="a" line="3"><skipped message="m"/></testcase>'
        "</testsuite></testsuites>"
    )
    assert len(problems(junit_schema, old)) == 3


@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda p: p.parent.name)
@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_every_example_validates(
    manifest: Path, fail_on: str, junit_schema: Any, run_cli: Callable[..., Result]
) -> None:
    result = run_cli(
        "check", str(manifest), "--today", "2026-11-21", "-f", "junit", "--fail-on", fail_on
    )
    assert result.exit_code in (0, 1), result.output
    assert problems(junit_schema, result.stdout) == []


def test_a_scan_of_many_manifests_validates(
    tmp_path: Path, junit_schema: Any, run_cli: Callable[..., Result]
) -> None:
    for n in range(40):  # the examples (with the org pack their red lines come from), 40 times
        shutil.copytree(EXAMPLES, tmp_path / f"repo-{n:02d}")
    result = run_cli("check", str(tmp_path), "--today", "2026-11-21", "-f", "junit")
    assert result.exit_code == 1
    assert problems(junit_schema, result.stdout) == []
    root = ET.fromstring(result.stdout)
    assert len(root.findall("testsuite")) == 40 * len(EXAMPLE_MANIFESTS)
    assert int(root.get("failures", "0")) > 0


def _finding(severity: str, text: str, file: str) -> Finding:
    return Finding(
        rule_id="COC201",
        rule_name="labour-missing",
        principle="human-centredness",
        severity=severity,
        message=text,
        fix=text,
        location=Location(file, 3, 5, f"uses[{text}].labour"),
        use=text,
        help_url="",
    )


def test_any_path_and_text_is_xml_safe(junit_schema: Any) -> None:
    nasty = "a&b<c>\"d'\x01\x0b\x1b[31m\ud800\ufffe ]]> \U0001f916"
    file = f"proj {nasty}/ai-usage.yaml"
    waived = WaivedFinding(_finding("error", nasty, file), nasty, "Vorstand", None)
    report = Report(
        files=[
            FileResult(
                file,
                [_finding("error", nasty, file), _finding("warning", nasty, file)],
                [waived],
            )
        ],
        policies=[],
        today=dt.date(2026, 11, 21),
    )
    out = io.StringIO()
    junit.render(report, load_policies(), out)
    xml = out.getvalue()
    xml.encode("utf-8")  # no lone surrogate left
    assert problems(junit_schema, xml) == []
    root = ET.fromstring(xml)
    assert "a&b<c>" in (root.find("testsuite") or ET.Element("x")).get("name", "")


def test_warnings_are_passing_cases_with_output_not_skipped(
    junit_schema: Any, run_cli: Callable[..., Result]
) -> None:
    """A CI server counts neither a failure nor a skipped test for a warning."""
    result = run_cli(
        "check", str(EXAMPLES / "bildkampagne"), "--today", "2026-11-21", "-f", "junit"
    )
    root = ET.fromstring(result.stdout)
    assert root.find(".//skipped") is None
    notes = [c for c in root.iter("testcase") if c.find("system-out") is not None]
    assert notes
    for case in notes:
        assert case.find("failure") is None
        assert "--fail-on error" in (case.findtext("system-out") or "")
    assert all(s.get("skipped") == "0" for s in root.iter("testsuite"))
