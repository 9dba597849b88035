"""Benchmark the history check (COC308) on a generated repository of 50,000 commits.

Run from the repository root (after ``pip install -e ".[dev]"``)::

    python benchmarks/history.py                 # 50,000 commits, 9 paired runs
    python benchmarks/history.py --commits 5000 --repeats 7

The repository is written with ``git fast-import`` (one commit every ten minutes, one in fifty
with an AI trailer, the manifest in the first commit). ``ai-coc check`` runs as a real child
process on the manifest, in pairs: with the history check (the default) and with
``--no-history``, in alternating order, for two review dates: a recent one (the usual case: the
commits of the last weeks are read) and one before the first commit (every commit is read).
Wall time and CPU time (user + system of the child and of the git process it waited for,
from ``os.wait4``) are reported as medians; the results go to
``benchmarks/results/history.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
RESULTS = ROOT / "benchmarks" / "results" / "history.json"
MANIFEST = ROOT / "policies" / "coc" / "examples" / "COC308" / "fail.yaml"
TODAY = "2026-11-21"
START = dt.datetime(2025, 11, 21, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=10)


def git_env() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }


def make_repository(folder: Path, commits: int, manifest_text: str) -> dict[str, Any]:
    """A repository with ``commits`` commits, written in one ``git fast-import`` stream."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(folder)], check=True, env=git_env())
    chunks: list[bytes] = []
    trailers = 0
    for number in range(commits):
        when = int((START + number * STEP).timestamp())
        body = f"Change {number}: adjust the event calendar\n"
        if number % 50 == 7:
            body += "\nWork done together.\n\nAssisted-by: Claude:claude-sonnet-4\n"
            trailers += 1
        elif number % 50 == 21:
            body += "\nCo-authored-by: Maria Beispiel <maria@example.org>\n"
        message = body.encode()
        chunk = [
            b"commit refs/heads/main\n",
            f"mark :{number + 1}\n".encode(),
            f"committer Bench <bench@example.org> {when} +0100\n".encode(),
            f"data {len(message)}\n".encode() + message,
        ]
        if number:
            chunk.append(f"from :{number}\n".encode())
        content = (manifest_text if number == 0 else f"{number}\n").encode()
        name = b"ai-usage.yaml" if number == 0 else b"changes.txt"
        chunk.append(b"M 644 inline " + name + b"\n" + f"data {len(content)}\n".encode())
        chunk.append(content + b"\n")
        chunks.append(b"".join(chunk))
    subprocess.run(
        ["git", "fast-import", "--quiet"],
        input=b"".join(chunks),
        cwd=folder,
        check=True,
        env=git_env(),
    )
    subprocess.run(["git", "checkout", "-q", "main"], cwd=folder, check=True, env=git_env())
    last = START + (commits - 1) * STEP
    return {"commits": commits, "trailers": trailers, "first": START, "last": last}


def run_once(argv: list[str], cwd: Path) -> tuple[float, float, bytes]:
    """(wall seconds, CPU seconds of the child and what it reaped, its standard output)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=git_env()
    )
    assert proc.stdout is not None
    output = proc.stdout.read()
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"benchmark: {' '.join(argv)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime, output


def count_findings(output: bytes) -> int:
    data = json.loads(output)
    return sum(1 for f in data["findings"] if f["id"] == "COC308")


def paired(repo: Path, repeats: int) -> dict[str, Any]:
    ai_coc = str(Path(sys.executable).parent / "ai-coc")
    base = [ai_coc, "check", "ai-usage.yaml", "--today", TODAY, "--format", "json"]
    variants = {"history": base, "no_history": [*base, "--no-history"]}
    for argv in variants.values():  # warm-up, not counted (file cache, pack cache)
        run_once(argv, repo)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    found = 0
    for index in range(repeats):
        order = list(variants) if index % 2 == 0 else list(reversed(variants))
        for name in order:
            wall, cpu, output = run_once(variants[name], repo)
            times[name].append((wall, cpu))
            if name == "history":
                found = count_findings(output)
    result: dict[str, Any] = {"coc308_findings": found}
    for name, pairs in times.items():
        result[name] = {
            "wall_median_s": statistics.median(w for w, _ in pairs),
            "cpu_median_s": statistics.median(c for _, c in pairs),
            "wall_s": [w for w, _ in pairs],
            "cpu_s": [c for _, c in pairs],
        }
    result["extra_wall_median_s"] = statistics.median(
        h[0] - n[0] for h, n in zip(times["history"], times["no_history"], strict=True)
    )
    result["extra_cpu_median_s"] = statistics.median(
        h[1] - n[1] for h, n in zip(times["history"], times["no_history"], strict=True)
    )
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commits", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if args.repeats < 7:
        parser.error("--repeats must be at least 7 (medians of at least seven runs)")
    if shutil.which("git") is None:
        sys.exit("benchmark: git is not installed")
    template = MANIFEST.read_text(encoding="utf-8")
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "git": subprocess.run(
                ["git", "--version"], capture_output=True, text=True, check=True
            ).stdout.strip(),
        },
        "date": dt.date.today().isoformat(),
        "repeats": args.repeats,
    }
    with tempfile.TemporaryDirectory(prefix="ai-coc-history-") as tmp:
        repo = Path(tmp) / "repo"
        started = time.perf_counter()
        # the review date decides how many commits are read: set it after writing the history
        info = make_repository(repo, args.commits, template)
        results["repository"] = {
            "commits": info["commits"],
            "ai_trailers": info["trailers"],
            "generated_in_s": round(time.perf_counter() - started, 2),
        }
        last: dt.datetime = info["last"]
        first: dt.datetime = info["first"]
        cases = {
            "recent_review": (last - dt.timedelta(days=14)).date(),
            "whole_history": (first - dt.timedelta(days=1)).date(),
        }
        manifest = repo / "ai-usage.yaml"
        for case, day in cases.items():
            manifest.write_text(
                template.replace("last_reviewed: 2026-10-01", f"last_reviewed: {day}"),
                encoding="utf-8",
            )
            print(f"{case}: last_reviewed {day} ...", flush=True)
            outcome = paired(repo, args.repeats)
            outcome["last_reviewed"] = day.isoformat()
            results[case] = outcome
            for name in ("history", "no_history"):
                item = outcome[name]
                print(
                    f"  {name:<11} wall {item['wall_median_s'] * 1000:7.1f} ms   "
                    f"cpu {item['cpu_median_s'] * 1000:7.1f} ms"
                )
            print(
                f"  extra (paired median): wall {outcome['extra_wall_median_s'] * 1000:.1f} ms, "
                f"cpu {outcome['extra_cpu_median_s'] * 1000:.1f} ms; "
                f"COC308 findings: {outcome['coc308_findings']}"
            )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"results: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
