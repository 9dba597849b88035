"""Waivers and severity overrides: what happens to findings after the engine.

Both are pure functions of their arguments (no I/O, no clock), applied after
:func:`ai_coc.rules.engine.evaluate`:

- :func:`apply_severity` applies the configuration's per-rule severities (``off`` drops a
  finding) and forces every red-line finding to ``error``.
- :func:`apply_waivers` moves findings accepted by a valid waiver of the manifest to the
  waived list, and reports waivers that are expired, unapproved, too long, unused, name an
  unknown rule or try to waive a red line (rules ``COC010``–``COC015`` of the built-in pack,
  ``policies/coc/0-waivers.yaml``).

A red line is never waived and never softened: its finding stays an error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from ai_coc.i18n import N_, t
from ai_coc.read.document import Document
from ai_coc.rules import cache as packcache
from ai_coc.rules.checks import justification_problem
from ai_coc.rules.findings import Finding, WaivedFinding
from ai_coc.rules.policy import PolicySet, Rule

# Built-in rules about waivers, by name (texts in policies/coc/0-waivers.yaml).
EXPIRED = "expired-waiver"
UNAPPROVED = "unapproved-waiver"
TOO_LONG = "waiver-beyond-horizon"
UNUSED = "unused-waiver"
UNKNOWN_RULE = "waiver-unknown-rule"
NOT_WAIVABLE = "waiver-on-red-line"

#: How many days ahead a waiver may end unless the configuration says otherwise.
DEFAULT_WAIVER_MAX_DAYS = 365

#: Words a reason needs at least (shorter is not a reason).
REASON_MIN_WORDS = 3


def apply_severity(findings: Iterable[Finding], overrides: Mapping[str, str]) -> list[Finding]:
    """Per-rule severities from the configuration; red lines always stay errors."""
    out: list[Finding] = []
    for finding in findings:
        if finding.red_line:
            if finding.severity != "error":
                finding = dataclasses.replace(finding, severity="error")
            out.append(finding)
            continue
        wanted = overrides.get(finding.rule_id)
        if wanted == "off":
            continue
        if wanted is not None and wanted != finding.severity:
            finding = dataclasses.replace(finding, severity=wanted)
        out.append(finding)
    return out


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def apply_waivers(
    findings: list[Finding],
    waivers_data: Any,
    doc: Document,
    policies: PolicySet,
    today: dt.date,
    horizon: int,
    *,
    lang: str = "en",
) -> tuple[list[Finding], list[WaivedFinding], list[Finding]]:
    """Apply the manifest's ``waivers:`` to ``findings``.

    Returns the findings that stay, the waived ones, and findings about the waivers
    themselves. A waiver takes effect only if it names a known, waivable rule and has a
    reason, an approver and an end date that is neither past nor beyond ``horizon`` days.
    """
    from ai_coc.rules.engine import _Emitter, as_date  # the engine's finding builder

    emitter = _Emitter(doc, policies, today, lang)
    problems: list[Finding] = []

    def report(name: str, blame: tuple[Any, ...], node: tuple[Any, ...], **extra: str) -> None:
        rule = policies.by_name.get(name)
        if rule is not None:
            problems.append(emitter.emit(rule, blame, node_path=node, extra=extra))

    effective: list[tuple[int, Rule, str | None, Mapping[str, Any], dt.date]] = []
    entries = waivers_data if isinstance(waivers_data, list) else []
    for index, entry in enumerate(entries):
        if not isinstance(entry, Mapping):
            continue  # a schema finding already says so
        here = ("waivers", index)
        ref = entry.get("rule")
        if not isinstance(ref, str) or not ref.strip():
            continue  # missing or wrong type: a schema finding
        rule = policies.find(ref.strip())
        if rule is None:
            report(UNKNOWN_RULE, (*here, "rule"), here, rule=ref)
            continue
        # structural: the tool's own rules outside the principles (schema, waivers)
        structural = rule.spec.kind == "builtin" and rule.principle is None
        if rule.red_line or not rule.waivable or structural:
            key = (
                N_("{rule} is a red line of your organisation")
                if rule.red_line
                else N_("{rule} checks the structure of the manifest or its waivers")
                if structural
                else N_("{rule} is marked `waivable: false` in its policy pack")
            )
            problem = t(key, lang, rule=rule.id)
            report(NOT_WAIVABLE, (*here, "rule"), here, rule=rule.id, problem=problem)
            continue
        missing: list[str] = []
        if justification_problem(
            entry.get("reason"), REASON_MIN_WORDS, questions=packcache.interview_questions
        ):
            missing.append("reason")
        if not _text(entry.get("approved_by")):
            missing.append("approved_by")
        if entry.get("expires") is None:
            missing.append("expires")
        if missing:
            blame = (*here, missing[0]) if missing[0] in entry else here
            report(UNAPPROVED, blame, here, rule=rule.id, key=", ".join(missing))
            continue
        expires = as_date(entry.get("expires"), with_time=False)
        if expires is None:
            continue  # not a date: a schema finding
        if expires < today:
            report(EXPIRED, (*here, "expires"), here, rule=rule.id)
            continue
        if (expires - today).days > horizon:
            report(TOO_LONG, (*here, "expires"), here, rule=rule.id, days=str(horizon))
            continue
        use = entry.get("use")
        effective.append((index, rule, use if isinstance(use, str) else None, entry, expires))

    kept: list[Finding] = []
    waived: list[WaivedFinding] = []
    used: set[int] = set()
    for finding in findings:
        match = None
        if not finding.red_line:
            for index, rule, use, entry, expires in effective:
                if finding.rule_id == rule.id and (use is None or finding.use == use):
                    match = (index, entry, expires)
                    break
        if match is None:
            kept.append(finding)
            continue
        index, entry, expires = match
        used.add(index)
        waived.append(
            WaivedFinding(
                finding=finding,
                reason=_text(entry.get("reason")),
                approved_by=_text(entry.get("approved_by")),
                expires=expires,
            )
        )
    for index, rule, _use, _entry, _expires in effective:
        if index not in used:
            here = ("waivers", index)
            report(UNUSED, here, here, rule=rule.id)
    problems.sort(key=lambda f: f.sort_key)
    return kept, waived, problems


def finish(
    findings: list[Finding],
    doc: Document,
    policies: PolicySet,
    today: dt.date,
    *,
    lang: str = "en",
    overrides: Mapping[str, str] | None = None,
    horizon: int = DEFAULT_WAIVER_MAX_DAYS,
) -> tuple[list[Finding], list[WaivedFinding]]:
    """Severities, then waivers, for the engine's findings of one manifest.

    Returns the findings to report (sorted) and the waived ones.
    """
    overrides = overrides or {}
    findings = apply_severity(findings, overrides)
    data = doc.data if isinstance(doc.data, Mapping) else {}
    kept, waived, problems = apply_waivers(
        findings, data.get("waivers"), doc, policies, today, horizon, lang=lang
    )
    kept.extend(apply_severity(problems, overrides))
    kept.sort(key=lambda f: f.sort_key)
    return kept, waived
