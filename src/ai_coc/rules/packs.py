"""Loading policy packs: from their YAML files (validated and compiled) or a compiled form.

Packs are data and never execute code. A broken pack raises
:class:`~ai_coc.errors.InputError` pointing at the pack file and line."""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ai_coc.errors import InputError
from ai_coc.files import display_path, read_text
from ai_coc.i18n import t, tn
from ai_coc.read.document import Document, data_path_from_loc
from ai_coc.read.pydantic_texts import pydantic_message
from ai_coc.read.yaml import parse_document
from ai_coc.rules.checks import CheckError
from ai_coc.rules.policy import (
    BUILTIN_PLACEHOLDERS,
    COMMON_PLACEHOLDERS,
    PRINCIPLE_SLUGS,
    LocalText,
    Pack,
    PackMeta,
    PolicySet,
    Rule,
    RuleSpec,
    builtin_pack_dir,
    make_rule,
)

if TYPE_CHECKING:
    from pydantic import ValidationError


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
        t("broken policy pack: {problem}", problem=problem),
        file=doc.file,
        line=pos.line,
        column=pos.column,
        hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
    )


def _validation_problem(doc: Document, exc: ValidationError, prefix: tuple[Any, ...]) -> InputError:
    errors = exc.errors(include_url=False)
    first = errors[0]
    real = data_path_from_loc(doc, (*prefix, *first["loc"]))
    where = ".".join(str(p) for p in real) or "(top level)"
    more = (
        " " + tn("(and {count} more problem)", "(and {count} more problems)", len(errors) - 1)
        if len(errors) > 1
        else ""
    )
    return _pack_error(doc, real, f"{where}: " + pydantic_message(first) + more)


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
        raise InputError(
            t("policy pack not found: {name}", name=str(root)),
            hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
        )
    meta_path = root / "pack.yaml"
    if not meta_path.is_file():
        raise InputError(
            t("broken policy pack: {problem}", problem="the folder has no pack.yaml"),
            file=display_path(root),
            hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
        )
    files = [p for p in _pack_files(root) if p.name not in ("pack.yaml", "pack.yml")]
    inside = root.resolve()
    for path in (meta_path, *files):
        if inside not in path.resolve().parents:
            raise InputError(
                t(
                    "broken policy pack: {problem}",
                    problem="this file links to a place outside the pack folder",
                ),
                file=display_path(path),
                hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
            )
    sha256 = _digest(root, [meta_path, *files])
    origin = origin or display_path(root)
    from ai_coc.rules import cache as packcache

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

    from ai_coc.rules.packmodels import PackMetaModel

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

    from ai_coc.rules.packmodels import RulesFileModel

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


def load_policies(extra: Iterable[Pack] = ()) -> PolicySet:
    """The built-in ``coc`` pack plus any ``extra`` packs."""
    builtin = load_pack(builtin_pack_dir(), origin="builtin:coc")
    packs = [builtin, *extra]
    return PolicySet(packs=packs, principles=list(builtin.meta.principles))
