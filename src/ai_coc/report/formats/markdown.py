"""``--format markdown``: a pull-request comment or ``$GITHUB_STEP_SUMMARY`` page.

The principle scorecard (shared with the text format), then red lines crossed, every
finding with its fix, and the waivers in force. English or German, like all output.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import posix, severity_word, total_line
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
        parts.append("❌ " + t("{n} error(s)", lang, n=row.errors))
    if row.warnings:
        parts.append(("" if row.errors else "⚠️ ") + t("{n} warning(s)", lang, n=row.warnings))
    if not parts:
        parts.append("✅ " + t("ok", lang))
    if row.infos:
        parts.append(t("{n} note(s)", lang, n=row.infos))
    return ", ".join(parts)


def _finding(finding: Finding, lang: str) -> list[str]:
    loc = finding.location
    head = (
        f"- **{escape(finding.rule_id)}** {escape(finding.rule_name)} ("
        + severity_word(finding.severity, lang)
        + "), "
        + t("line", lang)
        + f" {loc.line}"
    )
    if loc.path:
        head += f", {code(loc.path)}"
    out = [head + f": {escape(finding.message)}"]
    if finding.fix:
        out.append("  - **" + t("fix", lang).capitalize() + f":** {escape(finding.fix)}")
    if finding.help_url:
        out.append("  - " + link(t("docs", lang), finding.help_url))
    else:
        out.append("  - " + t("explain", lang) + f": `ai-coc rule {finding.rule_id}`")
    return out


def lines(report: Report, policies: PolicySet) -> Iterator[str]:
    """The lines of the page, one at a time (``report`` has been neutralised already)."""
    lang = report.lang
    findings = report.findings
    yield "## " + t("AI Code of Conduct check (ai-coc)", lang)
    yield ""
    if report.exit_code():
        yield "**❌ " + t("The check failed: please look at the findings below.", lang) + "**"
    elif findings:
        yield "**✅ " + t("The check passed, with notes worth a look.", lang) + "**"
    else:
        yield (
            "**✅ "
            + t("All checks passed. Thank you for documenting your AI use honestly.", lang)
            + "**"
        )
    yield ""
    yield total_line(report)
    yield ""
    yield "### " + t("Principles of the Code of Conduct Demokratische KI", lang)
    yield ""
    yield (
        "| | " + t("Principle", lang) + " | " + t("Result", lang) + " | " + t("Rules", lang) + " |"
    )
    yield "|---|---|---|---|"
    for row in scorecard(report, policies, lang):
        number = str(row.number) if row.number is not None else ""
        rules = ", ".join(escape(visible(rule)) for rule in sorted(row.rules))
        yield f"| {number} | {escape(visible(row.label))} | {_state(row, lang)} | {rules} |"
    red = (f for f in findings if f.red_line)
    first = next(red, None)
    if first is not None:
        yield from ("", ("### " + t("Red lines crossed", lang)), "")
        for finding in itertools.chain((first,), red):
            yield (
                f"- **{escape(finding.rule_id)}** {code(posix(finding.location.file))}, "
                + t("line", lang)
                + f" {finding.location.line}: {escape(finding.message)} — "
                + t("red line — cannot be waived", lang)
            )
    if findings:
        yield from ("", ("### " + t("What still needs to be done", lang)))
        current = None
        for finding in findings:
            if finding.location.file != current:
                current = finding.location.file
                yield from ("", f"#### {code(posix(current))}", "")
            yield from _finding(finding, lang)
    if report.waived:
        yield from ("", ("### " + t("Waivers in force", lang)), "")
        for waived in report.waived:
            finding = waived.finding
            expires = (
                (t("expires", lang) + f" {waived.expires.isoformat()}")
                if waived.expires
                else t("no expiry date", lang)
            )
            where = f"{code(posix(finding.location.file))} {code(finding.location.path)}"
            approved = t("approved by", lang)
            yield (
                f"- **{escape(finding.rule_id)}** {where}: {escape(waived.reason)} "
                f"({approved} {escape(waived.approved_by)}, {expires})"
            )
    if report.baseline is not None:
        yield ""
        yield t(
            "{n} finding(s) accepted by the baseline (not counted)",
            lang,
            n=len(report.baselined),
        )


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write the page line by line (the findings are read once for each part of it)."""
    report = neutral_report(report, visible)  # then Markdown's escapes: escape(), code()
    for line in lines(report, policies):
        stream.write(line + "\n")
