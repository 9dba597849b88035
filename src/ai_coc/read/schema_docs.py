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
    """Give every property of ``schema`` (a pydantic JSON Schema) a description."""
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
    return schema
