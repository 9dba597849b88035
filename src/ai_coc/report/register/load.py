"""Reading JSON reports (``ai-coc check --format json``) into a :class:`Register`.

Inputs are files, folders (every ``*.json`` below them) or glob patterns. A file named directly
must be an ai-coc report; in a folder or a glob, other JSON files (a CI artifact may hold more)
are skipped and counted. Each report is read and reduced on its own, so memory grows with the
register, not with the number of findings.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.report.register.model import Hit, Principle, Register, Repository

#: The built-in principles, for reports written before the JSON format carried ``principles``.
FALLBACK_PRINCIPLES: tuple[str, ...] = (
    "weighing",
    "human-centredness",
    "transparency",
    "participation",
    "discrimination-critical",
    "accountability",
    "competences",
    "ecological-sustainability",
)
#: Pseudo-principle columns: format problems and findings outside the eight principles.
SCHEMA, OTHER = "schema", "other"


def _is_glob(text: str) -> bool:
    return any(char in text for char in "*?[")


def expand(inputs: Iterable[str]) -> Iterator[tuple[Path, bool]]:
    """Every JSON file the inputs name, each once, and whether it was named directly."""
    seen: set[Path] = set()
    for text in inputs:
        if _is_glob(text):
            matches = sorted(glob.glob(text, recursive=True))  # noqa: PTH207 (a user's pattern)
            if not matches:
                raise InputError(
                    t("no file matches this pattern"),
                    file=text,
                    hint=t(
                        "name JSON reports written by `ai-coc check --format json`, "
                        "folders that hold them, or glob patterns such as "
                        "'reports/**/*.json'"
                    ),
                )
            found = [(Path(m), False) for m in matches if Path(m).is_file()]
        else:
            path = Path(text)
            if path.is_dir():
                found = [(p, False) for p in sorted(path.rglob("*.json")) if p.is_file()]
            elif path.exists():
                found = [(path, True)]
            else:
                raise InputError(
                    t("file not found"),
                    file=text,
                    hint=t(
                        "name JSON reports written by `ai-coc check --format json`, "
                        "folders that hold them, or glob patterns such as "
                        "'reports/**/*.json'"
                    ),
                )
        for path, direct in found:
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield path, direct


def read_json(path: Path) -> Any:
    """Parse one JSON file; a broken one is a located input error."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(
            t("the file system refused this path: {reason}", reason=exc.strerror or exc),
            file=str(path),
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(t("the report is not UTF-8 text"), file=str(path)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            t("the report is not valid JSON: {problem}", problem=exc.msg),
            file=str(path),
            line=exc.lineno,
            column=exc.colno,
            hint=t(
                "name JSON reports written by `ai-coc check --format json`, "
                "folders that hold them, or glob patterns such as "
                "'reports/**/*.json'"
            ),
        ) from None


def is_report(data: Any) -> bool:
    tool = data.get("tool") if isinstance(data, dict) else None
    return isinstance(tool, dict) and tool.get("name") == "ai-coc" and "findings" in data


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _bad_report(path: Path, problem: str) -> InputError:
    return InputError(t("cannot use this report: {problem}", problem=problem), file=str(path))


class Builder:
    """Collects repositories report by report."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.principles: dict[str, Principle] = {}
        self.repos: dict[str, Repository] = {}
        self.sources = 0
        self.skipped = 0
        self.replaced: list[str] = []

    def add_file(self, path: Path, direct: bool) -> None:
        data = read_json(path)
        if not is_report(data):
            if direct:
                raise _bad_report(path, t("it is not a JSON report of ai-coc"))
            self.skipped += 1
            return
        version = data.get("format_version")
        if version != 1:
            raise _bad_report(
                path,
                t(
                    "format_version {version} is not supported (this ai-coc reads "
                    "version 1); update ai-coc",
                    version=version,
                ),
            )
        self.add_report(path, data)

    def add_report(self, path: Path, data: dict[str, Any]) -> None:
        self.sources += 1
        for item in _list(data.get("principles")):
            if isinstance(item, dict) and isinstance(item.get("slug"), str):
                slug = item["slug"]
                name = {k: v for k, v in _dict(item.get("name")).items() if isinstance(v, str)}
                self.principles.setdefault(slug, Principle(slug, _int(item.get("number")), name))
        if not self.principles:  # a report from before ``principles`` was in the format
            for number, slug in enumerate(FALLBACK_PRINCIPLES, start=1):
                self.principles[slug] = Principle(slug, number, {})
        today = _text(data.get("today")) or self.today.isoformat()
        tool = _dict(data.get("tool"))
        version = _text(tool.get("version")) or "?"
        files = [f for f in _list(data.get("files")) if isinstance(f, dict)]
        if not files:
            raise _bad_report(path, t("it lists no checked manifest (`files` is empty)"))
        mine: dict[str, Repository] = {}
        for entry in files:
            manifest = _text(entry.get("path")) or "ai-usage.yaml"
            repo = self._repository(path, manifest, entry, today, version)
            mine[manifest] = repo
        for kind, items in (
            ("finding", data.get("findings")),
            ("waived", data.get("waived")),
            ("baselined", data.get("baselined")),
        ):
            for finding in _list(items):
                if not isinstance(finding, dict):
                    continue
                location = _dict(finding.get("location"))
                owner = mine.get(_text(location.get("file")) or "")
                if owner is None:
                    if len(mine) != 1:
                        continue
                    owner = next(iter(mine.values()))
                self._finding(owner, finding, location, kind)
        for repo in mine.values():
            old = self.repos.get(repo.key)
            if old is not None:
                self.replaced.append(repo.key)
                if old.today > repo.today:
                    continue
            self.repos[repo.key] = repo

    def _repository(
        self, path: Path, manifest: str, entry: dict[str, Any], today: str, version: str
    ) -> Repository:
        has_inventory = isinstance(entry.get("inventory"), dict)
        inv = _dict(entry.get("inventory"))
        project = _dict(inv.get("project"))
        review = _dict(inv.get("review"))
        name = _text(project.get("name"))
        organisation = _text(project.get("organisation"))
        url = _text(project.get("repository"))
        if name is None:
            parent = Path(manifest).parent.name
            name = parent or path.stem
        if url:
            key = url
        elif organisation:
            key = f"{organisation}/{name}"
        else:
            key = f"{path.as_posix()}:{manifest}"
        return Repository(
            key=key,
            name=name,
            organisation=organisation,
            url=url,
            source=path.as_posix(),
            manifest=manifest,
            today=today,
            tool_version=version,
            ai_used=inv.get("ai_used") is not False,
            last_reviewed=_date(review.get("last_reviewed")),
            next_review_due=_date(review.get("next_review_due")),
            notice=_text(inv.get("notice")),
            feedback=_text(inv.get("feedback")),
            uses=[u for u in _list(inv.get("uses")) if isinstance(u, dict)],
            non_uses=[n for n in _list(inv.get("non_uses")) if isinstance(n, dict)],
            waivers=[w for w in _list(inv.get("waivers")) if isinstance(w, dict)],
            has_inventory=has_inventory,
        )

    def _finding(
        self, repo: Repository, finding: dict[str, Any], location: dict[str, Any], kind: str
    ) -> None:
        rule = _text(finding.get("id")) or "?"
        severity = _text(finding.get("severity")) or "info"
        principle = _text(finding.get("principle"))
        red_line = finding.get("red_line") is True
        if kind == "waived":
            repo.waived += 1
            waiver = _dict(finding.get("waiver"))
            if not repo.has_inventory and waiver:
                repo.waivers.append(
                    {
                        "rule": rule,
                        "use": _text(finding.get("use")),
                        "reason": _text(waiver.get("reason")),
                        "approved_by": _text(waiver.get("approved_by")),
                        "expires": _date(waiver.get("expires")),
                    }
                )
            return
        slug = (
            principle if principle is not None else (SCHEMA if rule.startswith("COC0") else OTHER)
        )
        if slug not in self.principles and slug not in (SCHEMA, OTHER):
            slug = OTHER
        cell = repo.cell(slug)
        if kind == "baselined":
            repo.baselined += 1
            cell.baselined += 1
            return
        cell.add(severity, rule, red_line)
        if severity == "error":
            repo.errors += 1
        elif severity == "warning":
            repo.warnings += 1
        else:
            repo.infos += 1
        if red_line:
            repo.red_hits.append(
                Hit(
                    repo=repo.key,
                    rule=rule,
                    name=_text(finding.get("name")) or "",
                    severity=severity,
                    message=_text(finding.get("message")) or "",
                    path=_text(location.get("path")) or "",
                    use=_text(finding.get("use")),
                    principle=principle,
                )
            )

    def build(self) -> Register:
        principles = sorted(self.principles.values(), key=lambda p: p.number)
        repos = sorted(self.repos.values(), key=lambda r: (r.organisation or "", r.name, r.key))
        return Register(self.today, principles, repos, sources=self.sources)


def _date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def load_register(inputs: Iterable[str], today: dt.date) -> tuple[Register, Builder]:
    """The register of every report the inputs name (and the builder, for its notes)."""
    builder = Builder(today)
    for path, direct in expand(inputs):
        builder.add_file(path, direct)
    if builder.sources == 0:
        raise InputError(
            t("no ai-coc JSON report found"),
            hint=t(
                "name JSON reports written by `ai-coc check --format json`, "
                "folders that hold them, or glob patterns such as "
                "'reports/**/*.json'"
            ),
        )
    return builder.build(), builder
