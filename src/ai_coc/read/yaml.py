"""Safe YAML loading that remembers where every key and value came from.

:func:`load_document` parses a file into events (libyaml through PyYAML, or ruamel.yaml,
see :mod:`ai_coc.read.fastyaml`), builds plain Python data from them (``dict``, ``list``,
``str``, ``int``, ``float``, ``bool``, ``None``, :class:`datetime.date`: the YAML 1.2 core
schema plus dates) and records the 1-based line and column of every key and value, so that
every finding can point at the exact place. Limits (depth, values, list lengths, digits)
are checked while the events arrive.

Everything the user can get wrong raises :class:`~ai_coc.errors.InputError` with the
file and line; nothing here ever executes a YAML tag.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.files import read_text, resolved
from ai_coc.i18n import N_, t
from ai_coc.read.document import DataPath, Document, Position, split_lines
from ai_coc.read.vocabulary import MANIFEST_VERSION

#: Deepest nesting accepted. The manifest format needs about eight levels.
MAX_DEPTH = 64
#: Most values one file may expand to (guards against alias bombs).
MAX_NODES = 200_000
#: Most uses one manifest may list (a real one lists a few dozen at most); with the rules of
#: a run this bounds the work of checking one manifest.
MAX_USES = 500
#: Most rules one rule file, and one run (all packs together), may have.
MAX_RULES = 300
#: Lists of a manifest that are limited while the file is read.
MANIFEST_LIMITS: dict[DataPath, int] = {("uses",): MAX_USES}
#: Lists of a rule file (or configuration) that are limited while it is read.
RULE_FILE_LIMITS: dict[DataPath, int] = {("rules",): MAX_RULES, ("red_lines",): MAX_RULES}


# Messages said in more than one place (gettext msgids).
_HINT_SYNTAX = N_(
    "check indentation (spaces, not tabs), colons after keys and "
    "closing quotes or brackets near this line"
)
_NO_SPACE_COMMENT = N_("invalid YAML: a comment ('#') must have a space before it")
_HINT_SPACE_COMMENT = N_("write a space before the '#'")
_NOT_INDENTED = N_(
    "invalid YAML: this line must be indented further than the key or '-' it belongs to"
)
_EMPTY_LINE_SPACES = N_(
    "invalid YAML: an empty line at the start of this block text has "
    "more spaces than its first line"
)
_LONE_CHAR = N_("invalid YAML: a '{char}' on its own cannot stand here")
_NO_ANCHOR = N_("invalid YAML: the alias *{name} refers to no anchor &{name} before it")
_LONG_NUMBER = N_("invalid YAML: a number with more than {limit} digits")
_HINT_LONG_NUMBER = N_("put the number in quotes if it is meant as text")
_TAG_NOT_ALLOWED = N_("the YAML tag '{tag}' is not allowed in a manifest")
_HINT_TAG = N_(
    "remove the tag (the part starting with '!'); manifests hold "
    "only plain text, numbers, dates, lists and mappings"
)
_HINT_NEVER_NEEDED = N_("a manifest never needs this; check that this is the right file")


def load_document(
    path: Path, *, display: str | None = None, limits: dict[DataPath, int] | None = None
) -> Document:
    """Read and parse the manifest (or ``limits``: other file) ``path`` into a Document."""
    name = display or str(path)
    text = read_text(path, display=name)
    doc = parse_document(text, name, limits=MANIFEST_LIMITS if limits is None else limits)
    doc.base_dir = resolved(path.absolute().parent)
    return doc


def parse_document(text: str, name: str, *, limits: dict[DataPath, int] | None = None) -> Document:
    """Parse YAML ``text`` (already decoded) into a :class:`Document`.

    The text is parsed into events by libyaml (or ruamel.yaml, see
    :mod:`ai_coc.read.fastyaml`) and the data is built here, the same way for both parsers;
    every limit is checked while the events arrive, before anything big is built.
    """
    if _is_empty(text):
        raise InputError(
            t("the file is empty"),
            file=name,
            line=1,
            column=1,
            hint=t("start the file with `manifest: ai-coc/v1`, or run `ai-coc init`"),
        )
    text = _known_version(text, name)
    doc = _fast_parse(text, name, limits)
    if doc is not None:
        return doc
    return _slow_parse(text, name, limits)


def _fast_parse(text: str, name: str, limits: dict[DataPath, int] | None = None) -> Document | None:
    """The document through libyaml, or None when ruamel.yaml must read (or explain) it."""
    from ai_coc.read import fastyaml

    if not fastyaml.available() or not fastyaml.suitable(text):
        return None
    if fastyaml.composable(text):
        global _NO_TAG, _SCALAR_NODE, _MAPPING_NODE
        if _SCALAR_NODE is None:
            _NO_TAG = fastyaml.NO_TAG
            _SCALAR_NODE, _MAPPING_NODE = fastyaml.node_classes()
        root = fastyaml.compose(text)
        if root is not None:
            composed = _ComposedDocument(name, text, root)
            try:
                _Walker(composed, limits).run(root)
            except _Unusual:
                pass  # the events decide, with every check and message
            else:
                return composed
    doc = Document(file=name, text=text, data=None)
    try:
        _Builder(doc, _fast_kinds(), limits=limits).run(fastyaml.events(text))
    except fastyaml.Fallback:
        return None
    except SyntaxProblem:
        return None  # ruamel.yaml may find an earlier problem: its message is the one shown
    return doc


def _slow_parse(text: str, name: str, limits: dict[DataPath, int] | None = None) -> Document:
    """The document through ruamel.yaml (pure Python)."""
    doc = Document(file=name, text=text, data=None)
    _Builder(doc, _ruamel_kinds(), ruamel=True, limits=limits).run(_ruamel_events(text, name))
    return doc


_FAST_KINDS: dict[Any, str] | None = None
_RUAMEL_KINDS: dict[Any, str] | None = None


def _fast_kinds() -> dict[Any, str]:
    global _FAST_KINDS
    if _FAST_KINDS is None:
        from ai_coc.read import fastyaml

        _FAST_KINDS = fastyaml.event_classes()
    return _FAST_KINDS


def _ruamel_kinds() -> dict[Any, str]:
    global _RUAMEL_KINDS
    if _RUAMEL_KINDS is None:
        import ruamel.yaml.events as ev

        from ai_coc.read import fastyaml

        _RUAMEL_KINDS = fastyaml.event_classes(ev)
    return _RUAMEL_KINDS


def _is_empty(text: str) -> bool:
    """Only blank lines, comments and document end markers (``...``).

    The text is split at ``\n`` as far as needed (each piece by ``str.splitlines``, which
    gives the same lines with content): a manifest has content on one of its first lines."""
    start = 0
    while True:
        end = text.find("\n", start)
        piece = text[start:] if end < 0 else text[start:end]
        for line in piece.splitlines():
            stripped = line.strip()
            if not stripped or stripped.startswith("#") or stripped == "...":
                continue
            if not (stripped.startswith("...") and stripped[3:].lstrip().startswith("#")):
                return False
        if end < 0:
            return True
        start = end + 1


_VERSION_DIRECTIVE = re.compile(r"^%YAML[ \t]+1\.([0-9]+)", re.MULTILINE)


_DIRECTIVE_LINE = re.compile(r"%YAML[ \t]+[0-9]+\.[0-9]+(?:[ \t]+(?:#.*)?)?")


def _known_version(text: str, name: str) -> str:
    """``%YAML 1.3`` (a later minor version) is read as 1.2, as the specification asks.

    The directive is rewritten in place with as many characters, so positions stay."""
    if "%YAML" not in text:
        return text
    for number, line in enumerate(split_lines(text)):
        if line[:6] in ("%YAML", "%YAML ", "%YAML\t") and not _DIRECTIVE_LINE.fullmatch(line):
            # libyaml accepts `%YAML 1.1#x`; a comment needs a space before it
            raise InputError(
                t("invalid YAML: {problem}", problem="a %YAML directive"),
                file=name,
                line=number + 1,
                column=1,
                hint=t(_HINT_SYNTAX),
            )

    def _as_12(match: re.Match[str]) -> str:
        if match.group(1) in ("1", "2"):
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start(0)] + "2".ljust(len(match.group(1)))

    return _VERSION_DIRECTIVE.sub(_as_12, text)


def parser_backend() -> str:
    """Which YAML parser reads valid files in this environment (shown by the benchmark)."""
    from ai_coc.read import fastyaml

    return "libyaml (PyYAML) + ruamel.yaml for errors" if fastyaml.available() else "ruamel.yaml"


_SCANNER: Any = None


def _ruamel() -> Any:
    """A new ruamel.yaml parser (one keeps state between texts)."""
    global _SCANNER
    from ruamel.yaml import YAML

    if _SCANNER is None:
        _SCANNER = _scanner_class()
    yaml = YAML(typ="safe", pure=True)
    yaml.Scanner = _SCANNER
    return yaml


def _scanner_class() -> Any:
    """ruamel.yaml's scanner, with the leading empty lines of a block scalar measured as
    YAML 1.2 says (the builder checks them; ruamel.yaml refuses valid ones)."""
    from ruamel.yaml.scanner import Scanner

    class _Scanner(Scanner):
        def scan_block_scalar_indentation(self) -> Any:
            peek, forward = self.reader.peek, self.reader.forward
            breaks: list[str] = []
            widest = 0
            end_mark = self.reader.get_mark()
            while peek() in " \r\n\x85\u2028\u2029":
                if peek() == " ":
                    forward()
                    widest = max(widest, self.reader.column)
                else:
                    breaks.append(self.scan_line_break())
                    end_mark = self.reader.get_mark()
            return breaks, widest, end_mark

    return _Scanner


def _ruamel_events(text: str, name: str) -> Iterator[Any]:
    """ruamel.yaml's parse events; its errors as :class:`InputError` with the place."""
    stream = _ruamel().parse(text)
    try:
        yield from _translated(stream, name)
    finally:
        stream.close()


def _translated(stream: Iterator[Any], name: str) -> Iterator[Any]:
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    while True:
        try:
            event = next(stream)
        except StopIteration:
            return
        except MarkedYAMLError as exc:
            raise _yaml_error(exc, name) from None
        except (YAMLError, AssertionError, ValueError, TypeError, IndexError) as exc:
            # an unlocated error, or ruamel.yaml's own checks of odd directives and escapes
            raise InputError(
                t("invalid YAML: {problem}", problem=str(exc).splitlines()[0] if str(exc) else "?"),
                file=name,
                hint=t(_HINT_SYNTAX),
            ) from None
        yield event


def _yaml_error(exc: Any, name: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "syntax error"
    return InputError(
        t("invalid YAML: {problem}", problem=problem),
        file=name,
        line=mark.line + 1 if mark is not None else None,
        column=mark.column + 1 if mark is not None else None,
        hint=t(_HINT_SYNTAX),
    )


# --- scalars: the YAML 1.2 core schema, plus dates ------------------------------------------

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+")
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN = re.compile(r"\.(?:nan|NaN|NAN)")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Plain scalars that start with none of these are always text.
_SPECIAL_START = frozenset("0123456789+-.")
#: Plain scalars that are no text (see _plain), whatever they start with.
_PLAIN_WORDS = _NULLS | frozenset(_BOOLS)
#: Most digits a number may have (Python's own limit for turning text into a number).
MAX_NUMBER_DIGITS = 4300
_MAX_INT_BITS = int(MAX_NUMBER_DIGITS * 3.3219)  # as many bits as 4,300 decimal digits

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = frozenset(f"{_TAG}{n}" for n in ("str", "int", "float", "bool", "null"))
_DATE_TAG = f"{_TAG}timestamp"
_MAP_TAG = f"{_TAG}map"
_SEQ_TAG = f"{_TAG}seq"
_STR_TAG = f"{_TAG}str"


class _Problem(Exception):
    """A value the builder refuses; turned into an :class:`InputError` at its place."""

    def __init__(self, key: str, hint: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.hint, self.values = key, hint, values


def _plain(value: str) -> Any:
    """The value of an untagged plain scalar: the YAML 1.2 core schema, plus dates."""
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[:1] not in _SPECIAL_START:
        return value
    if _INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        if digits > MAX_NUMBER_DIGITS:
            raise _Problem(
                _LONG_NUMBER,
                _HINT_LONG_NUMBER,
                limit=MAX_NUMBER_DIGITS,
            )
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _OCT.fullmatch(value):
        return _big(int(value[2:], 8))
    if _HEX.fullmatch(value):
        return _big(int(value[2:], 16))
    if _INF.fullmatch(value):
        return float("-inf") if value[0] == "-" else float("inf")
    if _NAN.fullmatch(value):
        return float("nan")
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # 2026-02-30: the schema reports it as a date that does not exist
    return value


def _big(number: int) -> int:
    if number.bit_length() > _MAX_INT_BITS:
        raise _Problem(
            _LONG_NUMBER,
            _HINT_LONG_NUMBER,
            limit=MAX_NUMBER_DIGITS,
        )
    return number


def _tagged(tag: str, value: str) -> Any:
    """A scalar with an explicit standard tag (``!!str 1``, ``!!int "2"``)."""
    if tag == _STR_TAG:
        return value
    if tag == _DATE_TAG:
        loaded = _plain(value)
        return loaded if isinstance(loaded, dt.date) else value
    loaded = _plain(value) if value else None
    kind = tag[len(_TAG) :]
    fits = {
        "int": isinstance(loaded, int) and not isinstance(loaded, bool),
        "float": isinstance(loaded, int | float) and not isinstance(loaded, bool),
        "bool": isinstance(loaded, bool),
        "null": loaded is None,
    }[kind]
    if not fits:
        raise _Problem(
            N_("invalid YAML: '{value}' is not a value of the tag {tag}"),
            _HINT_TAG,
            tag=f"!!{kind}",
            value=value[:40],
        )
    return float(loaded) if kind == "float" and loaded is not None else loaded


def _shown_tag(tag: str) -> str:
    return tag.replace(_TAG, "!!")


def _encodable(text: str) -> bool:
    """False for text with lone surrogates (from escapes like "\\ud800"): it cannot be printed."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


#: Messages of the checks of YAML syntax that the builder makes itself.
_SYNTAX_KEYS = frozenset(
    {
        _NO_SPACE_COMMENT,
        _NOT_INDENTED,
        _EMPTY_LINE_SPACES,
        _LONE_CHAR,
        _NO_ANCHOR,
    }
)


# --- the builder ---------------------------------------------------------------------------


class _Frame:
    """An open mapping or list while its events arrive."""

    __slots__ = ("flow", "indent", "is_map", "key", "key_pos", "limit", "line", "path", "value")

    def __init__(
        self, value: Any, path: DataPath, is_map: bool, flow: bool, indent: int, line: int
    ) -> None:
        self.value = value
        self.path = path
        self.is_map = is_map
        self.flow = flow
        self.indent = indent  # column of the innermost block collection, -1 at the top
        self.key: Any = _NO_KEY
        self.key_pos: Position | None = None
        self.line = line
        self.limit: int | None = None


_NO_KEY: Any = object()


class _Builder:
    """Builds plain data and positions from parse events, with every check and limit.

    Both parsers' events go through here, so the data, the positions and the messages are
    the same whichever parser read the file. The checks of YAML 1.2 that libyaml and
    ruamel.yaml both miss (a comment glued to a value, flow content not indented below its
    block, plain ``-`` in a flow list, ...) are made here too.
    """

    def __init__(
        self,
        doc: Document,
        kinds: dict[Any, str],
        *,
        ruamel: bool = False,
        limits: dict[DataPath, int] | None = None,
    ) -> None:
        self.doc = doc
        self.limits = limits or {}
        self.kinds = kinds
        #: ruamel.yaml places empty values and nodes with properties elsewhere than libyaml;
        #: its marks are moved to where libyaml puts them
        self.ruamel = ruamel
        self.lines = doc.lines
        self.nodes = 0
        self.stack: list[_Frame] = []
        self.documents = 0
        #: events of anchored nodes, with aliases inside them kept as ("alias", start, end)
        self.recorded: list[Any] = []
        self.recording: list[tuple[str, int, int]] = []  # anchor, start, depth
        self.anchors: dict[str, tuple[int, int]] = {}
        self.alias_mark: Any = None

    # messages

    def _fail(self, msg_key: str, mark: Any, hint: str, **values: object) -> InputError:
        kind = SyntaxProblem if msg_key in _SYNTAX_KEYS else InputError
        return kind(
            t(msg_key, **values),
            file=self.doc.file,
            line=mark.line + 1 if mark is not None else None,
            column=mark.column + 1 if mark is not None else None,
            hint=t(hint, **values),
        )

    def _char(self, line: int, column: int) -> str:
        if 0 <= line < len(self.lines):
            return self.lines[line][column : column + 1]
        return ""

    # the run

    def run(self, events: Iterator[Any]) -> None:
        kinds = self.kinds
        sources: list[Iterator[Any]] = [events]
        primary = events
        while sources:
            source = sources[-1]
            event = next(source, None)
            if event is None:
                sources.pop()
                continue
            if event.__class__ is tuple:  # an alias recorded inside an anchored node
                sources.append(self._replay(event[1], event[2]))
                continue
            kind = kinds[event.__class__]
            is_primary = source is primary
            if is_primary and self.recording and kind != "alias":
                self.recorded.append(event)
            if kind == "scalar":
                self._scalar(event, is_primary)
            elif kind == "map" or kind == "seq":
                self._start(event, kind == "map", is_primary)
            elif kind == "end":
                self._end(event, is_primary)
            elif kind == "alias":
                self._alias(event, sources, is_primary)
            elif kind == "doc":
                self.documents += 1
                if self.documents > 1:
                    raise self._fail(
                        N_("the file holds more than one YAML document (a second '---')"),
                        self._document_marker(event.start_mark),
                        N_(
                            "a manifest is one document: remove the second '---' and merge "
                            "the parts"
                        ),
                    )
            elif kind == "streamend":
                return

    def _document_marker(self, mark: Any) -> Any:
        """The ``---`` that starts a document (libyaml points at its directives, if any)."""
        for number in range(mark.line, len(self.lines)):
            text = self.lines[number]
            if text.startswith("---") and text[3:4] in ("", " ", "\t"):
                return _Mark(number, 0)
            if not (text.startswith("%") or not text.strip() or text.lstrip().startswith("#")):
                break
        return mark

    def _count(self, mark: Any) -> None:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._fail(
                N_(
                    "the YAML has more than {limit} values (an alias counts once for "
                    "every place it is used)"
                ),
                mark,
                _HINT_NEVER_NEEDED,
                limit=f"{MAX_NODES:,}",
            )
        if len(self.stack) > MAX_DEPTH:
            raise self._fail(
                N_("the YAML is nested more than {limit} levels deep"),
                mark,
                _HINT_NEVER_NEEDED,
                limit=MAX_DEPTH,
            )

    def _replay(self, start: int, end: int) -> Iterator[Any]:
        recorded = self.recorded
        return (recorded[index] for index in range(start, end))

    def _alias(self, event: Any, sources: list[Iterator[Any]], is_primary: bool) -> None:
        span = self.anchors.get(event.anchor) if is_primary else None
        if is_primary and span is None:
            raise self._fail(
                _NO_ANCHOR,
                event.start_mark,
                _HINT_SYNTAX,
                name=event.anchor,
            )
        if is_primary:
            assert span is not None
            if self.recording:
                self.recorded.append(("alias", span[0], span[1]))
            sources.append(self._replay(span[0], span[1]))
            self.alias_mark = event.start_mark  # the aliased node is placed at the alias

    def _scalar(self, event: Any, is_primary: bool) -> None:
        stack = self.stack
        if (
            stack
            and is_primary
            and not self.ruamel
            and event.tag is None
            and event.anchor is None
            and self.alias_mark is None
            and not event.style
            and not stack[-1].flow
        ) and self._plain_in_block(event, stack[-1]):
            return  # the common case, made short
        start = event.start_mark
        if not stack or not stack[-1].is_map or stack[-1].key is not _NO_KEY:
            self._count(start)  # values are counted, keys are not
        raw: str = event.value
        style = event.style
        tag = event.tag
        if tag is not None and tag.__class__ is not str:
            tag = str(getattr(tag, "value", tag))
        try:
            if not raw.isascii() and not _encodable(raw):
                raise _Problem(
                    N_("invalid YAML: an escape such as \\ud800 that stands for no character"),
                    _HINT_SYNTAX,
                )
            if tag is None or tag == "!":
                if style or tag == "!" or not raw:
                    value: Any = raw if (style or tag == "!") else None
                else:
                    value = _plain(raw)
            elif tag in _SCALAR_TAGS or tag == _DATE_TAG:
                value = _tagged(tag, raw)
            else:
                raise _Problem(
                    _TAG_NOT_ALLOWED,
                    _HINT_TAG,
                    tag=_shown_tag(tag),
                )
        except _Problem as problem:
            raise self._fail(problem.key, start, problem.hint, **problem.values) from None
        if is_primary:
            self._check_scalar(event, style, raw)
        if event.anchor is not None and is_primary:
            if not self.recording:  # else run() has recorded it already
                self.recorded.append(event)
            self.anchors[event.anchor] = (len(self.recorded) - 1, len(self.recorded))
        self._place(value, event, is_collection=False)

    def _plain_in_block(self, event: Any, frame: _Frame) -> bool:
        """A plain scalar in a block mapping or list, read by libyaml: placed here and
        True; False if it needs the general way (odd text, a key that is not text, ...)."""
        raw: str = event.value
        if not raw or not raw.isascii() or raw == "-":
            return False
        try:
            value = _plain(raw)
        except _Problem:
            return False
        mark = event.start_mark
        if frame.is_map:
            if frame.key is _NO_KEY:
                if value.__class__ is not str or value in frame.value:
                    return False
                frame.key = value
                frame.key_pos = Position(mark.line + 1, mark.column + 1)
                return True
            self.nodes += 1
            if self.nodes > MAX_NODES or len(self.stack) > MAX_DEPTH:
                return False
            path = (*frame.path, frame.key)
            self.doc.key_positions[path] = frame.key_pos  # type: ignore[assignment]
            self.doc.value_positions[path] = Position(mark.line + 1, mark.column + 1)
            frame.value[frame.key] = value
            frame.key = _NO_KEY
            return True
        items = frame.value
        if frame.limit is not None and len(items) >= frame.limit:
            return False
        self.nodes += 1
        if self.nodes > MAX_NODES or len(self.stack) > MAX_DEPTH:
            return False
        path = (*frame.path, len(items))
        pos = Position(mark.line + 1, mark.column + 1)
        self.doc.key_positions[path] = pos
        self.doc.value_positions[path] = pos
        items.append(value)
        return True

    def _start(self, event: Any, is_map: bool, is_primary: bool) -> None:
        start = event.start_mark
        self._count(start)
        tag = event.tag
        if tag is not None and tag.__class__ is not str:
            tag = str(getattr(tag, "value", tag))
        if tag is not None and tag != "!" and tag != (_MAP_TAG if is_map else _SEQ_TAG):
            raise self._fail(
                _TAG_NOT_ALLOWED,
                start,
                _HINT_TAG,
                tag=_shown_tag(tag),
            )
        value: Any = {} if is_map else []
        parent = self.stack[-1] if self.stack else None
        flow = bool(event.flow_style)
        # the indentation continued lines of a flow collection must pass: its block's
        indent = (parent.indent if parent is not None else -1) if flow else start.column
        path = self._place(value, event, is_collection=True)
        if event.anchor is not None and is_primary:
            if not self.recording:
                self.recorded.append(event)
            self.recording.append((event.anchor, len(self.recorded) - 1, len(self.stack)))
        frame = _Frame(value, path, is_map, flow, indent, start.line)
        if self.limits and not is_map:
            frame.limit = self.limits.get(path)
        self.stack.append(frame)

    def _end(self, event: Any, is_primary: bool) -> None:
        frame = self.stack.pop()
        if is_primary and frame.flow:
            parent = self.stack[-1] if self.stack else None
            if parent is None or not parent.flow:
                self._check_flow_lines(frame.line, event.end_mark.line, frame.indent, event)
            self._check_after(event.end_mark, parent is not None and parent.flow)
        if is_primary and self.recording:
            while self.recording and self.recording[-1][2] == len(self.stack):
                anchor, begin, _depth = self.recording.pop()
                self.anchors[anchor] = (begin, len(self.recorded))

    def _after_colon(self, key: Position, line: int, column: int) -> tuple[int, int]:
        """Where an empty value (``key:`` and nothing) is, as libyaml says: just after the
        colon. ruamel.yaml gives the start of whatever comes next, maybe lines below."""
        lines = self.lines
        if not 0 < key.line <= len(lines):
            return line, column
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
        lines = self.lines
        while 0 < line <= len(lines):
            text = lines[line - 1]
            rest = text[column - 1 :]
            stripped = rest.lstrip(" \t")
            if stripped and not stripped.startswith("#"):
                return line, column + len(rest) - len(stripped)
            line, column = line + 1, 1
        return line, column

    def _start_mark(self, event: Any) -> Any:
        """ruamel.yaml marks a node with a tag and an anchor at the anchor, libyaml at
        whichever comes first."""
        mark = event.start_mark
        if not self.ruamel or event.anchor is None or event.tag is None:
            return mark
        if not 0 <= mark.line < len(self.lines):
            return mark
        before = self.lines[mark.line][: mark.column].rstrip(" \t")
        found = _TAG_BEFORE.search(before)
        return _Mark(mark.line, found.start()) if found else mark

    def _place(self, value: Any, event: Any, *, is_collection: bool) -> DataPath:
        """Put a new value where it belongs: the root, an item, a key or a key's value."""
        stack = self.stack
        if self.alias_mark is not None:
            start, self.alias_mark = self.alias_mark, None
        else:
            start = self._start_mark(event)
        if not stack:
            self.doc.data = value
            return ()
        frame = stack[-1]
        if not frame.is_map:
            items = frame.value
            if frame.limit is not None and len(items) >= frame.limit:
                raise self._fail(
                    N_("`{key}` lists more than {limit} entries, the most ai-coc reads"),
                    start,
                    N_(
                        "split it into several files (one manifest per project, several "
                        "rule files or packs)"
                    ),
                    key=".".join(str(part) for part in frame.path),
                    limit=f"{frame.limit:,}",
                )
            path = (*frame.path, len(items))
            pos = Position(start.line + 1, start.column + 1)
            self.doc.key_positions[path] = pos
            self.doc.value_positions[path] = pos
            items.append(value)
            return path
        if frame.key is _NO_KEY:  # this is a key
            if is_collection or not isinstance(value, str):
                shown = "{...}" if isinstance(value, dict) else "[...]" if is_collection else None
                if shown is None:
                    shown = _source_text(event) or repr(value)
                raise self._fail(
                    N_("the key {key} is not text"),
                    start,
                    N_("keys are English words in snake_case, such as `last_reviewed`"),
                    key=shown,
                )
            if value in frame.value:
                first = self.doc.key_positions[(*frame.path, value)].line
                raise self._fail(
                    N_("the key '{key}' appears twice in the same block (first on line {first})"),
                    start,
                    N_("keep one of the two entries and merge their content"),
                    key=value,
                    first=first,
                )
            frame.key = value
            frame.key_pos = Position(start.line + 1, start.column + 1)
            return frame.path
        key = frame.key
        path = (*frame.path, key)
        assert frame.key_pos is not None
        self.doc.key_positions[path] = frame.key_pos
        if (
            self.ruamel
            and value is None
            and not is_collection
            and event.value == ""
            and event.tag is None
            and event.anchor is None
            and not event.style
        ):
            if frame.flow:
                line, column = self._next_token(start.line + 1, start.column + 1)
            else:
                line, column = self._after_colon(frame.key_pos, start.line + 1, start.column + 1)
            self.doc.value_positions[path] = Position(line, column)
            frame.value[key] = value
            frame.key = _NO_KEY
            return path
        self.doc.value_positions[path] = Position(start.line + 1, start.column + 1)
        frame.value[key] = value
        frame.key = _NO_KEY
        return path

    # checks of YAML 1.2 that the parsers miss

    def _check_scalar(self, event: Any, style: Any, raw: str) -> None:
        frame = self.stack[-1] if self.stack else None
        in_flow = frame is not None and frame.flow
        self._check_scalar_in(event, style, raw, in_flow, frame.indent if frame else -1)

    def _check_scalar_in(
        self, event: Any, style: Any, raw: str, in_flow: bool, indent: int
    ) -> None:
        """The checks of a scalar inside a collection that is ``in_flow`` (or not) and whose
        block is indented by ``indent`` (-1: the top)."""
        start, end = event.start_mark, event.end_mark
        if not style:
            if raw == "-" and start.line == end.line and end.column > start.column:
                # a plain "-" needs a letter after it; "- " would start a list item
                raise self._fail(
                    _LONE_CHAR,
                    start,
                    N_("put it in quotes ('{char}') if it is meant as text"),
                    char=raw,
                )
            if (
                raw
                and in_flow
                and start.column > 0
                and self._char(start.line, start.column - 1) == "?"
            ):
                raise self._fail(
                    N_(
                        "a '?' right before '{text}' inside [ ] or {{ }} is read "
                        "differently by YAML parsers"
                    ),
                    start,
                    N_("put the text in quotes ('?{text}'), or write a space after the '?'"),
                    text=raw[:40],
                )
        elif style in ("'", '"'):
            if not in_flow and end.line > start.line:
                self._check_flow_lines(start.line, end.line, indent, event)
            if self._char(end.line, end.column) == "#":
                raise self._fail(
                    _NO_SPACE_COMMENT,
                    end,
                    _HINT_SPACE_COMMENT,
                )
        elif style in ("|", ">"):
            self._check_block_header(event)
        if in_flow:
            self._check_after(end, True)

    def _check_after(self, end: Any, in_flow: bool) -> None:
        """A comment must be separated by a space: ``]#x`` and ``a,#x`` are not comments."""
        line, column = end.line, end.column
        if not 0 <= line < len(self.lines):
            return
        text = self.lines[line]
        if text[column : column + 1] == "#":
            raise self._fail(
                _NO_SPACE_COMMENT,
                end,
                _HINT_SPACE_COMMENT,
            )
        if in_flow:
            window = text[column : column + 80]  # never the whole (maybe huge) line
            rest = window.lstrip(" ")
            if rest[:2] == ",#":
                at = column + len(window) - len(rest) + 1
                mark = _Mark(line, at)
                raise self._fail(
                    _NO_SPACE_COMMENT,
                    mark,
                    _HINT_SPACE_COMMENT,
                )

    def _check_flow_lines(self, first: int, last: int, indent: int, event: Any) -> None:
        """Lines of a flow collection or of a quoted text inside a block are indented more
        than that block (tabs do not count as indentation)."""
        if indent < 0:
            return
        lines = self.lines
        for number in range(first + 1, min(last, len(lines) - 1) + 1):
            text = lines[number]
            content = text.lstrip(" ")
            if not content.strip(" \t") or content.startswith("#"):
                continue
            if len(text) - len(content) <= indent:
                mark = _Mark(number, len(text) - len(content))
                raise self._fail(
                    _NOT_INDENTED,
                    mark,
                    N_("indent the continued line with spaces (tabs do not count as indentation)"),
                )

    def _check_block_header(self, event: Any) -> None:
        """``>#x`` is not a comment; leading empty lines of a block text may not have more
        spaces than its first line."""
        start = event.start_mark
        if not 0 <= start.line < len(self.lines):
            return
        header = self.lines[start.line]
        column = start.column + 1
        explicit = False
        while header[column : column + 1] in ("+", "-") or header[column : column + 1].isdigit():
            explicit = explicit or header[column].isdigit()
            column += 1
            if not header[column - 1 : column]:
                break
        if header[column : column + 1] == "#":
            raise self._fail(
                _NO_SPACE_COMMENT,
                _Mark(start.line, column),
                _HINT_SPACE_COMMENT,
            )
        if explicit:
            return
        widest = 0
        for number in range(start.line + 1, len(self.lines)):
            text = self.lines[number]
            if text.strip(" ") == "":
                widest = max(widest, len(text))
                continue
            spaces = len(text) - len(text.lstrip(" "))
            if widest > spaces:
                raise self._fail(
                    _EMPTY_LINE_SPACES,
                    _Mark(number, spaces),
                    N_("remove the spaces from the empty lines after '|' or '>'"),
                )
            return


class _Unusual(Exception):
    """Something the walk over composed nodes leaves to the events (see :class:`_Walker`)."""


class _Walker(_Builder):
    """Builds data and positions from the nodes libyaml composed (in C), in one pass.

    It gives exactly what :class:`_Builder` gives from the events of the same text, for the
    usual text: one document, no anchors, aliases or tags (``fastyaml.composable``), nothing
    the builder refuses. At anything else (a check that fails, a limit, a duplicate key, a key
    that is not text) it stops with :class:`_Unusual`, and the events are read after all: they
    decide, and word the message.
    """

    def __init__(self, doc: Document, limits: dict[DataPath, int] | None) -> None:
        super().__init__(doc, {}, limits=limits)
        #: the values below the top one (each has a position)
        self.count = 0

    def run(self, root: Any) -> None:
        try:
            if root.__class__ is _SCALAR_NODE:
                self.doc.data = self._scalar_value(root, False, -1)
            else:
                self.doc.data = self._collection(root, (), 0, False, -1)
        except (InputError, _Problem):
            raise _Unusual from None  # a check of the builder failed, or a value it refuses
        if self.count + 1 > MAX_NODES:
            raise _Unusual

    def _collection(self, node: Any, path: DataPath, depth: int, in_flow: bool, indent: int) -> Any:
        """The value of a mapping or list inside ``depth`` collections (``in_flow``: the
        innermost is a flow collection; ``indent``: its block's indentation)."""
        if depth >= MAX_DEPTH or node.tag is not _NO_TAG:
            raise _Unusual  # the builder stops at values below MAX_DEPTH collections
        start = node.start_mark
        flow = node.flow_style is True
        inner = indent if flow else start.column
        self.count += len(node.value)
        scalar_node = _SCALAR_NODE
        plain = not flow  # a plain scalar in a block collection needs none of the checks
        # a plain scalar that starts with none of these and is no null or bool is text
        special, words = _SPECIAL_START, _PLAIN_WORDS
        if node.__class__ is _MAPPING_NODE:
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not scalar_node:
                    raise _Unusual  # a key that is not text
                raw = key_node.value
                if plain and not key_node.style and raw and raw.isascii() and raw != "-":
                    if key_node.tag is not _NO_TAG:
                        raise _Unusual
                    key = raw if raw[0] not in special and raw not in words else _plain(raw)
                else:
                    key = self._scalar_value(key_node, flow, inner)
                if key.__class__ is not str or key in out:
                    raise _Unusual  # a key that is not text, or twice in the mapping
                if value_node.__class__ is not scalar_node:
                    at = path + (key,)  # noqa: RUF005 - quicker than (*path, key)
                    out[key] = self._collection(value_node, at, depth + 1, flow, inner)
                    continue
                raw = value_node.value
                if plain and not value_node.style and raw and raw.isascii() and raw != "-":
                    if value_node.tag is not _NO_TAG:
                        raise _Unusual
                    out[key] = raw if raw[0] not in special and raw not in words else _plain(raw)
                else:
                    out[key] = self._scalar_value(value_node, flow, inner)
            value: Any = out
        else:
            items: list[Any] = []
            limit = self.limits.get(path) if self.limits else None
            if limit is not None and len(node.value) > limit:
                raise _Unusual
            for index, item in enumerate(node.value):
                if item.__class__ is not scalar_node:
                    at = path + (index,)  # noqa: RUF005 - quicker than (*path, index)
                    items.append(self._collection(item, at, depth + 1, flow, inner))
                    continue
                raw = item.value
                if plain and not item.style and raw and raw.isascii() and raw != "-":
                    if item.tag is not _NO_TAG:
                        raise _Unusual
                    items.append(raw if raw[0] not in special and raw not in words else _plain(raw))
                else:
                    items.append(self._scalar_value(item, flow, inner))
            value = items
        if flow:
            end = node.end_mark
            if not in_flow:
                self._check_flow_lines(start.line, end.line, indent, node)
            self._check_after(end, in_flow)
        return value

    def _scalar_value(self, node: Any, in_flow: bool, indent: int) -> Any:
        """The value of a scalar node (key or value), after the builder's checks of it."""
        if node.tag is not _NO_TAG:
            raise _Unusual
        raw: str = node.value
        style = node.style
        if not raw.isascii() and not _encodable(raw):
            raise _Unusual
        if style:
            self._check_scalar_in(node, style, raw, in_flow, indent)
            return raw
        value = _plain(raw) if raw else None
        if in_flow or raw == "-":
            self._check_scalar_in(node, style, raw, in_flow, indent)
        return value


#: ``Position(line, column)`` made without a call in Python (a file has hundreds).
_position = tuple.__new__


class _ComposedDocument(Document):
    """A document that :class:`_Walker` read from libyaml's nodes.

    Its positions are read off the nodes when they are asked for: a check asks for a few (one
    for each finding), so most are never made. The two tables
    (:attr:`~Document.key_positions`, :attr:`~Document.value_positions`) are made, all at
    once and the same as the builder's, the first time one of them is used.
    """

    def __init__(self, file: str, text: str, root: Any) -> None:
        self.file = file
        self.text = text
        self.data = None
        self.base_dir = None
        self._root = root

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet: the two tables
        if name not in ("key_positions", "value_positions") or "_root" not in self.__dict__:
            raise AttributeError(name)
        self._fill()
        return self.__dict__[name]

    def key_position(self, path: DataPath) -> Position | None:
        if "key_positions" in self.__dict__:
            return self.key_positions.get(path)
        marks = self._marks(path)
        return None if marks is None else _position(Position, marks[0])

    def value_position(self, path: DataPath) -> Position | None:
        if "value_positions" in self.__dict__:
            return self.value_positions.get(path)
        marks = self._marks(path)
        return None if marks is None else _position(Position, marks[1])

    def top_positions(self) -> list[Position]:
        if "key_positions" in self.__dict__:
            return super().top_positions()
        root = self._root
        if root.__class__ is _SCALAR_NODE:
            return []
        written = [key for key, _ in root.value] if root.__class__ is _MAPPING_NODE else root.value
        return [
            _position(Position, (node.start_mark.line + 1, node.start_mark.column + 1))
            for node in written
        ]

    def _marks(self, path: DataPath) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The 1-based places of the key and of the value at ``path``; None if there is none
        (the top of the document has none either: the tables have no entry for it)."""
        if not path:
            return None
        node = self._root
        key_mark = mark = None
        for part in path:
            if node.__class__ is _SCALAR_NODE:
                return None
            if node.__class__ is _MAPPING_NODE:
                if part.__class__ is not str:
                    return None
                for pair in node.value:
                    if pair[0].value == part:  # the walker's keys are the written text
                        break
                else:
                    return None
                key_mark, node = pair[0].start_mark, pair[1]
                mark = node.start_mark
            else:
                if not isinstance(part, int) or not 0 <= part < len(node.value):  # as the tables
                    return None
                node = node.value[part]
                key_mark = mark = node.start_mark
        assert key_mark is not None and mark is not None
        return (key_mark.line + 1, key_mark.column + 1), (mark.line + 1, mark.column + 1)

    def _fill(self) -> None:
        """Both tables, in the order the builder makes them (a key, its value, what is in it)."""
        keys: dict[DataPath, Position] = {}
        values: dict[DataPath, Position] = {}
        scalar_node, mapping_node = _SCALAR_NODE, _MAPPING_NODE

        def walk(node: Any, path: DataPath) -> None:
            if node.__class__ is mapping_node:
                for key_node, value_node in node.value:
                    at = path + (key_node.value,)  # noqa: RUF005 - quicker than (*path, key)
                    mark = key_node.start_mark
                    keys[at] = _position(Position, (mark.line + 1, mark.column + 1))
                    mark = value_node.start_mark
                    values[at] = _position(Position, (mark.line + 1, mark.column + 1))
                    if value_node.__class__ is not scalar_node:
                        walk(value_node, at)
            else:
                for index, item in enumerate(node.value):
                    at = path + (index,)  # noqa: RUF005
                    mark = item.start_mark
                    keys[at] = values[at] = _position(Position, (mark.line + 1, mark.column + 1))
                    if item.__class__ is not scalar_node:
                        walk(item, at)

        root = self.__dict__.pop("_root")
        if root.__class__ is not scalar_node:
            walk(root, ())
        self.__dict__["key_positions"] = keys
        self.__dict__["value_positions"] = values


#: What :func:`ai_coc.read.fastyaml.compose` gives a node without a tag (no tag is resolved).
_NO_TAG: Any = None
_SCALAR_NODE: Any = None
_MAPPING_NODE: Any = None


#: The colon that ends a key in block style.
_COLON = re.compile(r":(?=[ \t]|$)")
#: A tag at the end of a line's text (before an anchor).
_TAG_BEFORE = re.compile(r"!(?:<[^>]*>|[^\s]*)$")


class SyntaxProblem(InputError):
    """Invalid YAML the builder found itself (not a limit, not a kind of value)."""


class _Mark:
    """A place the builder found itself (0-based, like the parsers' marks)."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line, self.column = line, column


def _source_text(event: Any) -> str:
    value = event.value
    return repr(value) if value else "''" if event.style else "null"


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
