"""``ai-coc check --since REF``: report only findings that are new since a git ref.

For each checked manifest, the version at ``REF`` is read with ``git show`` and evaluated
in memory with the same policies and the same "today". A finding is *old* when a finding
with the same rule ID at the same logical path (for example
``uses[newsletter-translation].labour``) existed in that version; lines are never compared,
so moving or reformatting text does not make old findings new. A manifest that did not
exist at ``REF`` (or could not be read as a manifest there) has only new findings.

Crossed red lines are never left out: ``--since`` eases the way into the Code, it does not
hide a line the organisation has said must not be crossed.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.report.report import FileResult, Report, ResultStore
from ai_coc.rules.findings import Finding
from ai_coc.rules.policy import PolicySet

Key = tuple[str, str]


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
    except FileNotFoundError:
        raise InputError(
            t("--since needs git, but the git program was not found"),
            hint=t("install git, or run the check without --since"),
        ) from None
    except OSError as exc:
        raise InputError(t("--since: git failed: {reason}", reason=exc.strerror or exc)) from None


def old_text(manifest: Path, ref: str, *, display: str | None = None) -> str | None:
    """The text of ``manifest`` at ``ref``; ``None`` if it did not exist there.

    Raises :class:`InputError` when git is missing, the file is not in a git work tree, or
    ``ref`` is not a commit.
    """
    from ai_coc.files import decode

    folder = manifest.absolute().parent.resolve()
    name = display or str(manifest)
    inside = _git(["rev-parse", "--is-inside-work-tree"], folder)
    if inside.returncode != 0 or inside.stdout.strip() != b"true":
        raise InputError(t("--since works only for manifests inside a git repository"), file=name)
    if ref.startswith("-"):
        raise InputError(
            t("--since: '{ref}' is not a commit, branch or tag in this repository", ref=ref),
            hint=t(
                "check the spelling; in CI, fetch enough history (for example "
                "`git fetch origin main` or `fetch-depth: 0`)"
            ),
        )
    verify = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], folder)
    if verify.returncode != 0:
        raise InputError(
            t("--since: '{ref}' is not a commit, branch or tag in this repository", ref=ref),
            hint=t(
                "check the spelling; in CI, fetch enough history (for example "
                "`git fetch origin main` or `fetch-depth: 0`)"
            ),
        )
    commit = verify.stdout.decode().strip()
    spec = f"{commit}:./{manifest.name}"
    if _git(["cat-file", "-e", spec], folder).returncode != 0:
        return None
    shown = _git(["show", spec], folder)
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(
            t("--since: git failed: {reason}", reason=reason[-1] if reason else "?"), file=name
        )
    try:
        return decode(shown.stdout, name)
    except InputError:
        return None


def old_keys(
    manifest: Path,
    text: str,
    policies: PolicySet,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
) -> set[Key] | None:
    """(rule ID, logical path) of every finding in the old version; ``None`` if unreadable."""
    from ai_coc.read.yaml import parse_document, require_manifest
    from ai_coc.rules.engine import evaluate
    from ai_coc.run.check import environment_for

    try:
        doc = parse_document(text, str(manifest))
        require_manifest(doc)
    except InputError:
        return None
    doc.base_dir = manifest.absolute().parent.resolve()
    findings = evaluate(doc, policies, today, lang=lang, env=environment_for(doc, categories))
    return {key(f) for f in findings}


def key(finding: Finding) -> Key:
    """What makes a finding "the same" across versions: rule and logical path, not the line."""
    return (finding.rule_id, finding.location.path)


def only_new(
    report: Report,
    ref: str,
    policies: PolicySet,
    *,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
) -> Report:
    """Drop, file by file, the findings that already existed at ``ref``.

    ``categories`` must be the same vocabulary extensions the check itself used.
    """

    def only_new_in(result: FileResult) -> FileResult:
        if result.config:
            return result  # what a configuration file tries is reported every time
        result.findings = new_findings(
            result, ref, policies, today=today, lang=lang, categories=categories
        )
        return result

    files = report.files
    if isinstance(files, ResultStore):
        report.files = files.replace_each(only_new_in)
        files.close()
    else:
        report.files = [only_new_in(result) for result in files]
    return report


def new_findings(
    result: FileResult,
    ref: str,
    policies: PolicySet,
    *,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
) -> list[Finding]:
    """The findings of one checked manifest that are new since ``ref``."""
    manifest = Path(result.file)
    findings = _new_history(result.findings, manifest, ref)
    text = old_text(manifest, ref, display=result.file)
    if text is None:
        return findings
    before = old_keys(manifest, text, policies, today, lang, categories)
    if before is None:
        return findings
    return [f for f in findings if f.red_line or key(f) not in before or _is_history(f)]


def _is_history(finding: Finding) -> bool:
    from ai_coc.rules.engine import UNDECLARED_AI_IN_HISTORY

    return finding.rule_name == UNDECLARED_AI_IN_HISTORY


def _new_history(findings: list[Finding], manifest: Path, ref: str) -> list[Finding]:
    """Findings about commits in the git history are new only for commits after ``ref``."""
    if not any(_is_history(f) for f in findings):
        return findings
    from ai_coc.run.history import commits_after

    after = commits_after(manifest.absolute().parent.resolve(), ref)
    if after is None:
        return findings

    def new(finding: Finding) -> bool:
        short = finding.location.path.removeprefix("history[").removesuffix("]")
        return any(commit.startswith(short) for commit in after)

    return [f for f in findings if not _is_history(f) or new(f)]
