"""Language selection and translation of the tool's own texts (gettext).

The tool's texts are written in English in the code (``t("file not found")``) and in the text
tables of ``ai_coc/texts/`` (the ``init`` interview, the notice, what each check tests, the
judge's findings, pydantic's errors, the schemas' descriptions). Their translations live in
gettext catalogues, one per language: ``ai_coc/locale/<lang>/LC_MESSAGES/ai_coc.po``, compiled
to ``.mo`` when the package is built. A language is available when its compiled catalogue is
there; adding one is adding a catalogue (see ``CONTRIBUTING.md``). Rule texts are not here:
they live in the policy packs.

The language is chosen by ``--lang``, then configuration, then the locale of the environment
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``); English is the fallback.

Start-up cost: English needs no catalogue at all; another language reads one ``.mo`` file the
first time a text is translated (stdlib :mod:`gettext`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import IO, Any

DOMAIN = "ai_coc"
DEFAULT_LANGUAGE = "en"
#: Where the compiled catalogues are; ``AI_COC_LOCALE_DIR`` points elsewhere (a translator
#: trying a new catalogue without reinstalling).
LOCALE_ENV = "AI_COC_LOCALE_DIR"
_PACKAGE = Path(__file__).resolve().parent
_TEXTS = _PACKAGE / "texts"

_current: ContextVar[str] = ContextVar("ai_coc_lang", default=DEFAULT_LANGUAGE)


def locale_dir() -> Path:
    return _folder(os.environ.get(LOCALE_ENV) or "")


@cache
def _folder(configured: str) -> Path:
    return Path(configured) if configured else _PACKAGE / "locale"


@cache
def _available(configured: str) -> tuple[str, ...]:
    # keyed by the variable's text: cheaper to look up than a path (asked for every text)
    folder = _folder(configured)
    try:
        found = sorted(
            entry.name
            for entry in os.scandir(folder)
            if entry.is_dir() and (Path(entry.path) / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
    except OSError:
        found = []
    return (DEFAULT_LANGUAGE, *(lang for lang in found if lang != DEFAULT_LANGUAGE))


def languages() -> tuple[str, ...]:
    """The languages ai-coc speaks: English and every language with a compiled catalogue."""
    return _available(os.environ.get(LOCALE_ENV) or "")


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """Return the language to use: explicit, configured, locale, then English."""
    for candidate in (explicit, configured):
        if candidate:
            return normalise(candidate)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            lang = normalise(value)
            if lang != DEFAULT_LANGUAGE or _code(value) == DEFAULT_LANGUAGE:
                return lang
            if var != "LANGUAGE":
                # A set but unsupported locale (e.g. C.UTF-8) means English.
                return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def _code(value: str) -> str:
    return value.split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()


def normalise(value: str) -> str:
    """``de_DE.UTF-8`` -> ``de``; languages without a catalogue fall back to English."""
    code = _code(value)
    return code if code in languages() else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Set the language for the rest of this run."""
    _current.set(normalise(lang))


def get_language() -> str:
    """The language of this run."""
    return _current.get()


def pick(texts: Mapping[str, str] | str | None, lang: str | None = None) -> str:
    """Choose a text in ``lang`` from a ``{en: ..., de: ...}`` mapping (a policy pack's texts),
    with fallbacks."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    lang = lang or get_language()
    for candidate in (lang, DEFAULT_LANGUAGE, *texts.keys()):
        text = texts.get(candidate)
        if text:
            return text
    return ""


@cache
def _catalogue(lang: str, configured: str) -> Any:
    import gettext

    return gettext.translation(DOMAIN, str(_folder(configured)), languages=[lang], fallback=True)


def _translation(lang: str | None) -> Any:
    lang = lang or _current.get()
    if lang == DEFAULT_LANGUAGE:
        return None
    return _catalogue(lang, os.environ.get(LOCALE_ENV) or "")


def t(message: str, lang: str | None = None, /, **values: object) -> str:
    """``message`` (English, as written in the code) in ``lang`` (default: the run's language),
    with its ``{placeholders}`` filled in."""
    catalogue = _translation(lang)
    text: str = catalogue.gettext(message) if catalogue is not None else message
    return text.format(**values) if values else text


def tn(singular: str, plural: str, count: int, lang: str | None = None, /, **values: object) -> str:
    """Like :func:`t` for a text that depends on a number (``{count}`` is filled in)."""
    catalogue = _translation(lang)
    if catalogue is not None:
        text: str = catalogue.ngettext(singular, plural, count)
    else:
        text = singular if count == 1 else plural
    return text.format(count=count, **values)


def tc(context: str, message: str, lang: str | None = None, /) -> str:
    """``message`` in ``lang`` within a gettext ``context`` (e.g. ``schema``: the descriptions
    of the JSON Schema, extracted from the shipped schema files)."""
    catalogue = _translation(lang)
    text: str = catalogue.pgettext(context, message) if catalogue is not None else message
    return text


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it now (it is translated where it
    is shown, with :func:`t`)."""
    return message


# --- text tables ---------------------------------------------------------------------------


@cache
def table(name: str) -> dict[str, str]:
    """The English texts of ``ai_coc/texts/<name>.yaml`` (key -> text)."""
    return _flatten(_load_yaml(_TEXTS / f"{name}.yaml"))


def _load_yaml(path: Path) -> Any:
    raw = path.read_text("utf-8")
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(raw, Loader=loader)  # a safe loader
    except ImportError:  # pragma: no cover - PyYAML is a dependency
        from ruamel.yaml import YAML

        return YAML(typ="safe", pure=True).load(raw)


def _flatten(data: Any, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, name + "."))
        else:
            out[name] = str(value)
    return out


def has_phrase(name: str, key: str) -> bool:
    """Whether the table ``name`` has a text ``key``."""
    return key in table(name)


def phrase(name: str, key: str, lang: str | None = None, /, **values: object) -> str:
    """The text ``key`` of table ``name`` in ``lang``; its gettext context is ``name:key``."""
    message = table(name)[key]
    catalogue = _translation(lang)
    text: str = catalogue.pgettext(f"{name}:{key}", message) if catalogue is not None else message
    return text.format(**values) if values else text


@cache
def interview_questions() -> frozenset[str]:
    """Every question and comment of ``ai-coc init`` of three words or more, in every language
    (computed once). Pasted back into a field, they are no answer: the justification judge is
    given them."""
    found: set[str] = set()
    for key in table("interview"):
        if key.endswith((".prompt", ".comment")):
            for lang in languages():
                chosen = phrase("interview", key, lang)
                if "{" not in chosen and len(chosen.split()) >= 3:
                    found.add(chosen)
    return frozenset(found)


def question_sources() -> list[tuple[str, Path]]:
    """The files :func:`interview_questions` is made from: the interview table, then the
    catalogue of every language but English (by language)."""
    folder = locale_dir()
    return [
        ("interview", _TEXTS / "interview.yaml"),
        *(
            (lang, folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo")
            for lang in languages()
            if lang != DEFAULT_LANGUAGE
        ),
    ]


def extract_texts(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for the text tables (see ``babel.cfg``): every text with its context.

    Yields ``(line, funcname, (context, message), comments)``; ``pgettext`` tells Babel that the
    message has a context."""
    raw = fileobj.read().decode("utf-8")
    name = Path(getattr(fileobj, "name", "texts")).stem
    lines = raw.splitlines()
    for key, message in _flatten(_load_yaml_text(raw)).items():
        leaf = key.rsplit(".", 1)[-1]
        line = next(
            (i + 1 for i, text in enumerate(lines) if text.lstrip().startswith(f"{leaf}:")), 0
        )
        yield line, "pgettext", (f"{name}:{key}", message), []


def _load_yaml_text(raw: str) -> Any:
    import yaml

    return yaml.safe_load(raw)


# --- issue 17: click's own texts (usage errors, "Usage:", "Show this message and exit.") ---


def gettext_raw(message: str) -> str:
    """``message`` in the run's language, without filling in anything (for click)."""
    catalogue = _translation(None)
    return str(catalogue.gettext(message)) if catalogue is not None else message


def ngettext_raw(singular: str, plural: str, count: int) -> str:
    """Like :func:`gettext_raw`, for a text that depends on a number (for click)."""
    catalogue = _translation(None)
    if catalogue is not None:
        return str(catalogue.ngettext(singular, plural, count))
    return singular if count == 1 else plural
