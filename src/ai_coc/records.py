"""Comparing, hashing and showing the data classes of ai-coc, written once for all of them.

``@dataclass`` writes an ``__eq__`` and a ``__repr__`` (and for a frozen class a
``__hash__``) into every class as Python source, compiled while its module is imported. A
check imports some thirty such classes, and compiling those methods cost it about 8% of its
CPU time (paired runs, 2026-12-01). So every data class of ai-coc is declared
``@dataclass(eq=False, repr=False)`` and
takes the three methods from :class:`Record` (or :class:`FrozenRecord`), which behave as the
written ones would: equal when of the same class with equal compared fields (compared as one
tuple, so ``nan`` equals itself as there), hashed from the same fields when frozen, and shown
as ``Name(field=value, ...)``. A test keeps every data class on them.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any

#: For each class: what gives the values it is compared by, and hashed by, and its shown fields.
_MADE: dict[type, tuple[Any, Any, tuple[str, ...]]] = {}


def _getter(names: list[str]) -> Any:
    """What gives the values of ``names`` of a record, as one tuple."""
    if not names:
        return lambda _record: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda record: (one(record),)
    return attrgetter(*names)  # a tuple of the values, in C


def _made(cls: type) -> tuple[Any, Any, tuple[str, ...]]:
    made = _MADE.get(cls)
    if made is None:
        fields = dataclasses.fields(cls)
        compared = [f.name for f in fields if f.compare]
        hashed = [f.name for f in fields if (f.compare if f.hash is None else f.hash)]
        shown = tuple(f.name for f in fields if f.repr)
        made = _MADE[cls] = (_getter(compared), _getter(hashed), shown)
    return made


class Record:
    """What ``@dataclass`` would write for ``__eq__`` and ``__repr__`` (unhashable, like a
    mutable data class)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = _made(self.__class__)[0]
        return bool(values(self) == values(other))

    __hash__ = None  # type: ignore[assignment]

    @recursive_repr()
    def __repr__(self) -> str:
        shown = _made(self.__class__)[2]
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"


class FrozenRecord(Record):
    """:class:`Record` for a frozen data class: hashed from its compared fields."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # unhashable above, hashed here
        return hash(_made(self.__class__)[1](self))
