"""What the justification judge costs per text.

Run from the repository root (after ``pip install -e ".[dev]"``)::

    python benchmarks/judge.py             # 15 repetitions over the whole corpus
    python benchmarks/judge.py --repeat 7

Each repetition judges every text of ``tests/data/judge/corpus.yaml`` once, as the rules of
the built-in pack would (with the questions of ``ai-coc init``), and measures CPU time
(``time.process_time``) and wall time (``time.perf_counter``) of the whole pass. The medians
per text are printed, with the slowest repetition, and the cost of :func:`copies` over the
five justification fields of one use.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from ai_coc.author.scaffold import interview_questions
from ai_coc.rules.judge import copies, judge

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "judge" / "corpus.yaml"
KINDS = {
    "data.inputs.legal_basis": "legal-basis",
    "labour.worker_channel": "channel",
    "contacts.feedback": "channel",
}
BOUND_MS = 0.05


def _pass(items: list[tuple[Any, str]], questions: frozenset[str]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    for value, kind in items:
        judge(value, kind, questions=questions)
    return time.process_time() - cpu, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="repetitions (at least 7)")
    args = parser.parse_args(argv)
    repeat = max(7, args.repeat)
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["texts"]
    items = [(e["text"], KINDS.get(e["field"], "justification")) for e in entries]
    questions = interview_questions()
    judge("warm-up: the word list is read on first use", questions=questions)

    cpu: list[float] = []
    wall: list[float] = []
    for _ in range(repeat):
        c, w = _pass(items, questions)
        cpu.append(c)
        wall.append(w)
    per = 1000 / len(items)
    cpu_ms = statistics.median(cpu) * per
    wall_ms = statistics.median(wall) * per
    print(f"judge: {len(items)} texts x {repeat} repetitions ({sys.version.split()[0]})")
    print(f"  CPU  median {cpu_ms:.4f} ms/text   (slowest pass {max(cpu) * per:.4f})")
    print(f"  wall median {wall_ms:.4f} ms/text   (slowest pass {max(wall) * per:.4f})")

    texts = [e["text"] for e in entries if isinstance(e["text"], str)]
    uses = [
        {f"field{i}": texts[(start + i) % len(texts)] for i in range(5)}
        for start in range(0, len(texts), 5)
    ]
    copy_cpu: list[float] = []
    for _ in range(repeat):
        start = time.process_time()
        for use in uses:
            copies(use)
        copy_cpu.append(time.process_time() - start)
    copy_ms = statistics.median(copy_cpu) * 1000 / len(uses)
    print(f"  copies() over 5 fields: CPU median {copy_ms:.4f} ms/use")
    # The bound is on the cost (CPU time); wall time also counts waiting for a busy machine.
    verdict = "within" if cpu_ms < BOUND_MS else "ABOVE"
    print(f"  CPU cost {verdict} the bound of {BOUND_MS} ms per text")
    return 0 if verdict == "within" else 1


if __name__ == "__main__":
    raise SystemExit(main())
