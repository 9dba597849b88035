"""The pydantic models of ``ai-usage.yaml``, format ``ai-coc/v1``.

Structure is strict (unknown keys, wrong types and bad enum values are schema findings),
content is linted by the policy packs. Optional free-text fields accept an empty value
(``key:`` with nothing after it) so that a half-filled manifest still parses and the
policy rules can say what to write.

The models carry no descriptions: what each key means is in ``ai_coc/texts/schema.yaml``
(``Model.key``), attached when the JSON Schema is exported (:func:`json_schema`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

from ai_coc.read.vocabulary import CATEGORIES, MANIFEST_VERSION

__all__ = ["CATEGORIES", "MANIFEST_VERSION", "Manifest", "json_schema"]


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError(
            "date_with_time", "a date without a time is expected (YYYY-MM-DD)"
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if len(value) != 10:
                raise ValueError(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_format", "'{value}' is not a date in the form YYYY-MM-DD", {"value": value}
            ) from None
    raise PydanticCustomError("date_type", "a date in the form YYYY-MM-DD is expected")


class _Described:
    """Gives a type the description ``key`` of ``ai_coc/texts/schema.yaml`` in the JSON Schema.

    The descriptions of the models' keys are attached the same way, by
    :func:`ai_coc.read.schema_docs.add_descriptions`: the table is read when a schema is
    exported, never when a manifest is validated."""

    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key

    def __get_pydantic_json_schema__(
        self, core: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        from ai_coc.read.schema_docs import description

        schema = handler(core)
        schema["description"] = description(self.key)
        return schema


#: An ISO date, ``YYYY-MM-DD``.
IsoDate = Annotated[dt.date, BeforeValidator(_to_date)]
#: Free text, in any language.
Text = Annotated[str, _Described("Text")]
#: A stable identifier in kebab-case, e.g. ``newsletter-translation``.
KebabId = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]

EvidenceStatus = Literal["known", "partial", "not_disclosed", "unknown", "not_applicable"]


class Model(BaseModel):
    """Base: unknown keys are errors, fields keep their declared order. A key is read by its
    name in the format only (``$schema``, never the Python name ``schema_``)."""

    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)


# --- top level ---------------------------------------------------------------------------


class Project(Model):
    """The project (usually one repository) this manifest describes."""

    name: Text
    organisation: Text
    repository: Text | None = None
    description: Text | None = None


class Contact(Model):
    """A person or role that can be reached."""

    name: Text | None = None
    role: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    url: Text | None = None


class Contacts(Model):
    """Who is accountable and where people can object or ask (principles 4 and 6)."""

    accountable: Contact | None = None
    feedback: Text | None = None
    data_protection: Contact | None = None
    works_council: Contact | None = None


class Review(Model):
    """When the manifest was last reviewed and when the next review is due."""

    last_reviewed: IsoDate | None = None
    next_review_due: IsoDate | None = None
    reviewed_by: list[Text] | None = None


class Transparency(Model):
    """The organisation's general public notice on its AI use (principle 3)."""

    notice: Text | None = None


class OrgCompetences(Model):
    """What the organisation does to build AI competences (principle 7)."""

    programme: Text | None = None
    guidance: Text | None = None
    last_training: IsoDate | None = None


class NonUse(Model):
    """A documented decision not to use AI for a task (principle 1)."""

    id: KebabId | None = None
    area: Text | None = None
    considered: Text | None = None
    reasons: Text | list[Text] | None = None
    decided_on: IsoDate | None = None
    decided_by: Text | None = None
    revisit_on: IsoDate | None = None


# --- evidence ----------------------------------------------------------------------------


class Evidence(Model):
    """What is known about a fact the organisation may not control, and how it found out."""

    status: EvidenceStatus | None = None
    source: Text | None = None
    checked_on: IsoDate | None = None
    requested_on: IsoDate | None = None
    justification: Text | None = None


class TrainsOnInputs(Evidence):
    """Whether the provider uses what the organisation puts in to train its models."""

    trains: Literal["yes", "no", "unknown"] | None = None


class ProvenanceSource(Model):
    """One source of training data or of an own dataset."""

    type: Literal["public-dataset", "licensed", "crawled", "user-data", "synthetic", "own", "other"]
    description: Text | None = None
    licence: Text | None = None
    consent: Text | None = None


class Provenance(Evidence):
    """Origin of the model's training data and of own datasets."""

    sources: list[ProvenanceSource] | None = None
    creative_works: Literal["yes", "no", "unknown"] | None = None
    creators_compensated: Literal["yes", "no", "unknown", "not_applicable"] | None = None


YesNoUnknown = Literal["yes", "no", "unknown"]


class Labour(Evidence):
    """The human work behind the model and its data (annotation, labelling, moderation)."""

    performed_by: (
        Literal["employees", "vendor", "crowdworkers", "volunteers", "users", "none", "unknown"]
        | None
    ) = None
    tasks: list[Text] | None = None
    fair_pay: YesNoUnknown | None = None
    pay: Text | None = None
    regions: list[Text] | None = None
    via: Text | None = None
    harmful_content: YesNoUnknown | None = None
    harmful_content_exposure: Text | None = None
    support: YesNoUnknown | None = None
    worker_channel: Text | None = None


# --- uses --------------------------------------------------------------------------------


class System(Model):
    """The AI system used."""

    tool: Text | None = None
    provider: Text | None = None
    model: Text | None = None
    version: Text | int | float | None = None
    openness: Literal["open-source", "open-weights", "closed", "unknown"] | None = None
    hosting: Literal["self-hosted", "on-device", "eu-cloud", "non-eu-cloud", "unknown"] | None = (
        None
    )
    provider_trains_on_inputs: TrainsOnInputs | None = None
    approach: Literal["learned", "rule-based", "simulation"] | None = None
    rules_by: Text | None = None


class Alternative(Model):
    """An alternative that was considered."""

    option: Text | None = None
    with_ai: StrictBool | None = None
    reason_not_chosen: Text | None = None


class Weighing(Model):
    """Principle 1: chances against risks; why doing without AI was not chosen."""

    benefits: Text | list[Text] | None = None
    risks: Text | list[Text] | None = None
    alternatives: list[Alternative] | None = None
    non_use: Text | None = None
    barriers: Text | None = None
    decided_on: IsoDate | None = None
    decided_by: Text | None = None


class DataInput(Model):
    """One kind of data that goes into the AI system."""

    description: Text | None = None
    personal_data: StrictBool | None = None
    special_categories: StrictBool | None = None
    legal_basis: Text | None = None
    leaves_organisation: StrictBool | None = None


class Data(Model):
    """What data the use processes."""

    inputs: list[DataInput] | None = None


class Output(Model):
    """Something the AI produces (principle 3)."""

    kind: Literal[
        "text", "image", "video", "audio", "translation", "code", "data", "decision-support"
    ]
    ai_share: Literal["assisted", "substantial", "full"] | None = None
    public: StrictBool | None = None
    labelled: StrictBool | None = None
    label: Text | None = None


class RiskGroup(Model):
    """A row of the vulnerability risk matrix."""

    group: Text | None = None
    vulnerable: StrictBool | None = None
    harm: Text | None = None
    likelihood: Literal["low", "medium", "high"] | None = None
    severity: Literal["low", "medium", "high"] | None = None
    mitigation: Text | None = None


class People(Model):
    """Principles 2 and 5: people affected, oversight, alternatives, discrimination."""

    affects_people: StrictBool | None = None
    decisions_about_people: StrictBool | None = None
    interaction: Literal["direct", "indirect"] | None = None
    human_oversight: Literal["always", "sampled", "on-escalation", "none"] | None = None
    oversight_details: Text | None = None
    non_ai_alternative: Text | None = None
    bias_assessment: Text | None = None
    groups: list[RiskGroup] | None = None


class Participation(Model):
    """Principle 4: who was involved."""

    staff_involved: Text | None = None
    works_council: Literal["consulted", "agreement", "not-consulted", "none-exists"] | None = None
    affected_consulted: Text | None = None


class Estimate(Model):
    """An estimate of energy use and emissions."""

    energy_kwh: float | None = None
    co2e_kg: float | None = None
    period: Text | None = None
    method: Literal["measured", "provider", "estimated"] | None = None


class Environment(Model):
    """Principle 8: energy, water and resources."""

    intensity: Literal["low", "medium", "high"] | None = None
    lighter_alternative: Text | None = None
    estimate: Estimate | None = None
    justification: Text | None = None


class UseCompetences(Model):
    """Principle 7 for one use."""

    training: Text | None = None
    operators_trained: StrictBool | None = None


class Accountability(Model):
    """Principle 6 for one use."""

    owner: Text | None = None
    incident_process: Text | None = None


class Recommendations(Model):
    """Advice for others, as two lists: what to do and what not to do."""

    do: Text | list[Text] | None = None
    dont: Text | list[Text] | None = None


class Reflection(Model):
    """Answers to the reflection template for using a tool, at one point in time."""

    on: IsoDate | None = None
    by: Text | None = None
    frequency: Text | None = None
    impressions: Text | None = None
    failures: Text | None = None
    excluded: Text | None = None
    rather_without: Text | None = None
    social_effects: Text | None = None
    lessons: Text | None = None
    wishes: Text | None = None


class Evaluation(Model):
    """The learning protocol and the usage reflections."""

    assumption: Text | None = None
    goal: Text | None = None
    effects: Text | list[Text] | None = None
    challenges: Text | list[Text] | None = None
    solutions: Text | list[Text] | None = None
    recommendations: Text | list[Text] | Recommendations | None = None
    last_evaluated: IsoDate | None = None
    reflections: list[Reflection] | None = None


class Workforce(Model):
    """What the use does to the organisation's own staff and volunteers."""

    effect: (
        Literal["relief", "tasks-changed", "hours-reduced", "positions-cut", "none", "unknown"]
        | None
    ) = None
    description: Text | None = None
    freed_time: Text | None = None
    skills: Text | None = None
    justification: Text | None = None


class Assessment(Model):
    """An impact assessment of the use."""

    kind: Literal["dpia", "fria", "iama", "bias-audit", "other"]
    date: IsoDate | None = None
    link: Text | None = None
    summary: Text | None = None


class Use(Model):
    """One AI use of the project."""

    id: KebabId
    name: Text | None = None
    status: Literal["proposed", "pilot", "active", "paused", "retired", "rejected"] | None = None
    phase: Literal["development", "selection", "deployment", "evaluation"] | None = None
    started_on: IsoDate | None = None
    categories: list[Text] | None = None
    audience: Literal["internal", "members", "clients", "public"] | None = None
    system: System | None = None
    purpose: Text | None = None
    weighing: Weighing | None = None
    data: Data | None = None
    provenance: Provenance | None = None
    labour: Labour | None = None
    outputs: list[Output] | None = None
    people: People | None = None
    workforce: Workforce | None = None
    assessments: list[Assessment] | None = None
    participation: Participation | None = None
    environment: Environment | None = None
    competences: UseCompetences | None = None
    accountability: Accountability | None = None
    evaluation: Evaluation | None = None
    reasons: Text | list[Text] | None = None


class Waiver(Model):
    """An accepted, time-limited exception to a finding."""

    rule: Text
    use: Text | None = None
    reason: Text | None = None
    approved_by: Text | None = None
    expires: IsoDate | None = None


class Manifest(Model):
    """An ``ai-usage.yaml`` manifest, format ``ai-coc/v1``."""

    manifest: Literal["ai-coc/v1"]
    schema_: Text | None = Field(None, alias="$schema")
    project: Project
    contacts: Contacts | None = None
    review: Review | None = None
    transparency: Transparency | None = None
    competences: OrgCompetences | None = None
    ai_used: StrictBool = True
    non_uses: list[NonUse] | None = None
    uses: list[Use] | None = None
    waivers: list[Waiver] | None = None


#: The schema's identifier: a name, not an address (the project has no web home yet, and the
#: tool prints no link to a place that does not exist). Editors load the file that ``init``
#: writes next to the manifest, or ``ai-coc schema``'s output.
SCHEMA_ID = "urn:ai-coc:schema:manifest-v1"


def null_table() -> dict[str, list[str]]:
    """The keys of the manifest that may be left empty, model by model (see
    :func:`ai_coc.read.schema_docs.null_keys`)."""
    from ai_coc.read.schema_docs import null_keys

    return null_keys(Manifest.model_json_schema(by_alias=True))


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the manifest; every property has a description."""
    from ai_coc.read.schema_docs import add_descriptions, for_editors

    schema = for_editors(add_descriptions(Manifest.model_json_schema(by_alias=True), Manifest))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ai-usage.yaml (ai-coc/v1)"
    return schema
