"""Every data class of ai-coc takes ``__eq__``, ``__hash__`` and ``__repr__`` from
:mod:`ai_coc.records` (not compiled at import), and they behave as ``@dataclass`` writes them."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pickle
import pkgutil
from dataclasses import dataclass, field
from typing import Any

import pytest

import ai_coc
from ai_coc.records import FrozenRecord, Record


def _every_dataclass() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(ai_coc.__path__, "ai_coc."):
        if info.name.startswith("ai_coc.docs"):
            continue  # needs Sphinx
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            is_dataclass = inspect.isclass(obj) and dataclasses.is_dataclass(obj)
            if is_dataclass and obj.__module__ == module.__name__:
                found.append(obj)
    return found


def test_every_dataclass_is_a_record() -> None:
    classes = _every_dataclass()
    assert len(classes) > 40
    wrong = []
    for cls in classes:
        params = cls.__dataclass_params__  # type: ignore[attr-defined]
        base = FrozenRecord if params.frozen else Record
        hashed = FrozenRecord.__hash__ if params.frozen else None
        # nothing compiled by @dataclass: the methods are the records' own
        own = (cls.__eq__, cls.__repr__, cls.__hash__) == (Record.__eq__, Record.__repr__, hashed)
        if params.eq or params.repr or not issubclass(cls, base) or not own:
            wrong.append(cls.__qualname__)
    assert wrong == []


# Twins: the same fields, once with the methods @dataclass writes, once as records.
def _twins(frozen: bool, slots: bool) -> tuple[type, type]:
    def body() -> dict[str, Any]:
        return {
            "__annotations__": {"a": "Any", "b": "Any", "hidden": "Any", "loose": "Any"},
            "__doc__": "twin",
            "b": 0,
            "hidden": field(default=1, repr=False),
            "loose": field(default=2, compare=False),
        }

    written = dataclass(frozen=frozen, slots=slots)(type("Twin", (), body()))
    base = FrozenRecord if frozen else Record
    options = {"frozen": frozen, "slots": slots, "eq": False, "repr": False}
    record = dataclass(**options)(type("Twin", (base,), body()))  # type: ignore[call-overload]
    return written, record


VALUES: list[tuple[Any, ...]] = [
    (1, 2, 3, 4),
    (1, 2, 3, 5),  # differs in a field that is not compared
    (1, 2, 4, 4),
    (1, True, 3, 4),  # True == 1
    (math.nan, 2, 3, 4),
    ("x", [1, {"k": "v"}], None, ()),
    ("x", [1, {"k": "w"}], None, ()),
]


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("slots", [False, True])
def test_records_behave_as_written_dataclasses(frozen: bool, slots: bool) -> None:
    written, record = _twins(frozen, slots)
    for left in VALUES:
        for right in VALUES:
            w1, w2 = written(*left), written(*right)
            r1, r2 = record(*left), record(*right)
            assert (w1 == w2) is (r1 == r2), (left, right)
            assert (w1 != w2) is (r1 != r2), (left, right)
            assert r1 != w1  # another class: not equal, as for two dataclasses
        w, r = written(*left), record(*left)
        assert repr(r) == repr(w)
        if frozen and all(isinstance(v, int | float | str | None | tuple) for v in left):
            assert hash(r) == hash(w)
        elif not frozen:
            with pytest.raises(TypeError):
                hash(r)


def test_a_record_shows_itself_once_in_a_loop() -> None:
    _, record = _twins(False, False)
    looped = record(1)
    looped.b = looped
    assert repr(looped) == "Twin(a=1, b=..., loose=2)"


def test_findings_and_errors_keep_their_behaviour() -> None:
    from ai_coc.errors import InputError
    from ai_coc.rules.findings import Finding, Location

    where = Location("a.yaml", 3, 5, "uses[x].labour")
    finding = Finding("COC201", "n", "human-centredness", "error", "m", "f", where, "x", "u")
    same = pickle.loads(pickle.dumps(finding))
    assert same == finding and hash(same) == hash(finding)
    assert {finding, same} == {finding}
    assert dataclasses.replace(finding, message="other") != finding
    assert repr(where) == "Location(file='a.yaml', line=3, column=5, path='uses[x].labour')"
    error = InputError("broken", file="a.yaml", line=2)
    assert error == InputError("broken", file="a.yaml", line=2)
    assert str(error) and "broken" in repr(error)
    with pytest.raises(InputError):
        raise error
