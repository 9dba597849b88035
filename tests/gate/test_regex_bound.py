"""Patterns that cannot hang (issue 13, item 5).

Pack patterns run on Python's ``re``, accepted only with a proven bound on the combinations a
backtracking search may try (see :mod:`ai_coc.rules.saferegex`, docs/reference/limits.md).
The bounded-repeat pattern of the issue, which used to pass and then ran for minutes, is
refused when the pack is loaded, with the pack file and line; the patterns of the built-in
pack and of the example organisation pack still load.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ai_coc.errors import InputError
from ai_coc.rules import checks, saferegex
from ai_coc.rules.packs import load_pack
from tests.conftest import EXAMPLES, POLICIES, ROOT
from tests.gate.conftest import ORG_PACK, TIMEOUT

BOUNDED_REPEATS = "a{0,100}a{0,100}a{0,100}a{0,100}a{0,100}b"

PACK_META = "name: slow\nversion: '1'\nprefix: SL\ntitle: Slow\n"


def rule_file(pattern: str) -> str:
    return (
        "rules:\n"
        "  - id: SL001\n    name: slow\n    severity: error\n    since: '1'\n"
        "    summary: s\n    rationale: r\n    fix: f\n    message: m\n"
        "    select: manifest\n"
        "    require:\n"
        f"      matches: {{field: project.name, pattern: {json.dumps(pattern)}}}\n"
    )


def make_pack(folder: Path, pattern: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(PACK_META, "utf-8")
    (folder / "rules.yaml").write_text(rule_file(pattern), "utf-8")
    return folder


def test_the_bound_is_computed_for_the_text_the_engine_matches() -> None:
    assert saferegex.TEXT_LENGTH == checks.MAX_MATCH_INPUT
    assert saferegex.MAX_WAYS == (checks.MAX_MATCH_INPUT + 1) ** 2


@pytest.mark.parametrize(
    "pattern",
    [
        BOUNDED_REPEATS,
        "^a{0,100}a{0,100}a{0,100}a{0,100}a{0,100}b",  # anchored does not save it
        "^(a?a?)*$",  # optional parts inside a repetition: exponential, passed before
        "(x?){1,30}y",
        r"(?=(ab|ba)*)x",
    ],
)
def test_patterns_beyond_the_bound_are_refused(pattern: str) -> None:
    assert saferegex.ways(pattern) > saferegex.MAX_WAYS
    assert saferegex.pattern_problem(pattern) is not None


def test_the_bounded_repeat_pattern_is_refused_at_pack_load_with_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_COC_CACHE_DIR", "off")
    root = make_pack(tmp_path / "pack", BOUNDED_REPEATS)
    with pytest.raises(InputError) as caught:
        load_pack(root)
    error = caught.value
    assert error.file is not None and error.file.endswith("rules.yaml")
    assert error.line == 12  # the line of `matches:`
    assert "not allowed" in error.message and "combinations" in error.message


def test_a_check_with_that_pack_ends_fast_with_exit_2(tmp_path: Path) -> None:
    """The whole command, in a new interpreter, within the time limit (it hung before)."""
    project = tmp_path / "project"
    make_pack(project / "pack", BOUNDED_REPEATS)
    (project / ".ai-coc.yaml").write_text("extends: [./pack]\n", "utf-8")
    manifest = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text("utf-8")
    name = "a" * 2_000
    manifest = re.sub(r"(?m)^(  name: ).*$", lambda m: m.group(1) + name, manifest, count=1)
    (project / "ai-usage.yaml").write_text(manifest, "utf-8")
    env = {**os.environ, "AI_COC_CACHE_DIR": "off", "LC_ALL": "C", "LANGUAGE": "en"}
    done = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", "ai-usage.yaml"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "rules.yaml:12" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(https?://|mailto:|[^@\s]+@[^@\s.]+\.)",  # the built-in pack's
        r"^(https?://|mailto:|\S+@\S+)",
        r"^\d{4}-\d{2}-\d{2}$",
        r"^\d{1,3}(\.\d{1,3}){3}$",  # a small repetition inside one is fine now
        r"(?i)\bbiometri",
        r"\S+@",
        "^.*foo.*$",
        "(a|b)*",
    ],
)
def test_ordinary_patterns_are_allowed(pattern: str) -> None:
    assert saferegex.ways(pattern) <= saferegex.MAX_WAYS
    assert saferegex.pattern_problem(pattern) is None


@pytest.mark.parametrize("source", [POLICIES / "coc", ORG_PACK], ids=["builtin", "org-pack"])
def test_the_shipped_packs_still_compile(
    source: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AI_COC_CACHE_DIR", "off")
    copy = tmp_path / source.name
    shutil.copytree(
        source, copy, ignore=shutil.ignore_patterns("pack.compiled.json", "__*", "*.pyc")
    )
    pack = load_pack(copy)
    assert pack.rules


def test_patterns_of_the_shipped_packs_are_within_the_bound() -> None:
    found = []
    for folder in (POLICIES / "coc", ORG_PACK):
        for path in folder.glob("*.yaml"):
            found += re.findall(r"pattern: '([^']*)'", path.read_text("utf-8"))
    assert found, "the built-in pack has a pattern"
    for pattern in found:
        assert saferegex.pattern_problem(pattern) is None, pattern


def test_the_bound_is_not_loaded_when_a_compiled_pack_is_used(tmp_path: Path) -> None:
    probe = (
        "import sys\nfrom ai_coc.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('saferegex' if 'ai_coc.rules.saferegex' in sys.modules else 'lean', "
        "file=sys.stderr)\n"
    )
    manifest = str(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml")
    done = subprocess.run(
        [sys.executable, "-c", probe, "check", manifest],
        cwd=ROOT,
        env={**os.environ, "AI_COC_CACHE_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.stderr.strip().splitlines()[-1] == "lean", done.stderr
