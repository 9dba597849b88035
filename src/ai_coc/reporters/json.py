"""``--format json``: the stable, versioned machine-readable report (format_version 1)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ai_coc import __version__
from ai_coc.findings import Report
from ai_coc.policy import PolicySet
from ai_coc.reporters.summary import summary_dict

FORMAT_VERSION = 1


def as_dict(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The report as JSON-ready data."""
    findings = report.findings
    per_file: dict[str, dict[str, int]] = {}
    for finding in findings:
        slot = per_file.setdefault(finding.location.file, {"error": 0, "warning": 0, "info": 0})
        slot[finding.severity] += 1
    files = []
    for result in report.files:
        counts = per_file.get(result.file, {"error": 0, "warning": 0, "info": 0})
        files.append(
            {
                "path": result.file,
                "uses": result.uses,
                "errors": counts["error"],
                "warnings": counts["warning"],
                "infos": counts["info"],
                "waived": len(result.waived),
            }
        )
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "ai-coc", "version": __version__},
        "policies": [p.as_dict() for p in report.policies],
        "today": report.today.isoformat(),
        "lang": report.lang,
        "fail_on": report.fail_on,
        "files": files,
        "findings": [f.as_dict() for f in findings],
        "waived": [w.as_dict() for w in report.waived],
        "summary": summary_dict(report, policies, report.lang),
    }


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    json.dump(as_dict(report, policies), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
