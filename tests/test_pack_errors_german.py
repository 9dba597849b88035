"""A broken policy pack is explained in the user's language (issue 17: German on screen).

The problems a pack author makes (an unknown check, a wrong option, a slow regular
expression, an unknown placeholder) used to be English whatever ``--lang`` said.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

META = "name: broken\nversion: '1'\nprefix: BR\ntitle: Broken\n"


def _rule(require: str, message: str = "m") -> str:
    return (
        "rules:\n"
        "  - id: BR001\n    name: broken\n    severity: error\n    since: '1'\n"
        f"    summary: s\n    rationale: r\n    fix: f\n    message: {json.dumps(message)}\n"
        "    select: manifest\n"
        f"    require:\n      {require}\n"
    )


CASES = {
    "unknown check": (_rule("presnt: project.name"), "unbekannte Prüfung 'presnt'", "present"),
    "unknown option": (
        _rule("present: {field: project.name, colour: red}"),
        "unbekannte Option(en) colour",
        "erlaubt sind",
    ),
    "slow pattern": (
        _rule('matches: {field: project.name, pattern: "(a+)+b"}'),
        "Wiederholung in einer Wiederholung",
        "nicht erlaubt",
    ),
    "bad field path": (_rule("present: 'project.na me'"), "kein gültiger Feldpfad", "project"),
    "unknown placeholder": (
        _rule("present: project.name", message="see {nowhere}"),
        "unbekannte Platzhalter {nowhere}",
        "erlaubt sind",
    ),
}

ENGLISH = ("unknown", "allowed", "missing", "expected", "regular expression", "is not")


def _policy_test(pack: Path, lang: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ai_coc", "policy", "test", str(pack), "--lang", lang],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "AI_COC_CACHE_DIR": "off", "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_pack_is_explained_in_german(case: str, tmp_path: Path) -> None:
    rules, expected, also = CASES[case]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(META, "utf-8")
    (pack / "rules.yaml").write_text(rules, "utf-8")
    done = _policy_test(pack, "de")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "rules.yaml" in done.stderr
    assert expected in done.stderr and also in done.stderr, done.stderr
    assert not [w for w in ENGLISH if w in done.stderr], done.stderr
    english = _policy_test(pack, "en")
    assert english.returncode == 2 and expected not in english.stderr, english.stderr
