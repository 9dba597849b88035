"""A quick yes/"not sure" test of data against a JSON Schema, without pydantic.

Importing pydantic's model machinery and building the validators costs more time than the
whole rest of a check. Most manifests and configuration files are valid, so ai-coc first asks
this module: "is the data certainly valid against the exported JSON Schema?" Only when the
answer is "not sure" does it import pydantic and validate for real, which also gives the
located, explained findings.

The test is deliberately *stricter* than pydantic: it understands only the part of JSON Schema
that pydantic writes for our models, and anything else (an unknown keyword, a number that
pydantic might convert, a date written in an unusual way) counts as "not sure". So a "yes" here
always means pydantic would accept the data too; tests check this on every example and on
generated and mutated manifests.

The schemas live in ``ai_coc/read/schemas/*.json``. They are generated from the pydantic models,
and a test fails when they are out of date (``pytest --update-golden`` writes them again).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

#: Keywords that do not constrain the data.
_ANNOTATIONS = frozenset(
    {"title", "description", "default", "examples", "$schema", "$id", "deprecated"}
)
_KNOWN = _ANNOTATIONS | {
    "$ref",
    "$defs",
    "anyOf",
    "type",
    "enum",
    "const",
    "pattern",
    "format",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minimum",
    "maximum",
}
#: The largest integer that converts to a float without loss.
_EXACT_FLOAT_INT = 2**53
#: Larger integers are left to pydantic (its limits are its own business).
_I64 = 2**63
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``ai_coc/read/schemas/<name>.json`` shipped with the package."""
    text = (Path(__file__).parent / "schemas" / f"{name}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _pattern(pattern: str) -> re.Pattern[str] | None:
    # Only anchored patterns, matched against the whole text: Python's `$` also matches before
    # a final line break, pydantic's does not.
    if not (pattern.startswith("^") and pattern.endswith("$")):
        return None
    return re.compile(pattern)


def certainly_valid(data: Any, schema: dict[str, Any]) -> bool:
    """``True`` only if ``data`` is valid against ``schema``; ``False`` means "not sure"."""
    defs = schema.get("$defs", {})
    return _ok(schema, data, defs)


def _ok(node: Any, value: Any, defs: dict[str, Any]) -> bool:
    if not isinstance(node, dict):
        return False
    for key in node:
        if key not in _KNOWN:
            return False
    ref = node.get("$ref")
    if ref is not None:
        if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
            return False
        target = defs.get(ref[len("#/$defs/") :])
        if target is None or not _ok(target, value, defs):
            return False
    any_of = node.get("anyOf")
    if any_of is not None and not any(_ok(branch, value, defs) for branch in any_of):
        return False
    if "const" in node and not _same(value, node["const"]):
        return False
    if "enum" in node and not any(_same(value, option) for option in node["enum"]):
        return False
    kind = node.get("type")
    if kind is None:
        return True
    if kind == "string":
        return _string_ok(node, value)
    if kind == "null":
        return value is None
    if kind == "boolean":
        return type(value) is bool
    if kind == "integer":
        return type(value) is int and abs(value) < _I64 and _range_ok(node, value)
    if kind == "number":
        if type(value) is int:
            return abs(value) <= _EXACT_FLOAT_INT and _range_ok(node, value)
        return type(value) is float and value == value and abs(value) != float("inf")
    if kind == "array":
        if not isinstance(value, list):
            return False
        items = node.get("items")
        return items is None or all(_ok(items, item, defs) for item in value)
    if kind == "object":
        return _object_ok(node, value, defs)
    return False


def _same(value: Any, expected: Any) -> bool:
    return type(value) is type(expected) and value == expected


def _range_ok(node: dict[str, Any], value: int) -> bool:
    low, high = node.get("minimum"), node.get("maximum")
    return (low is None or value >= low) and (high is None or value <= high)


def _string_ok(node: dict[str, Any], value: Any) -> bool:
    fmt = node.get("format")
    if fmt is not None:
        # pydantic's date fields take a date (as YAML reads 2026-05-01) or such a text.
        if fmt != "date":
            return False
        if isinstance(value, dt.datetime):
            return False
        if isinstance(value, dt.date):
            return True
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            return False
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if type(value) is not str:
        return False
    pattern = node.get("pattern")
    if pattern is not None:
        compiled = _pattern(pattern) if isinstance(pattern, str) else None
        return compiled is not None and compiled.fullmatch(value) is not None
    return True


def _object_ok(node: dict[str, Any], value: Any, defs: dict[str, Any]) -> bool:
    if not isinstance(value, dict):
        return False
    properties = node.get("properties", {})
    for key in node.get("required", ()):
        if key not in value:
            return False
    extra = node.get("additionalProperties", True)
    for key, item in value.items():
        if type(key) is not str:
            return False
        sub = properties.get(key)
        if sub is not None:
            if not _ok(sub, item, defs):
                return False
        elif extra is False or (extra is not True and not _ok(extra, item, defs)):
            return False
    return True
