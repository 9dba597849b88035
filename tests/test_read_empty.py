"""A file is empty when all its lines are blank, comments or document end markers; the test
stops at the first line with content, and says what a look at every line says."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ai_coc.read.yaml import _is_empty


def every_line_empty(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "...":
            continue
        if not (stripped.startswith("...") and stripped[3:].lstrip().startswith("#")):
            return False
    return True


PIECES = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", " ", "\t", "\u3000"]
PIECES += ["#", "...", "a", "x: 1", "... #c", "...x", "# ...", "...#"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_the_same_as_looking_at_every_line(text: str) -> None:
    assert _is_empty(text) == every_line_empty(text)


def test_examples() -> None:
    assert _is_empty("\n# only a comment\r\n...\n\n... # end\n")
    assert not _is_empty("\n\n# comment\nmanifest: ai-coc/v1\n")
    assert not _is_empty("# c\x85x: 1")  # a line break of YAML 1.1 ends the comment line
