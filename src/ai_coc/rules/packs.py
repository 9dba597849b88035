"""Loading policy packs: from their YAML files (validated and compiled) or a compiled form.

Packs are data and never execute code. A broken pack raises
:class:`~ai_coc.errors.InputError` pointing at the pack file and line."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ai_coc.errors import InputError
from ai_coc.files import decode, display_path, read_bytes
from ai_coc.i18n import N_, t, tn
from ai_coc.read.document import Document, data_path_from_loc
from ai_coc.read.pydantic_texts import pydantic_message
from ai_coc.read.yaml import MAX_RULES, RULE_FILE_LIMITS, parse_document
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


#: Largest pack file ai-coc reads (bytes).
MAX_PACK_FILE_BYTES = 2 * 1024 * 1024


def _pack_files(root: Path) -> list[Path]:
    """Every entry of the pack folder named like a YAML file, whatever kind it is: an entry
    that is not a regular file is an error (see :func:`_read_sources`), never skipped."""
    return sorted(p for p in root.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))


def _pack_file_error(path: Path, key: str) -> InputError:
    return InputError(
        t(key),
        file=display_path(path),
        hint=t(
            "a pack folder holds only plain YAML files (pack.yaml and rule "
            "files); replace this entry by a real file or remove it"
        ),
    )


def _read_sources(root: Path, files: Iterable[Path]) -> dict[Path, bytes]:
    """The bytes of each pack file, read exactly once: what is hashed is what is compiled.

    Only regular files inside the pack folder are read; a link that points outside or to
    nothing, a pipe, a device or a folder is an error naming the entry."""
    import stat

    inside = root.resolve()
    sources: dict[Path, bytes] = {}
    for path in files:
        try:
            info = path.lstat()
        except OSError:
            raise _pack_file_error(
                path, N_("this pack file is a link that points to nothing")
            ) from None
        if stat.S_ISLNK(info.st_mode):
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                raise _pack_file_error(
                    path, N_("this pack file is a link that points to nothing")
                ) from None
            if inside not in target.parents:
                raise _pack_file_error(
                    path, N_("this pack file links to a place outside the pack folder")
                )
            info = target.stat()
        if not stat.S_ISREG(info.st_mode):
            raise _pack_file_error(
                path,
                N_("this pack file is not a regular file (it may be a pipe, a device or a folder)"),
            )
        try:
            sources[path] = read_bytes(
                path, display=display_path(path), max_bytes=MAX_PACK_FILE_BYTES
            )
        except InputError as exc:
            if exc.message == t(
                "this is not a regular file (it may be a pipe or a device)"
            ):  # swapped for a pipe since the check
                raise _pack_file_error(
                    path,
                    N_(
                        "this pack file is not a regular file (it may be a pipe, a "
                        "device or a folder)"
                    ),
                ) from None
            raise
    return sources


def _frame(*parts: bytes) -> bytes:
    """``parts`` joined so that no two different lists give the same bytes (each part is
    preceded by its length)."""
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)


def pack_digest(root: Path, sources: Mapping[Path, bytes]) -> str:
    """The SHA-256 of a pack: the names and contents of its files, each length-prefixed."""
    parts = [b"ai-coc pack files", str(len(sources)).encode()]
    for path, data in sources.items():
        parts.append(path.relative_to(root).as_posix().encode())
        parts.append(data)
    return hashlib.sha256(_frame(*parts)).hexdigest()


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
    where = ".".join(str(p) for p in real) or t("(top level)")
    more = (
        " " + tn("(and {count} more problem)", "(and {count} more problems)", len(errors) - 1)
        if len(errors) > 1
        else ""
    )
    return _pack_error(doc, real, f"{where}: " + pydantic_message(first) + more)


def _template_names(template: str) -> set[str]:
    import string  # only when a pack is compiled from its files

    names: set[str] = set()
    for _literal, name, _spec, _conv in string.Formatter().parse(template):
        if name is not None:
            names.add(name)
    return names


def load_pack(root: Path, *, origin: str | None = None) -> Pack:
    """Load the pack in folder ``root``: from its compiled form if that is current, else from
    its YAML files (validated and compiled; the result is kept in the cache).

    Each file is read once; its digest and, when needed, its compiled rules come from those
    same bytes, so a file changed during the run cannot give a compiled form that belongs to
    other files."""
    if not root.is_dir():
        raise InputError(
            t("policy pack not found: {name}", name=str(root)),
            hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
        )
    meta_path = root / "pack.yaml"
    if not meta_path.exists() and not meta_path.is_symlink():
        raise InputError(
            t("broken policy pack: {problem}", problem="the folder has no pack.yaml"),
            file=display_path(root),
            hint=t("fix the policy file; `ai-coc policy test PACK` checks a pack"),
        )
    files = [p for p in _pack_files(root) if p.name not in ("pack.yaml", "pack.yml")]
    sources = _read_sources(root, [meta_path, *files])
    sha256 = pack_digest(root, sources)
    origin = origin or display_path(root)
    from ai_coc.rules import cache as packcache

    for compiled in packcache.candidates(root, sha256):
        pack = packcache.pack_from_compiled(compiled, root, origin)
        if pack is not None:
            return pack
    pack = compile_pack(root, meta_path, files, sha256, origin, sources=sources)
    packcache.store(pack)
    return pack


def compile_pack(
    root: Path,
    meta_path: Path,
    files: list[Path],
    sha256: str,
    origin: str,
    *,
    sources: Mapping[Path, bytes] | None = None,
) -> Pack:
    """Validate and compile the pack from its YAML files (uses pydantic).

    ``sources`` are the files' bytes as read for the digest ``sha256``; without them the
    files are read here."""
    from pydantic import ValidationError

    from ai_coc.rules.packmodels import PackMetaModel

    if sources is None:
        sources = _read_sources(root, [meta_path, *files])
    meta_doc = _parse(meta_path, sources[meta_path])
    if not isinstance(meta_doc.data, Mapping):
        raise _pack_error(meta_doc, (), t("pack.yaml must be a mapping"))
    try:
        model = PackMetaModel.model_validate(meta_doc.data)
    except ValidationError as exc:
        raise _validation_problem(meta_doc, exc, ()) from None
    meta = PackMeta.from_dict(model.model_dump())
    pack = Pack(meta=meta, root=root, sha256=sha256, origin=origin)
    principle_slugs = {p.slug for p in meta.principles} or set(PRINCIPLE_SLUGS)
    for path in files:
        doc = _parse(path, sources[path])
        pack.rules.extend(rules_from_document(doc, pack, principle_slugs))
    return pack


def _parse(path: Path, data: bytes) -> Document:
    display = display_path(path)
    return parse_document(decode(data, display), display, limits=RULE_FILE_LIMITS)


def rules_from_document(doc: Document, pack: Pack, principle_slugs: set[str]) -> Iterator[Rule]:
    """Validate and compile the ``rules:`` list of ``doc`` (a rule file, or inline red lines)."""
    from pydantic import ValidationError

    from ai_coc.rules.packmodels import RulesFileModel

    if not isinstance(doc.data, Mapping) or "rules" not in doc.data:
        raise _pack_error(doc, (), t("a rule file must have a top-level `rules:` list"))
    try:
        parsed = RulesFileModel.model_validate(doc.data)
    except ValidationError as exc:
        raise _validation_problem(doc, exc, ()) from None
    for index, model in enumerate(parsed.rules):
        where = ("rules", index)
        spec = RuleSpec(**model.model_dump())
        if not spec.id.startswith(pack.meta.prefix):
            raise _pack_error(
                doc,
                (*where, "id"),
                t(
                    "rule IDs of pack '{pack}' start with {prefix}",
                    pack=pack.name,
                    prefix=pack.meta.prefix,
                ),
            )
        if spec.principle is not None and spec.principle not in principle_slugs:
            raise _pack_error(
                doc,
                (*where, "principle"),
                t(
                    "unknown principle '{principle}'; use one of {known}",
                    principle=spec.principle,
                    known=", ".join(sorted(principle_slugs)),
                ),
            )
        _check_templates(doc, where, spec)
        try:
            rule = make_rule(spec, pack, doc.file, doc.locate(where).line)
        except CheckError as exc:
            raise _pack_error(doc, (*where, *exc.path), t(exc.message, **exc.values)) from None
        if spec.kind == "policy" and (rule.require is None) == (rule.forbid is None):
            raise _pack_error(doc, where, t("a rule needs exactly one of `require:` or `forbid:`"))
        if spec.kind == "builtin" and (rule.require or rule.forbid):
            raise _pack_error(doc, where, t("a built-in rule has no `require:` or `forbid:`"))
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
                raise _pack_error(
                    doc, (*where, which), t("bad template: {reason}", reason=str(exc))
                ) from None
            unknown = names - allowed
            if unknown:
                raise _pack_error(
                    doc,
                    (*where, which),
                    t(
                        "unknown placeholder(s) {unknown}; allowed: {allowed}",
                        unknown=", ".join("{" + n + "}" for n in sorted(unknown)),
                        allowed=", ".join("{" + n + "}" for n in sorted(allowed)),
                    ),
                )


def load_policies(extra: Iterable[Pack] = ()) -> PolicySet:
    """The built-in ``coc`` pack plus any ``extra`` packs."""
    builtin = load_pack(builtin_pack_dir(), origin="builtin:coc")
    packs = [builtin, *extra]
    count = sum(len(pack.rules) for pack in packs)
    if count > MAX_RULES:
        raise InputError(
            t(
                "the policy packs of this run have {count} rules together; "
                "ai-coc runs at most {limit}",
                count=f"{count:,}",
                limit=f"{MAX_RULES:,}",
            ),
            file=packs[-1].origin,
            hint=t("extend fewer packs, or merge rules that check the same thing"),
        )
    return PolicySet(packs=packs, principles=list(builtin.meta.principles))
