"""pydantic's validation errors in the run's language (issue 17).

pydantic writes its messages in English only. The configuration and the policy packs are
validated with pydantic, so their errors are shown in our words instead: one text per error
type they can produce, in the text table ``ai_coc/texts/pydantic.yaml`` (read only when there
is an error to show), with the details pydantic gives (``ctx``) filled in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ai_coc.i18n import has_phrase, phrase, t

#: The table of our texts: one per pydantic error type (``ai_coc/texts/pydantic.yaml``).
TABLE = "pydantic"
#: Error types that share the text of another type.
SAME_AS: dict[str, str] = {
    "enum": "literal_error",
    "int_parsing": "int_type",
    "int_from_float": "int_type",
    "float_parsing": "float_type",
    "bool_parsing": "bool_type",
    "model_type": "dict_type",
    "model_attributes_type": "dict_type",
    "date_parsing": "date_type",
    "date_from_datetime_parsing": "date_type",
    "date_from_datetime_inexact": "date_type",
    "assertion_error": "value_error",
}


def pydantic_message(error: Mapping[str, Any], lang: str | None = None) -> str:
    """The text for one entry of ``ValidationError.errors()``, in ``lang``."""
    kind = str(error.get("type", ""))
    key = SAME_AS.get(kind, kind)
    if not has_phrase(TABLE, key):
        return t("the value is not valid ({kind})", lang, kind=kind)
    ctx = _Known({name: str(value) for name, value in (error.get("ctx") or {}).items()})
    if "expected" in ctx:  # pydantic joins the choices with an English "or"
        ctx["expected"] = ctx["expected"].replace(" or ", t(" or ", lang))
    return phrase(TABLE, key, lang).format_map(ctx)


class _Known(dict[str, str]):
    """Details pydantic did not give stay visible as a plain word instead of failing."""

    def __missing__(self, key: str) -> str:
        return "…"
