"""Writing a commented starter manifest (``ai-coc init``) and adding a use to one.

The questions follow the reflection template for introducing an AI tool: which tool and
provider, for what, who benefits and who may be disadvantaged, which barriers arise, who
was involved, what is known about the origin of the data and about the labour behind the
model, who is responsible and when the next review is.

The manifest is built as a small tree of entries (:class:`Entry`). The same tree gives the
YAML text (with a comment above every key, in English or German) and the plain data the
text must parse back to; :func:`render` checks that it does, so an answer with a colon, a
quote or a hash sign can never break the file.

Nothing here prints or reads the terminal: the questions go through an :class:`Asker`, which
the command supplies (click prompts) and tests can replace.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import textwrap
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ai_coc.errors import InputError
from ai_coc.i18n import has_phrase, phrase
from ai_coc.read.vocabulary import CATEGORIES, CATEGORY_NAMES, DIRECT_CATEGORIES, MANIFEST_VERSION
from ai_coc.records import Record

#: Where editors find the schema: the ``$id`` of :func:`ai_coc.read.manifest.json_schema`, published
#: with the documentation (a test keeps the two equal).
#: the schema's name (``init`` writes a modeline to a local schema file instead)
SCHEMA_URL = "urn:ai-coc:schema:manifest-v1"
MODELINE_PREFIX = "# yaml-language-server: $schema="

EVIDENCE_STATUSES: tuple[str, ...] = (
    "known",
    "partial",
    "not_disclosed",
    "unknown",
    "not_applicable",
)
STATUSES: tuple[str, ...] = ("proposed", "pilot", "active")
AUDIENCES: tuple[str, ...] = ("internal", "members", "clients", "public")
OUTPUT_KINDS: tuple[str, ...] = (
    "text", "image", "video", "audio", "translation", "code", "data", "decision-support",
)  # fmt: skip
AI_SHARES: tuple[str, ...] = ("assisted", "substantial", "full")
#: Evidence statuses that need a justification.
NEEDS_JUSTIFICATION: frozenset[str] = frozenset({"partial", "not_disclosed", "unknown"})

WIDTH = 88

# --- texts ------------------------------------------------------------------------------
# Each field has a ``prompt`` (the question asked in a terminal) and a ``comment`` (written
# above the key in the manifest). Plain language: the reader may be a volunteer.


# --- questions of manifest format 1.1 (issue 16: `init` covers what `check` asks) --------


#: Friendly answers accepted for an evidence status.
STATUS_ALIASES: dict[str, str] = {
    "1": "known", "2": "partial", "3": "not_disclosed", "4": "unknown", "5": "not_applicable",
    "bekannt": "known", "teilweise": "partial", "nicht offengelegt": "not_disclosed",
    "unbekannt": "unknown", "weiß nicht": "unknown", "weiss nicht": "unknown",
    "don't know": "unknown", "dont know": "unknown", "trifft nicht zu": "not_applicable",
    "n/a": "not_applicable", "not disclosed": "not_disclosed", "not applicable": "not_applicable",
}  # fmt: skip


def text(key: str, part: str, lang: str, **values: object) -> str:
    """A prompt or comment of the interview in ``lang``."""
    return phrase("interview", f"{key}.{part}", lang, **values)


def _c(key: str, lang: str) -> str | None:
    """The comment above ``key`` in ``lang``, if it has one."""
    name = f"{key}.comment"
    return phrase("interview", name, lang) if has_phrase("interview", name) else None


# --- asking -----------------------------------------------------------------------------


class Asker(Protocol):
    """Asks one question and returns the answer (``None`` when skipped)."""

    def text(self, prompt: str, default: str | None = None) -> str | None: ...

    def confirm(self, prompt: str, default: bool) -> bool: ...

    def say(self, message: str) -> None: ...


def _clean(answer: str | None) -> str | None:
    if answer is None:
        return None
    answer = " ".join(answer.split())
    return answer or None


def own_placeholders() -> frozenset[str]:
    """Texts that ``init`` itself writes or shows as examples; never accepted as answers."""
    found: set[str] = set()
    from ai_coc.i18n import languages, table

    for key in ("skeleton.organisation", "skeleton.use_id"):
        found.update(phrase("interview", f"{key}.prompt", lang).casefold() for lang in languages())
    found.update({"my-project", "ai-use", "name@example.org", "name@beispiel.de"})
    for key in table("interview"):
        if key.endswith(".prompt"):
            for lang in languages():
                found.add(" ".join(phrase("interview", key, lang).split()).casefold())
    return frozenset(found)


_NOT_IN_ADDRESS = "@\\s<>()\\[\\],;:\"'"
_EMAIL = re.compile(
    rf"^(mailto:)?[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}]+\.[^{_NOT_IN_ADDRESS}.]{{2,}}$"
)
_WEB = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)


def ask_text(
    asker: Asker,
    key: str,
    lang: str,
    default: str | None = None,
    check: str | None = None,
) -> str | None:
    """A free-text question; Enter skips it. Own example texts are refused; ``check`` may be
    ``email`` (an e-mail address) or ``contact`` (an e-mail or web address)."""
    placeholders = own_placeholders()
    prompt = text(key, "prompt", lang)
    while True:
        answer = _clean(asker.text(prompt, default))
        if answer is None:
            return None
        if answer.casefold() in placeholders and answer != default:
            asker.say(text("placeholder.invalid", "prompt", lang, value=answer))
            continue
        if check == "email" and not _EMAIL.match(answer):
            asker.say(text("email.invalid", "prompt", lang, value=answer))
            continue
        if check == "contact" and not (_EMAIL.match(answer) or _WEB.match(answer)):
            asker.say(text("feedback.invalid", "prompt", lang, value=answer))
            continue
        return answer


#: Answers to a yes/no question, in either language.
YES_WORDS = frozenset({"y", "yes", "j", "ja"})
NO_WORDS = frozenset({"n", "no", "nein", "nee"})


def ask_yes_no(asker: Asker, key: str, lang: str, default: bool | None) -> bool | None:
    """A yes/no question answered with y/yes/n/no or, in German, j/ja/n/nein."""
    suffix = text("yesno.suffix", "prompt", lang)
    if default is not None:
        yes, no = suffix.strip("[]").split("/")
        suffix = f"[{yes.upper()}/{no}]" if default else f"[{yes}/{no.upper()}]"
    prompt = f"{text(key, 'prompt', lang)} {suffix}"
    while True:
        answer = _clean(asker.text(prompt, None))
        if answer is None:
            return default
        lowered = answer.casefold()
        if lowered in YES_WORDS:
            return True
        if lowered in NO_WORDS:
            return False
        asker.say(text("yesno.invalid", "prompt", lang))


def ask_choice(
    asker: Asker,
    key: str,
    lang: str,
    options: Sequence[str],
    default: str | None,
    aliases: Mapping[str, str] | None = None,
    **values: object,
) -> str | None:
    """A question with a fixed set of answers (asked again until one fits)."""
    prompt = text(key, "prompt", lang, **values)
    while True:
        answer = _clean(asker.text(prompt, default))
        if answer is None:
            return None
        lowered = answer.casefold()
        if aliases and lowered in aliases:
            return aliases[lowered]
        if lowered in options:
            return lowered
        asker.say(text("choice.invalid", "prompt", lang, choices=", ".join(options)))


def ask_date(asker: Asker, key: str, lang: str, default: dt.date | None) -> dt.date | None:
    """A date question (YYYY-MM-DD); Enter skips it."""
    prompt = text(key, "prompt", lang)
    while True:
        answer = _clean(asker.text(prompt, default.isoformat() if default else None))
        if answer is None:
            return None
        try:
            if len(answer) != 10:
                raise ValueError(answer)
            return dt.date.fromisoformat(answer)
        except ValueError:
            asker.say(text("date.invalid", "prompt", lang))


def ask_categories(asker: Asker, lang: str) -> list[str] | None:
    """The categories of a use, from the shipped vocabulary."""
    if lang == "de":
        shown = ", ".join(f"{c} ({CATEGORY_NAMES[c]['de']})" for c in CATEGORIES)
    else:
        shown = ", ".join(CATEGORIES)
    prompt = text("use.categories", "prompt", lang, choices=shown)
    while True:
        answer = _clean(asker.text(prompt, None))
        if answer is None:
            return None
        values = [v.strip().casefold() for v in answer.split(",") if v.strip()]
        unknown = [v for v in values if v not in CATEGORIES]
        if not unknown:
            return list(dict.fromkeys(values)) or None
        asker.say(
            text(
                "category.invalid",
                "prompt",
                lang,
                values=", ".join(unknown),
                choices=", ".join(CATEGORIES),
            )
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months (the day is capped at 28 so every month has it)."""
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, min(day.day, 28))


def slugify(name: str, fallback: str = "ai-use") -> str:
    """A kebab-case id from a human name (``Übersetzung`` -> ``uebersetzung``)."""
    for src, dst in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        name = name.replace(src, dst).replace(src.upper(), dst.capitalize())
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = "-".join(words)[:40].strip("-")
    return slug or fallback


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``, ... if it is taken."""
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


# --- the manifest tree ------------------------------------------------------------------


@dataclass(eq=False, repr=False)
class Entry(Record):
    """One key of the manifest: a scalar, a mapping (``children``) or a list (``items``)."""

    key: str
    value: Any = None
    children: list[Entry] | None = None
    items: list[list[Entry]] | list[Any] | None = None
    comment: str | None = None
    #: write an empty list as ``[]`` (otherwise ``key:`` = empty)
    empty_list: bool = False

    def data(self) -> Any:
        if self.children is not None:
            return {c.key: c.data() for c in self.children}
        if self.items is not None:
            return [
                {c.key: c.data() for c in item} if _is_entries(item) else item
                for item in self.items
            ]
        if self.empty_list:
            return []
        return self.value


@dataclass(eq=False, repr=False)
class Tree(Record):
    """A whole manifest: entries at the top level, plus comment lines above them."""

    entries: list[Entry] = field(default_factory=list)
    header: list[str] = field(default_factory=list)

    def data(self) -> dict[str, Any]:
        return {e.key: e.data() for e in self.entries}


def _is_entries(item: Any) -> bool:
    return isinstance(item, list) and all(isinstance(i, Entry) for i in item)


_SAFE_PLAIN = re.compile(r"^[A-Za-zÄÖÜäöüß][\w .,()/&+@äöüÄÖÜß-]*$")
_YAML_WORDS = frozenset(
    {"yes", "no", "true", "false", "on", "off", "y", "n", "null", "none", "~"}
)  # plain scalars YAML 1.1 readers may take for something else


_unsafe: list[re.Pattern[str]] = []


def _unsafe_chars() -> re.Pattern[str]:
    """Characters a YAML file must not hold raw (compiled on first use: it costs ~2 ms)."""
    if not _unsafe:
        _unsafe.append(
            re.compile(
                "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
                "|[\u2028\u2029\ufeff]"
            )
        )
    return _unsafe[0]


def _escape_unsafe(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def scalar(value: Any) -> str:
    """A scalar as YAML text that reads back as exactly ``value``."""
    import json

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    string = str(value)
    plain_ok = string == string.strip() and string.casefold() not in _YAML_WORDS
    if plain_ok and _SAFE_PLAIN.match(string):
        return string
    return _unsafe_chars().sub(_escape_unsafe, json.dumps(string, ensure_ascii=False))


def _comment_lines(comment: str | None, indent: int) -> list[str]:
    if not comment:
        return []
    pad = " " * indent
    lines: list[str] = []
    for paragraph in comment.split("\n"):
        wrapped = textwrap.wrap(
            paragraph, width=max(WIDTH - indent - 2, 40), break_on_hyphens=False
        )
        lines.extend(f"{pad}# {w}" for w in wrapped or [""])
    return lines


def _scalar_lines(prefix: str, value: Any, indent: int) -> list[str]:
    """``prefix`` (e.g. ``key:`` or ``- key:``) followed by the value; long text folded."""
    if isinstance(value, str) and len(value) > 60 and "\n" not in value:
        normal = " ".join(value.split())
        if (
            normal == value
            and not _unsafe_chars().search(value)
            and not value.startswith(("#", "-", " "))
        ):
            body = textwrap.wrap(
                value,
                width=max(WIDTH - indent - 2, 40),
                break_on_hyphens=False,
                break_long_words=False,
            )
            pad = " " * (indent + 2)
            return [f"{prefix} >-", *(f"{pad}{line}" for line in body)]
    rendered = scalar(value)
    return [f"{prefix} {rendered}" if rendered else prefix]


def _emit(
    entry: Entry, indent: int, dash: bool = False, comment: bool = True, offset: int = 2
) -> list[str]:
    """Lines for ``entry``; with ``dash`` the key is the first of a list item.

    ``offset`` is how far a list's dash is indented below its key (2, or 0 for the compact
    layout ``key:`` / ``- item`` some files use).
    """
    lines = _comment_lines(entry.comment, indent) if comment else []
    pad = " " * indent
    prefix = f"{pad[:-2]}- {entry.key}:" if dash else f"{pad}{entry.key}:"
    if entry.children is not None:
        lines.append(prefix)
        for child in entry.children:
            lines.extend(_emit(child, indent + 2, offset=offset))
        return lines
    if entry.items is not None and entry.items:
        lines.append(prefix)
        for item in entry.items:
            lines.extend(_emit_item(item, indent + offset + 2, offset))
        return lines
    if entry.empty_list:
        lines.append(f"{prefix} []")
        return lines
    lines.extend(_scalar_lines(prefix, entry.value, indent))
    return lines


def _emit_item(item: Any, indent: int, offset: int = 2) -> list[str]:
    """One list item whose keys sit at column ``indent`` (the dash two to the left)."""
    if not _is_entries(item):
        return _scalar_lines(" " * (indent - 2) + "-", item, indent)
    entries: list[Entry] = item
    lines = _comment_lines(entries[0].comment, indent - 2)
    lines.extend(_emit(entries[0], indent, dash=True, comment=False, offset=offset))
    for entry in entries[1:]:
        lines.extend(_emit(entry, indent, offset=offset))
    return lines


def render(tree: Tree, offset: int = 2) -> str:
    """The YAML text of ``tree``; checked to parse back to exactly its data."""
    from ai_coc.read.yaml import parse_document

    lines = list(tree.header)
    for index, entry in enumerate(tree.entries):
        if index and (entry.children is not None or entry.items or entry.comment):
            lines.append("")
        lines.extend(_emit(entry, 0, offset=offset))
    result = "\n".join(lines) + "\n"
    parsed = parse_document(result, "<ai-coc init>").data
    if parsed != tree.data():  # pragma: no cover - a bug in this module, not user error
        raise RuntimeError("the generated manifest does not read back as written")
    return result


def render_use_item(use: list[Entry], offset: int = 2) -> str:
    """A single use as the text of a one-item ``uses:`` list (for :func:`add_use`)."""
    return render(Tree(entries=[Entry("uses", items=[use])]), offset=offset)


# --- answers -> tree --------------------------------------------------------------------


def _evidence_entries(answers: Mapping[str, Any], kind: str) -> list[Entry]:
    return [
        Entry("status", answers.get(f"{kind}.status")),
        Entry("source", answers.get(f"{kind}.source")),
        Entry("requested_on", answers.get(f"{kind}.requested_on")),
        Entry("justification", answers.get(f"{kind}.justification")),
    ]


def _section(
    answers: Mapping[str, Any],
    lang: str,
    key: str,
    fields: Sequence[str],
    *,
    noted: Sequence[str] = (),
    prefix: str = "",
) -> Entry:
    """The mapping ``key`` with the answers ``key.<field>`` of ``fields``, in that order, and
    the comment ``prefix + key`` above it; a field in ``noted`` has its comment above it too
    (``prefix + key.<field>``), the others have none."""
    return Entry(
        key,
        children=[
            Entry(
                name,
                answers.get(f"{key}.{name}"),
                comment=_c(f"{prefix}{key}.{name}", lang) if name in noted else None,
            )
            for name in fields
        ],
        comment=_c(prefix + key, lang),
    )


def use_entries(answers: Mapping[str, Any], lang: str, use_id: str) -> list[Entry]:
    """The entries of one use from the answers (missing answers stay empty).

    Every key that an error rule of the built-in pack can ask for is written, empty when it
    was not answered, so that the skeleton shows where each answer goes.
    """
    a = answers
    outputs: list[list[Entry]] | None = None
    if a.get("outputs.kind"):
        label = a.get("outputs.label")
        outputs = [
            [
                Entry("kind", a["outputs.kind"]),
                Entry("ai_share", a.get("outputs.ai_share")),
                Entry("public", a.get("outputs.public")),
                Entry("labelled", bool(label)),
                Entry("label", label),
            ]
        ]
    alternatives: list[list[Entry]] | None = None
    if a.get("alternative.option"):
        alternatives = [
            [
                Entry("option", a["alternative.option"]),
                Entry("with_ai", a.get("alternative.with_ai")),
                Entry("reason_not_chosen", a.get("alternative.reason")),
            ]
        ]
    groups: list[list[Entry]] | None = None
    if a.get("group.group"):
        groups = [
            [
                Entry(key, a.get(f"group.{key}"))
                for key in ("group", "vulnerable", "harm", "likelihood", "severity", "mitigation")
            ]
        ]
    learned = a.get("system.approach") in (None, "learned")
    labour = _evidence_entries(a, "labour")
    labour.extend(
        Entry(key, a.get(f"labour.{key}"))
        for key in (
            "performed_by",
            "fair_pay",
            "pay",
            "harmful_content",
            "support",
            "worker_channel",
        )
    )
    entries = [
        Entry("id", use_id, comment=_c("use.name", lang)),
        Entry("name", a.get("name")),
        Entry("status", a.get("status", "pilot"), comment=_c("use.status", lang)),
        Entry("started_on", a.get("started_on"), comment=_c("use.started_on", lang)),
        Entry("categories", items=a.get("categories") or None, comment=_c("use.categories", lang)),
        Entry("audience", a.get("audience"), comment=_c("use.audience", lang)),
        Entry(
            "system",
            children=[
                Entry("tool", a.get("system.tool"), comment=_c("use.system.tool", lang)),
                Entry("provider", a.get("system.provider")),
                Entry("openness", None, comment=_c("use.system.openness", lang)),
                Entry("hosting", None, comment=_c("use.system.hosting", lang)),
                Entry(
                    "approach", a.get("system.approach"), comment=_c("use.system.approach", lang)
                ),
                Entry(
                    "rules_by", a.get("system.rules_by"), comment=_c("use.system.rules_by", lang)
                ),
            ],
            comment=_c("use.system", lang),
        ),
        Entry("purpose", a.get("purpose"), comment=_c("use.purpose", lang)),
        Entry(
            "weighing",
            children=[
                Entry(
                    "benefits",
                    a.get("weighing.benefits"),
                    comment=_c("use.weighing.benefits", lang),
                ),
                Entry("risks", a.get("weighing.risks"), comment=_c("use.weighing.risks", lang)),
                Entry(
                    "barriers",
                    a.get("weighing.barriers"),
                    comment=_c("use.weighing.barriers", lang),
                ),
                Entry(
                    "non_use", a.get("weighing.non_use"), comment=_c("use.weighing.non_use", lang)
                ),
                Entry(
                    "alternatives",
                    items=alternatives,
                    comment=_c("use.weighing.alternatives", lang),
                ),
                Entry("decided_on", a.get("decided_on")),
                Entry("decided_by", a.get("decided_by")),
            ],
            comment=_c("use.weighing", lang),
        ),
    ]
    entries.append(
        Entry(
            "data",
            children=[Entry("inputs", items=None)],
            comment=_c("use.data", lang),
        )
    )
    if learned:
        entries.append(
            Entry(
                "provenance",
                children=_evidence_entries(a, "provenance"),
                comment=_c("use.provenance", lang),
            )
        )
        entries.append(Entry("labour", children=labour, comment=_c("use.labour", lang)))
    entries.extend(
        [
            Entry("outputs", items=outputs, comment=_c("use.outputs", lang)),
            Entry(
                "people",
                children=[
                    Entry(
                        "interaction",
                        a.get("people.interaction"),
                        comment=_c("use.interaction", lang),
                    ),
                    Entry("affects_people", a.get("people.affects_people")),
                    Entry("decisions_about_people", a.get("people.decisions_about_people")),
                    Entry(
                        "human_oversight",
                        a.get("people.human_oversight"),
                        comment=_c("use.people.human_oversight", lang),
                    ),
                    Entry(
                        "non_ai_alternative",
                        a.get("people.non_ai_alternative"),
                        comment=_c("use.people.non_ai_alternative", lang),
                    ),
                    Entry("bias_assessment", a.get("people.bias_assessment")),
                    Entry("groups", items=groups, comment=_c("use.people.groups", lang)),
                ],
                comment=_c("use.people", lang),
            ),
            _section(
                a, lang, "workforce", ("effect", "freed_time", "justification"), prefix="use."
            ),
            _section(
                a,
                lang,
                "participation",
                ("staff_involved", "works_council", "affected_consulted"),
                noted=("works_council",),
                prefix="use.",
            ),
        ]
    )
    if learned:
        entries.append(
            _section(
                a,
                lang,
                "environment",
                ("intensity", "lighter_alternative", "justification"),
                prefix="use.",
            )
        )
    entries.extend(
        [
            _section(a, lang, "competences", ("operators_trained",), prefix="use."),
            _section(
                a,
                lang,
                "accountability",
                ("owner", "incident_process"),
                noted=("incident_process",),
                prefix="use.",
            ),
            _section(a, lang, "evaluation", ("effects", "last_evaluated"), prefix="use."),
        ]
    )
    return entries


def manifest_tree(
    answers: Mapping[str, Any],
    lang: str,
    today: dt.date,
    schema_url: str = SCHEMA_URL,
    project: str = "my-project",
) -> Tree:
    """The whole manifest from the answers of :func:`ask_manifest` (or none: a skeleton)."""
    a = answers
    ai_used = bool(a.get("ai_used", True))
    reviewed_by = a.get("review.reviewed_by")
    header = [f"{MODELINE_PREFIX}{schema_url}", *_comment_lines(_c("header", lang), 0), ""]
    entries = [
        Entry("manifest", MANIFEST_VERSION, comment=_c("manifest", lang)),
        Entry(
            "project",
            children=[
                Entry("name", a.get("project.name") or project, comment=_c("project.name", lang)),
                Entry(
                    "organisation",
                    a.get("project.organisation") or text("skeleton.organisation", "prompt", lang),
                    comment=_c("project.organisation", lang),
                ),
                Entry(
                    "description",
                    a.get("project.description"),
                    comment=_c("project.description", lang),
                ),
            ],
            comment=_c("project", lang),
        ),
        Entry(
            "contacts",
            children=[
                Entry(
                    "accountable",
                    children=[
                        Entry("role", a.get("contacts.accountable.role")),
                        Entry("email", a.get("contacts.accountable.email")),
                    ],
                    comment=_c("contacts.accountable.role", lang),
                ),
                Entry(
                    "feedback", a.get("contacts.feedback"), comment=_c("contacts.feedback", lang)
                ),
            ],
            comment=_c("contacts", lang),
        ),
        Entry(
            "review",
            children=[
                Entry("last_reviewed", today if a else None),
                Entry(
                    "next_review_due",
                    a.get("review.next_review_due"),
                    comment=_c("review.next_review_due", lang),
                ),
                Entry(
                    "reviewed_by",
                    items=[p.strip() for p in reviewed_by.split(",") if p.strip()]
                    if reviewed_by
                    else None,
                    comment=_c("review.reviewed_by", lang),
                ),
            ],
            comment=_c("review", lang),
        ),
        _section(a, lang, "transparency", ("notice",), noted=("notice",)),
        _section(
            a,
            lang,
            "competences",
            ("guidance", "last_training"),
            noted=("guidance", "last_training"),
        ),
        Entry("ai_used", ai_used, comment=_c("ai_used", lang)),
    ]
    if ai_used:
        use = a.get("use") or {}
        use_id = slugify(use.get("name") or "", text("skeleton.use_id", "prompt", lang))
        entries.append(
            Entry("uses", items=[use_entries(use, lang, use_id)], comment=_c("uses", lang))
        )
    else:
        entries.append(Entry("uses", empty_list=True, comment=_c("uses", lang)))
        area = a.get("non_uses.area")
        entries.append(
            Entry(
                "non_uses",
                items=[
                    [
                        Entry(
                            "id", slugify(area or "", "no-ai"), comment=_c("non_uses.area", lang)
                        ),
                        Entry("area", area),
                        Entry(
                            "considered",
                            a.get("non_uses.considered"),
                            comment=_c("non_uses.considered", lang),
                        ),
                        Entry(
                            "reasons",
                            a.get("non_uses.reasons"),
                            comment=_c("non_uses.reasons", lang),
                        ),
                        Entry("decided_on", today, comment=_c("non_uses.decided_by", lang)),
                        Entry("decided_by", a.get("non_uses.decided_by")),
                        Entry(
                            "revisit_on",
                            a.get("review.next_review_due"),
                            comment=_c("non_uses.revisit_on", lang),
                        ),
                    ]
                ],
                comment=_c("non_uses", lang),
            )
        )
    return Tree(entries=entries, header=header)


def _ask_evidence(asker: Asker, lang: str, kind: str, use: dict[str, Any]) -> str | None:
    status = ask_choice(
        asker,
        f"use.{kind}.status",
        lang,
        EVIDENCE_STATUSES,
        "unknown",
        STATUS_ALIASES,
        choices=phrase("interview", "status_choices", lang),
    )
    use[f"{kind}.status"] = status
    use[f"{kind}.source"] = ask_text(asker, f"use.{kind}.source", lang)
    if status in NEEDS_JUSTIFICATION or status is None:
        use[f"{kind}.requested_on"] = ask_date(asker, "evidence.requested_on", lang, None)
        use[f"{kind}.justification"] = ask_text(asker, f"use.{kind}.justification", lang)
    return status


YES_NO_UNKNOWN: tuple[str, ...] = ("yes", "no", "unknown")
YNU_ALIASES: dict[str, str] = {
    "y": "yes", "j": "yes", "ja": "yes", "n": "no", "nein": "no", "nee": "no",
    "unbekannt": "unknown", "weiß nicht": "unknown", "weiss nicht": "unknown",
    "don't know": "unknown", "dont know": "unknown", "?": "unknown",
}  # fmt: skip
PERFORMERS: tuple[str, ...] = (
    "employees", "vendor", "crowdworkers", "volunteers", "users", "none", "unknown",
)  # fmt: skip
WORKFORCE_EFFECTS: tuple[str, ...] = (
    "relief", "tasks-changed", "hours-reduced", "positions-cut", "none", "unknown",
)  # fmt: skip
REDUCTIONS: frozenset[str] = frozenset({"hours-reduced", "positions-cut", "unknown"})
LEVELS: tuple[str, ...] = ("low", "medium", "high")
APPROACHES: tuple[str, ...] = ("learned", "rule-based", "simulation")
OVERSIGHT: tuple[str, ...] = ("always", "sampled", "on-escalation", "none")
INTENSIVE_CATEGORIES: frozenset[str] = frozenset(
    {"image-generation", "video-generation", "audio-generation", "voice-cloning"}
)


def _ask_labour_details(asker: Asker, lang: str, status: str | None, use: dict[str, Any]) -> None:
    if status == "not_applicable":
        use["labour.justification"] = ask_text(asker, "use.labour.na_justification", lang)
        return
    use["labour.performed_by"] = ask_choice(
        asker, "use.labour.performed_by", lang, PERFORMERS, "unknown"
    )
    if use["labour.performed_by"] == "none":
        return
    use["labour.fair_pay"] = ask_choice(
        asker, "use.labour.fair_pay", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
    )
    use["labour.pay"] = ask_text(asker, "use.labour.pay", lang)
    harmful = ask_choice(
        asker, "use.labour.harmful_content", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
    )
    use["labour.harmful_content"] = harmful
    if harmful != "no":
        use["labour.support"] = ask_choice(
            asker, "use.labour.support", lang, YES_NO_UNKNOWN, "unknown", YNU_ALIASES
        )
    use["labour.worker_channel"] = ask_text(asker, "use.labour.worker_channel", lang)


def ask_use(asker: Asker, lang: str, today: dt.date) -> dict[str, Any]:
    """The questions about one AI use (the reflection templates for introducing and using a
    tool), enough to answer everything an error rule of the built-in pack asks."""
    use: dict[str, Any] = {}
    use["system.tool"] = ask_text(asker, "use.system.tool", lang)
    use["system.provider"] = ask_text(asker, "use.system.provider", lang)
    use["name"] = ask_text(asker, "use.name", lang)
    use["purpose"] = ask_text(asker, "use.purpose", lang)
    use["status"] = ask_choice(asker, "use.status", lang, STATUSES, "pilot")
    use["categories"] = ask_categories(asker, lang)
    use["audience"] = ask_choice(asker, "use.audience", lang, AUDIENCES, None)
    categories = set(use["categories"] or ())
    user_facing = use["audience"] not in (None, "internal")
    direct = bool(categories & set(DIRECT_CATEGORIES))
    if user_facing:
        use["people.interaction"] = ask_choice(
            asker,
            "use.interaction",
            lang,
            ("direct", "indirect"),
            "direct" if direct else "indirect",
        )
        direct = use["people.interaction"] == "direct"
    approach = ask_choice(asker, "use.system.approach", lang, APPROACHES, "learned")
    learned = approach in (None, "learned")
    if not learned:
        use["system.approach"] = approach
        use["system.rules_by"] = ask_text(asker, "use.system.rules_by", lang)
    use["weighing.benefits"] = ask_text(asker, "use.weighing.benefits", lang)
    use["weighing.risks"] = ask_text(asker, "use.weighing.risks", lang)
    use["weighing.barriers"] = ask_text(asker, "use.weighing.barriers", lang)
    if user_facing:
        use["people.non_ai_alternative"] = ask_text(asker, "use.people.non_ai_alternative", lang)
    use["weighing.non_use"] = ask_text(asker, "use.weighing.non_use", lang)
    use["alternative.option"] = ask_text(asker, "use.alternative.option", lang)
    if use["alternative.option"]:
        use["alternative.with_ai"] = ask_yes_no(asker, "use.alternative.with_ai", lang, False)
        use["alternative.reason"] = ask_text(asker, "use.alternative.reason", lang)
    use["participation.staff_involved"] = ask_text(asker, "use.participation.staff_involved", lang)
    effect = ask_choice(asker, "use.workforce.effect", lang, WORKFORCE_EFFECTS, None)
    use["workforce.effect"] = effect
    if effect not in (None, "none"):
        use["workforce.freed_time"] = ask_text(asker, "use.workforce.freed_time", lang)
    if effect in REDUCTIONS:
        use["workforce.justification"] = ask_text(asker, "use.workforce.justification", lang)
    affects = ask_yes_no(asker, "use.people.affects_people", lang, user_facing)
    decides = ask_yes_no(asker, "use.people.decisions_about_people", lang, False)
    use["people.affects_people"] = affects
    use["people.decisions_about_people"] = decides
    if affects or decides:
        use["people.bias_assessment"] = ask_text(asker, "use.people.bias_assessment", lang)
        use["group.group"] = ask_text(asker, "use.group.group", lang)
        if use["group.group"]:
            use["group.vulnerable"] = ask_yes_no(asker, "use.group.vulnerable", lang, None)
            use["group.harm"] = ask_text(asker, "use.group.harm", lang)
            use["group.likelihood"] = ask_choice(asker, "use.group.likelihood", lang, LEVELS, None)
            use["group.severity"] = ask_choice(asker, "use.group.severity", lang, LEVELS, None)
            use["group.mitigation"] = ask_text(asker, "use.group.mitigation", lang)
            if use["group.vulnerable"]:
                use["participation.affected_consulted"] = ask_text(
                    asker, "use.participation.affected_consulted", lang
                )
    if (user_facing and direct) or decides:
        use["people.human_oversight"] = ask_choice(
            asker,
            "use.people.human_oversight",
            lang,
            OVERSIGHT,
            "always" if decides else None,
        )
    if user_facing and direct:
        use["accountability.incident_process"] = ask_text(
            asker, "use.accountability.incident_process.prompt", lang
        )
    if learned:
        _ask_evidence(asker, lang, "provenance", use)
        status = _ask_evidence(asker, lang, "labour", use)
        _ask_labour_details(asker, lang, status, use)
    kind_answer = ask_choice(
        asker, "use.outputs.kind", lang, OUTPUT_KINDS, "text", choices=", ".join(OUTPUT_KINDS)
    )
    if kind_answer:
        use["outputs.kind"] = kind_answer
        use["outputs.ai_share"] = ask_choice(asker, "use.outputs.ai_share", lang, AI_SHARES, None)
        use["outputs.public"] = ask_yes_no(asker, "use.outputs.public", lang, False)
        use["outputs.label"] = ask_text(asker, "use.outputs.label", lang)
    if learned:
        intensity = ask_choice(asker, "use.environment.intensity", lang, LEVELS, None)
        use["environment.intensity"] = intensity
        if intensity == "high" or categories & INTENSIVE_CATEGORIES:
            use["environment.justification"] = ask_text(
                asker, "use.environment.justification", lang
            )
            use["environment.lighter_alternative"] = ask_text(
                asker, "use.environment.lighter_alternative", lang
            )
    use["competences.operators_trained"] = ask_yes_no(
        asker, "use.competences.operators_trained", lang, None
    )
    use["accountability.owner"] = ask_text(asker, "use.accountability.owner", lang)
    if use["status"] == "active":
        use["evaluation.last_evaluated"] = ask_date(
            asker, "use.evaluation.last_evaluated", lang, None
        )
        if use["evaluation.last_evaluated"]:
            use["evaluation.effects"] = ask_text(asker, "use.evaluation.effects", lang)
    use["decided_on"] = today
    use["started_on"] = today if use["status"] in ("pilot", "active") else None
    return use


def ask_manifest(asker: Asker, lang: str, today: dt.date, project: str) -> dict[str, Any]:
    """All questions of ``ai-coc init`` in a terminal."""
    answers: dict[str, Any] = {}
    asker.say(text("intro", "prompt", lang))
    answers["project.organisation"] = ask_text(asker, "project.organisation", lang)
    answers["project.name"] = ask_text(asker, "project.name", lang, project)
    answers["project.description"] = ask_text(asker, "project.description", lang)
    answers["contacts.accountable.role"] = ask_text(asker, "contacts.accountable.role", lang)
    answers["contacts.accountable.email"] = ask_text(
        asker, "contacts.accountable.email", lang, check="email"
    )
    answers["contacts.feedback"] = ask_text(asker, "contacts.feedback", lang, check="contact")
    default_notice = "docs/ki-hinweis.md" if lang == "de" else "docs/ai-notice.md"
    answers["transparency.notice"] = ask_text(asker, "transparency.notice", lang, default_notice)
    answers["ai_used"] = ask_yes_no(asker, "ai_used", lang, True)
    if answers["ai_used"]:
        answers["use"] = ask_use(asker, lang, today)
        answers["competences.guidance"] = ask_text(asker, "competences.guidance", lang)
        answers["competences.last_training"] = ask_date(
            asker, "competences.last_training", lang, None
        )
    else:
        answers["non_uses.area"] = ask_text(asker, "non_uses.area", lang)
        answers["non_uses.considered"] = ask_text(asker, "non_uses.considered", lang)
        answers["non_uses.reasons"] = ask_text(asker, "non_uses.reasons", lang)
        answers["non_uses.decided_by"] = ask_text(asker, "non_uses.decided_by", lang)
    answers["review.reviewed_by"] = ask_text(asker, "review.reviewed_by", lang)
    answers["review.next_review_due"] = ask_date(
        asker, "review.next_review_due", lang, add_months(today, 6)
    )
    if answers["ai_used"]:
        answers["use"]["decided_by"] = answers["review.reviewed_by"]
    return answers


# --- adding a use to an existing manifest -----------------------------------------------


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def _faithful_yaml(original: str) -> tuple[Any, Any, int] | None:
    """A round-trip loader/dumper that writes ``original`` back unchanged, and its tree.

    ruamel.yaml cannot tell a file's indentation by itself, so the common layouts are
    tried in turn (the guess of ``load_yaml_guess_indent`` first); ``None`` if none fits.
    """
    from ruamel.yaml.util import load_yaml_guess_indent

    _, guessed, guessed_offset = load_yaml_guess_indent(original)
    candidates = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1)]
    if guessed and guessed_offset is not None:
        candidates.insert(0, (2, guessed, guessed_offset))
    for mapping, sequence, offset in dict.fromkeys(candidates):
        yaml = _yaml(mapping, sequence, offset)
        tree = yaml.load(original)
        if _dump(yaml, tree) == original:
            return yaml, tree, offset if mapping == 2 and sequence == offset + 2 else 2
    return None


def manifest_to_edit(original: str, file: str, lang: str) -> Any:
    """The parsed manifest an edit starts from (``init --add-use``, the imports); a text that
    is no ai-coc/v1 manifest is an input error."""
    from ai_coc.read.yaml import parse_document

    old = parse_document(original, file)
    if not isinstance(old.data, dict) or old.data.get("manifest") != MANIFEST_VERSION:
        raise InputError(
            text("add.not_manifest", "message", lang),
            file=file,
            line=1,
            hint=text("add.not_manifest", "hint", lang),
        )
    return old


def add_use(
    original: str,
    answers: Mapping[str, Any],
    lang: str,
    today: dt.date,
    file: str = "ai-usage.yaml",
) -> tuple[str, str]:
    """Add one use to the manifest text ``original``; returns (new text, the new use's id).

    The file is loaded and written back with ruamel.yaml's round-trip mode, which keeps
    every comment and the order of keys. Before anything is changed, the unchanged file is
    written back once: if that does not give exactly the same text (an unusual layout), the
    use is not added, so that nothing of the user's file is ever lost. Afterwards the result
    must parse, hold the same data plus the new use, and contain every original line in
    order (only lines were added).
    """
    from ruamel.yaml.comments import CommentedSeq

    old = manifest_to_edit(original, file, lang)
    if old.data.get("ai_used") is False:
        pos = old.locate(("ai_used",))
        raise InputError(
            text("add.no_ai", "message", lang),
            file=file,
            line=pos.line,
            column=pos.column,
            hint=text("add.no_ai", "hint", lang),
        )
    uses = old.data.get("uses")
    if uses is not None and not isinstance(uses, list):
        pos = old.locate(("uses",))
        raise InputError(
            text("add.uses_not_list", "message", lang), file=file, line=pos.line, column=pos.column
        )
    taken = {u.get("id") for u in uses or [] if isinstance(u, dict)}
    use_id = unique_id(
        slugify(answers.get("name") or "", text("skeleton.use_id", "prompt", lang)),
        {t for t in taken if isinstance(t, str)},
    )
    note = text("use.added", "comment", lang, date=today.isoformat())
    appended = _append_use(original, old, answers, lang, use_id, note)
    if appended is not None:
        try:
            _verify_added(original, appended[0], old.data, use_id, file, lang, appended[1])
        except InputError:
            pass  # an unusual layout: the round-trip way below, or the message
        else:
            return appended[0], use_id
    faithful = _faithful_yaml(original)
    if faithful is None:
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )
    yaml, tree, offset = faithful
    entries = use_entries(answers, lang, use_id)
    entries[0].comment = None  # the comment goes above the item, see below
    item = _yaml(2, offset + 2, offset).load(render_use_item(entries, offset))["uses"][0]
    existing = tree.get("uses")
    if isinstance(existing, CommentedSeq) and len(existing):
        existing.append(item)
        seq = existing
    else:
        seq = CommentedSeq([item])
        tree["uses"] = seq
    indent = _item_indent(original)
    lines = _comment_lines(f"{note}\n{_c('use.name', lang)}", indent)
    seq.yaml_set_comment_before_after_key(
        len(seq) - 1, before="\n".join(line.strip()[2:] for line in lines), indent=indent
    )
    result = _dump(yaml, tree)
    _verify_added(original, result, old.data, use_id, file, lang)
    return result, use_id


def _append_use(
    original: str, old: Any, answers: Mapping[str, Any], lang: str, use_id: str, note: str
) -> tuple[str, int] | None:
    """The new use written as text after the last line of a block ``uses:`` list, and where
    it went (the line number); ``None`` if the list is not a plain block list.

    This costs as much as reading the file once, whatever its size; the round-trip way
    (ruamel.yaml loads and writes the whole file several times) is kept for the rest.
    """
    uses = old.data.get("uses")
    if not isinstance(uses, list) or not uses or "\r" in original or original[-1:] != "\n":
        return None
    lines = original.split("\n")
    uses_key = old.key_positions.get(("uses",))
    first = old.key_positions.get(("uses", 0))
    if uses_key is None or first is None or uses_key.column != 1 or first.line <= uses_key.line:
        return None  # `uses: [...]`, or a layout this does not know
    written = lines[first.line - 1]
    indent = written.rfind("- ", 0, first.column)  # the item starts at its content
    if indent < 0 or written[:indent].strip():
        return None
    after = [
        pos.line
        for key, pos in old.key_positions.items()
        if len(key) == 1 and pos.line > uses_key.line
    ]
    # after the list and what follows it up to the next key (as ruamel.yaml places it)
    end = min(after) - 1 if after else len(lines) - (lines[-1] == "")
    entries = use_entries(answers, lang, use_id)
    entries[0].comment = None
    rendered = render_use_item(entries, indent).split("\n")
    start = next(i for i, line in enumerate(rendered) if line.startswith("uses:")) + 1
    item = [line for line in rendered[start:] if line.strip()]
    comment = _comment_lines(f"{note}\n{_c('use.name', lang)}", indent)
    new_lines = [*lines[:end], *comment, *item, *lines[end:]]
    return "\n".join(new_lines), end


def _item_indent(original: str) -> int:
    match = re.search(r"^uses:[ \t]*\n(?:[ \t]*#.*\n)*([ \t]*)- ", original, re.MULTILINE)
    return len(match.group(1)) if match else 2


def _verify_added(
    original: str,
    result: str,
    old_data: dict[str, Any],
    use_id: str,
    file: str,
    lang: str,
    at: int | None = None,
) -> None:
    """The result holds the old data plus the new use, and every original line in order.

    With ``at`` (the lines were inserted after line ``at``), the lines are compared directly;
    else with a diff (which costs the square of the length)."""
    import difflib

    from ai_coc.read.yaml import parse_document

    new = parse_document(result, file).data
    new_uses = new.get("uses") or []
    expected = dict(old_data)
    expected["uses"] = [*(old_data.get("uses") or []), *new_uses[-1:]]
    ok = (
        isinstance(new_uses, list)
        and bool(new_uses)
        and new_uses[-1].get("id") == use_id
        and new == expected
        and list(new) == list(expected)
    )
    if at is not None:
        before, after = original.split("\n"), result.split("\n")
        tail = len(before) - at
        ok = ok and after[:at] == before[:at] and (tail == 0 or after[-tail:] == before[at:])
        ok = ok and len(after) > len(before)
    else:
        matcher = difflib.SequenceMatcher(
            a=original.splitlines(), b=result.splitlines(), autojunk=False
        )
        ok = ok and all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())
    if not ok:  # pragma: no cover - guarded by the round-trip test above
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )
