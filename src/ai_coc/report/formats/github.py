"""``--format github``: GitHub Actions workflow commands, shown as annotations on the lines.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. Values are
escaped as GitHub documents it: ``%``, CR and LF everywhere, plus ``:`` and ``,`` in
properties, so a message can never end a command early or inject another one.
"""

from __future__ import annotations

from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import posix, total_line
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape the message part of a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, lang: str) -> str:
    """The ``::error file=…,line=…,col=…,title=…::message`` line of one finding."""
    loc = finding.location
    title = f"{finding.rule_id} {finding.rule_name}"
    if finding.red_line:
        title += f" ({t('report.red_line', lang)})"
    message = finding.message
    if finding.fix:
        message += f"\n{t('report.fix', lang)}: {finding.fix}"
    if finding.help_url:
        message += f"\n{t('report.help', lang)}: {finding.help_url}"
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", posix(loc.file)),
            ("line", str(max(loc.line, 1))),
            ("col", str(max(loc.column, 1))),
            ("title", title),
        )
    )
    return f"::{_COMMAND[finding.severity]} {props}::{escape_data(message)}"


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    report = neutral_report(report, visible)  # then GitHub's own escapes, in command()
    lang = report.lang
    for finding in report.findings:
        stream.write(command(finding, lang) + "\n")
    stream.write(total_line(report) + "\n")
