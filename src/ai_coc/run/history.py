"""AI use in the git history that the manifest does not declare.

Many coding assistants sign the commits they helped with: an ``Assisted-by:`` or
``Generated-by:`` trailer (the convention of the Linux kernel and of other projects for AI
tools), or a ``Co-authored-by:`` trailer that names the assistant. When a manifest declares no
use of that tool, the project uses AI without saying so.

:func:`read_trailers` asks git once for every such trailer of the commits since a date (one
``git log`` call: git filters the trailers itself, this module only splits its output).
:func:`undeclared` then compares them with the manifest's uses; it is pure, so the engine can
call it without touching the disk. :class:`HistoryCache` makes sure that a run checking many
manifests of one repository calls git once for all of them.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ai_coc.rules.trailers import (
    AI_KEYS,
    COAUTHOR_KEYS,
    LOG_FORMAT,
    Trailer,
    parse_log,
)

#: ``last_reviewed: 2026-10-01`` in the raw text, to know how far back to read before parsing.
_LAST_REVIEWED = re.compile(
    r"^[^#\n]*\blast_reviewed[\"']?\s*:\s*[\"']?(\d{4}-\d{2}-\d{2})", re.MULTILINE
)


def read_trailers(root: Path, since: dt.date | None) -> list[Trailer] | None:
    """Every AI trailer of the commits in ``root`` committed on or after ``since`` (all
    commits without a date), newest first; ``None`` when git is missing or ``root`` is no
    repository with commits. One ``git log`` call."""
    keys = "|".join(k.casefold() for k in (*AI_KEYS, *COAUTHOR_KEYS))
    args = [
        "git",
        "-C",
        str(root),
        "log",
        # only commits with such a line are formatted at all (git reads every commit anyway)
        "--regexp-ignore-case",
        "--extended-regexp",
        f"--grep=^({keys})[[:space:]]*:",
        f"--format={LOG_FORMAT}",
    ]
    if since is not None:
        # git's --since takes a day as "that day at the current time"; start a day earlier
        # at midnight and compare the committer's own date below.
        args.append(f"--since={(since - dt.timedelta(days=1)).isoformat()} 00:00:00")
    try:
        done = subprocess.run(args, capture_output=True, check=False, stdin=subprocess.DEVNULL)
    except OSError:
        return None
    if done.returncode != 0:
        return None
    trailers = parse_log(done.stdout.decode("utf-8", errors="replace"))
    if since is not None:
        trailers = [t for t in trailers if t.committed >= since]
    return trailers


def commits_after(folder: Path, ref: str) -> set[str] | None:
    """The commits reachable from HEAD but not from ``ref`` (``git rev-list REF..HEAD``), for
    ``check --since``; ``None`` when git cannot tell."""
    if ref.startswith("-"):
        return None
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "rev-list", f"{ref}..HEAD", "--"],
            capture_output=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except OSError:
        return None
    if done.returncode != 0:
        return None
    return set(done.stdout.decode("ascii", errors="replace").split())


def scan_last_reviewed(text: str) -> dt.date | None:
    """``last_reviewed`` from a manifest's raw text (before it is parsed), if it is there."""
    match = _LAST_REVIEWED.search(text)
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1))
    except ValueError:
        return None


class HistoryCache:
    """The trailers of each repository of a run, read with one ``git log`` call per
    repository: :meth:`prime` reads back to the earliest review date of the manifests
    found there, later requests are filtered from what was read."""

    def __init__(self, reader: Any = read_trailers) -> None:
        self._reader = reader
        #: repository -> (earliest date read, None = all; the trailers or None = no history)
        self._read: dict[Path, tuple[dt.date | None, list[Trailer] | None]] = {}
        self.calls = 0

    def _covers(self, root: Path, since: dt.date | None) -> bool:
        if root not in self._read:
            return False
        have = self._read[root][0]
        return have is None or (since is not None and since >= have)

    def _load(self, root: Path, since: dt.date | None) -> None:
        self.calls += 1
        self._read[root] = (since, self._reader(root, since))

    def prime(self, manifests: Sequence[tuple[Path, dt.date | None]]) -> None:
        """Read the history of each repository once, back to the earliest date needed."""
        earliest: dict[Path, dt.date | None] = {}
        for root, since in manifests:
            if root in earliest:
                have = earliest[root]
                earliest[root] = None if have is None or since is None else min(have, since)
            else:
                earliest[root] = since
        for root, since in earliest.items():
            if not self._covers(root, since):
                self._load(root, since)

    def trailers(self, root: Path, since: dt.date | None) -> tuple[Trailer, ...] | None:
        """The AI trailers committed in ``root`` on or after ``since``."""
        if not self._covers(root, since):
            self._load(root, since)
        found = self._read[root][1]
        if found is None:
            return None
        if since is None:
            return tuple(found)
        return tuple(t for t in found if t.committed >= since)
