"""The justification judge: does a text answer the question, or only fill the field?

:func:`judge` looks at one value of a manifest field and returns ``None`` for a real answer or
a :class:`Problem` that says what is wrong with it. What it recognises:

- **placeholders** where they stand as the answer: the whole text ("n/a", "-", "TODO"), or
  opening it ("TODO: ask provider"), or a marker in capitals anywhere ("… TBD"). Never inside a
  word or a compound ("Todo-Listen"), and a word that is ordinary in the language of the text
  (Spanish "todo" = all) only when nothing follows it;
- **deferrals** ("later", "wird noch geklärt"), **references** instead of answers ("see above",
  "wie beim anderen Einsatz"), **shrugs** ("no idea", "ist halt so"), **filler** ("bla bla",
  the same word over and over) — each only when fewer than :data:`THIN` words of content are
  left beside it, so that a real answer may say "later" or "see above" in passing;
- the interview's own **questions** pasted back (passed in by the caller);
- texts **too short** to say anything, and texts that are only a **link**.

Content is counted fairly: list items, names, numbers (a date or "6(1)(a)" counts once), legal
references and e-mail addresses count; short function words ("the", "und") and links do not.

The words it knows are in ``judge_words.json`` next to this file, per language; the language
of a text is guessed from its function words, so that the lists of that language apply.

The module is pure: it reads its word list once, on first use, and nothing else; it keeps no
state between calls besides caches of that word list.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ai_coc.records import FrozenRecord, Record

#: What a field may be expected to hold.
KINDS = ("justification", "legal-basis", "channel")

#: Every problem the judge can report, in the order of the documentation.
PROBLEMS = (
    "missing",
    "placeholder",
    "deferral",
    "reference",
    "shrug",
    "filler",
    "question",
    "too-short",
    "copy",
    "link-only",
    "no-legal-basis",
    "no-channel",
)

#: Words of content a text of each kind needs at least (unless the rule says otherwise).
DEFAULT_WORDS: dict[str, int] = {"justification": 2, "legal-basis": 1, "channel": 1}

#: A non-answer phrase ("later", "see above") spoils a text only if fewer words of content than
#: this are left beside it.
THIN = 3

#: A channel field that names no channel is still an answer when it explains the situation in
#: at least this many words ("none known; we asked the provider on 2 May to set one up").
CHANNEL_EXPLAINED = 5

#: Token-shingle similarity from which two texts count as copies of each other.
COPY_SIMILARITY = 0.8

WORDS_FILE = Path(__file__).with_name("judge_words.json")


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Problem(FrozenRecord):
    """Why a text is not an answer."""

    kind: str
    words: int = 0  # words of content counted
    needed: int = 0  # words needed (too-short)
    match: str = ""  # the phrase that was recognised, as written by the user
    source: str = ""  # for "copy": the field it was copied from


# --- text ----------------------------------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,:/\-]\d+)+|[^\W_]+(?:['’\-][^\W_]+)*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ff][Tt][Pp]://|[Ww][Ww][Ww]\.)[^\s<>\"]+"
    r"|\b[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:example|org|com|net|de|eu|io|info|nl|fr|es|pl|at|ch)"
    r"\b(?:/[^\s<>\"]*)?"
)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
_SENTENCE_END = re.compile(r"[.;:!?()\[\]„“\"–—]")
_SEPARATOR = re.compile(r"\s*(?:$|[:;,.!?()\[\]/]|[-–—]\s)")
_DUMMY_ADDRESS = re.compile(r"(?:^|[@.])(?:x+|test|todo|tbd|name|user|foo)(?:[@.]|$)")
_URL_PATH = re.compile(r"(?:https?://|www\.)?[^/\s]+/[^\s/]{2,}")
_QUESTION_ONLY = re.compile(r"^[^.!;]*\?[\s\"“”»«'’)]*$")


def fold(word: str) -> str:
    """Lower-case a word and drop its accents (``Überprüfung`` -> ``uberprufung``)."""
    folded = word.casefold().replace("’", "'")
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def _fold_text(text: str) -> str:
    return fold(text)


def _words(text: str) -> list[str]:
    return list(map(_FOLDS.__getitem__, _TOKEN.findall(text)))


class _Text:
    """A text split into its words, as the judge reads it (a plain class: made for every text
    judged, and quicker to define than a dataclass)."""

    __slots__ = (
        "_spans",
        "addresses",
        "emails",
        "folded",
        "links",
        "opens",
        "parts",
        "raw",
        "written",
    )

    def __init__(
        self,
        written: str,  # the text with link targets removed
        raw: list[str],  # tokens as written
        folded: list[str],  # tokens lower-cased, without accents
        parts: list[str],  # the characters before the first token, the token, ... (_prepare)
        opens: list[bool],  # whether a token starts a sentence
        links: int,
        emails: int,
        addresses: int,  # links with a path and e-mail addresses that are not placeholders
    ) -> None:
        self.written = written
        self.raw = raw
        self.folded = folded
        self.parts = parts
        self.opens = opens
        self.links = links
        self.emails = emails
        self.addresses = addresses
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        """Character offsets of the tokens in ``written`` (worked out when first needed)."""
        if self._spans is None:
            ends = list(itertools.accumulate(map(len, self.parts)))
            self._spans = list(zip(ends[0:-1:2], ends[1::2], strict=True))
        return self._spans


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list | tuple):
        parts = [p for p in (_as_text(v) for v in value) if p and p.strip()]
        return "; ".join(parts)
    if isinstance(value, Mapping):
        parts = [p for p in (_as_text(v) for v in value.values()) if p and p.strip()]
        return "; ".join(parts)
    return None  # anything else (e.g. the engine's marker for a missing key)


class _Gaps(dict[str, bool]):
    """Whether the characters between two tokens end a sentence, by those characters (most
    gaps are " " or ", ": each is looked at once)."""

    def __missing__(self, gap: str) -> bool:
        ends = _SENTENCE_END.search(gap) is not None
        if len(self) < 4096:
            self[gap] = ends
        return ends


class _Folds(dict[str, str]):
    """Words folded so far (words repeat: looking one up is quicker than folding it again)."""

    def __missing__(self, word: str) -> str:
        folded = fold(word)
        if len(self) >= 65536:
            self.clear()
        self[word] = folded
        return folded


_GAPS = _Gaps()
_FOLDS = _Folds()
#: The text split into the characters before each token and the tokens (one pass).
_TOKEN_SPLIT = re.compile("(" + _TOKEN.pattern + ")")
#: With "://" and "www." (any case), the parts of a text without which :data:`_URL` finds
#: nothing there (a quick test first).
_DOT_TLD = re.compile(r"\.(?:example|org|com|net|de|eu|io|info|nl|fr|es|pl|at|ch)\b")


def _prepare(text: str) -> _Text:
    links = 0
    if "](" in text:
        links = len(_MD_LINK.findall(text))
        text = _MD_LINK.sub(lambda m: m.group(1), text)
    blanked = text
    emails = addresses = 0
    if "@" in blanked:
        found = _EMAIL.findall(blanked)
        emails = len(found)
        addresses += sum(1 for f in found if not _DUMMY_ADDRESS.search(f.lower()))
        blanked = _EMAIL.sub(lambda m: " " * len(m.group()), blanked)
    if "." in blanked and (
        "://" in blanked or "www." in blanked.lower() or _DOT_TLD.search(blanked) is not None
    ):
        found = _URL.findall(blanked)
        if found:
            links += len(found)
            addresses += sum(1 for f in found if _URL_PATH.search(f))
            blanked = _URL.sub(lambda m: " " * len(m.group()), blanked)
    # parts: the characters before the first token, the token, the characters after it, ...
    parts = _TOKEN_SPLIT.split(blanked)
    if len(parts) == 1:
        return _Text(text, [], [], [], [], links, emails, addresses)
    raw = parts[1::2]
    # a token opens a sentence if it is the first, or if the characters before it end one
    opens = [True, *map(_GAPS.__getitem__, parts[2:-1:2])]
    if blanked.isascii():  # the usual case: folding is lower-casing
        folded = [word.lower() for word in raw]
    else:
        folded = list(map(_FOLDS.__getitem__, raw))
    return _Text(text, raw, folded, parts, opens, links, emails, addresses)


# --- the word lists ------------------------------------------------------------------------

_Phrase = tuple[list[str], str, bool]  # words, category, only where a sentence starts
_CATEGORIES = ("marker", "placeholder", "deferral", "reference", "shrug", "filler")


@dataclass(slots=True, eq=False, repr=False)
class _Lexicon(Record):
    """The word lists of ``judge_words.json``, prepared for looking words up."""

    languages: tuple[str, ...]
    stop: dict[str, frozenset[str]]
    stop_of: dict[str, tuple[str, ...]]  # function word -> the languages it belongs to
    phrases: dict[str, list[_Phrase]]  # per language (and "*" for every language)
    compact: frozenset[str]
    filler: frozenset[str]
    sources: dict[str, list[str]]  # the regular expressions of "legal_refs", "legal_bases", ...
    patterns: dict[str, tuple[tuple[str, ...], str]]  # see finds()
    compiled: dict[str, re.Pattern[str]]
    indexes: dict[tuple[str, ...], tuple[dict[str, list[_Phrase]], frozenset[str]]]

    def finds(self, name: str, text: str) -> bool:
        """Whether one of the word list's expressions ("legal", "channel") is in ``text``.

        The expressions that are plain text are looked for as such; the others are joined
        into one regular expression, compiled on first use (a shorter one: quicker to make).
        """
        found = self.patterns.get(name)
        if found is None:
            parts = self.sources["legal_refs"] + self.sources["legal_bases"]
            if name == "channel":
                parts = self.sources["channel"]
            plain = tuple(p for p in parts if not _REGEX_SYNTAX.intersection(p))
            rest = "|".join(f"(?:{p})" for p in parts if _REGEX_SYNTAX.intersection(p))
            found = self.patterns[name] = (plain, rest)
        plain, rest = found
        for part in plain:
            if part in text:
                return True
        if not rest:
            return False
        # compiled when first needed, not when a plain expression is found
        pattern = self.compiled.get(name)
        if pattern is None:
            pattern = self.compiled[name] = re.compile(rest)
        return pattern.search(text) is not None

    def index(self, langs: tuple[str, ...]) -> tuple[dict[str, list[_Phrase]], frozenset[str]]:
        """The phrases of ``langs`` (and of every language) by first word, and their stop words."""
        cached = self.indexes.get(langs)
        if cached is not None:
            return cached
        by_first: dict[str, list[_Phrase]] = {}
        for lang in ("*", *langs):
            for phrase in self.phrases.get(lang, ()):
                by_first.setdefault(phrase[0][0], []).append(phrase)
        for entries in by_first.values():
            entries.sort(key=lambda p: -len(p[0]))
        stop = frozenset().union(*(self.stop[lang] for lang in langs))
        self.indexes[langs] = (by_first, stop)
        return by_first, stop


_lexicon_cache: list[_Lexicon] = []
#: Characters with a meaning in a regular expression: an expression without any is plain text.
_REGEX_SYNTAX = frozenset("\\.^$*+?{}[]|()")
#: A phrase that splits into words at its spaces (the usual case, and quicker to read).
_PLAIN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*(?: [a-z0-9]+(?:['-][a-z0-9]+)*)*")


def _phrases(entries: Iterable[str], category: str) -> list[_Phrase]:
    out: list[_Phrase] = []
    for entry in entries:
        at_start = entry.startswith("^")
        entry = entry.lstrip("^")
        words = entry.split() if _PLAIN.fullmatch(entry) else _words(entry)
        if words:
            out.append((words, category, at_start))
    return out


def compile_lexicon(data: dict[str, Any], source: str) -> dict[str, Any]:
    """The word lists of ``judge_words.json`` (``data``, whose bytes have digest ``source``)
    split into words, as plain data: the content of :data:`LEXICON_FILE`."""
    universal = data["universal"]
    phrases: dict[str, list[_Phrase]] = {"*": []}
    for category in ("marker", "filler"):
        phrases["*"] += _phrases(universal.get(category, ()), category)
    stop: dict[str, list[str]] = {}
    filler = {w for p in phrases["*"] if p[1] == "filler" for w in p[0]}
    for lang, block in data["languages"].items():
        stop[lang] = sorted(
            {
                w
                for entry in block["stop"]
                for w in (entry.split() if _PLAIN.fullmatch(entry) else _words(entry))
            }
        )
        phrases[lang] = [
            phrase
            for category in _CATEGORIES
            for phrase in _phrases(block.get(category, ()), category)
        ]
        filler |= {w for p in phrases[lang] if p[1] == "filler" and len(p[0]) == 1 for w in p[0]}
    return {
        "generator": "ai-coc, from judge_words.json (do not edit; `pytest --update-golden`)",
        "source": source,
        "languages": list(data["languages"]),
        "stop": stop,
        "phrases": {lang: [list(p) for p in items] for lang, items in phrases.items()},
        "compact": sorted({"".join(_words(w)) for w in universal.get("compact", ())}),
        "filler": sorted(filler),
        "sources": {key: data[key] for key in ("legal_refs", "legal_bases", "channel")},
    }


#: :func:`compile_lexicon` of ``judge_words.json``, shipped so that a check need not split the
#: word lists into words (a test keeps it current). It is used only when it was made from
#: exactly the current ``judge_words.json``.
LEXICON_FILE = Path(__file__).with_name("judge_lexicon.json")


def _load() -> _Lexicon:
    if _lexicon_cache:
        return _lexicon_cache[0]
    raw = WORDS_FILE.read_bytes()
    source = hashlib.sha256(raw).hexdigest()
    try:
        compiled = json.loads(LEXICON_FILE.read_bytes())
    except (OSError, ValueError):
        compiled = None
    if not isinstance(compiled, dict) or compiled.get("source") != source:
        compiled = compile_lexicon(json.loads(raw), source)
    stop = {lang: frozenset(words) for lang, words in compiled["stop"].items()}
    lexicon = _Lexicon(
        languages=tuple(compiled["languages"]),
        stop=stop,
        stop_of={
            word: tuple(lang for lang in stop if word in stop[lang])
            for word in frozenset().union(*stop.values())
        },
        phrases={
            lang: [(words, category, at_start) for words, category, at_start in items]
            for lang, items in compiled["phrases"].items()
        },
        compact=frozenset(compiled["compact"]),
        filler=frozenset(compiled["filler"]),
        sources=compiled["sources"],
        patterns={},
        compiled={},
        indexes={},
    )
    _lexicon_cache.append(lexicon)
    return lexicon


def guess_languages(words: Iterable[str]) -> tuple[str, ...]:
    """The languages whose function words are most frequent in ``words`` (all if none is)."""
    lexicon = _load()
    hits: dict[str, int] = {}
    # the languages of every function word, counted (a word may belong to several)
    for langs in filter(None, map(lexicon.stop_of.get, words)):
        for lang in langs:
            hits[lang] = hits.get(lang, 0) + 1
    if not hits:
        return lexicon.languages
    best = max(hits.values())
    return tuple(lang for lang in lexicon.languages if hits.get(lang) == best)


# --- questions -------------------------------------------------------------------------------

_question_cache: dict[frozenset[str], dict[tuple[str, ...], list[str]]] = {}


def _question_index(questions: Iterable[str]) -> dict[tuple[str, ...], list[str]]:
    """The questions by their first two words (the rest is read only when those match)."""
    key = questions if isinstance(questions, frozenset) else frozenset(questions)
    cached = _question_cache.get(key)
    if cached is not None:
        return cached
    index: dict[tuple[str, ...], list[str]] = {}
    for question in key:
        first = [_FOLDS[m.group()] for m in itertools.islice(_TOKEN.finditer(question[:80]), 2)]
        if len(first) == 2:
            index.setdefault(tuple(first), []).append(question)
    if len(_question_cache) > 16:
        _question_cache.clear()
    _question_cache[key] = index
    return index


# --- judging ---------------------------------------------------------------------------------


def _match_phrases(text: _Text, by_first: dict[str, list[_Phrase]]) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    folded = text.folded
    opens = text.opens
    n = len(folded)
    after = 0  # where the last phrase found ends (phrases do not overlap)
    for i in [i for i, word in enumerate(folded) if word in by_first]:
        if i < after:
            continue
        for words, category, at_start in by_first[folded[i]]:
            end = i + len(words)
            if end <= n and folded[i:end] == words and (opens[i] or not at_start):
                found.append((i, end, category))
                after = end
                break
    return found


def _shown(text: _Text, start: int, end: int) -> str:
    return text.written[text.spans[start][0] : text.spans[end - 1][1]]


class _Contentful(dict[str, bool]):
    """Whether a word can carry content: it has a digit, or at least two letters."""

    def __missing__(self, word: str) -> bool:
        has = any(c.isdigit() for c in word) or sum(c.isalpha() for c in word) >= 2
        if len(self) >= 65536:
            self.clear()
        self[word] = has
        return has


_CONTENTFUL = _Contentful()


def _assess(
    text: _Text, needed: int, questions: Iterable[str]
) -> tuple[Problem | None, int, frozenset[str]]:
    """The problem of a text judged as a justification, its words of content, its stop words."""
    lexicon = _load()
    folded = text.folded
    n = len(folded)
    if n == 0:
        if text.links:
            return Problem("link-only"), 0, frozenset()
        if text.emails and not text.addresses:
            return Problem("placeholder", match=text.written.strip()), 0, frozenset()
        if text.emails:
            return (None if needed <= 1 else Problem("too-short", 1, needed)), 1, frozenset()
        return Problem("placeholder", match=text.written.strip()), 0, frozenset()
    langs = guess_languages(folded)
    by_first, stop = lexicon.index(langs)

    if n <= 3 and "".join(folded) in lexicon.compact:
        return Problem("placeholder", match=text.written.strip()), 0, stop

    found = _match_phrases(text, by_first)
    covered = [False] * n
    for start, end, _category in found:
        for i in range(start, end):
            covered[i] = True

    # placeholders that mark an unfinished text
    for start, end, category in found:
        if category != "marker":
            continue
        word = text.raw[start]
        opening = start == 0 and (
            end - start > 1
            or end == n
            or word.isupper()
            or (word.islower() and folded[start] not in stop)
            or _SEPARATOR.match(text.written, text.spans[end - 1][1]) is not None
        )
        first, last = text.spans[start][0], text.spans[end - 1][1]
        bracketed = text.written[first - 1 : first] in ("[", "<", "{") and text.written[
            last : last + 1
        ] in ("]", ">", "}")
        if opening or bracketed:
            return Problem("placeholder", match=_shown(text, start, end)), 0, stop

    content: set[str] = set()
    fillers = 0
    filler = lexicon.filler
    contentful = _CONTENTFUL
    for i, word in enumerate(folded):
        if word in filler:
            fillers += 1
            continue
        if covered[i] or word in stop:
            continue
        if contentful[word]:
            content.add(word)
    words = len(content) + text.emails

    if "?" in text.written and _QUESTION_ONLY.match(text.written.strip()):
        return Problem("question", words, match=text.written.strip()), words, stop
    if questions:
        index = _question_index(questions)
        for asked in index.get(tuple(folded[:2]), ()):
            question = _words(asked)
            if folded[: len(question)] == question:
                rest = {w for w in folded[len(question) :] if w not in stop}
                if len(rest) < THIN:
                    return Problem("question", words, match=_shown(text, 0, len(question))), 0, stop

    if words < THIN:
        for category in ("reference", "deferral", "shrug", "placeholder", "marker", "filler"):
            for start, end, kind in found:
                if kind == category:
                    problem = "placeholder" if kind == "marker" else kind
                    return Problem(problem, words, match=_shown(text, start, end)), words, stop
        if fillers:
            first = next(i for i, w in enumerate(folded) if w in lexicon.filler)
            return Problem("filler", words, match=text.raw[first]), words, stop
        if n >= 3 and len(set(folded)) * 2 <= n:
            repeated = max(set(folded), key=folded.count)
            return Problem("filler", words, match=repeated), words, stop
        if text.links:
            return Problem("link-only", words), words, stop
    if words < needed:
        return Problem("too-short", words, needed), words, stop
    return None, words, stop


def _numbered(items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether a list only numbers one word through ("Risiko 1", "Risiko 2")."""
    if len(items) < 2 or not all(isinstance(item, str) for item in items):
        return False
    stems = {re.sub(r"[\W\d_]+", "", item).casefold() for item in items}
    return len(stems) == 1 and len({item.strip() for item in items}) == len(items)


def judge(
    value: object,
    kind: str = "justification",
    *,
    min_words: int | None = None,
    questions: Iterable[str] = (),
) -> Problem | None:
    """``None`` if ``value`` answers a field of ``kind``, else the :class:`Problem` with it.

    ``value`` is the field's value as read from the manifest: text, a list of texts (each item
    counts), or anything else (a missing value). ``min_words`` overrides the words of content
    the kind needs (:data:`DEFAULT_WORDS`). ``questions`` are texts that are no answer when
    pasted back (the questions of ``ai-coc init``); a frozenset is cheapest to pass again.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    raw = _as_text(value)
    if raw is None or not raw.strip():
        return Problem("missing")
    if isinstance(value, list | tuple) and _numbered(value):
        return Problem("placeholder", match=str(value[0]))
    text = _prepare(raw)
    needed = DEFAULT_WORDS[kind] if min_words is None else min_words
    if kind == "justification":
        return _assess(text, needed, questions)[0]
    problem, words, _stop = _assess(text, 1, questions)
    if problem is not None and problem.kind in ("placeholder", "question"):
        return problem
    lexicon = _load()
    folded = " ".join(text.folded)
    if kind == "legal-basis":
        if not lexicon.finds("legal", _fold_text(text.written)):
            return Problem("no-legal-basis", words, match=problem.match if problem else "")
        if problem is not None and problem.kind in ("deferral", "reference", "shrug", "filler"):
            return problem
        return None if words >= needed else Problem("too-short", words, needed)
    # channel
    named = text.addresses or lexicon.finds("channel", folded)
    if named and problem is None:
        return None
    if named and problem is not None and problem.kind in ("too-short", "link-only"):
        return None
    if not named and problem is None and words >= max(needed, CHANNEL_EXPLAINED):
        return None
    if problem is not None and problem.kind in ("deferral", "reference", "filler"):
        return problem
    return Problem("no-channel", words, match=problem.match if problem else "")


# --- copies ---------------------------------------------------------------------------------


def _shingles(words: list[str]) -> set[str]:
    out = set(words)
    out.update(map(" ".join, itertools.pairwise(words)))  # "a b" for each neighbouring pair
    return out


def _dice(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    """How much two texts share, from 0 (nothing) to 1 (the same words in the same order).

    The Dice coefficient of their shingles: the words and the pairs of neighbouring words,
    compared lower-cased and without accents.
    """
    return _dice(_shingles(_words(a)), _shingles(_words(b)))


def _one_edit(a: list[str], b: list[str]) -> bool:
    """Whether ``b`` is ``a`` with at most one word changed, added or removed."""
    if abs(len(a) - len(b)) > 1:
        return False
    start = 0
    while start < len(a) and start < len(b) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a -= 1
        end_b -= 1
    return end_a - start <= 1 and end_b - start <= 1


#: The words and shingles of each text :func:`copies` compared, for the next manifests of a run
#: (an organisation's manifests share many answers; neither is ever changed). Emptied when it
#: holds this many.
SPLIT_MAX = 4096
_SPLIT: dict[str, tuple[list[str], set[str]]] = {}


def copies(texts: Mapping[str, str]) -> dict[str, str]:
    """Fields whose text (nearly) copies the text of an earlier field: ``field -> earlier``.

    Texts count as copies when they are the same apart from case, accents and punctuation; or,
    from four words on, when one word is changed, added or removed, or their
    :func:`similarity` is at least :data:`COPY_SIMILARITY`. Texts that are not text are left out.
    """
    seen: list[tuple[str, list[str], set[str]]] = []
    out: dict[str, str] = {}
    for name, value in texts.items():
        if not isinstance(value, str):
            continue
        split = _SPLIT.get(value)
        if split is None:
            if len(_SPLIT) >= SPLIT_MAX:
                _SPLIT.clear()
            words = _words(value)
            split = _SPLIT[value] = (words, _shingles(words))
        words, shingles = split
        if not words:
            continue
        for earlier, earlier_words, earlier_shingles in seen:
            if words == earlier_words or (
                min(len(words), len(earlier_words)) >= 4
                and (
                    _one_edit(words, earlier_words)
                    or _dice(shingles, earlier_shingles) >= COPY_SIMILARITY
                )
            ):
                out[name] = earlier
                break
        seen.append((name, words, shingles))
    return out
