"""How ai-coc compares words: categories and every value a rule compares with a fixed text.

Two forms of a text:

- :func:`fold` — the spelling people mean: Unicode NFKC (full-width and other compatibility
  letters become plain ones), case folding and trimmed whitespace. ``Recruiting``,
  ``recruiting `` and ``ｒｅｃｒｕｉｔｉｎｇ`` all fold to ``recruiting``.
- :func:`skeleton` — what a text looks like: the folded text without invisible characters
  (zero-width spaces, joiners, direction marks) and accents, with look-alike letters from
  other scripts (Cyrillic ``е``, Greek ``ο`` …, the table in ``confusables.json``) replaced by
  the Latin letter they resemble.

Rules compare skeletons (:func:`same_text`), so a red line on ``recruiting`` also matches
``rеcruiting`` written with a Cyrillic ``е``. The vocabulary check uses both forms to tell a
harmless spelling (folds to a vocabulary word) from a look-alike or a near miss
(:func:`near_word`), which is an error.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_TABLE = Path(__file__).with_name("confusables.json")


@lru_cache(maxsize=1)
def confusables() -> dict[str, str]:
    """The look-alike table: a lower-case letter of another script -> Latin letters."""
    data = json.loads(_TABLE.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data["map"].items()}


#: Characters that show nothing, besides the format characters (category Cf).
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")


def _invisible(char: str) -> bool:
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or char in _INVISIBLE
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0xE0100 <= code <= 0xE01EF
    )


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """NFKC, case folding, trimmed and single-spaced: the spelling people mean."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@lru_cache(maxsize=8192)
def skeleton(text: str) -> str:
    """What ``text`` looks like: folded, without invisible characters and accents, with
    look-alike letters of other scripts replaced by Latin ones."""
    table = confusables()
    decomposed = unicodedata.normalize("NFKD", fold(text))
    out: list[str] = []
    for char in decomposed:
        if _invisible(char) or unicodedata.category(char) == "Mn":
            continue
        out.append(table.get(char, char))
    return " ".join(unicodedata.normalize("NFKC", "".join(out)).casefold().split())


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same word to a reader (see :func:`skeleton`)."""
    return a == b or skeleton(a) == skeleton(b)


def visible(text: str) -> str:
    """``text`` with every character outside printable ASCII written as ``\\uXXXX``, so that
    a look-alike or invisible letter shows in a message."""
    return "".join(
        c
        if 32 <= ord(c) < 127
        else (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
        for c in text
    )


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance (insert, delete, replace, swap two neighbours), stopping above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def spelling_limit(word: str) -> int:
    """How many edits still count as a misspelling of ``word``: 1, or 2 from 12 letters."""
    return 2 if len(word) >= 12 else 1


def near_word(value: str, vocabulary: Iterable[str]) -> tuple[str, str] | None:
    """The vocabulary word ``value`` is mistaken for, and why (``look-alike`` or
    ``spelling``); ``None`` if ``value`` folds to a vocabulary word or is near none."""
    words = list(vocabulary)
    folded = fold(value)
    if any(fold(word) == folded for word in words):
        return None
    shape = skeleton(value)
    for word in words:
        if skeleton(word) == shape:
            return word, "look-alike"
    best: tuple[int, str] | None = None
    for word in words:
        target = skeleton(word)
        limit = spelling_limit(target)
        distance = _distance(shape, target, limit)
        if distance <= limit and (best is None or distance < best[0]):
            best = (distance, word)
    return (best[1], "spelling") if best is not None else None
