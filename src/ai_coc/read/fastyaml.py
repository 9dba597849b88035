"""The fast source of YAML events: libyaml's C parser, through PyYAML.

ai-coc reads every file as a stream of parse events and builds the data itself
(:mod:`ai_coc.read.yaml`), so that both parsers give exactly the same data, positions and
messages. For the usual text (:func:`composable`) libyaml also composes the nodes in C
(:func:`compose`), which is quicker than a Python loop over the events; the builder's walk
over those nodes falls back to the events at anything unusual.
libyaml parses in C and is the default; ruamel.yaml (pure Python) is used when
PyYAML has no C extension on this machine, when ``AI_COC_YAML=ruamel`` is set, for the few
texts libyaml reads differently from the YAML 1.2 specification (see :func:`suitable`),
and to word the message of a text libyaml refuses.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any

_ENV = "AI_COC_YAML"

#: Characters libyaml counts differently from ruamel.yaml: line breaks of YAML 1.1 only, and
#: a byte-order mark inside the text (libyaml skips it when it counts columns).
_YAML11_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff")
#: An anchor or alias name with a colon in it (``&an:chor``): YAML 1.2 allows it, libyaml
#: ends the name at the colon.
_NAME_WITH_COLON = re.compile(r"[&*][^\s,\[\]{}:]*:")
#: A tag right before a comma (``!!str,``): ruamel.yaml reads the comma into the tag and
#: refuses the text, libyaml does not; both are refused alike (a documented limit).
_TAG_COMMA = re.compile(r"(?:^|[\s\[{,])!!?[\w-]*,")


class Fallback(Exception):
    """libyaml does not read this text (or is not there): use ruamel.yaml."""


_parser_class: Any = None
_stream_end: Any = None
_checked = False


def _load() -> Any:
    global _parser_class, _stream_end, _checked
    if _checked:
        return _parser_class
    _checked = True
    try:
        from yaml._yaml import CParser  # PyYAML built with libyaml
        from yaml.events import StreamEndEvent
    except ImportError:
        return None
    _parser_class, _stream_end = CParser, StreamEndEvent
    return _parser_class


def available() -> bool:
    """Whether the fast path can be used in this environment."""
    if os.environ.get(_ENV, "").lower() == "ruamel":
        return False
    return _load() is not None


def suitable(text: str) -> bool:
    """Whether libyaml reads ``text`` as YAML 1.2 does (else ruamel.yaml reads it)."""
    if "\t" in text:
        # libyaml accepts tabs in places YAML forbids them; ruamel.yaml is stricter
        return False
    if not text.isascii() and any(brk in text for brk in _YAML11_BREAKS):
        # YAML 1.1 line breaks: libyaml would count other line numbers
        return False
    if ("&" in text or "*" in text) and _NAME_WITH_COLON.search(text):
        return False
    return not ("!" in text and _TAG_COMMA.search(text))


def event_classes(module: Any = None) -> dict[Any, str]:
    """The event classes of an events module (PyYAML's ``yaml.events`` unless another with the
    same names is given, such as ``ruamel.yaml.events``), by the short name the builder uses."""
    if module is None:
        import yaml.events

        module = yaml.events
    ev = module
    return {
        ev.ScalarEvent: "scalar",
        ev.MappingStartEvent: "map",
        ev.SequenceStartEvent: "seq",
        ev.MappingEndEvent: "end",
        ev.SequenceEndEvent: "end",
        ev.AliasEvent: "alias",
        ev.DocumentStartEvent: "doc",
        ev.DocumentEndEvent: "docend",
        ev.StreamStartEvent: "stream",
        ev.StreamEndEvent: "streamend",
    }


def events(text: str) -> Iterator[Any]:
    """The parse events of ``text``; :class:`Fallback` on any libyaml error.

    libyaml's parser keeps its own stack (it does not recurse), so any nesting is safe here;
    the builder stops at the depth limit.
    """
    parser_class = _load()
    if parser_class is None:
        raise Fallback("not available")
    parser = parser_class(text)
    end = _stream_end
    try:
        get = parser.get_event
        while True:
            try:
                event = get()
            except Exception as exc:  # any libyaml error: ruamel.yaml words the message
                raise Fallback(str(exc)) from None
            yield event
            if event.__class__ is end:
                return
    finally:
        parser.dispose()


#: Anchors, aliases and tags: an ``&``, ``*`` or ``!`` where a node may start. A text without
#: any is composed by libyaml (an alias would share a node, and ``! 1`` would look untagged).
_PROPERTY = re.compile(r"(?:^|[\s\[\]{},:])[!&*]")
#: Longest text composed in one go (a bigger one is read event by event, so that its limits
#: stop the reading early).
MAX_COMPOSED = 100_000


class _NoTag:
    """What :func:`compose` gives as the tag of every node (none is resolved: the builder
    reads plain scalars itself)."""

    __slots__ = ()


NO_TAG: Any = _NoTag()
_composer_class: Any = None


def composable(text: str) -> bool:
    """Whether :func:`compose` may read ``text``: short, without anchors, aliases or tags,
    and libyaml limits the nesting (0.2.5 and later: its composer recurses in C)."""
    if len(text) > MAX_COMPOSED:
        return False
    if ("!" in text or "&" in text or "*" in text) and _PROPERTY.search(text) is not None:
        return False
    return _composer() is not None


def _composer() -> Any:
    global _composer_class
    if _composer_class is None:
        parser_class = _load()
        if parser_class is None:
            return None
        from yaml._yaml import get_version

        if get_version() < (0, 2, 5):
            _composer_class = False
            return None

        class _Composer(parser_class):  # type: ignore[misc, valid-type]
            def descend_resolver(self, parent: Any, index: Any) -> None:
                pass

            def ascend_resolver(self) -> None:
                pass

            def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
                return NO_TAG

        _composer_class = _Composer
    return _composer_class or None


def compose(text: str) -> Any:
    """The root node of ``text`` (libyaml's ``ScalarNode``, ``MappingNode`` or
    ``SequenceNode``, with marks), or None if libyaml refuses it or it is not one document."""
    composer_class = _composer()
    if composer_class is None:
        return None
    composer = composer_class(text)
    try:
        return composer.get_single_node()
    except Exception:  # any libyaml error: the events decide
        return None
    finally:
        composer.dispose()


def node_classes() -> tuple[Any, Any]:
    """PyYAML's scalar and mapping node classes (a node of neither is a sequence)."""
    from yaml.nodes import MappingNode, ScalarNode

    return ScalarNode, MappingNode
