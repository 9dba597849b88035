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
from collections.abc import Callable, Collection, Mapping
from functools import cache
from pathlib import Path
from typing import Any

#: A word of an ``enum`` that pydantic shows as written, in quotes (``'active'``).
_WORD = re.compile(r"[a-z0-9][a-z0-9_-]*")
#: A constant that pydantic shows as written, in quotes (``'ai-coc/v1'``).
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/._-]*")
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


@cache
def shipped_schema(name: str) -> dict[str, Any]:
    """The JSON Schema ``ai_coc/read/schemas/<name>.json`` shipped with the package."""
    text = (Path(__file__).parent / "schemas" / f"{name}.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def shipped_nulls(name: str) -> dict[str, frozenset[str]]:
    """The keys that may be left empty, model by model (``""`` for the top), shipped as
    ``ai_coc/read/schemas/<name>.nulls.json`` next to the schema, which says nothing about
    ``null`` (see :func:`ai_coc.read.schema_docs.null_keys`)."""
    text = (Path(__file__).parent / "schemas" / f"{name}.nulls.json").read_text("utf-8")
    return {model: frozenset(keys) for model, keys in json.loads(text).items()}


#: Which keys may be left empty, model by model: ``{"": keys of the top, "<model>": keys}``.
Nulls = Mapping[str, Collection[str]]


@cache
def _pattern(pattern: str) -> re.Pattern[str] | None:
    # Only anchored patterns, matched against the whole text: Python's `$` also matches before
    # a final line break, pydantic's does not.
    if not (pattern.startswith("^") and pattern.endswith("$")):
        return None
    return re.compile(pattern)


def certainly_valid(data: Any, schema: dict[str, Any], nulls: Nulls | None = None) -> bool:
    """``True`` only if ``data`` is valid against ``schema``; ``False`` means "not sure".
    ``nulls`` names the keys that may also be left empty (the schema without it takes
    ``null`` nowhere)."""
    return _validator(schema, nulls)(data)


def simple_errors(
    data: Any, schema: dict[str, Any], nulls: Nulls | None = None
) -> list[dict[str, Any]] | None:
    """The errors pydantic would report for ``data``, in its form (``type`` and ``loc``), for
    the usual mistakes of a hand-written manifest:

    - a key that is not allowed (``extra_forbidden``), a required key that is missing
      (``missing``);
    - a word or constant that is not the allowed one (``literal_error``, with pydantic's
      ``expected``);
    - a value of the wrong kind where text, a list, a mapping, ``true``/``false`` or a number
      belongs (``string_type``, ``list_type``, ``model_type``, ``bool_type``, ``int_type``,
      ``float_type``), and a value that fits none of the kinds a key takes (each kind's
      errors under its name, as pydantic gives them);
    - an identifier that is not in kebab-case (``string_pattern_mismatch``), a date that is
      none (``date_format``, ``date_type``, ``date_with_time``);
    - a text where a number belongs: pydantic's own number type (its core, without the
      models) is asked, as only it knows which texts it reads as numbers.

    Yes/no values, dates and keys are named as the manifest's own types read them (strict
    yes/no, ``IsoDate``, keys by their name in the format only), so this function is for the
    manifest's schema only. ``None`` means "not sure" (any other problem, or a shape this
    module does not read), and pydantic is asked.

    Everything else in the data must be certainly valid (:func:`certainly_valid`), so that
    pydantic would report nothing more; the order of the errors is not pydantic's (findings
    are sorted by place). An empty value (``None``) is named only where it is certainly not
    allowed: at a required key, or, with ``nulls``, anywhere but at the keys it names.
    """
    if not isinstance(schema, dict) or not isinstance(schema.get("$defs", {}), dict):
        return None
    out: list[dict[str, Any]] = []
    if not _made(schema, nulls).walker().walk(schema, data, (), out):
        return None
    return out


class _Walker:
    """Follows the data through the object and array nodes of a schema, down to the parts that
    are not certainly valid, and names the unknown and missing keys there. It asks the tests
    of the schema's own compiler (see :class:`_Made`), so a definition is compiled once."""

    #: the keywords of an object or array node the walker reads (with the annotations)
    _OBJECT = frozenset({"type", "properties", "required", "additionalProperties", "$defs"})
    _ARRAY = frozenset({"type", "items"})

    def __init__(self, compiler: _Compiler, root: Any, test: _Test) -> None:
        self.defs = compiler.defs
        self.compiler = compiler
        self.nullable = compiler.nullable
        self.tests: dict[int, tuple[Any, _Test]] = {id(root): (root, test)}

    def _test(self, node: Any) -> _Test:
        held = self.tests.get(id(node))
        if held is None or held[0] is not node:
            held = self.tests[id(node)] = (node, self.compiler.compile(node))
        return held[1]

    def _resolve(self, node: Any) -> Any:
        """The node a ``$ref`` (alone with annotations) stands for, else the node."""
        for _ in range(64):
            if not isinstance(node, dict) or "$ref" not in node:
                return node
            if any(key != "$ref" and key not in _ANNOTATIONS for key in node):
                return None
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
                return None
            node = self.defs.get(ref[len("#/$defs/") :])
        return None

    def walk(
        self,
        node: Any,
        value: Any,
        loc: tuple[Any, ...],
        out: list[dict[str, Any]],
        no_null: bool = False,
    ) -> bool:
        """Add the errors of ``value`` at ``loc`` (the value of a key that certainly takes no
        empty value when ``no_null``); ``False`` when not sure."""
        if self._test(node)(value):
            return True
        node = self._resolve(node)
        if not isinstance(node, dict):
            return False
        any_of = node.get("anyOf")
        if any_of is not None:
            if set(node) - _ANNOTATIONS != {"anyOf"} or not isinstance(any_of, list):
                return False
            if value is None:
                return False
            if len(any_of) == 2 and any_of[1] == {"type": "null"}:
                return self.walk(any_of[0], value, loc, out)  # an optional field: [X, null]
            return self._union(any_of, value, loc, out)
        kind = node.get("type")
        keys = set(node) - _ANNOTATIONS
        if kind == "object" and keys <= self._OBJECT and isinstance(value, dict):
            properties = node.get("properties", {})
            required = node.get("required", [])
            if node.get("additionalProperties") is not False or not isinstance(properties, dict):
                return False
            if not isinstance(required, list):
                return False
            for key in required:
                if key not in value:
                    out.append({"type": "missing", "loc": (*loc, key)})
            nullable = self.nullable.get(id(node))
            for key, item in value.items():
                if type(key) is not str:
                    return False
                sub = properties.get(key)
                if sub is not None:
                    if item is None and nullable is not None and key in nullable:
                        continue
                    # an empty value is certainly wrong at a required key, and, when it is
                    # known which keys may be empty, at any other key
                    no_null = key in required or (nullable is not None and key not in nullable)
                    if not self.walk(sub, item, (*loc, key), out, no_null):
                        return False
                else:
                    out.append({"type": "extra_forbidden", "loc": (*loc, key)})
            return True
        if kind == "array" and keys <= self._ARRAY and isinstance(value, list):
            items = node.get("items")
            if items is None:
                return False
            # with the table of empty keys, nothing else may be empty (see
            # schema_docs.null_keys): not an entry of a list either
            no_null = bool(self.nullable)
            return all(
                self.walk(items, item, (*loc, index), out, no_null)
                for index, item in enumerate(value)
            )
        if value is None and not no_null:
            return False  # the exported schema leaves out where pydantic takes an empty value
        return self._wrong(node, kind, keys, value, loc, out)

    def _union(
        self, branches: list[Any], value: Any, loc: tuple[Any, ...], out: list[dict[str, Any]]
    ) -> bool:
        """A value that fits none of the kinds a key takes (text or a list, say): pydantic
        names the errors of every kind, each under the kind's name (``str``, ``list[str]``,
        a model's name)."""
        errors: list[dict[str, Any]] = []
        for branch in branches:
            label = self._label(branch)
            if label is None:
                return False
            found: list[dict[str, Any]] = []
            if not self.walk(branch, value, (*loc, label), found):
                return False
            if not found:
                return True  # this kind takes it (a number read out of a text, say)
            errors += found
        out += errors
        return True

    def _label(self, node: Any, depth: int = 0) -> str | None:
        """How pydantic names a kind in the place of an error of a union (``str``, ``int``,
        ``float``, ``list[str]``, a model's name); ``None`` for others."""
        if not isinstance(node, dict) or depth > 4:
            return None
        keys = set(node) - _ANNOTATIONS
        if keys == {"$ref"}:
            ref = node["$ref"]
            if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
                return None
            name = ref[len("#/$defs/") :]
            target = self.defs.get(name)
            # a model (a mapping of known keys): pydantic names it by its class name
            if not isinstance(target, dict) or target.get("type") != "object":
                return None
            if target.get("additionalProperties") is not False or not name.isidentifier():
                return None
            return name
        kind = node.get("type")
        if kind == "array" and keys == {"type", "items"}:
            inner = self._label(node["items"], depth + 1)
            return None if inner is None else f"list[{inner}]"
        if keys != {"type"}:
            return None
        return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(
            kind if isinstance(kind, str) else ""
        )

    def _wrong(
        self, node: Any, kind: Any, keys: set[str], value: Any, loc: tuple[Any, ...], out: Any
    ) -> bool:
        """A value of the wrong kind, or a word that is not one of the allowed ones, named as
        pydantic names it; ``False`` for anything else."""
        if not loc:
            return False  # (the top of a manifest is checked before, with its own message)
        if kind == "string" and keys == {"type", "enum"}:
            words = node["enum"]
            if not words or not all(type(w) is str and _WORD.fullmatch(w) for w in words):
                return False
            if type(value) is str and value in words:
                return False  # valid: the test said otherwise, so do not guess
            shown = [f"'{word}'" for word in words]
            expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
            out.append({"type": "literal_error", "loc": loc, "ctx": {"expected": expected}})
            return True
        if kind == "string" and keys == {"type", "const"}:
            const = node["const"]
            if type(const) is not str or not _PLAIN.fullmatch(const):
                return False
            if type(value) is str and value == const:
                return False
            out.append({"type": "literal_error", "loc": loc, "ctx": {"expected": f"'{const}'"}})
            return True
        if kind == "string" and keys == {"type"}:
            if type(value) is str:
                return False
            out.append({"type": "string_type", "loc": loc})
            return True
        if kind == "string" and keys == {"type", "pattern"}:
            if type(value) is not str:
                out.append({"type": "string_type", "loc": loc})
                return True
            pattern = node["pattern"]
            compiled = _pattern(pattern) if isinstance(pattern, str) else None
            # Matched against the whole text, as pydantic's `^...$` is. Only patterns of plain
            # characters and classes: an escape such as \d or \w may mean other characters
            # to pydantic's regular expressions than to Python's.
            if compiled is None or "\\" in pattern or compiled.fullmatch(value) is not None:
                return False
            out.append({"type": "string_pattern_mismatch", "loc": loc, "ctx": {"pattern": pattern}})
            return True
        if kind == "string" and keys == {"type", "format"} and node["format"] == "date":
            return _wrong_date(value, loc, out)
        if kind in ("integer", "number") and keys <= {"type", "minimum", "maximum"}:
            if isinstance(value, (list, dict)):  # never a number
                out.append({"type": "int_type" if kind == "integer" else "float_type", "loc": loc})
                return True
            # pydantic reads numbers out of texts and yes/no: its own number type judges
            return _number_errors(node, kind, value, loc, out)
        if kind == "boolean" and keys == {"type"}:
            # the manifest's yes/no fields are strict (StrictBool): only true and false
            if type(value) is bool:
                return False
            out.append({"type": "bool_type", "loc": loc})
            return True
        if kind == "array" and keys <= self._ARRAY and not isinstance(value, list):
            out.append({"type": "list_type", "loc": loc})
            return True
        if kind == "object" and keys <= self._OBJECT and not isinstance(value, dict):
            if node.get("additionalProperties") is not False:
                return False  # a mapping of any keys, not a model: pydantic says dict_type
            out.append({"type": "model_type", "loc": loc})
            return True
        return False


def _number_errors(
    node: dict[str, Any], kind: str, value: Any, loc: tuple[Any, ...], out: list[dict[str, Any]]
) -> bool:
    """The errors of ``value`` where a number belongs, from pydantic's own number type (its
    validator core, without pydantic's models): only it knows which texts it reads as numbers.
    A number is valid if the core says so."""
    low, high = node.get("minimum"), node.get("maximum")
    for bound in (low, high):
        if bound is not None and (type(bound) not in (int, float) or bound != bound):
            return False
    validator = _core_validator(kind, low, high)
    from pydantic_core import ValidationError

    try:
        validator.validate_python(value)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            found: dict[str, Any] = {
                "type": error["type"],
                "loc": (*loc, *error["loc"]),
                "msg": error["msg"],
            }
            if "ctx" in error:
                found["ctx"] = error["ctx"]
            out.append(found)
    return True


@cache
def _core_validator(kind: str, low: float | None, high: float | None) -> Any:
    """pydantic's validator of a number (``integer`` or ``number``, with its bounds), built
    once."""
    from pydantic_core import SchemaValidator

    core: dict[str, Any] = {"type": "int" if kind == "integer" else "float"}
    if low is not None:
        core["ge"] = low
    if high is not None:
        core["le"] = high
    return SchemaValidator(core)


def _wrong_date(value: Any, loc: tuple[Any, ...], out: list[dict[str, Any]]) -> bool:
    """A date field's error as the manifest's date type (``IsoDate`` in
    :mod:`ai_coc.read.manifest`) names it: a date with a time, a text that is not a date of the
    form YYYY-MM-DD, or a value that is neither a date nor a text."""
    if _is_date(value):
        return False  # (the test said otherwise: do not guess)
    if isinstance(value, dt.datetime):
        out.append({"type": "date_with_time", "loc": loc})
        return True
    if isinstance(value, str):
        out.append({"type": "date_format", "loc": loc, "ctx": {"value": value}})
        return True
    out.append({"type": "date_type", "loc": loc})
    return True


#: A schema turned into a function of the data (see :func:`_compile`).
_Test = Callable[[Any], bool]


class _Made:
    """What is made of one schema: its compiler, its test and (when first asked for) its
    walker."""

    def __init__(self, schema: dict[str, Any], nulls: Nulls | None) -> None:
        self.schema = schema
        self.nulls = nulls
        defs = schema.get("$defs", {})
        # the keys that may be empty, by the object node they belong to
        nullable: dict[int, frozenset[str]] = {}
        if nulls is not None and isinstance(defs, dict):
            for name in defs:
                nullable[id(defs[name])] = frozenset(nulls.get(name, ()))
            nullable[id(schema)] = frozenset(nulls.get("", ()))
        self.compiler = _Compiler(defs, nullable)
        self.test = self.compiler.compile(schema)
        self._walker: _Walker | None = None

    def walker(self) -> _Walker:
        if self._walker is None:
            self._walker = _Walker(self.compiler, self.schema, self.test)
        return self._walker


#: What was made of the schemas used last, each with its schema and table of empty keys
#: (held, so that their ids stay their own; neither is changed once loaded).
_made_for: dict[tuple[int, int], _Made] = {}


def _made(schema: dict[str, Any], nulls: Nulls | None) -> _Made:
    """What is made of ``schema`` and ``nulls``, once per pair of objects."""
    made = _made_for.get((id(schema), id(nulls)))
    if made is None or made.schema is not schema or made.nulls is not nulls:
        if len(_made_for) >= 16:
            _made_for.clear()
        made = _made_for[(id(schema), id(nulls))] = _Made(schema, nulls)
    return made


def _validator(schema: dict[str, Any], nulls: Nulls | None) -> _Test:
    """The test of ``schema`` (with ``nulls``), made once per pair of objects."""
    if not isinstance(schema, dict):
        return _never
    return _made(schema, nulls).test


def _never(value: Any) -> bool:
    return False


def _null(value: Any) -> bool:
    return value is None


def _any(branches: list[_Test]) -> _Test:
    """Whether any of ``branches`` holds (as ``anyOf``)."""
    if len(branches) == 2 and branches[1] is _null:  # how pydantic writes an optional field
        first = branches[0]
        return lambda value: value is None or first(value)
    return lambda value: any(branch(value) for branch in branches)


def _always(value: Any) -> bool:
    return True


class _Compiler:
    """Turns the schema nodes into nested functions that ask exactly what :func:`_ok` asks,
    with the questions about the schema itself (which keywords, which type) answered once.
    A node written in a way :func:`_ok` reads differently from the usual one is left to it."""

    def __init__(self, defs: Any, nullable: dict[int, frozenset[str]]) -> None:
        self.defs = defs
        self.nullable = nullable
        self.refs: dict[str, _Test] = {}
        self.making: set[str] = set()  # definitions being made (see _ref)

    def compile(self, node: Any) -> _Test:
        if not isinstance(node, dict):
            return _never
        for key in node:
            if key not in _KNOWN:
                return _never
        if not self._usual(node):
            defs = self.defs
            return lambda value: _ok(node, value, defs)
        tests: list[_Test] = []
        ref = node.get("$ref")
        if ref is not None:
            if not isinstance(ref, str) or not ref.startswith("#/$defs/"):
                return _never
            name = ref[len("#/$defs/") :]
            if self.defs.get(name) is None:
                return _never
            tests.append(self._ref(name))
        any_of = node.get("anyOf")
        if any_of is not None:
            tests.append(_any([self.compile(branch) for branch in any_of]))
        if "const" in node:
            const = node["const"]
            tests.append(lambda value: _same(value, const))
        if "enum" in node:
            options = node["enum"]
            if all(type(option) is str for option in options):  # the usual: words
                words = frozenset(options)
                tests.append(lambda value: type(value) is str and value in words)
            else:
                tests.append(lambda value: any(_same(value, option) for option in options))
        kind = node.get("type")
        if kind is not None:
            tests.append(self._kind(node, kind))
        if not tests:
            return _always
        if len(tests) == 1:
            return tests[0]
        if len(tests) == 2:
            first, second = tests
            return lambda value: first(value) and second(value)
        return lambda value: all(test(value) for test in tests)

    def _usual(self, node: dict[str, Any]) -> bool:
        """Whether the node's keywords have the shapes pydantic writes (else: :func:`_ok`)."""
        if not isinstance(self.defs, dict):
            return False
        for key, kind in (
            ("anyOf", list),
            ("enum", list),
            ("properties", dict),
            ("required", list),
        ):
            if key in node and not isinstance(node[key], kind):
                return False
        for key in ("minimum", "maximum"):
            if node.get(key) is not None and type(node[key]) not in (int, float):
                return False
        return True

    def _ref(self, name: str) -> _Test:
        refs = self.refs
        done = refs.get(name)
        if done is not None:
            return done
        if name in self.making:  # a definition that refers to itself: looked up when used
            return lambda value: refs[name](value)
        self.making.add(name)
        done = refs[name] = self.compile(self.defs[name])
        self.making.discard(name)
        return done

    def _kind(self, node: dict[str, Any], kind: Any) -> _Test:
        if kind == "string":
            return self._string(node)
        if kind == "null":
            return _null
        if kind == "boolean":
            return lambda value: type(value) is bool
        low, high = node.get("minimum"), node.get("maximum")

        def in_range(value: Any) -> bool:
            return (low is None or value >= low) and (high is None or value <= high)

        if kind == "integer":
            return lambda value: type(value) is int and abs(value) < _I64 and in_range(value)
        if kind == "number":

            def number(value: Any) -> bool:
                if type(value) is int:
                    return abs(value) <= _EXACT_FLOAT_INT and in_range(value)
                return type(value) is float and value == value and abs(value) != float("inf")

            return number
        if kind == "array":
            items = node.get("items")
            if items is None:
                return lambda value: isinstance(value, list)
            each = self.compile(items)
            return lambda value: isinstance(value, list) and all(each(item) for item in value)
        if kind == "object":
            return self._object(node)
        return _never

    def _string(self, node: dict[str, Any]) -> _Test:
        if node.get("format") is not None:
            return lambda value: _string_ok(node, value)
        pattern = node.get("pattern")
        if pattern is None:
            return lambda value: type(value) is str
        compiled = _pattern(pattern) if isinstance(pattern, str) else None
        if compiled is None:
            return _never
        fullmatch = compiled.fullmatch
        return lambda value: type(value) is str and fullmatch(value) is not None

    def _object(self, node: dict[str, Any]) -> _Test:
        properties = {
            key: self.compile(sub)
            for key, sub in node.get("properties", {}).items()
            if sub is not None  # _object_ok reads a property without a schema as an extra key
        }
        required = list(node.get("required", ()))
        nullable = self.nullable.get(id(node), frozenset())
        extra = node.get("additionalProperties", True)
        if extra is True:
            other: _Test | None = _always
        elif extra is False:
            other = None
        else:
            other = self.compile(extra)

        def test(value: Any) -> bool:
            if not isinstance(value, dict):
                return False
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                if type(key) is not str:
                    return False
                sub = properties.get(key)
                if sub is not None:
                    if not sub(item) and (item is not None or key not in nullable):
                        return False
                elif other is None or not other(item):
                    return False
            return True

        return test


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
        return _is_date(value)
    if type(value) is not str:
        return False
    pattern = node.get("pattern")
    if pattern is not None:
        compiled = _pattern(pattern) if isinstance(pattern, str) else None
        return compiled is not None and compiled.fullmatch(value) is not None
    return True


def _is_date(value: Any) -> bool:
    """Whether the manifest's date type (``IsoDate`` in :mod:`ai_coc.read.manifest`) takes
    ``value``: a date (as YAML reads 2026-05-01), or a text of ten characters that Python reads
    as a date (a week date such as 2026-W18-5 among them), never a date with a time."""
    if isinstance(value, dt.datetime):
        return False
    if isinstance(value, dt.date):
        return True
    if type(value) is not str or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
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
