"""Running ai-coc on hostile input as a real process, with a time and memory limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import TODAY

#: Seconds one run may take before it counts as a hang.
TIMEOUT = 60
#: Address space one run may use before it counts as runaway memory.
MEMORY_LIMIT = 1024 * 1024 * 1024
#: Both ways ai-coc reads YAML: libyaml with ruamel.yaml for errors, and ruamel.yaml only.
BACKENDS = ("fast", "ruamel")


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _limit_memory() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_ai_coc(*args: str, backend: str = "fast", cwd: Path | None = None) -> Outcome:
    """``python -m ai_coc check ARGS`` in a child process; a hang fails the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AI_COC_", "FORCE_COLOR"))}
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    if backend == "ruamel":
        env["AI_COC_YAML"] = "ruamel"
    proc = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", *args, "--today", TODAY.isoformat()],
        capture_output=True,
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
        preexec_fn=_limit_memory,  # no threads in the test process
        check=False,
    )
    return Outcome(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_handled(outcome: Outcome) -> None:
    """Exit 0, 1 or 2 with something readable said, never a traceback or an internal error."""
    assert outcome.code in (0, 1, 2), f"exit {outcome.code}:\n{outcome.output[-2000:]}"
    assert "Traceback" not in outcome.output, outcome.output[-2000:]
    assert "internal error" not in outcome.output, outcome.output[-2000:]
    assert outcome.output.strip(), "ai-coc said nothing"
    if outcome.code == 2:
        assert outcome.stderr.startswith("ai-coc: "), outcome.stderr[:500]
