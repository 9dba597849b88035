"""``--format text``: ruff-like findings with source snippets, fixes and a scorecard."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import severity_word, total_line
from ai_coc.report.formats.summary import scorecard
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

_COLOURS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "info": "\033[36m",
    "bold": "\033[1m",
    "dim": "\033[2m",
    "green": "\033[32m",
    "reset": "\033[0m",
}


class _Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles:
            return text
        return "".join(_COLOURS[s] for s in styles) + text + _COLOURS["reset"]


#: Longest source line shown in a snippet; longer lines are cut with "…".
MAX_SNIPPET_CHARS = 200


def _clip(text: str) -> str:
    return text if len(text) <= MAX_SNIPPET_CHARS else text[:MAX_SNIPPET_CHARS] + "…"


def _snippet(finding: Finding, lines: list[str], paint: _Paint) -> list[str]:
    line_no = finding.location.line
    if not 1 <= line_no <= len(lines):
        return []
    width = len(str(line_no))
    gutter = " " * width
    out = [paint(f"{gutter} |", "dim")]
    if line_no >= 2 and lines[line_no - 2].strip():
        out.append(paint(f"{line_no - 1:>{width}} | ", "dim") + _clip(lines[line_no - 2].rstrip()))
    source = lines[line_no - 1].rstrip()
    out.append(paint(f"{line_no:>{width}} | ", "dim") + _clip(source))
    column = max(finding.location.column, 1)
    if column > MAX_SNIPPET_CHARS:
        return out
    rest = source[column - 1 :]
    token = rest.split(":")[0].strip() if rest else ""
    length = max(1, min(len(token), 40)) if token else 1
    marker = " " * (column - 1) + "^" * length
    out.append(paint(f"{gutter} | ", "dim") + paint(marker, finding.severity, "bold"))
    return out


def render_finding(finding: Finding, lines: list[str], lang: str, paint: _Paint) -> list[str]:
    loc = finding.location
    head = (
        paint(f"{loc.file}:{loc.line}:{loc.column}:", "bold")
        + " "
        + paint(finding.rule_id, finding.severity, "bold")
        + " "
        + paint(f"[{severity_word(finding.severity, lang)}]", finding.severity)
        + " "
        + finding.message
    )
    out = [head]
    out.extend(_snippet(finding, lines, paint))
    width = len(str(loc.line))
    pad = " " * width
    if finding.red_line:
        out.append(f"{pad} = " + paint(t("red line — cannot be waived", lang), "error", "bold"))
    if finding.fix:
        out.append(f"{pad} = " + paint(t("fix", lang), "green", "bold") + f": {finding.fix}")
    if finding.help_url:
        out.append(f"{pad} = " + t("docs", lang) + f": {finding.help_url}")
    else:  # no docs_url configured: the command that explains the rule offline
        out.append(f"{pad} = " + t("explain", lang) + f": ai-coc rule {finding.rule_id}")
    return out


def _file_counts(report: Report, stream: TextIO, paint: _Paint) -> None:
    """One line per checked file with its numbers (only when several files were checked)."""
    lang = report.lang
    stream.write(paint(t("Files", lang), "bold") + "\n")
    for result in report.files:
        counts = Counter(f.severity for f in result.findings)
        line = t(
            "{file}: {errors} error(s), {warnings} warning(s), {infos} note(s)",
            lang,
            file=result.file,
            errors=counts.get("error", 0),
            warnings=counts.get("warning", 0),
            infos=counts.get("info", 0),
        )
        stream.write(f"  {paint(line, 'error') if counts.get('error') else line}\n")
    stream.write("\n")


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    report = neutral_report(report, visible)  # every text from input, on one line, escaped
    paint = _Paint(color)
    lang = report.lang
    any_finding = False
    for result in report.files:  # file by file: a large scan is never held whole
        for finding in result.sorted_findings():
            any_finding = True
            for line in render_finding(finding, result.lines, lang, paint):
                stream.write(line + "\n")
            stream.write("\n")
    if len(report.files) > 1:
        _file_counts(report, stream, paint)
    stream.write(
        paint(t("Principles of the Code of Conduct Demokratische KI", lang), "bold") + "\n"
    )
    rows = scorecard(report, policies, lang)
    width = max(len(visible(r.label)) for r in rows) + 4
    for row in rows:
        number = f"{row.number}" if row.number is not None else " "
        label = f"{visible(row.label)} ".ljust(width, ".")
        if row.status == "ok":
            state = paint(t("ok", lang), "green")
        else:
            parts = []
            if row.errors:
                parts.append(paint(t("{n} error(s)", lang, n=row.errors), "error"))
            if row.warnings:
                parts.append(paint(t("{n} warning(s)", lang, n=row.warnings), "warning"))
            state = ", ".join(parts)
        if row.infos:
            state += ", " + paint(t("{n} note(s)", lang, n=row.infos), "info")
        rules = f"  ({', '.join(sorted(visible(r) for r in row.rules))})" if row.rules else ""
        stream.write(f"  {number} {label} {state}{paint(rules, 'dim')}\n")
    waived = len(report.waived)
    if waived:
        stream.write("  " + t("{n} finding(s) waived", lang, n=waived) + "\n")
    if report.baseline is not None:  # check --baseline: accepted findings, counted apart
        accepted = len(report.baselined)
        stream.write(
            "  "
            + t("{n} finding(s) accepted by the baseline (not counted)", lang, n=accepted)
            + "\n"
        )
    packs = ", ".join(f"{p.name} {p.version} (sha256:{p.sha256[:12]})" for p in report.policies)
    stream.write(paint(("  " + t("Policy packs", lang) + f": {packs}"), "dim") + "\n")
    stream.write("\n")
    stream.write(paint(total_line(report), "bold") + "\n")
    if not any_finding:
        stream.write(
            paint(
                t("All checks passed. Thank you for documenting your AI use honestly.", lang),
                "green",
            )
            + "\n"
        )
