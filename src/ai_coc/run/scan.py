"""Checking many manifests: in order, with little memory, on every core.

A pre-commit hook checks one file; a CI job of an umbrella organisation may check
thousands. :func:`check_many` keeps the results small (only the source lines that a
report can show) and, for large scans on a machine with several cores, spreads the files
over worker processes in chunks. The order of the results is always the order of the
files, so the output does not depend on the number of cores.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ai_coc.errors import InputError
from ai_coc.report.report import FileResult, ResultStore, Sizes, pickled, sizes

#: Below this many files everything runs in this process (a pool costs ~50 ms to start).
PARALLEL_MIN_FILES = 200
#: Files per task handed to a worker.
CHUNK_SIZE = 50
#: ``AI_COC_JOBS=1`` switches the worker processes off; ``AI_COC_JOBS=N`` sets their number.
JOBS_ENV = "AI_COC_JOBS"

#: Checks one manifest (with its policies, date, language and configuration bound in).
CheckOne = Callable[[Path], FileResult]
#: ``progress(n, total, file)``: called as the n-th file is checked.
Progress = Callable[[int, int, str], None]

# What a forked worker inherits from the parent (set just before the pool starts).
_shared: CheckOne | None = None


def slim(result: FileResult) -> FileResult:
    """Keep only the source lines a report can quote (the line of a finding and the one
    before it), so that a scan of many files does not hold all their text."""
    needed: set[int] = set()
    for finding in (*result.findings, *(w.finding for w in result.waived)):
        line = finding.location.line
        needed.update((line - 1, line))
    if not needed:
        result.lines = []
        return result
    last = min(max(needed), len(result.lines))
    result.lines = [
        text if number in needed else "" for number, text in enumerate(result.lines[:last], 1)
    ]
    return result


def jobs(count: int) -> int:
    """How many processes to use for ``count`` files."""
    setting = os.environ.get(JOBS_ENV, "").strip()
    if setting.isdigit() and int(setting) >= 1:
        wanted = int(setting)
    else:
        if count < PARALLEL_MIN_FILES:
            return 1
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    chunks = -(-count // CHUNK_SIZE)
    return max(1, min(wanted, chunks))


_ErrorFields = tuple[str, str | None, int | None, int | None, str | None]


#: A result as a worker sends it: the file's name, its sizes and its bytes for the ResultStore
#: (made in the worker, so that the parent stores them without unpacking and packing again).
_Packed = tuple[str, Sizes, bytes]


def _check_chunk(paths: Sequence[Path]) -> list[_Packed | _ErrorFields]:
    assert _shared is not None
    check_one = _shared
    out: list[_Packed | _ErrorFields] = []
    for path in paths:
        try:
            result = slim(check_one(path))
            out.append((result.file, sizes(result), pickled(result)))
        except InputError as exc:
            # sent back as plain fields: an exception with extra fields does not pickle whole
            out.append((exc.message, exc.file, exc.line, exc.column, exc.hint))
            break  # the run stops at the first unreadable file, as in one process
    return out


def check_many(
    paths: Sequence[Path],
    check_one: CheckOne,
    progress: Progress | None = None,
    *,
    display: Callable[[Path], str] = str,
) -> ResultStore:
    """``check_one`` for every path, in order. The first :class:`InputError` (in the
    order of ``paths``) is raised, as if the files had been checked one after another.

    The results go to a :class:`~ai_coc.report.report.ResultStore`: a large scan does not keep
    them all in memory."""
    workers = jobs(len(paths))
    if workers > 1:
        results = _in_pool(paths, check_one, workers, progress)
        if results is not None:
            return results
    out = ResultStore()
    for number, path in enumerate(paths, start=1):
        if progress is not None:
            progress(number, len(paths), display(path))
        out.append(slim(check_one(path)))
    return out


def _in_pool(
    paths: Sequence[Path],
    check_one: CheckOne,
    workers: int,
    progress: Progress | None,
) -> ResultStore | None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None  # e.g. Windows: one process is fine
    global _shared
    _shared = check_one
    chunks = [paths[i : i + CHUNK_SIZE] for i in range(0, len(paths), CHUNK_SIZE)]
    results = ResultStore()
    import gc

    gc.freeze()  # the workers' collector leaves the inherited objects alone (no copied pages)
    try:
        with ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            for chunk in pool.map(_check_chunk, chunks):
                for item in chunk:
                    if len(item) != 3:
                        pool.shutdown(wait=True, cancel_futures=True)
                        raise InputError(*item)
                    file, counted, data = item
                    results.append_pickled(file, data, counted)
                    if progress is not None:
                        progress(len(results), len(paths), file)
    finally:
        _shared = None
        gc.unfreeze()
    return results
