"""Helpers shared by the CI formats (SARIF, GitLab, JUnit, GitHub)."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ai_coc.i18n import t
from ai_coc.report.report import Report
from ai_coc.rules.findings import SEVERITY_RANK, Finding

#: Version tag of the fingerprint scheme; change it only together with the scheme.
FINGERPRINT_KEY = "aiCocFinding/v1"


def posix(path: str) -> str:
    """A file name with forward slashes, as CI tools expect."""
    return path.replace("\\", "/")


def fingerprint(finding: Finding) -> str:
    """A stable identity: rule, file and logical path -- never the line or column.

    Inserting lines above a finding, or reformatting the file, keeps its fingerprint.
    """
    parts = (finding.rule_id, posix(finding.location.file), finding.location.path)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def fingerprinted(findings: Iterable[Finding]) -> Iterator[tuple[Finding, str]]:
    """Each finding with a fingerprint that is unique within the run.

    Two findings of the same rule at the same logical path (rare) get a counter suffix in
    the order of the report, so consumers that require uniqueness (GitLab) accept them.
    """
    seen: Counter[str] = Counter()
    for finding in findings:
        base = fingerprint(finding)
        seen[base] += 1
        yield finding, base if seen[base] == 1 else f"{base}:{seen[base]}"


def fails(finding: Finding, report: Report) -> bool:
    """Whether this finding makes the run fail (``--fail-on``; red lines always do)."""
    if finding.red_line and finding.severity == "error":
        return True
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.get(report.fail_on, 99)


def total_line(report: Report) -> str:
    """ "N file(s) checked: … error(s), … warning(s), … note(s)" in the report's language."""
    counts = report.counts()
    return t(
        "report.total",
        report.lang,
        files=len(report.files),
        errors=counts.get("error", 0),
        warnings=counts.get("warning", 0),
        infos=counts.get("info", 0),
    )


class _Streamed:
    """Stands for an array that :func:`dump_json` writes item by item."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def streamed(items: Iterable[Any]) -> Any:
    """Mark ``items`` (any iterable) as an array to be written as it is produced."""
    return _Streamed(items)


def dump_json(value: Any, stream: TextIO) -> None:
    """Write ``value`` as ``json.dump(..., ensure_ascii=False, indent=2)`` would, except that
    arrays marked with :func:`streamed` are written one item at a time, so that a report of
    a large scan is never held in memory whole."""
    import json

    arrays: list[_Streamed] = []

    def placeholder(item: Any) -> str:
        arrays.append(item)
        return f"\x00{len(arrays) - 1}\x00"

    def swap(node: Any) -> Any:
        if isinstance(node, _Streamed):
            return placeholder(node)
        if isinstance(node, dict):
            return {key: swap(item) for key, item in node.items()}
        if isinstance(node, list):
            return [swap(item) for item in node]
        return node

    text = json.dumps(swap(value), ensure_ascii=False, indent=2)
    marker = re.compile(r'"\\u0000(\d+)\\u0000"')
    position = 0
    for match in marker.finditer(text):
        stream.write(text[position : match.start()])
        line_start = text.rfind("\n", 0, match.start()) + 1
        depth = len(text[line_start:]) - len(text[line_start:].lstrip(" "))
        _write_array(arrays[int(match.group(1))].items, stream, depth)
        position = match.end()
    stream.write(text[position:])


def _write_array(items: Iterable[Any], stream: TextIO, depth: int) -> None:
    import json

    pad = " " * (depth + 2)
    first = True
    for item in items:
        stream.write("[\n" if first else ",\n")
        first = False
        body = json.dumps(item, ensure_ascii=False, indent=2)
        stream.write(pad + body.replace("\n", "\n" + pad))
    stream.write("[]" if first else "\n" + " " * depth + "]")
