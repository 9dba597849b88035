"""Texts out of code (issue 12): no module of ``ai_coc`` holds more than a few dozen lines of
user-facing prose.

Prose belongs in the text tables of ``src/ai_coc/texts/`` (or, a single message at its point of
use, in a ``t()`` call). The counter is deliberately simple: every string constant that is not a
docstring and looks like prose -- at least three words made of letters, and words are most of
its tokens -- counts ``ceil(len / 80)`` lines. Dotted keys, regular expressions, URLs, paths and
placeholders are not prose.
"""

from __future__ import annotations

import ast
import math
import re
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "ai_coc"

#: Most lines of prose a module may hold.
LIMIT = 48

#: Punctuation a word may carry before or after it ("(principle", "it,", "`code`").
_EDGES = "\"'`.,;:!?()[]<>*«»„“”‘’–—…/"
#: A word: letters, joined by hyphens or apostrophes ("e-mail", "don't"); no digits, no dots.
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as words for people (not a key, a pattern or an address)."""
    tokens = text.split()
    words = sum(1 for token in tokens if _WORD.fullmatch(token.strip(_EDGES)))
    return words >= 3 and words * 2 > len(tokens)


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the string constants that are docstrings: the first statement of a module,
    class or function, and any other bare string statement (an attribute's docstring)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        value = node.value if isinstance(node, ast.Expr) else None
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            found.add(id(value))
    return found


def _strings(tree: ast.Module) -> list[str]:
    """Every string of ``tree`` that is not a docstring; an f-string is one string, its
    replacement fields written ``{}``."""
    skip = _docstrings(tree)
    out: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts: list[str] = []
            for value in node.values:
                skip.add(id(value))
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    parts.append(value.value)
                else:
                    parts.append("{}")
            out.append("".join(parts))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.extend([node.value] if id(node) not in skip else [])
    return out


def prose_lines(source: str) -> int:
    """Lines of user-facing prose in a module's ``source``."""
    tree = ast.parse(source)
    return sum(math.ceil(len(text) / 80) for text in _strings(tree) if is_prose(text))


def _counts() -> dict[str, int]:
    return {
        path.relative_to(PACKAGE.parent).as_posix(): prose_lines(path.read_text("utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_no_module_holds_more_than_a_few_dozen_lines_of_prose() -> None:
    counts = _counts()
    assert len(counts) > 50  # the package was found
    over = {name: count for name, count in counts.items() if count > LIMIT}
    assert over == {}, (
        f"more than {LIMIT} lines of prose (move tables to src/ai_coc/texts/): {over}"
    )


# --- the counter itself ----------------------------------------------------------------------

SYNTHETIC = (
    textwrap.dedent(
        '''
    """A module docstring that is long enough to be prose, and is not counted at all."""

    import re

    PATTERN = re.compile(r"^(?:[a-z0-9]+-)*[a-z0-9]+$|\\b(do|not)\\b")
    URL = "https://docs.example.org/reference/rules.html#coc101 and more"
    KEYS = ["use.labour.pay", "uses.weighing.non_use", "project.organisation"]
    SHORT = "two words"


    def f(x: int) -> str:
        """A function docstring, also long enough to be prose, and also not counted."""
        return f"the value {x} is not a date in the form that was expected"


    class C:
        """A class docstring."""

        name = "x"
        """An attribute docstring, which explains the attribute to developers only."""

    TABLE = {
    '''
    ).lstrip()
    + "".join(
        f'    "key.{n}": "This is sentence number {n} of a long table of English prose.",\n'
        for n in range(60)
    )
    + "}\n"
)


def test_the_counter_counts_a_prose_table_and_ignores_what_is_not_prose() -> None:
    # 60 sentences of one line each, and the f-string in f()
    assert prose_lines(SYNTHETIC) == 61
    assert prose_lines(SYNTHETIC) > LIMIT
    without_table = SYNTHETIC.split("TABLE = {")[0]
    assert prose_lines(without_table) == 1  # only the f-string


@pytest.mark.parametrize(
    "text",
    [
        "use.labour.pay",
        "uses[0].weighing.non_use",
        r"^(https?://\S+)?$",
        r"(?i)\b(ai|ki)[- ]?(generated|erstellt)\b",
        "https://json-schema.org/draft/2020-12/schema",
        "{name} ({kind}) {where}",
        "src/ai_coc/texts/*.yaml",
        "two words",
    ],
)
def test_not_prose(text: str) -> None:
    assert not is_prose(text)


@pytest.mark.parametrize(
    "text",
    [
        "file not found",
        "Who benefits from the use, and how.",
        "Eine Begründung fehlt (Grundsatz 1).",
        "`false` declares that the project deliberately uses no AI.",
        "the value {value} is not a date",
    ],
)
def test_prose(text: str) -> None:
    assert is_prose(text)


def test_long_strings_count_one_line_per_80_characters() -> None:
    text = "word " * 33  # 165 characters
    assert prose_lines(f"X = {text!r}\n") == 3
