"""The pydantic models of ``ai-usage.yaml``, format ``ai-coc/v1``.

Structure is strict (unknown keys, wrong types and bad enum values are schema findings),
content is linted by the policy packs. Optional free-text fields accept an empty value
(``key:`` with nothing after it) so that a half-filled manifest still parses and the
policy rules can say what to write.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool
from pydantic_core import PydanticCustomError

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


#: An ISO date, ``YYYY-MM-DD``.
IsoDate = Annotated[dt.date, BeforeValidator(_to_date)]
Text = Annotated[str, Field(description="Free text, in any language.")]
KebabId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        description="A stable identifier in kebab-case, e.g. `newsletter-translation`.",
    ),
]

EvidenceStatus = Literal["known", "partial", "not_disclosed", "unknown", "not_applicable"]


class Model(BaseModel):
    """Base: unknown keys are errors, fields keep their declared order."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, validate_default=False, defer_build=True
    )


# --- top level ---------------------------------------------------------------------------


class Project(Model):
    """The project (usually one repository) this manifest describes."""

    name: Text = Field(description="Name of the project.")
    organisation: Text = Field(description="The organisation responsible for the project.")
    repository: Text | None = Field(None, description="URL of the repository.")
    description: Text | None = Field(None, description="What the project is, in a sentence.")


class Contact(Model):
    """A person or role that can be reached."""

    name: Text | None = Field(None, description="Name of a person (optional).")
    role: Text | None = Field(None, description="Role or body, e.g. `Geschäftsführung`.")
    email: Text | None = Field(None, description="E-mail address.")
    phone: Text | None = Field(None, description="Telephone number (optional).")
    url: Text | None = Field(None, description="Web page (optional).")


class Contacts(Model):
    """Who is accountable and where people can object or ask (principles 4 and 6)."""

    accountable: Contact | None = Field(
        None, description="Person or role accountable for the AI use of the project."
    )
    feedback: Text | None = Field(
        None,
        description="E-mail address or URL where affected people can ask, complain or object.",
    )
    data_protection: Contact | None = Field(None, description="Data protection officer.")
    works_council: Contact | None = Field(None, description="Works council, if there is one.")


class Review(Model):
    """When the manifest was last reviewed and when the next review is due."""

    last_reviewed: IsoDate | None = Field(None, description="Date of the last review.")
    next_review_due: IsoDate | None = Field(
        None, description="Date by which the next review must happen."
    )
    reviewed_by: list[Text] | None = Field(
        None, description="Names, roles or bodies that did the review."
    )


class Transparency(Model):
    """The organisation's general public notice on its AI use (principle 3)."""

    notice: Text | None = Field(
        None, description="Path in the repository or URL of the public AI notice."
    )


class OrgCompetences(Model):
    """What the organisation does to build AI competences (principle 7)."""

    programme: Text | None = Field(None, description="Training or learning programme.")
    guidance: Text | None = Field(None, description="Path or URL of the internal AI guideline.")
    last_training: IsoDate | None = Field(None, description="Date of the last training.")


class NonUse(Model):
    """A documented decision not to use AI for a task (principle 1)."""

    id: KebabId | None = Field(None, description="Stable identifier of the decision.")
    area: Text | None = Field(None, description="The task for which AI is not used.")
    considered: Text | None = Field(None, description="Tool or approach that was considered.")
    reasons: Text | list[Text] | None = Field(None, description="Why AI is not used.")
    decided_on: IsoDate | None = Field(None, description="Date of the decision.")
    decided_by: Text | None = Field(None, description="Who decided.")
    revisit_on: IsoDate | None = Field(None, description="When to look at the decision again.")


# --- evidence ----------------------------------------------------------------------------


class Evidence(Model):
    """What is known about a fact the organisation may not control, and how it found out."""

    status: EvidenceStatus | None = Field(
        None,
        description="`known`, `partial`, `not_disclosed`, `unknown` or `not_applicable`.",
    )
    source: Text | None = Field(None, description="URL or document the statement rests on.")
    checked_on: IsoDate | None = Field(None, description="When the source was checked.")
    requested_on: IsoDate | None = Field(None, description="When the provider was asked.")
    justification: Text | None = Field(
        None,
        description="Why the use is acceptable although this is not fully known, and what was "
        "done to find out. Required unless the status is `known` or `not_applicable`.",
    )


class TrainsOnInputs(Evidence):
    """Whether the provider uses what the organisation puts in to train its models."""

    trains: Literal["yes", "no", "unknown"] | None = Field(
        None, description="`yes`, `no` or `unknown`: does the provider train on your inputs?"
    )


class ProvenanceSource(Model):
    """One source of training data or of an own dataset."""

    type: Literal["public-dataset", "licensed", "crawled", "user-data", "synthetic", "own", "other"]
    description: Text | None = None
    licence: Text | None = None
    consent: Text | None = None


class Provenance(Evidence):
    """Origin of the model's training data and of own datasets."""

    sources: list[ProvenanceSource] | None = Field(None, description="Known data sources.")
    creative_works: Literal["yes", "no", "unknown"] | None = Field(
        None, description="Whether creative works (texts, images, music) are in the data."
    )
    creators_compensated: Literal["yes", "no", "unknown", "not_applicable"] | None = Field(
        None, description="Whether the creators of those works were paid or asked."
    )


YesNoUnknown = Literal["yes", "no", "unknown"]


class Labour(Evidence):
    """The human work behind the model and its data (annotation, labelling, moderation)."""

    performed_by: (
        Literal["employees", "vendor", "crowdworkers", "volunteers", "users", "none", "unknown"]
        | None
    ) = Field(
        None,
        description="Who did the work: `employees`, `vendor`, `crowdworkers`, `volunteers`, "
        "`users` (end users whose ratings or corrections train or tune the system), `none` or "
        "`unknown`.",
    )
    tasks: list[Text] | None = Field(
        None, description="Tasks, e.g. annotation, labelling, content moderation, rating."
    )
    fair_pay: YesNoUnknown | None = Field(
        None, description="Whether the workers were paid fairly: `yes`, `no` or `unknown`."
    )
    pay: Text | None = Field(
        None,
        description="What the workers were paid: rate and basis, e.g. `$0.10-0.50 per task "
        "plus bonuses` or `collective agreement, hourly wage`.",
    )
    regions: list[Text] | None = Field(
        None,
        description="Countries or regions where the work was done, or `[unknown]`.",
    )
    via: Text | None = Field(
        None,
        description="Through whom the work was done: platform, vendor or subcontracting chain.",
    )
    harmful_content: YesNoUnknown | None = Field(
        None,
        description="Were workers exposed to violent or abusive content: `yes`, `no` or `unknown`.",
    )
    harmful_content_exposure: Text | None = Field(
        None, description="Whether and how workers were exposed to harmful content (details)."
    )
    support: YesNoUnknown | None = Field(
        None,
        description="Whether those exposed to harmful content get psychological support: "
        "`yes`, `no` or `unknown`.",
    )
    worker_channel: Text | None = Field(
        None, description="How workers can raise concerns (union, ombudsperson, ...)."
    )


# --- uses --------------------------------------------------------------------------------


class System(Model):
    """The AI system used."""

    tool: Text | None = Field(None, description="Product or tool name.")
    provider: Text | None = Field(None, description="Company or body that provides it.")
    model: Text | None = Field(None, description="Model name.")
    version: Text | int | float | None = Field(None, description="Model or tool version.")
    openness: Literal["open-source", "open-weights", "closed", "unknown"] | None = None
    hosting: Literal["self-hosted", "on-device", "eu-cloud", "non-eu-cloud", "unknown"] | None = (
        None
    )
    provider_trains_on_inputs: TrainsOnInputs | None = Field(
        None, description="Whether the provider trains its models on what you put in."
    )
    approach: Literal["learned", "rule-based", "simulation"] | None = Field(
        None,
        description="How the system works: `learned` (a model trained on data, generative "
        "models included; the default), `rule-based` (rules or decision trees written by "
        "people) or `simulation` (a physical or statistical model set up by people). Labour, "
        "training-data provenance and resource intensity are asked of learned systems only.",
    )
    rules_by: Text | None = Field(
        None,
        description="For `rule-based` and `simulation` systems: who wrote and who maintains "
        "the rules or the model.",
    )


class Alternative(Model):
    """An alternative that was considered."""

    option: Text | None = None
    with_ai: StrictBool | None = Field(
        None, description="Whether the option itself uses AI (`false`: a way without AI)."
    )
    reason_not_chosen: Text | None = None


class Weighing(Model):
    """Principle 1: chances against risks; why doing without AI was not chosen."""

    benefits: Text | list[Text] | None = None
    risks: Text | list[Text] | None = None
    alternatives: list[Alternative] | None = None
    non_use: Text | None = Field(
        None, description="Why doing without AI was not chosen (the non-use justification)."
    )
    barriers: Text | None = Field(
        None, description="Who may find the use hard to use or be excluded by it, and why."
    )
    decided_on: IsoDate | None = None
    decided_by: Text | None = None


class DataInput(Model):
    """One kind of data that goes into the AI system."""

    description: Text | None = None
    personal_data: StrictBool | None = None
    special_categories: StrictBool | None = Field(
        None, description="Health, religion, ethnicity, ... (GDPR Art. 9)."
    )
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
    interaction: Literal["direct", "indirect"] | None = Field(
        None,
        description="`direct`: people talk to the AI or are served by it themselves (a "
        "chatbot, a counselling assistant). `indirect`: people only receive results that staff "
        "checked and edited (a newsletter draft, a proofread translation). Default: `direct` "
        "for the categories `chatbot`, `counselling`, `beneficiary-decisions` and "
        "`content-moderation`, otherwise `indirect`.",
    )
    human_oversight: Literal["always", "sampled", "on-escalation", "none"] | None = None
    oversight_details: Text | None = Field(
        None,
        description="How people check the results, in words (e.g. `reports under 40 percent "
        "confidence go to a person`).",
    )
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

    do: Text | list[Text] | None = Field(None, description="What to do.")
    dont: Text | list[Text] | None = Field(None, description="What not to do.")


class Reflection(Model):
    """Answers to the reflection template for using a tool, at one point in time."""

    on: IsoDate | None = Field(None, description="Date of the reflection.")
    by: Text | None = Field(None, description="Who reflected (a role or a group).")
    frequency: Text | None = Field(None, description="How often the tool is used.")
    impressions: Text | None = Field(None, description="General impressions of the use.")
    failures: Text | None = Field(None, description="What went wrong, and how often.")
    excluded: Text | None = Field(None, description="Who was left out or could not take part.")
    rather_without: Text | None = Field(
        None, description="When people would rather have done without the tool."
    )
    social_effects: Text | None = Field(
        None, description="Effects on working together, on the team and on the people served."
    )
    lessons: Text | None = Field(None, description="What was learned.")
    wishes: Text | None = Field(None, description="What people wish for next.")


class Evaluation(Model):
    """The learning protocol and the usage reflections."""

    assumption: Text | None = Field(None, description="The hypothesis the use was started on.")
    goal: Text | None = None
    effects: Text | list[Text] | None = Field(None, description="What the use actually did.")
    challenges: Text | list[Text] | None = None
    solutions: Text | list[Text] | None = None
    recommendations: Text | list[Text] | Recommendations | None = None
    last_evaluated: IsoDate | None = None
    reflections: list[Reflection] | None = Field(
        None, description="Answers to the reflection template for using a tool."
    )


class Workforce(Model):
    """What the use does to the organisation's own staff and volunteers."""

    effect: (
        Literal["relief", "tasks-changed", "hours-reduced", "positions-cut", "none", "unknown"]
        | None
    ) = Field(
        None,
        description="The effect on paid and voluntary work: `relief`, `tasks-changed`, "
        "`hours-reduced`, `positions-cut`, `none` or `unknown`.",
    )
    description: Text | None = Field(None, description="Which tasks change, and for whom.")
    freed_time: Text | None = Field(None, description="What the time that is freed goes to.")
    skills: Text | None = Field(
        None, description="How people keep the skills that the AI now takes over."
    )
    justification: Text | None = Field(
        None,
        description="Why the effect is acceptable; required when `effect` is `hours-reduced`, "
        "`positions-cut` or `unknown`.",
    )


class Assessment(Model):
    """An impact assessment of the use."""

    kind: Literal["dpia", "fria", "iama", "bias-audit", "other"] = Field(
        description="`dpia` (data protection impact assessment), `fria` (fundamental-rights "
        "impact assessment), `iama` (human-rights and algorithms impact assessment), "
        "`bias-audit` or `other`. A DPIA alone is not a check for discrimination."
    )
    date: IsoDate | None = Field(None, description="When the assessment was done.")
    link: Text | None = Field(None, description="URL or path of the assessment.")
    summary: Text | None = Field(None, description="What it found, in a few sentences.")


class Use(Model):
    """One AI use of the project."""

    id: KebabId = Field(description="Stable identifier; findings and waivers refer to it.")
    name: Text | None = None
    status: Literal["proposed", "pilot", "active", "paused", "retired", "rejected"] | None = None
    phase: Literal["development", "selection", "deployment", "evaluation"] | None = None
    started_on: IsoDate | None = Field(None, description="When the use started (or will).")
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
    assessments: list[Assessment] | None = Field(
        None, description="Impact assessments: DPIA, FRIA, IAMA, bias audit, ..."
    )
    participation: Participation | None = None
    environment: Environment | None = None
    competences: UseCompetences | None = None
    accountability: Accountability | None = None
    evaluation: Evaluation | None = None
    reasons: Text | list[Text] | None = Field(
        None, description="For `status: rejected`: why the use was rejected."
    )


class Waiver(Model):
    """An accepted, time-limited exception to a finding."""

    rule: Text = Field(description="Rule ID or name.")
    use: Text | None = Field(None, description="Use id; omitted means the whole manifest.")
    reason: Text | None = None
    approved_by: Text | None = None
    expires: IsoDate | None = None


class Manifest(Model):
    """An ``ai-usage.yaml`` manifest, format ``ai-coc/v1``."""

    manifest: Literal["ai-coc/v1"] = Field(description="Format discriminator.")
    schema_: Text | None = Field(None, alias="$schema", description="JSON Schema for editors.")
    project: Project
    contacts: Contacts | None = None
    review: Review | None = None
    transparency: Transparency | None = None
    competences: OrgCompetences | None = None
    ai_used: StrictBool = Field(
        True, description="`false` declares that the project deliberately uses no AI."
    )
    non_uses: list[NonUse] | None = None
    uses: list[Use] | None = None
    waivers: list[Waiver] | None = None


#: The schema's identifier: a name, not an address (the project has no web home yet, and the
#: tool prints no link to a place that does not exist). Editors load the file that ``init``
#: writes next to the manifest, or ``ai-coc schema``'s output.
SCHEMA_ID = "urn:ai-coc:schema:manifest-v1"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the manifest; every property has a description."""
    from ai_coc.read.schema_docs import add_descriptions, for_editors

    schema = for_editors(add_descriptions(Manifest.model_json_schema(by_alias=True)))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "ai-usage.yaml (ai-coc/v1)"
    return schema
