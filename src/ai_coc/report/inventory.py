"""What a manifest says about its AI uses, as the JSON report carries it for the register.

The JSON report of a check lists findings; the organisation's register (``ai-coc report``) also
needs to know what each repository declares: its uses with purpose, tool, labels and the state of
labour and data provenance, its deliberate non-uses, its review dates and its waivers. This
module picks exactly those values out of a loaded manifest. It reads the raw data, so it also
works for a manifest that breaks the schema: a value of the wrong type is left out (``None``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return str(value)
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            return None
    return None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _map(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _texts(value: Any) -> list[str]:
    """A text or a list of texts as a list of texts."""
    if isinstance(value, list):
        return [text for text in (_text(item) for item in value) if text is not None]
    text = _text(value)
    return [text] if text is not None else []


def _evidence(value: Any, *extra: str) -> dict[str, Any]:
    data = _map(value)
    entry: dict[str, Any] = {"status": _text(data.get("status"))}
    for key in extra:
        entry[key] = _text(data.get(key))
    return entry


def _use(value: Any) -> dict[str, Any] | None:
    data = _map(value)
    if not data:
        return None
    system = _map(data.get("system"))
    outputs = []
    for item in _list(data.get("outputs")):
        output = _map(item)
        if output:
            outputs.append(
                {
                    "kind": _text(output.get("kind")),
                    "public": _flag(output.get("public")),
                    "labelled": _flag(output.get("labelled")),
                    "label": _text(output.get("label")),
                }
            )
    return {
        "id": _text(data.get("id")),
        "name": _text(data.get("name")),
        "status": _text(data.get("status")),
        "purpose": _text(data.get("purpose")),
        "tool": _text(system.get("tool")),
        "provider": _text(system.get("provider")),
        "model": _text(system.get("model")),
        "categories": _texts(data.get("categories")),
        "audience": _text(data.get("audience")),
        "outputs": outputs,
        "labour": _evidence(data.get("labour"), "performed_by"),
        "provenance": _evidence(data.get("provenance")),
        "decided_on": _date(_map(data.get("weighing")).get("decided_on")),
        "last_evaluated": _date(_map(data.get("evaluation")).get("last_evaluated")),
        "reasons": _texts(data.get("reasons")),
    }


def _non_use(value: Any) -> dict[str, Any] | None:
    data = _map(value)
    if not data:
        return None
    return {
        "id": _text(data.get("id")),
        "area": _text(data.get("area")),
        "considered": _text(data.get("considered")),
        "reasons": _texts(data.get("reasons")),
        "decided_on": _date(data.get("decided_on")),
        "decided_by": _text(data.get("decided_by")),
        "revisit_on": _date(data.get("revisit_on")),
    }


def _waiver(value: Any) -> dict[str, Any] | None:
    data = _map(value)
    if not data:
        return None
    return {
        "rule": _text(data.get("rule")),
        "use": _text(data.get("use")),
        "reason": _text(data.get("reason")),
        "approved_by": _text(data.get("approved_by")),
        "expires": _date(data.get("expires")),
    }


def inventory(data: Any) -> dict[str, Any]:
    """The register's view of one manifest (``files[].inventory`` in the JSON report)."""
    root = _map(data)
    project = _map(root.get("project"))
    review = _map(root.get("review"))
    contacts = _map(root.get("contacts"))
    ai_used = root.get("ai_used", True)
    return {
        "project": {
            "name": _text(project.get("name")),
            "organisation": _text(project.get("organisation")),
            "repository": _text(project.get("repository")),
        },
        "ai_used": ai_used if isinstance(ai_used, bool) else True,
        "review": {
            "last_reviewed": _date(review.get("last_reviewed")),
            "next_review_due": _date(review.get("next_review_due")),
        },
        "notice": _text(_map(root.get("transparency")).get("notice")),
        "feedback": _text(contacts.get("feedback")),
        "uses": [use for use in map(_use, _list(root.get("uses"))) if use is not None],
        "non_uses": [n for n in map(_non_use, _list(root.get("non_uses"))) if n is not None],
        "waivers": [w for w in map(_waiver, _list(root.get("waivers"))) if w is not None],
    }
