"""Choosing the output format and writing reports to files (``--format``, ``--output``)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.report.formats import get_renderer

if TYPE_CHECKING:
    from ai_coc.report.report import Report
    from ai_coc.rules.policy import PolicySet


def default_format(explicit: str | None) -> str:
    """``--format`` if given; ``github`` inside GitHub Actions; otherwise ``text``."""
    if explicit:
        return explicit
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    return "text"


def render_to_text(report: Report, policies: PolicySet, name: str) -> str:
    """The report in format ``name`` as a string (never coloured)."""
    buffer = io.StringIO()
    get_renderer(name)(report, policies, buffer, color=False)
    return buffer.getvalue()


def write_outputs(report: Report, policies: PolicySet, outputs: list[tuple[str, Path]]) -> None:
    """Write each ``(format, file)`` atomically: readers see the old file or the new one.

    ``$GITHUB_STEP_SUMMARY`` is a file GitHub gives each step to *append* to; a file of that
    exact name is appended to instead of replaced, so other steps' summaries are kept.
    """
    from ai_coc.files import atomic_writer, write_lock

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    for name, file in outputs:
        try:
            if summary and file.resolve() == Path(summary).resolve() and file.exists():
                text = render_to_text(report, policies, name)
                with write_lock(file) as target, target.open("a", encoding="utf-8") as handle:
                    handle.write(text)
            else:
                # written as it is rendered: a large report is never held whole; through a
                # link, its target is written
                with write_lock(file) as target, atomic_writer(target) as handle:
                    get_renderer(name)(report, policies, handle, color=False)
        except OSError as exc:
            raise InputError(
                t("cannot write the report: {reason}", reason=exc.strerror or exc),
                file=str(file),
                hint=t("check that the folder exists and that you may write to it"),
            ) from None
