"""Add or update one use (or non-use) of a manifest, keeping its comments and key order.

This builds on the round-trip editing of ``ai-coc init --add-use``
(:func:`ai_coc.author.scaffold.add_use`): the file is read with ruamel.yaml's round-trip mode only
when writing it back unchanged gives exactly the same text, the new entry is rendered by the
same code as the ``init`` skeleton, and the result must read back as the old data plus the
change, or nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ai_coc.errors import InputError
from ai_coc.records import Record

#: The lists of the manifest an import may add to.
SECTIONS = ("uses", "non_uses")


@dataclass(eq=False, repr=False)
class Edit(Record):
    """The new text of the manifest and what happened."""

    text: str
    #: ``added`` or ``updated``
    action: str
    section: str
    ident: str

    def diff(self, original: str, file: str) -> str:
        """The change as a unified diff (empty when nothing changed)."""
        return "".join(
            difflib.unified_diff(
                original.splitlines(keepends=True),
                self.text.splitlines(keepends=True),
                fromfile=f"a/{file}",
                tofile=f"b/{file}",
            )
        )


def to_entries(mapping: Mapping[str, Any]) -> list[Any]:
    """Plain data as :class:`ai_coc.author.scaffold.Entry` items (to render it like ``init``)."""
    from ai_coc.author.scaffold import Entry

    out: list[Entry] = []
    for key, value in mapping.items():
        if isinstance(value, Mapping):
            out.append(Entry(key, children=to_entries(value)))
        elif isinstance(value, list):
            if not value:
                out.append(Entry(key, empty_list=True))
            elif all(isinstance(v, Mapping) for v in value):
                out.append(Entry(key, items=[to_entries(v) for v in value]))
            else:
                out.append(Entry(key, items=list(value)))
        else:
            out.append(Entry(key, value=value))
    return out


def merged(old: Any, new: Any) -> Any:
    """``new`` laid over ``old``: mappings key by key, everything else replaced."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        result = dict(old)
        for key, value in new.items():
            result[key] = merged(old.get(key), value)
        return result
    return new


def _merge_node(target: Any, new: Any) -> None:
    """Lay the round-trip mapping ``new`` over ``target`` in place (comments of ``target``
    and the order of its keys stay; new keys come last)."""
    from ruamel.yaml.comments import CommentedMap

    for key, value in new.items():
        if isinstance(value, CommentedMap) and isinstance(target.get(key), CommentedMap):
            _merge_node(target[key], value)
        else:
            target[key] = value


def upsert(
    original: str,
    section: str,
    item: Mapping[str, Any],
    *,
    file: str,
    lang: str,
    note: str,
) -> Edit:
    """Add ``item`` to the list ``section`` of the manifest text ``original``, or, if an entry
    with its ``id`` is there, lay ``item`` over it. ``note`` becomes the comment above an
    added entry. Raises :class:`InputError` when the file is no manifest or its layout cannot
    be kept exactly."""
    from ruamel.yaml.comments import CommentedSeq

    from ai_coc.author.scaffold import (
        Entry,
        Tree,
        _comment_lines,
        _dump,
        _faithful_yaml,
        _yaml,
        manifest_to_edit,
        render,
        text,
    )
    from ai_coc.read.yaml import parse_document

    assert section in SECTIONS
    old = manifest_to_edit(original, file, lang)
    if section == "uses" and old.data.get("ai_used") is False:
        pos = old.locate(("ai_used",))
        raise InputError(
            text("add.no_ai", "message", lang),
            file=file,
            line=pos.line,
            column=pos.column,
            hint=text("add.no_ai", "hint", lang),
        )
    present = old.data.get(section)
    if present is not None and not isinstance(present, list):
        pos = old.locate((section,))
        raise InputError(
            text("add.uses_not_list", "message", lang).replace("`uses`", f"`{section}`"),
            file=file,
            line=pos.line,
            column=pos.column,
        )
    faithful = _faithful_yaml(original)
    if faithful is None:
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )
    yaml, tree, offset = faithful
    rendered = render(Tree(entries=[Entry(section, items=[to_entries(item)])]), offset=offset)
    node = _yaml(2, offset + 2, offset).load(rendered)[section][0]
    ident = str(item["id"])
    existing = tree.get(section)
    index = None
    if isinstance(existing, CommentedSeq):
        index = next(
            (
                i
                for i, entry in enumerate(existing)
                if isinstance(entry, Mapping) and entry.get("id") == ident
            ),
            None,
        )
    expected = dict(old.data)
    if index is not None:
        assert isinstance(existing, CommentedSeq)
        _merge_node(existing[index], node)
        items = list(present or [])
        items[index] = merged(items[index], dict(item))
        expected[section] = items
        action = "updated"
    else:
        if isinstance(existing, CommentedSeq) and len(existing):
            existing.append(node)
            seq = existing
        else:
            seq = CommentedSeq([node])
            tree[section] = seq
        indent = _item_indent(original, section)
        lines = _comment_lines(note, indent)
        seq.yaml_set_comment_before_after_key(
            len(seq) - 1, before="\n".join(line.strip()[2:] for line in lines), indent=indent
        )
        expected[section] = [*(present or []), dict(item)]
        action = "added"
    result = _dump(yaml, tree)
    new = parse_document(result, file).data
    ok = _plain(new) == _plain(expected)
    if ok and action == "added":
        matcher = difflib.SequenceMatcher(
            a=original.splitlines(), b=result.splitlines(), autojunk=False
        )
        ok = all(tag in ("equal", "insert") for tag, *_ in matcher.get_opcodes())
    if not ok:
        raise InputError(
            text("add.layout", "message", lang), file=file, hint=text("add.layout", "hint", lang)
        )
    return Edit(text=result, action=action, section=section, ident=ident)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _item_indent(original: str, section: str) -> int:
    import re

    match = re.search(rf"^{section}:[ \t]*\n(?:[ \t]*#.*\n)*([ \t]*)- ", original, re.MULTILINE)
    return len(match.group(1)) if match else 2


def existing_ids(data: Any, section: str) -> set[str]:
    """The ids already used in ``section`` of parsed manifest ``data``."""
    entries = data.get(section) if isinstance(data, Mapping) else None
    return {
        e["id"] for e in entries or [] if isinstance(e, Mapping) and isinstance(e.get("id"), str)
    }
