"""Findings and their locations: what the engine produces."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ai_coc.records import FrozenRecord

SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Location(FrozenRecord):
    """Where a finding is: file, 1-based line and column, and the logical path."""

    file: str
    line: int
    column: int
    path: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Location, (self.file, self.line, self.column, self.path))


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Finding(FrozenRecord):
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

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain arguments instead of dataclass state: large scans send and store many findings.
        return (
            Finding,
            (
                self.rule_id,
                self.rule_name,
                self.principle,
                self.severity,
                self.message,
                self.fix,
                self.location,
                self.use,
                self.help_url,
                self.pack,
                self.red_line,
                self.waivable,
            ),
        )


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class WaivedFinding(FrozenRecord):
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

    def __reduce__(self) -> tuple[Any, ...]:
        return (WaivedFinding, (self.finding, self.reason, self.approved_by, self.expires))
