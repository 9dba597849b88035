"""Descriptions for the JSON Schema of the manifest, so editors can explain every key.

Fields of :mod:`ai_coc.read.manifest` that carry a ``description`` keep it; this table fills in
the others (``Model.field`` -> text), and a key whose value is another model gets that
model's description. A test makes sure no property of the schema is left without one.
"""

from __future__ import annotations

from typing import Any

FIELD_DESCRIPTIONS: dict[str, str] = {
    "Accountability.owner": "Person or role responsible for this use (principle 6).",
    "Accountability.incident_process": "What happens when something goes wrong, and who acts.",
    "Alternative.option": "An alternative that was considered (with or without AI).",
    "Alternative.reason_not_chosen": "Why this alternative was not chosen.",
    "DataInput.description": "What this data is.",
    "DataInput.personal_data": "Whether it contains personal data.",
    "DataInput.legal_basis": "The legal basis for processing it (e.g. GDPR Art. 6 (1) a).",
    "DataInput.leaves_organisation": "Whether the data leaves the organisation (e.g. to a cloud).",
    "Environment.intensity": "Resource intensity of the use: `low`, `medium` or `high`.",
    "Environment.lighter_alternative": "A lighter option that was considered (smaller model, ...).",
    "Environment.justification": "Why the use's consumption of energy and resources is justified.",
    "Estimate.energy_kwh": "Energy use in kilowatt hours for the period.",
    "Estimate.co2e_kg": "Emissions in kilograms of CO2 equivalent for the period.",
    "Estimate.period": "The period the estimate covers, e.g. `per month`.",
    "Estimate.method": "How the figures were found: `measured`, `provider` or `estimated`.",
    "Evaluation.goal": "What the use was meant to achieve.",
    "Evaluation.challenges": "What turned out to be hard.",
    "Evaluation.solutions": "How the challenges were met.",
    "Evaluation.recommendations": "Advice for others: text, a list, or `do` / `dont` lists.",
    "Evaluation.last_evaluated": "Date of the last evaluation.",
    "Output.kind": "What is produced: `text`, `image`, `video`, `audio`, `translation`, "
    "`code`, `data` or `decision-support`.",
    "Output.ai_share": "How much is made by AI: `assisted`, `substantial` or `full`.",
    "Output.public": "Whether the output is published or shown outside the organisation.",
    "Output.labelled": "Whether the output is labelled as made with AI where it appears.",
    "Output.label": "The label text, e.g. `Maschinell übersetzt`.",
    "Participation.staff_involved": "Which staff, volunteers or bodies were involved.",
    "Participation.works_council": "`consulted`, `agreement`, `not-consulted` or `none-exists`.",
    "Participation.affected_consulted": "How the people affected were asked.",
    "People.affects_people": "Whether the use affects people (beyond its operators).",
    "People.decisions_about_people": "Whether outputs feed into decisions about people.",
    "People.human_oversight": "`always`, `sampled`, `on-escalation` or `none`.",
    "People.non_ai_alternative": "How people who cannot or will not use AI are served.",
    "People.bias_assessment": "How discrimination and bias were assessed (principle 5).",
    "ProvenanceSource.type": "`public-dataset`, `licensed`, `crawled`, `user-data`, "
    "`synthetic`, `own` or `other`.",
    "ProvenanceSource.description": "What the source is.",
    "ProvenanceSource.licence": "Licence of the data.",
    "ProvenanceSource.consent": "Whether and how the people in or behind the data consented.",
    "RiskGroup.group": "A group of people who may be harmed.",
    "RiskGroup.vulnerable": "Whether the group is vulnerable.",
    "RiskGroup.harm": "The possible harm.",
    "RiskGroup.likelihood": "How likely the harm is: `low`, `medium` or `high`.",
    "RiskGroup.severity": "How severe the harm would be: `low`, `medium` or `high`.",
    "RiskGroup.mitigation": "What is done to prevent or lessen it.",
    "System.openness": "`open-source`, `open-weights`, `closed` or `unknown`.",
    "System.hosting": "`self-hosted`, `on-device`, `eu-cloud`, `non-eu-cloud` or `unknown`.",
    "Use.name": "Human name of the use.",
    "Use.status": "`proposed`, `pilot`, `active`, `paused`, `retired` or `rejected`.",
    "Use.phase": "Phase of the AI use cycle: `development`, `selection`, `deployment` or "
    "`evaluation`.",
    "Use.categories": "What the use does, from the shipped vocabulary (e.g. `translation`, "
    "`chatbot`, `image-generation`); red lines match on these.",
    "Use.audience": "Who receives the output: `internal`, `members`, `clients` or `public`.",
    "Use.purpose": "What problem the use solves (principle 1).",
    "UseCompetences.training": "Training for the people who operate the use (principle 7).",
    "UseCompetences.operators_trained": "Whether the operators have been trained.",
    "Waiver.reason": "Why the exception is accepted.",
    "Waiver.approved_by": "Who approved the exception.",
    "Waiver.expires": "Date on which the exception stops working.",
    "Weighing.benefits": "Who benefits from the use, and how.",
    "Weighing.risks": "Who may be disadvantaged or harmed, and how.",
    "Weighing.alternatives": "Alternatives that were considered.",
    "Weighing.decided_on": "Date of the decision to use AI.",
    "Weighing.decided_by": "Who decided.",
    "Manifest.non_uses": "Documented decisions not to use AI (principle 1).",
    "Manifest.uses": "Every AI use of the project.",
    "Manifest.waivers": "Accepted, time-limited exceptions to findings.",
    "Data.inputs": "Each kind of data that goes into the AI system.",
    "People.groups": "The vulnerability risk matrix: groups, harms, likelihood and severity.",
}


#: One example value per key (``Model.field``), shown by editors on hover and offered on
#: completion. Only for facts and formats -- names, dates, addresses, labels. Keys that ask
#: for reasons (benefits, risks, justifications) get none: those must be your own words.
FIELD_EXAMPLES: dict[str, Any] = {
    "Accountability.owner": "Geschäftsführung",
    "Contact.name": "Maria Beispiel",
    "Contact.role": "Geschäftsführung",
    "Contact.email": "ki@verein.example",
    "Contact.phone": "+49 30 1234567",
    "Contact.url": "https://verein.example/kontakt",
    "Contacts.feedback": "mailto:ki-rueckmeldung@verein.example",
    "DataInput.legal_basis": "DSGVO Art. 6 Abs. 1 lit. f",
    "Estimate.energy_kwh": 12.5,
    "Estimate.co2e_kg": 4.2,
    "Estimate.period": "per month",
    "Evaluation.last_evaluated": "2026-10-01",
    "Labour.source": "https://provider.example/responsible-ai",
    "Labour.checked_on": "2026-11-21",
    "Labour.requested_on": "2026-09-02",
    "Labour.tasks": ["annotation", "content moderation"],
    "NonUse.id": "bewerbungs-vorauswahl",
    "NonUse.area": "Vorauswahl von Bewerbungen",
    "NonUse.decided_on": "2026-03-12",
    "NonUse.decided_by": "Vorstand",
    "NonUse.revisit_on": "2027-03-12",
    "OrgCompetences.guidance": "docs/ki-leitlinie.md",
    "OrgCompetences.last_training": "2026-06-10",
    "Output.label": "Maschinell übersetzt",
    "Project.name": "mitglieder-newsletter",
    "Project.organisation": "Beispielverein e.V.",
    "Project.repository": "https://git.verein.example/newsletter",
    "Provenance.source": "https://provider.example/model-card",
    "Provenance.checked_on": "2026-11-21",
    "Provenance.requested_on": "2026-09-02",
    "ProvenanceSource.licence": "CC BY-SA 4.0",
    "Review.last_reviewed": "2026-10-01",
    "Review.next_review_due": "2027-04-01",
    "Review.reviewed_by": ["Vorstand", "Datenschutzbeauftragte"],
    "RiskGroup.group": "Ratsuchende ohne gute Deutschkenntnisse",
    "System.tool": "DeepL Pro",
    "System.provider": "DeepL SE",
    "System.model": "Mistral 7B Instruct",
    "System.version": "0.3",
    "TrainsOnInputs.source": "https://provider.example/data-processing-agreement",
    "TrainsOnInputs.checked_on": "2026-11-21",
    "TrainsOnInputs.requested_on": "2026-09-02",
    "Transparency.notice": "docs/ki-hinweis.md",
    "Use.id": "newsletter-uebersetzung",
    "Use.name": "Übersetzung des Newsletters",
    "Use.categories": ["translation"],
    "Waiver.rule": "COC201",
    "Waiver.use": "newsletter-uebersetzung",
    "Waiver.approved_by": "Vorstand",
    "Waiver.expires": "2027-03-31",
    "Weighing.decided_on": "2026-05-04",
    "Weighing.decided_by": "Vorstand",
}


def _referenced(prop: dict[str, Any]) -> str | None:
    """The ``$defs`` name a property points to (directly, in anyOf, or as list items)."""
    for candidate in (prop, prop.get("items") or {}):
        ref = candidate.get("$ref")
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
        for option in candidate.get("anyOf") or []:
            if isinstance(option, dict):
                found = _referenced(option)
                if found:
                    return found
    return None


def add_descriptions(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every property of ``schema`` (a pydantic JSON Schema) a description, and the
    keys of :data:`FIELD_EXAMPLES` an example."""
    defs: dict[str, Any] = schema.get("$defs", {})
    models = list(defs.items())
    models.append((str(schema.get("title", "Manifest")).split(" ")[0], schema))
    for name, model in models:
        model_name = "Manifest" if model is schema else name
        for key, prop in (model.get("properties") or {}).items():
            if not isinstance(prop, dict) or prop.get("description"):
                continue
            text = FIELD_DESCRIPTIONS.get(f"{model_name}.{key}")
            if text is None:
                target = _referenced(prop)
                text = defs.get(target, {}).get("description") if target else None
            if text:
                prop["description"] = text
    for name, model in models:
        model_name = "Manifest" if model is schema else name
        for key, prop in (model.get("properties") or {}).items():
            example = FIELD_EXAMPLES.get(f"{model_name}.{key}")
            if example is not None and isinstance(prop, dict):
                prop["examples"] = [example]
    return schema


def _drop_null(node: Any) -> Any:
    """``node`` without ``null``: no ``default: null``, no null branch or choice."""
    if isinstance(node, list):
        return [_drop_null(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "default" and value is None:
            continue
        if key == "enum" and isinstance(value, list):
            value = [v for v in value if v is not None]
        if key == "type" and isinstance(value, list):
            value = [v for v in value if v != "null"]
            value = value[0] if len(value) == 1 else value
        out[key] = _drop_null(value)
    branches = out.get("anyOf")
    if isinstance(branches, list):
        kept = [b for b in branches if b != {"type": "null"}]
        if len(kept) == 1 and isinstance(kept[0], dict):
            del out["anyOf"]
            merged = dict(kept[0])
            merged.update(out)  # the property's own title and description win
            out = merged
        else:
            out["anyOf"] = kept
    return out


def for_editors(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as editors want it: no ``null`` offered anywhere.

    pydantic writes ``default: null`` and a ``{"type": "null"}`` branch for every optional
    key; the YAML language server then inserts ``null`` on completion and lists ``null``
    among the choices. An optional key is simply left out, so the schema says nothing about
    ``null``. (``ai-coc check`` still reads an empty key as "not given".)
    """
    result: dict[str, Any] = _drop_null(schema)
    return result


def _places(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(key, node)`` for every described place: ``schema:Model`` and ``schema:Model.key``."""
    root = "Manifest" if "manifest" in (schema.get("properties") or {}) else "Config"
    models = [(root, schema), *sorted((schema.get("$defs") or {}).items())]
    found: list[tuple[str, dict[str, Any]]] = []
    for name, model in models:
        if not isinstance(model, dict):
            continue
        if model is not schema and isinstance(model.get("description"), str):
            found.append((f"schema:{name}", model))
        for key, prop in (model.get("properties") or {}).items():
            if isinstance(prop, dict) and isinstance(prop.get("description"), str):
                found.append((f"schema:{name}.{key}", prop))
    return found


def translate(schema: dict[str, Any], lang: str) -> dict[str, Any]:
    """``schema`` with its descriptions in ``lang`` (gettext context ``schema``).

    The catalogue is keyed by the English text, so an edited English description shows in
    English until it is translated again (``tests/test_catalogues.py`` lists what is missing).
    """
    if lang == "en":
        return schema
    from ai_coc.i18n import tc

    for _key, node in _places(schema):
        node["description"] = tc("schema", node["description"], lang)
    return schema
