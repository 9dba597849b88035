"""Findings, their locations, the report of a run and its exit code."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "info", "never")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: file, 1-based line and column, and the logical path."""

    file: str
    line: int
    column: int
    path: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path}


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the manifest still has to say or do."""

    rule_id: str
    rule_name: str
    principle: str | None
    severity: str
    message: str
    fix: str
    location: Location
    use: str | None
    help_url: str
    pack: str = "coc"
    red_line: bool = False
    waivable: bool = True

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule_id, loc.path)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "name": self.rule_name,
            "principle": self.principle,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "location": self.location.as_dict(),
            "use": self.use,
            "help_url": self.help_url,
            "pack": self.pack,
            "red_line": self.red_line,
        }


@dataclass(frozen=True, slots=True)
class WaivedFinding:
    """A finding that a valid waiver accepted for now."""

    finding: Finding
    reason: str
    approved_by: str
    expires: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        data = self.finding.as_dict()
        data["waiver"] = {
            "reason": self.reason,
            "approved_by": self.approved_by,
            "expires": self.expires.isoformat() if self.expires else None,
        }
        return data


@dataclass
class FileResult:
    """The outcome for one manifest."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    waived: list[WaivedFinding] = field(default_factory=list)
    uses: int = 0
    lines: list[str] = field(default_factory=list)


@dataclass
class PackInfo:
    """A loaded policy pack, as named in reports."""

    name: str
    version: str
    sha256: str
    origin: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


@dataclass
class Report:
    """Everything one run found."""

    files: list[FileResult]
    policies: list[PackInfo]
    today: dt.date
    lang: str = "en"
    fail_on: str = "error"

    @property
    def findings(self) -> list[Finding]:
        return sorted((f for fr in self.files for f in fr.findings), key=lambda f: f.sort_key)

    @property
    def waived(self) -> list[WaivedFinding]:
        return [w for fr in self.files for w in fr.waived]

    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.findings)

    def exit_code(self) -> int:
        """0 if nothing at or above ``fail_on``; 1 otherwise. Red lines always fail."""
        threshold = SEVERITY_RANK.get(self.fail_on, 99)
        for finding in self.findings:
            if finding.red_line:  # never silenced: not by --fail-on, overrides or waivers
                return EXIT_FINDINGS
            if SEVERITY_RANK[finding.severity] >= threshold:
                return EXIT_FINDINGS
        return EXIT_OK
