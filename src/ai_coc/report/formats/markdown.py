"""``--format markdown``: a pull-request comment or ``$GITHUB_STEP_SUMMARY`` page.

The principle scorecard (shared with the text format), then red lines crossed, every
finding with its fix, and the waivers in force. English or German, like all output.
"""

from __future__ import annotations

import re
from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import posix, total_line
from ai_coc.report.formats.summary import Row, scorecard
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

#: Characters that can start or end Markdown markup inside a line (emphasis, code, links,
#: images, HTML, entities, table cells, strike-through) or a GitHub reference (@mention,
#: #issue); each is shown as written when preceded by a backslash. Our text never lets an
#: input text begin a line, so block markup (headings, lists, quotes) cannot start.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&@#])")
_CODE_SPAN = re.compile(r"(`[^`\n]+`)")
_SAFE_URL = re.compile(r"(?i)^(https?://|mailto:)")


def escape(text: str) -> str:
    """Text that Markdown shows as written: no heading, list, table cell, link, image, HTML
    or emphasis can come out of it, and line breaks become spaces.

    Code spans written in rule texts (`like.this`) stay code (a code span shows its content
    as written; only ``|``, which would end a table cell, is escaped); everything else has
    Markdown's special characters escaped. ``text`` has been through
    :func:`ai_coc.report.neutral.visible` already."""
    parts = _CODE_SPAN.split(" ".join(text.split()))
    return "".join(
        part.replace("|", "\\|") if index % 2 else _SPECIAL.sub(r"\\\1", part)
        for index, part in enumerate(parts)
    )


def code(text: str) -> str:
    """Inline code that shows ``text`` as written, whatever backticks it holds: the fence is
    longer than the longest run of backticks inside, with a space on each side."""
    text = " ".join(text.split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest or not text.strip() else f"`{text}`"


def link(label: str, url: str) -> str:
    """A link to ``url`` if it is a web or mail address, with every character that could end
    the link percent-encoded; otherwise the address as plain text."""
    from urllib.parse import quote

    if not _SAFE_URL.match(url):
        return f"{escape(label)}: {escape(url)}"
    target = quote(url, safe=":/?#@!$&'*+,;=%-._~")
    return f"[{escape(label)}]({target})"


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
        f"- **{escape(finding.rule_id)}** {escape(finding.rule_name)} "
        f"({t('severity.' + finding.severity, lang)}), "
        f"{t('md.line', lang)} {loc.line}"
    )
    if loc.path:
        head += f", {code(loc.path)}"
    out = [head + f": {escape(finding.message)}"]
    if finding.fix:
        out.append(f"  - **{t('report.fix', lang).capitalize()}:** {escape(finding.fix)}")
    if finding.help_url:
        out.append(f"  - {link(t('report.help', lang), finding.help_url)}")
    return out


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    report = neutral_report(report, visible)  # then Markdown's escapes: escape(), code()
    lang = report.lang
    findings = report.findings
    out = [f"## {t('md.title', lang)}", ""]
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
        rules = ", ".join(escape(visible(rule)) for rule in sorted(row.rules))
        out.append(f"| {number} | {escape(visible(row.label))} | {_state(row, lang)} | {rules} |")
    red = [f for f in findings if f.red_line]
    if red:
        out += ["", f"### {t('md.red_lines', lang)}", ""]
        for finding in red:
            out.append(
                f"- **{escape(finding.rule_id)}** {code(posix(finding.location.file))}, "
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
                f"- **{escape(finding.rule_id)}** {code(posix(finding.location.file))} "
                f"{code(finding.location.path)}: {escape(waived.reason)} "
                f"({t('md.approved_by', lang)} {escape(waived.approved_by)}, {expires})"
            )
    stream.write("\n".join(out) + "\n")
