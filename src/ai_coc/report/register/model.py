"""The register's data: one :class:`Repository` per checked manifest, and the views the register
shows (red-line hits, overdue reviews, waivers running out, unknown labour or provenance,
deliberate non-uses, changes since a previous register)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ai_coc.records import Record

#: Cell states, from best to worst.
STATES: tuple[str, ...] = ("ok", "infos", "warnings", "errors", "red")
#: Evidence statuses the register lists as "not known".
UNKNOWN_EVIDENCE: tuple[str | None, ...] = (None, "unknown", "not_disclosed")
#: Use statuses that are not (or no longer) a use: left out of the public page and of the
#: "unknown labour or provenance" list.
NOT_IN_USE: tuple[str, ...] = ("rejected", "retired")
#: How far ahead the register looks for waivers that run out.
HORIZONS: tuple[int, ...] = (30, 90)


@dataclass(eq=False, repr=False)
class Principle(Record):
    """One of the eight principles: its slug, number and name in each language."""

    slug: str
    number: int
    name: dict[str, str]

    def label(self, lang: str) -> str:
        return self.name.get(lang) or self.name.get("en") or self.slug


@dataclass(eq=False, repr=False)
class Cell(Record):
    """The findings of one repository under one principle."""

    errors: int = 0
    warnings: int = 0
    infos: int = 0
    red: int = 0
    baselined: int = 0
    rules: set[str] = field(default_factory=set)

    @property
    def state(self) -> str:
        if self.red:
            return "red"
        if self.errors:
            return "errors"
        if self.warnings:
            return "warnings"
        if self.infos:
            return "infos"
        return "ok"

    def add(self, severity: str, rule: str, red_line: bool) -> None:
        """Count a finding; a red line is counted only as a red line, not by severity."""
        self.rules.add(rule)
        if red_line:
            self.red += 1
            return
        if severity == "error":
            self.errors += 1
        elif severity == "warning":
            self.warnings += 1
        else:
            self.infos += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "red_lines": self.red,
            "baselined": self.baselined,
            "rules": sorted(self.rules),
        }


@dataclass(eq=False, repr=False)
class Hit(Record):
    """A finding the register shows one by one: a crossed red line."""

    repo: str
    rule: str
    name: str
    severity: str
    message: str
    path: str
    use: str | None
    principle: str | None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.rule, self.path, self.use or "")

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "use": self.use,
            "principle": self.principle,
        }


@dataclass(eq=False, repr=False)
class Repository(Record):
    """One checked manifest, as the register knows it."""

    key: str
    name: str
    organisation: str | None
    url: str | None
    source: str
    manifest: str
    today: str
    tool_version: str
    ai_used: bool = True
    last_reviewed: str | None = None
    next_review_due: str | None = None
    notice: str | None = None
    feedback: str | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    red_hits: list[Hit] = field(default_factory=list)
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    waived: int = 0
    baselined: int = 0
    uses: list[dict[str, Any]] = field(default_factory=list)
    non_uses: list[dict[str, Any]] = field(default_factory=list)
    waivers: list[dict[str, Any]] = field(default_factory=list)
    #: False for a report written before the JSON format carried ``files[].inventory``.
    has_inventory: bool = True

    def cell(self, slug: str) -> Cell:
        found = self.cells.get(slug)
        if found is None:
            found = self.cells[slug] = Cell()
        return found

    @property
    def state(self) -> str:
        """The worst state over all cells."""
        worst = "ok"
        for cell in self.cells.values():
            if STATES.index(cell.state) > STATES.index(worst):
                worst = cell.state
        return worst

    def review_overdue(self, today: dt.date) -> int | None:
        """Days the review is overdue (``None``: not overdue or no date)."""
        if self.next_review_due is None:
            return None
        days = (today - dt.date.fromisoformat(self.next_review_due)).days
        return days if days > 0 else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "organisation": self.organisation,
            "url": self.url,
            "source": self.source,
            "manifest": self.manifest,
            "today": self.today,
            "tool_version": self.tool_version,
            "ai_used": self.ai_used,
            "review": {
                "last_reviewed": self.last_reviewed,
                "next_review_due": self.next_review_due,
            },
            "notice": self.notice,
            "feedback": self.feedback,
            "state": self.state,
            "errors": self.errors,
            "warnings": self.warnings,
            "infos": self.infos,
            "waived": self.waived,
            "baselined": self.baselined,
            "cells": {slug: cell.as_dict() for slug, cell in self.cells.items()},
            "red_line_hits": [hit.as_dict() for hit in self.red_hits],
            "uses": self.uses,
            "non_uses": self.non_uses,
            "waivers": self.waivers,
        }


@dataclass(eq=False, repr=False)
class Change(Record):
    """One difference from the previous register."""

    repo: str
    kind: str  # repo-added, repo-removed, red-added, red-removed, use-added, use-removed, counts
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {"repository": self.repo, "kind": self.kind, "detail": self.detail}


@dataclass(eq=False, repr=False)
class Register(Record):
    """Everything the register shows, as of ``today``."""

    today: dt.date
    principles: list[Principle]
    repositories: list[Repository]
    sources: int = 0
    changes: list[Change] | None = None
    previous_date: str | None = None

    # --- the views -----------------------------------------------------------------------

    def red_hits(self) -> list[tuple[Repository, Hit]]:
        return [(repo, hit) for repo in self.repositories for hit in repo.red_hits]

    def overdue(self) -> list[tuple[Repository, int]]:
        rows = []
        for repo in self.repositories:
            days = repo.review_overdue(self.today)
            if days is not None:
                rows.append((repo, days))
        return sorted(rows, key=lambda row: (-row[1], row[0].name))

    def waivers_until(self, days: int) -> list[tuple[Repository, dict[str, Any], int]]:
        """Waivers that run out within ``days`` (and ones already expired: negative days)."""
        rows = []
        for repo in self.repositories:
            for waiver in repo.waivers:
                expires = waiver.get("expires")
                if not isinstance(expires, str):
                    continue
                left = (dt.date.fromisoformat(expires) - self.today).days
                if left <= days:
                    rows.append((repo, waiver, left))
        return sorted(rows, key=lambda row: (row[2], row[0].name))

    def unknown_evidence(self) -> list[tuple[Repository, dict[str, Any]]]:
        rows = []
        for repo in self.repositories:
            for use in repo.uses:
                if use.get("status") in NOT_IN_USE:
                    continue
                labour = (use.get("labour") or {}).get("status")
                provenance = (use.get("provenance") or {}).get("status")
                if labour in UNKNOWN_EVIDENCE or provenance in UNKNOWN_EVIDENCE:
                    rows.append((repo, use))
        return rows

    def non_uses(self) -> list[tuple[Repository, str, dict[str, Any]]]:
        """Deliberate decisions against AI: ``non_uses``, rejected uses, ``ai_used: false``."""
        rows: list[tuple[Repository, str, dict[str, Any]]] = []
        for repo in self.repositories:
            if not repo.ai_used:
                rows.append((repo, "no-ai", {}))
            for item in repo.non_uses:
                rows.append((repo, "non-use", item))
            for use in repo.uses:
                if use.get("status") == "rejected":
                    rows.append((repo, "rejected", use))
        return rows

    def public_uses(self) -> list[tuple[Repository, dict[str, Any]]]:
        return [
            (repo, use)
            for repo in self.repositories
            for use in repo.uses
            if use.get("status") not in NOT_IN_USE
        ]

    def totals(self) -> dict[str, int]:
        return {
            "repositories": len(self.repositories),
            "uses": sum(len(r.uses) for r in self.repositories),
            "red_line_hits": sum(len(r.red_hits) for r in self.repositories),
            "errors": sum(r.errors for r in self.repositories),
            "warnings": sum(r.warnings for r in self.repositories),
            "infos": sum(r.infos for r in self.repositories),
            "waived": sum(r.waived for r in self.repositories),
            "baselined": sum(r.baselined for r in self.repositories),
            "overdue_reviews": len(self.overdue()),
        }
