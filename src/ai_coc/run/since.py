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
        raise InputError(t("since.no_git"), hint=t("since.no_git.hint")) from None
    except OSError as exc:
        raise InputError(t("since.git_failed", reason=exc.strerror or exc)) from None


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
        raise InputError(t("since.not_repo"), file=name)
    if ref.startswith("-"):
        raise InputError(t("since.bad_ref", ref=ref), hint=t("since.bad_ref.hint"))
    verify = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], folder)
    if verify.returncode != 0:
        raise InputError(t("since.bad_ref", ref=ref), hint=t("since.bad_ref.hint"))
    commit = verify.stdout.decode().strip()
    spec = f"{commit}:./{manifest.name}"
    if _git(["cat-file", "-e", spec], folder).returncode != 0:
        return None
    shown = _git(["show", spec], folder)
    if shown.returncode != 0:
        reason = shown.stderr.decode(errors="replace").strip().splitlines()
        raise InputError(t("since.git_failed", reason=reason[-1] if reason else "?"), file=name)
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
    from ai_coc.read.yaml import MANIFEST_LIMITS, parse_document, require_manifest
    from ai_coc.rules.engine import evaluate
    from ai_coc.run.check import environment_for

    try:
        doc = parse_document(text, str(manifest), limits=MANIFEST_LIMITS)
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
    text = old_text(manifest, ref, display=result.file)
    if text is None:
        return result.findings
    before = old_keys(manifest, text, policies, today, lang, categories)
    if before is None:
        return result.findings
    return [f for f in result.findings if f.red_line or key(f) not in before]
