"""The YAML front matter of a Markdown file (a Hugging Face card, an AI-DECLARATION.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.records import Record

_FENCE = re.compile(r"^---[ \t]*$")


@dataclass(eq=False, repr=False)
class FrontMatter(Record):
    """The parsed front matter and the Markdown body after it."""

    data: dict[str, Any]
    body: str
    #: 1-based line of the body's first line in the file
    body_line: int
    #: the lines of the front matter (the first is line 2 of the file)
    raw_lines: list[str]


def read_front_matter(text: str, file: str) -> FrontMatter:
    """Split ``text`` into its front matter (between two ``---`` lines at the top) and body.

    Raises :class:`InputError` (located in ``file``) when there is none, it is not closed, it
    is not valid YAML or not a mapping.
    """
    from ai_coc.read.yaml import parse_document

    lines = text.lstrip("\ufeff").splitlines()
    if not lines or not _FENCE.match(lines[0]):
        raise InputError(
            t("this file has no YAML front matter (a block between two `---` lines at the top)"),
            file=file,
            line=1,
            hint=t(
                "the file must start with a line `---`, then the YAML fields, then another `---`"
            ),
        )
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if end is None:
        raise InputError(
            t("the YAML front matter is not closed by a second `---` line"),
            file=file,
            line=1,
            hint=t(
                "the file must start with a line `---`, then the YAML fields, then another `---`"
            ),
        )
    inner = "\n".join(lines[1:end]) + "\n"
    try:
        doc = parse_document(inner, file)
    except InputError as exc:
        exc.line = exc.line + 1 if exc.line is not None else None
        raise
    data = doc.data
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(
            t("the YAML front matter must be a mapping of fields (`key: value`)"), file=file, line=2
        )
    return FrontMatter(
        data=data,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        raw_lines=lines[1:end],
    )


def section(body: str, heading: str) -> str | None:
    """The text under the Markdown heading ``## heading`` (any level, no case), up to the next
    heading of the same or a higher level; ``None`` if there is no such heading."""
    lines = body.splitlines()
    start = None
    level = 0
    for index, line in enumerate(lines):
        match = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
        if match is None:
            continue
        if start is None:
            if match.group(2).strip().casefold() == heading.casefold():
                start, level = index + 1, len(match.group(1))
        elif len(match.group(1)) <= level:
            return "\n".join(lines[start:index]).strip()
    if start is None:
        return None
    return "\n".join(lines[start:]).strip()


def first_heading(body: str) -> str | None:
    """The text of the first level-one Markdown heading (``# Title``), if any."""
    for line in body.splitlines():
        match = re.match(r"^#\s+(.*?)\s*#*\s*$", line)
        if match and match.group(1):
            return match.group(1)
    return None
