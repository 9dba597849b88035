"""Configuration files that loosen the organisation's policy join a scan's results in name
order, without the scan being held in memory."""

from __future__ import annotations

import gc
import random
import tracemalloc

import pytest

from ai_coc.report.report import FileResult, ResultStore
from ai_coc.run.check import merge_results
from tests.reports import finding


def result(name: str, tag: str = "", findings: int = 1) -> FileResult:
    return FileResult(
        name,
        [finding(file=name, line=n + 1, message=f"{tag} {n}") for n in range(findings)],
        lines=[tag],
    )


def key(item: FileResult) -> tuple[str, list[str]]:
    return item.file, item.lines


@pytest.mark.parametrize("keep", [0, 3, 1000])
@pytest.mark.parametrize("seed", range(6))
def test_the_order_of_sorting_everything(seed: int, keep: int) -> None:
    rng = random.Random(seed)
    names = sorted(rng.choice("abcdefgh") + str(rng.randrange(4)) for _ in range(12))
    scan = [result(name, f"scan{n}") for n, name in enumerate(names)]
    # some share a name with a manifest (they come after it), some go first or last
    extra = [result(rng.choice([*names, "0", "zz"]), f"config{n}") for n in range(4)]
    merged = merge_results(ResultStore(scan, keep=keep), extra)
    expected = sorted([*scan, *extra], key=lambda r: r.file)
    assert [key(r) for r in merged] == [key(r) for r in expected]
    assert merged.spilled == (len(expected) > keep)
    assert merged.names() == [r.file for r in expected]


def test_results_not_in_name_order_are_sorted() -> None:
    scan = [result("b"), result("a"), result("c")]
    merged = merge_results(ResultStore(scan), [result("b", "config")])
    assert [key(r) for r in merged] == [("a", [""]), ("b", [""]), ("b", ["config"]), ("c", [""])]


def _peak(files: int) -> int:
    scan = ResultStore((result(f"m{n:04d}", "x" * 2000, 20) for n in range(files)), keep=0)
    extra = [result("m0001a", "config"), result("zzz", "config")]
    gc.collect()
    tracemalloc.start()
    try:
        merged = merge_results(scan, extra)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(merged) == files + 2
    merged.close()
    scan.close()
    return peak


def test_a_spilled_scan_is_merged_without_holding_it() -> None:
    _peak(4)
    small, large = _peak(20), _peak(80)
    assert large < small * 1.5, (small, large)
