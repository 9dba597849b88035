"""AI trailers in commit messages, and whether the manifest declares their tool.

Pure: :func:`parse_log` splits what ``git log`` printed (``run/history.py`` runs git),
:func:`undeclared` compares the trailers with the manifest's uses. The known assistants are
data (``assistants.json`` next to this module).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ai_coc.records import FrozenRecord

#: The trailer keys that report AI help (compared without case).
AI_KEYS: tuple[str, ...] = ("Assisted-by", "Generated-by")


#: Trailer keys that count only when they name a known assistant.
COAUTHOR_KEYS: tuple[str, ...] = ("Co-authored-by",)


_FIELD = "\x1f"


_RECORD = "\x1e"


_TRAILERS = "\x1d"


#: hash, committer date (YYYY-MM-DD), subject, the wanted trailers (unfolded), one record each.
LOG_FORMAT = (
    "%H%x1f%cs%x1f%s%x1f%(trailers:"
    + ",".join(f"key={k}" for k in (*AI_KEYS, *COAUTHOR_KEYS))
    + ",unfold,separator=%x1d)%x1e"
)


_NOT_NAME = re.compile(r"[\s._\-]+")


_EMAIL = re.compile(r"<([^<>]*)>")


_BRACKETS = re.compile(r"\[[^\]]*\]")


_PARENS = re.compile(r"\([^)]*\)")


def normalise(name: str) -> str:
    """A name compared without case and spacing: ``Claude Code`` -> ``claudecode``."""
    return _NOT_NAME.sub("", name.casefold())


@dataclass(frozen=True, eq=False, repr=False)
class Assistant(FrozenRecord):
    """A known AI assistant (from ``assistants.json``)."""

    name: str
    provider: str
    aliases: frozenset[str]
    emails: tuple[str, ...]

    def signs_as(self, email: str) -> bool:
        """Whether ``email`` is one this assistant commits with (a domain or a local part)."""
        email = email.strip().casefold()
        local, _, domain = email.rpartition("@")
        # GitHub's no-reply addresses: 12345+copilot@users.noreply.github.com
        local = local.split("+", 1)[-1].removesuffix("[bot]")
        for pattern in self.emails:
            if "." in pattern:
                if domain == pattern or domain.endswith("." + pattern):
                    return True
            elif normalise(local) == normalise(pattern):
                return True
        return False


@cache
def known_assistants() -> tuple[Assistant, ...]:
    """The assistants listed in ``assistants.json`` next to this module."""
    raw = json.loads((Path(__file__).parent / "assistants.json").read_text("utf-8"))
    return tuple(
        Assistant(
            name=entry["name"],
            provider=entry["provider"],
            aliases=frozenset(normalise(a) for a in entry["aliases"]),
            emails=tuple(entry["emails"]),
        )
        for entry in raw["assistants"]
    )


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Trailer(FrozenRecord):
    """One AI trailer of one commit."""

    commit: str
    committed: dt.date
    subject: str
    key: str
    value: str
    #: what the trailer names, shown in the finding (``Claude``, ``GitHub Copilot``)
    tool: str
    #: the normalised names a use may declare it by (tool, model, known aliases, provider)
    names: frozenset[str]


def _assistant_for(name: str, prefix: bool) -> Assistant | None:
    key = normalise(name)
    if not key:
        return None
    for assistant in known_assistants():
        if key in assistant.aliases:
            return assistant
        if prefix and any(key.startswith(alias) for alias in assistant.aliases if len(alias) > 3):
            return assistant
    return None


def _names(assistant: Assistant | None, *given: str) -> frozenset[str]:
    names = {normalise(g) for g in given}
    if assistant is not None:
        names |= assistant.aliases | {normalise(assistant.name), normalise(assistant.provider)}
    return frozenset(n for n in names if n)


def parse_trailer(key: str, value: str) -> tuple[str, frozenset[str]] | None:
    """What an AI trailer names: (tool shown, names to match); ``None`` if it is no AI trailer.

    ``Assisted-by: AGENT:MODEL [tool …]`` (tools in brackets are ordinary helpers such as a
    static analyser) and ``Generated-by: TOOL`` always name AI. ``Co-authored-by: NAME
    <EMAIL>`` counts only when it is a known assistant: by its mail address, or by its name
    when it gives no address or a ``noreply`` one (people may be called Claude, too).
    """
    lowered = key.casefold()
    email_match = _EMAIL.search(value)
    email = email_match.group(1) if email_match else ""
    text = _BRACKETS.sub(" ", _EMAIL.sub(" ", value))
    if lowered in (k.casefold() for k in AI_KEYS):
        agent, _, model = text.partition(":")
        model_text = _PARENS.sub(" ", model).strip()
        inner = " ".join(_PARENS.findall(agent)).strip("() ")
        agent_text = _PARENS.sub(" ", agent).strip()
        shown_name = " ".join(agent_text.split()) or " ".join(value.split())
        if not shown_name:
            return None
        assistant = _assistant_for(agent_text, prefix=True)
        if assistant is None and email:
            assistant = next((a for a in known_assistants() if a.signs_as(email)), None)
        shown = assistant.name if assistant is not None else shown_name
        return shown, _names(assistant, agent_text, model_text, inner)
    if lowered in (k.casefold() for k in COAUTHOR_KEYS):
        name = " ".join(_PARENS.sub(" ", text).split()).removesuffix("[bot]")
        assistant = next((a for a in known_assistants() if email and a.signs_as(email)), None)
        local = email.rpartition("@")[0].casefold()
        if assistant is None and (not email or local in ("noreply", "no-reply")):
            assistant = _assistant_for(name, prefix=False)
        if assistant is None:
            return None
        return assistant.name, _names(assistant, name)
    return None


def parse_log(output: str) -> list[Trailer]:
    """The AI trailers in the output of ``git log --format=LOG_FORMAT``."""
    found: list[Trailer] = []
    for record in output.split(_RECORD):
        record = record.strip("\n")
        if not record:
            continue
        parts = record.split(_FIELD, 3)
        if len(parts) != 4 or not parts[3].strip():
            continue
        commit, day, subject, trailers = parts
        try:
            committed = dt.date.fromisoformat(day)
        except ValueError:
            continue
        for line in trailers.split(_TRAILERS):
            key, sep, value = line.partition(":")
            if not sep:
                continue
            parsed = parse_trailer(key.strip(), value.strip())
            if parsed is None:
                continue
            tool, names = parsed
            found.append(
                Trailer(commit, committed, subject, key.strip(), value.strip(), tool, names)
            )
    return found


def declared_names(data: Any) -> set[str]:
    """The normalised ``system.tool``, ``provider`` and ``model`` of every use."""
    names: set[str] = set()
    uses = data.get("uses") if isinstance(data, Mapping) else None
    if not isinstance(uses, list):
        return names
    for use in uses:
        system = use.get("system") if isinstance(use, Mapping) else None
        if not isinstance(system, Mapping):
            continue
        for key in ("tool", "provider", "model"):
            value = system.get(key)
            if isinstance(value, str) and normalise(value):
                names.add(normalise(value))
    return names


def _declares(trailer: Trailer, declared: set[str]) -> bool:
    for name in trailer.names:
        for have in declared:
            if name == have:
                return True
            if len(name) >= 4 and len(have) >= 4 and (name in have or have in name):
                return True
    return False


def undeclared(trailers: Iterable[Trailer], data: Any) -> list[Trailer]:
    """The trailers whose tool no use of the manifest ``data`` declares; a commit that names
    the same tool in two trailers (``Assisted-by`` and ``Co-authored-by``) counts once."""
    declared = declared_names(data)
    seen: set[tuple[str, str]] = set()
    out: list[Trailer] = []
    for trailer in trailers:
        key = (trailer.commit, trailer.tool)
        if key in seen or _declares(trailer, declared):
            continue
        seen.add(key)
        out.append(trailer)
    return out


def last_reviewed(data: Any) -> dt.date | None:
    """``review.last_reviewed`` of a parsed manifest, if it is a date."""
    review = data.get("review") if isinstance(data, Mapping) else None
    value = review.get("last_reviewed") if isinstance(review, Mapping) else None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
