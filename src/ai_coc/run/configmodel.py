"""The pydantic model that validates ``.ai-coc.yaml`` / ``[tool.ai-coc]``.

Loaded only when the quick test of :mod:`ai_coc.read.fastschema` is not sure that a configuration is
valid, and to export the configuration's JSON Schema (:func:`ai_coc.run.config.config_json_schema`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS

SeverityOverride = Literal["error", "warning", "info", "off"]
FailOn = Literal["error", "warning", "info", "never"]


class ConfigModel(BaseModel):
    """The settings of ``[tool.ai-coc]`` / ``.ai-coc.yaml``."""

    # (The docstring is the schema's description.) What each setting means is in
    # ai_coc/texts/schema.yaml (`ConfigModel.<setting>`), attached when the schema is exported:
    # validating reads no text table.

    model_config = ConfigDict(extra="forbid", frozen=True)

    extends: list[str] = Field(default_factory=list)
    red_lines: list[dict[str, Any]] = Field(default_factory=list)
    red_line_prefix: str = Field("RL", pattern=r"^[A-Z][A-Z0-9]{1,9}$")
    severity: dict[str, SeverityOverride] = Field(default_factory=dict)
    fail_on: FailOn = "error"
    lang: Literal["en", "de"] | None = None
    waiver_max_days: int = Field(DEFAULT_WAIVER_MAX_DAYS, ge=1, le=3650)
    categories: list[str] = Field(default_factory=list)
    history: bool = True
    docs_url: str = Field("", pattern=r"^(https?://\S+)?$")
    require_manifest: bool = False
