"""Policy packs: folders of YAML rules, loaded, validated and compiled.

A pack is a folder with ``pack.yaml`` (name, version, texts, principles) and any number of
rule files (``*.yaml`` with a top-level ``rules:`` list). Example manifests for
``ai-coc policy test`` live in ``examples/<RULE-ID>/{fail,pass}.yaml`` inside the pack.

Packs are data and never execute code. A broken pack raises
:class:`~ai_coc.errors.InputError` pointing at the pack file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from ai_coc.errors import InputError
from ai_coc.i18n import N_, pick, t
from ai_coc.records import FrozenRecord, Record
from ai_coc.rules.checks import Check, compile_check

Severity = Literal["error", "warning", "info"]
#: What a rule rests on: the Code's own wording, a white paper, an article, or the tool's good
#: practice. A rule may rest on more than one.
Basis = Literal["code", "white-paper", "article", "practice"]
BASES: tuple[str, ...] = ("code", "white-paper", "article", "practice")
_BASIS_WORDS: dict[str, str] = {
    "code": N_("the Code of Conduct"),
    "white-paper": N_("a white paper"),
    "article": N_("an article or open letter"),
    "practice": N_("ai-coc good practice"),
}


def basis_text(basis: Iterable[str], lang: str | None = None) -> str:
    """What a rule rests on, in words: "the Code of Conduct, a white paper"."""
    return ", ".join(t(_BASIS_WORDS[b], lang) if b in _BASIS_WORDS else b for b in basis)


SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"info": 1, "warning": 2, "error": 3}

BUILTIN_PACK = "coc"
#: The placeholder for the configured ``docs_url`` in a pack's ``help_url``. The built-in pack
#: links to ``{docs_url}/reference/rules.html#coc101``; without a ``docs_url`` (the default) no
#: link is printed, and the findings say ``ai-coc rule COC101`` instead.
DOCS_URL = "{docs_url}"

#: Placeholders every message template may use (``problem``: what the judge found wrong with
#: a text, e.g. "is a placeholder ('TODO')"; for other checks, what is missing or empty;
#: ``date`` and ``today_date``: the value and today as dates in words, "1. März 2026").
COMMON_PLACEHOLDERS = frozenset(
    {"use", "use_name", "path", "field", "value", "id", "today", "problem", "date", "today_date"}
)
#: Extra placeholders the tool fills in for its own (built-in) rules.
BUILTIN_PLACEHOLDERS = frozenset(
    {"key", "expected", "suggestion", "allowed", "first_line", "problem", "rule", "days"}
    | {"commit", "subject", "trailer", "tool", "date"}  # undeclared-ai-in-history
    # issue 13: the gate (COC020, COC021)
    | {"word", "why", "red_line", "org"}
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


@dataclass(frozen=True, eq=False, repr=False)
class Principle(FrozenRecord):
    """One principle of the Code of Conduct, as declared by the built-in pack."""

    slug: str
    number: int
    name: dict[str, str]
    summary: dict[str, str]


@dataclass(frozen=True, eq=False, repr=False)
class PackMeta(FrozenRecord):
    """The contents of ``pack.yaml`` (validated by
    :class:`ai_coc.rules.packmodels.PackMetaModel`)."""

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


@dataclass(frozen=True, eq=False, repr=False)
class RuleSpec(FrozenRecord):
    """A rule as written in a pack file (validated by
    :class:`ai_coc.rules.packmodels.RuleModel`)."""

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
    basis: list[str] = field(default_factory=list)
    kind: Literal["policy", "builtin"] = "policy"
    select: str = "manifest"
    when: Any = None
    require: Any = None
    forbid: Any = None
    red_line: bool | None = None
    waivable: bool | None = None
    tags: list[str] = field(default_factory=list)


#: A value a rule's message or fix names: ``{use}``.
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(eq=False, repr=False)
class Rule(Record):
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
    #: :meth:`templates` of each language, kept
    _templates: dict[str | None, tuple[str, str, frozenset[str] | None]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

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

    def templates(self, lang: str | None) -> tuple[str, str, frozenset[str] | None]:
        """The message and the fix in ``lang``, with the names of the values they use
        (``{use}``, ``{value}``, ...; None: they use the values in some other way)."""
        made = self._templates.get(lang)
        if made is None:
            message, fix = self.text("message", lang), self.text("fix", lang)
            both = (message + fix).replace("{{", "")
            names = _PLACEHOLDER.findall(both)
            needed = frozenset(names) if both.count("{") == len(names) else None
            made = self._templates[lang] = (message, fix, needed)
        return made

    @cached_property
    def help_url(self) -> str:
        """The rule's docs address without a configured ``docs_url`` (see :meth:`help_url_for`)."""
        return self.help_url_for("")

    @cached_property
    def when_key(self) -> str | None:
        """The rule's ``when`` written out in one way: rules with the same key ask the same
        of a node (the engine asks once per node)."""
        if self.spec.when is None:
            return None
        return json.dumps(self.spec.when, sort_keys=True, default=repr)

    def help_url_for(self, docs_url: str) -> str:
        """The rule's docs address; empty where it needs a ``docs_url`` and none is set."""
        template = self.pack.meta.help_url
        if not template:
            home = self.pack.meta.homepage or ""
            return "" if DOCS_URL in home and not docs_url else home.replace(DOCS_URL, docs_url)
        if DOCS_URL in template and not docs_url:
            return ""
        return template.format(
            docs_url=docs_url.rstrip("/"), id=self.id, id_lower=self.id.lower(), name=self.name
        )

    def example_path(self, kind: str) -> Path:
        """``examples/<ID>/<kind>.yaml`` inside the pack."""
        return self.pack.root / "examples" / self.id / f"{kind}.yaml"


@dataclass(eq=False, repr=False)
class Pack(Record):
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


@dataclass(eq=False, repr=False)
class PolicySet(Record):
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
                                "broken policy pack: {problem}",
                                problem=f"the rule '{key}' is defined twice "
                                f"(also in {other.file}:{other.line})",
                            ),
                            file=rule.file,
                            line=rule.line,
                            hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
                        )
                    table[key] = rule

    @property
    def rules(self) -> list[Rule]:
        return [rule for pack in self.packs for rule in pack.rules]

    def including(self, others: Iterable[PolicySet]) -> PolicySet:
        """This set plus the rules of ``others`` that it lacks (for reports of a whole run).

        A folder with a configuration of its own may load packs of its own (its red lines);
        a report of the run describes their rules too. A rule whose ID or name is already
        taken (the same built-in pack, or two folders' inline red lines) is kept once.
        """
        packs = list(self.packs)
        ids, names = set(self.by_id), set(self.by_name)
        for other in others:
            for pack in other.packs:
                rules = [r for r in pack.rules if r.id not in ids and r.name not in names]
                if not rules:
                    continue
                ids.update(r.id for r in rules)
                names.update(r.name for r in rules)
                packs.append(pack if len(rules) == len(pack.rules) else replace(pack, rules=rules))
        if len(packs) == len(self.packs):
            return self
        return PolicySet(packs, self.principles)

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
    package = Path(__file__).resolve().parents[1]  # src/ai_coc, or ai_coc in the wheel
    for candidate in (package / "_policies" / name, package.parents[1] / "policies" / name):
        if (candidate / "pack.yaml").is_file():
            return candidate
    raise InputError(t("policy pack not found: {name}", name=name))


def make_rule(spec: RuleSpec, pack: Pack, file: str, line: int) -> Rule:
    """Compile the checks of ``spec`` (raises :class:`~ai_coc.rules.checks.CheckError`)."""
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
