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
from ai_coc.report.neutral import neutral_report, visible
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

#: Characters XML 1.0 does not allow, even escaped (YAML allows some in "\x01" strings).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
        lines.append(t("report.red_line", lang))
    if finding.fix:
        lines.append(f"{t('report.fix', lang)}: {finding.fix}")
    if finding.help_url:
        lines.append(f"{t('report.help', lang)}: {finding.help_url}")
    return "\n".join(clean(line) for line in lines)


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
            "file": clean(posix(finding.location.file)),
            "line": str(finding.location.line),
        },
    )


def build(report: Report, policies: PolicySet) -> ET.Element:
    """The ``<testsuites>`` element of a report."""
    lang = report.lang
    root = ET.Element("testsuites", {"name": "ai-coc"})
    total = failures = skipped = 0
    for result in report.files:
        file = clean(posix(result.file))
        classname = "ai-coc." + file
        suite = ET.SubElement(root, "testsuite", {"name": clean(file)})
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
                {"classname": classname, "name": clean(f"{rule.id} {rule.name}"), "file": file},
            )
            tests += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(fail))
        suite.set("errors", "0")
        suite.set("skipped", str(skip))
        total += tests
        failures += fail
        skipped += skip
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    return root


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    root = build(neutral_report(report, visible), policies)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")
