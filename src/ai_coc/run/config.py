"""Configuration: ``[tool.ai-coc]`` in ``pyproject.toml`` or ``.ai-coc.yaml``.

The file is found upward from the manifest's folder to the top of the git repository (and no
further), or named with ``--config``. Every effective value remembers where it came from
(``file:line``, ``command line`` or ``default``) so that ``ai-coc config`` can show it.

Loading a configuration also loads the policy packs it names (``extends``) and the red lines
written inline (``red_lines``). Packs are data: a pack folder is only ever read as YAML, and an
installed pack (entry point group ``ai_coc.packs``) only resolves to such a folder.

Every problem stops the run with :class:`~ai_coc.errors.InputError` (exit 2) that names the
configuration file and line.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.files import display_path, read_text
from ai_coc.i18n import t
from ai_coc.read.document import DataPath, Document, Position, data_path_from_loc, split_lines
from ai_coc.read.fastschema import certainly_valid, shipped_schema
from ai_coc.read.yaml import RULE_FILE_LIMITS, parse_document
from ai_coc.rules.packs import load_pack, load_policies, rules_from_document
from ai_coc.rules.policy import BUILTIN_PACK, PRINCIPLE_SLUGS, Pack, PackMeta, PolicySet
from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS

CONFIG_NAMES: tuple[str, ...] = (".ai-coc.yaml", ".ai-coc.yml")
PYPROJECT = "pyproject.toml"
ENTRY_POINT_GROUP = "ai_coc.packs"
INLINE_PACK = "inline"

#: Sources of a value besides ``file:line`` (stable words; ``ai-coc config`` translates them).
SOURCE_CLI = "command line"
SOURCE_DEFAULT = "default"


@dataclass(frozen=True)
class Config:
    """The settings of ``[tool.ai-coc]`` / ``.ai-coc.yaml`` (validated by
    :class:`ai_coc.run.configmodel.ConfigModel`; documented there)."""

    extends: list[str] = field(default_factory=list)
    red_lines: list[dict[str, Any]] = field(default_factory=list)
    red_line_prefix: str = "RL"
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    lang: str | None = None
    waiver_max_days: int = DEFAULT_WAIVER_MAX_DAYS
    categories: list[str] = field(default_factory=list)


#: The settings shown by ``ai-coc config``, in this order.
SETTINGS: tuple[str, ...] = (
    "extends",
    "red_lines",
    "red_line_prefix",
    "severity",
    "fail_on",
    "lang",
    "waiver_max_days",
    "categories",
)


def config_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``.ai-coc.yaml`` (and of ``[tool.ai-coc]``)."""
    from ai_coc.run.configmodel import ConfigModel

    schema = ConfigModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = ".ai-coc.yaml / [tool.ai-coc]"
    return schema


@dataclass
class Setting:
    """One effective value and where it came from."""

    value: Any
    source: str


@dataclass
class Settings:
    """The effective configuration for one manifest, with the packs it loads."""

    config: Config
    file: str | None = None
    doc: Document | None = None
    values: dict[str, Setting] = field(default_factory=dict)
    packs: list[Pack] = field(default_factory=list)
    policies: PolicySet | None = None
    #: rule ID -> severity (``off`` included), resolved against the loaded rules
    overrides: dict[str, str] = field(default_factory=dict)

    @property
    def fail_on(self) -> str:
        return str(self.values["fail_on"].value)

    @property
    def lang(self) -> str | None:
        value = self.values["lang"].value
        return str(value) if value else None

    @property
    def waiver_max_days(self) -> int:
        return int(self.values["waiver_max_days"].value)

    @property
    def categories(self) -> list[str]:
        return list(self.values["categories"].value)

    def require_policies(self) -> PolicySet:
        """The policy set of this configuration (built-in pack plus ``extends`` and inline)."""
        assert self.policies is not None
        return self.policies

    def where(self, path: DataPath) -> str:
        """``file:line`` of a place in the configuration."""
        assert self.doc is not None
        return f"{self.doc.file}:{self.doc.locate(path).line}"


# --- discovery ---------------------------------------------------------------------------


def _git_root(start: Path) -> Path | None:
    from ai_coc.run.discover import git_root

    return git_root(start)


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?ai-coc[\"']?\s*[.\]]", text, re.M))


def find_config(start: Path) -> Path | None:
    """The configuration for a manifest in folder ``start``.

    Looks in ``start`` and each folder above it up to the top of the git repository; outside
    a repository only ``start`` itself. In each folder ``.ai-coc.yaml`` wins over a
    ``pyproject.toml`` with a ``[tool.ai-coc]`` table.
    """
    start = start.resolve()
    root = _git_root(start)
    folders = [start]
    if root is not None:
        folders = [start, *[p for p in start.parents if root == p or root in p.parents]]
    for folder in folders:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


# --- reading -----------------------------------------------------------------------------


_TOML_KEY = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'[^']*'|[A-Za-z0-9_-]+")


def _toml_key_parts(text: str) -> list[str]:
    return [m.strip("\"'") for m in _TOML_KEY.findall(text)]


def _toml_positions(text: str) -> tuple[dict[DataPath, Position], Position | None]:
    """Lines of the keys below ``[tool.ai-coc]`` (best effort; tomllib keeps no positions)."""
    positions: dict[DataPath, Position] = {}
    header: Position | None = None
    table: list[Any] | None = None
    arrays: dict[tuple[Any, ...], int] = {}
    depth = 0
    for number, raw in enumerate(split_lines(text), start=1):
        line = raw.strip()
        if depth > 0:  # inside a multi-line array
            depth += line.count("[") - line.count("]")
            continue
        if not line or line.startswith("#"):
            continue
        match = re.match(r"^(\[\[?)\s*([^\]]+?)\s*\]\]?", line)
        if match:
            parts = _toml_key_parts(match.group(2))
            if parts[:2] != ["tool", "ai-coc"]:
                table = None
                continue
            rest: list[Any] = parts[2:]
            if match.group(1) == "[[":
                key = tuple(rest)
                positions.setdefault(key, Position(number, 1))
                index = arrays.get(key, -1) + 1
                arrays[key] = index
                rest = [*rest, index]
            table = rest
            if not rest:
                header = Position(number, 1)
            else:
                positions.setdefault(tuple(rest), Position(number, 1))
            continue
        if table is None:
            continue
        kv = re.match(r"^((?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_.-]+|\s)+?)\s*=\s*(.*)$", line)
        if not kv:
            continue
        path = (*table, *_toml_key_parts(kv.group(1)))
        column = raw.index(line[0]) + 1
        positions.setdefault(path, Position(number, column))
        value = kv.group(2)
        if value.startswith("{"):
            for inner in re.finditer(r"(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*=", value):
                offset = raw.find(inner.group(0)) + 1
                positions.setdefault((*path, inner.group(1).strip("\"'")), Position(number, offset))
        elif value.startswith("["):
            depth = value.count("[") - value.count("]")
    return positions, header


def _read_toml(path: Path, display: str) -> Document:
    text = read_text(path, display=display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(
            t("config.invalid_toml", problem=problem),
            file=display,
            line=int(found.group(1)) if found else None,
            column=int(found.group(2)) if found else None,
            hint=t("config.invalid_toml.hint"),
        ) from None
    table = data.get("tool", {}).get("ai-coc", {})
    positions, header = _toml_positions(text)
    if header is not None:
        positions[()] = header
    if not isinstance(table, dict):
        raise InputError(t("config.not_mapping"), file=display, line=header.line if header else 1)
    return Document(
        file=display,
        text=text,
        data=table,
        key_positions=positions,
        value_positions=dict(positions),
        base_dir=path.absolute().parent.resolve(),
    )


def read_config_document(path: Path) -> Document:
    """Read a configuration file (``.ai-coc.yaml`` or ``pyproject.toml``) with positions."""
    display = display_path(path)
    if not path.is_file():
        raise InputError(t("config.missing"), file=display, hint=t("config.missing.hint"))
    if path.suffix == ".toml":
        return _read_toml(path, display)
    doc = parse_document(read_text(path, display=display), display, limits=RULE_FILE_LIMITS)
    doc.base_dir = path.absolute().parent.resolve()
    if not isinstance(doc.data, dict):
        raise InputError(t("config.not_mapping"), file=display, line=1, column=1)
    return doc


def _error(doc: Document, path: DataPath, message: str, hint: str | None = None) -> InputError:
    pos = doc.locate(path)
    return InputError(message, file=doc.file, line=pos.line, column=pos.column, hint=hint)


def _validate(doc: Document) -> Config:
    if certainly_valid(doc.data, shipped_schema("config")):
        return Config(**doc.data)  # the usual case, without loading pydantic
    from pydantic import ValidationError

    from ai_coc.run.configmodel import ConfigModel

    try:
        return Config(**ConfigModel.model_validate(doc.data).model_dump())
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        path = data_path_from_loc(doc, tuple(first["loc"]))
        if first["type"] == "extra_forbidden" and len(path) == 1:
            key = str(path[0])
            close = difflib.get_close_matches(key, SETTINGS, n=1)
            suggestion = t("did_you_mean", candidates=close[0]) if close else ""
            raise _error(
                doc,
                path,
                t("config.unknown_key", key=key) + suggestion,
                t("config.allowed", keys=", ".join(SETTINGS)),
            ) from None
        where = ".".join(str(p) for p in path) or "(top level)"
        raise _error(
            doc,
            path,
            t("config.bad_value", key=where, problem=first["msg"]),
            t("config.allowed", keys=", ".join(SETTINGS)),
        ) from None


# --- packs -------------------------------------------------------------------------------


def _looks_like_path(entry: str) -> bool:
    return entry.startswith((".", "/", "~")) or "/" in entry or "\\" in entry


def installed_packs() -> dict[str, Any]:
    """The entry points of group ``ai_coc.packs``, by name."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _entry_point_folder(ep: Any) -> Path:
    """The folder an entry point names, importing nothing if it names a module."""
    import importlib.util

    module, _, attr = str(ep.value).partition(":")
    module = module.strip()
    if not attr:
        spec = importlib.util.find_spec(module)
        if spec is None:
            raise ValueError(f"module {module} not found")
        if spec.submodule_search_locations:
            return Path(next(iter(spec.submodule_search_locations)))
        if spec.origin:
            return Path(spec.origin).parent
        raise ValueError(f"module {module} has no folder")
    target = ep.load()
    result = target() if callable(target) else target
    return Path(result)


def _load_extends(settings: Settings, doc: Document) -> list[Pack]:
    packs: list[Pack] = []
    base = doc.base_dir or Path.cwd()
    available: dict[str, Any] | None = None
    for index, entry in enumerate(settings.config.extends):
        where = ("extends", index)
        if entry == BUILTIN_PACK:
            continue  # always loaded
        try:
            if _looks_like_path(entry):
                try:
                    folder = (base / Path(entry).expanduser()).resolve()
                    found = folder.is_dir()
                except (RuntimeError, OSError, ValueError):
                    # ~nobody/ (no such user), a symlink loop, a name too long, a NUL byte
                    found = False
                if not found:
                    raise InputError(
                        t("config.pack_missing", name=entry), hint=t("config.pack_folder.hint")
                    )
                packs.append(load_pack(folder, origin=display_path(folder)))
                continue
            if available is None:
                available = installed_packs()
            ep = available.get(entry)
            if ep is None:
                names = ", ".join(sorted(available)) or "—"
                raise InputError(
                    t("config.pack_missing", name=entry),
                    hint=t("config.pack_installed.hint", names=names),
                )
            try:
                folder = _entry_point_folder(ep)
            except Exception as exc:  # a broken installed package
                raise InputError(
                    t("config.pack_broken", name=entry, problem=str(exc)),
                    hint=t("config.pack_installed.hint", names=entry),
                ) from None
            packs.append(load_pack(folder, origin=f"entry-point:{entry}"))
        except InputError as exc:
            if exc.file is None:  # point at the config line that names the pack
                raise _error(doc, where, exc.message, exc.hint) from None
            raise
    return packs


def _inline_pack(settings: Settings, doc: Document) -> Pack | None:
    rules = settings.config.red_lines
    if not rules:
        return None
    meta = PackMeta(
        name=INLINE_PACK,
        version="config",
        prefix=settings.config.red_line_prefix,
        title={"en": "Red lines of the configuration", "de": "Rote Linien der Konfiguration"},
        red_lines=True,
    )
    canonical = json.dumps(rules, sort_keys=True, ensure_ascii=False, default=str)
    pack = Pack(
        meta=meta,
        root=doc.base_dir or Path.cwd(),
        sha256=hashlib.sha256(canonical.encode()).hexdigest(),
        origin=f"{doc.file}:red_lines",
    )
    from ai_coc.rules import cache as packcache

    # The compiled red lines depend on the rules, the prefix and where they are written.
    key = hashlib.sha256(
        "\0".join((pack.sha256, meta.prefix, doc.file, doc.text)).encode()
    ).hexdigest()
    cached = packcache.load_cached(key, pack.root, pack.origin)
    if cached is not None and cached.sha256 == pack.sha256:
        return cached

    def moved(table: dict[DataPath, Position]) -> dict[DataPath, Position]:
        out = {("rules", *p[1:]): pos for p, pos in table.items() if p[:1] == ("red_lines",)}
        out[()] = table.get(("red_lines",), Position(1, 1))
        return out

    data = {
        "rules": [
            {"since": "config", **rule} if isinstance(rule, Mapping) else rule for rule in rules
        ]
    }
    sub = Document(
        file=doc.file,
        text=doc.text,
        data=data,
        key_positions=moved(doc.key_positions),
        value_positions=moved(doc.value_positions),
        base_dir=doc.base_dir,
    )
    try:
        pack.rules.extend(rules_from_document(sub, pack, set(PRINCIPLE_SLUGS)))
    except InputError as exc:
        # A broken inline red line is a configuration error, not a broken pack file.
        message = re.sub(r"\brules\.(\d+)", r"red_lines.\1", exc.message)
        raise InputError(
            message, exc.file, exc.line, exc.column, t("config.red_line.hint")
        ) from None
    packcache.store(pack, key=key)
    return pack


def _resolve_overrides(settings: Settings, doc: Document, policies: PolicySet) -> dict[str, str]:
    resolved: dict[str, str] = {}
    for key, severity in settings.config.severity.items():
        where = ("severity", key)
        rule = policies.find(key)
        if rule is None:
            close = difflib.get_close_matches(key, [*policies.by_id, *policies.by_name], n=3)
            suggestion = t("did_you_mean", candidates=", ".join(close)) if close else ""
            raise _error(
                doc,
                where,
                t("rule.unknown", name=key),
                t("rule.unknown.hint", suggestion=suggestion),
            )
        if severity == "off" and (rule.red_line or rule.spec.kind == "builtin"):
            which = "config.off_red_line" if rule.red_line else "config.off_builtin"
            raise _error(doc, where, t(which, rule=rule.id), t("config.off.hint"))
        resolved[rule.id] = severity
    return resolved


# --- the effective settings --------------------------------------------------------------


def load_settings(path: Path | None, cli: Mapping[str, Any] | None = None) -> Settings:
    """The effective settings from the file ``path`` (or none) and command-line values."""
    cli = {k: v for k, v in (cli or {}).items() if v is not None}
    doc = read_config_document(path) if path is not None else None
    config = _validate(doc) if doc is not None else Config()
    settings = Settings(config=config, file=doc.file if doc else None, doc=doc)
    given = set(doc.data) if doc is not None else set()
    for name in SETTINGS:
        if name in cli:
            settings.values[name] = Setting(cli[name], SOURCE_CLI)
        elif name in given and doc is not None:
            settings.values[name] = Setting(getattr(config, name), settings.where((name,)))
        else:
            settings.values[name] = Setting(getattr(config, name), SOURCE_DEFAULT)
    packs: list[Pack] = []
    if doc is not None:
        packs = _load_extends(settings, doc)
        inline = _inline_pack(settings, doc)
        if inline is not None:
            packs.append(inline)
    settings.packs = packs
    settings.policies = load_policies(packs)
    if doc is not None:
        settings.overrides = _resolve_overrides(settings, doc, settings.policies)
    return settings


def settings_here(explicit: Path | None = None) -> Settings:
    """The settings for commands without a manifest: ``--config``, else found from here."""
    return load_settings(explicit or find_config(Path.cwd()))


class SettingsCache:
    """Settings per configuration file, so a folder of manifests loads each config once."""

    def __init__(self, explicit: Path | None, cli: Mapping[str, Any] | None = None) -> None:
        self.explicit = explicit
        self.cli = dict(cli or {})
        self._by_file: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}

    def _config_of(self, folder: Path) -> Path | None:
        """The configuration of a folder, looked up once per folder."""
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder.resolve())
        return self._by_folder[folder]

    def for_manifest(self, manifest: Path) -> Settings:
        path = self.explicit or self._config_of(manifest.absolute().parent)
        key = path.resolve() if path is not None else None
        if key not in self._by_file:
            self._by_file[key] = load_settings(path, self.cli)
        return self._by_file[key]

    @property
    def loaded(self) -> list[Settings]:
        return list(self._by_file.values())


def strictest_fail_on(values: Iterable[str]) -> str:
    """Of several ``fail_on`` values, the one that fails soonest."""
    order = ("info", "warning", "error", "never")
    found = [v for v in values if v in order]
    return min(found, key=order.index) if found else "error"
