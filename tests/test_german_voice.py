"""German, one voice (issue 16, item 6): the German docs address readers with "Sie".

The informal "ihr/euch/eure" and "du/dich/dein" must not appear as words; the polite
capitalised "Ihr/Ihre/Ihnen" is fine. Lower-case "ihr" is refused even where it would be the
third person ("mit ihr"), so that a stray informal "ihr" cannot hide: write around it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GERMAN_DOCS = sorted((ROOT / "docs" / "de").rglob("*.md"))
INFORMAL = re.compile(
    r"\b(ihr|euch|eure[rnms]?|euer|du|dich|dir|dein(?:e[rnms]?)?)\b"
    r"|\b(Euch|Eure[rnms]?|Euer|Du|Dich|Dir|Dein(?:e[rnms]?)?)\b"
)


def informal_words(text: str) -> list[tuple[int, str]]:
    hits = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(("$ ", "```")):
            continue
        hits.extend((number, m.group(0)) for m in INFORMAL.finditer(line))
    return hits


def test_there_are_german_docs() -> None:
    assert len(GERMAN_DOCS) >= 5


@pytest.mark.parametrize("path", GERMAN_DOCS, ids=lambda p: p.name)
def test_german_docs_say_sie(path: Path) -> None:
    assert informal_words(path.read_text("utf-8")) == []


def test_the_check_sees_informal_words() -> None:
    assert informal_words("Bitte lest das, bevor ihr unterzeichnet.") == [(1, "ihr")]
    assert informal_words("Das erinnert euch an eure Pflichten.") == [(1, "euch"), (1, "eure")]
    assert informal_words("Hast du dein Manifest?") == [(1, "du"), (1, "dein")]
    assert informal_words("Ihr Manifest und Ihre roten Linien erinnern Sie.") == []


CLUMSY = (
    "Wo steht (oder wird)",
    "Eins oder mehrere von",
    "Beispiel, das anschlägt",
    "Betreuenden",
    "erprobt und verworfen",
    "vulnerable Gruppe",
    "nicht verzichtet wurde",
    "Verzicht auf KI nicht gewählt",
)


def test_the_clumsy_phrases_are_gone() -> None:
    po = (ROOT / "src/ai_coc/locale/de/LC_MESSAGES/ai_coc.po").read_text("utf-8")
    sources = [po, *(p.read_text("utf-8") for p in (ROOT / "policies/coc").glob("*.yaml"))]
    sources += [p.read_text("utf-8") for p in GERMAN_DOCS if p.name != "glossar.md"]
    sources.append((ROOT / "src/ai_coc/commands/rules.py").read_text("utf-8"))
    for text in sources:
        for phrase in CLUMSY:
            assert phrase not in text


def test_dates_in_german_messages_are_written_out(run_cli: object) -> None:
    from tests.conftest import EXAMPLES

    assert callable(run_cli)
    example = EXAMPLES / "ueberfaellige-pruefung" / "ai-usage.yaml"
    out = run_cli("check", str(example), "--today", "2026-11-21", "--lang", "de").output
    line = next(x for x in out.splitlines() if "COC601" in x and "überfällig" in x)
    assert "am 1. März 2026 fällig" in line and "heute ist der 21. November 2026" in line
    assert not re.search(r"\d{4}-\d{2}-\d{2}", line.split("[Fehler]")[1])
    english = run_cli("check", str(example), "--today", "2026-11-21").output
    assert "due on 1 March 2026 and is overdue (today is 21 November 2026)" in english


def test_the_german_catalogue_and_pack_texts_say_sie() -> None:
    po = (ROOT / "src/ai_coc/locale/de/LC_MESSAGES/ai_coc.po").read_text("utf-8")
    german = [line for line in po.splitlines() if line.startswith(("msgstr", '"'))]
    for path in (ROOT / "policies/coc").glob("*.yaml"):
        german += [line for line in path.read_text("utf-8").splitlines() if "de:" in line]
    informal = re.compile(r"\b(euch|eure[rnms]?|euer|du|dich|dein(?:e[rnms]?)?)\b")
    assert [line for line in german if informal.search(line)] == []
