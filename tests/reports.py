"""Hand-built reports for reporter tests (findings constructed directly, no engine)."""

from __future__ import annotations

import datetime as dt

from ai_coc.report.report import FileResult, PackInfo, Report
from ai_coc.rules.findings import Finding, Location, WaivedFinding

FILE_A = "proj-a/ai-usage.yaml"
FILE_B = "proj-b/ai-usage.yml"


def finding(
    rule_id: str = "COC201",
    *,
    severity: str = "error",
    file: str = FILE_A,
    line: int = 8,
    column: int = 5,
    path: str = "uses[pressetexte].labour",
    message: str = "The use 'pressetexte' does not declare the human labour behind its model",
    fix: str = "Add `labour:` with a `status`.",
    principle: str | None = "human-centredness",
    red_line: bool = False,
    name: str = "labour-undeclared",
) -> Finding:
    return Finding(
        rule_id=rule_id,
        rule_name=name,
        principle=principle,
        severity=severity,
        message=message,
        fix=fix,
        location=Location(file, line, column, path),
        use="pressetexte",
        help_url=f"https://intranet.example/ai-coc/reference/rules.html#{rule_id.lower()}",
        red_line=red_line,
        waivable=not red_line,
    )


def sample_report(lang: str = "en", fail_on: str = "error") -> Report:
    """Two files: an error, a warning, a note, a red line, a waived finding; one clean file."""
    a = FileResult(
        file=FILE_A,
        findings=[
            finding(),
            finding(
                "COC601",
                severity="warning",
                line=30,
                column=20,
                path="review.next_review_due",
                message="Review soon: 50% of the period is over, see <notes> | table",
                principle="accountability",
                name="review-overdue",
            ),
            finding(
                "COC303",
                severity="info",
                line=12,
                path="uses[pressetexte].outputs[0].labelled",
                principle="transparency",
                name="ai-media-unlabelled",
            ),
            finding(
                "ORG001",
                line=9,
                path="uses[pressetexte].categories",
                message="Recruiting with AI is a red line of our organisation",
                fix="Stop the use.",
                principle=None,
                red_line=True,
                name="no-recruiting",
            ),
        ],
        waived=[
            WaivedFinding(
                finding(
                    "COC301",
                    line=14,
                    path="uses[pressetexte].provenance",
                    principle="transparency",
                    name="provenance-undeclared",
                ),
                reason="Provider asked on 2026-10-01, answer pending",
                approved_by="Vorstand",
                expires=dt.date(2027, 1, 31),
            )
        ],
        uses=1,
    )
    b = FileResult(file=FILE_B, findings=[], uses=0)
    return Report(
        files=[a, b],
        policies=[PackInfo("coc", "1.0.0", "0" * 64)],
        today=dt.date(2026, 11, 21),
        lang=lang,
        fail_on=fail_on,
    )
