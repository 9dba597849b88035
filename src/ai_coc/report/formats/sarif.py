"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

Every rule of the loaded packs is listed with its ``helpUri``; every finding carries a
``partialFingerprints`` entry built from rule, file and logical path (see
:func:`ai_coc.report.formats.common.fingerprint`), so it keeps its identity when lines move.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any, TextIO
from urllib.parse import quote

from ai_coc import __version__
from ai_coc.report.formats.common import (
    FINGERPRINT_KEY,
    dump_json,
    fingerprinted,
    posix,
    streamed,
)
from ai_coc.report.report import Report
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet, Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://ai-coc.readthedocs.io/"

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri(file: str) -> str:
    """A relative file name as a URI reference (``/`` separators, spaces and ``#`` escaped)."""
    return quote(posix(file), safe="/")


def _rule(rule: Rule, lang: str) -> dict[str, Any]:
    fix = rule.text("fix", lang)
    rationale = rule.text("rationale", lang)
    tags = [t for t in (rule.principle, "red-line" if rule.red_line else None) if t]
    data: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.text("summary", lang)},
        "fullDescription": {"text": rationale or rule.text("summary", lang)},
        "help": {"text": fix, "markdown": fix},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": [*tags, *rule.spec.tags],
            "pack": rule.pack.name,
            "principle": rule.principle,
            "red_line": rule.red_line,
        },
    }
    if rule.help_url:
        data["helpUri"] = rule.help_url
    return data


def _adhoc_rule(finding: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule is not in the loaded packs (hand-built reports)."""
    data: dict[str, Any] = {
        "id": finding.rule_id,
        "name": finding.rule_name,
        "shortDescription": {"text": finding.rule_name},
        "defaultConfiguration": {"level": _LEVEL[finding.severity]},
    }
    if finding.help_url:
        data["helpUri"] = finding.help_url
    return data


def _result(finding: Finding, index: int, fp: str) -> dict[str, Any]:
    loc = finding.location
    text = finding.message
    if finding.fix:
        text += f"\nFix: {finding.fix}"
    region: dict[str, Any] = {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)}
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(loc.file), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }
    if loc.path:
        location["logicalLocations"] = [{"fullyQualifiedName": loc.path, "kind": "member"}]
    properties: dict[str, Any] = {
        "principle": finding.principle,
        "severity": finding.severity,
        "red_line": finding.red_line,
        "pack": finding.pack,
    }
    if finding.use:
        properties["use"] = finding.use
    return {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": _LEVEL[finding.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": properties,
    }


def as_dict(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log."""
    log = _log(report, policies)
    run = log["runs"][0]
    run["artifacts"] = list(run["artifacts"].items)
    run["results"] = list(run["results"].items)
    return log


def _log(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The log with its two long arrays (artifacts, results) left to be produced as they are
    written (see :func:`~ai_coc.report.formats.common.dump_json`)."""
    lang = report.lang
    rules = [_rule(rule, lang) for rule in policies.rules]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    # The rules come before the results in the log: a first pass finds the rules of
    # findings that no loaded pack has (hand-built reports); only rule IDs are kept.
    for finding in itertools.chain(report.findings, (w.finding for w in report.waived)):
        if finding.rule_id not in index:
            index[finding.rule_id] = len(rules)
            rules.append(_adhoc_rule(finding))

    def results() -> Iterator[dict[str, Any]]:
        for finding, fp in fingerprinted(report.findings):
            yield _result(finding, index[finding.rule_id], fp)
        waivers = report.waived
        for waiver, (waived, fp) in zip(
            waivers, fingerprinted(w.finding for w in waivers), strict=True
        ):
            result = _result(waived, index[waived.rule_id], fp)
            result["suppressions"] = [{"kind": "external", "justification": waiver.reason}]
            yield result

    artifacts = ({"location": {"uri": uri(f.file), "uriBaseId": "%SRCROOT%"}} for f in report.files)
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ai-coc",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "artifacts": streamed(artifacts),
                "results": streamed(results()),
                "language": lang,
                "properties": {
                    "today": report.today.isoformat(),
                    "fail_on": report.fail_on,
                    "policies": [p.as_dict() for p in report.policies],
                },
            }
        ],
    }


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    dump_json(_log(report, policies), stream)  # results written one at a time
    stream.write("\n")
