"""An optional fast path for reading YAML: libyaml's C parser, through PyYAML.

ruamel.yaml's round-trip loader is written in pure Python and is the slowest part of a run
(a typical manifest takes ~15-20 ms, the built-in policy pack ~150 ms). When PyYAML with
libyaml is installed (``pip install "ai-coc-lint[speed]"``), this module composes the node tree
in C and walks it here, keeping the position of every key and value.

The fast path only ever handles the *simple, valid* case and must give exactly what the
round-trip path gives (a differential test checks this). Whenever anything is unusual —
an explicit tag, a merge key, a duplicate key, a scalar whose type is not obvious, a
``%YAML`` directive, deep nesting, any syntax error — it gives up (:class:`Fallback`) and
the caller uses ruamel.yaml, whose messages are the ones users see. Scalars are typed by
the YAML 1.2 core schema rules that ruamel.yaml uses (``yes`` and ``on`` stay text).

Set ``AI_COC_YAML=ruamel`` to switch the fast path off.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

#: Texts that might nest deeper than this go to ruamel.yaml, which reports too-deep nesting
#: cleanly: libyaml's composer recurses in C without a limit and crashes the process on
#: about 100,000 levels. See :func:`nesting_bound`.
MAX_FAST_NESTING = 512

_ENV = "AI_COC_YAML"

_T_STR = "ai-coc:str"
_T_MAP = "ai-coc:map"
_T_SEQ = "ai-coc:seq"
_T_PLAIN = "ai-coc:plain"

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?[0-9]+\.[0-9]*(?:[eE][-+]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Plain scalars starting like this may be numbers, dates, merge keys or other special
#: values; anything of this kind that is not in the simple forms above goes to ruamel.yaml.
_SPECIAL_START = frozenset("0123456789+-.<=~")
#: Every plain scalar that YAML 1.2 (as ruamel.yaml reads it) may type as a number or a
#: timestamp is matched by one of these (they match a little more, never less).
_MAYBE_NUMBER = re.compile(
    r"""[-+]?(?:0b[01_]+|0o?[0-7_]+|[0-9_]+|0x[0-9a-fA-F_]+
    |[0-9][0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[0-9][0-9_]*[eE][-+]?[0-9]+
    |\.[0-9_]+(?:[eE][-+][0-9]+)?|\.(?:inf|Inf|INF|nan|NaN|NAN))""",
    re.VERBOSE,
)
_MAYBE_TIME = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+).*)?", re.DOTALL)


#: Characters libyaml counts differently from ruamel.yaml: line breaks of YAML 1.1 only, and
#: a byte-order mark inside the text (libyaml skips it when it counts columns).
_YAML11_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff")


class Fallback(Exception):
    """The fast path does not handle this text; use the round-trip loader."""


_parser_class: Any = None
_checked = False


def _load_parser_class() -> Any:
    global _parser_class, _checked
    if _checked:
        return _parser_class
    _checked = True
    try:
        from yaml._yaml import CParser  # PyYAML built with libyaml
    except ImportError:
        return None

    class _Parser(CParser):  # type: ignore[misc]
        """libyaml's composer; every implicit tag is resolved to a marker we recognise."""

        def descend_resolver(self, *_args: Any) -> None:
            return None

        def ascend_resolver(self, *_args: Any) -> None:
            return None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            name = kind.__name__
            if name == "ScalarNode":
                return _T_PLAIN if implicit[0] else _T_STR
            if name == "MappingNode":
                return _T_MAP
            return _T_SEQ

    _parser_class = _Parser
    return _parser_class


def available() -> bool:
    """Whether the fast path can be used in this environment."""
    if os.environ.get(_ENV, "").lower() == "ruamel":
        return False
    return _load_parser_class() is not None


def compose(text: str) -> Any:
    """The node tree of ``text`` (one document), or :class:`Fallback`."""
    parser_class = _load_parser_class()
    if parser_class is None or os.environ.get(_ENV, "").lower() == "ruamel":
        raise Fallback("not available")
    if "%" in text[:1] or "\n%" in text or "\t" in text:
        raise Fallback("unusual text")
    if not text.isascii() and any(brk in text for brk in _YAML11_BREAKS):
        # libyaml (YAML 1.1) counts these as line breaks, ruamel.yaml (YAML 1.2) does not,
        # or skips them when counting columns: the positions would differ.
        raise Fallback("unusual line break")
    if nesting_bound(text) > MAX_FAST_NESTING:
        raise Fallback("may nest deeply")
    parser = parser_class(text)
    try:
        return parser.get_single_node()
    except Exception as exc:  # any YAML error: ruamel.yaml explains it
        raise Fallback(str(exc)) from None
    finally:
        parser.dispose()


def nesting_bound(text: str) -> int:
    """An upper bound of how deep ``text`` can nest, cheap to compute.

    Every level of nesting needs a flow bracket, one more space of indentation, or a block
    indicator (``-``, ``?``, ``:``) on the same line. Counting all of them over-estimates
    the depth of a normal file by a few dozen at most.
    """
    bound = text.count("[") + text.count("{")
    if bound > MAX_FAST_NESTING:
        return bound
    worst = 0
    for line in text.split("\n"):
        content = line.lstrip(" ")
        level = len(line) - len(content) + content.count("-") + content.count(":")
        level += content.count("?")
        if level > worst:
            worst = level
    return bound + worst + 1


def scalar(node: Any) -> Any:
    """The Python value of a scalar node whose tag came from our resolver."""
    tag = node.tag
    value: str = node.value
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Fallback("lone surrogate") from None
    if tag == _T_STR:
        return value
    if tag != _T_PLAIN:
        raise Fallback("explicit tag")
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    if value[:1] not in _SPECIAL_START:
        return value
    if value in ("<<", "="):
        raise Fallback("special scalar")
    if not (_MAYBE_NUMBER.fullmatch(value) or _MAYBE_TIME.fullmatch(value)):
        return value
    if _INT.fullmatch(value):
        if len(value) > 100:
            raise Fallback("huge number")  # ruamel.yaml reports what it makes of it
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise Fallback("odd date") from None
    raise Fallback("scalar that may not be text")


def build(
    node: Any,
    key_positions: dict[Any, Any],
    value_positions: dict[Any, Any],
    position: Any,
    *,
    max_depth: int,
    max_nodes: int,
) -> Any:
    """Plain data from the node tree, filling in the positions; :class:`Fallback` if odd.

    Limits are not reported from here: a text that breaks one goes to the round-trip path,
    which reports it with its usual message.
    """
    count = 0

    def walk(node: Any, path: tuple[Any, ...], depth: int) -> Any:
        nonlocal count
        count += 1
        if count > max_nodes or depth > max_depth:
            raise Fallback("limit")
        tag = node.tag
        if tag == _T_MAP:
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag not in (_T_STR, _T_PLAIN) or type(key_node).__name__ != (
                    "ScalarNode"
                ):
                    raise Fallback("key")
                key = scalar(key_node)
                if not isinstance(key, str) or key in result or key == "<<":
                    raise Fallback("key")
                child = (*path, key)
                mark = key_node.start_mark
                key_positions[child] = position(mark.line + 1, mark.column + 1)
                mark = value_node.start_mark
                value_positions[child] = position(mark.line + 1, mark.column + 1)
                result[key] = walk(value_node, child, depth + 1)
            return result
        if tag == _T_SEQ:
            items: list[Any] = []
            for index, item in enumerate(node.value):
                child = (*path, index)
                mark = item.start_mark
                pos = position(mark.line + 1, mark.column + 1)
                key_positions[child] = pos
                value_positions[child] = pos
                items.append(walk(item, child, depth + 1))
            return items
        if tag in (_T_STR, _T_PLAIN) and type(node).__name__ == "ScalarNode":
            return scalar(node)
        raise Fallback("explicit tag")

    return walk(node, (), 0)
