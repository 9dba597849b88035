"""Benchmark ai-coc against check-jsonschema and yamllint on the same inputs.

Run from the repository root (after ``pip install -e ".[dev]"``)::

    python benchmarks/run.py            # full run: 15 repeats, scans of 1,000 and 10,000 files
    python benchmarks/run.py --quick    # fast run: 5 repeats, scans of 100 and 1,000 files

Everything runs as real child processes, exactly as a pre-commit hook or a CI job would run
it. Medians, ratios, manifests per second and peak memory (maximum resident set size of the
child, from ``os.wait4``) are printed and written to ``benchmarks/results/latest.json``.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
TODAY = "2026-11-21"
TYPICAL = EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml"
ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """A console script of the running interpreter's environment (or from PATH)."""
    local = BIN / name
    if local.exists():
        return str(local)
    found = shutil.which(name)
    if found is None:
        sys.exit(f"benchmark: '{name}' is not installed; run: pip install -e '.[dev]'")
    return found


def run_once(
    argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, int, int]:
    """Run ``argv`` once: (wall seconds, exit code, peak RSS of the child in KiB)."""
    environ = {**os.environ, **(env or {})}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=environ
    )
    # wait4 gives the resource usage of exactly this child (and what it reaped).
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.stderr is not None:
        err = proc.stderr.read().decode(errors="replace")
        proc.stderr.close()
        if proc.returncode not in (0, 1):
            print(f"  ! {' '.join(argv[:3])} ... exited {proc.returncode}: {err[-500:]}")
    return elapsed, proc.returncode, int(usage.ru_maxrss)


def measure(
    name: str,
    argv: list[str],
    repeats: int,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> dict[str, Any]:
    run_once(argv, cwd, env)  # warm the OS file cache (and ai-coc's pack cache); not counted
    times: list[float] = []
    rss: list[int] = []
    code = 0
    for _ in range(repeats):
        elapsed, code, peak = run_once(argv, cwd, env)
        times.append(elapsed)
        rss.append(peak)
    result = {
        "name": name,
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "repeats": repeats,
        "exit_code": code,
        "peak_rss_mib": max(rss) / 1024,
    }
    print(
        f"  {name:<44} median {result['median_s'] * 1000:8.1f} ms   "
        f"min {result['min_s'] * 1000:8.1f} ms   peak RSS {result['peak_rss_mib']:6.1f} MiB"
    )
    return result


_INFO = """
import json
from ai_coc import __version__
try:
    from ai_coc.read.yaml import parser_backend
    backend = parser_backend()
except ImportError:
    backend = "ruamel (round-trip)"
print(json.dumps({"ai_coc_version": __version__, "yaml_backend": backend}))
"""

_SCHEMA = """
import json
from ai_coc.read.manifest import json_schema
print(json.dumps(json_schema()))
"""


def child_python(code: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout


# --- corpus ------------------------------------------------------------------------------


def generate_corpus(target: Path, count: int, seed: int = 8) -> list[Path]:
    """``count`` realistic manifests made from the examples, varied in size and content.

    Each is a real example with its project renamed, some uses copied (bigger files) and,
    in about a third of them, a deliberate problem (a missing or misspelt key).
    """
    from ruamel.yaml import YAML

    rng = random.Random(seed)
    yaml = YAML(typ="rt")
    yaml.width = 100
    sources = sorted(EXAMPLES.glob("*/ai-usage.yaml"))
    templates = [yaml.load(p.read_text(encoding="utf-8")) for p in sources]
    files: list[Path] = []
    for index in range(count):
        data = copy.deepcopy(templates[index % len(templates)])
        data["project"]["name"] = f"projekt-{index:05d}"
        uses = data.get("uses") or []
        if uses:
            for extra in range(rng.choice([0, 0, 0, 1, 2, 4])):
                clone = copy.deepcopy(uses[rng.randrange(len(uses))])
                clone["id"] = f"{clone['id']}-{extra + 2}"
                uses.append(clone)
            problem = rng.random()
            victim = uses[rng.randrange(len(uses))]
            if problem < 0.15 and "purpose" in victim:
                del victim["purpose"]
            elif problem < 0.3 and "status" in victim:
                victim.insert(0, "statsu", victim.pop("status"))
        folder = target / f"{index // 100:03d}" / f"repo-{index:05d}"
        folder.mkdir(parents=True, exist_ok=True)
        out = io.StringIO()
        yaml.dump(data, out)
        path = folder / "ai-usage.yaml"
        path.write_text(out.getvalue(), encoding="utf-8")
        files.append(path)
    return files


# --- the benchmark -------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="few repeats, small scans")
    parser.add_argument("--repeats", type=int, help="runs per single-file measurement")
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], help="scan sizes, e.g. 1000,10000"
    )
    parser.add_argument("--scan-repeats", type=int, help="runs per scan measurement")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--generate", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        generate_corpus(Path(args.generate[0]), int(args.generate[1]))
        return 0
    repeats = args.repeats or (5 if args.quick else 15)
    sizes = args.sizes or ([100, 1000] if args.quick else [1000, 10000])
    scan_repeats = args.scan_repeats

    ai_coc = tool("ai-coc")
    cjs = tool("check-jsonschema")
    yamllint = tool("yamllint")
    python = sys.executable
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "today": TODAY,
        "single": {},
        "scans": [],
    }
    # Heavy imports happen in child processes, so that this process stays small and the
    # peak memory of a child (which starts as a copy of this one) is its own.
    info = json.loads(child_python(_INFO))
    results.update(info)
    print(f"ai-coc {info['ai_coc_version']}, YAML backend: {info['yaml_backend']}")

    with tempfile.TemporaryDirectory(prefix="ai-coc-bench-") as tmp_name:
        tmp = Path(tmp_name)
        schema = tmp / "schema.json"
        schema.write_text(child_python(_SCHEMA), encoding="utf-8")
        yamllint_conf = tmp / "yamllint.yaml"
        yamllint_conf.write_text("extends: relaxed\n", encoding="utf-8")
        # A fresh pack cache: figures must not depend on what earlier runs left behind.
        os.environ["AI_COC_CACHE_DIR"] = str(tmp / "cache")
        org_config = tmp / "org" / ".ai-coc.yaml"
        org_config.parent.mkdir()
        org_config.write_text(f"extends:\n  - {ORG_PACK.as_posix()}\n", encoding="utf-8")

        print(f"\nOne manifest ({TYPICAL.relative_to(ROOT)}), whole process, {repeats} runs:")
        single = results["single"]
        single["deps_import"] = measure(
            "import pydantic, ruamel.yaml, click",
            [python, "-c", "import pydantic, ruamel.yaml, click"],
            repeats,
        )
        single["python_bare"] = measure("python -c pass", [python, "-c", "pass"], repeats)
        single["ai_coc_version"] = measure("ai-coc --version", [ai_coc, "--version"], repeats)
        single["ai_coc_check"] = measure(
            "ai-coc check FILE",
            [ai_coc, "check", str(TYPICAL), "--today", TODAY, "--no-color"],
            repeats,
        )
        check_argv = [ai_coc, "check", str(TYPICAL), "--today", TODAY, "--no-color"]
        single["ai_coc_check_ruamel"] = measure(
            "ai-coc check FILE, without PyYAML",
            check_argv,
            repeats,
            env={"AI_COC_YAML": "ruamel"},
        )
        org_argv = [*check_argv, "--config", str(org_config)]
        single["ai_coc_check_org"] = measure("ai-coc check FILE + org pack", org_argv, repeats)
        single["ai_coc_check_org_nocache"] = measure(
            "ai-coc check FILE + org pack, no cache",
            org_argv,
            repeats,
            env={"AI_COC_CACHE_DIR": "off"},
        )
        single["check_jsonschema"] = measure(
            "check-jsonschema --schemafile FILE",
            [cjs, "--schemafile", str(schema), str(TYPICAL)],
            repeats,
        )
        single["yamllint"] = measure(
            "yamllint FILE", [yamllint, "-c", str(yamllint_conf), str(TYPICAL)], repeats
        )
        check = single["ai_coc_check"]["median_s"]
        results["ratios"] = {
            "check_vs_check_jsonschema": check / single["check_jsonschema"]["median_s"],
            "check_vs_yamllint": check / single["yamllint"]["median_s"],
            "check_vs_deps_import": check / single["deps_import"]["median_s"],
        }

        for size in sizes:
            folder = tmp / f"corpus-{size}"
            subprocess.run([python, __file__, "--generate", str(folder), str(size)], check=True)
            files = sorted(folder.glob("*/*/ai-usage.yaml"))
            rounds = scan_repeats or (1 if args.quick or size > 1000 else 3)
            total_bytes = sum(p.stat().st_size for p in files)
            print(f"\nScan of {size:,} manifests ({total_bytes / 1e6:.1f} MB), {rounds} run(s):")
            ours = measure(
                f"ai-coc check DIR ({size})",
                [ai_coc, "check", str(folder), "--format", "json", "--today", TODAY],
                rounds,
            )
            theirs = measure(
                f"check-jsonschema FILES ({size})",
                [cjs, "--schemafile", str(schema), *map(str, files)],
                rounds,
            )
            entry = {
                "files": size,
                "bytes": total_bytes,
                "ai_coc": ours,
                "check_jsonschema": theirs,
                "ai_coc_files_per_s": size / ours["median_s"],
                "check_jsonschema_files_per_s": size / theirs["median_s"],
                "throughput_ratio": theirs["median_s"] / ours["median_s"],
                "ai_coc_mb_per_s": total_bytes / 1e6 / ours["median_s"],
                "ai_coc_ms_per_file": ours["median_s"] * 1000 / size,
            }
            results["scans"].append(entry)
            print(
                f"  throughput: ai-coc {entry['ai_coc_files_per_s']:,.0f} files/s "
                f"({entry['ai_coc_mb_per_s']:.1f} MB/s), "
                f"check-jsonschema {entry['check_jsonschema_files_per_s']:,.0f} files/s"
            )
            shutil.rmtree(folder)

    print_table(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {args.output}")
    return 0


def print_table(results: dict[str, Any]) -> None:
    single = results["single"]
    ratios = results["ratios"]
    print("\n| measurement | median | peak RSS |")
    print("| --- | ---: | ---: |")
    for key in (
        "python_bare",
        "deps_import",
        "ai_coc_version",
        "ai_coc_check",
        "ai_coc_check_ruamel",
        "ai_coc_check_org",
        "ai_coc_check_org_nocache",
        "check_jsonschema",
        "yamllint",
    ):
        item = single[key]
        print(
            f"| {item['name']} | {item['median_s'] * 1000:.0f} ms | "
            f"{item['peak_rss_mib']:.0f} MiB |"
        )
    for scan in results["scans"]:
        for key in ("ai_coc", "check_jsonschema"):
            item = scan[key]
            rate = scan[f"{key}_files_per_s"]
            print(
                f"| {item['name']} | {item['median_s']:.2f} s ({rate:,.0f} files/s) | "
                f"{item['peak_rss_mib']:.0f} MiB |"
            )
    print(
        f"\ncheck / check-jsonschema: {ratios['check_vs_check_jsonschema']:.2f}x; "
        f"check / yamllint: {ratios['check_vs_yamllint']:.2f}x; "
        f"check / bare import of the runtime dependencies: {ratios['check_vs_deps_import']:.2f}x"
    )
    for scan in results["scans"]:
        print(
            f"scan of {scan['files']:,}: ai-coc throughput is "
            f"{scan['throughput_ratio']:.2f}x check-jsonschema's; "
            f"{scan['ai_coc_ms_per_file']:.2f} ms per file, "
            f"peak memory {scan['ai_coc']['peak_rss_mib']:.0f} MiB"
        )


if __name__ == "__main__":
    raise SystemExit(main())
