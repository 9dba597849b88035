"""``--format gitlab``: a GitLab Code Quality report (a JSON list of issues).

GitLab shows these in the merge request widget and next to the changed lines. Severity
mapping: ``info`` -> info, ``warning`` -> minor, ``error`` -> major, an error in the
structure of the manifest (no principle) -> critical, a red line -> blocker.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TextIO

from ai_coc.report.formats.common import dump_json, fingerprinted, posix, streamed
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet


def severity(finding: Finding) -> str:
    """The Code Quality severity of a finding."""
    if finding.red_line and finding.severity == "error":
        return "blocker"
    if finding.severity == "error":
        return "critical" if finding.principle is None else "major"
    if finding.severity == "warning":
        return "minor"
    return "info"


def issues(report: Report) -> list[dict[str, Any]]:
    """One Code Quality issue per finding."""
    return list(each_issue(report))


def each_issue(report: Report) -> Iterator[dict[str, Any]]:
    """One Code Quality issue per finding, as the findings are read."""
    for finding, fp in fingerprinted(report.findings):
        description = f"{finding.rule_id} {finding.message}"
        if finding.fix:
            description += f" — {finding.fix}"
        yield (
            {
                "type": "issue",
                "description": description,
                "check_name": f"{finding.rule_id} {finding.rule_name}",
                "fingerprint": fp,
                "severity": severity(finding),
                "categories": ["Compliance"],
                "location": {
                    "path": posix(finding.location.file),
                    "lines": {"begin": max(finding.location.line, 1)},
                },
            }
        )


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    dump_json(streamed(each_issue(report)), stream)  # written issue by issue
    stream.write("\n")
