"""``--format gitlab``: a GitLab Code Quality report (a JSON list of issues).

GitLab shows these in the merge request widget and next to the changed lines. Severity
mapping: ``info`` -> info, ``warning`` -> minor, ``error`` -> major, an error in the
structure of the manifest (no principle) -> critical, a red line -> blocker.

Paths are relative to the repository root (as GitLab expects), whatever folder the check
ran in; see :class:`ai_coc.report.formats.common.SourceRoot`.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ai_coc.report.formats.common import SourceRoot, fingerprinted
from ai_coc.report.neutral import JsonStream
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
    out: list[dict[str, Any]] = []
    root = SourceRoot(f.file for f in report.files)
    for finding, fp in fingerprinted(report.findings, root.name):
        description = f"{finding.rule_id} {finding.message}"
        if finding.fix:
            description += f" — {finding.fix}"
        out.append(
            {
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
        )
    return out


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    out = JsonStream(stream)  # JSON escapes the rest; see ai_coc.report.neutral
    out.write(json.dumps(issues(report), ensure_ascii=False, indent=2))
    out.write("\n")
