"""The policy engine: ``evaluate(document, policies, today) -> findings``.

Pure: no file access, no clock, no printing. Everything the engine needs to know about the
world comes in through its arguments (see :class:`~ai_coc.rules.checks.Environment`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import types
import typing
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ai_coc.i18n import N_, phrase, t
from ai_coc.read.document import MISSING, DataPath, Document, data_path_from_loc, step
from ai_coc.read.fastschema import certainly_valid, shipped_nulls, shipped_schema, simple_errors
from ai_coc.read.textfold import fold, near_word, skeleton, visible
from ai_coc.read.vocabulary import CATEGORIES
from ai_coc.rules.checks import Context, Environment, Result, compared_texts, problem_text
from ai_coc.rules.findings import Finding, Location
from ai_coc.rules.policy import PolicySet, Rule

#: Texts by key (translated where shown).
LOOKALIKE_WHY: dict[str, str] = {
    "look-alike": N_("letters from another alphabet or invisible characters"),
    "spelling": N_("a slip of spelling"),
}

if TYPE_CHECKING:
    from pydantic import BaseModel

MAX_VALUE_CHARS = 60

# Built-in (schema) rules, by name; their texts live in policies/coc/schema.yaml.
UNKNOWN_KEY = "unknown-key"
WRONG_TYPE = "wrong-type"
INVALID_VALUE = "invalid-value"
INVALID_DATE = "invalid-date"
MISSING_KEY = "missing-key"
DUPLICATE_USE_ID = "duplicate-use-id"
UNKNOWN_CATEGORY = "unknown-category"
UNDECLARED_AI_IN_HISTORY = "undeclared-ai-in-history"
CATEGORY_LOOKALIKE = "category-look-alike"

_TYPE_ERRORS: dict[str, str] = {
    "string_type": N_("text"),
    "bool_type": N_("true or false"),
    "int_type": N_("a number"),
    "float_type": N_("a number"),
    "int_parsing": N_("a number"),
    "float_parsing": N_("a number"),
    "list_type": N_("a list"),
    "model_type": N_("a mapping (keys with values)"),
    "dict_type": N_("a mapping (keys with values)"),
    "model_attributes_type": N_("a mapping (keys with values)"),
}
_DATE_ERRORS = frozenset(
    {"date_format", "date_type", "date_with_time", "date_from_datetime_inexact"}
)


def logical_path(data: Any, path: DataPath) -> str:
    """Render a data path for people: ``uses[newsletter-translation].labour.status``."""
    out = ""
    node = data
    for part in path:
        if isinstance(part, int):
            item = step(node, part)
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else part
            node = step(node, part)
    return out


def _yaml_spelling(value: Any) -> str:
    """How YAML writes a plain value (``false``, not Python's ``False``)."""
    if value is MISSING or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return "{...}" if isinstance(value, dict) else "[...]"
    return str(value)


#: A plain scalar as written in a block or flow context: up to a comment, a comma or a bracket.
_PLAIN_TOKEN = re.compile(r"[^\s,\[\]{}#][^,\[\]{}#]*?(?=\s+#|\s*[,\]}]|\s*$)")


def _written(doc: Document | None, path: DataPath, value: Any) -> str | None:
    """The user's own spelling of a scalar that is not text (``False``, ``1_000``, ``~``)."""
    if doc is None or isinstance(value, str) or value is MISSING:
        return None
    if isinstance(value, dict | list):
        return None
    pos = doc.value_position(path)
    if pos is None or not 0 < pos.line <= len(doc.lines):
        return None
    line = doc.lines[pos.line - 1]
    match = _PLAIN_TOKEN.match(line, max(pos.column - 1, 0))
    if match is None:
        return None
    token = match.group(0).strip()
    # a key with nothing after it points at the next line or the key itself: not a spelling
    if not token or token.endswith(":") or ": " in token:
        return None
    return token


def _short(value: Any, doc: Document | None = None, path: DataPath = ()) -> str:
    """A value for a message, spelt as in the user's YAML, at most a line long."""
    text = _written(doc, path, value)
    if text is None:
        text = _yaml_spelling(value)
    text = " ".join(text.split())
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def as_date(value: Any, *, with_time: bool = True) -> dt.date | None:
    """``value`` as a date: a date, or a text ``YYYY-MM-DD`` that names one; otherwise None.
    A date with a time is kept as it is, or is None with ``with_time=False`` (for a value to
    compare with a date)."""
    if isinstance(value, dt.date) and (with_time or not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def date_in_words(day: dt.date, lang: str) -> str:
    """A date for a sentence: "1 March 2026", "1. März 2026" (the notice's month names)."""
    month = phrase("notice", "month." + str(day.month), lang)
    if lang == "de":
        return str(day.day) + ". " + month + " " + str(day.year)
    return str(day.day) + " " + month + " " + str(day.year)


def _is_empty(value: Any) -> bool:
    return value is MISSING or value is None or (isinstance(value, str) and not value.strip())


def _use_of(data: Any, path: DataPath) -> tuple[Any, DataPath | None]:
    if len(path) >= 2 and path[0] == "uses" and isinstance(path[1], int):
        use = step(data, "uses")
        item = step(use, path[1])
        if item is not MISSING:
            return item, path[:2]
    return MISSING, None


def _use_id(use: Any) -> str | None:
    if isinstance(use, dict):
        ident = use.get("id")
        if isinstance(ident, str):
            return ident
    return None


def select(data: Any, selector: str) -> Iterator[tuple[DataPath, Any]]:
    """The nodes a selector names; lists on the way are iterated."""
    if selector == "manifest":
        yield (), data
        return
    frontier: list[tuple[DataPath, Any]] = [((), data)]
    for key in selector.split("."):
        nxt: list[tuple[DataPath, Any]] = []
        for path, node in frontier:
            child = step(node, key)
            if child is MISSING or child is None:
                continue
            if isinstance(child, list):
                nxt.extend(((*path, key, i), item) for i, item in enumerate(child))
            else:
                nxt.append(((*path, key), child))
        frontier = nxt
    for path, node in frontier:
        if isinstance(node, dict):
            yield path, node


#: What the judge said of each text it was given (see Context.judged), for all documents of a
#: run: the verdict depends on the text, the kind of answer and the minimum of words alone, and
#: the manifests of an organisation share many texts. Emptied when it holds this many.
JUDGED_MAX = 4096
_JUDGED: dict[Any, Any] = {}


class _Emitter:
    """Builds findings for one document in one language."""

    def __init__(self, doc: Document, policies: PolicySet, today: dt.date, lang: str) -> None:
        self.doc = doc
        self.policies = policies
        self.today = today
        self.lang = lang
        #: the judge's verdict on each text (see Context.judged), kept for the next documents
        if len(_JUDGED) >= JUDGED_MAX:
            _JUDGED.clear()
        self.judged: dict[Any, Any] = _JUDGED

    @cached_property
    def today_in_words(self) -> str:
        return date_in_words(self.today, self.lang)

    def emit(
        self,
        rule: Rule,
        blame: DataPath,
        *,
        node_path: DataPath = (),
        extra: dict[str, str] | None = None,
    ) -> Finding:
        doc = self.doc
        data = doc.data
        message, fix, needed = rule.templates(self.lang)
        use, _use_path = _use_of(data, blame)
        use_id = _use_id(use)
        value = doc.get(blame)
        shown = logical_path(data, blame)
        # only the values the texts name are made (a finding names two or three)
        wanted = _ALL_VALUES if needed is None else needed
        values = {"path": shown}
        if "use" in wanted:
            values["use"] = use_id or ""
        if "use_name" in wanted:
            values["use_name"] = (
                str(use.get("name") or use_id or "") if isinstance(use, dict) else ""
            )
        if "field" in wanted:
            rel = blame[len(node_path) :] if blame[: len(node_path)] == node_path else blame
            values["field"] = ".".join(str(p) for p in rel) or shown
        if "value" in wanted or "date" in wanted:
            values["value"] = _short(value, doc, blame)
        if "id" in wanted:
            node = doc.get(node_path)
            values["id"] = str(node.get("id", "")) if isinstance(node, dict) else ""
        if "today" in wanted:
            values["today"] = self.today.isoformat()
        if "today_date" in wanted:
            values["today_date"] = self.today_in_words
        if "date" in wanted:
            when = as_date(value)
            values["date"] = date_in_words(when, self.lang) if when else values["value"]
        empty = _is_empty(value) and "value" not in (extra or {})
        if extra:
            values.update(extra)
        pos = doc.locate(blame)
        return Finding(
            rule_id=rule.id,
            rule_name=rule.name,
            principle=rule.principle,
            severity=rule.severity,
            message=_fill(message, values, empty, self.lang),
            fix=_fill(fix, values, empty, self.lang),
            location=Location(doc.file, pos.line, pos.column, shown),
            use=use_id,
            help_url=rule.help_url,
            pack=rule.pack.name,
            red_line=rule.red_line,
            waivable=rule.waivable,
        )


#: The values a finding's texts may name (see :meth:`_Emitter.emit`).
_ALL_VALUES = frozenset({"use", "use_name", "field", "value", "id", "today", "today_date", "date"})


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, str], empty: bool = False, lang: str = "en") -> str:
    """Fill a rule's template; a quoted empty value (``'{value}'``) is said in words."""
    if empty and "'{value}'" in template:
        template = template.replace("'{value}'", t("empty", lang))
    return template.format_map(_Values(values))


# --- schema ------------------------------------------------------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    from pydantic import BaseModel

    found: list[type[BaseModel]] = []
    stack = [annotation]
    while stack:
        item = stack.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            found.append(item)
            continue
        origin = typing.get_origin(item)
        if origin is typing.Annotated:
            stack.append(typing.get_args(item)[0])
        elif origin in (list, typing.Union, types.UnionType) or origin is not None:
            stack.extend(typing.get_args(item))
    return found


#: The keys allowed in each mapping of a manifest, by the keys on the way to it (list positions
#: left out, joined with ``/``): what :func:`_allowed_keys` says, written down so that an
#: unknown key is explained without pydantic. A test keeps it current (``--update-golden``).
ALLOWED_KEYS_FILE = Path(__file__).with_name("allowed_keys.json")


@cache
def _allowed_table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = json.loads(ALLOWED_KEYS_FILE.read_text("utf-8"))
    return table


def allowed_keys(path: DataPath) -> list[str]:
    """The keys allowed in the mapping at ``path`` of a manifest (from the table, else from the
    models)."""
    found = _allowed_table().get("/".join(str(p) for p in path if not isinstance(p, int)))
    return list(found) if found is not None else _allowed_keys(path)


def allowed_keys_table() -> dict[str, list[str]]:
    """The content of :data:`ALLOWED_KEYS_FILE`, worked out from the models."""
    from ai_coc.read.manifest import Manifest

    table: dict[str, list[str]] = {}
    todo: list[tuple[tuple[str, ...], list[type[BaseModel]]]] = [((), [Manifest])]
    while todo:
        path, models = todo.pop()
        name = "/".join(path)
        if name in table or len(path) > 16:
            continue
        table[name] = _allowed_keys(path)
        for key in table[name]:
            inner = _inner_models(models, key)
            if inner:
                todo.append(((*path, key), inner))
    return dict(sorted(table.items()))


def _inner_models(models: list[type[BaseModel]], key: str) -> list[type[BaseModel]]:
    """The models that describe the value of ``key`` (a name or an alias) in ``models``."""
    found: list[type[BaseModel]] = []
    for model in models:
        info = model.model_fields.get(key)
        if info is None:
            info = next((f for f in model.model_fields.values() if f.alias == key), None)
        if info is not None:
            found.extend(_models_in(info.annotation))
    return found


def _allowed_keys(path: DataPath) -> list[str]:
    """Field names of the model that describes the mapping at ``path``."""
    from ai_coc.read.manifest import Manifest

    models: list[type[BaseModel]] = [Manifest]
    for part in path:
        if not isinstance(part, int):
            models = _inner_models(models, part)
    keys: list[str] = []
    for model in models:
        for name, info in model.model_fields.items():
            key = info.alias or name
            if key not in keys:
                keys.append(key)
    return keys


def _choices(expected: str, lang: str) -> str:
    """Pydantic's ``'a', 'b' or 'c'``, with the "or" in the reader's language."""
    values = re.findall(r"'([^']*)'", expected)
    if len(values) < 2:
        return expected
    quoted = ["'" + str(v) + "'" for v in values]
    return ", ".join(quoted[:-1]) + t(" or ", lang) + quoted[-1]


def schema_findings(doc: Document, policies: PolicySet, emitter: _Emitter) -> list[Finding]:
    """Structural problems of the manifest, all of them, located."""
    schema, nulls = shipped_schema("manifest-v1"), shipped_nulls("manifest-v1")
    if certainly_valid(doc.data, schema, nulls):
        return []  # the usual case, without loading pydantic (see ai_coc.read.fastschema)
    # the usual mistakes (unknown and missing keys, wrong values) are named without it as well
    errors: list[dict[str, Any]] | None = simple_errors(doc.data, schema, nulls)
    if errors is None:
        errors = _pydantic_errors(doc.data)
    grouped: dict[tuple[str, DataPath], dict[str, Any]] = {}
    for error in errors:
        kind = error["type"]
        path = data_path_from_loc(doc, tuple(error["loc"]))
        ctx = error.get("ctx") or {}
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else ""
            allowed = allowed_keys(path[:-1])
            from difflib import get_close_matches  # only when there is a typo (import cost)

            close = get_close_matches(key, allowed, n=1, cutoff=0.6)
            extra = {
                "key": key,
                "suggestion": t(" — did you mean '{key}'?", emitter.lang, key=close[0])
                if close
                else "",
                "allowed": ", ".join(allowed),
            }
            rule_name = UNKNOWN_KEY
        elif kind == "missing":
            rule_name = MISSING_KEY
            extra = {"key": str(path[-1]) if path else ""}
        elif kind in _DATE_ERRORS:
            rule_name = INVALID_DATE
            extra = {"expected": t("a date (YYYY-MM-DD)", emitter.lang)}
        elif kind in _TYPE_ERRORS:
            rule_name = WRONG_TYPE
            extra = {"expected": t(_TYPE_ERRORS[kind], emitter.lang)}
        elif kind == "string_pattern_mismatch":
            rule_name = INVALID_VALUE
            extra = {
                "expected": t(
                    "an identifier in kebab-case such as `newsletter-translation`", emitter.lang
                )
            }
        elif kind in ("literal_error", "enum"):
            rule_name = INVALID_VALUE
            extra = {"expected": _choices(str(ctx.get("expected", "")), emitter.lang)}
        else:  # any other kind pydantic names, in our words and the reader's language
            from ai_coc.read.pydantic_texts import pydantic_message

            rule_name = INVALID_VALUE
            extra = {"expected": pydantic_message(error, emitter.lang)}
        extra.setdefault("key", str(path[-1]) if path else "")
        slot = grouped.get((rule_name, path))
        if slot is None:
            grouped[(rule_name, path)] = extra
        elif rule_name == WRONG_TYPE and extra["expected"] not in slot["expected"]:
            slot["expected"] += t(" or ", emitter.lang) + extra["expected"]
    # A value that fits no member of a union gives a wrong-type and an invalid-value error;
    # one finding per path is enough.
    by_path: dict[DataPath, str] = {}
    findings: list[Finding] = []
    for (rule_name, path), extra in grouped.items():
        if path in by_path and rule_name in (WRONG_TYPE, INVALID_VALUE):
            continue
        by_path[path] = rule_name
        rule = policies.by_name.get(rule_name)
        if rule is None:  # pragma: no cover - the built-in pack always has these
            continue
        parent = path[:-1] if rule_name == UNKNOWN_KEY else path
        findings.append(emitter.emit(rule, path, node_path=parent, extra=extra))
    return findings


def _pydantic_errors(data: Any) -> list[dict[str, Any]]:
    """What pydantic says about the manifest's structure (nothing when it is valid)."""
    from pydantic import ValidationError

    from ai_coc.read.manifest import Manifest

    try:
        Manifest.model_validate(data)
    except ValidationError as exc:
        return [dict(error) for error in exc.errors(include_url=False)]
    return []


def red_line_words(policies: PolicySet) -> dict[str, list[str]]:
    """The skeleton of every text a red line compares with -> the IDs of those red lines."""
    words: dict[str, list[str]] = {}
    for rule in policies.rules:
        if not rule.red_line:
            continue
        for check in (rule.when, rule.require, rule.forbid):
            for text in compared_texts(check):
                ids = words.setdefault(skeleton(text), [])
                if rule.id not in ids:
                    ids.append(rule.id)
    return words


def _lookalike(
    emitter: _Emitter,
    rule: Rule,
    where: DataPath,
    category: str,
    near: tuple[str, str],
    policies: PolicySet,
) -> Finding:
    """A category that looks like, or is a slip of, a vocabulary word: an error. If a red line
    looks for that word, the finding counts as a red line (never softened or waived)."""
    word, why = near
    red = red_line_words(policies).get(skeleton(word), [])
    extra = {
        "value": visible(category),
        "word": word,
        "why": t(LOOKALIKE_WHY[why], emitter.lang),
        "red_line": t(
            " The red line {rules} looks for that word, so this counts as crossing it.",
            emitter.lang,
            rules=", ".join(red),
        )
        if red
        else "",
    }
    finding = emitter.emit(rule, where, node_path=where[:2], extra=extra)
    if red:
        finding = dataclasses.replace(finding, red_line=True, waivable=False)
    return finding


def builtin_findings(
    doc: Document, policies: PolicySet, emitter: _Emitter, env: Environment
) -> list[Finding]:
    """Checks of the tool that need more than the schema: unique ids, the vocabulary."""
    findings: list[Finding] = history_findings(doc, policies, emitter, env)
    uses = step(doc.data, "uses")
    if not isinstance(uses, list):
        return findings
    seen: dict[str, int] = {}
    duplicate = policies.by_name.get(DUPLICATE_USE_ID)
    unknown = policies.by_name.get(UNKNOWN_CATEGORY)
    lookalike = policies.by_name.get(CATEGORY_LOOKALIKE)
    vocabulary = set(CATEGORIES) | set(env.categories)
    folded = {fold(word) for word in vocabulary}
    core = sorted(vocabulary)
    for index, use in enumerate(uses):
        if not isinstance(use, dict):
            continue
        ident = use.get("id")
        if isinstance(ident, str) and duplicate is not None:
            if ident in seen:
                first = doc.locate(("uses", seen[ident], "id")).line
                findings.append(
                    emitter.emit(
                        duplicate,
                        ("uses", index, "id"),
                        node_path=("uses", index),
                        extra={"first_line": str(first)},
                    )
                )
            else:
                seen[ident] = index
        categories = use.get("categories")
        if isinstance(categories, list) and unknown is not None:
            for cindex, category in enumerate(categories):
                if not isinstance(category, str) or category in vocabulary:
                    continue
                if fold(category) in folded:
                    continue  # only case, width or spaces differ: the same word
                where = ("uses", index, "categories", cindex)
                near = near_word(category, core) if lookalike is not None else None
                if near is not None and lookalike is not None:
                    findings.append(_lookalike(emitter, lookalike, where, category, near, policies))
                    continue
                from difflib import get_close_matches

                close = get_close_matches(category, sorted(vocabulary), n=1)
                findings.append(
                    emitter.emit(
                        unknown,
                        where,
                        node_path=("uses", index),
                        extra={
                            "suggestion": t(" — did you mean '{key}'?", emitter.lang, key=close[0])
                            if close
                            else "",
                            "allowed": ", ".join(sorted(vocabulary)),
                        },
                    )
                )
    return findings


def history_findings(
    doc: Document, policies: PolicySet, emitter: _Emitter, env: Environment
) -> list[Finding]:
    """One finding per AI trailer in the git history whose tool no use declares."""
    rule = policies.by_name.get(UNDECLARED_AI_IN_HISTORY)
    if env.history is None or rule is None or not isinstance(doc.data, dict):
        return []
    from dataclasses import replace

    from ai_coc.rules.trailers import undeclared

    review = doc.data.get("review")
    blame: DataPath = ("manifest",)
    if isinstance(review, dict):
        blame = ("review", "last_reviewed") if "last_reviewed" in review else ("review",)
    findings: list[Finding] = []
    for trailer in undeclared(env.history, doc.data):
        finding = emitter.emit(
            rule,
            blame,
            extra={
                "commit": trailer.commit[:12],
                "subject": _short(trailer.subject),
                "trailer": f"{trailer.key}: {trailer.value}",
                "tool": trailer.tool,
                "date": trailer.committed.isoformat(),
            },
        )
        where = replace(finding.location, path=f"history[{trailer.commit[:12]}]")
        findings.append(replace(finding, location=where))
    return findings


# --- policy rules --------------------------------------------------------------------------


#: The nodes a selector names, each with the context the checks look at it in and what the
#: ``when`` of each rule asked so far said of it (by :attr:`Rule.when_key`).
_Selected = list[tuple[DataPath, Context, dict[str, bool]]]


def _contexts(
    doc: Document, selector: str, env: Environment, today: dt.date, judged: dict[Any, Any]
) -> _Selected:
    """Every node ``selector`` names, with the context the checks look at it in."""
    out: _Selected = []
    for path, node in select(doc.data, selector):
        use, use_path = _use_of(doc.data, path)
        out.append((path, Context(doc.data, node, path, use, use_path, today, env, judged), {}))
    return out


def run_rule(
    rule: Rule,
    doc: Document,
    emitter: _Emitter,
    env: Environment,
    today: dt.date,
    contexts: dict[str, _Selected] | None = None,
) -> list[Finding]:
    """Apply one policy rule to every node its selector names. ``contexts``: the nodes of
    each selector, kept for the next rule of the same document (checks never change them;
    rules with the same ``when`` ask it once per node)."""
    findings: list[Finding] = []
    selector = rule.spec.select
    selected = contexts.get(selector) if contexts is not None else None
    if selected is None:
        selected = _contexts(doc, selector, env, today, emitter.judged)
        if contexts is not None:
            contexts[selector] = selected
    when, require, forbid = rule.when, rule.require, rule.forbid
    when_key = rule.when_key if when is not None else None
    for path, ctx, asked in selected:
        if when is not None:
            assert when_key is not None
            holds = asked.get(when_key)
            if holds is None:
                holds = asked[when_key] = when.holds(ctx)
            if not holds:
                continue
        result: Result
        # most nodes pass: only a finding needs the field to blame (evaluate)
        if require is not None:
            if require.holds(ctx):
                continue
            result = require.evaluate(ctx)
        else:
            assert forbid is not None
            if not forbid.holds(ctx):
                continue
            result = forbid.evaluate(ctx)
        blame = result.blame if result.blame is not None else path
        problem = ""
        if rule.require is not None:
            if result.problem is None or result.problem.kind == "missing":
                problem = _what_is_missing(doc, blame, path, emitter.lang)
            else:
                problem = problem_text(result.problem, emitter.lang)
        findings.append(emitter.emit(rule, blame, node_path=path, extra={"problem": problem}))
    return findings


def _what_is_missing(doc: Document, blame: DataPath, node_path: DataPath, lang: str) -> str:
    """``{problem}`` for a field that a rule needs: missing, empty, or there with a value.

    A ``status`` missing from a section whose other keys are there says so: a ``labour:``
    section with tasks but no status word is not "no labour section".
    """
    value = doc.get(blame)
    if value is MISSING:
        parent = doc.get(blame[:-1]) if len(blame) > len(node_path) + 1 else MISSING
        if isinstance(parent, dict) and blame[-1] == "status":
            others = [str(k) for k, v in parent.items() if not _is_empty(v)]
            if others:
                return t(
                    "is missing: only the status word is missing, "
                    "the rest of '{section}' is there ({keys})",
                    lang,
                    section=str(blame[-2]),
                    keys=", ".join(others),
                )
        return t("is missing", lang)
    if _is_empty(value) or (isinstance(value, dict | list) and not value):
        return t("is empty", lang)
    return t("is {value}", lang, value="'" + _short(value, doc, blame) + "'")


def _under(path: str, prefixes: set[str]) -> bool:
    return any(
        path == prefix or path.startswith((prefix + ".", prefix + "[")) for prefix in prefixes
    )


#: Structural rules whose findings mean that red lines may not have seen the manifest right.
_UNREADABLE = frozenset({UNKNOWN_KEY, WRONG_TYPE, INVALID_VALUE, INVALID_DATE, MISSING_KEY})


def _unreadable_under_red_lines(finding: Finding, lang: str) -> Finding:
    """With red lines in force, a manifest that cannot be read as written (a wrong type, a missing
    `status`, an unknown key) fails the check whatever ``fail_on`` says: its red lines cannot be
    decided. Such a finding counts as a red line."""
    if finding.rule_name not in _UNREADABLE or finding.severity != "error":
        return finding
    note = t(
        " (red lines are in force and cannot be checked on a manifest "
        "that cannot be read as written, so this fails the check)",
        lang,
    )
    return dataclasses.replace(
        finding, red_line=True, waivable=False, message=finding.message + note
    )


def evaluate(
    doc: Document,
    policies: PolicySet,
    today: dt.date,
    *,
    lang: str = "en",
    env: Environment | None = None,
) -> list[Finding]:
    """Every finding for ``doc``: schema problems first, then each policy rule, sorted."""
    env = env or Environment()
    emitter = _Emitter(doc, policies, today, lang)
    structural = schema_findings(doc, policies, emitter)
    structural += builtin_findings(doc, policies, emitter, env)
    vocabulary_rules = (UNKNOWN_CATEGORY, CATEGORY_LOOKALIKE)  # the rest of the use is fine
    broken = {f.location.path for f in structural if f.rule_name not in vocabulary_rules}
    if any(rule.red_line for rule in policies.rules):
        structural = [_unreadable_under_red_lines(f, emitter.lang) for f in structural]
    findings = list(structural)
    contexts: dict[str, _Selected] = {}
    for rule in policies.rules:
        if rule.spec.kind != "policy":
            continue
        for finding in run_rule(rule, doc, emitter, env, today, contexts):
            # a red line is reported even where the structure is broken (`categories: recruiting`)
            if finding.red_line or not _under(finding.location.path, broken):
                findings.append(finding)
    findings.sort(key=lambda f: f.sort_key)
    return findings
