"""pydantic's validation errors in the run's language (issue 17).

pydantic writes its messages in English only. The configuration and the policy packs are
validated with pydantic, so their errors are shown from this table instead: one text per error
type they can produce, with the details pydantic gives (``ctx``) filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_coc.i18n import N_, t

#: pydantic error type -> our text; ``{...}`` are keys of the error's ``ctx``
TEXTS: dict[str, str] = {
    "missing": N_("this entry is required but missing"),
    "extra_forbidden": N_("this key is not allowed here"),
    "string_type": N_("this must be a text"),
    "string_pattern_mismatch": N_("the text does not have the expected form ({pattern})"),
    "string_too_short": N_("the text is too short (at least {min_length} character(s))"),
    "string_too_long": N_("the text is too long (at most {max_length} character(s))"),
    "literal_error": N_("this must be one of: {expected}"),
    "enum": N_("this must be one of: {expected}"),
    "int_type": N_("this must be a whole number"),
    "int_parsing": N_("this must be a whole number"),
    "int_from_float": N_("this must be a whole number"),
    "float_type": N_("this must be a number"),
    "float_parsing": N_("this must be a number"),
    "bool_type": N_("this must be true or false"),
    "bool_parsing": N_("this must be true or false"),
    "list_type": N_("this must be a list"),
    "dict_type": N_("this must be a mapping (key: value)"),
    "model_type": N_("this must be a mapping (key: value)"),
    "model_attributes_type": N_("this must be a mapping (key: value)"),
    "too_short": N_("this needs at least {min_length} entry/entries"),
    "too_long": N_("this may have at most {max_length} entry/entries"),
    "greater_than_equal": N_("this must be at least {ge}"),
    "greater_than": N_("this must be more than {gt}"),
    "less_than_equal": N_("this must be at most {le}"),
    "less_than": N_("this must be less than {lt}"),
    "date_type": N_("this must be a date (YYYY-MM-DD)"),
    "date_parsing": N_("this must be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": N_("this must be a date (YYYY-MM-DD)"),
    "date_from_datetime_inexact": N_("this must be a date (YYYY-MM-DD)"),
    "union_tag_invalid": N_("this kind is not known here ({tag}); known: {expected_tags}"),
    "union_tag_not_found": N_("the key that says which kind this is ({discriminator}) is missing"),
    "value_error": N_("the value is not valid: {error}"),
    "assertion_error": N_("the value is not valid: {error}"),
}


def pydantic_message(error: Mapping[str, Any], lang: str | None = None) -> str:
    """The text for one entry of ``ValidationError.errors()``, in ``lang``."""
    template = TEXTS.get(str(error.get("type", "")))
    if template is None:
        return t("the value is not valid ({kind})", lang, kind=str(error.get("type", "")))
    ctx = _Known({key: str(value) for key, value in (error.get("ctx") or {}).items()})
    if "expected" in ctx:  # pydantic joins the choices with an English "or"
        ctx["expected"] = ctx["expected"].replace(" or ", t(" or ", lang))
    return t(template, lang).format_map(ctx)


class _Known(dict[str, str]):
    """Details pydantic did not give stay visible as a plain word instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"
