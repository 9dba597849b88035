"""Wiring of one check run: find manifests, load them, evaluate, collect a report.

This is the I/O edge around the pure engine; the CLI calls :func:`check_paths`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ai_coc.files import display_path
from ai_coc.read.document import Document
from ai_coc.read.yaml import load_document, require_manifest
from ai_coc.report.report import FileResult, PackInfo, Report, ResultStore
from ai_coc.rules.checks import Environment
from ai_coc.rules.policy import PolicySet
from ai_coc.run.discover import BY_PATHS, find_targets, git_root

if TYPE_CHECKING:
    from ai_coc.run.config import Settings, SettingsCache


def environment_for(doc: Document, categories: Iterable[str] = ()) -> Environment:
    """What checks may ask about the repository of ``doc``."""
    base = doc.base_dir
    repo = git_root(base) if base is not None else None
    limit = (repo or base or Path.cwd()).resolve()

    def path_exists(relative: str) -> bool:
        if base is None:
            return False
        try:
            target = (base / relative).resolve()
            # A notice must live inside the repository (or the manifest's folder).
            if target != limit and limit not in target.parents:
                return False
            return target.is_file()
        except (OSError, ValueError, RuntimeError):
            # A name too long for the file system, a NUL byte or a symlink loop: no such file.
            return False

    return Environment(path_exists=path_exists, categories=frozenset(categories))


def check_file(
    path: Path,
    policies: PolicySet,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
    *,
    settings: Settings | None = None,
) -> FileResult:
    """Load and evaluate one manifest, then apply severities and waivers."""
    from ai_coc.rules.engine import evaluate
    from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS, finish

    if settings is not None:
        policies = settings.require_policies()
        categories = [*categories, *settings.categories]
    doc = load_document(path, display=display_path(path))
    require_manifest(doc)
    findings = evaluate(doc, policies, today, lang=lang, env=environment_for(doc, categories))
    findings, waived = finish(
        findings,
        doc,
        policies,
        today,
        lang=lang,
        overrides=settings.overrides if settings is not None else {},
        horizon=settings.waiver_max_days if settings is not None else DEFAULT_WAIVER_MAX_DAYS,
    )
    uses = doc.data.get("uses")
    return FileResult(
        file=doc.file,
        findings=findings,
        waived=waived,
        uses=len(uses) if isinstance(uses, list) else 0,
        lines=doc.lines,
    )


def _with_config_findings(
    results: ResultStore, loaded: list[Settings], today: dt.date, lang: str
) -> ResultStore:
    """Add the configuration files that tried to loosen the organisation's policy, each as a
    file of the report (in name order with the manifests)."""
    from ai_coc.run.config import loosening_findings

    extra: dict[str, FileResult] = {}
    for settings in loaded:
        doc = settings.doc
        if doc is None or not settings.loosened or doc.file in extra:
            continue
        findings = loosening_findings(settings, today, lang)
        extra[doc.file] = FileResult(file=doc.file, findings=findings, lines=doc.lines, config=True)
    if not extra:
        return results
    merged = ResultStore(
        sorted([*results, *extra.values()], key=lambda r: r.file), keep=results.keep
    )
    results.close()
    return merged


def targets(paths: list[Path], cwd: Path | None = None) -> list[Path]:
    """The manifests a run checks: as given (folders searched), or those of the repository
    (see :func:`ai_coc.run.discover.find_targets`)."""
    return find_targets(paths, cwd or Path.cwd()).paths


#: From this many manifests on, a run loads pydantic up front (see ``prefer_pydantic``).
MANY_FILES = 20


def check_paths(
    paths: list[Path],
    policies: PolicySet,
    *,
    today: dt.date,
    lang: str,
    fail_on: str = "error",
    cwd: Path | None = None,
    settings: SettingsCache | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    found_by: str = BY_PATHS,
) -> Report:
    """Check every manifest named by ``paths`` (or the discovered one).

    The report lists the files by the name shown for them. With ``settings``, each manifest
    uses the configuration found for it.
    ``progress(n, total, file)`` is called as the n-th file is checked. Large scans use
    every core (see :mod:`ai_coc.run.scan`). ``found_by`` says how the manifests were found
    (``git``, ``walk`` or ``paths``), for the summary.
    """
    from ai_coc.run.scan import check_many

    # Report order is by file name as shown, so that the findings of each file, sorted, are
    # also sorted across files (and a report can be written file by file).
    listed = targets(paths, cwd)
    shown = {target: display_path(target) for target in listed}  # once per file
    found = sorted(listed, key=shown.__getitem__)
    if len(found) >= MANY_FILES:
        from ai_coc.rules.engine import prefer_pydantic

        prefer_pydantic()  # once loaded, pydantic's validator is the faster one
    own: dict[Path, Settings] = {}
    if settings is not None:
        for target in found:
            own[target] = settings.for_manifest(target)
            own[target].require_policies()  # load packs once, before any worker starts

    def check_one(target: Path) -> FileResult:
        mine = own.get(target)
        used = mine.require_policies() if mine is not None else policies
        return check_file(target, used, today, lang, settings=mine)

    results = check_many(found, check_one, progress, display=shown.__getitem__)
    if settings is not None:
        results = _with_config_findings(results, settings.loaded, today, lang)
    packs: dict[tuple[str, str], PackInfo] = {}
    loaded = settings.loaded if settings is not None else []
    for used in [s.require_policies() for s in loaded] or [policies]:
        for p in used.packs:
            packs.setdefault((p.name, p.sha256), PackInfo(p.name, p.version, p.sha256, p.origin))
    if settings is not None:
        from ai_coc.run.config import strictest_fail_on

        fail_on = strictest_fail_on(s.fail_on for s in settings.loaded)
    return Report(
        files=results,
        policies=list(packs.values()),
        today=today,
        lang=lang,
        fail_on=fail_on,
        found=len(found),
        found_by=found_by,
    )
