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


class OldVersions:
    """The manifests as they were at ``ref``, read with one ``git cat-file --batch`` process
    per repository for the whole run (and one ``git rev-parse`` per repository), instead of
    several git processes per manifest."""

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self._commits: dict[Path, str] = {}
        self._batches: dict[Path, subprocess.Popen[bytes]] = {}

    def text(self, manifest: Path, display: str | None = None) -> str | None:
        """The text of ``manifest`` at the ref; ``None`` if it did not exist there.

        Raises :class:`InputError` when git is missing, the file is not in a git work tree,
        or the ref is not a commit.
        """
        from ai_coc.files import decode, git_root

        name = display or str(manifest)
        path = manifest.absolute().resolve()
        top = git_root(path.parent)
        if top is None:
            raise InputError(
                t("--since works only for manifests inside a git repository"), file=name
            )
        top = top.resolve()
        commit = self._commit(top)
        raw = self._read(top, f"{commit}:{path.relative_to(top).as_posix()}", name)
        if raw is None:
            return None
        try:
            return decode(raw, name)
        except InputError:
            return None

    def _commit(self, top: Path) -> str:
        if top not in self._commits:
            if self.ref.startswith("-"):
                raise InputError(
                    t(
                        "--since: '{ref}' is not a commit, branch or tag in this repository",
                        ref=self.ref,
                    ),
                    hint=t(
                        "check the spelling; in CI, fetch enough history (for example "
                        "`git fetch origin main` or `fetch-depth: 0`)"
                    ),
                )
            verify = _git(["rev-parse", "--verify", "--quiet", f"{self.ref}^{{commit}}"], top)
            if verify.returncode != 0:
                raise InputError(
                    t(
                        "--since: '{ref}' is not a commit, branch or tag in this repository",
                        ref=self.ref,
                    ),
                    hint=t(
                        "check the spelling; in CI, fetch enough history (for example "
                        "`git fetch origin main` or `fetch-depth: 0`)"
                    ),
                )
            self._commits[top] = verify.stdout.decode().strip()
        return self._commits[top]

    def _batch(self, top: Path) -> subprocess.Popen[bytes]:
        if top not in self._batches:
            try:
                self._batches[top] = subprocess.Popen(
                    ["git", "cat-file", "--batch"],
                    cwd=top,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except FileNotFoundError:
                raise InputError(
                    t("--since needs git, but the git program was not found"),
                    hint=t("install git, or run the check without --since"),
                ) from None
            except OSError as exc:
                raise InputError(
                    t("--since: git failed: {reason}", reason=exc.strerror or exc)
                ) from None
        return self._batches[top]

    def _read(self, top: Path, spec: str, name: str) -> bytes | None:
        batch = self._batch(top)
        assert batch.stdin is not None and batch.stdout is not None
        try:
            batch.stdin.write(spec.encode("utf-8", "surrogateescape") + b"\n")
            batch.stdin.flush()
            header = batch.stdout.readline()
        except OSError as exc:
            raise InputError(
                t("--since: git failed: {reason}", reason=exc.strerror or exc), file=name
            ) from None
        parts = header.split()
        if len(parts) != 3:  # "<spec> missing" (or ambiguous): not there at the ref
            if not header:
                raise InputError(
                    t("--since: git failed: {reason}", reason="git cat-file ended"), file=name
                )
            return None
        size = int(parts[2])
        content = batch.stdout.read(size)
        batch.stdout.read(1)  # the line break after the content
        return content if parts[1] == b"blob" else None

    def close(self) -> None:
        for batch in self._batches.values():
            if batch.stdin is not None:
                batch.stdin.close()
            batch.wait()
            if batch.stdout is not None:
                batch.stdout.close()
        self._batches.clear()


def old_text(manifest: Path, ref: str, *, display: str | None = None) -> str | None:
    """The text of ``manifest`` at ``ref``; ``None`` if it did not exist there."""
    versions = OldVersions(ref)
    try:
        return versions.text(manifest, display)
    finally:
        versions.close()


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

    versions = OldVersions(ref)

    def only_new_in(result: FileResult) -> FileResult:
        if result.config:
            return result  # what a configuration file tries is reported every time
        result.findings = new_findings(
            result, ref, policies, today=today, lang=lang, categories=categories, versions=versions
        )
        return result

    try:
        files = report.files
        if isinstance(files, ResultStore):
            report.files = files.replace_each(only_new_in)
            files.close()
        else:
            report.files = [only_new_in(result) for result in files]
    finally:
        versions.close()
    return report


def new_findings(
    result: FileResult,
    ref: str,
    policies: PolicySet,
    *,
    today: dt.date,
    lang: str,
    categories: Iterable[str] = (),
    versions: OldVersions | None = None,
) -> list[Finding]:
    """The findings of one checked manifest that are new since ``ref``."""
    manifest = Path(result.file)
    findings = _new_history(result.findings, manifest, ref)
    if versions is None:
        text = old_text(manifest, ref, display=result.file)
    else:
        text = versions.text(manifest, result.file)
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
