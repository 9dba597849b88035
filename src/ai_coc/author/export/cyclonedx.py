"""The manifest as a CycloneDX 1.6 ML-BOM (JSON), for security and procurement teams.

Each use becomes one component of type ``machine-learning-model``. What CycloneDX has a field
for goes there: the model card's considerations (purpose, audience, the risks of the
weighing as ethical considerations, the risk matrix ``people.groups`` as fairness
assessments, the environment estimate as energy consumption) and the training datasets
(``provenance.sources``). What it has no field for — the labour behind the model, the
decision against doing without AI, documented non-uses — becomes properties whose names start
with ``ai-coc:`` (listed in :data:`PROPERTY_NAMES` and in the documentation).

The JSON is written here directly: exporting needs no extra package. The tests validate it
against the official schema with cyclonedx-python-lib (the ``interop`` extra).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from ai_coc import __version__

SPEC_VERSION = "1.6"
SCHEMA_URL = "http://cyclonedx.org/schema/bom-1.6.schema.json"
PREFIX = "ai-coc:"

#: ``audience`` -> who the model card names as users.
AUDIENCE_USERS: dict[str, str] = {
    "internal": "staff and volunteers of the organisation",
    "members": "members of the organisation",
    "clients": "clients of the organisation",
    "public": "the public",
}

#: Every property name the export may write (without the prefix), for the documentation.
PROPERTY_NAMES: dict[str, str] = {
    "manifest": "the manifest format (`ai-coc/v1`)",
    "organisation": "project.organisation",
    "ai_used": "`false` when the project declares that it uses no AI",
    "review:last_reviewed": "review.last_reviewed",
    "review:next_review_due": "review.next_review_due",
    "transparency:notice": "transparency.notice",
    "non_use:<id>:area": "non_uses[].area (one set of properties per non-use)",
    "non_use:<id>:considered": "non_uses[].considered",
    "non_use:<id>:reason": "non_uses[].reasons (one property per reason)",
    "non_use:<id>:decided_on": "non_uses[].decided_on",
    "non_use:<id>:decided_by": "non_uses[].decided_by",
    "non_use:<id>:revisit_on": "non_uses[].revisit_on",
    "use:id": "uses[].id",
    "use:name": "uses[].name",
    "use:status": "uses[].status",
    "use:phase": "uses[].phase",
    "use:category": "uses[].categories (one property per category)",
    "use:audience": "uses[].audience",
    "system:tool": "uses[].system.tool",
    "system:openness": "uses[].system.openness",
    "system:hosting": "uses[].system.hosting",
    "system:approach": "uses[].system.approach",
    "weighing:non_use": "uses[].weighing.non_use: why doing without AI was not chosen",
    "weighing:alternative": "uses[].weighing.alternatives, as `option: reason not chosen`",
    "weighing:decided_on": "uses[].weighing.decided_on",
    "weighing:decided_by": "uses[].weighing.decided_by",
    "provenance:status": "uses[].provenance.status",
    "provenance:source": "uses[].provenance.source",
    "provenance:justification": "uses[].provenance.justification",
    "provenance:creative_works": "uses[].provenance.creative_works",
    "provenance:creators_compensated": "uses[].provenance.creators_compensated",
    "labour:status": "uses[].labour.status",
    "labour:performed_by": "uses[].labour.performed_by",
    "labour:task": "uses[].labour.tasks (one property per task)",
    "labour:region": "uses[].labour.regions (one property per region)",
    "labour:via": "uses[].labour.via",
    "labour:fair_pay": "uses[].labour.fair_pay",
    "labour:pay": "uses[].labour.pay",
    "labour:harmful_content": "uses[].labour.harmful_content",
    "labour:harmful_content_exposure": "uses[].labour.harmful_content_exposure",
    "labour:support": "uses[].labour.support",
    "labour:worker_channel": "uses[].labour.worker_channel",
    "labour:source": "uses[].labour.source",
    "labour:requested_on": "uses[].labour.requested_on",
    "labour:justification": "uses[].labour.justification",
    "workforce:effect": "uses[].workforce.effect",
    "people:human_oversight": "uses[].people.human_oversight",
    "people:non_ai_alternative": "uses[].people.non_ai_alternative",
    "environment:intensity": "uses[].environment.intensity",
    "environment:lighter_alternative": "uses[].environment.lighter_alternative",
    "environment:justification": "uses[].environment.justification",
    "environment:co2e_kg": "uses[].environment.estimate.co2e_kg (when no energy is given)",
    "environment:period": "uses[].environment.estimate.period",
    "environment:method": "uses[].environment.estimate.method",
    "source:type": "uses[].provenance.sources[].type (on a dataset)",
    "source:licence": "uses[].provenance.sources[].licence (on a dataset)",
    "source:consent": "uses[].provenance.sources[].consent (on a dataset)",
    "accountability:owner": "uses[].accountability.owner",
}


def _text(value: Any) -> str | None:
    """A scalar as text (dates as ISO), ``None`` for nothing, mappings and lists."""
    if value is None or isinstance(value, Mapping | list):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _texts(value: Any) -> list[str]:
    """A text or a list of texts as a list."""
    items = value if isinstance(value, list) else [value]
    return [t for t in (_text(i) for i in items) if t]


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value


class _Props:
    """``ai-coc:`` properties in the order they were added."""

    def __init__(self) -> None:
        self.items: list[dict[str, str]] = []

    def add(self, name: str, value: Any) -> None:
        for text in _texts(value):
            self.items.append({"name": PREFIX + name, "value": text})

    def add_fields(self, group: str, mapping: Mapping[str, Any], keys: Iterable[str]) -> None:
        for key in keys:
            self.add(f"{group}:{key}", mapping.get(key))


def _is_url(value: str) -> bool:
    return value.startswith(("https://", "http://")) and not any(c.isspace() for c in value)


def _datasets(provenance: Mapping[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    sources = provenance.get("sources")
    for source in sources if isinstance(sources, list) else []:
        source = _map(source)
        description = _text(source.get("description"))
        props = _Props()
        props.add("source:type", source.get("type"))
        props.add("source:licence", source.get("licence"))
        props.add("source:consent", source.get("consent"))
        data: dict[str, Any] = {"type": "dataset"}
        if description:
            data["name"] = description
            data["description"] = description
        if props.items:
            data["contents"] = {"properties": props.items}
        out.append(data)
    return out


def _energy(use: Mapping[str, Any]) -> dict[str, Any] | None:
    environment = _map(use.get("environment"))
    estimate = _map(environment.get("estimate"))
    props = _Props()
    props.add_fields("environment", environment, ("intensity", "lighter_alternative"))
    props.add("environment:justification", environment.get("justification"))
    props.add_fields("environment", estimate, ("period", "method"))
    result: dict[str, Any] = {}
    kwh = _number(estimate.get("energy_kwh"))
    co2 = _number(estimate.get("co2e_kg"))
    if kwh is not None:
        period = (_text(estimate.get("period")) or "").casefold()
        activity = "training" if "train" in period else "inference"
        provider = _text(_map(use.get("system")).get("provider")) or "unknown"
        consumption: dict[str, Any] = {
            "activity": activity,
            "energyProviders": [
                {
                    "organization": {"name": provider},
                    "energySource": "unknown",
                    "energyProvided": {"value": kwh, "unit": "kWh"},
                }
            ],
            "activityEnergyCost": {"value": kwh, "unit": "kWh"},
        }
        if co2 is not None:
            consumption["co2CostEquivalent"] = {"value": co2 / 1000, "unit": "tCO2eq"}
        result["energyConsumptions"] = [consumption]
    elif co2 is not None:
        props.add("environment:co2e_kg", co2)
    if props.items:
        result["properties"] = props.items
    return result or None


def _considerations(use: Mapping[str, Any]) -> dict[str, Any]:
    weighing = _map(use.get("weighing"))
    people = _map(use.get("people"))
    out: dict[str, Any] = {}
    audience = _text(use.get("audience"))
    if audience:
        out["users"] = [AUDIENCE_USERS.get(audience, audience)]
    cases = _texts(use.get("purpose"))
    if cases:
        out["useCases"] = cases
    risks = _texts(weighing.get("risks"))
    if risks:
        out["ethicalConsiderations"] = [{"name": risk} for risk in risks]
    fairness: list[dict[str, str]] = []
    groups = people.get("groups")
    for group in groups if isinstance(groups, list) else []:
        group = _map(group)
        name = _text(group.get("group"))
        if not name:
            continue
        entry: dict[str, str] = {
            "groupAtRisk": name + (" (vulnerable)" if group.get("vulnerable") is True else "")
        }
        harm = _text(group.get("harm"))
        rating = ", ".join(
            f"{key}: {value}"
            for key in ("likelihood", "severity")
            if (value := _text(group.get(key)))
        )
        if harm or rating:
            entry["harms"] = " ".join(filter(None, [harm, f"({rating})" if rating else None]))
        mitigation = _text(group.get("mitigation"))
        if mitigation:
            entry["mitigationStrategy"] = mitigation
        fairness.append(entry)
    if fairness:
        out["fairnessAssessments"] = fairness
    energy = _energy(use)
    if energy:
        out["environmentalConsiderations"] = energy
    return out


def _use_properties(use: Mapping[str, Any]) -> list[dict[str, str]]:
    props = _Props()
    props.add_fields("use", use, ("id", "name", "status", "phase"))
    for category in _texts(use.get("categories")):
        props.add("use:category", category)
    props.add("use:audience", use.get("audience"))
    props.add_fields("system", _map(use.get("system")), ("tool", "openness", "hosting", "approach"))
    weighing = _map(use.get("weighing"))
    props.add("weighing:non_use", weighing.get("non_use"))
    alternatives = weighing.get("alternatives")
    for alternative in alternatives if isinstance(alternatives, list) else []:
        alternative = _map(alternative)
        option = _text(alternative.get("option"))
        if option:
            reason = _text(alternative.get("reason_not_chosen"))
            props.add("weighing:alternative", f"{option}: {reason}" if reason else option)
    props.add_fields("weighing", weighing, ("decided_on", "decided_by"))
    props.add_fields(
        "provenance",
        _map(use.get("provenance")),
        ("status", "source", "justification", "creative_works", "creators_compensated"),
    )
    labour = _map(use.get("labour"))
    props.add_fields("labour", labour, ("status", "performed_by"))
    for task in _texts(labour.get("tasks")):
        props.add("labour:task", task)
    for region in _texts(labour.get("regions")):
        props.add("labour:region", region)
    props.add_fields(
        "labour",
        labour,
        (
            "via",
            "fair_pay",
            "pay",
            "harmful_content",
            "harmful_content_exposure",
            "support",
            "worker_channel",
            "source",
            "requested_on",
            "justification",
        ),
    )
    props.add("workforce:effect", _map(use.get("workforce")).get("effect"))
    props.add_fields("people", _map(use.get("people")), ("human_oversight", "non_ai_alternative"))
    props.add("accountability:owner", _map(use.get("accountability")).get("owner"))
    return props.items


def _references(use: Mapping[str, Any]) -> list[dict[str, str]]:
    refs: list[dict[str, str]] = []
    for key, kind in (("provenance", "model-card"), ("labour", "evidence")):
        source = _text(_map(use.get(key)).get("source"))
        if source and _is_url(source):
            refs.append({"type": kind, "url": source, "comment": f"{key}.source"})
    assessments = use.get("assessments")
    for assessment in assessments if isinstance(assessments, list) else []:
        assessment = _map(assessment)
        link = _text(assessment.get("link"))
        if link and _is_url(link):
            kind = _text(assessment.get("kind")) or "other"
            refs.append({"type": "risk-assessment", "url": link, "comment": kind})
    return refs


def use_component(use: Mapping[str, Any], index: int) -> dict[str, Any]:
    """One ``machine-learning-model`` component for one use."""
    system = _map(use.get("system"))
    ident = _text(use.get("id")) or f"use-{index + 1}"
    name = (
        _text(system.get("model")) or _text(system.get("tool")) or _text(use.get("name")) or ident
    )
    component: dict[str, Any] = {
        "type": "machine-learning-model",
        "bom-ref": f"use:{ident}",
        "name": name,
    }
    version = _text(system.get("version"))
    if version:
        component["version"] = version
    provider = _text(system.get("provider"))
    if provider:
        component["supplier"] = {"name": provider}
    description = _text(use.get("name"))
    if description:
        component["description"] = description
    refs = _references(use)
    if refs:
        component["externalReferences"] = refs
    card: dict[str, Any] = {"bom-ref": f"use:{ident}:model-card"}
    datasets = _datasets(_map(use.get("provenance")))
    if datasets:
        card["modelParameters"] = {"datasets": datasets}
    considerations = _considerations(use)
    if considerations:
        card["considerations"] = considerations
    component["modelCard"] = card
    component["properties"] = _use_properties(use)
    return component


def _metadata(data: Mapping[str, Any], today: dt.date) -> dict[str, Any]:
    project = _map(data.get("project"))
    name = _text(project.get("name")) or "ai-usage"
    subject: dict[str, Any] = {"type": "application", "bom-ref": "project", "name": name}
    description = _text(project.get("description"))
    if description:
        subject["description"] = description
    organisation = _text(project.get("organisation"))
    if organisation:
        subject["supplier"] = {"name": organisation}
    repository = _text(project.get("repository"))
    if repository and _is_url(repository):
        subject["externalReferences"] = [{"type": "vcs", "url": repository}]
    props = _Props()
    props.add("manifest", data.get("manifest"))
    props.add("organisation", organisation)
    if data.get("ai_used") is False:
        props.add("ai_used", False)
    props.add_fields("review", _map(data.get("review")), ("last_reviewed", "next_review_due"))
    props.add("transparency:notice", _map(data.get("transparency")).get("notice"))
    non_uses = data.get("non_uses")
    for index, entry in enumerate(non_uses if isinstance(non_uses, list) else []):
        entry = _map(entry)
        ident = _text(entry.get("id")) or f"non-use-{index + 1}"
        group = f"non_use:{ident}"
        props.add_fields(group, entry, ("area", "considered"))
        for reason in _texts(entry.get("reasons")):
            props.add(f"{group}:reason", reason)
        props.add_fields(group, entry, ("decided_on", "decided_by", "revisit_on"))
    metadata: dict[str, Any] = {
        "timestamp": f"{today.isoformat()}T00:00:00Z",
        "tools": {
            "components": [{"type": "application", "name": "ai-coc", "version": __version__}]
        },
        "component": subject,
    }
    if props.items:
        metadata["properties"] = props.items
    return metadata


def to_bom(data: Mapping[str, Any], today: dt.date, source_text: str = "") -> dict[str, Any]:
    """The ML-BOM of a parsed manifest. The serial number is derived from the manifest's text
    and the date, so the same manifest exported on the same day gives the same file."""
    digest = hashlib.sha256(f"{today.isoformat()}\n{source_text}".encode()).hexdigest()
    bom: dict[str, Any] = {
        "$schema": SCHEMA_URL,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": uuid.uuid5(uuid.NAMESPACE_URL, f"ai-coc:{digest}").urn,
        "version": 1,
        "metadata": _metadata(data, today),
    }
    uses = data.get("uses")
    components = [
        use_component(_map(use), index)
        for index, use in enumerate(uses if isinstance(uses, list) else [])
        if isinstance(use, Mapping)
    ]
    seen: set[str] = set()
    for index, component in enumerate(components):
        if component["bom-ref"] in seen:  # a duplicate use id (itself a finding of check)
            component["bom-ref"] += f":{index + 1}"
            component["modelCard"]["bom-ref"] = component["bom-ref"] + ":model-card"
        seen.add(component["bom-ref"])
    bom["components"] = components
    if components:
        bom["dependencies"] = [{"ref": "project", "dependsOn": [c["bom-ref"] for c in components]}]
    return bom


def dumps(bom: Mapping[str, Any]) -> str:
    """The BOM as JSON text (two-space indent, non-ASCII kept, final newline)."""
    return json.dumps(bom, ensure_ascii=False, indent=2) + "\n"
