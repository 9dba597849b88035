"""Benchmark ai-coc against check-jsonschema and yamllint on the same inputs.

Run from the repository root (after ``pip install -e ".[dev]"``)::

    python benchmarks/run.py            # full run: 11 rounds, scans of 1,000 and 10,000 files
    python benchmarks/run.py --quick    # fast run: 7 rounds, a scan of 1,000 files

Everything runs as real child processes, exactly as a pre-commit hook or a CI job would run
it. Medians, ratios, manifests per second and peak memory (maximum resident set size of the
child, from ``os.wait4``) are printed and written to ``benchmarks/results/latest.json``.
In a git checkout it also compares a cold check with the same check before the restructure of
issue 12 (commit ``da4ea37``, unpacked with ``git archive``).
"""

from __future__ import annotations

import argparse
import compileall
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
RESULTS = ROOT / "benchmarks" / "results" / "latest.json"
#: The figures the README and docs/reference/speed.md quote (committed).
FIGURES = ROOT / "benchmarks" / "FIGURES.md"
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


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child and of the processes it waited for
    code: int
    rss_kib: int  # peak resident set size of the child (or of the largest it waited for)


def run_once(argv: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` once as a child process and measure it."""
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
        if proc.returncode not in (0, 1, 2):
            print(f"  ! {' '.join(argv[:3])} ... exited {proc.returncode}: {err[-500:]}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, proc.returncode, int(usage.ru_maxrss))


@dataclass
class Job:
    key: str
    name: str
    argv: list[str]
    env: dict[str, str] | None = None
    cwd: Path | None = None
    runs: list[Run] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        walls = [r.wall for r in self.runs]
        cpus = [r.cpu for r in self.runs]
        return {
            "name": self.name,
            "repeats": len(self.runs),
            "wall_median_s": statistics.median(walls),
            "cpu_median_s": statistics.median(cpus),
            "wall_min_s": min(walls),
            "cpu_min_s": min(cpus),
            "exit_code": self.runs[-1].code,
            "peak_rss_mib": max(r.rss_kib for r in self.runs) / 1024,
        }


def measure_paired(jobs: list[Job], repeats: int) -> dict[str, dict[str, Any]]:
    """Run the jobs in turns, ``repeats`` rounds (the order rotates every round), so that
    each comparison is made under the same load. One uncounted round first warms the file
    cache and the pack cache."""
    for job in jobs:
        run_once(job.argv, job.cwd, job.env)
    for round_ in range(repeats):
        shift = round_ % len(jobs)
        for job in jobs[shift:] + jobs[:shift]:
            job.runs.append(run_once(job.argv, job.cwd, job.env))
    out = {}
    for job in jobs:
        item = out[job.key] = job.summary()
        print(
            f"  {job.name:<46} cpu {item['cpu_median_s'] * 1000:8.1f} ms   "
            f"wall {item['wall_median_s'] * 1000:8.1f} ms   "
            f"peak RSS {item['peak_rss_mib']:6.1f} MiB   exit {item['exit_code']}"
        )
    return out


def paired_ratio(jobs: dict[str, Job], a: str, b: str) -> dict[str, float]:
    """Median over the rounds of a/b (CPU and wall), each round's pair measured together."""
    first, second = jobs[a].runs, jobs[b].runs
    return {
        "cpu": statistics.median(x.cpu / y.cpu for x, y in zip(first, second, strict=True)),
        "wall": statistics.median(x.wall / y.wall for x, y in zip(first, second, strict=True)),
    }


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


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


# --- inputs at and past the limits -------------------------------------------------------

_HEAD = "manifest: ai-coc/v1\nproject:\n  name: gross\n  organisation: Verein e.V.\n"


def _use(index: int) -> str:
    return (
        f"  - id: u{index}\n    name: Einsatz {index}\n    status: active\n"
        "    categories: [text-drafting]\n"
    )


def _rule_pack(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(
        "name: gross\nversion: 1.0.0\nprefix: GR\ntitle:\n  en: Big\n  de: Gross\n",
        encoding="utf-8",
    )
    rules = "".join(
        f"""  - id: GR{index:03d}
    name: rule-{index}
    severity: warning
    since: 1.0.0
    summary: {{en: Rule {index}, de: Regel {index}}}
    rationale: {{en: Because {index}, de: Weil {index}}}
    fix: {{en: Fix {index}, de: Beheben {index}}}
    message: {{en: "Use {{use}} {index}", de: "Nutzung {{use}} {index}"}}
    select: uses
    when:
      one_of: {{field: status, values: [active, pilot]}}
    forbid:
      contains_any: {{field: categories, values: [recruiting-{index}]}}
"""
        for index in range(count)
    )
    (folder / "rules.yaml").write_text("rules:\n" + rules, encoding="utf-8")
    config = folder.parent / f"{folder.name}.ai-coc.yaml"
    config.write_text(f"extends:\n  - ./{folder.name}\n", encoding="utf-8")
    return config


def pathological(tmp: Path) -> list[tuple[str, str, list[str]]]:
    """(key, title, ai-coc arguments) of the inputs the limits must keep cheap."""
    (tmp / "flow.yaml").write_text(
        _HEAD + "uses: [" + ", ".join(["a"] * 600_000) + "]\n", encoding="utf-8"
    )
    (tmp / "dashes.yaml").write_text(_HEAD + "x:\n" + "- a\n" * 500_000, encoding="utf-8")
    compact = "".join(f"  - id: u{i}\n    name: n\n" for i in range(60_000))
    (tmp / "uses-20000.yaml").write_text(
        _HEAD + "uses:\n" + "".join(f"  - id: u{i}\n    name: n\n" for i in range(20_000)),
        encoding="utf-8",
    )
    (tmp / "uses-60000.yaml").write_text(_HEAD + "uses:\n" + compact, encoding="utf-8")
    (tmp / "uses-500.yaml").write_text(
        _HEAD + "uses:\n" + "".join(_use(i) for i in range(500)), encoding="utf-8"
    )
    (tmp / "uses-2000.yaml").write_text(
        _HEAD + "uses:\n" + "".join(_use(i) for i in range(2000)), encoding="utf-8"
    )
    (tmp / "uses-8000.yaml").write_text(
        _HEAD + "uses:\n" + "".join(_use(i) for i in range(8000)), encoding="utf-8"
    )
    big_pack = _rule_pack(tmp / "pack-4000", 4000)
    limit_pack = _rule_pack(tmp / "pack-240", 240)  # with the built-in 60: the limit, 300
    check = ["check", "--today", TODAY, "--no-color"]
    return [
        ("flow_list", "1.8 MB flow list (600,000 items)", [*check, str(tmp / "flow.yaml")]),
        ("dash_lines", "500,000 lines of `- a` (2 MB)", [*check, str(tmp / "dashes.yaml")]),
        ("uses_20000", "manifest with 20,000 uses", [*check, str(tmp / "uses-20000.yaml")]),
        ("uses_60000", "manifest with 60,000 uses", [*check, str(tmp / "uses-60000.yaml")]),
        (
            "limit_uses_rules",
            "500 uses x 300 rules (both limits)",
            [*check, str(tmp / "uses-500.yaml"), "--config", str(limit_pack)],
        ),
        (
            "pack_4000_rules",
            "4,000-rule pack against 2,000 uses",
            [*check, str(tmp / "uses-2000.yaml"), "--config", str(big_pack)],
        ),
    ]


_ADD_USE = """
import datetime as dt, sys
from pathlib import Path
from ai_coc.author.scaffold import add_use
text = Path(sys.argv[1]).read_text(encoding="utf-8")
add_use(text, {"name": "Neu"}, "de", dt.date(2026, 11, 21))
"""

_LIBYAML_FLOOR = """
import sys, yaml
from pathlib import Path
loader = yaml.CSafeLoader
for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
    with open(line, encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=loader)
"""

_IMPORT_FLOOR = "import pydantic, ruamel.yaml, click, yaml"

#: The last commit with the flat layout of the package, before the restructure of issue 12
#: (stages read/, rules/, run/, report/, ...). Its texts are Python dicts: it runs from its
#: source folder without compiled catalogues.
BEFORE_COMMIT = "da4ea37"
#: A manifest both versions read without structural findings (the example as it was then).
BEFORE_FILE = "examples/newsletter-uebersetzung/ai-usage.yaml"


def checkout_before(target: Path) -> Path | None:
    """The source of :data:`BEFORE_COMMIT` unpacked into ``target`` (``git archive``), or
    None if this is no git checkout with that commit."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", BEFORE_COMMIT, "src", "policies", "examples"],
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    import tarfile

    target.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def import_profile(argv: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Top-level packages a command imports and their cumulative import time (-X importtime)."""
    run = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=False,
    )
    total: dict[str, float] = {}
    for line in run.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = [part.strip() for part in line[len("import time:") :].split("|")]
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2]
        if name == name.lstrip():  # top level: no indentation
            package = name.split(".")[0]
            total[package] = total.get(package, 0.0) + cumulative / 1000
    return dict(sorted(total.items(), key=lambda item: -item[1])[:12])


# --- the benchmark -------------------------------------------------------------------------


def report_memory(ai_coc: str, folder: Path, size: int, tmp: Path) -> dict[str, Any]:
    """Peak memory, CPU and wall time of ``ai-coc check DIR`` in every report format, once to
    standard output and once with ``--output FORMAT=FILE`` as well (the report is then
    written twice: to the file and to standard output)."""
    from ai_coc.report.formats import FORMATS

    print(f"\nPeak memory of the scan of {size:,} manifests, by report format:")
    check = [ai_coc, "check", str(folder), "--today", TODAY, "--no-color"]
    formats = {}
    for fmt in FORMATS:
        target = tmp / f"report.{fmt}"
        shown = run_once([*check, "--format", fmt])
        written = run_once([*check, "--format", fmt, "--output", f"{fmt}={target}"])
        formats[fmt] = {
            "peak_rss_mib": shown.rss_kib / 1024,
            "peak_rss_output_mib": written.rss_kib / 1024,
            "wall_s": shown.wall,
            "cpu_s": shown.cpu,
            "exit_code": shown.code,
            "output_mb": target.stat().st_size / 1e6 if target.is_file() else 0.0,
        }
        target.unlink(missing_ok=True)
        print(
            f"  {fmt:<10} peak RSS {shown.rss_kib / 1024:6.1f} MiB, "
            f"with --output {written.rss_kib / 1024:6.1f} MiB   "
            f"cpu {shown.cpu:6.2f} s   wall {shown.wall:6.2f} s   "
            f"{formats[fmt]['output_mb']:7.1f} MB"
        )
    return {"files": size, "formats": formats}


def memory_only(sizes: list[int], corpus: Path | None, output: Path) -> int:
    """``--memory-only``: the report-memory table alone, for the largest of ``sizes``."""
    size = max(sizes)
    ai_coc = tool("ai-coc")
    with tempfile.TemporaryDirectory(prefix="ai-coc-bench-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["AI_COC_CACHE_DIR"] = str(tmp / "cache")
        folder = corpus if corpus is not None else tmp / f"corpus-{size}"
        if corpus is None:
            subprocess.run(
                [sys.executable, __file__, "--generate", str(folder), str(size)], check=True
            )
        found = len(list(folder.glob("*/*/ai-usage.yaml")))
        if found != size:
            sys.exit(f"benchmark: {folder} holds {found} manifests, not {size}")
        results: dict[str, Any] = {
            "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "load_before": load_average(),
            "report_memory": report_memory(ai_coc, folder, size, tmp),
            "load_after": load_average(),
        }
    print()
    print("\n".join(_memory_table(results["report_memory"])))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten: {output} (FIGURES.md is written by a full run only)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="7 rounds, smaller scans")
    parser.add_argument("--repeats", type=int, help="rounds of every paired measurement")
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], help="scan sizes, e.g. 1000,10000"
    )
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="only the peak memory of the largest scan in every report format (printed and "
        "written to --output; FIGURES.md is left as it is)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        metavar="DIR",
        help="with --memory-only: a folder made by --generate DIR COUNT, used instead of a new one",
    )
    parser.add_argument("--generate", nargs=2, metavar=("DIR", "COUNT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        generate_corpus(Path(args.generate[0]), int(args.generate[1]))
        return 0
    if args.memory_only:
        return memory_only(args.sizes or [10000], args.corpus, args.output)
    repeats = max(7, args.repeats or (7 if args.quick else 11))
    sizes = args.sizes or ([1000] if args.quick else [1000, 10000])

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
        "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_before": load_average(),
        "repeats": repeats,
        "today": TODAY,
    }
    # Bytecode for every module, as an installed wheel has it: a source tree without it (or
    # with PYTHONDONTWRITEBYTECODE set) would compile ai-coc's modules again in every run.
    compileall.compile_dir(ROOT / "src", quiet=1)
    info = json.loads(child_python(_INFO))
    results.update(info)
    print(f"ai-coc {info['ai_coc_version']}, YAML: {info['yaml_backend']}")
    print(f"load average before: {results['load_before']}; {repeats} paired rounds")

    with tempfile.TemporaryDirectory(prefix="ai-coc-bench-") as tmp_name:
        tmp = Path(tmp_name)
        schema = tmp / "schema.json"
        schema.write_text(child_python(_SCHEMA), encoding="utf-8")
        yamllint_conf = tmp / "yamllint.yaml"
        yamllint_conf.write_text("extends: relaxed\n", encoding="utf-8")
        os.environ["AI_COC_CACHE_DIR"] = str(tmp / "cache")
        org_config = tmp / "org" / ".ai-coc.yaml"
        org_config.parent.mkdir()
        org_config.write_text(f"extends:\n  - {ORG_PACK.as_posix()}\n", encoding="utf-8")
        # The example, copied out of this repository like the broken files below: a check
        # inside a git repository also reads its history for AI trailers, and this
        # project's history grows with every commit. That cost is its own job below.
        clean = tmp / "clean" / TYPICAL.name
        shutil.copytree(TYPICAL.parent, clean.parent)
        broken = tmp / "broken" / "ai-usage.yaml"
        broken.parent.mkdir()
        text = TYPICAL.read_text(encoding="utf-8")
        broken.write_text(text.replace("\n  name:", "\n  nmae:", 1), encoding="utf-8")
        # a value of the wrong kind (a list for a word): named without pydantic
        wrong = tmp / "wrong-value" / "ai-usage.yaml"
        wrong.parent.mkdir()
        if "status: active" not in text:
            sys.exit(f"benchmark: {TYPICAL} has no `status: active` to change")
        wrong.write_text(text.replace("status: active", "status: [active]", 1), encoding="utf-8")
        # a number written with its unit: pydantic reads numbers out of some texts, so its
        # number type is asked (pydantic's validator core, without the models)
        number = tmp / "number-as-text" / "ai-usage.yaml"
        number.parent.mkdir()
        if "\n      intensity: low\n" not in text:
            sys.exit(f"benchmark: {TYPICAL} has no `intensity: low` to add an estimate to")
        number.write_text(
            text.replace(
                "\n      intensity: low\n",
                "\n      intensity: low\n      estimate:\n        energy_kwh: rund 30 kWh\n",
                1,
            ),
            encoding="utf-8",
        )

        # 1. one file, cold (a new process every run), all paired
        check = [ai_coc, "check", str(clean), "--today", TODAY, "--no-color"]
        single_jobs = [
            Job("python_bare", "python -c pass", [python, "-c", "pass"]),
            Job("deps_import", f"import floor: {_IMPORT_FLOOR[7:]}", [python, "-c", _IMPORT_FLOOR]),
            Job("ai_coc_check", "ai-coc check FILE", check),
            Job(
                "ai_coc_check_in_repo",
                "ai-coc check FILE inside this git repository (reads its history)",
                [ai_coc, "check", str(TYPICAL), "--today", TODAY, "--no-color"],
            ),
            Job(
                "ai_coc_broken",
                "ai-coc check BROKEN-FILE (misspelt key)",
                [ai_coc, "check", str(broken), "--today", TODAY, "--no-color"],
            ),
            Job(
                "ai_coc_wrong_value",
                "ai-coc check WRONG-VALUE-FILE (a list for a word)",
                [ai_coc, "check", str(wrong), "--today", TODAY, "--no-color"],
            ),
            Job(
                "ai_coc_number",
                "ai-coc check NUMBER-FILE (energy_kwh: rund 30 kWh; loads pydantic_core)",
                [ai_coc, "check", str(number), "--today", TODAY, "--no-color"],
            ),
            Job(
                "ai_coc_check_ruamel",
                "ai-coc check FILE, AI_COC_YAML=ruamel",
                check,
                env={"AI_COC_YAML": "ruamel"},
            ),
            Job(
                "ai_coc_check_org",
                "ai-coc check FILE + org pack",
                [*check, "--config", str(org_config)],
            ),
            Job(
                "check_jsonschema",
                "check-jsonschema --schemafile FILE",
                [cjs, "--schemafile", str(schema), str(clean)],
            ),
            Job("yamllint", "yamllint FILE", [yamllint, "-c", str(yamllint_conf), str(clean)]),
        ]
        print(
            f"\nOne manifest ({TYPICAL.relative_to(ROOT)}, copied out of the repository), "
            "whole process, paired:"
        )
        results["single"] = measure_paired(single_jobs, repeats)
        by_key = {job.key: job for job in single_jobs}
        results["ratios"] = {
            "check_vs_check_jsonschema": paired_ratio(by_key, "ai_coc_check", "check_jsonschema"),
            "check_vs_yamllint": paired_ratio(by_key, "ai_coc_check", "yamllint"),
            "check_vs_import_floor": paired_ratio(by_key, "ai_coc_check", "deps_import"),
            "broken_vs_import_floor": paired_ratio(by_key, "ai_coc_broken", "deps_import"),
            "wrong_value_vs_import_floor": paired_ratio(
                by_key, "ai_coc_wrong_value", "deps_import"
            ),
            "number_vs_import_floor": paired_ratio(by_key, "ai_coc_number", "deps_import"),
            "ruamel_vs_libyaml": paired_ratio(by_key, "ai_coc_check_ruamel", "ai_coc_check"),
            "in_repo_vs_check": paired_ratio(by_key, "ai_coc_check_in_repo", "ai_coc_check"),
        }
        results["imports"] = {
            "check": import_profile(["-m", "ai_coc", *check[1:]]),
            "broken": import_profile(
                ["-m", "ai_coc", "check", str(broken), "--today", TODAY, "--no-color"]
            ),
            "wrong value": import_profile(
                ["-m", "ai_coc", "check", str(wrong), "--today", TODAY, "--no-color"]
            ),
            "number as text": import_profile(
                ["-m", "ai_coc", "check", str(number), "--today", TODAY, "--no-color"]
            ),
            "floor": import_profile(["-c", _IMPORT_FLOOR]),
        }

        # 1b. the same cold checks now and before the restructure of issue 12 (paired)
        before = checkout_before(tmp / "before")
        if before is not None:
            compileall.compile_dir(before / "src", quiet=1)
        if before is None:
            print(f"\nno git checkout with {BEFORE_COMMIT}: the comparison with it is left out")
        else:
            old_file = before / BEFORE_FILE
            old_broken = tmp / "before-broken" / "ai-usage.yaml"
            old_broken.parent.mkdir()
            old_text = old_file.read_text(encoding="utf-8")
            old_broken.write_text(old_text.replace("\n  name:", "\n  nmae:", 1), encoding="utf-8")
            then = {
                "PYTHONPATH": str(before / "src"),
                "AI_COC_CACHE_DIR": str(tmp / "cache-before"),
            }
            module = [python, "-m", "ai_coc", "check"]
            tail = ["--today", TODAY, "--no-color"]
            before_jobs = [
                Job("now_check", "now: check FILE", [*module, str(old_file), *tail]),
                Job(
                    "before_check",
                    f"before ({BEFORE_COMMIT}): check FILE",
                    [*module, str(old_file), *tail],
                    env=then,
                ),
                Job("now_broken", "now: check BROKEN-FILE", [*module, str(old_broken), *tail]),
                Job(
                    "before_broken",
                    f"before ({BEFORE_COMMIT}): check BROKEN-FILE",
                    [*module, str(old_broken), *tail],
                    env=then,
                ),
            ]
            print(f"\nOne manifest, now and before the restructure ({BEFORE_COMMIT}), paired:")
            measured_before = measure_paired(before_jobs, repeats)
            by_key = {job.key: job for job in before_jobs}
            results["before"] = {
                "commit": BEFORE_COMMIT,
                "file": BEFORE_FILE,
                "single": measured_before,
                "ratios": {
                    "check": paired_ratio(by_key, "now_check", "before_check"),
                    "broken": paired_ratio(by_key, "now_broken", "before_broken"),
                },
            }

        # 2. scans: ai-coc against the libyaml floor (same files) and check-jsonschema
        results["scans"] = []
        for size in sizes:
            folder = tmp / f"corpus-{size}"
            subprocess.run([python, __file__, "--generate", str(folder), str(size)], check=True)
            files = sorted(folder.glob("*/*/ai-usage.yaml"))
            listing = tmp / f"files-{size}.txt"
            listing.write_text("\n".join(map(str, files)) + "\n", encoding="utf-8")
            total_bytes = sum(p.stat().st_size for p in files)
            rounds = repeats if size <= 1000 else 7
            print(f"\nScan of {size:,} manifests ({total_bytes / 1e6:.1f} MB), paired:")
            jobs = [
                Job(
                    "ai_coc",
                    f"ai-coc check DIR ({size})",
                    [ai_coc, "check", str(folder), "--format", "json", "--today", TODAY],
                ),
                Job(
                    "libyaml",
                    f"libyaml floor: load the same {size} files",
                    [python, "-c", _LIBYAML_FLOOR, str(listing)],
                ),
            ]
            if size <= 1000:
                jobs.append(
                    Job(
                        "check_jsonschema",
                        f"check-jsonschema FILES ({size})",
                        [cjs, "--schemafile", str(schema), *map(str, files)],
                    )
                )
            measured = measure_paired(jobs, rounds)
            by_key = {job.key: job for job in jobs}
            entry: dict[str, Any] = {"files": size, "bytes": total_bytes, **measured}
            entry["ai_coc_vs_libyaml"] = paired_ratio(by_key, "ai_coc", "libyaml")
            entry["ai_coc_cpu_ms_per_file"] = measured["ai_coc"]["cpu_median_s"] * 1000 / size
            entry["libyaml_cpu_ms_per_file"] = measured["libyaml"]["cpu_median_s"] * 1000 / size
            entry["ai_coc_files_per_s_wall"] = size / measured["ai_coc"]["wall_median_s"]
            entry["ai_coc_files_per_s_2_cores"] = 2 * size / measured["ai_coc"]["cpu_median_s"]
            if "check_jsonschema" in measured:
                entry["ai_coc_vs_check_jsonschema"] = paired_ratio(
                    by_key, "ai_coc", "check_jsonschema"
                )
            results["scans"].append(entry)
            if size == max(sizes):
                results["report_memory"] = report_memory(ai_coc, folder, size, tmp)
            shutil.rmtree(folder)

        # 3. inputs at and past the limits: each answered within 2 s and 200 MiB
        print("\nInputs at and past the limits (3 runs each, medians):")
        bounds = [
            Job(key, title, [ai_coc, *arguments]) for key, title, arguments in pathological(tmp)
        ]
        bounds.append(
            Job(
                "add_use_8000",
                "init --add-use on 8,000 uses (add_use)",
                [python, "-c", _ADD_USE, str(tmp / "uses-8000.yaml")],
            )
        )
        bounds.append(
            Job(
                "add_use_2000",
                "init --add-use on 2,000 uses (add_use)",
                [python, "-c", _ADD_USE, str(tmp / "uses-2000.yaml")],
            )
        )
        results["bounds"] = measure_paired(bounds, 3)
    results["load_after"] = load_average()
    print_table(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    FIGURES.write_text(figures_markdown(results), encoding="utf-8")
    print(f"\nwritten: {args.output} and {FIGURES.relative_to(ROOT)}")
    return 0


def _ms(item: dict[str, Any]) -> str:
    return f"{item['cpu_median_s'] * 1000:.0f} ms | {item['wall_median_s'] * 1000:.0f} ms"


def figures_markdown(results: dict[str, Any]) -> str:
    """The figures the README and the speed page quote, as a Markdown page."""
    single, ratios = results["single"], results["ratios"]
    lines = [
        "# Benchmark figures",
        "",
        f"Written by `python benchmarks/run.py` on {results['started']}: Python "
        f"{results['machine']['python']}, {results['machine']['cpus']} CPUs, YAML: "
        f"{results['yaml_backend']}; load average {results['load_before']} before and "
        f"{results['load_after']} after (the machine was shared). Medians of "
        f"{results['repeats']} rounds; in each round every command of a table runs once, "
        "so each comparison is made under the same load. CPU is user + system time of the "
        "process and of the workers it waited for. ai-coc's modules are compiled to bytecode "
        "first, as an installed package has them.",
        "",
        "## One manifest, cold start",
        "",
        f"The example `{TYPICAL.parent.relative_to(ROOT).as_posix()}`, copied into a temporary "
        'folder outside any git repository, as are the changed copies of it. The job "inside '
        "this git repository\" checks it where it lies: that check also reads this project's "
        "git history for AI trailers, which grows with every commit.",
        "",
        "| command | CPU | wall | peak RSS |",
        "| --- | ---: | ---: | ---: |",
    ]
    for item in single.values():
        lines.append(f"| {item['name']} | {_ms(item)} | {item['peak_rss_mib']:.0f} MiB |")
    lines += ["", "| ratio (paired, median of the rounds) | CPU | wall |", "| --- | ---: | ---: |"]
    names = {
        "check_vs_check_jsonschema": "ai-coc check / check-jsonschema",
        "check_vs_yamllint": "ai-coc check / yamllint",
        "check_vs_import_floor": "ai-coc check / import floor",
        "broken_vs_import_floor": "ai-coc check of a file with a misspelt key / import floor",
        "wrong_value_vs_import_floor": "ai-coc check of a file with a list for a word "
        "/ import floor",
        "number_vs_import_floor": "ai-coc check of a file with a number written with its unit "
        "(loads pydantic_core) / import floor",
        "ruamel_vs_libyaml": "ai-coc check with ruamel.yaml / with libyaml",
        "in_repo_vs_check": "ai-coc check inside this git repository / outside any repository",
    }
    for key, title in names.items():
        lines.append(f"| {title} | {ratios[key]['cpu']:.2f}x | {ratios[key]['wall']:.2f}x |")
    if "before" in results:
        before = results["before"]
        lines += [
            "",
            f"## One manifest, cold start: now and before the restructure ({before['commit']})",
            "",
            f"The last commit before the restructure of issue 12, `{before['commit']}`, unpacked "
            "with `git archive` and run from its source folder (`PYTHONPATH=<it>/src`) in the "
            "same environment; both sides as `python -m ai_coc check`, on the example "
            f"`{before['file']}` as it was then (no structural findings in either version) and "
            "on the same file with a misspelt key. Paired in the same rounds.",
            "",
            "| command | CPU | wall | peak RSS |",
            "| --- | ---: | ---: | ---: |",
        ]
        for item in before["single"].values():
            lines.append(f"| {item['name']} | {_ms(item)} | {item['peak_rss_mib']:.0f} MiB |")
        lines += [
            "",
            "| ratio now / before (paired, median of the rounds) | CPU | wall |",
            "| --- | ---: | ---: |",
        ]
        for key, title in (("check", "check FILE"), ("broken", "check BROKEN-FILE")):
            ratio = before["ratios"][key]
            lines.append(f"| {title} | {ratio['cpu']:.2f}x | {ratio['wall']:.2f}x |")
    for scan in results["scans"]:
        lines += [
            "",
            f"## Scan of {scan['files']:,} manifests ({scan['bytes'] / 1e6:.1f} MB)",
            "",
            "| command | CPU | wall | peak RSS |",
            "| --- | ---: | ---: | ---: |",
        ]
        for key in ("ai_coc", "libyaml", "check_jsonschema"):
            if key in scan:
                item = scan[key]
                lines.append(
                    f"| {item['name']} | {item['cpu_median_s']:.2f} s | "
                    f"{item['wall_median_s']:.2f} s | {item['peak_rss_mib']:.0f} MiB |"
                )
        lines += [
            "",
            f"- CPU per file: ai-coc {scan['ai_coc_cpu_ms_per_file']:.2f} ms, libyaml alone "
            f"{scan['libyaml_cpu_ms_per_file']:.2f} ms; ai-coc / libyaml "
            f"{scan['ai_coc_vs_libyaml']['cpu']:.2f}x (CPU), "
            f"{scan['ai_coc_vs_libyaml']['wall']:.2f}x (wall)",
            f"- files per second: {scan['ai_coc_files_per_s_wall']:,.0f} (wall, this run); "
            f"{scan['ai_coc_files_per_s_2_cores']:,.0f} on 2 cores by CPU time",
        ]
        if "ai_coc_vs_check_jsonschema" in scan:
            ratio = scan["ai_coc_vs_check_jsonschema"]
            lines.append(
                f"- ai-coc / check-jsonschema: {ratio['cpu']:.2f}x (CPU), "
                f"{ratio['wall']:.2f}x (wall)"
            )
    if "report_memory" in results:
        lines += ["", *_memory_table(results["report_memory"])]
    lines += [
        "",
        "## Inputs at and past the limits (bound: 2 s and 200 MiB)",
        "",
        "| input | CPU | wall | peak RSS | exit |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for item in results["bounds"].values():
        lines.append(
            f"| {item['name']} | {_ms(item)} | {item['peak_rss_mib']:.0f} MiB | "
            f"{item['exit_code']} |"
        )
    imports = results["imports"]
    lines += ["", "## What a check imports (-X importtime, cumulative ms)", ""]
    for key in ("check", "broken", "wrong value", "number as text", "floor"):
        shown = ", ".join(f"{name} {ms:.0f}" for name, ms in imports[key].items())
        lines.append(f"- {key}: {shown}")
    return "\n".join(lines) + "\n"


def _memory_table(memory: dict[str, Any]) -> list[str]:
    lines = [
        f"## Peak memory of a scan of {memory['files']:,} manifests, by report format",
        "",
        "To standard output, and with `--output FORMAT=FILE` as well (written twice then). CPU "
        "and wall time of the first.",
        "",
        "| format | peak RSS | with --output | CPU | wall | report |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for fmt, item in memory["formats"].items():
        with_output = item.get("peak_rss_output_mib")
        shown = f"{with_output:.0f} MiB" if with_output is not None else "–"
        size = f"{item['output_mb']:.1f} MB" if "output_mb" in item else "–"
        lines.append(
            f"| {fmt} | {item['peak_rss_mib']:.0f} MiB | {shown} | {item['cpu_s']:.1f} s | "
            f"{item['wall_s']:.1f} s | {size} |"
        )
    return lines


def print_table(results: dict[str, Any]) -> None:
    print()
    print(figures_markdown(results))


if __name__ == "__main__":
    raise SystemExit(main())
