"""The pydantic models that validate a policy pack's files.

Only used when a pack is compiled from its YAML files (see :func:`ai_coc.rules.packs.load_pack`);
a pack that is already compiled is loaded without them, which keeps a check fast.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ai_coc.rules.policy import SELECTOR, Basis, LocalText, Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _check_local_text(value: Any) -> Any:
    if isinstance(value, dict):
        if not value:
            raise ValueError("give the text in at least one language, e.g. `en:`")
        for lang, text in value.items():
            if not re.fullmatch(r"[a-z]{2}", str(lang)):
                raise ValueError(f"'{lang}' is not a two-letter language code such as en or de")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the {lang} text is empty")
    elif isinstance(value, str) and not value.strip():
        raise ValueError("the text is empty")
    return value


class PrincipleModel(_Strict):
    """One principle of the Code of Conduct, as declared by the built-in pack."""

    slug: str
    number: int
    name: dict[str, str]
    summary: dict[str, str]


class PackMetaModel(_Strict):
    """The contents of ``pack.yaml``."""

    name: str = Field(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
    version: str
    prefix: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,9}$")
    title: LocalText
    description: LocalText | None = None
    homepage: str | None = None
    help_url: str | None = Field(
        None, description="Template for a rule's docs address; `{id}` and `{id_lower}` work."
    )
    principles: list[PrincipleModel] = Field(default_factory=list)
    examples_today: dt.date | None = Field(
        None, description="The date `ai-coc policy test` uses as today for the examples."
    )
    red_lines: bool = Field(
        False, description="Every rule of this pack is a red line unless it says otherwise."
    )

    _v_title = field_validator("title", "description")(_check_local_text)


class RuleModel(_Strict):
    """A rule as written in a pack file."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]{1,9}[0-9]{3}$")
    name: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
    principle: str | None = None
    severity: Severity
    since: str
    summary: LocalText
    rationale: LocalText
    fix: LocalText
    message: LocalText
    source: str | None = Field(
        None,
        description="The exact passage the rule rests on (document and principle, chapter or "
        'question; an article with outlet and date), or "ai-coc good practice".',
    )
    basis: list[Basis] = Field(
        default_factory=list,
        description="What the rule rests on: `code`, `white-paper`, `article` and/or `practice`; "
        "one word or a list.",
    )
    kind: Literal["policy", "builtin"] = "policy"
    select: str = "manifest"
    when: Any = None
    require: Any = None
    forbid: Any = None
    red_line: bool | None = None
    waivable: bool | None = None
    tags: list[str] = Field(default_factory=list)

    _v_texts = field_validator("summary", "rationale", "fix", "message")(_check_local_text)

    @field_validator("basis", mode="before")
    @classmethod
    def _v_basis(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and len(set(map(str, value))) != len(value):
            raise ValueError("each basis is named once")
        return value

    @field_validator("select")
    @classmethod
    def _v_select(cls, value: str) -> str:
        if not SELECTOR.match(value):
            raise ValueError(
                "a selector is `manifest` or a dotted path such as `uses` or `uses.outputs`"
            )
        return value


class RulesFileModel(_Strict):
    """A rule file: a list of rules."""

    rules: list[RuleModel]
