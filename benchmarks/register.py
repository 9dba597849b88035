"""Benchmark the organisation's register at scale: 1,000 repositories with 100,000 findings.

Run from the repository root (after ``pip install -e ".[dev]"`` and, for the browser part,
``npm ci`` in tests/browser and Debian's chromium)::

    python benchmarks/register.py                 # 7 runs; 1,000 repositories, 100,000 findings
    python benchmarks/register.py --repeats 9 --repositories 2000 --findings 200000
    # (more repositories or findings than the defaults)
    python benchmarks/register.py --no-browser    # only building the register

It generates one JSON report per repository (``tests/registerdata.py``: findings spread over
the eight principles, about 1 in 200 a red line), then measures, as real child processes:

- ``ai-coc report DIR -o html=FILE`` and the same with every format at once: wall time, CPU
  time (user + system) and peak memory (maximum resident set size, from ``os.wait4``);
- in headless Chromium (``tests/browser/drive.mjs``), one filter pass of the page: typing
  into the search field runs the page's own handler; the time is ``performance.now()`` from
  the input until the next frame has been rendered (two animation frames, so it includes
  style, layout and paint, and at least one frame interval, about 16.7 ms). Also the time of
  the handler plus a forced layout alone. Several search texts (one repository, a group,
  none, back to all), 7 times each, with the page top and with the matrix in view.

Medians are printed with the bounds of issue 18 (build <= 10 s and <= 200 MiB, filter
< 200 ms) and written to ``benchmarks/results/register.json``. The exit code is 1 if a bound
is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
BROWSER = ROOT / "tests" / "browser"
RESULTS = ROOT / "benchmarks" / "results" / "register.json"
BOUND_SECONDS = 10.0
BOUND_MIB = 200.0
BOUND_FILTER_MS = 200.0


def run_once(argv: list[str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    if code != 0:
        sys.exit(f"benchmark: {' '.join(argv[:3])} exited {code}: {err[-800:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(name: str, argv: list[str], repeats: int) -> dict[str, Any]:
    run_once(argv)  # warm the file cache; not counted
    runs = [run_once(argv) for _ in range(repeats)]
    walls, cpus, rss = zip(*runs, strict=True)
    result = {
        "name": name,
        "runs": repeats,
        "wall_s": statistics.median(walls),
        "cpu_s": statistics.median(cpus),
        "peak_rss_mib": max(rss),
        "wall_all": list(walls),
    }
    print(
        f"  {name:<34} wall {result['wall_s']:6.2f} s   cpu {result['cpu_s']:6.2f} s   "
        f"peak {result['peak_rss_mib']:6.1f} MiB   ({repeats} runs)"
    )
    return result


def browser_filter(page: Path, repeats: int) -> dict[str, Any] | None:
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists() or not (BROWSER / "node_modules" / "playwright-core").is_dir():
        print("  (browser part skipped: chromium or tests/browser/node_modules missing)")
        return None
    values = ["repo-0500", "org 3", "zzz-no-match", ""]
    plan = {
        "url": page.as_uri(),
        "steps": [
            {"do": "collect"},
            {"do": "time-filter", "values": values, "repeat": repeats},
            {"do": "scroll", "selector": "#matrix"},
            {"do": "time-filter", "values": values, "repeat": repeats},
            {"do": "select", "selector": "#state", "value": "4"},
            {"do": "collect"},
        ],
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(plan, handle)
    start = time.perf_counter()
    done = subprocess.run(
        ["node", str(BROWSER / "drive.mjs"), handle.name],
        capture_output=True,
        text=True,
        cwd=BROWSER,
        check=False,
    )
    Path(handle.name).unlink()
    if done.returncode != 0:
        sys.exit(f"benchmark: browser run failed: {done.stderr[-800:]}")
    out = json.loads(done.stdout)
    first, at_top, _, in_view, _, red = out["results"]
    result: dict[str, Any] = {
        "repositories_in_page": first["reposTotal"],
        "red_line_filter_shows": len(red["repos"]),
        "session_s": time.perf_counter() - start,
    }
    for where, times in (("page top", at_top), ("matrix in view", in_view)):
        by_value: dict[str, list[float]] = {}
        handler: dict[str, list[float]] = {}
        for item in times:
            by_value.setdefault(item["value"] or "(all)", []).append(item["ms"])
            handler.setdefault(item["value"] or "(all)", []).append(item["handler_ms"])
        medians = {value: statistics.median(ms) for value, ms in by_value.items()}
        result[where] = {
            "median_ms": medians,
            "handler_median_ms": {v: statistics.median(ms) for v, ms in handler.items()},
            "max_ms": max(max(ms) for ms in by_value.values()),
            "runs": len(next(iter(by_value.values()))),
        }
        for value, ms in medians.items():
            print(
                f"  filter, {where:<15} {value!r:<16} median {ms:6.1f} ms to the next frame, "
                f"handler {statistics.median(handler[value]):5.1f} ms  "
                f"({len(by_value[value])} runs)"
            )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--repositories", type=int, default=1000)
    parser.add_argument("--findings", type=int, default=100_000)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()

    from tests.registerdata import generate

    ai_coc = str(BIN / "ai-coc") if (BIN / "ai-coc").exists() else shutil.which("ai-coc")
    if ai_coc is None:
        sys.exit("benchmark: ai-coc is not installed; run: pip install -e '.[dev]'")
    work = Path(tempfile.mkdtemp(prefix="ai-coc-register-bench-"))
    try:
        reports = work / "reports"
        print(f"generating {args.repositories} reports with {args.findings} findings ...")
        made = generate(reports, args.repositories, args.findings)
        size = sum(p.stat().st_size for p in reports.iterdir()) / 2**20
        print(f"  {made['red_lines']} red-line hits, {size:.1f} MiB of JSON")
        page = work / "register.html"
        day = ["--today", "2026-11-21"]
        results = [
            measure(
                "report -o html",
                [ai_coc, "report", str(reports), *day, "-o", f"html={page}"],
                args.repeats,
            ),
            measure(
                "report, all six formats",
                [
                    ai_coc, "report", str(reports), *day,
                    "-o", f"html={work / 'a.html'}", "-o", f"public-html={work / 'b.html'}",
                    "-o", f"public-md={work / 'c.md'}", "-o", f"csv={work / 'd.csv'}",
                    "-o", f"uses-csv={work / 'e.csv'}", "-o", f"json={work / 'f.json'}",
                ],
                args.repeats,
            ),
        ]  # fmt: skip
        html_mib = page.stat().st_size / 2**20
        print(f"  register page: {html_mib:.1f} MiB")
        browser = None if args.no_browser else browser_filter(page, args.repeats)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ok = all(r["wall_s"] <= BOUND_SECONDS and r["peak_rss_mib"] <= BOUND_MIB for r in results)
    if browser is not None:
        for where in ("page top", "matrix in view"):
            ok = ok and max(browser[where]["median_ms"].values()) < BOUND_FILTER_MS
        ok = ok and browser["repositories_in_page"] == args.repositories
    summary = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "generated": {**made, "json_mib": size, "register_html_mib": html_mib},
        "build": results,
        "browser": browser,
        "bounds": {"build_s": BOUND_SECONDS, "peak_mib": BOUND_MIB, "filter_ms": BOUND_FILTER_MS},
        "within_bounds": ok,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(("within the bounds" if ok else "OUTSIDE THE BOUNDS") + f"; written to {args.output}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
