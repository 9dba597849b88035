"""The organisation's public notice on its AI use, rendered from the manifest.

Principle 3 of the Code of Conduct asks every signatory to publish a general notice on how
it uses AI. Rendering it from ``ai-usage.yaml`` keeps it true: when the manifest changes,
``ai-coc notice --check`` says that the published notice is out of date.

:func:`render_notice` is pure: it takes the parsed manifest data (plain ``dict``/``list``,
dates as :class:`datetime.date`) and returns the text. The output is deterministic: the
only dates in it are the manifest's own, so two renderings of the same manifest are equal.
The first line is a marker comment (``<!-- ai-coc notice: lang=de format=md -->``) that
tells ``--check`` how the file was made.

The internal version (``render_notice(..., internal=True)``, ``ai-coc notice --internal``) adds
the learning loop of each use for the organisation itself: the effect on its own staff, who was
involved, the learning protocol (``evaluation``) and every dated reflection, under the questions
of the reflection template. Its marker says ``variant=internal``; the public notice never shows
any of it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ai_coc.i18n import has_phrase, phrase
from ai_coc.records import Record

FORMATS: tuple[str, ...] = ("md", "html")
#: The public notice (the default) and the internal version with the learning loop.
VARIANTS: tuple[str, ...] = ("public", "internal")
#: Uses shown as current AI uses in the notice.
SHOWN_STATUSES: tuple[str, ...] = ("active", "pilot")

MARKER_RE = re.compile(
    r"<!--\s*ai-coc notice:\s*lang=(?P<lang>[a-z]{2})\s+format=(?P<format>[a-z]+)"
    r"(?:\s+variant=(?P<variant>[a-z]+))?\s*-->"
)


def label(key: str, lang: str, **values: object) -> str:
    """A word of the notice in ``lang``."""
    return phrase("notice", key, lang, **values)


def marker(lang: str, fmt: str, variant: str = "public") -> str:
    """The first line of a generated notice (the public one names no variant)."""
    named = f" variant={variant}" if variant != "public" else ""
    return f"<!-- ai-coc notice: lang={lang} format={fmt}{named} -->"


def read_marker(text: str) -> tuple[str, str] | None:
    """(lang, format) from a notice made by :func:`render_notice`, else ``None``."""
    match = MARKER_RE.search(text[:2000])
    if match is None:
        return None
    return match.group("lang"), match.group("format")


def read_variant(text: str) -> str | None:
    """``public`` or ``internal`` from a notice made by :func:`render_notice`, else ``None``."""
    match = MARKER_RE.search(text[:2000])
    if match is None:
        return None
    return match.group("variant") or "public"


def format_date(value: Any, lang: str) -> str:
    """``2026-11-21`` -> ``21 November 2026`` / ``21. November 2026``."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return str(value)
    if not isinstance(value, dt.date):
        return str(value)
    month = phrase("notice", f"month.{value.month}", lang)
    return (
        f"{value.day}. {month} {value.year}"
        if lang == "de"
        else f"{value.day} {month} {value.year}"
    )


# --- a small document model, written out as Markdown or HTML ----------------------------


@dataclass(eq=False, repr=False)
class Link(Record):
    """A link in the notice (only mailto:, http: and https: targets are linked)."""

    text: str
    target: str


Inline = str | Link
Para = list[Inline]


@dataclass(eq=False, repr=False)
class Block(Record):
    """A heading (level 1-5), a paragraph, or a definition-style list of (term, text)."""

    kind: str  # "h1" … "h5", "p", "dl"
    content: Para | None = None
    items: list[tuple[str, Para]] | None = None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(_text(v) for v in value if v is not None)
    if isinstance(value, dict):
        return " ".join(_text(v) for v in value.values())
    return " ".join(str(value).split())


def _get(node: Any, *path: str) -> Any:
    for part in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


_EMAIL = re.compile(r"^[^@\s<>()\"]+@[^@\s<>()\"]+\.[^@\s<>()\"]+$")
_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"'()\\]+$", re.IGNORECASE)


def contact_link(value: str) -> Inline:
    """An e-mail address or URL as a link; anything else stays text."""
    value = value.strip()
    if _URL.match(value):
        shown = value[len("mailto:") :] if value.lower().startswith("mailto:") else value
        return Link(shown, value)
    if _EMAIL.match(value) and ":" not in value:
        return Link(value, f"mailto:{value}")
    return value


def _contact(contact: Any) -> Para:
    if not isinstance(contact, Mapping):
        return [_text(contact)] if contact else []
    parts: Para = []
    who = ", ".join(_text(contact.get(k)) for k in ("name", "role") if contact.get(k))
    if who:
        parts.append(who)
    for key in ("email", "url"):
        if contact.get(key):
            parts.extend(
                [" (" if who and len(parts) == 1 else ", ", contact_link(_text(contact[key]))]
            )
    if len(parts) > 1 and who:
        parts.append(")")
    return parts


def _outputs(use: Mapping[str, Any], lang: str) -> Para:
    outputs = use.get("outputs")
    if not isinstance(outputs, list) or not outputs:
        return [label("no_outputs", lang)]
    parts: list[str] = []
    for output in outputs:
        if not isinstance(output, Mapping):
            continue
        kind = _text(output.get("kind"))
        kind = label(f"kind.{kind}", lang) if has_phrase("notice", f"kind.{kind}") else kind
        public = label("published", lang) if output.get("public") else label("internal_only", lang)
        if output.get("labelled") and output.get("label"):
            how = (
                f"{label('labelled', lang)} „{_text(output['label'])}“"
                if lang == "de"
                else (f"{label('labelled', lang)} \u201c{_text(output['label'])}\u201d")
            )
        elif output.get("labelled"):
            how = label("labelled_plain", lang)
        else:
            how = label("not_labelled", lang)
        parts.append(f"{kind} ({public}): {how}")
    return ["; ".join(parts)] if parts else [label("no_outputs", lang)]


def _word(prefix: str, value: Any, lang: str) -> str | None:
    """The notice's word for a value of a choice (``fair_pay.no``), or None."""
    key = f"{prefix}.{value}"
    return label(key, lang) if isinstance(value, str) and has_phrase("notice", key) else None


def _sentences(parts: list[str | None]) -> str:
    return " ".join(p for p in parts if p)


def _evidence(section: Any, lang: str, details: list[str | None]) -> Para:
    """What is known about labour or data provenance, and what is not, in plain words."""
    if not isinstance(section, Mapping) or not any(
        v not in (None, "", []) for v in section.values()
    ):
        return [label("evidence.missing", lang)]
    status = section.get("status")
    said = _word("evidence", status, lang)
    asked = section.get("requested_on")
    justification = _text(section.get("justification"))
    text = _sentences(
        [
            said,
            *details,
            label("evidence.asked", lang, date=format_date(asked, lang)) if asked else None,
            label("evidence.why", lang, text=justification)
            if justification and status != "known"
            else None,
        ]
    )
    para: Para = [text or label("evidence.missing", lang)]
    source = _text(section.get("source"))
    if source:
        para.extend([" " + label("evidence.source", lang) + " ", contact_link(source)])
    return para


def _labour(use: Mapping[str, Any], lang: str) -> Para:
    labour = use.get("labour")
    if not isinstance(labour, Mapping):
        return _evidence(labour, lang, [])
    tasks = labour.get("tasks")
    shown = ", ".join(_text(t) for t in tasks if t) if isinstance(tasks, list) else _text(tasks)
    who = _word("performed_by", labour.get("performed_by"), lang)
    harmful = _text(labour.get("harmful_content_exposure"))
    channel = _text(labour.get("worker_channel"))
    return _evidence(
        labour,
        lang,
        [
            label("labour.tasks", lang, tasks=shown) if shown else None,
            label("labour.by", lang, who=who) if who else None,
            _word("fair_pay", labour.get("fair_pay"), lang),
            label("labour.harmful", lang, text=harmful) if harmful else None,
            label("labour.channel", lang, text=channel) if channel else None,
        ],
    )


def _provenance(use: Mapping[str, Any], lang: str) -> Para:
    provenance = use.get("provenance")
    if not isinstance(provenance, Mapping):
        return _evidence(provenance, lang, [])
    sources: list[str] = []
    for item in provenance.get("sources") or []:
        if isinstance(item, Mapping):
            kind = _word("source_type", item.get("type"), lang) or _text(item.get("type"))
            described = _text(item.get("description"))
            sources.append(f"{kind} ({described})" if described and kind else described or kind)
    creative = provenance.get("creative_works")
    return _evidence(
        provenance,
        lang,
        [
            label("provenance.sources", lang, sources="; ".join(sources)) if sources else None,
            _word("creative_works", creative, lang),
            _word("creators_compensated", provenance.get("creators_compensated"), lang)
            if creative == "yes"
            else None,
        ],
    )


def _environment(use: Mapping[str, Any], lang: str) -> Para:
    env = use.get("environment")
    if not isinstance(env, Mapping):
        return [label("environment.missing", lang)]
    estimate = env.get("estimate")
    figure = None
    if isinstance(estimate, Mapping) and estimate.get("energy_kwh") is not None:
        period = _text(estimate.get("period"))
        figure = label(
            "environment.kwh",
            lang,
            kwh=_text(estimate["energy_kwh"]),
            period=label("environment.period", lang, period=period) if period else "",
        )
        method = _word("method", estimate.get("method"), lang)
        figure += f" ({method})." if method else "."
    lighter = _text(env.get("lighter_alternative"))
    why = _text(env.get("justification"))
    text = _sentences(
        [
            _word("intensity", env.get("intensity"), lang),
            figure,
            label("environment.lighter", lang, text=lighter) if lighter else None,
            label("environment.why", lang, text=why) if why else None,
        ]
    )
    return [text or label("environment.missing", lang)]


def _use_blocks(
    use: Mapping[str, Any], data: Mapping[str, Any], lang: str, internal: bool = False
) -> list[Block]:
    title = _text(use.get("name")) or _text(use.get("id"))
    items: list[tuple[str, Para]] = []
    if use.get("purpose"):
        items.append((label("what", lang), [_text(use["purpose"])]))
    benefits = _get(use, "weighing", "benefits")
    if benefits:
        items.append((label("why", lang), [_text(benefits)]))
    non_use = _get(use, "weighing", "non_use")
    if non_use:
        items.append((label("why_not_without", lang), [_text(non_use)]))
    tool = _text(_get(use, "system", "tool"))
    provider = _text(_get(use, "system", "provider"))
    if tool or provider:
        shown = tool or provider
        if tool and provider:
            shown = f"{tool} ({label('provider', lang)}: {provider})"
        items.append((label("tool", lang), [shown]))
    status = use.get("status")
    if status in SHOWN_STATUSES:
        items.append((label("status", lang), [label(f"status.{status}", lang)]))
    audience = use.get("audience")
    if isinstance(audience, str) and has_phrase("notice", f"audience.{audience}"):
        items.append((label("audience", lang), [label(f"audience.{audience}", lang)]))
    oversight = _get(use, "people", "human_oversight")
    if isinstance(oversight, str) and has_phrase("notice", f"oversight.{oversight}"):
        items.append((label("oversight", lang), [label(f"oversight.{oversight}", lang)]))
    alternative = _get(use, "people", "non_ai_alternative")
    if alternative:
        items.append((label("alternative", lang), [_text(alternative)]))
    items.append((label("labels", lang), _outputs(use, lang)))
    items.append((label("labour", lang), _labour(use, lang)))
    items.append((label("provenance", lang), _provenance(use, lang)))
    items.append((label("environment", lang), _environment(use, lang)))
    owner = _get(use, "accountability", "owner")
    accountable: Para = [_text(owner)] if owner else _contact(_get(data, "contacts", "accountable"))
    if accountable:
        items.append((label("accountable", lang), accountable))
    feedback = _get(data, "contacts", "feedback")
    if feedback:
        items.append((label("contact", lang), [contact_link(_text(feedback))]))
    blocks = [Block("h3", [title]), Block("dl", items=items)]
    return blocks + _learning_blocks(use, lang) if internal else blocks


# --- the learning loop (internal version only) ------------------------------------------

#: The answers of a reflection (``evaluation.reflections[]``), in the order of the reflection
#: template for using a tool; each is shown under its question (``reflection.<key>``).
REFLECTION_ANSWERS: tuple[str, ...] = (
    "frequency",
    "impressions",
    "failures",
    "excluded",
    "rather_without",
    "social_effects",
    "lessons",
    "wishes",
)


def _listed(value: Any) -> str:
    """A text, or the entries of a list separated by semicolons, on one line."""
    if isinstance(value, list):
        return "; ".join(shown for shown in (_text(v) for v in value) if shown)
    return _text(value)


def _terms(section: Any, keys: tuple[str, ...], prefix: str, lang: str) -> list[tuple[str, Para]]:
    """(term, text) for each key of ``section`` that has a text; the term is the notice's
    ``<prefix>.<key>``, a choice is shown in words (``<prefix>.<key>.<value>``)."""
    if not isinstance(section, Mapping):
        return []
    items: list[tuple[str, Para]] = []
    for key in keys:
        value = section.get(key)
        shown = _word(f"{prefix}.{key}", value, lang) or _listed(value)
        if shown:
            items.append((label(f"{prefix}.{key}", lang), [shown]))
    return items


def _evaluation_items(evaluation: Mapping[str, Any], lang: str) -> list[tuple[str, Para]]:
    items = _terms(
        evaluation,
        ("assumption", "goal", "effects", "challenges", "solutions"),
        "evaluation",
        lang,
    )
    recommendations = evaluation.get("recommendations")
    if isinstance(recommendations, Mapping):
        for key in ("do", "dont"):
            shown = _listed(recommendations.get(key))
            if shown:
                items.append((label(f"evaluation.recommendations.{key}", lang), [shown]))
    elif _listed(recommendations):
        items.append((label("evaluation.recommendations", lang), [_listed(recommendations)]))
    if evaluation.get("last_evaluated"):
        when = format_date(evaluation["last_evaluated"], lang)
        items.append((label("evaluation.last_evaluated", lang), [when]))
    return items


def _reflection_blocks(reflection: Mapping[str, Any], lang: str) -> list[Block]:
    on = reflection.get("on")
    title = (
        label("reflection.title", lang, date=format_date(on, lang))
        if on
        else label("reflection.undated", lang)
    )
    blocks = [Block("h4", [title])]
    by = _listed(reflection.get("by"))
    if by:
        blocks.append(Block("p", [label("reflection.by", lang, who=by)]))
    answered = False
    for key in REFLECTION_ANSWERS:
        answer = _listed(reflection.get(key))
        if answer:
            answered = True
            blocks.extend([Block("h5", [label(f"reflection.{key}", lang)]), Block("p", [answer])])
    if not answered:
        blocks.append(Block("p", [label("reflection.empty", lang)]))
    return blocks


def _learning_blocks(use: Mapping[str, Any], lang: str) -> list[Block]:
    """The learning loop of one use: effect on the own staff and who was involved (if the
    manifest says), the learning protocol and each reflection (or that there is none yet)."""
    blocks: list[Block] = []
    workforce = _terms(
        use.get("workforce"),
        ("effect", "description", "freed_time", "skills", "justification"),
        "workforce",
        lang,
    )
    if workforce:
        blocks.extend([Block("h4", [label("workforce", lang)]), Block("dl", items=workforce)])
    participation = _terms(
        use.get("participation"),
        ("staff_involved", "works_council", "affected_consulted"),
        "participation",
        lang,
    )
    if participation:
        blocks.extend(
            [Block("h4", [label("participation", lang)]), Block("dl", items=participation)]
        )
    evaluation = use.get("evaluation")
    if not isinstance(evaluation, Mapping):
        evaluation = {}
    blocks.append(Block("h4", [label("evaluation", lang)]))
    items = _evaluation_items(evaluation, lang)
    blocks.append(
        Block("dl", items=items) if items else Block("p", [label("evaluation.none", lang)])
    )
    reflections = evaluation.get("reflections")
    shown = (
        [r for r in reflections if isinstance(r, Mapping)] if isinstance(reflections, list) else []
    )
    if not shown:
        blocks.append(Block("p", [label("reflection.none", lang)]))
    for reflection in shown:
        blocks.extend(_reflection_blocks(reflection, lang))
    return blocks


def _non_use_blocks(
    entry: Mapping[str, Any], lang: str, rejected: bool = False, internal: bool = False
) -> list[Block]:
    title = _text(entry.get("area") or entry.get("name") or entry.get("id"))
    if rejected:
        # "tried" only if the manifest says the use got as far as running or being evaluated
        tried = entry.get("phase") in ("deployment", "evaluation") or bool(entry.get("evaluation"))
        title = f"{title} ({label('rejected.tried' if tried else 'rejected', lang)})"
    items: list[tuple[str, Para]] = []
    considered = entry.get("considered") or _get(entry, "system", "tool")
    if considered:
        items.append((label("considered", lang), [_text(considered)]))
    reasons = entry.get("reasons") or (
        _get(entry, "weighing", "non_use") or _get(entry, "weighing", "risks") if rejected else None
    )
    if reasons:
        items.append((label("reasons", lang), [_text(reasons)]))
    decided_on = entry.get("decided_on") or _get(entry, "weighing", "decided_on")
    decided_by = entry.get("decided_by") or _get(entry, "weighing", "decided_by")
    if decided_on or decided_by:
        when = format_date(decided_on, lang) if decided_on else ""
        who = label("decided_by", lang, who=_text(decided_by)) if decided_by else ""
        items.append((label("decided", lang), [" ".join(p for p in (when, who) if p)]))
    if entry.get("revisit_on"):
        items.append((label("revisit", lang), [format_date(entry["revisit_on"], lang)]))
    blocks = [Block("h3", [title]), Block("dl", items=items)]
    if internal and rejected and isinstance(entry.get("evaluation"), Mapping):
        # what a tried and rejected use taught is part of the learning loop too
        blocks.extend(_learning_blocks(entry, lang))
    return blocks


def build(data: Mapping[str, Any], lang: str, internal: bool = False) -> list[Block]:
    """The notice as blocks (headings, paragraphs, term lists); ``internal`` adds the learning
    loop of each use."""
    project = _get(data, "project") or {}
    org = _text(_get(project, "organisation")) or _text(_get(project, "name"))
    name = _text(_get(project, "name"))
    blocks = [
        Block("h1", [label("title.internal" if internal else "title", lang, org=org)]),
        Block("p", [label("intro.internal" if internal else "intro", lang, project=name, org=org)]),
    ]
    if _get(project, "description"):
        blocks.append(Block("p", [_text(project["description"])]))
    blocks.append(Block("h2", [label("uses", lang)]))
    uses = [u for u in data.get("uses") or [] if isinstance(u, Mapping)]
    shown = [u for u in uses if u.get("status") in SHOWN_STATUSES]
    if data.get("ai_used") is False:
        blocks.append(Block("p", [label("no_ai", lang)]))
    elif not shown:
        blocks.append(Block("p", [label("no_current", lang)]))
    for use in shown:
        blocks.extend(_use_blocks(use, data, lang, internal))
    non_uses = [n for n in data.get("non_uses") or [] if isinstance(n, Mapping)]
    rejected = [u for u in uses if u.get("status") == "rejected"]
    if non_uses or rejected:
        blocks.append(Block("h2", [label("non_uses", lang)]))
        for entry in non_uses:
            blocks.extend(_non_use_blocks(entry, lang))
        for use in rejected:
            blocks.extend(_non_use_blocks(use, lang, rejected=True, internal=internal))
    blocks.append(Block("h2", [label("contact", lang)]))
    feedback = _get(data, "contacts", "feedback")
    if feedback:
        blocks.append(Block("p", [label("contact.text", lang), " ", contact_link(_text(feedback))]))
    else:
        blocks.append(Block("p", [label("contact.none", lang)]))
    accountable = _contact(_get(data, "contacts", "accountable"))
    if accountable:
        blocks.append(Block("dl", items=[(label("contact.accountable", lang), accountable)]))
    blocks.append(Block("h2", [label("review", lang)]))
    review = _get(data, "review") or {}
    last = _get(review, "last_reviewed")
    if last:
        by = _get(review, "reviewed_by")
        who = ", ".join(_text(b) for b in by) if isinstance(by, list) else _text(by)
        sentence = label(
            "review.last",
            lang,
            date=format_date(last, lang),
            by=label("review.by", lang, who=who) if who else "",
        )
    else:
        sentence = label("review.never", lang)
    following = _get(review, "next_review_due")
    if following:
        sentence += " " + label("review.next", lang, date=format_date(following, lang))
    blocks.append(Block("p", [sentence]))
    blocks.append(Block("p", [label("footer.internal" if internal else "footer", lang)]))
    return blocks


# --- Markdown ---------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!&])")


def md_escape(text: str) -> str:
    """Text that Markdown shows literally (no emphasis, links or HTML from user text), on one
    line (a line break could start a heading or a list) and free of control characters."""
    from ai_coc.report.neutral import visible

    return _MD_SPECIAL.sub(r"\\\1", visible(re.sub(r"\s+", " ", text)))


def md_target(target: str) -> str:
    """A link target that cannot end the link early (``<``, ``>``, spaces, controls encoded)."""
    from urllib.parse import quote

    return quote(target, safe=":/?#@!$&'()*+,;=%-._~")


def _md_inline(parts: Para) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Link):
            out.append(f"[{md_escape(part.text)}](<{md_target(part.target)}>)")
        else:
            out.append(md_escape(part))
    return "".join(out)


HEADINGS = ("h1", "h2", "h3", "h4", "h5")


def render_markdown(blocks: list[Block], lang: str, variant: str = "public") -> str:
    lines = [marker(lang, "md", variant), ""]
    for block in blocks:
        if block.kind in HEADINGS:
            level = int(block.kind[1])
            lines.extend([f"{'#' * level} {_md_inline(block.content or [])}", ""])
        elif block.kind == "p":
            lines.extend([_md_inline(block.content or []), ""])
        elif block.kind == "dl":
            for term, value in block.items or []:
                lines.append(f"- **{md_escape(term)}:** {_md_inline(value)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


# --- HTML -------------------------------------------------------------------------------

CSS = """\
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;\
color:#1a1a1a;background:#fff;margin:0;padding:0}
main{max-width:44rem;margin:0 auto;padding:2rem 1.25rem}
h1{font-size:1.8rem;line-height:1.25}
h2{font-size:1.35rem;margin-top:2.2rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
h3{font-size:1.1rem;margin-top:1.6rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:.5rem 0}
dt{font-weight:600}
dd{margin:0}
a{color:#0b57a4}
footer{margin-top:2.5rem;font-size:.9rem;color:#555}
@media (max-width:36rem){dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}
@media (prefers-color-scheme:dark){body{color:#eee;background:#161616}a{color:#8ab8ff}}"""
#: Added for the internal version only (the public page stays as it is): its learning loop
#: has headings of level 4 (learning protocol, each reflection) and 5 (each question).
CSS_INTERNAL = """\
h4{font-size:1rem;margin-top:1.4rem}
h5{font-size:.95rem;font-weight:600;margin:.9rem 0 .2rem}
h5+p{margin-top:0}"""


def html_escape(text: str) -> str:
    """Text that a browser shows literally, without control or direction-changing characters
    (shown as escapes, as in the Markdown)."""
    from ai_coc.report.neutral import visible

    return html.escape(visible(text))


def html_target(target: str) -> str:
    """A link target for ``href``; one with a control or direction character is percent-encoded."""
    from ai_coc.report.neutral import visible

    return html.escape(target if visible(target) == target else md_target(target))


def _html_inline(parts: Para) -> str:
    out: list[str] = []
    for part in parts:
        if isinstance(part, Link):
            out.append(f'<a href="{html_target(part.target)}">{html_escape(part.text)}</a>')
        else:
            out.append(html_escape(part))
    return "".join(out)


def render_html(blocks: list[Block], lang: str, variant: str = "public") -> str:
    title = _html_inline(blocks[0].content or []) if blocks else ""
    body: list[str] = []
    for index, block in enumerate(blocks):
        last = index == len(blocks) - 1
        if block.kind in HEADINGS:
            body.append(f"<{block.kind}>{_html_inline(block.content or [])}</{block.kind}>")
        elif block.kind == "p" and last:
            body.append(f"<footer><p>{_html_inline(block.content or [])}</p></footer>")
        elif block.kind == "p":
            body.append(f"<p>{_html_inline(block.content or [])}</p>")
        elif block.kind == "dl":
            body.append("<dl>")
            for term, value in block.items or []:
                body.append(f"<dt>{html_escape(term)}</dt><dd>{_html_inline(value)}</dd>")
            body.append("</dl>")
    lines = [
        "<!DOCTYPE html>",
        marker(lang, "html", variant),
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>\n{CSS}\n{CSS_INTERNAL}\n</style>"
        if variant == "internal"
        else f"<style>\n{CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def render_notice(
    data: Mapping[str, Any], lang: str = "en", fmt: str = "md", *, internal: bool = False
) -> str:
    """The public AI notice of the manifest ``data`` in ``lang`` (en/de), as md or html; with
    ``internal``, the internal version that adds each use's learning loop."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown notice format {fmt!r}")
    blocks = build(data, lang, internal)
    variant = "internal" if internal else "public"
    if fmt == "html":
        return render_html(blocks, lang, variant)
    return render_markdown(blocks, lang, variant)


def format_for_path(path: str) -> str | None:
    """``md`` or ``html`` from a file name, ``None`` if neither."""
    lowered = path.lower()
    if lowered.endswith((".md", ".markdown")):
        return "md"
    if lowered.endswith((".html", ".htm")):
        return "html"
    return None
