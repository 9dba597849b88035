"""Finding manifests: the ones for a run without paths, and every one below a folder.

Inside a git repository the manifests are taken from what git knows: tracked files and
untracked files that are not ignored (``git ls-files -co --exclude-standard -z``, one call
per repository and run), hidden folders included. So a manifest moved into ``.hidden/`` is
still checked, and files that ``.gitignore`` leaves out (a virtual environment, build output)
are not. Outside git, or if git cannot be run, folders are walked (see
:func:`iter_manifest_files`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ai_coc.errors import InputError
from ai_coc.files import display_path, git_root
from ai_coc.i18n import t
from ai_coc.records import Record

MANIFEST_NAMES: tuple[str, ...] = ("ai-usage.yaml", "ai-usage.yml")

#: How the manifests of a run were found (shown in the summary).
BY_GIT = "git"
BY_WALK = "walk"
BY_PATHS = "paths"

#: Longest a ``git ls-files`` call may take (a huge repository on a slow disk).
GIT_TIMEOUT = 120


def iter_manifest_files(root: Path, *, hidden: bool = False) -> Iterator[Path]:
    """Every ``ai-usage.yaml``/``.yml`` below ``root``, skipping VCS, venvs and node_modules
    and, unless ``hidden``, folders whose name starts with a dot."""
    skip = {"node_modules", "__pycache__", "site-packages", ".git", ".hg", ".svn"}
    for dirpath, dirnames, filenames in os.walk(root):
        current = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in skip
            and (hidden or not d.startswith("."))
            and not (current / d / "pyvenv.cfg").exists()
        )
        for name in sorted(filenames):
            # a FIFO or a device with a manifest's name would hang the check: not a manifest
            if name in MANIFEST_NAMES and (current / name).is_file():
                yield current / name


def git_files(root: Path) -> list[str] | None:
    """Every file git knows in the work tree at ``root`` (tracked, and untracked but not
    ignored), relative to ``root`` with ``/``; ``None`` if git cannot tell."""
    import subprocess  # only for a folder (a check of files starts no process)

    try:
        done = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-co", "--exclude-standard", "-z"],
            capture_output=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return [name for name in os.fsdecode(done.stdout).split("\0") if name]


@dataclass(eq=False, repr=False)
class Finder(Record):
    """Finds the manifests below folders; asks git once per repository."""

    _listings: dict[Path, list[str] | None] = field(default_factory=dict)
    #: how the last folder was searched (``git`` or ``walk``)
    ways: set[str] = field(default_factory=set)

    def listing(self, root: Path) -> list[str] | None:
        if root not in self._listings:
            self._listings[root] = git_files(root)
        return self._listings[root]

    def below(self, folder: Path) -> list[Path]:
        """Every manifest below ``folder``, in a stable order."""
        absolute = folder.absolute()
        root = git_root(absolute)
        if root is None:
            self.ways.add(BY_WALK)
            return list(iter_manifest_files(folder))
        names = self.listing(root.resolve())
        if names is None:  # git is missing or refuses: walk everything, hidden folders too
            self.ways.add(BY_WALK)
            return list(iter_manifest_files(folder, hidden=True))
        try:
            inside = absolute.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:  # pragma: no cover - git_root is above folder by construction
            inside = ""
        prefix = "" if inside in ("", ".") else inside + "/"
        found: list[Path] = []
        for name in names:
            if not name.startswith(prefix) or name.rsplit("/", 1)[-1] not in MANIFEST_NAMES:
                continue
            path = folder / name[len(prefix) :]
            if path.is_file():  # a tracked file deleted in the work tree is not there
                found.append(path)
        if not found:  # a folder git ignores, named on purpose: search it
            self.ways.add(BY_WALK)
            return list(iter_manifest_files(folder, hidden=True))
        self.ways.add(BY_GIT)
        return sorted(found, key=lambda p: p.as_posix())


class NoManifestError(InputError):
    """No manifest where one was looked for (a repository without an ``ai-usage.yaml`` yet)."""


def discover(cwd: Path) -> Path:
    """The one manifest for commands that need exactly one (``notice``): the working
    directory, then the git root."""
    places = [cwd]
    root = git_root(cwd.absolute())
    if root is not None and root != cwd:
        places.append(root)
    for place in places:
        for name in MANIFEST_NAMES:
            candidate = place / name
            if candidate.is_file():
                return candidate
    where = " / ".join(display_path(p) for p in places)
    raise NoManifestError(
        t("no ai-usage.yaml found in {where}", where=where),
        hint=t("give the path to the manifest, or create one with `ai-coc init`"),
    )


@dataclass(eq=False, repr=False)
class Targets(Record):
    """The manifests of a run and how they were found."""

    paths: list[Path]
    how: str


def find_targets(paths: Iterable[Path], cwd: Path) -> Targets:
    """The manifests a run checks: files as given, folders searched, and without paths every
    manifest of the git repository (or, outside git, the one in ``cwd``)."""
    given = list(paths)
    finder = Finder()
    if not given:
        root = git_root(cwd.absolute())
        if root is None:
            return Targets([discover(cwd)], BY_WALK)
        found = finder.below(root if root != cwd.absolute() else cwd)
        if not found:
            where = display_path(root)
            raise NoManifestError(
                t("no ai-usage.yaml found in {where}", where=where),
                hint=t("give the path to the manifest, or create one with `ai-coc init`"),
            )
        return Targets(found, sorted(finder.ways)[0])
    out: list[Path] = []
    for path in given:
        if path.is_dir():
            found = finder.below(path)
            if not found:
                raise NoManifestError(
                    t("no ai-usage.yaml or ai-usage.yml below this folder"),
                    file=display_path(path),
                    hint=t("give the path to the manifest, or create one with `ai-coc init`"),
                )
            out.extend(found)
        else:
            out.append(path)
    how = BY_PATHS if not finder.ways else "+".join(sorted(finder.ways))
    return Targets(out, how)


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders become every manifest below them."""
    yield from find_targets(paths, Path.cwd()).paths
