"""``--format sarif``: SARIF 2.1.0 for code-scanning tools (GitHub code scanning and others).

Every rule of the run is listed with its full help as text and Markdown (what it finds, why,
how to fix it), so GitHub shows it without following any link. Every finding carries a
``partialFingerprints`` entry built from rule, file and logical path (see
:func:`ai_coc.report.formats.common.fingerprint`), so it keeps its identity when lines move.
File names are relative to the repository root (``%SRCROOT%``, declared in
``originalUriBaseIds``), whatever folder the check ran in.

GitHub's limits are kept: at most :data:`MAX_RESULTS` results (GitHub shows no more than
5,000 of a run and rejects more than 25,000) and at most :data:`MAX_BYTES` of JSON (GitHub
rejects larger uploads). What does not fit is left out, the most severe results first kept,
and the run says so in a tool notification and on standard error.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any, TextIO

from ai_coc import __version__
from ai_coc.i18n import pick, t
from ai_coc.report.formats.common import (
    FINGERPRINT_KEY,
    SourceRoot,
    fingerprinted,
    severity_word,
    uri_reference,
)
from ai_coc.report.neutral import JsonStream
from ai_coc.report.report import Report
from ai_coc.rules.findings import SEVERITY_RANK, Finding
from ai_coc.rules.policy import PolicySet, Rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The base that every artifact URI is relative to.
SRCROOT = "%SRCROOT%"
#: GitHub code scanning shows at most 5,000 results of a run (and rejects over 25,000).
MAX_RESULTS = 5000
#: GitHub rejects SARIF uploads over 10 MB; kept with a margin, measured uncompressed.
MAX_BYTES = 9_500_000

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def uri(file: str) -> str:
    """A relative file name as a URI reference (``/`` separators, spaces and ``#`` escaped)."""
    return uri_reference(file)


def _help(rule: Rule, policies: PolicySet, lang: str) -> tuple[str, str]:
    """The rule's help as plain text and as Markdown."""
    summary = rule.text("summary", lang)
    rationale = rule.text("rationale", lang)
    fix = rule.text("fix", lang)
    principle = policies.principle(rule.principle)
    facts = [(t("Severity", lang), severity_word(rule.severity, lang))]
    if principle is not None:
        facts.insert(
            0,
            (t("Principle", lang), f"{principle.number}. {pick(principle.name, lang)}"),
        )
    facts.append((t("Policy pack", lang), rule.pack.name))
    more = t(
        "Run `ai-coc rule {id}` for an example that triggers this rule and one that passes.",
        lang,
        id=rule.id,
    )
    red = [t("red line — cannot be waived", lang)] if rule.red_line else []
    text_parts = [summary, *red, *(f"{k}: {v}" for k, v in facts)]
    if rationale:
        text_parts.append(t("Why", lang) + f": {rationale}")
    text_parts += [(t("How to fix it", lang) + f": {fix}"), more]
    md = [f"**{summary}**", ""]
    if red:
        md += [f"**{red[0]}**", ""]
    md += [" · ".join(f"{k}: {v}" for k, v in facts), ""]
    if rationale:
        md += [("### " + t("Why", lang)), "", rationale, ""]
    md += [("### " + t("How to fix it", lang)), "", fix, "", more]
    return "\n\n".join(text_parts), "\n".join(md)


def _rule(rule: Rule, policies: PolicySet, lang: str, docs_url: str = "") -> dict[str, Any]:
    text, markdown = _help(rule, policies, lang)
    tags = [tag for tag in (rule.principle, "red-line" if rule.red_line else None) if tag]
    data: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.text("summary", lang)},
        "fullDescription": {"text": rule.text("rationale", lang) or rule.text("summary", lang)},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": [*tags, *rule.spec.tags],
            "pack": rule.pack.name,
            "principle": rule.principle,
            "red_line": rule.red_line,
        },
    }
    if rule.spec.source:
        data["properties"]["source"] = rule.spec.source
    if rule.spec.basis:
        data["properties"]["basis"] = list(rule.spec.basis)
    url = rule.help_url_for(docs_url)
    if url:
        data["helpUri"] = url
    return data


def _adhoc_rule(finding: Finding, lang: str) -> dict[str, Any]:
    """A descriptor for a finding whose rule is in no loaded pack (hand-built reports)."""
    more = t(
        "Run `ai-coc rule {id}` for an example that triggers this rule and one that passes.",
        lang,
        id=finding.rule_id,
    )
    text = "\n\n".join(part for part in (finding.fix, more) if part)
    data: dict[str, Any] = {
        "id": finding.rule_id,
        "name": finding.rule_name,
        "shortDescription": {"text": finding.rule_name},
        "fullDescription": {"text": finding.rule_name},
        "help": {"text": text, "markdown": text},
        "defaultConfiguration": {"level": _LEVEL[finding.severity]},
    }
    if finding.help_url:
        data["helpUri"] = finding.help_url
    return data


def _artifact(file: str, root: SourceRoot) -> dict[str, Any]:
    """An ``artifactLocation``: relative to ``%SRCROOT%``, or absolute for a file outside it."""
    relative = root.relative(file)
    if relative is None:
        return {"uri": root.absolute_uri(file)}
    return {"uri": uri(relative), "uriBaseId": SRCROOT}


def _result(finding: Finding, index: int, fp: str, root: SourceRoot, lang: str) -> dict[str, Any]:
    loc = finding.location
    text = finding.message
    if finding.fix:
        text += "\n" + t("How to fix it", lang) + f": {finding.fix}"
    region: dict[str, Any] = {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)}
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": _artifact(loc.file, root), "region": region}
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


def _priority(result: dict[str, Any]) -> tuple[int, int, int]:
    """Sort key of what to keep first: red lines, then by severity; waived ones last."""
    props = result["properties"]
    return (
        1 if "suppressions" in result else 0,
        0 if props["red_line"] and props["severity"] == "error" else 1,
        -SEVERITY_RANK[props["severity"]],
    )


def _keep(results: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most important results, in report order."""
    if len(results) <= limit:
        return results
    order = sorted(range(len(results)), key=lambda i: _priority(results[i]))
    chosen = sorted(order[:limit])
    return [results[i] for i in chosen]


def as_dict(
    report: Report,
    policies: PolicySet,
    *,
    max_results: int = MAX_RESULTS,
    root: SourceRoot | None = None,
) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (at most ``max_results`` results)."""
    lang = report.lang
    if root is None:
        root = SourceRoot(f.file for f in report.files)
    name: Callable[[str], str] = root.name
    rules = [_rule(rule, policies, lang, report.docs_url) for rule in policies.rules]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for finding, fp in fingerprinted(report.findings, name):
        if finding.rule_id not in index:
            index[finding.rule_id] = len(rules)
            rules.append(_adhoc_rule(finding, lang))
        results.append(_result(finding, index[finding.rule_id], fp, root, lang))
    waivers = report.waived
    for waiver, (waived, fp) in zip(
        waivers, fingerprinted((w.finding for w in waivers), name), strict=True
    ):
        if waived.rule_id not in index:
            index[waived.rule_id] = len(rules)
            rules.append(_adhoc_rule(waived, lang))
        result = _result(waived, index[waived.rule_id], fp, root, lang)
        result["suppressions"] = [{"kind": "external", "justification": waiver.reason}]
        results.append(result)
    total = len(results)
    results = _keep(results, max_results)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    properties: dict[str, Any] = {
        "today": report.today.isoformat(),
        "fail_on": report.fail_on,
        "policies": [p.as_dict() for p in report.policies],
    }
    if len(results) < total:
        note = t(
            "The SARIF report lists {shown} of {total} results: GitHub code "
            "scanning shows at most {limit} per run and rejects a file over "
            "10 MB. The most severe results are kept; `--format json` or "
            "`--format text` shows them all.",
            lang,
            shown=len(results),
            total=total,
            limit=MAX_RESULTS,
        )
        invocation["toolExecutionNotifications"] = [
            {
                "descriptor": {"id": "ai-coc/results-capped"},
                "level": "warning",
                "message": {"text": note},
            }
        ]
        properties["results_total"] = total
        properties["results_omitted"] = total - len(results)
    artifacts = [{"location": _artifact(f.file, root)} for f in report.files]
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
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "originalUriBaseIds": {
                    SRCROOT: {
                        "uri": root.uri(),
                        "description": {
                            "text": t(
                                "The top of the repository that holds the checked manifests", lang
                            )
                        },
                    }
                },
                "artifacts": artifacts,
                "results": results,
                "language": lang,
                "properties": properties,
            }
        ],
    }


def dumps(report: Report, policies: PolicySet) -> tuple[str, str | None]:
    """The SARIF text within GitHub's limits, and the note if results were left out."""
    root = SourceRoot(f.file for f in report.files)
    limit = MAX_RESULTS
    while True:
        log = as_dict(report, policies, max_results=limit, root=root)
        text = json.dumps(log, ensure_ascii=False, indent=2)
        size = len(text.encode("utf-8", "surrogatepass"))
        shown = len(log["runs"][0]["results"])
        if size <= MAX_BYTES or shown == 0:
            break
        limit = max(0, min(shown - 1, int(shown * MAX_BYTES / size * 0.95)))
    notes = log["runs"][0]["invocations"][0].get("toolExecutionNotifications", [])
    return text, notes[0]["message"]["text"] if notes else None


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    text, note = dumps(report, policies)
    out = JsonStream(stream)  # JSON escapes the rest; see ai_coc.report.neutral
    out.write(text)
    out.write("\n")
    if note:
        print(f"ai-coc: {note}", file=sys.stderr)
