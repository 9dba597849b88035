"""The per-principle scorecard shared by the text, JSON and Markdown formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ai_coc.i18n import pick, t
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet


@dataclass
class Row:
    """One line of the scorecard."""

    key: str
    label: str
    number: int | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    rules: list[str] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        if finding.severity == "error":
            self.errors += 1
        elif finding.severity == "warning":
            self.warnings += 1
        else:
            self.infos += 1
        if finding.rule_id not in self.rules:
            self.rules.append(finding.rule_id)

    @property
    def status(self) -> str:
        if self.errors:
            return "errors"
        if self.warnings:
            return "warnings"
        return "ok"

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "rules": sorted(self.rules),
        }


def scorecard(report: Report, policies: PolicySet, lang: str) -> list[Row]:
    """Rows: the eight principles in order, then structure, red lines and others if used."""
    rows: dict[str, Row] = {}
    for principle in sorted(policies.principles, key=lambda p: p.number):
        rows[principle.slug] = Row(principle.slug, pick(principle.name, lang), principle.number)
    schema = Row("schema", t("Manifest structure", lang))
    red = Row("red-lines", t("Red lines", lang))
    other = Row("other", t("Other rules", lang))
    for finding in report.findings:
        if finding.red_line:
            red.add(finding)
        elif finding.principle is None:
            schema.add(finding)
        elif finding.principle in rows:
            rows[finding.principle].add(finding)
        else:
            other.add(finding)
    out = list(rows.values())
    out.append(schema)
    if red.rules or any(p.name != "coc" for p in policies.packs):
        out.append(red)
    if other.rules:
        out.append(other)
    return out


def summary_dict(report: Report, policies: PolicySet, lang: str) -> dict[str, Any]:
    """The ``summary`` object of the JSON output."""
    counts = report.counts()
    rows = scorecard(report, policies, lang)
    return {
        "files": len(report.files),
        "manifests_found": report.found if report.found is not None else len(report.files),
        "found_by": report.found_by or "paths",
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "waived": len(report.waived),
        "principles": {r.key: r.as_dict() for r in rows if r.number is not None},
        "schema": next(r.as_dict() for r in rows if r.key == "schema"),
        "red_lines": next(
            (r.as_dict() for r in rows if r.key == "red-lines"),
            Row("red-lines", "").as_dict(),
        ),
        "exit_code": report.exit_code(),
    }
