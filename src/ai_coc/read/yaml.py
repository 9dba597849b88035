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
import re
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.files import read_text
from ai_coc.i18n import N_, t
from ai_coc.read.document import DataPath, Document, Position
from ai_coc.read.vocabulary import MANIFEST_VERSION

#: Deepest nesting accepted. The manifest format needs about eight levels.
MAX_DEPTH = 64
#: Most values one file may expand to (guards against alias bombs).
MAX_NODES = 200_000

_STANDARD_TAG_PREFIX = "tag:yaml.org,2002:"
_ALLOWED_STANDARD_TAGS = frozenset(
    f"{_STANDARD_TAG_PREFIX}{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "binary")
) - {f"{_STANDARD_TAG_PREFIX}binary"}


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
        raise InputError(
            t("the file is empty"),
            file=name,
            line=1,
            column=1,
            hint=t("start the file with `manifest: ai-coc/v1`, or run `ai-coc init`"),
        )
    doc = _fast_parse(text, name)
    if doc is not None:
        return doc
    raw = _ruamel_load(text, name)
    doc = Document(file=name, text=text, data=None)
    builder = _Builder(doc)
    doc.data = builder.convert(raw, (), 0)
    return doc


def _fast_parse(text: str, name: str) -> Document | None:
    """The document through libyaml (see :mod:`ai_coc.read.fastyaml`), or None to use ruamel."""
    from ai_coc.read import fastyaml

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
    from ai_coc.read import fastyaml

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
            t(
                "the key '{key}' appears twice in the same block (first on line {first})",
                key=key,
                first=first,
            ),
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint=t("keep one of the two entries and merge their content"),
        ) from None
    except ComposerError as exc:
        mark = exc.problem_mark
        text_of = f"{exc.problem or ''} {exc.context or ''}"
        if "another document" in text_of or "single document" in text_of:
            raise InputError(
                t("the file holds more than one YAML document (a second '---')"),
                file=name,
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
                hint=t("a manifest is one document: remove the second '---' and merge the parts"),
            ) from None
        raise _yaml_error(exc, name) from None
    except MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except YAMLError as exc:
        raise InputError(
            t("invalid YAML: {problem}", problem=str(exc).splitlines()[0] if str(exc) else "?"),
            file=name,
            hint=t(
                "check indentation (spaces, not tabs), colons after keys and "
                "closing quotes or brackets near this line"
            ),
        ) from None
    except RecursionError:
        raise InputError(
            t("the YAML is nested more than {limit} levels deep", limit=MAX_DEPTH),
            file=name,
            hint=t("a manifest never needs this; check that this is the right file"),
        ) from None
    except (ValueError, OverflowError) as exc:
        # e.g. an integer with more digits than Python converts, or a date like 2026-02-30
        raise InputError(
            t("invalid YAML: {problem}", problem=str(exc).splitlines()[0] if str(exc) else "?"),
            file=name,
            hint=t(
                "check indentation (spaces, not tabs), colons after keys and "
                "closing quotes or brackets near this line"
            ),
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
        t("invalid YAML: {problem}", problem=problem),
        file=name,
        line=mark.line + 1 if mark is not None else None,
        column=mark.column + 1 if mark is not None else None,
        hint=t(
            "check indentation (spaces, not tabs), colons after keys and "
            "closing quotes or brackets near this line"
        ),
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
            raise self._error(
                N_("the YAML tag '{tag}' is not allowed in a manifest"),
                pos,
                N_(
                    "remove the tag (the part starting with '!'); manifests hold "
                    "only plain text, numbers, dates, lists and mappings"
                ),
                tag=shown,
            )

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
                N_("the YAML expands to more than {limit} values (too many aliases?)"),
                None,
                N_("a manifest never needs this; check that this is the right file"),
                limit=f"{MAX_NODES:,}",
            )
        if depth > MAX_DEPTH:
            pos = self.doc.key_positions.get(path) or self.doc.value_positions.get(path)
            raise self._error(
                N_("the YAML is nested more than {limit} levels deep"),
                pos,
                N_("a manifest never needs this; check that this is the right file"),
                limit=MAX_DEPTH,
            )
        if isinstance(node, TaggedScalar):
            self._check_tag(node, self.doc.value_positions.get(path))
        odd = _odd_collection(node)
        if odd:
            pos = self.doc.value_positions.get(path)
            raise self._error(
                N_("the YAML tag '{tag}' is not allowed in a manifest"),
                pos,
                N_(
                    "remove the tag (the part starting with '!'); manifests hold "
                    "only plain text, numbers, dates, lists and mappings"
                ),
                tag=odd,
            )
        if isinstance(node, CommentedMap):
            self._check_tag(node, self.doc.value_positions.get(path))
            result: dict[Any, Any] = {}
            lc = node.lc
            for key in node:
                kline, kcol = _lc(lc.data.get(key), 0)
                key_pos = Position(kline, kcol)
                if isinstance(key, str) and not _encodable(key):
                    raise self._error(
                        N_("invalid YAML: {problem}"),
                        key_pos,
                        N_(
                            "check indentation (spaces, not tabs), colons after keys and "
                            "closing quotes or brackets near this line"
                        ),
                        problem="an escape such as \\ud800 that stands for no character",
                    )
                if not isinstance(key, str):
                    shown = repr(key) if not hasattr(key, "items") else "{...}"
                    raise self._error(
                        N_("the key {key} is not text"),
                        key_pos,
                        N_("keys are English words in snake_case, such as `last_reviewed`"),
                        key=shown,
                    )
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
                N_("invalid YAML: {problem}"),
                self.doc.value_positions.get(path),
                N_(
                    "check indentation (spaces, not tabs), colons after keys and "
                    "closing quotes or brackets near this line"
                ),
                problem="an escape such as \\ud800 that stands for no character",
            )
        return value


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


def require_manifest(doc: Document) -> None:
    """Stop unless the document is an ai-coc/v1 manifest (the discriminator)."""
    if not isinstance(doc.data, dict):
        raise InputError(
            t("the file is not a manifest: its top level must be a mapping of keys"),
            file=doc.file,
            line=1,
            column=1,
            hint=t("add `manifest: ai-coc/v1` as the first line, or run `ai-coc init`"),
        )
    if "manifest" not in doc.data:
        raise InputError(
            t("this is not an ai-coc manifest: the key `manifest: ai-coc/v1` is missing"),
            file=doc.file,
            line=1,
            column=1,
            hint=t("add `manifest: ai-coc/v1` as the first line, or run `ai-coc init`"),
        )
    value = doc.data["manifest"]
    if value != MANIFEST_VERSION:
        pos = doc.locate(("manifest",))
        raise InputError(
            t("unsupported manifest version {value!r}; this ai-coc reads `ai-coc/v1`", value=value),
            file=doc.file,
            line=pos.line,
            column=pos.column,
            hint=t(
                "write `manifest: ai-coc/v1`, or update ai-coc if the file was "
                "made by a newer version"
            ),
        )
