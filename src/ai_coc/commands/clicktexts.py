"""click's own texts for our catalogue (issue 17): a Babel extractor, named in ``babel.cfg``.

It lives here because only the command stages may import click."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def extract_click(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, str | tuple[str, str], list[str]]]:
    """Babel extractor (see ``babel.cfg``): the texts of the *installed* click, as click writes
    them (``_("...")``, ``ngettext("...", "...", n)``), without a context, so that click's own
    ``gettext`` calls find them in our catalogue (see :func:`ai_coc.cli.route_click_texts`).

    ``fileobj`` is only the marker file named in ``babel.cfg``; the source is click's."""
    import click
    from babel.messages.extract import extract_python

    folder = Path(click.__file__).parent
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):  # Windows console and pager internals
            continue
        with path.open("rb") as handle:
            found = extract_python(handle, {"_": None, "ngettext": (1, 2)}, [], {})
            for line, funcname, messages, _comments in found:
                texts: tuple[Any, ...] = (
                    tuple(messages) if isinstance(messages, (tuple, list)) else (messages,)
                )
                if not texts or any(not isinstance(m, str) or not m for m in texts[:2]):
                    continue
                if funcname == "ngettext" and len(texts) >= 2:
                    yield line, "tn", (str(texts[0]), str(texts[1])), []
                elif funcname == "_":
                    yield line, "t", str(texts[0]), []
