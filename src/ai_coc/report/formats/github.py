"""``--format github``: GitHub Actions workflow commands, shown as annotations on the lines.

Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is given. Values are
escaped as GitHub documents it: ``%``, CR and LF everywhere, plus ``:`` and ``,`` in
properties, so a message can never end a command early or inject another one. File names
are relative to the repository root (GitHub places annotations by the path in the checkout),
whatever folder the check ran in.
"""

from __future__ import annotations

from typing import TextIO

from ai_coc.i18n import t
from ai_coc.report.formats.common import SourceRoot, posix, total_line
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import Report, file_names
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """Escape the message part of a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, lang: str, file: str | None = None) -> str:
    """The ``::error file=…,line=…,col=…,title=…::message`` line of one finding.

    ``file`` is the name to give for the finding's file (default: as shown)."""
    loc = finding.location
    title = f"{finding.rule_id} {finding.rule_name}"
    if finding.red_line:
        title += " (" + t("red line — cannot be waived", lang) + ")"
    message = finding.message
    if finding.fix:
        message += "\n" + t("fix", lang) + f": {finding.fix}"
    if finding.help_url:
        message += "\n" + t("docs", lang) + f": {finding.help_url}"
    else:
        message += "\n" + t("explain", lang) + f": ai-coc rule {finding.rule_id}"
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", posix(loc.file if file is None else file)),
            ("line", str(max(loc.line, 1))),
            ("col", str(max(loc.column, 1))),
            ("title", title),
        )
    )
    return f"::{_COMMAND[finding.severity]} {props}::{escape_data(message)}"


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    report = neutral_report(report, visible)  # then GitHub's own escapes, in command()
    lang = report.lang
    root = SourceRoot(file_names(report.files))
    for finding in report.findings:
        stream.write(command(finding, lang, root.name(finding.location.file)) + "\n")
    stream.write(total_line(report) + "\n")
