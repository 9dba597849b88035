"""Compiled policy packs: a pack as plain JSON, so that loading it needs neither YAML nor pydantic.

Compiling a pack (parsing its YAML files, validating them with pydantic, checking every regular
expression for catastrophic backtracking) takes longer than checking a manifest. The result is
therefore kept as JSON:

* for the built-in pack, in its folder as ``pack.compiled.json`` (shipped with ai-coc; a test
  keeps it current, ``pytest --update-golden`` writes it again), and
* in the user's cache folder (``AI_COC_CACHE_DIR``, else ``$XDG_CACHE_HOME/ai-coc`` or
  ``~/.cache/ai-coc``; ``AI_COC_CACHE_DIR=off`` switches the cache off).

A compiled form is only used when it was made from exactly the pack's current files by this
ai-coc: it names the digest of its sources (the pack's files, names and contents
length-prefixed, see :func:`ai_coc.rules.packs.pack_digest`) and, in the cache, its key (that
digest with the tool's version, the code that compiles and the format's version, again
length-prefixed, so that no two different inputs share a key); and it carries the digest of its
own content. It is used only when all of them match; otherwise the pack is compiled again from
its YAML files and the entry is rewritten atomically. It holds plain data, never code. Only a
regular file (no link, pipe or device) of at most :data:`MAX_ENTRY_BYTES` is read. Writing the
cache is best effort; a read-only home folder only costs time.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ai_coc import __version__, i18n
from ai_coc.errors import InputError
from ai_coc.files import atomic_write, display_path, read_bytes
from ai_coc.rules.checks import CheckError, trusted_specs
from ai_coc.rules.policy import Pack, PackMeta, RuleSpec, make_rule

#: File name of the compiled form inside a pack folder.
COMPILED_NAME = "pack.compiled.json"
#: Version of the compiled format; raise it when its meaning changes.
FORMAT = 3
#: Largest compiled form ai-coc reads (bytes); the built-in pack's is about 130 kB.
MAX_ENTRY_BYTES = 8 * 1024 * 1024
_GENERATOR = "ai-coc, from the YAML files of this pack (do not edit; `pytest --update-golden`)"


class NotPlain(ValueError):
    """The pack holds a value JSON cannot carry unchanged (e.g. a date in a check)."""


def cache_dir() -> Path | None:
    """The folder of ai-coc's cache, or ``None`` when it is switched off."""
    configured = os.environ.get("AI_COC_CACHE_DIR")
    if configured is not None:
        if configured.strip().lower() in ("", "0", "off", "no", "false"):
            return None
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "ai-coc"


def _code_stamp() -> str:
    # The compiled form also depends on the code that compiles it; in a source checkout the
    # version number does not change with every edit, so the modules' size and time count too.
    here = Path(__file__).resolve().parent
    parts = [__version__, str(FORMAT)]
    for name in ("policy.py", "packs.py", "packmodels.py", "checks.py", "saferegex.py", "cache.py"):
        stamp = _stamp(here / name)
        if stamp is not None:
            parts.append(stamp)
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:16]


def _stamp(path: Path) -> str | None:
    """A file's size and time of change, or ``None`` if it cannot be looked at."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return f"{stat.st_size:x}.{stat.st_mtime_ns:x}"


def _read_entry(path: Path | None) -> bytes | None:
    """The bytes of a cache entry (or of a shipped compiled form): a regular file, not a link,
    of at most :data:`MAX_ENTRY_BYTES`; ``None`` otherwise."""
    if path is None:
        return None
    try:
        return read_bytes(path, max_bytes=MAX_ENTRY_BYTES, follow_links=False)
    except InputError:
        return None


def _write_entry(target: Path, text: str) -> None:
    """Replace the cache entry ``target`` atomically (a link in its place is replaced, never
    followed); best effort: a cache that cannot be written only costs time."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, text, follow_links=False)
    except (OSError, InputError):
        pass


def frame(*parts: str) -> bytes:
    """``parts`` as bytes, each preceded by its length, so that different lists never give the
    same bytes (``"a\0b" + "c"`` and ``"a" + "b\0c"`` stay apart)."""
    out = bytearray()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        out += len(data).to_bytes(8, "big") + data
    return bytes(out)


def cache_key(sha256: str, *context: str) -> str:
    """The cache's key for a pack whose sources have digest ``sha256``: that digest, the
    tool's version, the code that compiles, the format's version and ``context``."""
    parts = ("ai-coc compiled pack", __version__, str(FORMAT), _code_stamp(), sha256, *context)
    return hashlib.sha256(frame(*parts)).hexdigest()


def cache_file(key: str) -> Path | None:
    """Where the cache keeps the compiled pack with this key (see :func:`cache_key`)."""
    folder = cache_dir()
    if folder is None:
        return None
    return folder / "packs" / f"{key}.json"


def _plain(value: Any) -> Any:
    """``value`` as JSON types, or :class:`NotPlain` if JSON would change it."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise NotPlain(repr(value))
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise NotPlain("a mapping with keys that are not text")
        return {str(key): _plain(item) for key, item in value.items()}
    raise NotPlain(type(value).__name__)


def to_compiled(pack: Pack) -> dict[str, Any]:
    """The compiled form of ``pack`` (raises :class:`NotPlain`)."""
    meta = dataclasses.asdict(pack.meta)
    if pack.meta.examples_today is not None:
        meta["examples_today"] = pack.meta.examples_today.isoformat()
    rules = []
    for rule in pack.rules:
        path = Path(rule.file)
        try:
            relative = path.absolute().resolve().relative_to(pack.root.resolve()).as_posix()
        except ValueError as exc:
            raise NotPlain(f"{rule.file} is outside the pack") from exc
        rules.append({"file": relative, "line": rule.line, "spec": dataclasses.asdict(rule.spec)})
    return {
        "generator": _GENERATOR,
        "format": FORMAT,
        "ai_coc": __version__,
        "sha256": pack.sha256,
        "meta": _plain(meta),
        "rules": _plain(rules),
    }


#: A compiled form on disk: ``{"digest": "<sha256 of BODY>", "body": BODY}`` and a line end,
#: written exactly so. The digest is of the body's bytes, so that checking it reads them once
#: (no second serialisation); the whole file is still JSON.
_HEAD = b'{"digest": "'
_MIDDLE = b'", "body": '
_TAIL = b"}\n"
_BODY_AT = len(_HEAD) + 64 + len(_MIDDLE)


def sealed(compiled: dict[str, Any], key: str | None = None, *, indent: int | None = None) -> str:
    """``compiled`` (with its cache ``key``, if any) as the text of a compiled form, sealed
    with the digest of its body."""
    body = {k: v for k, v in compiled.items() if k not in ("digest", "key")}
    if key is not None:
        body["key"] = key
    text = json.dumps(body, ensure_ascii=False, indent=indent, sort_keys=True)
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{_HEAD.decode()}{digest}{_MIDDLE.decode()}{text}{_TAIL.decode()}"


def dumps(compiled: dict[str, Any]) -> str:
    """The text of ``pack.compiled.json`` (indented, to be read in a review)."""
    return sealed(compiled, indent=1)


def unsealed(raw: bytes) -> Any:
    """The body of a compiled form if its digest matches its bytes, else ``None``."""
    if not raw.startswith(_HEAD) or not raw.endswith(_TAIL) or len(raw) < _BODY_AT + 2:
        return None
    if raw[_BODY_AT - len(_MIDDLE) : _BODY_AT] != _MIDDLE:
        return None
    body = raw[_BODY_AT : -len(_TAIL)]
    if hashlib.sha256(body).hexdigest().encode() != raw[len(_HEAD) : len(_HEAD) + 64]:
        return None
    return json.loads(body)


def candidates(root: Path, sha256: str) -> Iterator[dict[str, Any]]:
    """Compiled forms made from exactly these pack files: the shipped one of the built-in pack,
    then the one in the cache (written by ai-coc itself).

    Other packs' folders are not asked: their compiled form would skip the checks of the
    pack's regular expressions, so it is only trusted when ai-coc made it."""
    if _is_builtin(root):
        data = _read(root / COMPILED_NAME, sha256)
        if data is not None:
            yield data
    key = cache_key(sha256)
    data = _read(cache_file(key), sha256, key)
    if data is not None:
        yield data


def _read(path: Path | None, sha256: str, key: str | None = None) -> dict[str, Any] | None:
    """The compiled form in ``path`` if it is sound: a regular file (not a link) of at most
    :data:`MAX_ENTRY_BYTES`, of this format, for sources with digest ``sha256`` (and with
    cache key ``key``), whose own digest matches its content. ``None`` otherwise."""
    raw = _read_entry(path)
    if raw is None:
        return None
    try:
        data = unsealed(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("sha256") != sha256 or (key is not None and data.get("key") != key):
        return None
    return data


def _is_builtin(root: Path) -> bool:
    from ai_coc.rules.policy import builtin_pack_dir

    try:
        return root.resolve() == builtin_pack_dir().resolve()
    except (OSError, InputError):
        return False


def pack_from_compiled(data: dict[str, Any], root: Path, origin: str) -> Pack | None:
    """The pack from its compiled form, or ``None`` if the form is damaged."""
    try:
        pack = Pack(
            meta=PackMeta.from_dict(data["meta"]), root=root, sha256=data["sha256"], origin=origin
        )
        shown: dict[str, str] = {}
        with trusted_specs():
            for item in data["rules"]:
                relative = item["file"]
                if relative not in shown:
                    shown[relative] = display_path(root / relative)
                spec = RuleSpec(**item["spec"])
                pack.rules.append(make_rule(spec, pack, shown[relative], int(item["line"])))
    except (KeyError, TypeError, ValueError, CheckError):
        return None
    return pack


def load_cached(key: str, sha256: str, root: Path, origin: str) -> Pack | None:
    """The pack the cache keeps under ``key`` (see :func:`store`) for sources with digest
    ``sha256``, or ``None``."""
    data = _read(cache_file(key), sha256, key)
    return pack_from_compiled(data, root, origin) if data is not None else None


def store(pack: Pack, key: str | None = None) -> None:
    """Keep the compiled pack in the cache, under ``key`` or the key of its files' digest
    (best effort: never fails the run). The entry is replaced atomically; a link in its place
    is replaced, never followed."""
    key = key or cache_key(pack.sha256)
    target = cache_file(key)
    if target is None:
        return
    try:
        text = sealed(to_compiled(pack), key)
    except NotPlain:
        return
    _write_entry(target, text)


def write_compiled(pack: Pack) -> Path:
    """Write ``pack.compiled.json`` into the pack folder (for the built-in pack)."""
    target = pack.root / COMPILED_NAME
    atomic_write(target, dumps(to_compiled(pack)), follow_links=False)
    return target


# --- the questions of `ai-coc init` -----------------------------------------------------------

_questions: list[frozenset[str]] = []
#: Most questions ai-coc reads from the cache (there are a few hundred).
MAX_QUESTIONS = 10_000


def interview_questions() -> frozenset[str]:
    """The questions of ``ai-coc init`` in every language (see
    :func:`ai_coc.i18n.interview_questions`), kept in the cache.

    Working them out reads the interview table and every language's catalogue, which a check
    would otherwise not need. The entry's key names those files by size and time of change;
    a changed catalogue or a new language gives a new key."""
    if _questions:
        return _questions[0]
    parts = ["ai-coc interview questions", __version__, str(FORMAT)]
    # the code that works them out counts too (in a source checkout the version stays)
    for name, path in [("code", Path(i18n.__file__)), *i18n.question_sources()]:
        parts += [name, str(path), _stamp(path) or "-"]
    key = hashlib.sha256(frame(*parts)).hexdigest()
    folder = cache_dir()
    target = folder / "questions" / f"{key}.json" if folder is not None else None
    found = _read_questions(target, key)
    if found is None:
        found = i18n.interview_questions()
        if target is not None:
            text = json.dumps({"key": key, "questions": sorted(found)}, ensure_ascii=False)
            _write_entry(target, text + "\n")
    _questions.append(found)
    return found


def _read_questions(path: Path | None, key: str) -> frozenset[str] | None:
    raw = _read_entry(path)
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or data.get("key") != key:
        return None
    questions = data.get("questions")
    if not isinstance(questions, list) or len(questions) > MAX_QUESTIONS:
        return None
    if not all(isinstance(q, str) for q in questions):
        return None
    return frozenset(questions)
