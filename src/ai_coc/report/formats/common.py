"""Helpers shared by the CI formats (SARIF, GitLab, JUnit, GitHub)."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

from ai_coc.i18n import t
from ai_coc.report.report import Report
from ai_coc.rules.findings import SEVERITY_RANK, Finding

#: Version tag of the fingerprint scheme; change it only together with the scheme.
FINGERPRINT_KEY = "aiCocFinding/v1"


def posix(path: str) -> str:
    """A file name with forward slashes, as CI tools expect."""
    return path.replace("\\", "/")


def fingerprint(finding: Finding) -> str:
    """A stable identity: rule, file and logical path -- never the line or column.

    Inserting lines above a finding, or reformatting the file, keeps its fingerprint.
    """
    parts = (finding.rule_id, posix(finding.location.file), finding.location.path)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with a fingerprint that is unique within the run.

    Two findings of the same rule at the same logical path (rare) get a counter suffix in
    the order of the report, so consumers that require uniqueness (GitLab) accept them.
    """
    seen: Counter[str] = Counter()
    for finding in findings:
        base = fingerprint(finding)
        seen[base] += 1
        yield finding, base if seen[base] == 1 else f"{base}:{seen[base]}"


def fails(finding: Finding, report: Report) -> bool:
    """Whether this finding makes the run fail (``--fail-on``; red lines always do)."""
    if finding.red_line and finding.severity == "error":
        return True
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.get(report.fail_on, 99)


def total_line(report: Report) -> str:
    """ "N file(s) checked: … error(s), … warning(s), … note(s)" in the report's language."""
    counts = report.counts()
    return t(
        "report.total",
        report.lang,
        files=len(report.files),
        errors=counts.get("error", 0),
        warnings=counts.get("warning", 0),
        infos=counts.get("info", 0),
    )
