"""Shared set-up of the gate tests: a project that extends an organisation's pack."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES

ORG_PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"
RECRUITING = EXAMPLES / "rote-linie-recruiting" / "ai-usage.yaml"
#: The red line the recruiting example crosses (in 1-people.yaml of the org pack).
RED_LINE = "WFV001"
#: No subprocess of these tests may take longer than this (a hang fails instead of stalling).
TIMEOUT = 60


@dataclass
class Project:
    root: Path
    pack: Path
    cache: Path

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB")}
        env.update(AI_COC_CACHE_DIR=str(self.cache), NO_COLOR="1", LC_ALL="C", LANGUAGE="en")
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """``ai-coc ARGS`` in a new interpreter, in the project folder, with a time limit."""
        return subprocess.run(
            [sys.executable, "-m", "ai_coc", *args],
            cwd=self.root,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )

    def check(self) -> subprocess.CompletedProcess[str]:
        return self.run("check", "ai-usage.yaml")

    def entries(self) -> list[Path]:
        folder = self.cache / "packs"
        return sorted(folder.iterdir()) if folder.is_dir() else []


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A project whose configuration extends a copy of the example organisation pack, with
    a cache folder of its own (also for in-process loading)."""
    root = tmp_path / "project"
    pack = root / "pack"
    shutil.copytree(ORG_PACK, pack, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    shutil.copy(RECRUITING, root / "ai-usage.yaml")
    (root / ".ai-coc.yaml").write_text("extends: [./pack]\n", "utf-8")
    cache = tmp_path / "cache"
    monkeypatch.setenv("AI_COC_CACHE_DIR", str(cache))
    return Project(root=root, pack=pack, cache=cache)
