"""Every report is written as it is made: memory does not grow with the number of files, and
the output is exactly what the reports gave when they were built whole in memory.

The in-memory builders (``sarif.as_dict``, ``junit.build``, ``gitlab.issues``, like
``json.as_dict``) stay as the reference the streamed output is compared with.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import io
import json
import tracemalloc
from collections.abc import Iterator
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai_coc.report.formats import FORMATS, get_renderer, gitlab, junit, sarif
from ai_coc.report.formats.common import SourceRoot, fingerprinted, returning
from ai_coc.report.neutral import json_safe, neutral_report, visible
from ai_coc.report.report import FileResult, PackInfo, Report, ResultStore
from ai_coc.rules.findings import Finding, Location, WaivedFinding
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import PolicySet
from tests.clients.test_sarif_github import _big_report
from tests.conftest import TODAY
from tests.gate.test_output_neutral import hostile, reports
from tests.reports import FILE_A, FILE_B, finding, sample_report

POLICIES = load_policies()


# --- memory --------------------------------------------------------------------------------


class Generated:
    """The results of a scan of ``files`` manifests, made anew for every pass (never stored):
    what a :class:`~ai_coc.report.report.ResultStore` that has moved them to disk gives."""

    def __init__(self, files: int, findings: int = 20) -> None:
        self.files = files
        self.findings = findings

    def __len__(self) -> int:
        return self.files

    def __iter__(self) -> Iterator[FileResult]:
        for number in range(self.files):
            name = f"scan/repo-{number:05d}/ai-usage.yaml"
            found = [
                Finding(
                    rule_id=f"COC{200 + k % 7}",
                    rule_name="labour-undeclared",
                    principle="human-centredness",
                    severity=("error", "warning", "info")[k % 3],
                    message=f"The use u{k} of {name} does not declare the labour behind it",
                    fix="Add `labour:` with a `status`.",
                    location=Location(name, k + 1, 3, f"uses[u{k}].labour"),
                    use=f"u{k}",
                    help_url="",
                    red_line=k % 11 == 0,
                )
                for k in range(self.findings)
            ]
            waived = [
                WaivedFinding(
                    dataclass_copy(found[0], rule_id="COC301", red_line=False),
                    "Provider asked, answer pending",
                    "Vorstand",
                    None,
                )
            ]
            lines = [f"  - id: u{k}" for k in range(30)]
            yield FileResult(file=name, findings=found, waived=waived, uses=1, lines=lines)


def dataclass_copy(item: Finding, **changes: object) -> Finding:
    import dataclasses

    return dataclasses.replace(item, **changes)  # type: ignore[arg-type]


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def _peak(fmt: str, files: int) -> int:
    """The most memory (bytes, as tracemalloc counts it) that rendering a scan of ``files``
    manifests takes, beyond what was in use before."""
    report = Report(files=Generated(files), policies=[PackInfo("coc", "1", "0" * 64)], today=TODAY)
    gc.collect()
    tracemalloc.start()
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            get_renderer(fmt)(report, POLICIES, _Discard())
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_memory_does_not_grow_with_the_scan(fmt: str) -> None:
    """Four times the manifests (320 findings instead of 80) take hardly more memory: no
    format holds the results, their findings or its own output for all files at once. (Built
    whole, the SARIF log of the larger scan took over 5 MB more, JUnit's tree 2 MB, the
    neutralised copy that text, GitHub and Markdown made 250 KB.)"""
    _peak(fmt, 2)  # translations, compiled patterns, the rules' help: made once, then kept
    small = _peak(fmt, 4)
    large = _peak(fmt, 16)
    assert large < small * 1.5, (fmt, small, large)


# --- the same output as when built whole ---------------------------------------------------


def _in_memory_sarif(report: Report, policies: PolicySet) -> str:
    """What ``--format sarif`` wrote before it streamed: the whole log, cut to GitHub's
    limits by building it again with fewer results until it fits."""
    root = SourceRoot(f.file for f in report.files)
    limit = sarif.MAX_RESULTS
    while True:
        log = sarif.as_dict(report, policies, max_results=limit, root=root)
        text = json.dumps(log, ensure_ascii=False, indent=2)
        size = len(text.encode("utf-8", "surrogatepass"))
        shown = len(log["runs"][0]["results"])
        if size <= sarif.MAX_BYTES or shown == 0:
            return text
        limit = max(0, min(shown - 1, int(shown * sarif.MAX_BYTES / size * 0.95)))


def _in_memory_junit(report: Report, policies: PolicySet) -> str:
    root = junit.build(neutral_report(report, visible), policies)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _in_memory_gitlab(report: Report, policies: PolicySet) -> str:
    return json_safe(json.dumps(gitlab.issues(report), ensure_ascii=False, indent=2)) + "\n"


def _render(fmt: str, report: Report, policies: PolicySet = POLICIES) -> str:
    out = io.StringIO()
    with contextlib.redirect_stderr(io.StringIO()):
        get_renderer(fmt)(report, policies, out)
    return out.getvalue()


def assert_same_as_in_memory(report: Report, policies: PolicySet = POLICIES) -> None:
    assert (
        _render("sarif", report, policies) == json_safe(_in_memory_sarif(report, policies)) + "\n"
    )
    assert _render("junit", report, policies) == _in_memory_junit(report, policies)
    assert _render("gitlab", report, policies) == _in_memory_gitlab(report, policies)


def _split_files() -> Report:
    """Findings of one file in two stretches, with the same fingerprint in both."""
    first = FileResult(FILE_A, [finding("COC201", line=3), finding("COC201", line=4)])
    other = FileResult(FILE_B, [finding("COC201", file=FILE_B)])
    again = FileResult(FILE_A, [finding("COC201", line=5), finding("COC202", line=6)])
    return Report(files=[first, other, again], policies=[], today=TODAY)


def _separator() -> Report:
    """Different files whose fingerprints are the same (the separator in names)."""
    a = FileResult("x\x1fy", [finding("A\x1fB", file="x\x1fy"), finding("A", file="x", path="B")])
    b = FileResult("x", [finding("A", file="x\x1fB", path="y"), finding("A\x1fB", file="x\x1fy")])
    return Report(files=[a, b], policies=[], today=TODAY)


def _unknown_rules_waived() -> Report:
    report = sample_report()
    report.files[1].waived = [
        WaivedFinding(finding("XYZ9", file=FILE_B, line=n, path=f"p{n}"), "why", "me", None)
        for n in range(3)
    ]
    return report


@pytest.mark.parametrize(
    "make",
    [
        sample_report,
        lambda: sample_report("de", "warning"),
        lambda: sample_report("en", "never"),
        lambda: Report(files=[], policies=[], today=TODAY),
        lambda: Report(files=[FileResult(FILE_A), FileResult(FILE_B)], policies=[], today=TODAY),
        _split_files,
        _separator,
        _unknown_rules_waived,
        lambda: _big_report(10),
    ],
    ids=["sample", "de", "never", "empty", "clean", "split", "separator", "unknown", "big"],
)
def test_streamed_reports_are_what_the_whole_ones_were(make: object) -> None:
    report = make()  # type: ignore[operator]
    assert_same_as_in_memory(report)
    assert_same_as_in_memory(report, PolicySet(packs=[], principles=[]))  # no passing cases


def test_streamed_reports_read_back_from_a_file_are_the_same() -> None:
    def results() -> Iterator[FileResult]:
        for number in range(7):
            name = f"d/f{number}.yaml"
            found = [finding(f"COC{100 + k}", file=name, line=10 - k) for k in range(number % 4)]
            yield FileResult(name, found, uses=number)

    store = ResultStore(results(), keep=2)
    assert store.spilled
    assert_same_as_in_memory(Report(files=store, policies=[], today=TODAY))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=reports())
def test_streamed_reports_of_hostile_input_are_what_the_whole_ones_were(report: Report) -> None:
    assert_same_as_in_memory(report)


@pytest.mark.parametrize(
    ("results", "limit", "size"),
    [
        (600, 500, sarif.MAX_BYTES),  # more results than GitHub shows
        (60, 40, sarif.MAX_BYTES),
        (400, sarif.MAX_RESULTS, 150_000),  # over the size limit: cut to fit
        (300, sarif.MAX_RESULTS, 5_000),  # not even one result fits
    ],
)
def test_the_sarif_cap_keeps_exactly_what_it_kept(
    results: int, limit: int, size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sarif, "MAX_RESULTS", limit)
    monkeypatch.setattr(sarif, "MAX_BYTES", size)
    report = _big_report(results)
    report.files[0].waived = [  # waived results go last; so do rules in no pack
        WaivedFinding(
            finding("XYZ9", file="proj/ai-usage.yaml", line=n, path=f"p{n}"), "r", "", None
        )
        for n in range(30)
    ]
    text, note = sarif.dumps(report, POLICIES)
    assert text == _in_memory_sarif(report, POLICIES)
    shown = len(json.loads(text)["runs"][0]["results"])
    assert shown < results + 31
    assert note is not None and f"{shown} of {results + 31}" in note


# --- the pieces ----------------------------------------------------------------------------


_XML_PIECES = st.one_of(
    st.characters(),  # any code point, lone surrogates and non-BMP included
    st.sampled_from(["]]>", "<![CDATA[", "&amp;", '"', "'", "\r\n", "\t", "\x00", "\x1b"]),
)


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_XML_PIECES, max_size=12).map("".join))
def test_xml_escaping_is_elementtree_s(text: str) -> None:
    element = ET.Element("case", {"name": text, "b": "x"})
    element.text = text
    assert junit._leaf("case", {"name": text, "b": "x"}, text) == ET.tostring(
        element, encoding="unicode"
    )
    empty = ET.Element("case", {"name": text})
    assert junit._leaf("case", {"name": text}) == ET.tostring(empty, encoding="unicode")


def test_xml_escaping_of_what_junit_writes_parses_back() -> None:
    """After :func:`junit.clean`, hostile text (controls, ``]]>``, quotes, non-BMP) reads back
    from the XML as the cleaned text."""
    for raw in [
        "a]]>b",
        '"quoted" & <tag>',
        "\x00\x1b[2J\x7f",
        "😀 \U0010ffff",
        "\r\n\t",
        "\ud800",
    ]:
        shown = junit.clean(raw)
        element = ET.fromstring(junit._leaf("x", {"a": shown}, shown))
        assert element.text == shown
        assert element.get("a") == shown


@st.composite
def _runs(draw: st.DrawFn) -> list[Finding]:
    """Findings of a few files, some files in several stretches, a few names with the
    fingerprint separator in them."""
    files = draw(st.lists(st.sampled_from(["a", "b", "c", "x\x1fy", "x"]), min_size=1, max_size=6))
    out = []
    for file in files:
        for _ in range(draw(st.integers(0, 3))):
            rule = draw(st.sampled_from(["COC201", "COC202", "A\x1fB", "A"]))
            path = draw(st.sampled_from(["uses[a]", "B\x1fy", "y", ""]))
            out.append(finding(rule, file=file, path=path))
    return out


@settings(max_examples=300, deadline=None)
@given(found=_runs())
def test_fingerprints_that_forget_a_finished_file_are_the_same(found: list[Finding]) -> None:
    everything = list(fingerprinted(found))
    assert list(fingerprinted(found, None, returning(found))) == everything
    assert len({fp for _, fp in everything}) == len(everything)


def test_a_file_that_comes_back_keeps_its_counts() -> None:
    found = [finding(line=1), finding(file=FILE_B), finding(line=2)]
    assert returning(found) == {FILE_A}
    prints = [fp for _, fp in fingerprinted(found, None, returning(found))]
    assert prints[2] == prints[0] + ":2"


def test_the_separator_keeps_every_count() -> None:
    found = [finding("A\x1fB", file="x"), finding("A", file="x\x1fB")]
    assert returning(found) is None


@given(text=hostile())
@settings(max_examples=50, deadline=None)
def test_neutralised_results_are_made_as_they_are_read(text: str) -> None:
    """A report whose results are not a :class:`ResultStore` is cleaned pass by pass; every
    pass sees the same clean texts."""
    report = Report(
        files=[FileResult(text, [finding(file=text, message=text)])], policies=[], today=TODAY
    )
    cleaned = neutral_report(report, visible)
    assert not isinstance(cleaned.files, list)
    first = [f.message for f in cleaned.findings]
    assert first == [f.message for f in cleaned.findings] == [visible(text)]
    assert [r.file for r in report.files] == [text]  # the report itself is unchanged


def test_the_generated_scan_is_a_real_report() -> None:
    """The generated scan is a real report: every format renders it and JSON counts it."""
    report = Report(files=Generated(3, 4), policies=[], today=dt.date(2026, 11, 21))
    data = json.loads(_render("json", report))
    assert data["summary"]["files"] == 3
    assert len(data["findings"]) == 12
