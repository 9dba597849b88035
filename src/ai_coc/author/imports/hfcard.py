"""``ai-coc import hf-card``: what a Hugging Face model or dataset card says, as a use.

The card's YAML front matter is read; its Markdown text is not interpreted. Mapped are:

- ``annotations_creators`` (dataset cards) -> ``labour``: who annotated the data
  (:data:`ANNOTATORS`);
- ``source_datasets`` and ``license`` (dataset cards), ``datasets`` (model cards) ->
  ``provenance.sources``;
- ``co2_eq_emissions`` (a number of grams, or a mapping with ``emissions``) ->
  ``environment.estimate``;
- ``pipeline_tag`` / ``task_categories`` -> ``categories``, where one fits
  (:data:`TASK_CATEGORIES`).

Nothing is invented: a fact the card does not state is left out, and what the card states only
in part gets the status ``partial`` without a justification, so that ``ai-coc check`` reports
what the organisation still has to find out and write down.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ai_coc.author.imports.frontmatter import FrontMatter
from ai_coc.i18n import N_, t
from ai_coc.records import Record

#: Hugging Face ``annotations_creators`` value -> (labour.performed_by or None, evidence status,
#: i18n key of the task text). ``machine-generated`` annotations need a person to check them,
#: and nothing is known about who did; ``found`` annotations came with the data.
ANNOTATORS: dict[str, tuple[str | None, str, str]] = {
    "crowdsourced": ("crowdworkers", "partial", N_("annotation by crowd workers (card: {value})")),
    "expert-generated": ("unknown", "partial", N_("annotation by experts (card: {value})")),
    "machine-generated": (
        None,
        "unknown",
        N_("annotations made by a machine, to be checked by a person (card: {value})"),
    ),
    "found": (
        "unknown",
        "unknown",
        N_("annotations found with the data, made by unknown people (card: {value})"),
    ),
    "no-annotation": ("none", "partial", N_("no annotation (card: {value})")),
    "other": ("unknown", "unknown", N_("annotation of another kind (card: {value})")),
}
#: Which ``performed_by`` wins when a card names several kinds of annotators.
_PERFORMED_ORDER = ("crowdworkers", "unknown", "none")

#: Hugging Face task -> ai-coc category.
TASK_CATEGORIES: dict[str, str] = {
    "translation": "translation",
    "text-generation": "text-drafting",
    "text2text-generation": "text-drafting",
    "summarization": "text-drafting",
    "text-to-image": "image-generation",
    "image-to-image": "image-generation",
    "text-to-video": "video-generation",
    "text-to-speech": "voice-cloning",
    "conversational": "chatbot",
    "question-answering": "chatbot",
    "automatic-speech-recognition": "data-analysis",
    "text-classification": "data-analysis",
    "token-classification": "data-analysis",
    "tabular-classification": "data-analysis",
    "tabular-regression": "data-analysis",
}

_DATASET_KEYS = (
    "annotations_creators",
    "language_creators",
    "source_datasets",
    "task_categories",
    "size_categories",
    "pretty_name",
)


@dataclass(eq=False, repr=False)
class Imported(Record):
    """A use made from a card, and what the user should be told about it."""

    use: dict[str, Any]
    kind: str  # "model" or "dataset"
    name: str
    notes: list[str] = field(default_factory=list)


def _strings(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    return [str(i).strip() for i in items if isinstance(i, str | int | float) and str(i).strip()]


def card_kind(data: Mapping[str, Any]) -> str:
    """``dataset`` if the front matter has keys only dataset cards have, else ``model``."""
    return "dataset" if any(k in data for k in _DATASET_KEYS) else "model"


def card_name(data: Mapping[str, Any], fallback: str) -> str:
    """The name the card gives itself, else ``fallback`` (e.g. the folder of README.md)."""
    for key in ("pretty_name", "model_name"):
        names = _strings(data.get(key))
        if names:
            return names[0]
    index = data.get("model-index")
    if isinstance(index, list) and index and isinstance(index[0], Mapping):
        names = _strings(index[0].get("name"))
        if names:
            return names[0]
    return fallback


def slug(name: str) -> str:
    """A use id from a name: ``Beispiel/Modell 7B`` -> ``beispiel-modell-7b``."""
    from ai_coc.author.scaffold import slugify

    return slugify(name.replace("/", " "), "imported-card")


def _labour(data: Mapping[str, Any], source: str, today: dt.date, lang: str) -> dict[str, Any]:
    creators = [c.casefold() for c in _strings(data.get("annotations_creators"))]
    if not creators:
        return {}
    performed: list[str] = []
    statuses: list[str] = []
    tasks: list[str] = []
    for creator in creators:
        who, status, task = ANNOTATORS.get(creator, ANNOTATORS["other"])
        if who is not None:
            performed.append(who)
        statuses.append(status)
        tasks.append(t(task, lang, value=creator))
    labour: dict[str, Any] = {
        "status": "unknown" if "unknown" in statuses else "partial",
        "source": source,
        "checked_on": today,
    }
    for candidate in _PERFORMED_ORDER:
        if candidate in performed:
            labour["performed_by"] = candidate
            break
    labour["tasks"] = tasks
    return labour


def _sources(data: Mapping[str, Any], kind: str, name: str, lang: str) -> list[dict[str, Any]]:
    licences = _strings(data.get("license"))
    licence = ", ".join(licences) if licences else None
    sources: list[dict[str, Any]] = []
    if kind == "dataset":
        for entry in _strings(data.get("source_datasets")):
            if entry.casefold() == "original":
                item: dict[str, Any] = {
                    "type": "other",
                    "description": t("data collected for {name} itself", lang, name=name),
                }
            else:
                extended = re.match(r"^extended\|(.+)$", entry)
                item = {
                    "type": "public-dataset",
                    "description": t("{name}, extended", lang, name=extended.group(1))
                    if extended
                    else entry,
                }
            if licence:
                item["licence"] = licence
            sources.append(item)
        if not sources:
            item = {"type": "public-dataset", "description": name}
            if licence:
                item["licence"] = licence
            sources.append(item)
    else:
        for entry in _strings(data.get("datasets")):
            sources.append({"type": "public-dataset", "description": entry})
    return sources


def _estimate(data: Mapping[str, Any]) -> dict[str, Any] | None:
    value = data.get("co2_eq_emissions")
    details: Mapping[str, Any] = {}
    if isinstance(value, Mapping):
        details = value
        value = value.get("emissions")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    estimate: dict[str, Any] = {"co2e_kg": round(float(value) / 1000, 6)}
    kind = _strings(details.get("training_type"))
    estimate["period"] = "training" + (f" ({kind[0]})" if kind else "")
    estimate["method"] = "provider"
    return estimate


def card_to_use(
    front: FrontMatter,
    *,
    source: str,
    fallback_name: str,
    use_id: str | None,
    today: dt.date,
    lang: str,
) -> Imported:
    """The use (only what the card says) for the front matter of a card."""
    data = front.data
    kind = card_kind(data)
    name = card_name(data, fallback_name)
    use: dict[str, Any] = {"id": use_id or slug(name), "name": name}
    notes: list[str] = []
    tasks = _strings(data.get("pipeline_tag")) + _strings(data.get("task_categories"))
    categories = list(dict.fromkeys(TASK_CATEGORIES[x] for x in tasks if x in TASK_CATEGORIES))
    if categories:
        use["categories"] = categories
    if kind == "model":
        use["system"] = {"model": name}
    sources = _sources(data, kind, name, lang)
    if sources:
        use["provenance"] = {
            "status": "partial",
            "source": source,
            "checked_on": today,
            "sources": sources,
        }
    else:
        notes.append(t("the card names no source datasets: `provenance` stays open", lang))
    labour = _labour(data, source, today, lang)
    if labour:
        use["labour"] = labour
        if "machine-generated" in [
            c.casefold() for c in _strings(data.get("annotations_creators"))
        ]:
            notes.append(
                t(
                    "the annotations are machine-generated: record whether and how a "
                    "person checks them",
                    lang,
                )
            )
    else:
        notes.append(t("the card does not say who annotated the data: `labour` stays open", lang))
    estimate = _estimate(data)
    if estimate is not None:
        use["environment"] = {"estimate": estimate}
    else:
        notes.append(
            t("the card gives no `co2_eq_emissions`: the environment estimate stays open", lang)
        )
    return Imported(use=use, kind=kind, name=name, notes=notes)
