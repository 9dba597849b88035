"""``--format json``: the stable, versioned machine-readable report (format_version 1)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from ai_coc import __version__
from ai_coc.report.formats.summary import summary_dict
from ai_coc.report.neutral import JsonStream
from ai_coc.report.report import FileResult, Report
from ai_coc.rules.policy import PolicySet

FORMAT_VERSION = 1


def _file_entry(result: FileResult) -> dict[str, Any]:
    counts = Counter(f.severity for f in result.findings)
    return {
        "path": result.file,
        "uses": result.uses,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "waived": len(result.waived),
    }


def _head(report: Report) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "tool": {"name": "ai-coc", "version": __version__},
        "policies": [p.as_dict() for p in report.policies],
        "today": report.today.isoformat(),
        "lang": report.lang,
        "fail_on": report.fail_on,
    }


def as_dict(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The report as JSON-ready data (all of it in memory; :func:`render` streams)."""
    return {
        **_head(report),
        "files": [_file_entry(result) for result in report.files],
        "findings": [f.as_dict() for f in report.findings],
        "waived": [w.as_dict() for w in report.waived],
        "summary": summary_dict(report, policies, report.lang),
    }


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dump(..., indent=2)`` writes it at this depth."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as ``json.dump(as_dict(...), indent=2)`` would, but item by item: the
    findings of a large scan are never all in memory at once."""
    parts: list[tuple[str, Iterable[Any] | None, Any]] = [
        *((key, None, value) for key, value in _head(report).items()),
        ("files", (_file_entry(result) for result in report.files), None),
        ("findings", (f.as_dict() for f in report.findings), None),
        ("waived", (w.as_dict() for w in report.waived), None),
    ]
    out = JsonStream(stream)  # JSON escapes the rest; see ai_coc.report.neutral
    out.write("{")
    for number, (key, items, value) in enumerate(parts):
        out.write(("\n  " if number == 0 else ",\n  ") + json.dumps(key) + ": ")
        if items is None:
            out.write(_dumps(value, "  "))
            continue
        empty = True
        for item in items:
            out.write("[\n    " if empty else ",\n    ")
            out.write(_dumps(item, "    "))
            empty = False
        out.write("[]" if empty else "\n  ]")
    out.write(',\n  "summary": ' + _dumps(summary_dict(report, policies, report.lang), "  "))
    out.write("\n}\n")
