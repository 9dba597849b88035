"""The pydantic model that validates ``.ai-coc.yaml`` / ``[tool.ai-coc]``.

Loaded only when the quick test of :mod:`ai_coc.read.fastschema` is not sure that a configuration is
valid, and to export the configuration's JSON Schema.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS

SeverityOverride = Literal["error", "warning", "info", "off"]
FailOn = Literal["error", "warning", "info", "never"]


class ConfigModel(BaseModel):
    """The settings of ``[tool.ai-coc]`` / ``.ai-coc.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    extends: list[str] = Field(
        default_factory=list,
        description="Policy packs to load in addition to the built-in `coc` pack: a folder "
        "(relative to this file) or the name of an installed pack.",
    )
    red_lines: list[dict[str, Any]] = Field(
        default_factory=list,
        description="Red lines written here, in the rule format of a policy pack. They form "
        "the pack `inline`; every rule is a red line.",
    )
    red_line_prefix: str = Field(
        "RL",
        pattern=r"^[A-Z][A-Z0-9]{1,9}$",
        description="The ID prefix of the inline red lines (e.g. RL for RL001).",
    )
    severity: dict[str, SeverityOverride] = Field(
        default_factory=dict,
        description="Severity per rule (ID or name): error, warning, info or off. Red lines "
        "and structural rules (COC0nn) cannot be switched off.",
    )
    fail_on: FailOn = Field(
        "error", description="Exit with 1 for findings of this severity or higher."
    )
    lang: Literal["en", "de"] | None = Field(None, description="Language of the output.")
    waiver_max_days: int = Field(
        DEFAULT_WAIVER_MAX_DAYS,
        ge=1,
        le=3650,
        description="How many days ahead a waiver may expire at most.",
    )
    categories: list[str] = Field(
        default_factory=list,
        description="Extra use categories this organisation uses, besides the built-in ones.",
    )
    history: bool = Field(
        True,
        description="Read the git history: report commits since `review.last_reviewed` whose "
        "AI trailer (Assisted-by, Generated-by, Co-authored-by naming a known assistant) names "
        "a tool no use declares. `false` switches this off.",
    )
    docs_url: str = Field(
        "",
        pattern=r"^(https?://\S+)?$",
        description="Where your organisation hosts the ai-coc documentation (for example "
        "https://intranet.example/ai-coc). Findings then link to "
        "`{docs_url}/reference/rules.html#coc101`. Empty (the default): no link; findings "
        "name the command `ai-coc rule COC101`, which explains the rule offline.",
    )
    require_manifest: bool = Field(
        False,
        description="Every repository must have an ai-usage.yaml: without one, `ai-coc check` "
        "(and the pre-commit hook) stops with exit code 2. `false` (the default): a repository "
        "without a manifest passes with a hint.",
    )
