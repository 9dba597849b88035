"""``ai-coc import ai-declaration``: an ``AI-DECLARATION.md`` as a use or a non-use.

An AI-DECLARATION.md has YAML front matter with ``version``, an overall ``level`` (``none``,
``hint``, ``assist``, ``pair``, ``copilot``, ``auto``), optionally ``processes`` (``design``,
``implementation``, ``testing``, ``documentation``, ``review``, ``deployment``, each with its
own level; a process not listed counts as ``none``) and ``components`` (paths with levels),
and a ``## Notes`` section in its Markdown text.

- ``level: none`` becomes a documented decision against AI (``non_uses``) for the
  development of the software, with the notes as its reason;
- any other level becomes a use in the phase ``development``: the categories that fit the
  processes (code work -> ``code-assistance``, documentation -> ``text-drafting``), the
  processes and notes as its purpose, and the share of AI in the code as an output.

The declaration does not name the tool, so ``system`` stays empty for ``ai-coc check`` to ask
about (as do provenance, labour and the weighing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_coc.author.imports.frontmatter import FrontMatter, section
from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.records import Record

#: The levels, from no AI to AI acting on its own.
LEVELS: tuple[str, ...] = ("none", "hint", "assist", "pair", "copilot", "auto")
#: The processes the format names.
PROCESSES: tuple[str, ...] = (
    "design",
    "implementation",
    "testing",
    "documentation",
    "review",
    "deployment",
)
#: level -> ``outputs[].ai_share`` of the code.
AI_SHARE: dict[str, str] = {
    "hint": "assisted",
    "assist": "assisted",
    "pair": "substantial",
    "copilot": "substantial",
    "auto": "full",
}
#: The processes whose AI help is writing text, not code.
TEXT_PROCESSES = frozenset({"documentation"})

DEFAULT_ID = "software-development"


@dataclass(eq=False, repr=False)
class Declaration(Record):
    """What an AI-DECLARATION.md says."""

    version: str | None
    level: str
    processes: dict[str, str]
    components: dict[str, str]
    notes: str | None


@dataclass(eq=False, repr=False)
class Imported(Record):
    """The entry made from a declaration: ``section`` is ``uses`` or ``non_uses``."""

    section: str
    entry: dict[str, Any]
    notes: list[str] = field(default_factory=list)


def _level(value: Any, file: str, line: int, where: str) -> str:
    level = str(value).strip().casefold() if isinstance(value, str) else None
    if level not in LEVELS:
        raise InputError(
            t(
                "`{where}` has the level '{value}', which the format does not know",
                where=where,
                value=value,
            ),
            file=file,
            line=line,
            hint=t("the levels are: {levels}", levels=", ".join(LEVELS)),
        )
    return level


def read_declaration(front: FrontMatter, file: str) -> Declaration:
    """Check and read the front matter (a wrong level is a located error)."""
    data = front.data
    if "level" not in data:
        raise InputError(
            t("the declaration has no `level`"),
            file=file,
            line=2,
            hint=t("the levels are: {levels}", levels=", ".join(LEVELS)),
        )
    level = _level(data.get("level"), file, _line_of(front, "level"), "level")
    processes: dict[str, str] = {}
    raw = data.get("processes")
    if isinstance(raw, Mapping):
        for name, value in raw.items():
            processes[str(name)] = _level(
                value, file, _line_of(front, str(name)), f"processes.{name}"
            )
    components: dict[str, str] = {}
    raw = data.get("components")
    if isinstance(raw, Mapping):
        for name, value in raw.items():
            components[str(name)] = _level(
                value, file, _line_of(front, str(name)), f"components.{name}"
            )
    version = data.get("version")
    return Declaration(
        version=str(version) if version is not None else None,
        level=level,
        processes=processes,
        components=components,
        notes=section(front.body, "Notes"),
    )


def _line_of(front: FrontMatter, key: str) -> int:
    """The file line where ``key:`` is written in the front matter (2 if not found)."""
    import re

    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:")
    for number, line in enumerate(front.raw_lines, start=2):
        if pattern.match(line):
            return number
    return 2


def _listing(processes: Mapping[str, str]) -> str:
    return "; ".join(f"{name}: {level}" for name, level in processes.items())


def declaration_to_entry(
    declaration: Declaration,
    *,
    source: str,
    use_id: str | None,
    lang: str,
) -> Imported:
    """A non-use (level ``none``) or a use for the declaration."""
    ident = use_id or DEFAULT_ID
    notes_text = " ".join(declaration.notes.split()) if declaration.notes else None
    version = declaration.version or "?"
    if declaration.level == "none":
        reasons = [
            t(
                "The project's {file} (version {version}) declares the level "
                "none: no AI is used to develop it.",
                lang,
                file=source,
                version=version,
            )
        ]
        if notes_text:
            reasons.append(notes_text)
        entry: dict[str, Any] = {
            "id": ident,
            "area": t(
                "developing this software (design, code, tests, documentation, review, deployment)",
                lang,
            ),
            "considered": t("AI assistants for programming and documentation", lang),
            "reasons": reasons,
        }
        return Imported(
            section="non_uses",
            entry=entry,
            notes=[t("add who decided this and when (`decided_by`, `decided_on`)", lang)],
        )
    used = {name: level for name, level in declaration.processes.items() if level != "none"}
    categories: list[str] = []
    if not used or any(name not in TEXT_PROCESSES for name in used):
        categories.append("code-assistance")
    if any(name in TEXT_PROCESSES for name in used):
        categories.append("text-drafting")
    purpose = t(
        "From {file} (version {version}): AI helps at the level {level}.",
        lang,
        file=source,
        version=version,
        level=declaration.level,
    )
    if used:
        purpose += " " + t("Processes: {processes}.", lang, processes=_listing(used))
    components = {k: v for k, v in declaration.components.items() if v != "none"}
    if components:
        purpose += " " + t(
            "Parts of the code: {components}.", lang, components=_listing(components)
        )
    if notes_text:
        purpose += " " + t("Notes: {notes}", lang, notes=notes_text)
    code_levels = [lv for name, lv in used.items() if name not in TEXT_PROCESSES] or [
        declaration.level
    ]
    share = AI_SHARE[max(code_levels, key=LEVELS.index)]
    entry = {
        "id": ident,
        "name": t("AI help in developing the software", lang),
        # the declaration says that AI is used in the project, so the use is running
        "status": "active",
        "phase": "development",
        "categories": categories,
        "audience": "internal",
        "purpose": purpose,
        "outputs": [{"kind": "code", "ai_share": share}],
    }
    return Imported(
        section="uses",
        entry=entry,
        notes=[
            t(
                "the declaration does not name the tool: add `system` (tool, "
                "provider, model), the weighing, provenance and labour",
                lang,
            )
        ],
    )
