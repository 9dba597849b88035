"""Helpers shared by the CI formats (SARIF, GitLab, JUnit, GitHub)."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import quote

from ai_coc.i18n import N_, t
from ai_coc.report.report import Report
from ai_coc.rules.findings import SEVERITY_RANK, Finding

#: Texts by key (translated where shown).
FOUND_BY: dict[str, str] = {
    "git": N_("by git (tracked and new files, hidden folders included)"),
    "walk": N_("by searching the folders"),
    "git+walk": N_("by git and by searching the folders"),
}

#: Version tag of the fingerprint scheme; change it only together with the scheme.
FINGERPRINT_KEY = "aiCocFinding/v1"

#: The severity words as shown to people (the machine-readable values stay English).
SEVERITY_WORDS: dict[str, str] = {
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
}


def severity_word(severity: str, lang: str) -> str:
    """``error``, ``warning`` or ``info`` in ``lang`` (``Fehler``, ``Warnung``, ``Hinweis``)."""
    return t(SEVERITY_WORDS.get(severity, severity), lang)


def posix(path: str) -> str:
    """A file name with forward slashes, as CI tools expect."""
    return path.replace("\\", "/")


#: File names a :class:`SourceRoot` remembers (all of a scan of some thousand files; more are
#: looked up again).
_NAMES_KEPT = 16384


class SourceRoot:
    """The folder that file names in SARIF and GitLab reports are relative to.

    CI services (GitHub code scanning, GitLab merge requests) place a finding by its path
    from the top of the repository, whatever folder ``ai-coc`` was started in. The root is
    the git work tree of the manifests (for manifests of several repositories: the folder
    that holds them all); outside git, the working directory when the files are below it,
    else their own folder. It never depends on the working directory inside a repository.
    """

    def __init__(self, files: Iterable[str], cwd: Path | None = None) -> None:
        self.cwd = (cwd or Path.cwd()).resolve()
        self._names: dict[str, str] = {}
        common: str | None = None  # folded file by file: a large scan is never listed whole
        for name in files:
            root = str(self._root_of(self._absolute(name)))
            common = root if common is None else os.path.commonpath([common, root])
        if common is None:
            common = str(self._root_of(self.cwd / "ai-usage.yaml"))
        self.path = Path(common)

    def _absolute(self, name: str) -> Path:
        try:
            return (self.cwd / name).resolve()
        except (OSError, ValueError, RuntimeError):  # e.g. a name with lone surrogates
            return self.cwd / name

    def _root_of(self, file: Path) -> Path:
        from ai_coc.files import git_root

        try:
            repo = git_root(file.parent)
        except (OSError, ValueError):  # a name the file system cannot look up
            repo = None
        if repo is not None:
            return repo
        if file.is_relative_to(self.cwd):
            return self.cwd
        return file.parent

    def relative(self, name: str) -> str | None:
        """``name`` (as shown in the report) relative to the root, or None when outside it."""
        if name not in self._names:
            if len(self._names) >= _NAMES_KEPT:  # findings come file by file: recent ones
                self._names.clear()
            absolute = self._absolute(name)
            if absolute.is_relative_to(self.path):
                self._names[name] = absolute.relative_to(self.path).as_posix()
            else:
                self._names[name] = ""
        return self._names[name] or None

    def name(self, name: str) -> str:
        """``name`` relative to the root; an absolute name for a file outside it."""
        return self.relative(name) or self._absolute(name).as_posix()

    def absolute_uri(self, name: str) -> str:
        """The ``file:`` URI of a file outside the root."""
        return self._absolute(name).as_uri()

    def uri(self) -> str:
        """The root as a ``file:`` URI ending in ``/`` (SARIF ``originalUriBaseIds``)."""
        return self.path.as_uri().rstrip("/") + "/"


def uri_reference(name: str) -> str:
    """A relative file name as a URI reference (``/`` separators, spaces and ``#`` escaped)."""
    try:  # a file name the system could not decode holds its bytes as surrogates
        raw = posix(name).encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = posix(name).encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")


def fingerprint(finding: Finding, file: str | None = None) -> str:
    """A stable identity: rule, file and logical path -- never the line or column.

    Inserting lines above a finding, or reformatting the file, keeps its fingerprint.
    ``file`` is the name to use for the finding's file (the reports pass the name relative
    to the repository root, so the identity does not change with the working directory).
    """
    name = posix(finding.location.file if file is None else file)
    parts = (finding.rule_id, name, finding.location.path)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Stretches:
    """Finds, finding by finding, the files (as ``name`` gives them) whose findings come in
    more than one stretch, for :func:`fingerprinted`.

    The findings of a report come file by file, so there are usually none. Fingerprints of
    different files differ unless a rule ID or file name holds the separator ``\\x1f``; then
    :attr:`back` is None (keep every count)."""

    def __init__(self, name: Callable[[str], str] | None = None) -> None:
        self._name = name
        #: hashes of the files left behind (a file that shares one with another is taken to
        #: come back: its counts are kept, which changes nothing but memory)
        self._left: set[int] = set()
        self._current: str | None = None
        self.back: set[str] | None = set()

    def add(self, finding: Finding) -> None:
        if self.back is None:
            return
        file = _fingerprint_file(finding, self._name)
        if "\x1f" in finding.rule_id or "\x1f" in file:
            self.back = None
        elif file != self._current:
            if hash(file) in self._left:
                self.back.add(file)
            if self._current is not None:
                self._left.add(hash(self._current))
            self._current = file


def returning(
    findings: Iterable[Finding], name: Callable[[str], str] | None = None
) -> set[str] | None:
    """The ``back`` argument of :func:`fingerprinted` for these findings (see
    :class:`Stretches`)."""
    stretches = Stretches(name)
    for finding in findings:
        stretches.add(finding)
    return stretches.back


def _fingerprint_file(finding: Finding, name: Callable[[str], str] | None) -> str:
    file = finding.location.file
    return posix(name(file) if name else file)


def fingerprinted(
    findings: Iterable[Finding],
    name: Callable[[str], str] | None = None,
    back: set[str] | None = None,
) -> Iterator[tuple[Finding, str]]:
    """Each finding with a fingerprint that is unique within the run.

    Two findings of the same rule at the same logical path (rare) get a counter suffix in
    the order of the report, so consumers that require uniqueness (GitLab) accept them.
    ``name`` maps a file name as shown to the name the fingerprint uses.

    With ``back`` (from :func:`returning` on the same findings), what was counted for a file
    is let go when its findings end, so a scan of many files needs no memory for it; without
    it, everything is kept.
    """
    seen: Counter[str] = Counter()
    stretch: list[str] = []  # what the current file added to ``seen``
    current: str | None = None
    for finding in findings:
        file = name(finding.location.file) if name else None
        if back is not None:
            key = posix(finding.location.file if file is None else file)
            if key != current:
                if current is not None and current not in back:
                    for base in stretch:
                        del seen[base]
                stretch = []
                current = key
        base = fingerprint(finding, file)
        seen[base] += 1
        if seen[base] == 1:
            if back is not None:
                stretch.append(base)
            yield finding, base
        else:
            yield finding, f"{base}:{seen[base]}"


def fails(finding: Finding, report: Report) -> bool:
    """Whether this finding makes the run fail (``--fail-on``; red lines always do)."""
    if finding.red_line and finding.severity == "error":
        return True
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK.get(report.fail_on, 99)


def total_line(report: Report) -> str:
    """ "N file(s) checked: … error(s), … warning(s), … note(s)" in the report's language,
    after "N manifest(s) found …" when the run searched for them."""
    counts = report.counts()
    total = t(
        "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} note(s)",
        report.lang,
        files=len(report.files),
        errors=counts.get("error", 0),
        warnings=counts.get("warning", 0),
        infos=counts.get("info", 0),
    )
    if report.found is None or report.found_by in (None, "paths"):
        return total
    how = t(FOUND_BY[report.found_by], report.lang)
    return t("{found} manifest(s) found {how}; ", report.lang, found=report.found, how=how) + total
