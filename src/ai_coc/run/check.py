"""Wiring of one check run: find manifests, load them, evaluate, collect a report.

This is the I/O edge around the pure engine; the CLI calls :func:`check_paths`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ai_coc.files import display_path, git_root, remembered_folders
from ai_coc.read.document import Document
from ai_coc.read.yaml import load_document, require_manifest
from ai_coc.report.report import FileResult, PackInfo, Report, ResultStore
from ai_coc.rules import cache as packcache
from ai_coc.rules.checks import Environment
from ai_coc.rules.policy import PolicySet
from ai_coc.run.discover import BY_PATHS, find_targets

if TYPE_CHECKING:
    from ai_coc.rules.findings import Finding
    from ai_coc.run.config import Settings, SettingsCache
    from ai_coc.run.history import HistoryCache


def environment_for(
    doc: Document, categories: Iterable[str] = (), history: HistoryCache | None = None
) -> Environment:
    """What checks may ask about the repository of ``doc``; with ``history``, the AI
    trailers of the commits since the manifest's last review (in a git repository)."""
    base = doc.base_dir
    repo = git_root(base) if base is not None else None
    # a document's folder is resolved when it is read (so is the repository above it)
    limit = str(repo or base or Path.cwd().resolve())
    inside = limit if limit.endswith(os.sep) else limit + os.sep
    folder = str(base)

    def path_exists(relative: str) -> bool:
        # what Path.resolve() and is_file() say, with the strings alone (once for every file)
        if base is None:
            return False
        try:
            target = os.path.realpath(os.path.join(folder, relative))  # noqa: PTH118 - no Path objects
            # A notice must live inside the repository (or the manifest's folder).
            if target != limit and not target.startswith(inside):
                return False
            return os.path.isfile(target)  # noqa: PTH113
        except (OSError, ValueError, RuntimeError):
            # A name too long for the file system, a NUL byte or a symlink loop: no such file.
            return False

    trailers = None
    if history is not None and repo is not None:
        from ai_coc.rules.trailers import last_reviewed

        trailers = history.trailers(repo, last_reviewed(doc.data))
    return Environment(
        path_exists=path_exists,
        categories=frozenset(categories),
        history=trailers,
        questions=packcache.interview_questions,
    )


def with_docs_url(findings: list[Finding], policies: PolicySet, docs_url: str) -> list[Finding]:
    """The findings with their rules' links under the configured ``docs_url``."""
    import dataclasses

    out = []
    for finding in findings:
        rule = policies.find(finding.rule_id)
        url = rule.help_url_for(docs_url) if rule is not None else finding.help_url
        out.append(dataclasses.replace(finding, help_url=url))
    return out


def check_file(
    path: Path,
    policies: PolicySet,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
    *,
    settings: Settings | None = None,
    history: HistoryCache | None = None,
    display: str | None = None,
) -> FileResult:
    """Load and evaluate one manifest, then apply severities and waivers. ``display``: the
    name shown for it (default: see :func:`~ai_coc.files.display_path`)."""
    from ai_coc.report.inventory import inventory
    from ai_coc.rules.engine import evaluate
    from ai_coc.run.waivers import DEFAULT_WAIVER_MAX_DAYS, finish

    if settings is not None:
        policies = settings.require_policies()
        categories = [*categories, *settings.categories]
    doc = load_document(path, display=display or display_path(path))
    require_manifest(doc)
    if settings is not None and not settings.history:
        history = None
    env = environment_for(doc, categories, history)
    findings = evaluate(doc, policies, today, lang=lang, env=env)
    if settings is not None and settings.docs_url:
        findings = with_docs_url(findings, policies, settings.docs_url)
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
        inventory=inventory(doc.data),
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
    merged = merge_results(results, extra.values())
    results.close()
    return merged


def _file_of(result: FileResult) -> str:
    return result.file


def merge_results(results: ResultStore, extra: Iterable[FileResult]) -> ResultStore:
    """A new store with ``results`` and ``extra`` in name order, as
    ``sorted([*results, *extra])`` by file name has them (a result before an extra one of the
    same name). ``results`` are in name order already (as a run makes them): they are merged
    with the few extra ones as they are read, never all held in memory."""
    import heapq
    from itertools import pairwise

    added = sorted(extra, key=_file_of)
    if any(a > b for a, b in pairwise(results.names())):  # not from a run: sort
        return ResultStore(sorted([*results, *added], key=_file_of), keep=results.keep)
    return ResultStore(heapq.merge(results, added, key=_file_of), keep=results.keep)


def targets(paths: list[Path], cwd: Path | None = None) -> list[Path]:
    """The manifests a run checks: as given (folders searched), or those of the repository
    (see :func:`ai_coc.run.discover.find_targets`)."""
    return find_targets(paths, cwd or Path.cwd()).paths


def _history_for(found: list[Path], own: dict[Path, Settings]) -> HistoryCache | None:
    """A history cache primed with one ``git log`` per repository of the manifests."""
    wanted: list[tuple[Path, Path]] = []
    for target in found:
        mine = own.get(target)
        if mine is not None and not mine.history:
            continue
        root = git_root(target.absolute().parent)
        if root is not None:
            wanted.append((root.resolve(), target))
    if not wanted:
        return None
    from ai_coc.run.history import HistoryCache, scan_last_reviewed  # only for a repository

    cache = HistoryCache()
    if len(wanted) > 1:  # one manifest: its first request reads the history, as far as needed
        needs: list[tuple[Path, dt.date | None]] = []
        for root, target in wanted:
            try:
                text = target.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # reported when the file itself is checked
            needs.append((root, scan_last_reviewed(text)))
        cache.prime(needs)
    return cache


@remembered_folders()
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
    read_history: bool = True,
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
    own: dict[Path, Settings] = {}
    if settings is not None:
        for target in found:
            own[target] = settings.for_manifest(target)
            own[target].require_policies()  # load packs once, before any worker starts

    history = _history_for(found, own) if read_history else None

    def check_one(target: Path) -> FileResult:
        mine = own.get(target)
        used = mine.require_policies() if mine is not None else policies
        return check_file(
            target, used, today, lang, settings=mine, history=history, display=shown[target]
        )

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
        docs_url=next((s.docs_url for s in loaded if s.docs_url), ""),
        found=len(found),
        found_by=found_by,
    )
