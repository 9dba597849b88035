"""Messages say exactly what is missing, and show values as the user wrote them (issue 20).

Each test starts from a manifest without findings (the COC207 pass example), changes one
thing in its YAML text and checks the message of the one finding that follows, in English
and in German.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_coc.rules.findings import Finding
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import builtin_pack_dir
from ai_coc.run.check import check_file
from tests.conftest import TODAY

BASE = (builtin_pack_dir() / "examples" / "COC207" / "pass.yaml").read_text("utf-8")
POLICIES = load_policies()


def _findings(tmp_path: Path, text: str, lang: str = "en") -> list[Finding]:
    path = tmp_path / "ai-usage.yaml"
    path.write_text(text, encoding="utf-8")
    return check_file(path, POLICIES, TODAY, lang).findings


def _edit(old: str, new: str) -> str:
    """Change ``old``: where it stands once in the example, or else in its first use
    (``protokoll-entwurf``) only."""
    if BASE.count(old) == 1:
        return BASE.replace(old, new)
    first_use = BASE.index("  - id: protokoll-entwurf")
    end = BASE.find("\n  - id: ", first_use + 1)
    end = len(BASE) if end == -1 else end
    assert BASE.count(old, first_use, end) == 1, old
    return BASE[:first_use] + BASE[first_use:end].replace(old, new) + BASE[end:]


def _message(tmp_path: Path, text: str, rule: str, lang: str = "en") -> str:
    found = [f for f in _findings(tmp_path, text, lang) if f.rule_id == rule]
    assert len(found) == 1, [f"{f.rule_id} {f.message}" for f in _findings(tmp_path, text)]
    return found[0].message


def test_the_base_has_no_findings(tmp_path: Path) -> None:
    assert _findings(tmp_path, BASE) == []


@pytest.mark.parametrize(
    ("section", "rule", "old"),
    [
        ("labour", "COC201", "      status: known\n"),
        ("provenance", "COC301", "      status: partial\n"),
    ],
)
def test_a_missing_status_word_is_not_a_missing_section(
    tmp_path: Path, section: str, rule: str, old: str
) -> None:
    start = BASE.index(f"    {section}:\n")
    text = BASE[:start] + BASE[start:].replace(old, "", 1)
    en = _message(tmp_path, text, rule)
    assert f"uses[protokoll-entwurf].{section}.status is missing: only the status word" in en
    assert f"the rest of '{section}' is there (" in en
    assert "source" in en.split("is there")[1]
    assert "does not declare" not in en
    de = _message(tmp_path, text, rule, "de")
    assert f".status fehlt: nur das Statuswort fehlt, der Rest von '{section}' ist da" in de


@pytest.mark.parametrize(("section", "rule"), [("labour", "COC201"), ("provenance", "COC301")])
def test_a_missing_section_is_called_missing(tmp_path: Path, section: str, rule: str) -> None:
    start = BASE.index(f"    {section}:\n")
    end = start + 1
    lines = BASE[start:].splitlines(keepends=True)
    taken = 1
    while taken < len(lines) and lines[taken].startswith("      "):
        taken += 1
    end = start + sum(len(line) for line in lines[:taken])
    text = BASE[:start] + BASE[end:]
    en = _message(tmp_path, text, rule)
    assert en.endswith(f"(uses[protokoll-entwurf].{section} is missing)")
    assert "status word" not in en
    assert _message(tmp_path, text, rule, "de").endswith(f".{section} fehlt)")


def test_an_empty_value_is_called_empty_not_quoted(tmp_path: Path) -> None:
    text = _edit(
        "      decisions_about_people: false\n",
        "      decisions_about_people: true\n      human_oversight:\n"
        "      bias_assessment: Wir haben Entwürfe mit vielen verschiedenen Namen geprüft.\n"
        "      groups: [{group: Mitglieder, likelihood: low, severity: low}]\n",
    )
    en = _message(tmp_path, text, "COC503")
    assert "''" not in en
    assert en.endswith("(uses[protokoll-entwurf].people.human_oversight is empty)")
    de = _message(tmp_path, text, "COC503", "de")
    assert "''" not in de and de.endswith("human_oversight ist leer)")


def test_a_value_that_is_there_is_quoted_as_written(tmp_path: Path) -> None:
    text = _edit("      operators_trained: true\n", "      operators_trained: False\n")
    en = _message(tmp_path, text, "COC701")
    assert en.endswith("(uses[protokoll-entwurf].competences.operators_trained is 'False')")
    text = _edit("      operators_trained: true\n", "      operators_trained: false  # bald\n")
    assert _message(tmp_path, text, "COC701", "de").endswith("operators_trained ist 'false')")


@pytest.mark.parametrize(
    ("written", "shown"),
    [("false", "'false'"), ("False", "'False'"), ("0", "'0'"), ("1_000", "'1_000'")],
)
def test_a_wrong_value_is_shown_in_the_users_spelling(
    tmp_path: Path, written: str, shown: str
) -> None:
    text = _edit("      fair_pay: yes\n", f"      fair_pay: {written}\n")
    en = _message(tmp_path, text, "COC003")
    assert en.startswith(f"'uses[protokoll-entwurf].labour.fair_pay' cannot be {shown};")
    assert en.endswith("expected: 'yes', 'no' or 'unknown'")
    de = _message(tmp_path, text, "COC003", "de")
    assert de.startswith(f"'uses[protokoll-entwurf].labour.fair_pay' darf nicht {shown} sein;")
    assert de.endswith("erwartet: 'yes', 'no' oder 'unknown'")


def test_a_number_is_shown_as_written(tmp_path: Path) -> None:
    text = _edit("      intensity: low\n", "      intensity: 3.0\n")
    assert "cannot be '3.0'" in _message(tmp_path, text, "COC003")


def test_an_empty_value_that_is_not_allowed_says_so(tmp_path: Path) -> None:
    text = _edit("      fair_pay: yes\n", '      fair_pay: ""\n')
    en = _message(tmp_path, text, "COC003")
    assert en.startswith("'uses[protokoll-entwurf].labour.fair_pay' cannot be empty;")
    assert "''" not in en
    de = _message(tmp_path, text, "COC003", "de")
    assert de.startswith("'uses[protokoll-entwurf].labour.fair_pay' darf nicht leer sein;")


def test_an_invalid_date_is_shown_as_written(tmp_path: Path) -> None:
    text = _edit("  last_training: 2026-06-10\n", "  last_training: 2026-02-30\n")
    en = _message(tmp_path, text, "COC004")
    assert en == "'competences.last_training' is '2026-02-30', which is not a valid date"
