"""``ai-coc policy test``: a policy pack is tested like code.

Every rule of a pack has two example manifests inside the pack,
``examples/<RULE-ID>/fail.yaml`` and ``examples/<RULE-ID>/pass.yaml``. Lines of
``fail.yaml`` that must be reported end with a marker comment ``# expect: RULE-ID`` (several
IDs are separated by commas). A rule passes its test when

- ``fail.yaml`` reports the rule on exactly the marked lines (no marked line missed, no
  unmarked finding of the rule), and every other rule marked in the file is reported on its
  marked line too;
- ``pass.yaml`` reports the rule nowhere (markers for other rules are checked as above).

A rule without both examples fails. The examples are checked as of the pack's
``examples_today`` (or :data:`DEFAULT_TODAY`), so that date rules are reproducible.

Built-in rules that look at more than the manifest (:data:`SKIPPED`: the git history) are
skipped, with the reason shown; their examples are tested in a real git repository by the
test suite instead.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.files import display_path
from ai_coc.i18n import N_, t
from ai_coc.read.document import split_lines
from ai_coc.records import FrozenRecord, Record
from ai_coc.rules.findings import Finding
from ai_coc.rules.packs import load_pack
from ai_coc.rules.policy import BUILTIN_PACK, Pack, PolicySet, Rule, builtin_pack_dir

#: The date used when a pack does not set ``examples_today``.
DEFAULT_TODAY = dt.date(2026, 11, 21)

#: Built-in rules whose examples cannot be checked from the files alone -> why (i18n key).
SKIPPED: dict[str, str] = {
    "undeclared-ai-in-history": N_(
        "skipped: this rule reads the git history, which example files "
        "cannot carry; the test suite checks it in a real git repository"
    )
}

#: ``# expect: COC101`` or ``# expect: COC101, COC201`` at the end of a line.
MARKER = re.compile(r"(?:^|\s)#\s*expect:\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)\s*$")


@dataclass(frozen=True, eq=False, repr=False)
class Problem(FrozenRecord):
    """One reason why a rule's test failed, located in an example file."""

    file: str
    line: int | None
    message: str

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


@dataclass(eq=False, repr=False)
class RuleOutcome(Record):
    """The test result of one rule."""

    rule_id: str
    name: str
    problems: list[Problem] = field(default_factory=list)
    #: why the examples were not run (see :data:`SKIPPED`)
    skipped: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(eq=False, repr=False)
class PackOutcome(Record):
    """The test result of a whole pack."""

    pack: str
    version: str
    today: dt.date
    rules: list[RuleOutcome]

    @property
    def failed(self) -> list[RuleOutcome]:
        return [r for r in self.rules if not r.ok]

    @property
    def ok(self) -> bool:
        return bool(self.rules) and not self.failed

    @property
    def skipped(self) -> list[RuleOutcome]:
        return [r for r in self.rules if r.skipped is not None]

    def to_dict(self) -> dict[str, Any]:
        return {
            "format_version": 1,
            "pack": self.pack,
            "version": self.version,
            "today": self.today.isoformat(),
            "ok": self.ok,
            "summary": {
                "total": len(self.rules),
                "passed": len(self.rules) - len(self.failed) - len(self.skipped),
                "failed": len(self.failed),
                "skipped": len(self.skipped),
            },
            "rules": [
                {
                    "id": r.rule_id,
                    "name": r.name,
                    "ok": r.ok,
                    "skipped": r.skipped,
                    "problems": [
                        {"file": p.file, "line": p.line, "message": p.message} for p in r.problems
                    ],
                }
                for r in self.rules
            ],
            "skipped": [r.rule_id for r in self.skipped],
        }


def resolve_pack(argument: str) -> Pack:
    """``coc`` (the built-in pack) or the folder of a pack. A broken pack raises InputError."""
    path = Path(argument)
    if argument == BUILTIN_PACK and not (path / "pack.yaml").is_file():
        return load_pack(builtin_pack_dir(), origin=f"builtin:{BUILTIN_PACK}")
    return load_pack(path)


def policies_for(pack: Pack) -> PolicySet:
    """The rules an example is checked against: the pack, plus the built-in pack's schema
    rules (every manifest is checked against them) when the pack is another one."""
    if pack.name == BUILTIN_PACK and pack.meta.prefix == "COC":
        return PolicySet(packs=[pack], principles=list(pack.meta.principles))
    from ai_coc.rules.packs import load_policies

    return load_policies([pack])


def parse_markers(text: str) -> dict[str, set[int]]:
    """Rule IDs (upper case) and the lines marked with ``# expect: ID``."""
    marks: dict[str, set[int]] = defaultdict(set)
    for number, line in enumerate(split_lines(text), start=1):
        match = MARKER.search(line)
        if match:
            for ident in match.group(1).split(","):
                marks[ident.strip().upper()].add(number)
    return dict(marks)


def _findings(
    path: Path, display: str, policies: PolicySet, today: dt.date, lang: str
) -> list[Finding]:
    from ai_coc.read.yaml import load_document, require_manifest
    from ai_coc.rules.engine import evaluate
    from ai_coc.run.check import environment_for
    from ai_coc.run.waivers import finish

    doc = load_document(path, display=display)
    require_manifest(doc)
    findings = evaluate(doc, policies, today, lang=lang, env=environment_for(doc))
    # as in `ai-coc check`: waivers apply, and broken waivers are findings themselves
    reported, _waived = finish(findings, doc, policies, today, lang=lang)
    return reported


def _check_marked(
    marks: dict[str, set[int]],
    by_rule: dict[str, dict[int, Finding]],
    policies: PolicySet,
    display: str,
    skip: str,
) -> list[Problem]:
    """Every marker (except for rule ``skip``) must be matched by a finding on its line."""
    problems: list[Problem] = []
    for ident, lines in sorted(marks.items()):
        if ident == skip:
            continue
        rule = policies.find(ident)
        if rule is None:
            for line in sorted(lines):
                problems.append(
                    Problem(
                        display,
                        line,
                        t(
                            "the marker names '{rule}', which is not a rule of the loaded packs",
                            rule=ident,
                        ),
                    )
                )
            continue
        found = by_rule.get(rule.id, {})
        for line in sorted(lines - set(found)):
            problems.append(
                Problem(
                    display,
                    line,
                    t("expected {rule} here (marked), but it was not reported", rule=rule.id),
                )
            )
    return problems


def _by_rule(findings: list[Finding]) -> dict[str, dict[int, Finding]]:
    table: dict[str, dict[int, Finding]] = defaultdict(dict)
    for finding in findings:
        table[finding.rule_id].setdefault(finding.location.line, finding)
    return table


def run_rule_examples(rule: Rule, policies: PolicySet, today: dt.date, lang: str) -> RuleOutcome:
    """Run the two examples of one rule."""
    outcome = RuleOutcome(rule.id, rule.name)
    if rule.spec.kind == "builtin" and rule.name in SKIPPED:
        outcome.skipped = t(SKIPPED[rule.name])
        return outcome
    if _about_configuration(rule.pack, rule):
        outcome.skipped = t(
            "skipped: this rule checks configuration files, not manifests; the test suite "
            "checks it (tests/gate/)"
        )
        return outcome
    for kind in ("fail", "pass"):
        path = rule.example_path(kind)
        display = display_path(path)
        if not path.is_file():
            outcome.problems.append(
                Problem(
                    display,
                    None,
                    t("the example file is missing (every rule needs fail.yaml and pass.yaml)"),
                )
            )
            continue
        try:
            text = path.read_text(encoding="utf-8")
            findings = _findings(path, display, policies, today, lang)
        except (InputError, OSError, UnicodeDecodeError) as exc:
            message = exc.message if isinstance(exc, InputError) else str(exc)
            line = exc.line if isinstance(exc, InputError) else None
            outcome.problems.append(
                Problem(
                    display, line, t("the example cannot be checked: {problem}", problem=message)
                )
            )
            continue
        marks = parse_markers(text)
        by_rule = _by_rule(findings)
        own = by_rule.get(rule.id, {})
        expected = marks.get(rule.id, set())
        if kind == "fail":
            if not expected:
                outcome.problems.append(
                    Problem(
                        display,
                        None,
                        t(
                            "no line is marked with `# expect: {rule}`; mark the lines where "
                            "{rule} must be reported",
                            rule=rule.id,
                        ),
                    )
                )
            for line in sorted(expected - set(own)):
                outcome.problems.append(
                    Problem(
                        display,
                        line,
                        t("expected {rule} here (marked), but it was not reported", rule=rule.id),
                    )
                )
            for line in sorted(set(own) - expected):
                outcome.problems.append(
                    Problem(
                        display,
                        line,
                        t(
                            "{rule} was reported here, but the line is not marked: {message}",
                            rule=rule.id,
                            message=own[line].message,
                        ),
                    )
                )
        else:
            for line in sorted(expected):
                outcome.problems.append(
                    Problem(
                        display,
                        line,
                        t("the passing example must not mark {rule} as expected", rule=rule.id),
                    )
                )
            for line, finding in sorted(own.items()):
                outcome.problems.append(
                    Problem(
                        display,
                        line,
                        t(
                            "{rule} must not be reported in the passing example: {message}",
                            rule=rule.id,
                            message=finding.message,
                        ),
                    )
                )
        outcome.problems.extend(_check_marked(marks, by_rule, policies, display, rule.id))
    return outcome


def _about_configuration(pack: Pack, rule: Rule) -> bool:
    """A built-in rule that checks configuration files, not manifests (tag ``config``): manifest
    examples cannot show it, so its tests live in the test suite (tests/gate/)."""
    return pack.name == BUILTIN_PACK and rule.spec.kind == "builtin" and "config" in rule.spec.tags


def run_pack_examples(pack: Pack, *, lang: str = "en", today: dt.date | None = None) -> PackOutcome:
    """Test every rule of ``pack`` against its examples."""
    policies = policies_for(pack)
    day = today or pack.meta.examples_today or DEFAULT_TODAY
    outcomes = [run_rule_examples(rule, policies, day, lang) for rule in pack.rules]
    return PackOutcome(pack.name, pack.version, day, outcomes)


def render_text(outcome: PackOutcome) -> str:
    """One line per rule, the problems below a failing rule, and a summary line."""
    lines: list[str] = []
    width = max((len(r.rule_id) for r in outcome.rules), default=6)
    for rule in outcome.rules:
        status = t("ok") if rule.ok else t("FAIL")
        if rule.skipped is not None:
            status = t("skip")
        lines.append(f"{status:<6} {rule.rule_id:<{width}}  {rule.name}")
        if rule.skipped is not None:
            lines.append(f"         {rule.skipped}")
        for problem in rule.problems:
            lines.append(f"         {problem.format()}")
    if not outcome.rules:
        lines.append(t("the pack has no rules"))
    lines.append("")
    lines.append(
        t(
            "{pack} {version}: {total} rule(s) tested, {passed} passed, "
            "{failed} failed (examples checked as of {today})",
            pack=outcome.pack,
            version=outcome.version,
            total=len(outcome.rules),
            passed=len(outcome.rules) - len(outcome.failed) - len(outcome.skipped),
            failed=len(outcome.failed),
            today=outcome.today.isoformat(),
        )
        + (
            t("; {count} skipped (see the reason under the rule)", count=len(outcome.skipped))
            if outcome.skipped
            else ""
        )
    )
    return "\n".join(lines)
