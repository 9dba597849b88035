"""``--format junit``: JUnit XML, read by most CI systems as test results.

One ``<testsuite>`` per manifest. Inside it, one ``<testcase>`` per finding (a
``<failure>`` when it makes the run fail, ``<skipped>`` when it is below ``--fail-on``
or waived) and one passing ``<testcase>`` for each rule that found nothing in that file.
"""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from ai_coc.i18n import t
from ai_coc.report.formats.common import fails, posix
from ai_coc.report.report import FileResult, Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

#: Characters XML 1.0 does not allow, even escaped (YAML allows some in "\x01" strings).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    """``text`` with characters that XML cannot carry replaced."""
    return _ILLEGAL.sub("\ufffd", text)


def _details(finding: Finding, lang: str) -> str:
    loc = finding.location
    lines = [f"{posix(loc.file)}:{loc.line}:{loc.column}: {finding.message}"]
    if loc.path:
        lines.append(f"path: {loc.path}")
    if finding.red_line:
        lines.append(t("report.red_line", lang))
    if finding.fix:
        lines.append(f"{t('report.fix', lang)}: {finding.fix}")
    if finding.help_url:
        lines.append(f"{t('report.help', lang)}: {finding.help_url}")
    return clean("\n".join(lines))


def _case(suite: ET.Element, finding: Finding, classname: str) -> ET.Element:
    name = f"{finding.rule_id} {finding.rule_name}"
    if finding.location.path:
        name += f" [{finding.location.path}]"
    return ET.SubElement(
        suite,
        "testcase",
        {
            "classname": classname,
            "name": clean(name),
            "file": posix(finding.location.file),
            "line": str(finding.location.line),
        },
    )


def build(report: Report, policies: PolicySet) -> ET.Element:
    """The ``<testsuites>`` element of a report."""
    root = ET.Element("testsuites", {"name": "ai-coc"})
    total = failures = skipped = 0
    for result in report.files:
        suite, tests, fail, skip = _suite(result, report, policies)
        root.append(suite)
        total += tests
        failures += fail
        skipped += skip
    _totals(root, total, failures, skipped)
    return root


def _totals(root: ET.Element, total: int, failures: int, skipped: int) -> None:
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))


def _suite(
    result: FileResult, report: Report, policies: PolicySet
) -> tuple[ET.Element, int, int, int]:
    """The ``<testsuite>`` of one file, and its numbers of tests, failures and skipped."""
    lang = report.lang
    file = posix(result.file)
    classname = "ai-coc." + file
    suite = ET.Element("testsuite", {"name": clean(file)})
    tests = fail = skip = 0
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
            ET.SubElement(
                case,
                "skipped",
                {"message": clean(f"{finding.severity}: {finding.message}")},
            )
            skip += 1
    for waived in result.waived:
        found_rules.add(waived.finding.rule_id)
        case = _case(suite, waived.finding, classname)
        ET.SubElement(
            case,
            "skipped",
            {"message": clean(f"{t('report.waived', lang)}: {waived.reason}")},
        )
        tests += 1
        skip += 1
    for rule in policies.rules:
        if rule.id in found_rules:
            continue
        ET.SubElement(
            suite,
            "testcase",
            {"classname": classname, "name": f"{rule.id} {rule.name}", "file": file},
        )
        tests += 1
    suite.set("tests", str(tests))
    suite.set("failures", str(fail))
    suite.set("errors", "0")
    suite.set("skipped", str(skip))
    return suite, tests, fail, skip


def _counts(result: FileResult, report: Report, policies: PolicySet) -> tuple[int, int, int]:
    """The numbers of :func:`_suite` without building it."""
    found = {f.rule_id for f in result.findings} | {w.finding.rule_id for w in result.waived}
    fail = sum(1 for finding in result.findings if fails(finding, report))
    tests = len(result.findings) + len(result.waived)
    tests += sum(1 for rule in policies.rules if rule.id not in found)
    return tests, fail, len(result.findings) - fail + len(result.waived)


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Written one ``<testsuite>`` (file) at a time: a first pass counts the totals that the
    ``<testsuites>`` element carries, the second writes the files."""
    total = failures = skipped = 0
    for result in report.files:
        tests, fail, skip = _counts(result, report, policies)
        total, failures, skipped = total + tests, failures + fail, skipped + skip
    root = ET.Element("testsuites", {"name": "ai-coc"})
    _totals(root, total, failures, skipped)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    opening = ET.tostring(root, encoding="unicode")  # <testsuites ... />
    written = False
    for result in report.files:
        if not written:
            stream.write(opening[: -len(" />")] + ">")
            written = True
        suite = _suite(result, report, policies)[0]
        ET.indent(suite, level=1)
        stream.write("\n  " + ET.tostring(suite, encoding="unicode"))
    stream.write("\n</testsuites>\n" if written else opening + "\n")
