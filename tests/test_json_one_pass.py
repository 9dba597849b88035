"""The JSON report of a large scan reads its results once, and writes exactly what
``json.dumps(as_dict(...), indent=2)`` writes, with every text made safe."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai_coc.report.formats import json as json_format
from ai_coc.report.neutral import json_safe
from ai_coc.report.report import FileResult, Report, ResultStore
from ai_coc.rules.findings import WaivedFinding
from ai_coc.rules.packs import load_policies
from tests.conftest import TODAY
from tests.gate.test_output_neutral import hostile, reports
from tests.reports import finding

POLICIES = load_policies()


def reference(report: Report) -> str:
    """The report built whole in memory, as the JSON format is defined."""
    data = json_format.as_dict(report, POLICIES)
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def rendered(report: Report) -> str:
    out = io.StringIO()
    json_format.render(report, POLICIES, out)
    return out.getvalue()


class CountingStore(ResultStore):
    """A result store that counts the results it reads back from its temporary file."""

    reads = 0

    def _read(self, spans: list[tuple[int, int]]) -> Iterator[FileResult]:
        for result in super()._read(spans):
            self.reads += 1
            yield result


def scan(files: int) -> Iterator[FileResult]:
    for number in range(files):
        name = f"d/repo-{number:03d}/ai-usage.yaml"
        found = [
            dataclasses.replace(
                finding(f"COC{100 + k}", file=name, line=20 - k),
                severity=("error", "warning", "info")[(number + k) % 3],
                red_line=k == 2 and number % 5 == 0,
            )
            for k in range(number % 4)
        ]
        waived = [WaivedFinding(finding("COC301", file=name), "asked", "board", TODAY)]
        yield FileResult(
            name,
            found,
            waived=waived if number % 3 == 0 else [],
            baselined=found[:1] if number % 4 == 1 else [],
            uses=number,
            inventory={"project": {"name": f"p{number}"}, "uses": [], "ai_used": True},
        )


def test_a_spilled_scan_is_read_once_and_written_as_before() -> None:
    store = CountingStore(scan(40), keep=5)
    assert store.spilled
    report = Report(files=store, policies=[], today=TODAY, found=40)
    out = rendered(report)
    assert store.reads == 40  # once each: files, findings, waived, baselined and the summary
    in_memory = Report(files=list(scan(40)), policies=[], today=TODAY, found=40)
    assert out == reference(in_memory) == rendered(in_memory)
    summary = json.loads(out)["summary"]
    assert summary["exit_code"] == 1 and summary["waived"] == 14
    assert len(json.loads(out)["baselined"]) == 10


def test_a_spilled_scan_without_findings() -> None:
    store = ResultStore((FileResult(f"f{n}.yaml", uses=1) for n in range(6)), keep=2)
    report = Report(files=store, policies=[], today=TODAY)
    out = rendered(report)
    assert out == reference(Report(files=list(store), policies=[], today=TODAY))
    data = json.loads(out)
    assert data["findings"] == data["waived"] == data["baselined"] == []
    assert data["summary"]["exit_code"] == 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_hostile_reports_spilled_or_not_are_what_json_dumps_writes(report: Report) -> None:
    expected = reference(report)
    assert rendered(report) == expected
    spilled = Report(**{**vars(report), "files": ResultStore(report.files, keep=0)})
    assert rendered(spilled) == expected


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | hostile() | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4) | hostile(), inner, max_size=4)
        | st.dictionaries(st.integers() | st.booleans() | st.none(), inner, max_size=3)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(value=json_values, depth=st.integers(0, 3))
def test_the_layout_is_json_dumps_with_indent_2(value: Any, depth: int) -> None:
    indent = "  " * depth
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)
    assert json_format._pretty(value, indent) == json_safe(expected)
