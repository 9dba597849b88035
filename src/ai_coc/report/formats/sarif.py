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

The log is written result by result, never built whole: a first pass counts the results by
priority (which gives the cut-off), the next writes the log to a temporary file, and that is
copied out if it is within the size limit (see :func:`write_log`).
"""

from __future__ import annotations

import io
import itertools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from ai_coc import __version__
from ai_coc.i18n import pick, t
from ai_coc.report.formats.common import (
    FINGERPRINT_KEY,
    SourceRoot,
    Stretches,
    fingerprinted,
    severity_word,
    uri_reference,
)
from ai_coc.report.neutral import JsonStream
from ai_coc.report.report import Report, file_names
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


def _rank(finding: Finding, waived: bool) -> tuple[int, int, int]:
    """:func:`_priority` of the result of ``finding``, without making the result."""
    return (
        1 if waived else 0,
        0 if finding.red_line and finding.severity == "error" else 1,
        -SEVERITY_RANK[finding.severity],
    )


def _keep(results: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The ``limit`` most important results, in report order."""
    if len(results) <= limit:
        return results
    order = sorted(range(len(results)), key=lambda i: _priority(results[i]))
    chosen = sorted(order[:limit])
    return [results[i] for i in chosen]


def _note(shown: int, total: int, lang: str) -> str:
    return t(
        "The SARIF report lists {shown} of {total} results: GitHub code "
        "scanning shows at most {limit} per run and rejects a file over "
        "10 MB. The most severe results are kept; `--format json` or "
        "`--format text` shows them all.",
        lang,
        shown=shown,
        total=total,
        limit=MAX_RESULTS,
    )


def _invocation(shown: int, total: int, lang: str) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if shown < total:
        invocation["toolExecutionNotifications"] = [
            {
                "descriptor": {"id": "ai-coc/results-capped"},
                "level": "warning",
                "message": {"text": _note(shown, total, lang)},
            }
        ]
    return invocation


def _properties(report: Report, shown: int, total: int) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "today": report.today.isoformat(),
        "fail_on": report.fail_on,
        "policies": [p.as_dict() for p in report.policies],
    }
    if shown < total:
        properties["results_total"] = total
        properties["results_omitted"] = total - shown
    return properties


def _base_ids(root: SourceRoot, lang: str) -> dict[str, Any]:
    return {
        SRCROOT: {
            "uri": root.uri(),
            "description": {
                "text": t("The top of the repository that holds the checked manifests", lang)
            },
        }
    }


def as_dict(
    report: Report,
    policies: PolicySet,
    *,
    max_results: int = MAX_RESULTS,
    root: SourceRoot | None = None,
) -> dict[str, Any]:
    """The report as a SARIF 2.1.0 log (at most ``max_results`` results), all of it in memory;
    :func:`render` writes the same log result by result."""
    lang = report.lang
    if root is None:
        root = SourceRoot(file_names(report.files))
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
                "invocations": [_invocation(len(results), total, lang)],
                "originalUriBaseIds": _base_ids(root, lang),
                "artifacts": artifacts,
                "results": results,
                "language": lang,
                "properties": _properties(report, len(results), total),
            }
        ],
    }


# --- the log, written result by result ----------------------------------------------------


class _Survey:
    """What a first pass over the findings finds out: how many results there are and of what
    priority, the rules in no loaded pack, and what fingerprinting needs (see
    :class:`ai_coc.report.formats.common.Stretches`). Its size does not grow with the scan."""

    def __init__(self, report: Report, policies: PolicySet, root: SourceRoot) -> None:
        self.index = {rule.id: number for number, rule in enumerate(policies.rules)}
        self.ranks: Counter[tuple[int, int, int]] = Counter()
        found, waived = Stretches(root.name), Stretches(root.name)
        # one pass: the rules of findings come first, then those only waived findings have
        adhoc: dict[str, Finding] = {}
        adhoc_waived: dict[str, Finding] = {}
        for result in report.files:
            for finding in result.sorted_findings():
                self.ranks[_rank(finding, False)] += 1
                found.add(finding)
                if finding.rule_id not in self.index:
                    adhoc.setdefault(finding.rule_id, finding)
            for waiver in result.waived:
                self.ranks[_rank(waiver.finding, True)] += 1
                waived.add(waiver.finding)
                if waiver.finding.rule_id not in self.index:
                    adhoc_waived.setdefault(waiver.finding.rule_id, waiver.finding)
        #: findings of rules in no loaded pack, the first of each rule, in report order
        self.adhoc = [*adhoc.values(), *(f for r, f in adhoc_waived.items() if r not in adhoc)]
        for number, finding in enumerate(self.adhoc, start=len(policies.rules)):
            self.index[finding.rule_id] = number
        self.total = sum(self.ranks.values())
        self.back, self.back_waived = found.back, waived.back

    def cut(self, limit: int) -> tuple[tuple[int, int, int], int] | None:
        """Which results :func:`_keep` keeps of all: those ranked before the rank returned,
        and the first ones (the number returned) of that rank; None for all of them."""
        if self.total <= limit:
            return None
        left = limit
        for rank in sorted(self.ranks):
            if self.ranks[rank] >= left:
                return rank, left
            left -= self.ranks[rank]
        raise AssertionError("unreachable: fewer results than the limit")


def _items(
    report: Report, root: SourceRoot, survey: _Survey
) -> Iterator[tuple[Finding, str, str | None]]:
    """Every result's finding with its fingerprint and, for a waived one, the reason."""
    for finding, fp in fingerprinted(report.findings, root.name, survey.back):
        yield finding, fp, None
    waivers = report.waived
    shown = fingerprinted((w.finding for w in waivers), root.name, survey.back_waived)
    for waiver, (waived, fp) in zip(waivers, shown, strict=True):
        yield waived, fp, waiver.reason


def _value(value: Any, indent: str) -> str:
    """``value`` as ``json.dumps(..., indent=2)`` writes it at this depth."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _array(write: Callable[[str], object], items: Iterable[Any], indent: str) -> int:
    """Write a JSON array item by item, as ``json.dumps(..., indent=2)`` writes it at this
    depth; the number of items."""
    count = 0
    inner = indent + "  "
    for item in items:
        write(("[\n" if count == 0 else ",\n") + inner + _value(item, inner))
        count += 1
    write("[]" if count == 0 else "\n" + indent + "]")
    return count


def _write(
    report: Report,
    policies: PolicySet,
    root: SourceRoot,
    survey: _Survey,
    limit: int,
    write: Callable[[str], object],
) -> int:
    """Write the log of :func:`as_dict` with ``max_results=limit``; the number of results."""
    lang = report.lang
    cut = survey.cut(limit)
    shown = survey.total if cut is None else limit
    write('{\n  "$schema": ' + _value(SARIF_SCHEMA, "  "))
    write(',\n  "version": ' + _value(SARIF_VERSION, "  "))
    write(',\n  "runs": [\n    {\n      "tool": {\n        "driver": {')
    for key in ("name", "version", "semanticVersion"):
        value = "ai-coc" if key == "name" else __version__
        write("\n          " + _value(key, "") + ": " + _value(value, "") + ",")
    write('\n          "rules": ')
    rules = itertools.chain(
        (_rule(rule, policies, lang, report.docs_url) for rule in policies.rules),
        (_adhoc_rule(finding, lang) for finding in survey.adhoc),
    )
    _array(write, rules, " " * 10)
    write("\n        }\n      },")
    write('\n      "invocations": ' + _value([_invocation(shown, survey.total, lang)], " " * 6))
    write(',\n      "originalUriBaseIds": ' + _value(_base_ids(root, lang), " " * 6))
    write(',\n      "artifacts": ')
    _array(write, ({"location": _artifact(f.file, root)} for f in report.files), " " * 6)
    write(',\n      "results": ')
    _array(write, _kept(report, root, survey, cut), " " * 6)
    write(',\n      "language": ' + _value(lang, " " * 6))
    write(',\n      "properties": ' + _value(_properties(report, shown, survey.total), " " * 6))
    write("\n    }\n  ]\n}")
    return shown


def _kept(
    report: Report,
    root: SourceRoot,
    survey: _Survey,
    cut: tuple[tuple[int, int, int], int] | None,
) -> Iterator[dict[str, Any]]:
    """The results that :func:`_keep` keeps, in report order, one at a time."""
    taken = 0  # results of the rank at the cut, so far
    for finding, fp, reason in _items(report, root, survey):
        if cut is not None:
            rank = _rank(finding, reason is not None)
            if rank > cut[0]:
                continue
            if rank == cut[0]:
                if taken >= cut[1]:
                    continue
                taken += 1
        result = _result(finding, survey.index[finding.rule_id], fp, root, report.lang)
        if reason is not None:
            result["suppressions"] = [{"kind": "external", "justification": reason}]
        yield result


class _Size:
    """Counts the UTF-8 bytes of what is written through it (to ``then``, if given)."""

    def __init__(self, then: Callable[[str], object] | None = None) -> None:
        self.bytes = 0
        self._then = then

    def __call__(self, text: str) -> None:
        self.bytes += len(text.encode("utf-8", "surrogatepass"))
        if self._then is not None:
            self._then(text)


def write_log(report: Report, policies: PolicySet, write: Callable[[str], object]) -> str | None:
    """Write the SARIF log within GitHub's limits (:data:`MAX_RESULTS` results,
    :data:`MAX_BYTES` bytes) through ``write``, a result at a time; the note if results were
    left out.

    A first pass over the results counts them by priority, which gives the cut-off. The log
    with at most :data:`MAX_RESULTS` results then goes to an anonymous temporary file, whose
    size decides: within :data:`MAX_BYTES`, it is copied out. Over it, the log is measured
    with proportionally fewer results until it fits (as the log built whole always was), and
    written. What is kept in memory does not grow with the number of findings."""
    import tempfile

    root = SourceRoot(file_names(report.files))
    survey = _Survey(report, policies, root)
    limit = MAX_RESULTS
    with tempfile.TemporaryFile(
        "w+", encoding="utf-8", errors="surrogatepass", newline="", prefix="ai-coc-sarif-"
    ) as spool:
        size = _Size(spool.write)
        shown = _write(report, policies, root, survey, limit, size)
        if size.bytes <= MAX_BYTES or shown == 0:
            spool.seek(0)
            while chunk := spool.read(1 << 16):
                write(chunk)
            return _note(shown, survey.total, report.lang) if shown < survey.total else None
    while size.bytes > MAX_BYTES and shown > 0:
        limit = max(0, min(shown - 1, int(shown * MAX_BYTES / size.bytes * 0.95)))
        size = _Size()
        shown = _write(report, policies, root, survey, limit, size)
    _write(report, policies, root, survey, limit, write)
    return _note(shown, survey.total, report.lang)


def dumps(report: Report, policies: PolicySet) -> tuple[str, str | None]:
    """The SARIF text within GitHub's limits, and the note if results were left out."""
    out = io.StringIO()
    note = write_log(report, policies, out.write)
    return out.getvalue(), note


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    out = JsonStream(stream)  # JSON escapes the rest; see ai_coc.report.neutral
    note = write_log(report, policies, out.write)
    out.write("\n")
    if note:
        print(f"ai-coc: {note}", file=sys.stderr)
