"""``--format gitlab``: a GitLab Code Quality report (a JSON list of issues).

GitLab shows these in the merge request widget and next to the changed lines. Severity
mapping: ``info`` -> info, ``warning`` -> minor, ``error`` -> major, an error in the
structure of the manifest (no principle) -> critical, a red line -> blocker.

Paths are relative to the repository root (as GitLab expects), whatever folder the check
ran in; see :class:`ai_coc.report.formats.common.SourceRoot`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from ai_coc.report.formats.common import SourceRoot, fingerprinted, returning
from ai_coc.report.neutral import JsonStream
from ai_coc.report.report import Report, file_names
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


def _issue(finding: Finding, fp: str, root: SourceRoot) -> dict[str, Any]:
    description = f"{finding.rule_id} {finding.message}"
    if finding.fix:
        description += f" — {finding.fix}"
    return {
        "type": "issue",
        "description": description,
        "check_name": f"{finding.rule_id} {finding.rule_name}",
        "fingerprint": fp,
        "severity": severity(finding),
        "categories": ["Compliance"],
        "location": {
            "path": root.name(finding.location.file),
            "lines": {"begin": max(finding.location.line, 1)},
        },
    }


def each_issue(report: Report) -> Iterator[dict[str, Any]]:
    """One Code Quality issue per finding, in report order, one at a time."""
    root = SourceRoot(file_names(report.files))
    back = returning(report.findings, root.name)
    for finding, fp in fingerprinted(report.findings, root.name, back):
        yield _issue(finding, fp, root)


def issues(report: Report) -> list[dict[str, Any]]:
    """One Code Quality issue per finding (all in memory; :func:`render` writes them one by
    one)."""
    return list(each_issue(report))


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write the list as ``json.dumps(issues(report), indent=2)`` would, issue by issue."""
    out = JsonStream(stream)  # JSON escapes the rest; see ai_coc.report.neutral
    empty = True
    for issue in each_issue(report):
        text = json.dumps(issue, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(("[\n  " if empty else ",\n  ") + text)
        empty = False
    out.write("[]\n" if empty else "\n]\n")
