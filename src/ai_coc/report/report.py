"""Findings, their locations, the report of a run and its exit code."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Generic, Protocol, TypeVar

from ai_coc.rules.findings import SEVERITY_RANK, Finding, WaivedFinding

_T = TypeVar("_T")

FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "info", "never")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

#: File results a run keeps in memory before it moves them to a temporary file.
SPILL_AFTER = 256


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
    #: a configuration file with findings of its own (an attempt to loosen the organisation's
    #: policy), not a manifest
    config: bool = False

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
        self._names: list[str] = []  # so that the names can be read without the results
        for result in results:
            self.append(result)

    def append(self, result: FileResult) -> None:
        self._names.append(result.file)
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
        return len(self._names)

    def names(self) -> list[str]:
        """The file name of every result, in order (without reading the results back)."""
        return list(self._names)

    def replace_each(self, change: Callable[[FileResult], FileResult]) -> ResultStore:
        """A new store with ``change(result)`` for every result (same order)."""
        return ResultStore((change(result) for result in self), keep=self.keep)

    def close(self) -> None:
        """Remove the temporary file (the results are gone with it)."""
        if self._file is not None:
            self._file.close()
            self._file = None
            self._spans = []
            self._names = []

    def __del__(self) -> None:
        self.close()


class FileResults(Protocol):
    """What a report's ``files`` are: read anew, in order, by every pass, and counted."""

    def __iter__(self) -> Iterator[FileResult]: ...

    def __len__(self) -> int: ...


def file_names(files: FileResults) -> Iterable[str]:
    """The file name of every result, in order; from a :class:`ResultStore` without reading
    its results back."""
    if isinstance(files, ResultStore):
        return files.names()
    return (result.file for result in files)


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

    ``files`` are in report order: by file name as shown (see :func:`ai_coc.run.check.check_paths`).
    ``findings`` and ``waived`` go through them file by file, so that a large scan whose
    results live in a temporary file (:class:`ResultStore`) is never loaded whole.
    """

    files: FileResults
    policies: list[PackInfo]
    today: dt.date
    lang: str = "en"
    fail_on: str = "error"
    #: the configured ``docs_url`` (empty: no links to the rules' documentation)
    docs_url: str = ""
    #: With ``check --baseline``: the baseline's outcome (see :mod:`ai_coc.run.baseline`).
    baseline: Any = None
    #: how many manifests the run found, and how (``git``, ``walk`` or ``paths``)
    found: int | None = None
    found_by: str | None = None

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
