"""A loaded YAML document: plain data plus the source position of every node."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from ai_coc.records import Record

PathPart = str | int


DataPath = tuple[PathPart, ...]


class Position(NamedTuple):
    """A 1-based line and column in a source file (a tuple: cheap to make, a file has one
    for every key and value)."""

    line: int
    column: int


@dataclass(eq=False, repr=False)
class Document(Record):
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

    def key_position(self, path: DataPath) -> Position | None:
        """Where the key (or list item) at ``path`` is written, if it is."""
        return self.key_positions.get(path)

    def value_position(self, path: DataPath) -> Position | None:
        """Where the value at ``path`` starts, if it is in the file."""
        return self.value_positions.get(path)

    def top_positions(self) -> list[Position]:
        """Where the top-level keys (or items) are written."""
        return [pos for key, pos in self.key_positions.items() if len(key) == 1]

    def locate(self, path: DataPath) -> Position:
        """Where to point for ``path``.

        An existing scalar points at its value, an existing mapping or list at its key;
        a missing path points at its nearest existing parent.
        """
        existing = self.nearest_existing(path)
        if not existing:
            root = self.key_position(())
            if root is not None:
                return root
            # a missing top-level key: point at the document's first key, not at a comment
            top = self.top_positions()
            return min(top, key=lambda p: (p.line, p.column), default=Position(1, 1))
        value = self.get(existing)
        if existing == path and not isinstance(value, dict | list):
            pos = self.value_position(existing)
            if pos is not None:
                return pos
        return self.key_position(existing) or self.value_position(existing) or Position(1, 1)


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
    if part.__class__ is str and node.__class__ is dict:  # the usual step: a key
        return node.get(part, MISSING)
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


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """``text`` split at the line breaks of YAML 1.2 and TOML (``\\n``, ``\\r\\n``, ``\\r``).

    Unlike ``str.splitlines()``, characters such as U+0085 or U+2028 inside a value do not
    start a new line, so line numbers match what the parsers and editors count.
    """
    parts = text.split("\n") if "\r" not in text else _LINE_BREAK.split(text)
    if parts and parts[-1] == "":
        parts.pop()
    return parts
