"""Baselines: the findings an organisation accepts as today's state, so a check fails only on
what is new.

A baseline file (JSON) lists accepted findings by **file, rule and logical path** — never by
line, so moving text around in a manifest does not break it. Each entry has a ``count`` (how
many findings with that key are accepted). The file can only shrink: ``ai-coc baseline``
writes it once; after that it only removes entries that no longer match (``--prune``). A red
line is never accepted: it is left out when the file is written and ignored when an edited
file names it anyway.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.records import Record
from ai_coc.report.report import FileResult, Report, ResultStore
from ai_coc.rules.findings import Finding

#: The version of the baseline file format.
BASELINE_VERSION = 1
#: The file ``ai-coc baseline`` and ``check --baseline`` use when none is named.
DEFAULT_FILE = "ai-coc-baseline.json"

Key = tuple[str, str, str]  # (file, rule ID, logical path)


def normal_file(name: str) -> str:
    """A manifest's name as a baseline stores it: forward slashes, no leading ``./``."""
    name = name.replace("\\", "/")
    while name.startswith("./"):
        name = name[2:]
    return name


def key_of(finding: Finding) -> Key:
    return (normal_file(finding.location.file), finding.rule_id, finding.location.path)


@dataclass(eq=False, repr=False)
class Entry(Record):
    """One accepted finding (or several with the same key)."""

    file: str
    rule: str
    path: str
    count: int = 1
    name: str = ""

    @property
    def key(self) -> Key:
        return (self.file, self.rule, self.path)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "rule": self.rule}
        if self.name:
            data["name"] = self.name
        data["path"] = self.path
        data["count"] = self.count
        return data


@dataclass(eq=False, repr=False)
class Baseline(Record):
    """The entries of a baseline file, in file order."""

    entries: list[Entry] = field(default_factory=list)
    created: str | None = None

    def counts(self) -> Counter[Key]:
        totals: Counter[Key] = Counter()
        for entry in self.entries:
            totals[entry.key] += entry.count
        return totals

    def as_dict(self) -> dict[str, Any]:
        return {
            "ai_coc_baseline": BASELINE_VERSION,
            "created": self.created,
            "entries": [e.as_dict() for e in sorted(self.entries, key=lambda e: e.key)],
        }

    def text(self) -> str:
        """The file's contents (sorted, so that it changes only where entries change)."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def _bad(
    path: Path, problem: str, line: int | None = None, column: int | None = None
) -> InputError:
    return InputError(
        t("this is not a usable baseline file: {problem}", problem=problem),
        file=str(path),
        line=line,
        column=column,
        hint=t("write the file with `ai-coc baseline`; edit it only to remove entries"),
    )


def load(path: Path) -> Baseline:
    """Read a baseline file; a missing or broken one is a located input error (exit 2)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(
            t("file not found"),
            file=str(path),
            hint=t("create it with `ai-coc baseline` (without --prune)"),
        ) from None
    except UnicodeDecodeError:
        raise _bad(path, t("the file is not UTF-8 text")) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _bad(path, exc.msg, exc.lineno, exc.colno) from None
    if not isinstance(data, dict) or data.get("ai_coc_baseline") != BASELINE_VERSION:
        raise _bad(
            path,
            t(
                "it must be a JSON object with `ai_coc_baseline: {version}`",
                version=BASELINE_VERSION,
            ),
            1,
            1,
        )
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise _bad(path, t("`entries` must be a list"), 1, 1)
    entries: list[Entry] = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise _bad(
                path, t("entry {number} needs the texts `file`, `rule` and `path`", number=number)
            )
        file, rule, where = item.get("file"), item.get("rule"), item.get("path")
        count = item.get("count", 1)
        if not (isinstance(file, str) and isinstance(rule, str) and isinstance(where, str)):
            raise _bad(
                path, t("entry {number} needs the texts `file`, `rule` and `path`", number=number)
            )
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise _bad(
                path,
                t("entry {number}: `count` must be a whole number of at least 1", number=number),
            )
        name = item.get("name")
        entries.append(
            Entry(normal_file(file), rule, where, count, name if isinstance(name, str) else "")
        )
    created = data.get("created")
    return Baseline(entries, created if isinstance(created, str) else None)


def from_findings(findings: Iterable[Finding], today: dt.date) -> tuple[Baseline, int]:
    """A new baseline accepting ``findings``; also how many red-line findings were left out."""
    counts: Counter[Key] = Counter()
    names: dict[Key, str] = {}
    red = 0
    for finding in findings:
        if finding.red_line:
            red += 1
            continue
        counts[key_of(finding)] += 1
        names[key_of(finding)] = finding.rule_name
    entries = [Entry(f, r, p, n, names[(f, r, p)]) for (f, r, p), n in counts.items()]
    return Baseline(entries, today.isoformat()), red


@dataclass(eq=False, repr=False)
class Outcome(Record):
    """What ``check --baseline`` did: the file, how many findings it accepted, which entries
    no longer match (fixed), and which files it did not see (their entries are left alone)."""

    file: str
    entries: int
    accepted: int = 0
    fixed: list[Entry] = field(default_factory=list)
    kept: Counter[Key] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "entries": self.entries,
            "accepted": self.accepted,
            "fixed": [e.as_dict() for e in self.fixed],
        }


def split(result: FileResult, remaining: Counter[Key]) -> FileResult:
    """Move the findings of ``result`` that ``remaining`` accepts to ``result.baselined``.

    ``remaining`` is used up as entries match. Red lines always stay findings."""
    kept: list[Finding] = []
    for finding in result.findings:
        key = key_of(finding)
        if not finding.red_line and remaining[key] > 0:
            remaining[key] -= 1
            result.baselined.append(finding)
        else:
            kept.append(finding)
    result.findings = kept
    return result


def apply(report: Report, baseline: Baseline, file: str) -> Report:
    """``report`` with the accepted findings moved apart; sets ``report.baseline``."""
    remaining = baseline.counts()
    checked: set[str] = set()

    def change(result: FileResult) -> FileResult:
        checked.add(normal_file(result.file))
        return split(result, remaining)

    files = report.files
    if isinstance(files, ResultStore):
        report.files = files.replace_each(change)
        files.close()
    else:
        report.files = [change(result) for result in files]
    outcome = Outcome(file, sum(e.count for e in baseline.entries))
    outcome.accepted = sum(len(r.baselined) for r in report.files)
    fixed: Counter[Key] = Counter()
    for key, left in remaining.items():
        if left > 0 and key[0] in checked:
            fixed[key] = left
    names = {e.key: e.name for e in baseline.entries}
    outcome.fixed = [
        Entry(f, r, p, n, names.get((f, r, p), "")) for (f, r, p), n in sorted(fixed.items())
    ]
    outcome.kept = baseline.counts() - fixed
    report.baseline = outcome
    return report


def pruned(baseline: Baseline, outcome: Outcome) -> Baseline:
    """The baseline without the entries that no longer match (it never grows)."""
    left = Counter(outcome.kept)
    entries: list[Entry] = []
    for entry in baseline.entries:
        count = min(entry.count, left[entry.key])
        if count > 0:
            left[entry.key] -= count
            entries.append(Entry(entry.file, entry.rule, entry.path, count, entry.name))
    return Baseline(entries, baseline.created)
