"""The small registry of named checks a policy rule may use.

A rule is data: a selector, optional ``when`` conditions and a ``require`` or ``forbid``
clause, each built from the checks below. Checks never do I/O themselves; the one check
that asks about files (``path_exists``) goes through :class:`Environment`, which the caller
provides.

Every check is written as a one-key mapping, ``{check_name: arguments}``. Checks that look
at one field also accept the field path alone (``present: labour``). Field paths are
dotted and relative to the selected node; ``$use.`` starts at the use the node belongs to
and ``$root.`` at the top of the manifest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from ai_coc.i18n import N_, interview_questions, phrase
from ai_coc.read.document import MISSING, DataPath, step
from ai_coc.read.textfold import same_text, skeleton
from ai_coc.records import FrozenRecord, Record
from ai_coc.rules.judge import KINDS, Problem, copies, judge

#: Longest text a ``matches`` pattern is run against.
MAX_MATCH_INPUT = 2_000


class CheckError(ValueError):
    """A check is written wrongly in a policy pack. ``path`` points into the rule."""

    def __init__(self, message: str, path: tuple[str | int, ...] = (), /, **values: object) -> None:
        super().__init__(message.format(**values))
        self.path = path
        #: the English text (a gettext msgid) and its values, for the loader to translate
        self.message = message
        self.values = values


@dataclass(frozen=True, eq=False, repr=False)
class FieldRef(FrozenRecord):
    """A parsed field path such as ``labour.justification`` or ``$use.status``."""

    anchor: str  # "node", "use" or "root"
    parts: tuple[str, ...]
    text: str

    @classmethod
    def parse(cls, text: Any, where: tuple[str | int, ...] = ()) -> FieldRef:
        known = _PARSED.get(text) if type(text) is str else None
        if known is not None:  # a pack names the same fields again and again
            return known
        if not isinstance(text, str) or not text.strip():
            raise CheckError(N_("a field path (text such as `labour.status`) is expected"), where)
        raw = text.strip()
        anchor = "node"
        rest = raw
        for prefix, name in (("$use", "use"), ("$root", "root")):
            if raw == prefix or raw.startswith(prefix + "."):
                anchor = name
                rest = raw[len(prefix) + 1 :]
                break
        parts = tuple(p for p in rest.split(".") if p) if rest not in ("", ".") else ()
        for part in parts:
            if not re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$-]*", part):
                raise CheckError(N_("'{path}' is not a valid field path"), where, path=raw)
        parsed = cls(anchor, parts, raw)
        if cls is FieldRef and len(_PARSED) < 4096:
            _PARSED[text] = parsed
        return parsed


#: Field paths parsed so far (a :class:`FieldRef` never changes).
_PARSED: dict[str, FieldRef] = {}


@dataclass(eq=False, repr=False)
class Environment(Record):
    """What the engine may ask about the world, provided by the caller (no I/O in checks)."""

    path_exists: Callable[[str], bool] = field(default=lambda _p: False)
    categories: frozenset[str] = frozenset()
    #: AI trailers of the commits since the last review (:class:`ai_coc.run.history.Trailer`);
    #: ``None`` when the history is not read (no git repository, or ``history: false``)
    history: tuple[Any, ...] | None = None
    #: the questions of ``ai-coc init`` (no answer when pasted back), asked for when a text is
    #: first judged; a check run passes the cache's copy (:mod:`ai_coc.rules.cache`)
    questions: Callable[[], frozenset[str]] = interview_questions


@dataclass(slots=True, eq=False, repr=False)
class Context(Record):
    """The node a rule is looking at, and where it sits in the manifest."""

    root: Any
    node: Any
    path: DataPath
    use: Any
    use_path: DataPath | None
    today: dt.date
    env: Environment
    #: what the judge said about each text of this manifest, so that a text several rules
    #: judge is judged once (``None``: not kept)
    judged: dict[tuple[Any, ...], Problem | None] | None = None

    def resolve(self, ref: FieldRef) -> tuple[DataPath, Any]:
        if ref.anchor == "root":
            base_path: DataPath = ()
            value: Any = self.root
        elif ref.anchor == "use":
            if self.use_path is None:
                return ((*self.path, *ref.parts), MISSING)
            base_path, value = self.use_path, self.use
        else:
            base_path, value = self.path, self.node
        for part in ref.parts:  # field paths have no numbers: a step into a mapping
            value = value.get(part, MISSING) if value.__class__ is dict else step(value, part)
        return ((*base_path, *ref.parts), value)

    def value_of(self, ref: FieldRef) -> Any:
        """The value :meth:`resolve` gives, without its path."""
        if ref.anchor == "root":
            value: Any = self.root
        elif ref.anchor == "use":
            if self.use_path is None:
                return MISSING
            value = self.use
        else:
            value = self.node
        for part in ref.parts:
            value = value.get(part, MISSING) if value.__class__ is dict else step(value, part)
        return value


class Result(NamedTuple):
    """Whether a check holds, and which field it is about (for locating findings)."""

    holds: bool
    blame: DataPath | None = None
    #: what the judge found wrong with a text (for ``{problem}`` in the rule's message)
    problem: Problem | None = None


class Check:
    """Base class of all checks."""

    #: the name a rule writes; what the check tests is the entry ``name`` of
    #: ``ai_coc/texts/checks.yaml`` (the reference page of the checks shows it)
    name: ClassVar[str] = ""
    #: example of the YAML form, for the docs
    example: ClassVar[str] = ""

    def evaluate(self, ctx: Context) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def holds(self, ctx: Context) -> bool:
        """``evaluate(ctx).holds``, maybe quicker (without the field it is about)."""
        return self.evaluate(ctx).holds

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "evaluate" in cls.__dict__ and "holds" not in cls.__dict__:
            cls.holds = Check.holds  # type: ignore[method-assign]  # a quicker one may disagree

    def fields(self) -> list[FieldRef]:
        """Fields this check reads (for validation and docs)."""
        return []


REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Register a check class under its ``name``."""
    REGISTRY[cls.name] = cls
    return cls


def _is_present(value: Any) -> bool:
    return value is not MISSING and value is not None


def _is_non_empty(value: Any) -> bool:
    if not _is_present(value):
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list | dict):
        return bool(value)
    return True


def _field_args(
    args: Any, where: tuple[str | int, ...], allowed: Sequence[str] = ()
) -> dict[str, Any]:
    """Accept ``field`` alone or a mapping with ``field`` and options."""
    if isinstance(args, str):
        return {"field": FieldRef.parse(args, where)}
    if isinstance(args, Mapping):
        unknown = set(args) - {"field", *allowed}
        if unknown:
            raise CheckError(
                N_("unknown option(s) {unknown}; allowed: {allowed}"),
                where,
                unknown=", ".join(sorted(map(str, unknown))),
                allowed=", ".join(("field", *allowed)),
            )
        if "field" not in args:
            raise CheckError(N_("the option '{name}' is missing"), where, name="field")
        out = dict(args)
        out["field"] = FieldRef.parse(args["field"], (*where, "field"))
        return out
    raise CheckError(N_("expected a field path or a mapping with 'field'"), where)


class FieldCheck(Check):
    """A check that looks at one field."""

    options: ClassVar[tuple[str, ...]] = ()
    required: ClassVar[tuple[str, ...]] = ()

    def __init__(self, args: Any, where: tuple[str | int, ...]) -> None:
        parsed = _field_args(args, where, self.options)
        for name in self.required:
            if name not in parsed:
                raise CheckError(N_("the option '{name}' is missing"), where, name=name)
        self.field: FieldRef = parsed.pop("field")
        self.args = parsed
        self.setup(where)

    def setup(self, where: tuple[str | int, ...]) -> None:
        """Validate options (override)."""

    def fields(self) -> list[FieldRef]:
        return [self.field]

    def evaluate(self, ctx: Context) -> Result:
        path, value = ctx.resolve(self.field)
        return Result(self.test(value, ctx), path)

    def holds(self, ctx: Context) -> bool:
        return self.test(ctx.value_of(self.field), ctx)

    def test(self, value: Any, ctx: Context) -> bool:  # pragma: no cover - abstract
        raise NotImplementedError


@register
class Present(FieldCheck):
    name = "present"
    example = "present: accountability.owner"

    def test(self, value: Any, ctx: Context) -> bool:
        return _is_present(value)


@register
class NonEmpty(FieldCheck):
    name = "non_empty"
    example = "non_empty: purpose"

    def test(self, value: Any, ctx: Context) -> bool:
        return _is_non_empty(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, str) and isinstance(b, str):
        # compared as a reader sees them: NFKC, case, spaces, look-alike letters, invisible
        # characters (see ai_coc.read.textfold), so a red line cannot be dodged by spelling
        return same_text(a, b)
    return bool(a == b)


@register
class Equals(FieldCheck):
    name = "equals"
    options = ("value",)
    required = ("value",)
    example = "equals: {field: audience, value: public}"

    def test(self, value: Any, ctx: Context) -> bool:
        return _same(value, self.args["value"])


@register
class OneOf(FieldCheck):
    name = "one_of"
    options = ("values",)
    required = ("values",)
    example = "one_of: {field: status, values: [active, pilot]}"

    def setup(self, where: tuple[str | int, ...]) -> None:
        if not isinstance(self.args["values"], list) or not self.args["values"]:
            raise CheckError(N_("'values' must be a non-empty list"), (*where, "values"))

    def test(self, value: Any, ctx: Context) -> bool:
        if value is MISSING:
            return False  # equal to no value
        if value.__class__ is str:
            # the same as comparing with each value (see _same), with the texts looked at once
            texts = self._texts
            if texts is None:
                values = self.args["values"]
                texts = self._texts = (
                    frozenset(v for v in values if isinstance(v, str)),
                    frozenset(skeleton(v) for v in values if isinstance(v, str)),
                )
            return value in texts[0] or skeleton(value) in texts[1]
        return any(_same(value, v) for v in self.args["values"])

    _texts: tuple[frozenset[str], frozenset[str]] | None = None


def _contains(container: Any, item: Any) -> bool:
    if isinstance(container, list):
        return any(_same(x, item) for x in container)
    if isinstance(container, str) and isinstance(item, str):
        return skeleton(item) in skeleton(container)
    return False


@register
class Contains(FieldCheck):
    name = "contains"
    options = ("value",)
    required = ("value",)
    example = "contains: {field: categories, value: recruiting}"

    def test(self, value: Any, ctx: Context) -> bool:
        return _contains(value, self.args["value"])


@register
class ContainsAny(FieldCheck):
    name = "contains_any"
    options = ("values",)
    required = ("values",)
    example = "contains_any: {field: categories, values: [image-generation, video-generation]}"

    def setup(self, where: tuple[str | int, ...]) -> None:
        if not isinstance(self.args["values"], list) or not self.args["values"]:
            raise CheckError(N_("'values' must be a non-empty list"), (*where, "values"))

    def test(self, value: Any, ctx: Context) -> bool:
        if isinstance(value, list):
            # the same as _contains for each value: a text item is compared with the texts
            # (looked at once), any other item with the other values
            texts, others = self._split()
            for item in value:
                if isinstance(item, str):
                    if item in texts[0] or (texts[1] and skeleton(item) in texts[1]):
                        return True
                elif others and any(_same(item, v) for v in others):
                    return True
            return False
        return any(_contains(value, v) for v in self.args["values"])

    _parts: tuple[tuple[frozenset[str], frozenset[str]], list[Any]] | None = None

    def _split(self) -> tuple[tuple[frozenset[str], frozenset[str]], list[Any]]:
        """The texts among the values (as written and as skeletons) and the other values."""
        if self._parts is None:
            values = self.args["values"]
            texts = [v for v in values if isinstance(v, str)]
            self._parts = (
                (frozenset(texts), frozenset(skeleton(v) for v in texts)),
                [v for v in values if not isinstance(v, str)],
            )
        return self._parts


@register
class Matches(FieldCheck):
    name = "matches"
    options = ("pattern", "ignore_case")
    required = ("pattern",)
    example = r"matches: {field: contacts.feedback, pattern: '^(https?://|mailto:|\S+@\S+)'}"

    def setup(self, where: tuple[str | int, ...]) -> None:
        pattern = self.args["pattern"]
        if not isinstance(pattern, str):
            raise CheckError(N_("'pattern' must be text"), (*where, "pattern"))
        self._flags = re.IGNORECASE if self.args.get("ignore_case") else 0
        self._regex: re.Pattern[str] | None = None
        if _trusted:
            return  # checked when the pack was compiled; compiled on first use
        try:
            self._regex = re.compile(pattern, self._flags)
        except re.error as exc:
            raise CheckError(
                N_("invalid regular expression: {reason}"), (*where, "pattern"), reason=str(exc)
            ) from None
        from ai_coc.rules.saferegex import pattern_problem

        problem = pattern_problem(pattern, self._flags)
        if problem:
            raise CheckError(problem[0], (*where, "pattern"), **problem[1])

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.args["pattern"], self._flags)
        return self._regex

    def test(self, value: Any, ctx: Context) -> bool:
        if not isinstance(value, str):
            return False
        return self.regex.search(value[:MAX_MATCH_INPUT]) is not None


# --- justifications ------------------------------------------------------------------


def justification_problem(
    value: Any,
    min_words: int | None = None,
    kind: str = "justification",
    questions: Callable[[], frozenset[str]] = interview_questions,
) -> Problem | None:
    """Why ``value`` is no real answer for a field of ``kind``, or ``None`` if it is one.

    The judge (:mod:`ai_coc.rules.judge`) decides; the ``questions`` of ``ai-coc init`` pasted
    back count as no answer.
    """
    return judge(value, kind, min_words=min_words, questions=questions())


def problem_text(problem: Problem | None, lang: str) -> str:
    """What the judge found, in words for a rule message (``{problem}``): the entry of its
    kind in ``ai_coc/texts/problems.yaml``."""
    if problem is None:
        return phrase("problems", "missing", lang)
    return phrase(
        "problems",
        problem.kind,
        lang,
        match=problem.match,
        words=problem.words,
        needed=problem.needed,
        source=problem.source,
    )


@register
class Justified(FieldCheck):
    name = "justified"
    options = ("min_words", "kind")
    example = "justified: {field: data.inputs.legal_basis, kind: legal-basis}"

    def setup(self, where: tuple[str | int, ...]) -> None:
        words = self.args.get("min_words")
        if words is not None and (
            not isinstance(words, int) or isinstance(words, bool) or not 1 <= words <= 100
        ):
            raise CheckError(N_("'min_words' must be a whole number from 1 to 100"), where)
        kind = self.args.get("kind", "justification")
        if kind not in KINDS:
            raise CheckError(
                N_("'kind' must be one of {kinds}"), (*where, "kind"), kinds=", ".join(KINDS)
            )
        self.min_words: int | None = words
        self.kind: str = kind

    def evaluate(self, ctx: Context) -> Result:
        path, value = ctx.resolve(self.field)
        problem = self._judge(value, ctx)
        return Result(problem is None, path, problem)

    def test(self, value: Any, ctx: Context) -> bool:
        return self._judge(value, ctx) is None

    holds = FieldCheck.holds  # test() agrees with evaluate()

    def _judge(self, value: Any, ctx: Context) -> Problem | None:
        judged = ctx.judged
        questions = ctx.env.questions
        if judged is None:
            return justification_problem(value, self.min_words, self.kind, questions)
        if value.__class__ is str or value is MISSING or value is None:
            key: tuple[Any, ...] = (value, self.min_words, self.kind)
        elif value.__class__ is list and all(item.__class__ is str for item in value):
            key = (tuple(value), self.min_words, self.kind)  # a list of reasons (no str: a tuple)
        else:
            return justification_problem(value, self.min_words, self.kind, questions)
        if key in judged:
            return judged[key]
        problem = judged[key] = justification_problem(value, self.min_words, self.kind, questions)
        return problem


@register
class DistinctTexts(Check):
    name = "distinct_texts"
    example = "distinct_texts: [weighing.non_use, labour.justification, provenance.justification]"

    def __init__(self, args: Any, where: tuple[str | int, ...]) -> None:
        if not isinstance(args, list) or len(args) < 2:
            raise CheckError(N_("expected a list of at least two field paths"), where)
        self.refs = [FieldRef.parse(a, (*where, i)) for i, a in enumerate(args)]

    def fields(self) -> list[FieldRef]:
        return list(self.refs)

    def evaluate(self, ctx: Context) -> Result:
        texts: dict[str, str] = {}
        paths: dict[str, DataPath] = {}
        for ref in self.refs:
            path, value = ctx.resolve(ref)
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = "; ".join(value)
            if isinstance(value, str) and value.strip():
                texts[ref.text] = value
                paths[ref.text] = path
        copied = copies(texts)
        if not copied:
            return Result(True, None)
        field, source = next(iter(copied.items()))
        return Result(False, paths[field], Problem("copy", source=source))


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


class DateCheck(FieldCheck):
    options = ("days",)

    def setup(self, where: tuple[str | int, ...]) -> None:
        days = self.args.get("days", 0)
        if not isinstance(days, int) or isinstance(days, bool) or abs(days) > 36_600:
            raise CheckError(N_("'days' must be a whole number (e.g. -365)"), where)
        self.days = days

    def reference(self, ctx: Context) -> dt.date:
        return ctx.today + dt.timedelta(days=self.days)


@register
class DateBeforeToday(DateCheck):
    name = "date_before_today"
    example = "date_before_today: {field: competences.last_training, days: -365}"

    def test(self, value: Any, ctx: Context) -> bool:
        date = _as_date(value)
        return date is not None and date < self.reference(ctx)


@register
class DateAfterToday(DateCheck):
    name = "date_after_today"
    example = "date_after_today: waivers.expires"

    def test(self, value: Any, ctx: Context) -> bool:
        date = _as_date(value)
        return date is not None and date > self.reference(ctx)


@register
class MinItems(FieldCheck):
    name = "min_items"
    options = ("count",)
    required = ("count",)
    example = "min_items: {field: weighing.alternatives, count: 1}"

    def setup(self, where: tuple[str | int, ...]) -> None:
        count = self.args["count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise CheckError(N_("'count' must be a whole number of 0 or more"), where)

    def test(self, value: Any, ctx: Context) -> bool:
        return isinstance(value, list) and len(value) >= self.args["count"]


_URL = re.compile(r"^(https?://|mailto:)\S+$", re.IGNORECASE)


@register
class PathExists(FieldCheck):
    name = "path_exists"
    example = "path_exists: $root.transparency.notice"

    def test(self, value: Any, ctx: Context) -> bool:
        if not isinstance(value, str) or not value.strip():
            return False
        if _URL.match(value.strip()):
            return True
        return ctx.env.path_exists(value.strip())


@register
class AnyItem(Check):
    name = "any_item"
    example = (
        "any_item: {field: $root.uses, check: {one_of: {field: status, values: [active, pilot]}}}"
    )

    def __init__(self, args: Any, where: tuple[str | int, ...]) -> None:
        parsed = _field_args(args, where, ("check",))
        if "check" not in parsed:
            raise CheckError(N_("the option '{name}' is missing"), where, name="check")
        self.field: FieldRef = parsed["field"]
        self.child = compile_check(parsed["check"], (*where, "check"))

    def fields(self) -> list[FieldRef]:
        return [self.field]

    def evaluate(self, ctx: Context) -> Result:
        path, value = ctx.resolve(self.field)
        if not isinstance(value, list):
            return Result(False, path)
        for index, item in enumerate(value):
            item_path: DataPath = (*path, index)
            use, use_path = ctx.use, ctx.use_path
            if len(item_path) == 2 and item_path[0] == "uses":
                use, use_path = item, item_path
            child_ctx = Context(
                root=ctx.root,
                node=item,
                path=item_path,
                use=use,
                use_path=use_path,
                today=ctx.today,
                env=ctx.env,
                judged=ctx.judged,
            )
            if self.child.evaluate(child_ctx).holds:
                return Result(True, item_path)
        return Result(False, path)


class Combinator(Check):
    def __init__(self, args: Any, where: tuple[str | int, ...]) -> None:
        if not isinstance(args, list) or not args:
            raise CheckError(
                N_("'{name}' expects a non-empty list of checks"), where, name=self.name
            )
        self.children = [compile_check(a, (*where, i)) for i, a in enumerate(args)]

    def fields(self) -> list[FieldRef]:
        return [f for c in self.children for f in c.fields()]


@register
class All(Combinator):
    name = "all"
    example = "all: [{present: labour}, {present: provenance}]"

    def evaluate(self, ctx: Context) -> Result:
        last: Result = Result(True, None)
        for child in self.children:
            last = child.evaluate(ctx)
            if not last.holds:
                return last
        return Result(True, last.blame)

    def holds(self, ctx: Context) -> bool:
        for child in self.children:  # noqa: SIM110 - a loop is quicker than all() of a generator
            if not child.holds(ctx):
                return False
        return True


@register
class AnyOf(Combinator):
    name = "any"
    example = "any: [{equals: {field: audience, value: public}}, {equals: {field: audience, value: clients}}]"  # noqa: E501

    def evaluate(self, ctx: Context) -> Result:
        first: Result | None = None
        for child in self.children:
            result = child.evaluate(ctx)
            if result.holds:
                return result
            first = first or result
        return Result(False, first.blame if first else None, first.problem if first else None)

    def holds(self, ctx: Context) -> bool:
        for child in self.children:  # noqa: SIM110 - a loop is quicker than any() of a generator
            if child.holds(ctx):
                return True
        return False


@register
class Not(Check):
    name = "not"
    example = "not: {equals: {field: status, value: retired}}"

    def __init__(self, args: Any, where: tuple[str | int, ...]) -> None:
        self.child = compile_check(args, where)

    def fields(self) -> list[FieldRef]:
        return self.child.fields()

    def evaluate(self, ctx: Context) -> Result:
        result = self.child.evaluate(ctx)
        return Result(not result.holds, result.blame)

    def holds(self, ctx: Context) -> bool:
        return not self.child.holds(ctx)


#: Set while a pack is rebuilt from its compiled form: its checks were validated when the pack
#: was compiled, so regular expressions are neither analysed again nor compiled before use.
_trusted = False


@contextmanager
def trusted_specs() -> Iterator[None]:
    """Compile checks that are known to be valid (from a compiled pack) without re-checking."""
    global _trusted
    before, _trusted = _trusted, True
    try:
        yield
    finally:
        _trusted = before


def compile_check(spec: Any, where: tuple[str | int, ...] = ()) -> Check:
    """Turn the YAML form of a check into a :class:`Check`; a list means ``all``."""
    if isinstance(spec, list):
        return All(spec, where)
    if not isinstance(spec, Mapping) or len(spec) != 1:
        raise CheckError(
            N_(
                "a check is a mapping with exactly one check name, e.g. `present: labour`; "
                "known checks: {known}"
            ),
            where,
            known=", ".join(sorted(REGISTRY)),
        )
    ((name, args),) = spec.items()
    cls = REGISTRY.get(str(name))
    if cls is None:
        import difflib

        close = difflib.get_close_matches(str(name), REGISTRY, n=1)
        known = ", ".join(sorted(REGISTRY))
        if close:
            raise CheckError(
                N_("unknown check '{name}' (did you mean '{close}'?); known checks: {known}"),
                (*where, str(name)),
                name=name,
                close=close[0],
                known=known,
            )
        raise CheckError(
            N_("unknown check '{name}'; known checks: {known}"),
            (*where, str(name)),
            name=name,
            known=known,
        )
    return cls(args, (*where, str(name)))  # type: ignore[call-arg]


def compared_texts(check: Check | None) -> Iterator[str]:
    """The fixed texts a check compares values with (``equals``, ``one_of``, ``contains``,
    ``contains_any``), through ``all``, ``any``, ``not`` and ``any_item``."""
    if check is None:
        return
    if isinstance(check, Equals | Contains):
        if isinstance(check.args["value"], str):
            yield check.args["value"]
    elif isinstance(check, OneOf | ContainsAny):
        yield from (v for v in check.args["values"] if isinstance(v, str))
    elif isinstance(check, Combinator):
        for child in check.children:
            yield from compared_texts(child)
    elif isinstance(check, Not | AnyItem):
        yield from compared_texts(check.child)
