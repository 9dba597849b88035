"""Policy packs: folders of YAML rules, loaded, validated and compiled.

A pack is a folder with ``pack.yaml`` (name, version, texts, principles) and any number of
rule files (``*.yaml`` with a top-level ``rules:`` list). Example manifests for
``ai-coc policy test`` live in ``examples/<RULE-ID>/{fail,pass}.yaml`` inside the pack.

Packs are data and never execute code. A broken pack raises
:class:`~ai_coc.errors.InputError` pointing at the pack file and line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ai_coc.checks import Check, CheckError, compile_check
from ai_coc.errors import InputError
from ai_coc.i18n import pick, t
from ai_coc.yamlio import (
    Document,
    data_path_from_loc,
    display_path,
    parse_document,
    read_text,
)

if TYPE_CHECKING:
    from pydantic import ValidationError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

BUILTIN_PACK = "coc"
DOCS_URL = "https://ai-coc.readthedocs.io/en/latest"

#: Placeholders every message template may use.
COMMON_PLACEHOLDERS = frozenset({"use", "use_name", "path", "field", "value", "id", "today"})
#: Extra placeholders the tool fills in for its own (built-in) rules.
BUILTIN_PLACEHOLDERS = frozenset(
    {"key", "expected", "suggestion", "allowed", "first_line", "problem", "rule", "days"}
    | {"commit", "subject", "trailer", "tool", "date"}  # undeclared-ai-in-history
)

#: Where a selector may point: each part is a key; lists on the way are iterated.
SELECTOR = re.compile(r"^(manifest|[a-z_]+(\.[a-z_]+)*)$")

LocalText = str | dict[str, str]

#: The slugs of the eight principles (the contract in the spec); a pack that declares no
#: principles of its own is checked against these.
PRINCIPLE_SLUGS: tuple[str, ...] = (
    "weighing",
    "human-centredness",
    "transparency",
    "participation",
    "discrimination-critical",
    "accountability",
    "competences",
    "ecological-sustainability",
)


@dataclass(frozen=True)
class Principle:
    """One principle of the Code of Conduct, as declared by the built-in pack."""

    slug: str
    number: int
    name: dict[str, str]
    summary: dict[str, str]


@dataclass(frozen=True)
class PackMeta:
    """The contents of ``pack.yaml`` (validated by :class:`ai_coc.packmodels.PackMetaModel`)."""

    name: str
    version: str
    prefix: str
    title: LocalText
    description: LocalText | None = None
    homepage: str | None = None
    help_url: str | None = None
    principles: list[Principle] = field(default_factory=list)
    examples_today: dt.date | None = None
    red_lines: bool = False

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PackMeta:
        values = dict(data)
        values["principles"] = [Principle(**p) for p in values.get("principles") or ()]
        today = values.get("examples_today")
        if isinstance(today, str):
            values["examples_today"] = dt.date.fromisoformat(today)
        return cls(**values)


@dataclass(frozen=True)
class RuleSpec:
    """A rule as written in a pack file (validated by :class:`ai_coc.packmodels.RuleModel`)."""

    id: str
    name: str
    severity: Severity
    since: str
    summary: LocalText
    rationale: LocalText
    fix: LocalText
    message: LocalText
    principle: str | None = None
    source: str | None = None
    kind: Literal["policy", "builtin"] = "policy"
    select: str = "manifest"
    when: Any = None
    require: Any = None
    forbid: Any = None
    red_line: bool | None = None
    waivable: bool | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Rule:
    """A compiled rule, ready for the engine."""

    spec: RuleSpec
    pack: Pack
    file: str
    line: int
    when: Check | None
    require: Check | None
    forbid: Check | None
    red_line: bool
    waivable: bool

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def principle(self) -> str | None:
        return self.spec.principle

    @property
    def severity(self) -> str:
        return self.spec.severity

    def text(self, which: str, lang: str | None = None) -> str:
        """One of the rule's texts (summary, rationale, fix, message) in ``lang``."""
        value: LocalText = getattr(self.spec, which)
        return pick(value, lang)

    @property
    def help_url(self) -> str:
        template = self.pack.meta.help_url
        if not template:
            return self.pack.meta.homepage or ""
        return template.format(id=self.id, id_lower=self.id.lower(), name=self.name)

    def example_path(self, kind: str) -> Path:
        """``examples/<ID>/<kind>.yaml`` inside the pack."""
        return self.pack.root / "examples" / self.id / f"{kind}.yaml"


@dataclass
class Pack:
    """A loaded policy pack."""

    meta: PackMeta
    root: Path
    sha256: str
    origin: str
    rules: list[Rule] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def version(self) -> str:
        return self.meta.version


@dataclass
class PolicySet:
    """All loaded packs and their rules, with lookup by ID and name."""

    packs: list[Pack]
    principles: list[Principle]

    def __post_init__(self) -> None:
        self.by_id: dict[str, Rule] = {}
        self.by_name: dict[str, Rule] = {}
        for pack in self.packs:
            for rule in pack.rules:
                for table, key in ((self.by_id, rule.id), (self.by_name, rule.name)):
                    other = table.get(key)
                    if other is not None:
                        raise InputError(
                            t(
                                "pack.invalid",
                                problem=f"the rule '{key}' is defined twice "
                                f"(also in {other.file}:{other.line})",
                            ),
                            file=rule.file,
                            line=rule.line,
                            hint=t("pack.invalid.hint"),
                        )
                    table[key] = rule

    @property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]

    def find(self, id_or_name: str) -> Rule | None:
        """A rule by ID (case-insensitive) or name."""
        return self.by_id.get(id_or_name.upper()) or self.by_name.get(id_or_name.lower())

    def principle(self, slug: str | None) -> Principle | None:
        for principle in self.principles:
            if principle.slug == slug:
                return principle
        return None


# --- loading -----------------------------------------------------------------------------


def builtin_pack_dir(name: str = BUILTIN_PACK) -> Path:
    """The folder of a pack shipped with ai-coc (in the wheel, or in a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_policies" / name, here.parents[1] / "policies" / name):
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise InputError(t("pack.not_found", name=name))


def _pack_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*.y*ml") if p.suffix in (".yaml", ".yml") and p.is_file())


def _digest(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def _pack_error(doc: Document, loc: tuple[Any, ...], problem: str) -> InputError:
    path = tuple(loc)
    pos = doc.locate(path)
    return InputError(
        t("pack.invalid", problem=problem),
        file=doc.file,
        line=pos.line,
        column=pos.column,
        hint=t("pack.invalid.hint"),
    )


def _validation_problem(doc: Document, exc: ValidationError, prefix: tuple[Any, ...]) -> InputError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    real = data_path_from_loc(doc, (*prefix, *first["loc"]))
    where = ".".join(str(p) for p in real) or "(top level)"
    more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
    return _pack_error(doc, real, f"{where}: {first['msg']}{more}")


def _template_names(template: str) -> set[str]:
    names: set[str] = set()
    for _literal, name, _spec, _conv in string.Formatter().parse(template):
        if name is not None:
            names.add(name)
    return names


def load_pack(root: Path, *, origin: str | None = None) -> Pack:
    """Load the pack in folder ``root``: from its compiled form if that is current, else from
    its YAML files (validated and compiled; the result is kept in the cache)."""
    if not root.is_dir():
        raise InputError(t("pack.not_found", name=str(root)), hint=t("pack.invalid.hint"))
    meta_path = root / "pack.yaml"
    if not meta_path.is_file():
        raise InputError(
            t("pack.invalid", problem="the folder has no pack.yaml"),
            file=display_path(root),
            hint=t("pack.invalid.hint"),
        )
    files = [p for p in _pack_files(root) if p.name not in ("pack.yaml", "pack.yml")]
    inside = root.resolve()
    for path in (meta_path, *files):
        if inside not in path.resolve().parents:
            raise InputError(
                t("pack.invalid", problem="this file links to a place outside the pack folder"),
                file=display_path(path),
                hint=t("pack.invalid.hint"),
            )
    sha256 = _digest(root, [meta_path, *files])
    origin = origin or display_path(root)
    from ai_coc import packcache

    for compiled in packcache.candidates(root, sha256):
        pack = packcache.pack_from_compiled(compiled, root, origin)
        if pack is not None:
            return pack
    pack = compile_pack(root, meta_path, files, sha256, origin)
    packcache.store(pack)
    return pack


def compile_pack(root: Path, meta_path: Path, files: list[Path], sha256: str, origin: str) -> Pack:
    """Validate and compile the pack from its YAML files (uses pydantic)."""
    from pydantic import ValidationError

    from ai_coc.packmodels import PackMetaModel

    meta_doc = parse_document(
        read_text(meta_path, display=display_path(meta_path)), display_path(meta_path)
    )
    if not isinstance(meta_doc.data, Mapping):
        raise _pack_error(meta_doc, (), "pack.yaml must be a mapping")
    try:
        model = PackMetaModel.model_validate(meta_doc.data)
    except ValidationError as exc:
        raise _validation_problem(meta_doc, exc, ()) from None
    meta = PackMeta.from_dict(model.model_dump())
    pack = Pack(meta=meta, root=root, sha256=sha256, origin=origin)
    principle_slugs = {p.slug for p in meta.principles} or set(PRINCIPLE_SLUGS)
    for path in files:
        pack.rules.extend(_load_rules(path, pack, principle_slugs))
    return pack


def _load_rules(path: Path, pack: Pack, principle_slugs: set[str]) -> Iterator[Rule]:
    display = display_path(path)
    doc = parse_document(read_text(path, display=display), display)
    return rules_from_document(doc, pack, principle_slugs)


def rules_from_document(doc: Document, pack: Pack, principle_slugs: set[str]) -> Iterator[Rule]:
    """Validate and compile the ``rules:`` list of ``doc`` (a rule file, or inline red lines)."""
    from pydantic import ValidationError

    from ai_coc.packmodels import RulesFileModel

    if not isinstance(doc.data, Mapping) or "rules" not in doc.data:
        raise _pack_error(doc, (), "a rule file must have a top-level `rules:` list")
    try:
        parsed = RulesFileModel.model_validate(doc.data)
    except ValidationError as exc:
        raise _validation_problem(doc, exc, ()) from None
    for index, model in enumerate(parsed.rules):
        where = ("rules", index)
        spec = RuleSpec(**model.model_dump())
        if not spec.id.startswith(pack.meta.prefix):
            raise _pack_error(
                doc, (*where, "id"), f"rule IDs of pack '{pack.name}' start with {pack.meta.prefix}"
            )
        if spec.principle is not None and spec.principle not in principle_slugs:
            raise _pack_error(
                doc,
                (*where, "principle"),
                f"unknown principle '{spec.principle}'; "
                f"use one of {', '.join(sorted(principle_slugs))}",
            )
        _check_templates(doc, where, spec)
        try:
            rule = make_rule(spec, pack, doc.file, doc.locate(where).line)
        except CheckError as exc:
            raise _pack_error(doc, (*where, *exc.path), str(exc)) from None
        if spec.kind == "policy" and (rule.require is None) == (rule.forbid is None):
            raise _pack_error(doc, where, "a rule needs exactly one of `require:` or `forbid:`")
        if spec.kind == "builtin" and (rule.require or rule.forbid):
            raise _pack_error(doc, where, "a built-in rule has no `require:` or `forbid:`")
        yield rule


def _check_templates(doc: Document, where: tuple[str | int, ...], spec: RuleSpec) -> None:
    allowed = COMMON_PLACEHOLDERS | (BUILTIN_PLACEHOLDERS if spec.kind == "builtin" else set())
    for which in ("message", "fix", "summary"):
        value: LocalText = getattr(spec, which)
        texts = value.values() if isinstance(value, dict) else [value]
        for text in texts:
            try:
                names = _template_names(text)
            except ValueError as exc:
                raise _pack_error(doc, (*where, which), f"bad template: {exc}") from None
            unknown = names - allowed
            if unknown:
                raise _pack_error(
                    doc,
                    (*where, which),
                    "unknown placeholder(s) "
                    + ", ".join("{" + n + "}" for n in sorted(unknown))
                    + "; allowed: "
                    + ", ".join("{" + n + "}" for n in sorted(allowed)),
                )


def make_rule(spec: RuleSpec, pack: Pack, file: str, line: int) -> Rule:
    """Compile the checks of ``spec`` (raises :class:`~ai_coc.checks.CheckError`)."""
    compiled: dict[str, Check | None] = {}
    for clause in ("when", "require", "forbid"):
        raw = getattr(spec, clause)
        compiled[clause] = None if raw is None else compile_check(raw, (clause,))
    red_line = spec.red_line if spec.red_line is not None else pack.meta.red_lines
    waivable = spec.waivable if spec.waivable is not None else not red_line
    return Rule(
        spec=spec,
        pack=pack,
        file=file,
        line=line,
        when=compiled["when"],
        require=compiled["require"],
        forbid=compiled["forbid"],
        red_line=red_line,
        waivable=waivable,
    )


def load_policies(extra: Iterable[Pack] = ()) -> PolicySet:
    """The built-in ``coc`` pack plus any ``extra`` packs."""
    builtin = load_pack(builtin_pack_dir(), origin="builtin:coc")
    packs = [builtin, *extra]
    return PolicySet(packs=packs, principles=list(builtin.meta.principles))
