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

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.files import display_path, read_text, resolved
from ai_coc.i18n import N_, t
from ai_coc.read.document import DataPath, Document, Position, data_path_from_loc, split_lines
from ai_coc.read.fastschema import certainly_valid, shipped_nulls, shipped_schema
from ai_coc.read.yaml import RULE_FILE_LIMITS, parse_document
from ai_coc.records import FrozenRecord, Record
from ai_coc.rules.packs import load_pack, load_policies, rules_from_document
from ai_coc.rules.policy import BUILTIN_PACK, PRINCIPLE_SLUGS, Pack, PackMeta, PolicySet, Rule
from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS

CONFIG_NAMES: tuple[str, ...] = (".ai-coc.yaml", ".ai-coc.yml")
PYPROJECT = "pyproject.toml"
ENTRY_POINT_GROUP = "ai_coc.packs"
INLINE_PACK = "inline"

#: What a configuration that is not a mapping is told.
NOT_SETTINGS = N_("the configuration must be a mapping of settings")

#: Sources of a value besides ``file:line`` (stable words; ``ai-coc config`` translates them).
SOURCE_CLI = "command line"
SOURCE_DEFAULT = "default"


@dataclass(frozen=True, eq=False, repr=False)
class Config(FrozenRecord):
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
    history: bool = True
    docs_url: str = ""
    require_manifest: bool = False


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
    "history",
    "docs_url",
    "require_manifest",
)


def config_json_schema() -> dict[str, Any]:
    """The JSON Schema of ``.ai-coc.yaml`` (and of ``[tool.ai-coc]``)."""
    from ai_coc.read.schema_docs import add_descriptions, for_editors
    from ai_coc.run.configmodel import ConfigModel

    schema = for_editors(add_descriptions(ConfigModel.model_json_schema(), ConfigModel))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = ".ai-coc.yaml / [tool.ai-coc]"
    return schema


def config_null_table() -> dict[str, list[str]]:
    """The keys of the configuration that may be left empty, model by model (see
    :func:`ai_coc.read.schema_docs.null_keys`)."""
    from ai_coc.read.schema_docs import null_keys
    from ai_coc.run.configmodel import ConfigModel

    return null_keys(ConfigModel.model_json_schema())


@dataclass(eq=False, repr=False)
class Setting(Record):
    """One effective value and where it came from."""

    value: Any
    source: str
    #: where the organisation's configuration fixes this setting (``file:line``), if it does
    org: str | None = None


@dataclass(eq=False, repr=False)
class Settings(Record):
    """The effective configuration for one manifest, with the packs it loads."""

    config: Config
    file: str | None = None
    doc: Document | None = None
    values: dict[str, Setting] = field(default_factory=dict)
    packs: list[Pack] = field(default_factory=list)
    policies: PolicySet | None = None
    #: rule ID -> severity (``off`` included), resolved against the loaded rules
    overrides: dict[str, str] = field(default_factory=dict)
    #: the organisation's configuration this one is layered on (``--org-config``), if any
    org_doc: Document | None = None
    #: settings of the repository's file that tried to loosen the organisation's policy
    loosened: list[Loosening] = field(default_factory=list)
    #: what the run should say on stderr (a looser ``--fail-on`` that did not take effect)
    notes: list[str] = field(default_factory=list)

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

    @property
    def history(self) -> bool:
        return bool(self.values["history"].value)

    @property
    def docs_url(self) -> str:
        return str(self.values["docs_url"].value or "")

    @property
    def require_manifest(self) -> bool:
        return bool(self.values["require_manifest"].value)

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
    from ai_coc.files import git_root

    return git_root(start)


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return bool(re.search(r"^\s*\[\s*tool\s*\.\s*[\"']?ai-coc[\"']?\s*[.\]]", text, re.M))


def find_config(start: Path, found_in: dict[Path, Path | None] | None = None) -> Path | None:
    """The configuration for a manifest in folder ``start``.

    Looks in ``start`` and each folder above it up to the top of the git repository; outside
    a repository only ``start`` itself. In each folder ``.ai-coc.yaml`` wins over a
    ``pyproject.toml`` with a ``[tool.ai-coc]`` table. ``found_in`` keeps what each folder
    holds, for the next manifest of the same run.
    """
    start = resolved(start)
    root = _git_root(start)
    folders = [start]
    if root is not None:
        folders = [start, *[p for p in start.parents if root == p or root in p.parents]]
    for folder in folders:
        if found_in is not None and folder in found_in:
            found = found_in[folder]
        else:
            found = _config_in(folder)
            if found_in is not None:
                found_in[folder] = found
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The configuration file in ``folder`` itself, if any."""
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
    import tomllib  # only for a pyproject.toml (an import that costs time)

    text = read_text(path, display=display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+), column (\d+)", str(exc))
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(
            t("invalid TOML: {problem}", problem=problem),
            file=display,
            line=int(found.group(1)) if found else None,
            column=int(found.group(2)) if found else None,
            hint=t("check quotes, brackets and the `key = value` form near this line"),
        ) from None
    table = data.get("tool", {}).get("ai-coc", {})
    positions, header = _toml_positions(text)
    if header is not None:
        positions[()] = header
    if not isinstance(table, dict):
        raise InputError(
            t(NOT_SETTINGS),
            file=display,
            line=header.line if header else 1,
        )
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
        raise InputError(
            t("configuration file not found"),
            file=display,
            hint=t("check the path given with --config"),
        )
    if path.suffix == ".toml":
        return _read_toml(path, display)
    doc = parse_document(read_text(path, display=display), display, limits=RULE_FILE_LIMITS)
    doc.base_dir = path.absolute().parent.resolve()
    if not isinstance(doc.data, dict):
        raise InputError(t(NOT_SETTINGS), file=display, line=1, column=1)
    return doc


def _error(doc: Document, path: DataPath, message: str, hint: str | None = None) -> InputError:
    pos = doc.locate(path)
    return InputError(message, file=doc.file, line=pos.line, column=pos.column, hint=hint)


def _validate(doc: Document) -> Config:
    if certainly_valid(doc.data, shipped_schema("config"), shipped_nulls("config")):
        return Config(**doc.data)  # the usual case, without loading pydantic
    from pydantic import ValidationError

    from ai_coc.read.pydantic_texts import pydantic_message
    from ai_coc.run.configmodel import ConfigModel

    try:
        return Config(**ConfigModel.model_validate(doc.data).model_dump())
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        path = data_path_from_loc(doc, tuple(first["loc"]))
        hint = t(
            "settings of ai-coc: {keys} (see `ai-coc config` and the docs page 'Configuration')",
            keys=", ".join(SETTINGS),
        )
        if first["type"] == "extra_forbidden" and len(path) == 1:
            key = str(path[0])
            from difflib import get_close_matches  # only for a typo (an import that costs time)

            close = get_close_matches(key, SETTINGS, n=1)
            suggestion = t("; did you mean {candidates}?", candidates=close[0]) if close else ""
            message = t("unknown setting '{key}'", key=key) + suggestion
            raise _error(doc, path, message, hint) from None
        where = ".".join(str(p) for p in path) or "(top level)"
        message = t(
            "invalid value for '{key}': {problem}", key=where, problem=pydantic_message(first)
        )
        raise _error(doc, path, message, hint) from None


# --- packs -------------------------------------------------------------------------------


def _looks_like_path(entry: str) -> bool:
    return entry.startswith((".", "/", "~")) or "/" in entry or "\\" in entry


def installed_packs() -> dict[str, Any]:
    """The entry points of group ``ai_coc.packs``, by name."""
    from importlib.metadata import entry_points

    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def _entry_point_folder(ep: Any) -> Path:
    """The folder of the package an entry point names, found without importing or running
    any of its code: first among the files its distribution installed (the folder holding
    ``pack.yaml``), else through the import system's finders asked for the top-level name
    only (an editable install), walking down to sub-packages as folders."""
    value = str(ep.value).strip()
    module, sep, _attr = value.partition(":")
    module = module.strip()
    if sep:
        raise ValueError(
            t(
                "the entry point '{value}' names a function; packs never run "
                "code, so ai-coc only accepts the name of the package whose "
                "folder holds pack.yaml (without ':')",
                value=value,
            )
        )
    parts = module.split(".")
    if not all(part.isidentifier() for part in parts):
        raise ValueError(t("the entry point '{value}' is not a package name", value=value))
    dist = getattr(ep, "dist", None)
    files = getattr(dist, "files", None) if dist is not None else None
    wanted = "/".join(parts)
    for file in files or ():
        if dist is not None and file.as_posix() in (f"{wanted}/pack.yaml", f"{wanted}/pack.yml"):
            return Path(dist.locate_file(file)).parent
    import importlib.util

    spec = importlib.util.find_spec(parts[0])  # a top-level name: found, not imported
    places: list[Path] = []  # none when the name is not found: said below
    if spec is not None and spec.submodule_search_locations:
        places = [Path(place) for place in spec.submodule_search_locations]
    elif spec is not None and spec.origin and len(parts) == 1:
        places = [Path(spec.origin).parent]
    for part in parts[1:]:
        places = [place / part for place in places if (place / part).is_dir()]
    for place in places:
        if (place / "pack.yaml").exists() or (place / "pack.yml").exists():
            return place
    if places:
        return places[0]
    raise ValueError(t("no installed folder was found for the package {value}", value=module))


def _install(names: str) -> str:
    """The hint for a pack that is not installed (or broken): install it."""
    return t(
        "install the package that provides the pack next to ai-coc; installed packs: {names}",
        names=names,
    )


def _load_extends(entries: list[str], doc: Document) -> list[Pack]:
    packs: list[Pack] = []
    base = doc.base_dir or Path.cwd()
    available: dict[str, Any] | None = None
    for index, entry in enumerate(entries):
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
                        t("policy pack not found: {name}", name=entry),
                        hint=t(
                            "a folder is given relative to the configuration file and must "
                            "contain pack.yaml"
                        ),
                    )
                packs.append(load_pack(folder, origin=display_path(folder)))
                continue
            if available is None:
                available = installed_packs()
            ep = available.get(entry)
            if ep is None:
                names = ", ".join(sorted(available)) or "—"
                raise InputError(
                    t("policy pack not found: {name}", name=entry), hint=_install(names)
                )
            try:
                folder = _entry_point_folder(ep)
            except Exception as exc:  # a broken installed package
                raise InputError(
                    t(
                        "the installed pack '{name}' does not point to a folder: {problem}",
                        name=entry,
                        problem=str(exc),
                    ),
                    hint=_install(entry),
                ) from None
            packs.append(load_pack(folder, origin=f"entry-point:{entry}"))
        except InputError as exc:
            if exc.file is None:  # point at the config line that names the pack
                raise _error(doc, where, exc.message, exc.hint) from None
            raise
    return packs


def _inline_pack(
    rules: list[dict[str, Any]], prefix: str, doc: Document, name: str = INLINE_PACK
) -> Pack | None:
    if not rules:
        return None
    meta = PackMeta(
        name=name,
        version="config",
        prefix=prefix,
        title={"en": "Red lines of the configuration", "de": "Rote Linien der Konfiguration"},
        red_lines=True,
    )
    canonical = json.dumps(rules, sort_keys=True, ensure_ascii=False, default=str)
    from hashlib import sha256

    pack = Pack(
        meta=meta,
        root=doc.base_dir or Path.cwd(),
        sha256=sha256(canonical.encode()).hexdigest(),
        origin=f"{doc.file}:red_lines",
    )
    from ai_coc.rules import cache as packcache

    # The compiled red lines depend on the rules, the prefix and where they are written.
    key = packcache.cache_key(pack.sha256, "inline", meta.prefix, doc.file, doc.text)
    cached = packcache.load_cached(key, pack.sha256, pack.root, pack.origin)
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
            message,
            exc.file,
            exc.line,
            exc.column,
            t(
                "an inline red line uses the rule format of a policy pack; see "
                "the docs page 'Write your organisation's red lines'"
            ),
        ) from None
    packcache.store(pack, key=key)
    return pack


def _find_rule(policies: PolicySet, key: str, doc: Document) -> Rule:
    """The rule a ``severity`` key names; an unknown one is an error at that key."""
    rule = policies.find(key)
    if rule is None:
        from difflib import get_close_matches

        close = get_close_matches(key, [*policies.by_id, *policies.by_name], n=3)
        suggestion = t("; did you mean {candidates}?", candidates=", ".join(close)) if close else ""
        raise _error(
            doc,
            ("severity", key),
            t("no rule with the ID or name '{name}'", name=key),
            t("`ai-coc rules` lists all rules{suggestion}", suggestion=suggestion),
        )
    return rule


def _resolve_overrides(
    severity: Mapping[str, str], doc: Document, policies: PolicySet
) -> dict[str, str]:
    resolved: dict[str, str] = {}
    for key, severity_value in severity.items():
        rule = _find_rule(policies, key, doc)
        _refuse_off(rule, severity_value, doc, ("severity", key))
        resolved[rule.id] = severity_value
    return resolved


def _refuse_off(rule: Rule, severity: str, doc: Document, where: DataPath) -> None:
    """A red line or a built-in rule cannot be switched off (exit 2 at that line)."""
    if severity == "off" and (rule.red_line or rule.spec.kind == "builtin"):
        which = (
            N_("{rule} is a red line and cannot be switched off")
            if rule.red_line
            else N_(
                "{rule} checks the structure of the manifest or its waivers and "
                "cannot be switched off"
            )
        )
        raise _error(
            doc,
            where,
            t(which, rule=rule.id),
            t(
                "remove this line; a red line is changed only by changing the "
                "policy pack that defines it"
            ),
        )


# --- the effective settings --------------------------------------------------------------


def load_settings(
    path: Path | None, cli: Mapping[str, Any] | None = None, org: Path | None = None
) -> Settings:
    """The effective settings from the file ``path`` (or none) and command-line values.

    With ``org`` (``--org-config`` / ``AI_COC_ORG_CONFIG``), that file is read first and
    ``path`` is layered on top of it: see :func:`_layer_on_org`.
    """
    cli = {k: v for k, v in (cli or {}).items() if v is not None}
    org_doc = read_config_document(org) if org is not None else None
    if org is not None and path is not None and _same_file(path, org):
        path = None  # the organisation's file is not a repository layer of its own
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
    if org_doc is not None:
        return _layer_on_org(settings, org_doc)
    packs: list[Pack] = []
    if doc is not None:
        packs = _load_extends(config.extends, doc)
        inline = _inline_pack(config.red_lines, config.red_line_prefix, doc)
        if inline is not None:
            packs.append(inline)
    settings.packs = packs
    settings.policies = load_policies(packs)
    if doc is not None:
        settings.overrides = _resolve_overrides(config.severity, doc, settings.policies)
    return settings


def settings_here(explicit: Path | None = None, org: Path | None = None) -> Settings:
    """The settings for commands without a manifest: ``--config``, else found from here,
    on top of the organisation's (``org``)."""
    return load_settings(explicit or find_config(Path.cwd()), org=org)


class SettingsCache:
    """Settings per configuration file, so a folder of manifests loads each config once."""

    def __init__(
        self,
        explicit: Path | None,
        cli: Mapping[str, Any] | None = None,
        org: Path | None = None,
    ) -> None:
        self.explicit = explicit
        self.cli = dict(cli or {})
        self.org = org
        self._by_file: dict[Path | None, Settings] = {}
        self._by_folder: dict[Path, Path | None] = {}
        #: the configuration file in each folder itself (see find_config)
        self._found_in: dict[Path, Path | None] = {}

    def _config_of(self, folder: Path) -> Path | None:
        """The configuration of a folder, looked up once per folder."""
        if folder not in self._by_folder:
            self._by_folder[folder] = find_config(folder, self._found_in)
        return self._by_folder[folder]

    def for_manifest(self, manifest: Path) -> Settings:
        path = self.explicit or self._config_of(manifest.absolute().parent)
        key = path.resolve() if path is not None else None
        if key not in self._by_file:
            self._by_file[key] = load_settings(path, self.cli, self.org)
        return self._by_file[key]

    @property
    def loaded(self) -> list[Settings]:
        return list(self._by_file.values())


def strictest_fail_on(values: Iterable[str]) -> str:
    """Of several ``fail_on`` values, the one that fails soonest."""
    order = ("info", "warning", "error", "never")
    found = [v for v in values if v in order]
    return min(found, key=order.index) if found else "error"


# --- organisation policy (issue 13): the repository layers on top, and may only tighten ----

#: The environment variable that names the organisation's configuration.
ORG_ENV = "AI_COC_ORG_CONFIG"
#: Name of the pack made of the organisation's inline red lines.
ORG_INLINE_PACK = "org-inline"
#: The built-in rule that reports an attempt to loosen the organisation's policy.
LOOSENS = "config-loosens-org-policy"

#: How soon each ``fail_on`` fails (lower is stricter).
_FAIL_ON_ORDER = {"info": 0, "warning": 1, "error": 2, "never": 3}
#: Severity levels, ``off`` lowest.
_LEVEL = {"off": 0, "info": 1, "warning": 2, "error": 3}


@dataclass(eq=False, repr=False)
class Loosening(Record):
    """A setting of the repository's file that would loosen the organisation's policy."""

    path: DataPath
    problem: str  # i18n key
    values: dict[str, str]
    org: str  # where the organisation's value comes from


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or a.samefile(b)
    except OSError:
        return False


def _layer_on_org(settings: Settings, org_doc: Document) -> Settings:
    """The organisation's configuration, with the repository's (``settings``) on top.

    The repository may add packs, red lines and categories and may tighten: a stricter
    ``fail_on``, a higher severity, a shorter waiver horizon. Every attempt to loosen is kept as a
    :class:`Loosening` (reported as a finding of rule ``config-loosens-org-policy`` in the
    repository's file) and the organisation's value stays in force. A looser ``--fail-on`` on
    the command line does not take effect either; a note says so on stderr.
    """
    from ai_coc.read.textfold import near_word, visible
    from ai_coc.read.vocabulary import CATEGORIES

    org = _validate(org_doc)
    repo = settings.config
    doc = settings.doc
    given = set(doc.data) if doc is not None else set()
    org_given = set(org_doc.data)
    settings.org_doc = org_doc
    loosened: list[Loosening] = []

    def org_where(name: str, *path: Any) -> str:
        if name in org_given:
            return f"{org_doc.file}:{org_doc.locate((name, *path)).line}"
        return f"{org_doc.file} ({SOURCE_DEFAULT})"

    def loosen(path: DataPath, problem: str, org_at: str, **values: str) -> None:
        if doc is not None:
            loosened.append(Loosening(path, problem, values, org_at))

    for name in SETTINGS:
        if name in org_given:
            settings.values[name].org = org_where(name)

    def take_org(name: str) -> None:
        source = org_where(name) if name in org_given else SOURCE_DEFAULT
        settings.values[name] = Setting(getattr(org, name), source, settings.values[name].org)

    # fail_on: the repository or the command line may only make it stricter
    mine = settings.values["fail_on"]
    if mine.source == SOURCE_DEFAULT:
        take_org("fail_on")
    elif _FAIL_ON_ORDER[str(mine.value)] > _FAIL_ON_ORDER[org.fail_on]:
        if mine.source == SOURCE_CLI:  # not a file of the repository: said on stderr
            settings.notes.append(
                t(
                    "note: {option} {value} is looser than the organisation's "
                    "fail_on: {org}, which stays in force",
                    option="--fail-on",
                    value=str(mine.value),
                    org=org.fail_on,
                )
                + f" ({org_where('fail_on')})"
            )
        else:
            loosen(
                ("fail_on",),
                N_("fail_on: {value} is looser than the organisation's fail_on: {org_value}"),
                org_where("fail_on"),
                value=str(mine.value),
                org_value=org.fail_on,
            )
        take_org("fail_on")

    # waiver horizon: only shorter
    if "waiver_max_days" not in given:
        take_org("waiver_max_days")
    elif repo.waiver_max_days > org.waiver_max_days:
        loosen(
            ("waiver_max_days",),
            N_(
                "waiver_max_days: {value} allows longer waivers than the "
                "organisation's {org_value} days"
            ),
            org_where("waiver_max_days"),
            value=str(repo.waiver_max_days),
            org_value=str(org.waiver_max_days),
        )
        take_org("waiver_max_days")

    # language and ID prefix are not policy: the repository's, else the organisation's
    for name in ("lang", "red_line_prefix", "docs_url"):
        if settings.values[name].source == SOURCE_DEFAULT and name in org_given:
            take_org(name)
    # a manifest the organisation requires stays required
    if org.require_manifest:
        take_org("require_manifest")

    # categories: the repository may add words, but not look-alikes of known ones
    core = [*CATEGORIES, *org.categories]
    words = list(org.categories)
    for index, word in enumerate(repo.categories):
        near = near_word(word, core) if word not in core else None
        if near is not None:
            loosen(
                ("categories", index),
                N_(
                    "the new category '{value}' looks like the vocabulary word "
                    "'{word}' and is not added"
                ),
                org_where("categories"),
                value=visible(word),
                word=near[0],
            )
            continue
        if word not in words:
            words.append(word)
    source = settings.values["categories"].source
    if source == SOURCE_DEFAULT and "categories" in org_given:
        source = org_where("categories")
    settings.values["categories"] = Setting(words, source, settings.values["categories"].org)

    # packs: the organisation's always load; the repository's come on top
    org_packs = _load_extends(org.extends, org_doc)
    org_inline = _inline_pack(org.red_lines, org.red_line_prefix, org_doc, ORG_INLINE_PACK)
    if org_inline is not None:
        org_packs.append(org_inline)
    named = {p.name: p for p in org_packs}
    repo_packs: list[Pack] = []
    kept: list[dict[str, Any]] = []
    if doc is not None:
        if "extends" in given and not repo.extends and org.extends:
            loosen(
                ("extends",),
                N_("extends: [] cannot drop the organisation's packs ({org_value})"),
                org_where("extends"),
                org_value=", ".join(org.extends),
            )
        for index, pack in enumerate(_load_extends(repo.extends, doc) if repo.extends else []):
            twin = named.get(pack.name)
            if twin is None:
                repo_packs.append(pack)
            elif twin.sha256 != pack.sha256:
                loosen(
                    ("extends", index),
                    N_(
                        "this pack is a different version of the organisation's pack "
                        "{pack} and cannot replace it"
                    ),
                    org_where("extends"),
                    pack=pack.name,
                )
        org_rules = {r.id: r for p in org_packs for r in p.rules}
        if "red_lines" in given and not repo.red_lines and org.red_lines:
            loosen(
                ("red_lines",),
                N_("red_lines: [] cannot remove the organisation's red lines ({org_value})"),
                org_where("red_lines"),
                org_value=", ".join(str(r.get("id", "?")) for r in org.red_lines),
            )
        for index, rule in enumerate(repo.red_lines):
            ident = str(rule.get("id", "")) if isinstance(rule, Mapping) else ""
            name = str(rule.get("name", "")) if isinstance(rule, Mapping) else ""
            clash = org_rules.get(ident.upper()) or next(
                (r for r in org_rules.values() if r.name == name), None
            )
            if clash is not None:
                loosen(
                    ("red_lines", index),
                    N_(
                        "the red line {rule} belongs to the organisation and cannot be "
                        "replaced here"
                    ),
                    f"{clash.file}:{clash.line}",
                    rule=clash.id,
                )
                continue
            kept.append(rule)
        prefix = str(settings.values["red_line_prefix"].value)  # the repository's, else the org's
        inline = _inline_pack(kept, prefix, doc) if kept else None
        if inline is not None:
            repo_packs.append(inline)
    extends = [*org.extends, *(e for e in repo.extends if e not in org.extends)]
    source = settings.values["extends"].source
    if source == SOURCE_DEFAULT and "extends" in org_given:
        source = org_where("extends")
    settings.values["extends"] = Setting(extends, source, settings.values["extends"].org)
    red_lines = [*org.red_lines, *kept]
    source = settings.values["red_lines"].source
    if source == SOURCE_DEFAULT and "red_lines" in org_given:
        source = org_where("red_lines")
    settings.values["red_lines"] = Setting(red_lines, source, settings.values["red_lines"].org)
    settings.packs = [*org_packs, *repo_packs]
    policies = load_policies(settings.packs)
    settings.policies = policies

    # severities: the organisation's, then the repository's where they are not lower
    overrides = _resolve_overrides(org.severity, org_doc, policies)
    org_keys = {(_find_rule(policies, k, org_doc)).id: k for k in org.severity}
    own = {r.id for p in repo_packs for r in p.rules}
    for key, wanted in repo.severity.items():
        assert doc is not None
        target = _find_rule(policies, key, doc)
        if target.id in own:  # the repository's own rule: as without an organisation
            _refuse_off(target, wanted, doc, ("severity", key))
            overrides[target.id] = wanted
            continue
        floor = overrides.get(target.id, "error" if target.red_line else target.severity)
        if _LEVEL[wanted] < _LEVEL[floor]:
            at = (
                org_where("severity", org_keys[target.id])
                if target.id in org_keys
                else f"{target.file}:{target.line}"
            )
            loosen(
                ("severity", key),
                N_("severity {value} for {rule} is lower than the organisation's {org_value}"),
                at,
                rule=target.id,
                value=wanted,
                org_value=floor,
            )
            continue
        overrides[target.id] = wanted
    settings.overrides = overrides
    source = settings.values["severity"].source
    if source == SOURCE_DEFAULT and "severity" in org_given:
        source = org_where("severity")
    settings.values["severity"] = Setting(dict(overrides), source, settings.values["severity"].org)
    settings.loosened = loosened
    return settings


def loosening_findings(settings: Settings, today: Any, lang: str) -> list[Any]:
    """The findings of rule ``config-loosens-org-policy`` in the repository's file."""
    from ai_coc.rules.engine import _Emitter  # the engine's finding builder

    if not settings.loosened or settings.doc is None:
        return []
    policies = settings.require_policies()
    rule = policies.by_name.get(LOOSENS)
    if rule is None:  # pragma: no cover - the built-in pack always has it
        return []
    emitter = _Emitter(settings.doc, policies, today, lang)
    out = [
        emitter.emit(
            rule,
            item.path,
            extra={"problem": t(item.problem, lang, **item.values), "org": item.org},
        )
        for item in settings.loosened
    ]
    return sorted(out, key=lambda f: f.sort_key)
