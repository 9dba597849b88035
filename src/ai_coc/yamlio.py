"""Safe YAML loading that remembers where every key and value came from.

:func:`load_document` reads a file with ruamel.yaml's round-trip loader, turns the
result into plain Python data (``dict``, ``list``, ``str``, ``int``, ``float``,
``bool``, ``None``, :class:`datetime.date`) and records the 1-based line and column of
every key and value, so that every finding can point at the exact place.

Everything the user can get wrong raises :class:`~ai_coc.errors.InputError` with the
file and line; nothing here ever executes a YAML tag.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TextIO

from ai_coc.errors import InputError
from ai_coc.i18n import t

PathPart = str | int
DataPath = tuple[PathPart, ...]

#: Largest file ai-coc reads (bytes). A real manifest is a few kilobytes.
MAX_FILE_BYTES = 2 * 1024 * 1024
#: Deepest nesting accepted. The manifest format needs about eight levels.
MAX_DEPTH = 64
#: Most values one file may expand to (guards against alias bombs).
MAX_NODES = 200_000

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_STANDARD_TAGS = frozenset(
    f"{_STANDARD_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary")
) - {f"{_STANDARD_TAG_PREFIX}binary"}


@dataclass(frozen=True, slots=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Document:
    """A loaded YAML file: plain data plus the source position of every node."""

    file: str
    text: str
    data: Any
    #: position of the key (mapping entries) or of the item (sequence entries)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    #: position where the value starts
    value_positions: dict[DataPath, Position] = field(default_factory=dict)
    base_dir: Path | None = None

    @cached_property
    def lines(self) -> list[str]:
        """The source split into lines (for snippets)."""
        return split_lines(self.text)

    def get(self, path: DataPath) -> Any:
        """The value at ``path``, or :data:`MISSING` if any step does not exist."""
        node: Any = self.data
        for part in path:
            node = step(node, part)
            if node is MISSING:
                return MISSING
        return node

    def nearest_existing(self, path: DataPath) -> DataPath:
        """The longest prefix of ``path`` that exists in the document."""
        node: Any = self.data
        for index, part in enumerate(path):
            node = step(node, part)
            if node is MISSING:
                return path[:index]
        return path

    def locate(self, path: DataPath) -> Position:
        """Where to point for ``path``.

        An existing scalar points at its value, an existing mapping or list at its key;
        a missing path points at its nearest existing parent.
        """
        existing = self.nearest_existing(path)
        if not existing:
            root = self.key_positions.get(())
            if root is not None:
                return root
            # a missing top-level key: point at the document's first key, not at a comment
            top = [pos for key, pos in self.key_positions.items() if len(key) == 1]
            return min(top, key=lambda p: (p.line, p.column), default=Position(1, 1))
        value = self.get(existing)
        if existing == path and not isinstance(value, dict | list):
            pos = self.value_positions.get(existing)
            if pos is not None:
                return pos
        return self.key_positions.get(existing) or self.value_positions.get(
            existing, Position(1, 1)
        )


class _Missing:
    """Sentinel for a path that does not exist."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


def step(node: Any, part: PathPart) -> Any:
    """One step down into ``node``; :data:`MISSING` if it does not exist."""
    if isinstance(part, int):
        if isinstance(node, list) and -len(node) <= part < len(node):
            return node[part]
        return MISSING
    if isinstance(node, dict) and part in node:
        return node[part]
    return MISSING


_TYPE_TAGS = frozenset({"str", "int", "float", "bool", "dict", "list", "none", "date"})


def data_path_from_loc(doc: Document, loc: tuple[Any, ...]) -> DataPath:
    """Turn a pydantic error location into a path of the data.

    Pydantic adds the names of union members (``str``, ``list[str]``, ...) and validator
    wrappers to a location; they are not keys of the document and are dropped. A key that
    does not exist (a missing required field) is kept.
    """
    real: list[PathPart] = []
    node: Any = doc.data
    for part in loc:
        nxt = step(node, part)
        if nxt is not MISSING:
            real.append(part)
            node = nxt
            continue
        if isinstance(part, int):
            continue
        text = str(part)
        if "[" in text or text in _TYPE_TAGS or text.startswith("function-"):
            continue
        real.append(text)
        node = MISSING
    return tuple(real)


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
            raise InputError(t("file.is_dir"), file=name)
        if not stat.S_ISREG(info.st_mode):
            # a pipe or a device would block or never end
            raise InputError(t("file.not_regular"), file=name, hint=t("file.too_large.hint"))
        if size > max_bytes:
            raise InputError(
                t("file.too_large", size=size, limit=max_bytes),
                file=name,
                hint=t("file.too_large.hint"),
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(t("file.missing"), file=name, hint=t("file.missing.hint")) from None
    except OSError as exc:
        raise InputError(t("file.unreadable", reason=exc.strerror or exc), file=name) from None
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
        raise InputError(t("file.binary"), file=name, line=line, hint=t("file.binary.hint"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            t("file.encoding"), file=name, line=line, column=column, hint=t("file.encoding.hint")
        ) from None


def load_document(path: Path, *, display: str | None = None) -> Document:
    """Read and parse ``path`` into a :class:`Document`."""
    name = display or str(path)
    text = read_text(path, display=name)
    doc = parse_document(text, name)
    doc.base_dir = path.absolute().parent.resolve()
    return doc


def parse_document(text: str, name: str) -> Document:
    """Parse YAML ``text`` (already decoded) into a :class:`Document`."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InputError(t("file.empty"), file=name, line=1, column=1, hint=t("file.empty.hint"))
    doc = _fast_parse(text, name)
    if doc is not None:
        return doc
    raw = _ruamel_load(text, name)
    doc = Document(file=name, text=text, data=None)
    builder = _Builder(doc)
    doc.data = builder.convert(raw, (), 0)
    return doc


def _fast_parse(text: str, name: str) -> Document | None:
    """The document through libyaml (see :mod:`ai_coc.fastyaml`), or None to use ruamel."""
    from ai_coc import fastyaml

    if not fastyaml.available():
        return None
    doc = Document(file=name, text=text, data=None)
    try:
        node = fastyaml.compose(text)
        doc.data = fastyaml.build(
            node,
            doc.key_positions,
            doc.value_positions,
            Position,
            max_depth=MAX_DEPTH,
            max_nodes=MAX_NODES,
        )
    except fastyaml.Fallback:
        return None
    return doc


def parser_backend() -> str:
    """Which YAML parser reads valid files in this environment (shown by the benchmark)."""
    from ai_coc import fastyaml

    return "libyaml (PyYAML) + ruamel.yaml for errors" if fastyaml.available() else "ruamel.yaml"


def _ruamel_load(text: str, name: str) -> Any:
    import warnings

    from ruamel.yaml import YAML
    from ruamel.yaml.composer import ComposerError
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, ReusedAnchorWarning, YAMLError

    yaml = YAML(typ="rt")
    yaml.Constructor = _constructor_class()
    yaml.allow_duplicate_keys = False
    try:
        with warnings.catch_warnings():
            # YAML allows an anchor to be defined again (an alias means the latest one), as
            # libyaml does; ruamel.yaml would print a Python warning about it.
            warnings.simplefilter("ignore", ReusedAnchorWarning)
            return yaml.load(text)
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        first = exc.context_mark.line + 1 if exc.context_mark is not None else "?"
        key = _duplicate_key_name(exc)
        raise InputError(
            t("yaml.duplicate_key", key=key, first=first),
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=t("yaml.duplicate_key.hint"),
        ) from None
    except ComposerError as exc:
        mark = exc.problem_mark
        text_of = f"{exc.problem or ''} {exc.context or ''}"
        if "another document" in text_of or "single document" in text_of:
            raise InputError(
                t("yaml.multiple_documents"),
                file=name,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                hint=t("yaml.multiple_documents.hint"),
            ) from None
        raise _yaml_error(exc, name) from None
    except MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except YAMLError as exc:
        raise InputError(
            t("yaml.invalid", problem=str(exc).splitlines()[0] if str(exc) else "?"),
            file=name,
            hint=t("yaml.invalid.hint"),
        ) from None
    except RecursionError:
        raise InputError(
            t("yaml.too_deep", limit=MAX_DEPTH), file=name, hint=t("yaml.limits.hint")
        ) from None
    except (ValueError, OverflowError) as exc:
        # e.g. an integer with more digits than Python converts, or a date like 2026-02-30
        raise InputError(
            t("yaml.invalid", problem=str(exc).splitlines()[0] if str(exc) else "?"),
            file=name,
            hint=t("yaml.invalid.hint"),
        ) from None


_CONSTRUCTOR: Any = None


def _constructor_class() -> Any:
    """A round-trip constructor that keeps impossible dates (2027-02-30) as text.

    The schema then reports them as invalid dates at their line, instead of the loader
    failing on the whole file.
    """
    global _CONSTRUCTOR
    if _CONSTRUCTOR is None:
        from ruamel.yaml.constructor import RoundTripConstructor

        class _Constructor(RoundTripConstructor):
            def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
                try:
                    return super().construct_yaml_timestamp(node, values)
                except ValueError:
                    return self.construct_scalar(node)

        _Constructor.add_constructor(
            "tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp
        )
        _CONSTRUCTOR = _Constructor
    return _CONSTRUCTOR


def _duplicate_key_name(exc: Any) -> str:
    problem = str(getattr(exc, "problem", "") or "")
    if '"' in problem:
        return problem.split('"')[1]
    return problem


def _yaml_error(exc: Any, name: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    return InputError(
        t("yaml.invalid", problem=problem),
        file=name,
        line=mark.line + 1 if mark is not None else None,
        column=mark.column + 1 if mark is not None else None,
        hint=t("yaml.invalid.hint"),
    )


class _Builder:
    """Turns ruamel round-trip nodes into plain data and records positions."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.nodes = 0

    def _error(
        self, msg_key: str, pos: Position | None, hint_key: str, **values: object
    ) -> InputError:
        return InputError(
            t(msg_key, **values),
            file=self.doc.file,
            line=pos.line if pos else None,
            column=pos.column if pos else None,
            hint=t(hint_key),
        )

    def _check_tag(self, node: Any, pos: Position | None) -> None:
        tag = getattr(node, "tag", None)
        value = getattr(tag, "value", None) if tag is not None else None
        if isinstance(value, str) and value and value not in _ALLOWED_STANDARD_TAGS:
            shown = value.replace(_STANDARD_TAG_PREFIX, "!!")
            raise self._error("yaml.tag", pos, "yaml.tag.hint", tag=shown)

    def _empty_value_position(self, key: Position, line: int, column: int) -> tuple[int, int]:
        """Where a value left empty (``key:`` and nothing) is, as libyaml says: just after the
        colon. ruamel.yaml gives the start of whatever comes next, maybe lines below."""
        lines = self.doc.lines
        if not 0 < key.line <= len(lines):
            return line, column
        after = lines[line - 1][column - 1 :] if 0 < line <= len(lines) else ""
        if after.lstrip().startswith(("~", "null", "Null", "NULL")):
            return line, column  # written out: it has a place of its own
        written = lines[key.line - 1]
        start = key.column - 1
        if written[start : start + 1] in ("'", '"'):  # skip a quoted key, with '' inside
            quote = written[start]
            close = written.find(quote, start + 1)
            while close != -1 and quote == "'" and written[close + 1 : close + 2] == "'":
                close = written.find(quote, close + 2)
            start = close + 1 if close != -1 else len(written)
        colon = _COLON.search(written, start)
        return (key.line, colon.end() + 1) if colon is not None else (line, column)

    def _next_token(self, line: int, column: int) -> tuple[int, int]:
        """In a flow mapping (``{a: , b: 1}``) libyaml places an empty value at the next
        character that is not a space (the comma or brace); ruamel.yaml after the colon."""
        lines = self.doc.lines
        while 0 < line <= len(lines):
            text = lines[line - 1]
            rest = text[column - 1 :]
            stripped = rest.lstrip(" \t")
            if stripped and not stripped.startswith("#"):
                return line, column + len(rest) - len(stripped)
            line, column = line + 1, 1
        return line, column

    def convert(self, node: Any, path: DataPath, depth: int) -> Any:
        from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._error(
                "yaml.too_many_nodes", None, "yaml.limits.hint", limit=f"{MAX_NODES:,}"
            )
        if depth > MAX_DEPTH:
            pos = self.doc.key_positions.get(path) or self.doc.value_positions.get(path)
            raise self._error("yaml.too_deep", pos, "yaml.limits.hint", limit=MAX_DEPTH)
        if isinstance(node, TaggedScalar):
            self._check_tag(node, self.doc.value_positions.get(path))
        odd = _odd_collection(node)
        if odd:
            pos = self.doc.value_positions.get(path)
            raise self._error("yaml.tag", pos, "yaml.tag.hint", tag=odd)
        if isinstance(node, CommentedMap):
            self._check_tag(node, self.doc.value_positions.get(path))
            result: dict[Any, Any] = {}
            lc = node.lc
            for key in node:
                kline, kcol = _lc(lc.data.get(key), 0)
                key_pos = Position(kline, kcol)
                if isinstance(key, str) and not _encodable(key):
                    raise self._error(
                        "yaml.invalid",
                        key_pos,
                        "yaml.invalid.hint",
                        problem="an escape such as \\ud800 that stands for no character",
                    )
                if not isinstance(key, str):
                    shown = repr(key) if not hasattr(key, "items") else "{...}"
                    raise self._error("yaml.key_type", key_pos, "yaml.key_type.hint", key=shown)
                child = (*path, key)
                vline, vcol = _lc(lc.data.get(key), 2)
                if node[key] is None:
                    if node.fa.flow_style():
                        vline, vcol = self._next_token(vline, vcol)
                    else:
                        vline, vcol = self._empty_value_position(key_pos, vline, vcol)
                self.doc.key_positions[child] = key_pos
                self.doc.value_positions[child] = Position(vline, vcol)
                result[key] = self.convert(node[key], child, depth + 1)
            return result
        if isinstance(node, CommentedSeq):
            self._check_tag(node, self.doc.value_positions.get(path))
            items: list[Any] = []
            lc = node.lc
            for index, item in enumerate(node):
                child = (*path, index)
                line, col = _lc(lc.data.get(index), 0)
                pos = Position(line, col)
                self.doc.key_positions[child] = pos
                self.doc.value_positions[child] = pos
                items.append(self.convert(item, child, depth + 1))
            return items
        value = _scalar(node)
        if isinstance(value, str) and not _encodable(value):
            raise self._error(
                "yaml.invalid",
                self.doc.value_positions.get(path),
                "yaml.invalid.hint",
                problem="an escape such as \\ud800 that stands for no character",
            )
        return value


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text`` split at the line breaks of YAML 1.2 and TOML (``\\n``, ``\\r\\n``, ``\\r``).

    Unlike ``str.splitlines()``, characters such as U+0085 or U+2028 inside a value do not
    start a new line, so line numbers match what the parsers and editors count.
    """
    parts = _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts


#: The colon that ends a key in block style.
_COLON = re.compile(r":(?=[ \t]|$)")


def _encodable(text: str) -> bool:
    """False for text with lone surrogates (from escapes like "\\ud800"): it cannot be printed."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _odd_collection(node: Any) -> str:
    """The tag of a value that is not a plain mapping, list or scalar (``!!omap``, ``!!set``,
    ``!!pairs``, ``!!binary``), or "" for the ordinary kinds."""
    from ruamel.yaml.comments import CommentedMap, CommentedOrderedMap, CommentedSet

    if isinstance(node, CommentedOrderedMap):
        return "!!omap"
    if isinstance(node, CommentedSet | set | frozenset):
        return "!!set"
    if isinstance(node, bytes | bytearray):
        return "!!binary"
    if (
        isinstance(node, list | dict)
        and not isinstance(node, CommentedMap)
        and (type(node) in (list, dict))
    ):
        return "!!pairs" if isinstance(node, list) else "!!map"
    return ""


def _lc(entry: Any, offset: int) -> tuple[int, int]:
    if not entry:
        return (1, 1)
    return (entry[offset] + 1, entry[offset + 1] + 1)


def _scalar(node: Any) -> Any:
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, dt.datetime):
        return node  # kept; the schema rejects timestamps where dates are expected
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return str(node)


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
