"""Finding manifests: the one for a run without paths, and every one below a folder."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ai_coc.errors import InputError
from ai_coc.files import display_path
from ai_coc.i18n import t


def iter_manifest_files(root: Path) -> Iterator[Path]:
    """Every ``ai-usage.yaml``/``.yml`` below ``root``, skipping VCS, venvs and node_modules."""
    skip = {"node_modules", "__pycache__", "site-packages"}
    for dirpath, dirnames, filenames in os.walk(root):
        current = Path(dirpath)
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in skip and not d.startswith(".") and not (current / d / "pyvenv.cfg").exists()
        )
        for name in sorted(filenames):
            if name in ("ai-usage.yaml", "ai-usage.yml"):
                yield current / name


MANIFEST_NAMES: tuple[str, ...] = ("ai-usage.yaml", "ai-usage.yml")


@functools.lru_cache(maxsize=4096)
def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start``, if any.

    Looked up once per folder in a run (a scan asks for every manifest of a folder)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def discover(cwd: Path) -> Path:
    """The manifest for a run without paths: the working directory, then the git root."""
    places = [cwd]
    root = git_root(cwd)
    if root is not None and root != cwd:
        places.append(root)
    for place in places:
        for name in MANIFEST_NAMES:
            candidate = place / name
            if candidate.is_file():
                return candidate
    where = " / ".join(display_path(p) for p in places)
    raise InputError(t("discover.none", where=where), hint=t("discover.none.hint"))


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given; folders become every manifest below them."""
    for path in paths:
        if path.is_dir():
            found = list(iter_manifest_files(path))
            if not found:
                raise InputError(
                    t("discover.empty_dir"), file=display_path(path), hint=t("discover.none.hint")
                )
            yield from found
        else:
            yield path
