"""The per-principle scorecard shared by the text, JSON and Markdown formats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ai_coc.i18n import pick, t
from ai_coc.records import Record
from ai_coc.report.report import EXIT_FINDINGS, EXIT_OK, Report
from ai_coc.rules.findings import SEVERITY_RANK, Finding
from ai_coc.rules.policy import PolicySet


@dataclass(eq=False, repr=False)
class Row(Record):
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


class Tally:
    """The scorecard of a report and its counts, gathered finding by finding: a format that
    goes through the findings anyway (JSON) needs no pass of its own for the summary."""

    def __init__(self, report: Report, policies: PolicySet, lang: str) -> None:
        self._policies = policies
        self.rows: dict[str, Row] = {}
        for principle in sorted(policies.principles, key=lambda p: p.number):
            self.rows[principle.slug] = Row(
                principle.slug, pick(principle.name, lang), principle.number
            )
        self.schema = Row("schema", t("Manifest structure", lang))
        self.red = Row("red-lines", t("Red lines", lang))
        self.other = Row("other", t("Other rules", lang))
        self.counts: Counter[str] = Counter()
        self.waived = 0
        self._threshold = SEVERITY_RANK.get(report.fail_on, 99)
        #: what :meth:`Report.exit_code` says of the findings added
        self.exit_code = EXIT_OK

    def add(self, finding: Finding) -> None:
        """Count one finding (in report order)."""
        if finding.red_line:
            self.red.add(finding)
        elif finding.principle is None:
            self.schema.add(finding)
        elif finding.principle in self.rows:
            self.rows[finding.principle].add(finding)
        else:
            self.other.add(finding)
        self.counts[finding.severity] += 1
        if finding.red_line or SEVERITY_RANK[finding.severity] >= self._threshold:
            self.exit_code = EXIT_FINDINGS

    def scorecard(self) -> list[Row]:
        """The rows of :func:`scorecard` for the findings added."""
        out = list(self.rows.values())
        out.append(self.schema)
        if self.red.rules or any(p.name != "coc" for p in self._policies.packs):
            out.append(self.red)
        if self.other.rules:
            out.append(self.other)
        return out


def scorecard(report: Report, policies: PolicySet, lang: str) -> list[Row]:
    """Rows: the eight principles in order, then structure, red lines and others if used."""
    tally = Tally(report, policies, lang)
    for finding in report.findings:
        tally.add(finding)
    return tally.scorecard()


def summary_dict(
    report: Report, policies: PolicySet, lang: str, tally: Tally | None = None
) -> dict[str, Any]:
    """The ``summary`` object of the JSON output; ``tally``: the report's findings and waived
    findings, all counted already (else they are read here)."""
    if tally is None:
        counts, rows = report.counts(), scorecard(report, policies, lang)
        waived, exit_code = len(report.waived), report.exit_code()
    else:
        counts, rows = tally.counts, tally.scorecard()
        waived, exit_code = tally.waived, tally.exit_code
    return {
        "files": len(report.files),
        "manifests_found": report.found if report.found is not None else len(report.files),
        "found_by": report.found_by or "paths",
        "errors": counts.get("error", 0),
        "warnings": counts.get("warning", 0),
        "infos": counts.get("info", 0),
        "waived": waived,
        "principles": {r.key: r.as_dict() for r in rows if r.number is not None},
        "schema": next(r.as_dict() for r in rows if r.key == "schema"),
        "red_lines": next(
            (r.as_dict() for r in rows if r.key == "red-lines"),
            Row("red-lines", "").as_dict(),
        ),
        "exit_code": exit_code,
    }
