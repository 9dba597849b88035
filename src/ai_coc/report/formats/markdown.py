"""``--format markdown``: a pull-request comment or ``$GITHUB_STEP_SUMMARY`` page.

The principle scorecard (shared with the text format), then red lines crossed, every
finding with its fix, and the waivers in force. English or German, like all output.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import posix, total_line
from ai_coc.report.formats.summary import Row, scorecard
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

_SPECIAL = re.compile(r"([\\|<>\[\]*_])")
_CODE_SPAN = re.compile(r"(`[^`]*`)")


def escape(text: str) -> str:
    """Text that Markdown shows as written (no tables broken, no HTML, no links).

    Code spans written in rule texts (`like.this`) are kept as code; elsewhere Markdown's
    special characters are escaped. Line breaks become spaces.
    """
    parts = _CODE_SPAN.split(" ".join(text.split()))
    return "".join(
        part.replace("|", "\\|")
        if part.startswith("`") and part.endswith("`") and len(part) > 1
        else _SPECIAL.sub(r"\\\1", part)
        for part in parts
    )


def code(text: str) -> str:
    """Inline code that survives backticks inside ``text``."""
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _state(row: Row, lang: str) -> str:
    parts = []
    if row.errors:
        parts.append("❌ " + t("report.errors", lang, n=row.errors))
    if row.warnings:
        parts.append(("" if row.errors else "⚠️ ") + t("report.warnings", lang, n=row.warnings))
    if not parts:
        parts.append("✅ " + t("report.ok", lang))
    if row.infos:
        parts.append(t("report.infos", lang, n=row.infos))
    return ", ".join(parts)


def _finding(finding: Finding, lang: str) -> list[str]:
    loc = finding.location
    head = (
        f"- **{finding.rule_id}** {finding.rule_name} ({t('severity.' + finding.severity, lang)}), "
        f"{t('md.line', lang)} {loc.line}"
    )
    if loc.path:
        head += f", {code(loc.path)}"
    out = [head + f": {escape(finding.message)}"]
    if finding.fix:
        out.append(f"  - **{t('report.fix', lang).capitalize()}:** {escape(finding.fix)}")
    if finding.help_url:
        out.append(f"  - [{t('report.help', lang)}]({finding.help_url})")
    return out


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    lang = report.lang
    findings = report.findings
    out = _Lines(stream)  # each line is written as it is made
    out += [f"## {t('md.title', lang)}", ""]
    if report.exit_code():
        out.append(f"**❌ {t('md.failed', lang)}**")
    elif findings:
        out.append(f"**✅ {t('md.passed_with_findings', lang)}**")
    else:
        out.append(f"**✅ {t('report.all_good', lang)}**")
    out += [
        "",
        total_line(report),
        "",
        f"### {t('report.scorecard', lang)}",
        "",
        f"| | {t('md.principle', lang)} | {t('md.result', lang)} | {t('md.rules', lang)} |",
        "|---|---|---|---|",
    ]
    for row in scorecard(report, policies, lang):
        number = str(row.number) if row.number is not None else ""
        rules = ", ".join(sorted(row.rules))
        out.append(f"| {number} | {escape(row.label)} | {_state(row, lang)} | {rules} |")
    red: Iterator[Finding] = (f for f in findings if f.red_line)
    first_red = next(red, None)
    if first_red is not None:
        red = itertools.chain([first_red], red)
        out += ["", f"### {t('md.red_lines', lang)}", ""]
        for finding in red:
            out.append(
                f"- **{finding.rule_id}** {code(posix(finding.location.file))}, "
                f"{t('md.line', lang)} {finding.location.line}: {escape(finding.message)} "
                f"— {t('report.red_line', lang)}"
            )
    if findings:
        out += ["", f"### {t('md.findings', lang)}"]
        current = None
        for finding in findings:
            if finding.location.file != current:
                current = finding.location.file
                out += ["", f"#### {code(posix(current))}", ""]
            out += _finding(finding, lang)
    if report.waived:
        out += ["", f"### {t('md.waivers', lang)}", ""]
        for waived in report.waived:
            finding = waived.finding
            expires = (
                f"{t('md.expires', lang)} {waived.expires.isoformat()}"
                if waived.expires
                else t("md.no_expiry", lang)
            )
            out.append(
                f"- **{finding.rule_id}** {code(posix(finding.location.file))} "
                f"{code(finding.location.path)}: {escape(waived.reason)} "
                f"({t('md.approved_by', lang)} {escape(waived.approved_by)}, {expires})"
            )
    out.close()


class _Lines:
    """A list of output lines that writes each line as soon as it is added."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = False

    def append(self, line: str) -> None:
        self.stream.write(("\n" if self.started else "") + line)
        self.started = True

    def __iadd__(self, lines: Iterable[str]) -> _Lines:
        for line in lines:
            self.append(line)
        return self

    def close(self) -> None:
        self.stream.write("\n")
