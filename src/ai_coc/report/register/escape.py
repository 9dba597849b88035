"""Making report text safe for the register's formats. Everything in a JSON report came from a
repository — a manifest's author may have written anything — so no value reaches HTML,
Markdown or CSV unescaped."""

from __future__ import annotations

import html
import re

#: Schemes a link in the register may use; anything else (``javascript:``, ``data:``) is text.
SAFE_SCHEMES: tuple[str, ...] = ("https://", "http://", "mailto:")
#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_START: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&!])")
#: At the start of a paragraph these make a heading, a list or a quote.
_MD_START = re.compile(r"^(\d*)([#+\-=>.)])")
_SPACE = re.compile(r"\s+")


def h(value: object) -> str:
    """Text for HTML content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def safe_url(value: str | None) -> str | None:
    """``value`` if it is a web or mail link, else ``None`` (then it is shown as text)."""
    if not value:
        return None
    text = value.strip()
    if any(ch in text for ch in "\x00\n\r\t \"'<>`\\"):
        return None
    return text if text.lower().startswith(SAFE_SCHEMES) else None


def link(value: str | None, label: str | None = None) -> str:
    """An HTML link if ``value`` is a safe URL, else the escaped text."""
    url = safe_url(value)
    shown = h(label if label is not None else value)
    if url is None:
        return shown
    return f'<a href="{h(url)}">{shown}</a>'


def md(value: object) -> str:
    """Text for Markdown, on one line, inside a table cell or a paragraph: every character
    Markdown or HTML would read as syntax is escaped."""
    text = _SPACE.sub(" ", "" if value is None else str(value)).strip()
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_START.sub(r"\1\\\2", text)


def md_link(value: str | None, label: str | None = None) -> str:
    url = safe_url(value)
    shown = md(label if label is not None else value)
    if url is None:
        return shown
    target = url.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
    return f"[{shown}](<{target}>)"


def csv_cell(value: object) -> str | int:
    """A cell for CSV: numbers stay numbers; text that a spreadsheet would run as a formula
    gets a leading apostrophe."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text
