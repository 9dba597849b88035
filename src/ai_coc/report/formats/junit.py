"""``--format junit``: JUnit XML, read by most CI systems as test results.

One ``<testsuite>`` per manifest. Inside it, one ``<testcase>`` per finding and one passing
``<testcase>`` for each rule that found nothing in that file. A finding that makes the run fail
is a ``<failure>``; one below ``--fail-on``, and a waived one, is a passing case whose
``<system-out>`` carries the text -- CI servers show it with the case but count it neither as
a failure nor as a skipped test. The XML validates against ``junit-10.xsd`` (the schema of
Jenkins' xunit plugin and of Maven Surefire), and every text is made safe for XML 1.0.

The XML is written one ``<testsuite>`` at a time, exactly as :mod:`xml.etree.ElementTree`
writes the tree of :func:`build` (indented): one pass over the files counts the tests for the
``<testsuites>`` element, the next writes them.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from ai_coc.i18n import t
from ai_coc.report.formats.common import fails, posix, severity_word
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import FileResult, Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

#: Characters XML 1.0 does not allow, even escaped (YAML allows some in "\x01" strings).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with characters that XML cannot carry shown as escapes (see
    :func:`ai_coc.report.neutral.visible`; whatever is left is replaced)."""
    return _ILLEGAL.sub("\ufffd", visible(text))


def _details(finding: Finding, lang: str) -> str:
    loc = finding.location
    lines = [f"{posix(loc.file)}:{loc.line}:{loc.column}: {finding.message}"]
    if loc.path:
        lines.append(f"path: {loc.path}")
    if finding.red_line:
        lines.append(t("red line — cannot be waived", lang))
    if finding.fix:
        lines.append(t("fix", lang) + f": {finding.fix}")
    if finding.help_url:
        lines.append(t("docs", lang) + f": {finding.help_url}")
    else:
        lines.append(t("explain", lang) + f": ai-coc rule {finding.rule_id}")
    return "\n".join(clean(line) for line in lines)


def _case(suite: ET.Element, finding: Finding, classname: str) -> ET.Element:
    name = f"{finding.rule_id} {finding.rule_name}"
    if finding.location.path:
        name += f" [{finding.location.path}]"
    return ET.SubElement(suite, "testcase", {"classname": classname, "name": clean(name)})


def _out(case: ET.Element, text: str) -> None:
    ET.SubElement(case, "system-out").text = clean(text)


def build(report: Report, policies: PolicySet) -> ET.Element:
    """The ``<testsuites>`` element of a report."""
    lang = report.lang
    root = ET.Element("testsuites", {"name": "ai-coc"})
    total = failures = 0
    for result in report.files:
        file = clean(posix(result.file))
        classname = "ai-coc." + file
        suite = ET.SubElement(root, "testsuite", {"name": file, "file": file})
        tests = fail = 0
        found_rules: set[str] = set()
        for finding in result.sorted_findings():
            found_rules.add(finding.rule_id)
            case = _case(suite, finding, classname)
            tests += 1
            if fails(finding, report):
                failure = ET.SubElement(
                    case, "failure", {"message": clean(finding.message), "type": finding.severity}
                )
                failure.text = _details(finding, lang)
                fail += 1
            else:
                # Below --fail-on: a passing case that carries the note in its output, so CI
                # servers neither fail the build nor count it as a skipped test.
                note = t(
                    "Notes below the fail threshold (--fail-on {fail_on}); they do "
                    "not fail the check:",
                    lang,
                    fail_on=report.fail_on,
                )
                severity = severity_word(finding.severity, lang)
                _out(case, f"{note}\n[{severity}] {_details(finding, lang)}")
        for waived in result.waived:
            found_rules.add(waived.finding.rule_id)
            case = _case(suite, waived.finding, classname)
            reason = t("Waived", lang) + f": {waived.reason}"
            _out(
                case,
                (
                    t("Waived findings (not counted as failures):", lang)
                    + f"\n{reason}\n{_details(waived.finding, lang)}"
                ),
            )
            tests += 1
        for rule in policies.rules:
            if rule.id in found_rules:
                continue
            ET.SubElement(
                suite,
                "testcase",
                {"classname": classname, "name": clean(f"{rule.id} {rule.name}")},
            )
            tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(fail))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total += tests
        failures += fail
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    return root


# --- the XML, written suite by suite -----------------------------------------------------

_CDATA = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)


def escape_text(text: str) -> str:
    """Character data as :mod:`xml.etree.ElementTree` writes it (``&``, ``<``, ``>``)."""
    return text.translate(_CDATA)


def escape_attribute(value: str) -> str:
    """An attribute value as :mod:`xml.etree.ElementTree` writes it (``&``, ``<``, ``>``,
    ``"``, CR, LF and TAB as references)."""
    return value.translate(_ATTRIBUTE)


def _tag(name: str, attributes: dict[str, str]) -> str:
    """``<name a="…" b="…"``, not yet closed."""
    return "<" + name + "".join(f' {key}="{escape_attribute(v)}"' for key, v in attributes.items())


def _leaf(name: str, attributes: dict[str, str], text: str = "") -> str:
    """An element without children, as ``ElementTree.tostring`` writes it."""
    if not text:
        return _tag(name, attributes) + " />"
    return _tag(name, attributes) + ">" + escape_text(text) + "</" + name + ">"


def _numbers(report: Report, policies: PolicySet, result: FileResult) -> tuple[int, int]:
    """The tests and failures of the ``<testsuite>`` of ``result`` (see :func:`_cases`)."""
    found_rules = {f.rule_id for f in result.findings} | {w.finding.rule_id for w in result.waived}
    passing = sum(1 for rule in policies.rules if rule.id not in found_rules)
    failures = sum(1 for f in result.findings if fails(f, report))
    return len(result.findings) + len(result.waived) + passing, failures


def _cases(report: Report, policies: PolicySet, result: FileResult, classname: str) -> list[str]:
    """The ``<testcase>`` elements of one file, as :func:`build` makes them (indented)."""
    lang = report.lang
    cases: list[str] = []

    def case(finding: Finding, child: str) -> None:
        name = f"{finding.rule_id} {finding.rule_name}"
        if finding.location.path:
            name += f" [{finding.location.path}]"
        head = _tag("testcase", {"classname": classname, "name": clean(name)})
        cases.append(head + ">\n      " + child + "\n    </testcase>")

    found_rules: set[str] = set()
    for finding in result.sorted_findings():
        found_rules.add(finding.rule_id)
        if fails(finding, report):
            failure = {"message": clean(finding.message), "type": finding.severity}
            case(finding, _leaf("failure", failure, _details(finding, lang)))
        else:
            note = t(
                "Notes below the fail threshold (--fail-on {fail_on}); they do not fail the check:",
                lang,
                fail_on=report.fail_on,
            )
            severity = severity_word(finding.severity, lang)
            text = f"{note}\n[{severity}] {_details(finding, lang)}"
            case(finding, _leaf("system-out", {}, clean(text)))
    for waived in result.waived:
        found_rules.add(waived.finding.rule_id)
        reason = t("Waived", lang) + f": {waived.reason}"
        text = (
            t("Waived findings (not counted as failures):", lang)
            + f"\n{reason}\n{_details(waived.finding, lang)}"
        )
        case(waived.finding, _leaf("system-out", {}, clean(text)))
    for rule in policies.rules:
        if rule.id not in found_rules:
            name = clean(f"{rule.id} {rule.name}")
            cases.append(_leaf("testcase", {"classname": classname, "name": name}))
    return cases


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write what ``ET.tostring`` writes of :func:`build`, indented, one ``<testsuite>`` at a
    time: one pass counts the tests for ``<testsuites>``, the next writes them."""
    report = neutral_report(report, visible)
    tests = failures = 0
    for result in report.files:
        counted = _numbers(report, policies, result)
        tests += counted[0]
        failures += counted[1]
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    attributes = {"name": "ai-coc", "tests": str(tests), "failures": str(failures), "errors": "0"}
    if not report.files:
        stream.write(_tag("testsuites", attributes) + " />\n")
        return
    stream.write(_tag("testsuites", attributes) + ">")
    for result in report.files:
        file = clean(posix(result.file))
        cases = _cases(report, policies, result, "ai-coc." + file)
        counted = _numbers(report, policies, result)
        suite = {"name": file, "file": file, "tests": str(counted[0])}
        suite |= {"failures": str(counted[1]), "errors": "0", "skipped": "0"}
        if not cases:
            stream.write("\n  " + _tag("testsuite", suite) + " />")
            continue
        stream.write("\n  " + _tag("testsuite", suite) + ">")
        for case in cases:
            stream.write("\n    " + case)
        stream.write("\n  </testsuite>")
    stream.write("\n</testsuites>\n")
