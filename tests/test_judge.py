"""The justification judge (issue 15; the placeholders of real disclosures from issue 20)."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from ai_coc.i18n import interview_questions, languages, phrase, table
from ai_coc.rules import judge as judge_module
from ai_coc.rules.judge import KINDS, PROBLEMS, Problem, copies, judge, similarity

DATA = Path(__file__).parent / "data" / "judge"
CORPUS = DATA / "corpus.yaml"
EXTRA = DATA / "extra.yaml"

#: The judge kind of each field of the corpus, as the rules of the built-in pack use it.
FIELD_KINDS = {
    "data.inputs.legal_basis": "legal-basis",
    "labour.worker_channel": "channel",
    "contacts.feedback": "channel",
}


# --- the examples of the issues --------------------------------------------------------------

HONEST = [
    # issue 15: honest answers that were rejected
    (
        "Sin la IA no podríamos traducir todo el boletín a tiempo para las familias.",
        "justification",
    ),
    ("Todo-Listen für das Team automatisch aus den Protokollen erstellen", "justification"),
    ("Platzhalter-Bilder wären für unsere Kampagne unehrlich gewesen.", "justification"),
    (["Halluzinationen", "Datenschutz", "Anbieterabhängigkeit"], "justification"),
    ("Übersetzung für Geflüchtete", "justification"),
    ("Bias-Test durchgeführt.", "justification"),
    ("GDPR Art. 6(1)(a)", "legal-basis"),
    # texts that mention a non-answer word in passing, and say something
    (
        "Ehrenamtliche Übersetzungen kamen oft Wochen später; Termine waren dann vorbei.",
        "justification",
    ),
    (
        "See above for the provider; for labour: the vendor names no annotators, asked 2026-09-02.",
        "justification",
    ),
    ("None: the model was trained only on our own hand-written FAQ texts.", "justification"),
    (
        "Unbekannt; der Anbieter hat auf unsere Anfrage vom 2.9.2026 nicht geantwortet.",
        "justification",
    ),
    ("Meldung an ki@verein.example", "justification"),
    # legal bases and channels
    ("Einwilligung", "legal-basis"),
    ("Vertrag mit den Mitgliedern (Mitgliedschaft)", "legal-basis"),
    ("berechtigtes Interesse nach Art. 6 Abs. 1 lit. f DSGVO", "legal-basis"),
    ("consent, collected on the sign-up form", "legal-basis"),
    ("§ 26 BDSG", "legal-basis"),
    ("ethics@provider.example", "channel"),
    ("https://provider.example/worker-complaints", "channel"),
    ("Telefon 0341 22 33 44", "channel"),
    ("Der Betriebsrat des Dienstleisters", "channel"),
    ("the vendor's anonymous hotline", "channel"),
    (
        "None offered; we asked the provider on 2026-09-14 to set one up for its annotators.",
        "channel",
    ),
    ("Kein Kanal beim Anbieter vorhanden; Anfrage vom 02.09.2026 unbeantwortet.", "channel"),
]


@pytest.mark.parametrize(("value", "kind"), HONEST, ids=[repr(v)[:40] for v, _ in HONEST])
def test_honest_answers_pass(value: Any, kind: str) -> None:
    assert judge(value, kind, questions=interview_questions()) is None


NON_ANSWERS = [
    # issue 15: non-answers that passed
    ("To be done later.", "justification", "deferral", "To be done later"),
    ("Siehe oben, gilt auch hier.", "justification", "reference", "Siehe oben"),
    ("Wie beim anderen Einsatz.", "justification", "reference", "Wie beim anderen Einsatz"),
    ("Nicht bekannt, wird noch geklärt.", "justification", "deferral", "wird noch geklärt"),
    ("Ist halt so, machen doch alle.", "justification", "shrug", "Ist halt so"),
    ("Blabla bla bla blub.", "justification", "filler", "Blabla"),
    ("We have no idea really.", "justification", "shrug", "no idea"),
    ("Not our problem, provider decides.", "justification", "shrug", "Not our problem"),
    ("Keiner bekannt", "channel", "no-channel", "Keiner bekannt"),
    ("none known", "channel", "no-channel", "none known"),
    ("Das passt schon so", "legal-basis", "no-legal-basis", "Das passt schon so"),
    # placeholders where they stand as the answer
    ("TODO: ask the provider", "justification", "placeholder", "TODO"),
    ("TBD", "justification", "placeholder", "TBD"),
    ("n/a", "justification", "placeholder", "n/a"),
    ("-", "justification", "placeholder", "-"),
    ("Lorem ipsum dolor sit amet", "justification", "placeholder", "Lorem ipsum"),
    # issue 20: the dataset-card stub, Dutch placeholders and deferrals
    (
        "[More Information Needed](https://github.com/huggingface/hub-docs/blob/main/"
        "datasetcard.md#more-information)",
        "justification",
        "placeholder",
        "More Information Needed",
    ),
    ("[More Information Needed]", "justification", "placeholder", "More Information Needed"),
    ("n.v.t.", "justification", "placeholder", "n.v.t."),
    ("zie boven", "justification", "reference", "zie boven"),
    ("nog niet bekend, volgt later", "justification", "deferral", "nog niet bekend"),
    # links never count
    ("https://provider.example/model-card", "justification", "link-only", ""),
    ("Model card: https://provider.example/model-card", "justification", "link-only", ""),
    # repeated words
    ("Datenschutz Datenschutz Datenschutz", "justification", "filler", "datenschutz"),
    # a question that is no answer
    ("Warum sollten wir darauf verzichten?", "justification", "question", ""),
]


@pytest.mark.parametrize(
    ("value", "kind", "problem", "match"), NON_ANSWERS, ids=[v[:40] for v, *_ in NON_ANSWERS]
)
def test_non_answers_are_caught_as_what_they_are(
    value: str, kind: str, problem: str, match: str
) -> None:
    found = judge(value, kind, questions=interview_questions())
    assert found is not None
    assert found.kind == problem
    if match:
        assert found.match == match


def test_missing_values() -> None:
    assert judge(None) == Problem("missing")
    assert judge("   ") == Problem("missing")
    assert judge([]) == Problem("missing")
    assert judge(object()) == Problem("missing")  # e.g. the engine's marker of a missing key
    assert judge(False) == Problem("missing")


def test_too_short_says_how_many_words_are_needed() -> None:
    assert judge("Datenschutz", min_words=3) == Problem("too-short", words=1, needed=3)
    assert judge("Datenschutz") == Problem("too-short", words=1, needed=2)
    # function words do not count, numbers and dates do (a date once)
    assert judge("Seit dem 2026-01-05", min_words=3) == Problem("too-short", words=2, needed=3)
    assert judge("Seit dem 2026-01-05 rund 40 Anfragen", min_words=4) is None


def test_a_word_that_is_ordinary_in_the_texts_language_is_no_placeholder() -> None:
    assert judge("Todo el equipo revisa cada traducción antes de publicarla.") is None
    assert judge("Todo.") == Problem("placeholder", match="Todo.")
    found = judge("todo später ausfüllen")
    assert found is not None and found.kind == "placeholder"


def test_the_interview_questions_pasted_back() -> None:
    questions = interview_questions()
    pasted = [
        phrase("interview", f"{key}.prompt", lang)
        for key in (
            "use.weighing.non_use",
            "use.labour.justification",
            "use.provenance.justification",
        )
        for lang in ("en", "de")
    ]
    for text in pasted:
        found = judge(text, questions=questions)
        assert found is not None and found.kind == "question", text
    # quoting the question and then answering it is an answer
    answer = pasted[2] + " Volunteers translated too late; the dates had passed by then."
    assert judge(answer, questions=questions) is None


def test_interview_questions_cover_both_languages() -> None:
    questions = interview_questions()
    assert questions is interview_questions()  # computed once
    assert {"en", "de"} <= set(languages())
    for key in table("interview"):
        if key.endswith((".prompt", ".comment")):
            for lang in ("en", "de"):
                chosen = phrase("interview", key, lang)
                if "{" not in chosen and len(chosen.split()) >= 3:
                    assert chosen in questions, (lang, chosen)


def test_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        judge("text", "yes-no")


def test_every_problem_kind_is_documented() -> None:
    assert set(KINDS) == {"justification", "legal-basis", "channel"}
    assert len(PROBLEMS) == len(set(PROBLEMS)) == 12
    # each has its words for a rule message (texts/problems.yaml), and nothing else is there
    from ai_coc.i18n import table
    from ai_coc.rules.checks import problem_text

    assert set(table("problems")) == set(PROBLEMS)
    for kind in PROBLEMS:
        problem = Problem(kind, 3, 5, match="TODO", source="weighing.non_use")
        english, german = problem_text(problem, "en"), problem_text(problem, "de")
        assert english and german != english, kind
        assert "{" not in english + german, kind


# --- copies --------------------------------------------------------------------------------

FIRST = (
    "Der Anbieter legt nicht offen, wer die Daten gelabelt hat; wir haben am 2. September "
    "nachgefragt und noch keine Antwort bekommen."
)


def test_a_copy_with_one_word_changed_is_still_a_copy() -> None:
    changed = FIRST.replace("gelabelt", "gesammelt")
    found = copies(
        {
            "weighing.non_use": "Ohne KI kämen die Übersetzungen Wochen zu spät.",
            "labour.justification": FIRST,
            "provenance.justification": changed,
        }
    )
    assert found == {"provenance.justification": "labour.justification"}
    assert similarity(FIRST, changed) > 0.8


def test_copies_ignore_case_punctuation_and_non_text() -> None:
    found = copies({"a": FIRST, "b": FIRST.upper().replace(";", ","), "c": None, "d": "Ja"})  # type: ignore[dict-item]
    assert found == {"b": "a"}


def test_different_answers_are_not_copies() -> None:
    other = (
        "Der Anbieter legt nicht offen, woher die Trainingsdaten stammen; wir haben am 2. "
        "September nachgefragt."
    )
    assert copies({"labour": FIRST, "provenance": other}) == {}
    assert similarity(FIRST, other) < 0.8
    assert similarity("a b c", "a b c") == 1.0
    assert similarity("", "a") == 0.0


def test_short_texts_are_copies_only_when_equal() -> None:
    assert copies({"a": "Keine Angabe", "b": "Keine Angaben"}) == {}
    assert copies({"a": "Keine Angabe", "b": "keine angabe."}) == {"b": "a"}


# --- purity and the word list ---------------------------------------------------------------


def test_the_judge_imports_nothing_else_from_ai_coc() -> None:
    tree = ast.parse(Path(judge_module.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    # ai_coc.records, the base of every data class, imports nothing of ai-coc itself
    assert {m for m in imported if m.startswith("ai_coc")} <= {"ai_coc.records"}


def test_the_word_list_has_every_language() -> None:
    data = json.loads(judge_module.WORDS_FILE.read_text(encoding="utf-8"))
    assert judge_module.WORDS_FILE.parent == Path(judge_module.__file__).parent  # ships with it
    assert set(data["languages"]) == {"en", "de", "es", "tr", "nl", "fr", "pl", "ar-latin"}
    for lang, block in data["languages"].items():
        assert len(block["stop"]) >= 20, lang
        for category in ("placeholder", "deferral", "reference", "shrug"):
            assert block[category], (lang, category)


# --- the labelled corpus ----------------------------------------------------------------------


def _entries(path: Path) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
    return entries


def _score(entries: list[dict[str, Any]]) -> tuple[list[str], list[str], str]:
    """False alarms, misses and a table of precision and recall per language and field."""
    questions = interview_questions()
    false_alarms: list[str] = []
    misses: list[str] = []
    counts: dict[str, Counter[str]] = {}
    for entry in entries:
        problem = judge(
            entry["text"], FIELD_KINDS.get(entry["field"], "justification"), questions=questions
        )
        flagged = problem is not None
        real = entry["label"] == "answer"
        outcome = ("fp" if flagged else "tn") if real else ("tp" if flagged else "fn")
        if outcome == "fp":
            false_alarms.append(f"{entry['id']}: {problem}")
        elif outcome == "fn":
            misses.append(f"{entry['id']} ({entry.get('why')}): {entry['text']!r}")
        for group in ("all", f"lang {entry['lang']}", f"field {entry['field']}"):
            counts.setdefault(group, Counter())[outcome] += 1
    lines = [f"{'':44} {'texts':>5} {'non-ans.':>8} {'precision':>9} {'recall':>7}"]
    for group, c in counts.items():
        flagged_n = c["tp"] + c["fp"]
        non = c["tp"] + c["fn"]
        precision = f"{c['tp'] / flagged_n:.3f}" if flagged_n else "-"
        recall = f"{c['tp'] / non:.3f}" if non else "-"
        lines.append(f"{group:44} {c.total():5} {non:8} {precision:>9} {recall:>7}")
    return false_alarms, misses, "\n".join(lines)


def test_corpus_bounds(capsys: pytest.CaptureFixture[str]) -> None:
    entries = _entries(CORPUS)
    assert len(entries) >= 300
    assert len({e["id"] for e in entries}) == len(entries)
    false_alarms, misses, table = _score(entries)
    non_answers = sum(1 for e in entries if e["label"] != "answer")
    recall = 1 - len(misses) / non_answers
    with capsys.disabled():
        print(f"\njudge on {CORPUS.name}: {len(entries)} texts\n{table}")
        print("missed:", *misses, sep="\n  ")
    assert not false_alarms, "real answers flagged:\n" + "\n".join(false_alarms)
    assert recall >= 0.95, f"recall {recall:.3f}; missed:\n" + "\n".join(misses) + "\n" + table


@pytest.mark.skipif(not EXTRA.exists(), reason="no extra texts")
def test_extra_texts(capsys: pytest.CaptureFixture[str]) -> None:
    """Cases added beside the corpus: every one must be judged as labelled."""
    false_alarms, misses, table = _score(_entries(EXTRA))
    with capsys.disabled():
        print(f"\njudge on {EXTRA.name}\n{table}")
    assert not false_alarms and not misses, "\n".join(false_alarms + misses)


# --- the documentation -----------------------------------------------------------------------

DOCS = Path(__file__).parents[1] / "docs"
_ROW = re.compile(r'^\| `([\w.]+)` \| [„"](.+)[“"] \| [^|`]*`([a-z-]+)`\)? \|$')


@pytest.mark.parametrize("page", ["reference/answers.md", "de/antworten.md"])
def test_the_examples_of_the_docs_are_from_the_corpus_and_judged_as_shown(page: str) -> None:
    corpus = {(e["field"], e["text"]): e for e in _entries(CORPUS) if isinstance(e["text"], str)}
    rows = [
        m.groups()
        for line in (DOCS / page).read_text(encoding="utf-8").splitlines()
        if (m := _ROW.match(line))
    ]
    assert len(rows) >= 20
    questions = interview_questions()
    for field, text, verdict in rows:
        entry = corpus.get((field, text))
        assert entry is not None, f"not in the corpus: {field} {text!r}"
        assert (entry["label"] == "answer") == (verdict == "answer"), text
        problem = judge(text, FIELD_KINDS.get(field, "justification"), questions=questions)
        assert (problem.kind if problem else "answer") == verdict, text


def _lexicon_text() -> str:
    import hashlib

    raw = judge_module.WORDS_FILE.read_bytes()
    compiled = judge_module.compile_lexicon(json.loads(raw), hashlib.sha256(raw).hexdigest())
    return json.dumps(compiled, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_the_shipped_lexicon_is_current(update_golden: bool) -> None:
    expected = _lexicon_text()
    if update_golden:
        judge_module.LEXICON_FILE.write_text(expected, encoding="utf-8")
    assert judge_module.LEXICON_FILE.read_text(encoding="utf-8") == expected, (
        f"{judge_module.LEXICON_FILE} is out of date; run `pytest --update-golden` and commit it"
    )


@pytest.mark.parametrize("damage", ["stale", "broken", "missing"])
def test_a_stale_lexicon_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """The word lists are split again from judge_words.json when the shipped form is not
    made from exactly that file."""
    good = judge_module._load()
    target = tmp_path / "judge_lexicon.json"
    if damage == "stale":
        data = json.loads(judge_module.LEXICON_FILE.read_text("utf-8"))
        data["stop"] = {lang: [] for lang in data["stop"]}
        data["source"] = "0" * 64
        target.write_text(json.dumps(data), "utf-8")
    elif damage == "broken":
        target.write_text("{", "utf-8")
    monkeypatch.setattr(judge_module, "LEXICON_FILE", target)
    monkeypatch.setattr(judge_module, "_lexicon_cache", [])
    again = judge_module._load()
    assert again.stop == good.stop
    assert again.phrases == good.phrases
    assert again.filler == good.filler
