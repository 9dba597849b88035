"""Files on disk: reading text safely, writing atomically, and how paths are shown.

The only module below the run stage that touches the file system for writing."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ai_coc.errors import InputError
from ai_coc.i18n import t

#: Largest file ai-coc reads (bytes). A real manifest is a few kilobytes.
MAX_FILE_BYTES = 2 * 1024 * 1024


def display_path(path: Path) -> str:
    """A path as users should see it: relative below the working directory, else absolute.

    Tried as given first, then with symlinks resolved on both sides (a pack shipped inside
    the installed package is found through its resolved location).
    """
    absolute = path.absolute()
    cwd = Path.cwd()
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        pass
    try:
        return absolute.resolve().relative_to(cwd.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(absolute)


def read_text(path: Path, *, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file as UTF-8 (a BOM is accepted; UTF-16 with a BOM is decoded)."""
    name = display or str(path)
    try:
        info = path.stat()
        size = info.st_size
        if path.is_dir():
            raise InputError(t("this is a folder, not a file"), file=name)
        if not stat.S_ISREG(info.st_mode):
            # a pipe or a device would block or never end
            raise InputError(
                t("this is not a regular file (it may be a pipe or a device)"),
                file=name,
                hint=t("a manifest is a short text file; check that this is the right file"),
            )
        if size > max_bytes:
            raise InputError(
                t(
                    "the file is {size} bytes; ai-coc reads at most {limit} bytes",
                    size=size,
                    limit=max_bytes,
                ),
                file=name,
                hint=t("a manifest is a short text file; check that this is the right file"),
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            t("file not found"),
            file=name,
            hint=t("check the path, or run `ai-coc init` to create an ai-usage.yaml"),
        ) from None
    except OSError as exc:
        raise InputError(
            t("cannot read the file: {reason}", reason=exc.strerror or exc), file=name
        ) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8, or UTF-16/32 when a byte-order mark says so."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                break
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw[:8192]:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise InputError(
            t("this looks like a binary file, not YAML text"),
            file=name,
            line=line,
            hint=t("save the manifest as plain text (UTF-8)"),
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            t("the file is not valid UTF-8 text"),
            file=name,
            line=line,
            column=column,
            hint=t("save the file as UTF-8 in your editor (usually under 'Save as' / 'Encoding')"),
        ) from None


def atomic_write(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder, is flushed to disk and then renamed
    over the target. If anything fails, the old file is left as it was.
    """
    with atomic_writer(path, encoding=encoding) as handle:
        handle.write(text)


@contextmanager
def atomic_writer(path: Path, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` atomically when the block ends.

    For output written piece by piece (a large report). If the block raises, the old file
    stays as it was and the temporary file is removed.
    """
    import tempfile

    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            tmp.chmod(path.stat().st_mode & 0o7777)
        else:
            tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start``, if any."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None
