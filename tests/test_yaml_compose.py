"""libyaml's composed nodes give exactly what its events give.

For the usual text (no anchors, aliases or tags, see ``fastyaml.composable``) the data and
positions are built from the nodes libyaml composes in C, in one walk; at anything unusual
the walk gives up and the events are read as before. Both ways must give the same data (with
the same types), the same positions in the same order, and for a text that is refused the
same message at the same place: over the official YAML test suite, every YAML file of the
project, and texts made from them by small edits (seeded, so every run reads the same).
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import pytest

from ai_coc.errors import InputError
from ai_coc.files import decode
from ai_coc.read import fastyaml
from ai_coc.read.yaml import MANIFEST_LIMITS, RULE_FILE_LIMITS, parse_document
from tests.conftest import ROOT
from tests.test_yaml_suite import SUITE

pytestmark = pytest.mark.skipif(not fastyaml.available(), reason="PyYAML without libyaml")

#: Characters and pieces a small edit inserts (what changes how YAML reads a text).
PIECES = [*"#: -'\"[]{},?|>\n", "  ", "\n  ", ": ", "- ", " #", "0x1", "1e5", "~", "null", "é"]


def _plain(value: Any) -> Any:
    """``value`` with its types spelt out (``1`` and ``1.0`` and ``True`` differ; NaN too)."""
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    if isinstance(value, dict):
        return ("dict", [(_plain(k), _plain(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [_plain(v) for v in value])
    return (type(value).__name__, value)


def _read(text: str, limits: Any) -> Any:
    try:
        doc = parse_document(text, "in.yaml", limits=limits)
    except InputError as exc:
        return ("refused", exc.message, exc.line, exc.column, exc.hint)
    return (
        _plain(doc.data),
        list(doc.key_positions.items()),
        list(doc.value_positions.items()),
    )


def _texts() -> list[str]:
    paths = sorted(SUITE.rglob("in.yaml")) if SUITE.is_dir() else []
    for folder in ("examples", "policies", "tests/data", "tests/golden", "tests/hostile"):
        paths += sorted((ROOT / folder).rglob("*.yaml"))
    texts: list[str] = []
    for path in paths:
        try:
            texts.append(decode(path.read_bytes(), path.name))
        except InputError:
            continue
    return texts


def _edited(texts: list[str], count: int) -> list[str]:
    rng = random.Random(14)
    out: list[str] = []
    for _ in range(count):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.7:
                text = text[:at] + rng.choice(PIECES) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 3) :]
        out.append(text)
    return out


def test_composed_nodes_give_what_the_events_give(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    texts += _edited(texts, 1500)
    composed = 0
    for text in texts:
        for limits in (MANIFEST_LIMITS, RULE_FILE_LIMITS):
            if not text.strip() or not fastyaml.composable(text):
                continue
            with_nodes = _read(text, limits)
            with monkeypatch.context() as patch:
                patch.setattr(fastyaml, "composable", lambda _text: False)
                with_events = _read(text, limits)
            assert with_nodes == with_events, text[:300]
            composed += with_nodes[0] != "refused"
    assert composed > 1000  # most texts were indeed built from composed nodes


def test_unusual_texts_are_left_to_the_events() -> None:
    # an alias shares a node, `! 1` looks untagged, a big text is read event by event
    for text in ("a: &x 1\nb: *x\n", "a: ! 1\n", "a: !!str 1\n", "a: 1\n" * 30_000):
        assert not fastyaml.composable(text)
    # an asterisk inside a word (German gender star) is no alias
    assert fastyaml.composable("team: Mitarbeiter*innen\n")


def test_every_check_of_the_builder_still_applies() -> None:
    refused = {
        "a: 1\na: 2\n": "appears twice",
        "a: [1,#x\n  2]\n": "a comment ('#') must have a space before it",
        "? [a]\n: 1\n": "is not text",
        "a: 0x" + "f" * 4000 + "\n": "digits",
        "uses:\n" + "  - a\n" * 501: "more than 500 entries",
    }
    for text, words in refused.items():
        with pytest.raises(InputError) as raised:
            parse_document(text, "in.yaml", limits=MANIFEST_LIMITS)
        assert words in raised.value.message


def test_deep_nesting_stops_at_the_limit() -> None:
    text = "".join(" " * depth + "k:\n" for depth in range(70)) + " " * 70 + "v\n"
    with pytest.raises(InputError) as raised:
        parse_document(text, "in.yaml")
    assert "nested more than 64 levels" in raised.value.message


def test_a_composed_manifest_keeps_every_position() -> None:
    text = (ROOT / "examples" / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    assert fastyaml.composable(text)
    doc = parse_document(text, "ai-usage.yaml")
    lines = text.splitlines()
    for path, pos in doc.key_positions.items():
        key = path[-1]
        if isinstance(key, str):
            assert lines[pos.line - 1][pos.column - 1 :].startswith(key), path
    assert Path(doc.file).name == "ai-usage.yaml"


def _asked(doc: Any, paths: list[Any]) -> list[Any]:
    """What ``doc`` says of ``paths`` one by one: positions, places to point at, top keys."""
    top = sorted(doc.top_positions())
    return [top] + [(doc.key_position(p), doc.value_position(p), doc.locate(p)) for p in paths]


def test_positions_asked_one_by_one_are_those_of_the_tables() -> None:
    # A composed document reads each position off libyaml's nodes when asked, and makes its
    # two tables only when they are used: both ways must say the same of every path, of the
    # paths that are not there, and of the top of the document.
    texts = _texts()
    texts += _edited(texts, 500)
    asked = 0
    for text in texts:
        if not text.strip() or not fastyaml.composable(text):
            continue
        try:
            lazy = parse_document(text, "in.yaml")
        except InputError:
            continue
        if "_root" not in vars(lazy):
            continue  # read from the events: it has its tables from the start
        tables = parse_document(text, "in.yaml")
        paths: list[Any] = [(), ("nope",), (0,), ("uses", 99), (True,), ("uses", -1)]
        for path in tables.key_positions:
            paths += [path, (*path, "nope"), (*path, 0), (*path[:-1], "x" + str(path[-1]))]
        assert _asked(lazy, paths) == _asked(tables, paths), text[:300]
        assert "key_positions" not in vars(lazy)  # asking made no table
        asked += 1
    assert asked > 500
