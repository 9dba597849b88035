"""Findings, their locations, the report of a run and its exit code."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Generic, TypeVar

_T = TypeVar("_T")

SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}
FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "info", "never")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

#: File results a run keeps in memory before it moves them to a temporary file.
SPILL_AFTER = 256


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: file, 1-based line and column, and the logical path."""

    file: str
    line: int
    column: int
    path: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "column": self.column, "path": self.path}

    def __reduce__(self) -> tuple[Any, ...]:
        return (Location, (self.file, self.line, self.column, self.path))


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the manifest still has to say or do."""

    rule_id: str
    rule_name: str
    principle: str | None
    severity: str
    message: str
    fix: str
    location: Location
    use: str | None
    help_url: str
    pack: str = "coc"
    red_line: bool = False
    waivable: bool = True

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.rule_id, loc.path)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "name": self.rule_name,
            "principle": self.principle,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "location": self.location.as_dict(),
            "use": self.use,
            "help_url": self.help_url,
            "pack": self.pack,
            "red_line": self.red_line,
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Plain arguments instead of dataclass state: large scans send and store many findings.
        return (
            Finding,
            (
                self.rule_id,
                self.rule_name,
                self.principle,
                self.severity,
                self.message,
                self.fix,
                self.location,
                self.use,
                self.help_url,
                self.pack,
                self.red_line,
                self.waivable,
            ),
        )


@dataclass(frozen=True, slots=True)
class WaivedFinding:
    """A finding that a valid waiver accepted for now."""

    finding: Finding
    reason: str
    approved_by: str
    expires: dt.date | None

    def as_dict(self) -> dict[str, Any]:
        data = self.finding.as_dict()
        data["waiver"] = {
            "reason": self.reason,
            "approved_by": self.approved_by,
            "expires": self.expires.isoformat() if self.expires else None,
        }
        return data

    def __reduce__(self) -> tuple[Any, ...]:
        return (WaivedFinding, (self.finding, self.reason, self.approved_by, self.expires))


@dataclass
class FileResult:
    """The outcome for one manifest."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    waived: list[WaivedFinding] = field(default_factory=list)
    uses: int = 0
    lines: list[str] = field(default_factory=list)
    #: What the manifest declares, for the register (see :mod:`ai_coc.report.inventory`).
    inventory: dict[str, Any] | None = None
    #: Findings that a baseline accepts (``check --baseline``); never a red line.
    baselined: list[Finding] = field(default_factory=list)

    def sorted_findings(self) -> list[Finding]:
        """The findings in report order: by line, column, rule and path."""
        return sorted(self.findings, key=lambda f: f.sort_key)


@dataclass
class PackInfo:
    """A loaded policy pack, as named in reports."""

    name: str
    version: str
    sha256: str
    origin: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


class ResultStore:
    """The file results of a run, in order, without holding a large scan in memory.

    The first ``keep`` results stay in memory. From one more on, every result is written to an
    anonymous temporary file (deleted when the run ends) and read back, one at a time, each time
    the results are gone through. So a scan of 10,000 manifests needs no more memory than one
    of a few hundred. ``AI_COC_SPILL_AFTER`` sets ``keep`` (default 256).
    """

    def __init__(self, results: Iterable[FileResult] = (), keep: int | None = None) -> None:
        if keep is None:
            setting = os.environ.get("AI_COC_SPILL_AFTER", "").strip()
            keep = int(setting) if setting.isdigit() else SPILL_AFTER
        self.keep = keep
        self._memory: list[FileResult] = []
        self._file: IO[bytes] | None = None
        self._spans: list[tuple[int, int]] = []
        for result in results:
            self.append(result)

    def append(self, result: FileResult) -> None:
        if self._file is None:
            if len(self._memory) < self.keep:
                self._memory.append(result)
                return
            import tempfile

            # closed by close() or when the run ends; it has no name on disk to leave behind
            self._file = tempfile.TemporaryFile(prefix="ai-coc-results-")  # noqa: SIM115
            held, self._memory = self._memory, []
            for item in held:
                self._write(item)
        self._write(result)

    def _write(self, result: FileResult) -> None:
        import pickle

        assert self._file is not None
        data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._spans.append((offset, len(data)))

    @property
    def spilled(self) -> bool:
        """Whether the results live in a temporary file."""
        return self._file is not None

    def __iter__(self) -> Iterator[FileResult]:
        if self._file is None:
            yield from list(self._memory)
            return
        import pickle

        # Several passes may be under way at once (a report that looks up each file's waived
        # findings), so every read says where it starts.
        for offset, length in list(self._spans):
            self._file.seek(offset)
            yield pickle.loads(self._file.read(length))  # our own data, written just above

    def __len__(self) -> int:
        return len(self._spans) if self._file is not None else len(self._memory)

    def replace_each(self, change: Callable[[FileResult], FileResult]) -> ResultStore:
        """A new store with ``change(result)`` for every result (same order)."""
        return ResultStore((change(result) for result in self), keep=self.keep)

    def close(self) -> None:
        """Remove the temporary file (the results are gone with it)."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self._spans = []

    def __del__(self) -> None:
        self.close()


class _Sequence(Generic[_T]):
    """Findings (or waived findings) of all files, in report order; read anew for every pass."""

    def __init__(self, files: Iterable[FileResult], pick: Callable[[FileResult], list[_T]]) -> None:
        self._files = files
        self._pick = pick

    def __iter__(self) -> Iterator[_T]:
        for result in self._files:
            yield from self._pick(result)

    def __len__(self) -> int:
        return sum(len(self._pick(result)) for result in self._files)

    def __bool__(self) -> bool:
        return any(self._pick(result) for result in self._files)


def _waived(result: FileResult) -> list[WaivedFinding]:
    return result.waived


def _baselined(result: FileResult) -> list[Finding]:
    return result.baselined


@dataclass
class Report:
    """Everything one run found.

    ``files`` are in report order: by file name as shown (see :func:`ai_coc.lint.check_paths`).
    ``findings`` and ``waived`` go through them file by file, so that a large scan whose
    results live in a temporary file (:class:`ResultStore`) is never loaded whole.
    """

    files: Sequence[FileResult] | ResultStore
    policies: list[PackInfo]
    today: dt.date
    lang: str = "en"
    fail_on: str = "error"
    #: With ``check --baseline``: the baseline's outcome (see :mod:`ai_coc.run.baseline`).
    baseline: Any = None

    @property
    def findings(self) -> _Sequence[Finding]:
        return _Sequence(self.files, FileResult.sorted_findings)

    @property
    def waived(self) -> _Sequence[WaivedFinding]:
        return _Sequence(self.files, _waived)

    @property
    def baselined(self) -> _Sequence[Finding]:
        return _Sequence(self.files, _baselined)

    def counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.findings)

    def close(self) -> None:
        """Let go of the results (a large scan's temporary file)."""
        if isinstance(self.files, ResultStore):
            self.files.close()

    def exit_code(self) -> int:
        """0 if nothing at or above ``fail_on``; 1 otherwise. Red lines always fail."""
        threshold = SEVERITY_RANK.get(self.fail_on, 99)
        for finding in self.findings:
            if finding.red_line:  # never silenced: not by --fail-on, overrides or waivers
                return EXIT_FINDINGS
            if SEVERITY_RANK[finding.severity] >= threshold:
                return EXIT_FINDINGS
        return EXIT_OK
