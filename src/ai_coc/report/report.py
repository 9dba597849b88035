"""Findings, their locations, the report of a run and its exit code."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Generic, Protocol, TypeVar

from ai_coc.records import Record
from ai_coc.rules.findings import SEVERITY_RANK, Finding, WaivedFinding

_T = TypeVar("_T")

FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "info", "never")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3

#: File results a run keeps in memory before it moves them to a temporary file.
SPILL_AFTER = 256


@dataclass(eq=False, repr=False)
class FileResult(Record):
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


@dataclass(eq=False, repr=False)
class PackInfo(Record):
    """A loaded policy pack, as named in reports."""

    name: str
    version: str
    sha256: str
    origin: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}


def pickled(result: FileResult) -> bytes:
    """``result`` as the bytes a :class:`ResultStore` keeps in its temporary file."""
    import pickle

    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


#: How many findings, waived and baselined findings a result has (see ResultStore.having),
#: its findings' severities with their counts, in report order, and how many are red lines.
Sizes = tuple[int, int, int, tuple[tuple[str, int], ...], int]
#: The parts of a result :data:`Sizes` counts, in its order.
_PARTS = ("findings", "waived", "baselined")


def sizes(result: FileResult) -> Sizes:
    """The :data:`Sizes` of ``result``."""
    severities = Counter(f.severity for f in result.sorted_findings())
    return (
        len(result.findings),
        len(result.waived),
        len(result.baselined),
        tuple(severities.items()),
        sum(1 for f in result.findings if f.red_line),
    )


class ResultStore:
    """The file results of a run, in order, without holding a large scan in memory.

    The first ``keep`` results stay in memory. From one more on, every result is written to an
    anonymous temporary file (deleted when the run ends) and read back, one at a time, each time
    the results are gone through. So a scan of 10,000 manifests needs no more memory than one
    of a few hundred. ``AI_COC_SPILL_AFTER`` sets ``keep`` (default 256). What a pass over one
    part of the results (:meth:`having`, :meth:`count`) needs to know is kept in memory, so it
    reads only the results that have something there.
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
        self._sizes: list[Sizes] = []
        for result in results:
            self.append(result)

    def append(self, result: FileResult) -> None:
        self._names.append(result.file)
        if self._file is None:
            if len(self._memory) < self.keep:
                self._memory.append(result)
                return
            self._spill()
        self._write(pickled(result), sizes(result))

    def append_pickled(self, file: str, data: bytes, counted: Sizes) -> None:
        """Append the result of ``file`` as :func:`pickled` made it (in a worker process),
        with its :func:`sizes`: once the results live in the temporary file, the bytes go
        there as they are."""
        self._names.append(file)
        if self._file is None:
            if len(self._memory) < self.keep:
                import pickle

                self._memory.append(pickle.loads(data))  # our own data (see pickled)
                return
            self._spill()
        self._write(data, counted)

    def _spill(self) -> None:
        import tempfile

        # closed by close() or when the run ends; it has no name on disk to leave behind
        self._file = tempfile.TemporaryFile(prefix="ai-coc-results-")  # noqa: SIM115
        held, self._memory = self._memory, []
        for item in held:
            self._write(pickled(item), sizes(item))

    def _write(self, data: bytes, counted: Sizes) -> None:
        assert self._file is not None
        offset = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        self._spans.append((offset, len(data)))
        self._sizes.append(counted)

    @property
    def spilled(self) -> bool:
        """Whether the results live in a temporary file."""
        return self._file is not None

    def __iter__(self) -> Iterator[FileResult]:
        if self._file is None:
            yield from list(self._memory)
            return
        yield from self._read(list(self._spans))

    def _read(self, spans: list[tuple[int, int]]) -> Iterator[FileResult]:
        import pickle

        assert self._file is not None
        # Several passes may be under way at once (a report that looks up each file's waived
        # findings), so every read says where it starts.
        for offset, length in spans:
            self._file.seek(offset)
            yield pickle.loads(self._file.read(length))  # our own data, written just above

    def having(self, part: str) -> Iterator[FileResult]:
        """The results (in order) that may have something in ``part`` (``findings``,
        ``waived`` or ``baselined``): of those in the temporary file, only the ones that do."""
        if self._file is None:
            yield from list(self._memory)
            return
        index = _PARTS.index(part)
        yield from self._read(
            [span for span, counted in zip(self._spans, self._sizes, strict=True) if counted[index]]
        )

    def count(self, part: str) -> int | None:
        """How many items all results have in ``part``, if known without reading them."""
        if self._file is None:
            return None
        index = _PARTS.index(part)
        return sum(counted[index] for counted in self._sizes)  # type: ignore[misc]

    def severities(self) -> Counter[str] | None:
        """The findings of all results counted by severity, as ``Counter(f.severity for f in
        findings)`` counts them, if known without reading the results."""
        if self._file is None:
            return None
        out: Counter[str] = Counter()
        for counted in self._sizes:
            for severity, number in counted[3]:
                out[severity] += number
        return out

    def fails(self, threshold: int) -> bool | None:
        """Whether a finding of any result is a red line or has a severity ranked at least
        ``threshold`` (see :meth:`Report.exit_code`), if known without reading the results."""
        if self._file is None:
            return None
        for counted in self._sizes:
            if counted[4] or any(SEVERITY_RANK[s] >= threshold for s, _ in counted[3]):
                return True
        return False

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
            self._sizes = []

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

    def __init__(
        self,
        files: Iterable[FileResult],
        pick: Callable[[FileResult], list[_T]],
        part: str,
    ) -> None:
        self._files = files
        self._pick = pick
        self._part = part  # the part of a result ``pick`` gives (see ResultStore.having)

    def _results(self) -> Iterable[FileResult]:
        files = self._files
        return files.having(self._part) if isinstance(files, ResultStore) else files

    def __iter__(self) -> Iterator[_T]:
        for result in self._results():
            yield from self._pick(result)

    def __len__(self) -> int:
        known = self._files.count(self._part) if isinstance(self._files, ResultStore) else None
        if known is not None:
            return known
        return sum(len(self._pick(result)) for result in self._results())

    def __bool__(self) -> bool:
        return any(self._pick(result) for result in self._results())


def _waived(result: FileResult) -> list[WaivedFinding]:
    return result.waived


def _baselined(result: FileResult) -> list[Finding]:
    return result.baselined


@dataclass(eq=False, repr=False)
class Report(Record):
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
        return _Sequence(self.files, FileResult.sorted_findings, "findings")

    @property
    def waived(self) -> _Sequence[WaivedFinding]:
        return _Sequence(self.files, _waived, "waived")

    @property
    def baselined(self) -> _Sequence[Finding]:
        return _Sequence(self.files, _baselined, "baselined")

    def counts(self) -> Counter[str]:
        known = self.files.severities() if isinstance(self.files, ResultStore) else None
        return known if known is not None else Counter(f.severity for f in self.findings)

    def close(self) -> None:
        """Let go of the results (a large scan's temporary file)."""
        if isinstance(self.files, ResultStore):
            self.files.close()

    def exit_code(self) -> int:
        """0 if nothing at or above ``fail_on``; 1 otherwise. Red lines always fail."""
        threshold = SEVERITY_RANK.get(self.fail_on, 99)
        known = self.files.fails(threshold) if isinstance(self.files, ResultStore) else None
        if known is not None:
            return EXIT_FINDINGS if known else EXIT_OK
        for finding in self.findings:
            if finding.red_line:  # never silenced: not by --fail-on, overrides or waivers
                return EXIT_FINDINGS
            if SEVERITY_RANK[finding.severity] >= threshold:
                return EXIT_FINDINGS
        return EXIT_OK
