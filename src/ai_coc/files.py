"""Files on disk: reading text safely, writing atomically, and how paths are shown.

The only module below the run stage that touches the file system for writing."""

from __future__ import annotations

import itertools
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
    the installed package is found through its resolved location). The folders are resolved
    with :func:`resolved`, so a run over many files resolves each folder once.
    """
    absolute = path.absolute()
    cwd = Path.cwd()
    try:
        return absolute.relative_to(cwd).as_posix()
    except ValueError:
        pass
    try:
        if absolute.name in ("", ".", ".."):
            real = absolute.resolve()
        else:  # the same as absolute.resolve(): the folder resolved, then the name if a link
            real = resolved(absolute.parent) / absolute.name
            if real.is_symlink():
                real = real.resolve()
        return real.relative_to(resolved(cwd)).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(absolute)


def read_bytes(
    path: Path,
    *,
    display: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    follow_links: bool = True,
) -> bytes:
    """The bytes of a regular file, read once, refusing anything else.

    The file is opened without blocking (a pipe cannot stall the run), its kind and size are
    taken from the opened file itself (it cannot be swapped between the check and the read),
    and at most ``max_bytes`` are read even if it grows meanwhile. With ``follow_links=False``
    a symbolic link is refused as well.
    """
    name = display or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(
            t("file not found"),
            file=name,
            hint=t("check the path, or run `ai-coc init` to create an ai-usage.yaml"),
        ) from None
    except IsADirectoryError:
        raise InputError(t("this is a folder, not a file"), file=name) from None
    except OSError as exc:
        if not follow_links and Path(path).is_symlink():
            hint = t("a manifest is a short text file; check that this is the right file")
            raise InputError(
                t("this is not a regular file (it may be a pipe or a device)"), file=name, hint=hint
            ) from None
        raise InputError(
            t("cannot read the file: {reason}", reason=exc.strerror or exc), file=name
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(t("this is a folder, not a file"), file=name)
        if not stat.S_ISREG(info.st_mode):
            # a pipe or a device would block or never end
            raise InputError(
                t("this is not a regular file (it may be a pipe or a device)"),
                file=name,
                hint=t("a manifest is a short text file; check that this is the right file"),
            )
        if info.st_size > max_bytes:
            raise InputError(
                t(
                    "the file is {size} bytes; ai-coc reads at most {limit} bytes",
                    size=info.st_size,
                    limit=max_bytes,
                ),
                file=name,
                hint=t("a manifest is a short text file; check that this is the right file"),
            )
        chunks: list[bytes] = []
        got = 0
        while got <= max_bytes:
            chunk = os.read(fd, max_bytes + 1 - got)
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > max_bytes:
            raise InputError(
                t(
                    "the file is {size} bytes; ai-coc reads at most {limit} bytes",
                    size=got,
                    limit=max_bytes,
                ),
                file=name,
                hint=t("a manifest is a short text file; check that this is the right file"),
            )
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(
            t("cannot read the file: {reason}", reason=exc.strerror or exc), file=name
        ) from None
    finally:
        os.close(fd)


def read_text(path: Path, *, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file as UTF-8 (a BOM is accepted; UTF-16 with a BOM is decoded)."""
    name = display or str(path)
    return decode(read_bytes(path, display=name, max_bytes=max_bytes), name)


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


def atomic_write(
    path: Path, text: str, *, encoding: str = "utf-8", follow_links: bool = True
) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never half.

    The text goes to a temporary file in the same folder, is flushed to disk and then renamed
    over the target. If anything fails, the old file is left as it was. See
    :func:`atomic_writer` for links.
    """
    with atomic_writer(path, encoding=encoding, follow_links=follow_links) as handle:
        handle.write(text)


def write_target(path: Path) -> Path:
    """The file a write to ``path`` really changes: a symbolic link's target, else ``path``.

    A link that points to nothing, or in a circle, is refused (:class:`InputError`): writing
    there would either create a file somewhere unexpected or replace the link.
    """
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        raise InputError(
            t(
                "this is a link that points to nothing (or in a circle); ai-coc "
                "does not replace links"
            ),
            file=str(path),
            hint=t("point the link at an existing file, or remove it and run the command again"),
        ) from None
    if target.is_dir():
        raise InputError(t("this is a folder, not a file"), file=str(path))
    return target


@contextmanager
def atomic_writer(
    path: Path, *, encoding: str = "utf-8", follow_links: bool = True
) -> Iterator[TextIO]:
    """A text stream whose content replaces ``path`` atomically when the block ends.

    For output written piece by piece (a large report). If the block raises, the old file
    stays as it was and the temporary file is removed. When ``path`` is a symbolic link, its
    target is written (atomically, next to the target) and the link stays a link; with
    ``follow_links=False`` the link itself is replaced (for ai-coc's own cache files).
    """
    import tempfile

    path = write_target(path) if follow_links else Path(path)
    folder = path.parent if str(path.parent) else Path()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists() and not path.is_symlink():
            tmp.chmod(path.stat().st_mode & 0o7777)
        else:
            tmp.chmod(0o644)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


#: Folders whose write lock this process holds (see :func:`write_lock`).
_held: set[str] = set()
#: How long a writer waits for another ai-coc writing in the same folder (seconds).
LOCK_TIMEOUT = 60.0


@contextmanager
def write_lock(path: Path, *, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the write lock for ``path`` while the block reads, changes and writes it.

    The lock is an advisory ``flock`` on the folder of the file that is really written (a
    link's target), so it leaves no lock file behind and every ai-coc that writes into that
    folder waits for the others: two runs of ``init --add-use`` cannot both read the old
    manifest and each write back only their own use. Yields the file to write. Where the
    system has no ``flock`` (Windows) the block runs without a lock.
    """
    import time

    target = write_target(path)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield target
        return
    folder = target.parent if str(target.parent) else Path()
    key = str(folder.absolute())
    if key in _held:  # this process holds it already (a writer inside a read-change-write)
        yield target
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield target  # a folder we cannot open: writing there fails with a clear message
        return
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise InputError(
                        t(
                            "another ai-coc has been writing in this folder for {seconds} seconds",
                            seconds=int(timeout),
                        ),
                        file=str(path),
                        hint=t("wait until the other run has finished, then try again"),
                    ) from None
                time.sleep(0.02)
        _held.add(key)
        try:
            yield target
        finally:
            _held.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def git_root(start: Path) -> Path | None:
    """The top of the git work tree containing ``start``, if any.

    Inside :func:`remembered_folders`, each folder is looked at once."""
    known = _git_roots
    if known is None:
        for folder in (start, *start.parents):
            if (folder / ".git").exists():
                return folder
        return None
    below: list[Path] = []  # folders looked at, each below the next
    found: Path | None = None
    for folder in itertools.chain((start,), start.parents):
        if folder in known:
            found = known[folder]
            break
        below.append(folder)
        if (folder / ".git").exists():
            found = folder
            break
    for folder in below:
        known[folder] = found
    return found


_git_roots: dict[Path, Path | None] | None = None
_resolved: dict[Path, Path] | None = None


def resolved(path: Path) -> Path:
    """``path.resolve()``; inside :func:`remembered_folders`, each path is resolved once."""
    known = _resolved
    if known is None:
        return path.resolve()
    found = known.get(path)
    if found is None:
        found = known[path] = path.resolve()
    return found


@contextmanager
def remembered_folders() -> Iterator[None]:
    """Within, :func:`git_root` and :func:`resolved` remember what they found for every
    folder, so that a run over many manifests looks at each folder once (the folders are taken
    not to change meanwhile)."""
    global _git_roots, _resolved
    if _git_roots is not None:  # already inside: the outer run's folders count
        yield
        return
    _git_roots, _resolved = {}, {}
    try:
        yield
    finally:
        _git_roots = _resolved = None
