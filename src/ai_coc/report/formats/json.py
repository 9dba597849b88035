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
#: Additions within version 1: 1 = ``principles``, ``files[].inventory``, ``baselined`` and
#: ``baseline`` (for the organisation's register and baselines). Readers of 1.0 ignore them.
FORMAT_MINOR = 1


def _file_entry(result: FileResult) -> dict[str, Any]:
    counts = Counter(f.severity for f in result.findings)
    return {
        "path": result.file,
        "uses": result.uses,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "waived": len(result.waived),
        "baselined": len(result.baselined),
        "inventory": result.inventory,
    }


def _head(report: Report, policies: PolicySet) -> dict[str, Any]:
    head: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "format_minor": FORMAT_MINOR,
        "tool": {"name": "ai-coc", "version": __version__},
        "policies": [p.as_dict() for p in report.policies],
        "principles": [
            {"slug": p.slug, "number": p.number, "name": dict(p.name)}
            for p in sorted(policies.principles, key=lambda p: p.number)
        ],
        "today": report.today.isoformat(),
        "lang": report.lang,
        "fail_on": report.fail_on,
    }
    if report.baseline is not None:
        head["baseline"] = report.baseline.as_dict()
    return head


def as_dict(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The report as JSON-ready data (all of it in memory; :func:`render` streams)."""
    return {
        **_head(report, policies),
        "files": [_file_entry(result) for result in report.files],
        "findings": [f.as_dict() for f in report.findings],
        "waived": [w.as_dict() for w in report.waived],
        "baselined": [f.as_dict() for f in report.baselined],
        "summary": summary_dict(report, policies, report.lang),
    }


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dump(..., indent=2)`` writes it at this depth."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as ``json.dump(as_dict(...), indent=2)`` would, but item by item: the
    findings of a large scan are never all in memory at once."""
    parts: list[tuple[str, Iterable[Any] | None, Any]] = [
        *((key, None, value) for key, value in _head(report, policies).items()),
        ("files", (_file_entry(result) for result in report.files), None),
        ("findings", (f.as_dict() for f in report.findings), None),
        ("waived", (w.as_dict() for w in report.waived), None),
        ("baselined", (f.as_dict() for f in report.baselined), None),
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
