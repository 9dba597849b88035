"""Descriptions for the JSON Schemas of the manifest and the configuration, so editors can
explain every key.

The pydantic models carry none: the texts are in ``ai_coc/texts/schema.yaml`` (``Model.key`` ->
text, in English), attached here when a schema is exported. A model inherits the entries of its
base models, and a key without an entry gets the description of the model it holds (its
docstring). Validating a manifest never reads the table. A test makes sure no property of the
schema is left without a description; the German texts are in the catalogue, context ``schema``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import IO, Any

#: The text table of the descriptions (``ai_coc/texts/schema.yaml``).
TABLE = "schema"


def description(key: str) -> str:
    """The English description ``key`` (``Model.key``, or a type such as ``Text``)."""
    from ai_coc.i18n import table

    return table(TABLE)[key]


def _lookup(texts: dict[str, str], model: type | None, name: str, key: str) -> str | None:
    """The entry for ``key`` of the model ``name`` (``model``), or of a model it inherits from."""
    bases = [base.__name__ for base in model.__mro__] if model is not None else [name]
    for base in bases:
        text = texts.get(f"{base}.{key}")
        if text is not None:
            return text
    return None


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


def add_descriptions(schema: dict[str, Any], root: type) -> dict[str, Any]:
    """Give every property of ``schema`` (the pydantic JSON Schema of the model ``root``) its
    description, and the keys of :data:`FIELD_EXAMPLES` an example."""
    from ai_coc.i18n import table

    texts = table(TABLE)
    module = sys.modules[root.__module__]
    defs: dict[str, Any] = schema.get("$defs", {})
    models = [*defs.items(), (root.__name__, schema)]
    for name, model in models:
        cls = getattr(module, name, None) if model is not schema else root
        for key, prop in (model.get("properties") or {}).items():
            if not isinstance(prop, dict):
                continue
            text = _lookup(texts, cls, name, key)
            if text is not None:
                # where pydantic puts a field's description: its keys in alphabetical order
                prop["description"] = text
                ordered = sorted(prop.items())
                prop.clear()
                prop.update(ordered)
            elif not prop.get("description"):
                target = _referenced(prop)
                text = defs.get(target, {}).get("description") if target else None
                if text:
                    prop["description"] = text
    for name, model in models:
        model_name = root.__name__ if model is schema else name
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


def _is_null(node: Any) -> bool:
    """Whether a schema node itself says ``null`` (a type, a choice or a constant)."""
    if not isinstance(node, dict):
        return False
    kind = node.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    if isinstance(node.get("enum"), list) and None in node["enum"]:
        return True
    return "const" in node and node["const"] is None


def _null_inside(node: Any) -> bool:
    """Whether ``null`` is allowed anywhere in ``node`` (a deep look)."""
    if isinstance(node, list):
        return any(_null_inside(item) for item in node)
    if not isinstance(node, dict):
        return False
    return _is_null(node) or any(
        _null_inside(value) for key, value in node.items() if key not in ("default", "examples")
    )


def null_keys(schema: dict[str, Any]) -> dict[str, list[str]]:
    """The keys that take an empty value (``null``), model by model, read from pydantic's
    schema *before* :func:`for_editors` drops every ``null``: ``{"": [keys of the top],
    "<model>": [keys]}``, for the quick test of :mod:`ai_coc.read.fastschema` (shipped next
    to the schema as ``<name>.nulls.json``).

    pydantic writes an optional key as ``anyOf: [X, {"type": "null"}]``. ``null`` anywhere
    else (inside a list, as a choice of a word, in a branch that is not that one) raises
    ``ValueError``: the quick test would not know it, so the models must not need it.
    """
    table: dict[str, list[str]] = {}
    models = [("", schema), *sorted((schema.get("$defs") or {}).items())]
    for name, model in models:
        outside = {key: value for key, value in model.items() if key not in ("properties", "$defs")}
        if _null_inside(outside):
            raise ValueError(f"{name or 'the top'}: null outside the value of a key")
        keys = []
        for key, prop in (model.get("properties") or {}).items():
            branches = prop.get("anyOf") if isinstance(prop, dict) else None
            if isinstance(branches, list) and {"type": "null"} in branches:
                keys.append(key)
                rest = [branch for branch in branches if branch != {"type": "null"}]
                others = {k: v for k, v in prop.items() if k != "anyOf"}
                if _null_inside(rest) or _null_inside(others):
                    raise ValueError(f"{name or 'the top'}.{key}: null inside a value")
            elif _null_inside(prop):
                raise ValueError(f"{name or 'the top'}.{key}: null other than as anyOf")
        if keys:
            table[name] = sorted(keys)
    return table


def described(node: Any) -> Iterator[dict[str, Any]]:
    """Every part of a schema that has a description: the schema itself, its models, their
    keys, and the branches and list items inside them (such as a free text in a list)."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            yield node
        for value in node.values():
            yield from described(value)
    elif isinstance(node, list):
        for value in node:
            yield from described(value)


def extract_schema(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extractor for the shipped JSON Schemas (see ``babel.cfg``): every description
    (:func:`described`) once, with the context ``schema``."""
    import json

    raw = fileobj.read().decode("utf-8")
    lines = raw.splitlines()
    seen: set[str] = set()
    for node in described(json.loads(raw)):
        text = node["description"]
        if text in seen:
            continue
        seen.add(text)
        needle = json.dumps(text, ensure_ascii=False)[:40]
        line = next((i + 1 for i, row in enumerate(lines) if needle in row), 0)
        yield line, "pgettext", ("schema", text), []


def translate(schema: dict[str, Any], lang: str) -> dict[str, Any]:
    """``schema`` with its descriptions in ``lang`` (gettext context ``schema``).

    The catalogue is keyed by the English text, so an edited English description shows in
    English until it is translated again (``tests/test_catalogues.py`` lists what is missing).
    """
    if lang == "en":
        return schema
    from ai_coc.i18n import tc

    for node in list(described(schema)):
        node["description"] = tc("schema", node["description"], lang)
    return schema
