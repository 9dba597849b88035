"""Which regular expressions a policy pack may use (``matches:``): a proven bound on the work.

Python's ``re`` backtracks and has no time limit: a pattern such as ``(a+)+$`` takes
longer than the age of the universe on a line of forty ``a`` and a ``!``, and five bounded
repeats ``a{0,100}a{0,100}a{0,100}a{0,100}a{0,100}b`` take minutes on 2,000 ``a``. A pack
comes from a shared folder or another repository, and the tool runs in every commit, so a
pack must not be able to hang it. Rather than run patterns under a timer (which ``re`` cannot
interrupt, and whose outcome would depend on how fast the machine is), ai-coc accepts only
patterns whose worst case it can bound, checked once when the pack is compiled.

The bound: :func:`ways` counts how many combinations of choices a backtracking search may
have to try on a text of ``n`` = :data:`TEXT_LENGTH` characters (the engine cuts every text
to that length before matching), and a pattern is allowed when that number is at most
:data:`MAX_WAYS` = ``(n + 1)²``, about four million.

Why the count bounds the work: ``re`` searches depth-first through the choices of the
pattern – how often each repetition runs, which alternative of each ``|`` is taken – and at
one start position it never follows the same combination twice. Following one combination
costs at most a step per element of the pattern and per character matched. So the work at one
start is at most the number of combinations times a constant of the pattern, and:

* a repetition ``{lo,hi}`` (also ``?``, ``*``, ``+``) of a body without choices has
  ``min(hi, n) - lo + 1`` choices (it cannot run more than ``n`` times on ``n`` characters),
  of a body with ``w`` combinations at most ``w^lo + … + w^min(hi, n)``;
* ``|`` adds the combinations of its branches, a sequence multiplies them;
* look-arounds and atomic groups are counted as if their combinations multiplied too (the
  search never goes back into them, so this only over-counts);
* a back-reference is never allowed (its cost depends on what the group matched);
* a search not anchored with ``^`` or ``\\A`` tries ``n + 1`` start positions.

``(n + 1)²`` combinations are a few million steps: a fraction of a second in the worst case.
What policies ask fits: ``^(https?://|mailto:|\\S+@\\S+)`` has about ``n²`` combinations,
``(?i)\\bbiometri`` ``n + 1``, ``^\\d{4}-\\d{2}-\\d{2}$`` one. When a pattern is refused, the
message names the usual culprit (a repetition inside a repetition, alternatives inside a
repetition, too many open-ended repetitions) or else the count.

Nothing here is imported on the common path: the check runs when a pack is compiled from its
YAML files, never when its compiled form is used.
"""

from __future__ import annotations

import re
from typing import Any

from ai_coc.i18n import N_

#: Most unbounded repetitions a pattern may have (plus one if it is not anchored); only
#: used to explain a refusal, the bound is :data:`MAX_WAYS`.
MAX_UNBOUNDED_REPEATS = 2
#: A bounded repetition allowing more than this many rounds counts as unbounded (in messages).
LARGE_REPEAT = 100
#: Length of text the bound is computed for (``ai_coc.rules.checks.MAX_MATCH_INPUT``).
TEXT_LENGTH = 2_000
#: Most combinations of choices a search may have to try: ``(TEXT_LENGTH + 1) ** 2``.
MAX_WAYS = (TEXT_LENGTH + 1) ** 2

NESTED = N_(
    "the regular expression is not allowed: it has a repetition inside a repetition (such as "
    "`(a+)+`), which can take extremely long on some texts"
)
ALTERNATIVES = N_(
    "the regular expression is not allowed: it has alternatives inside a repetition (such as "
    "`(a|ab)*`), which can take extremely long on some texts"
)
BACKREFERENCE = N_(
    "the regular expression is not allowed: it has a back-reference (such as `\\1`), which "
    "can take extremely long on some texts"
)
OPEN_ENDED = N_(
    "the regular expression is not allowed: it has {count} open-ended repetitions (`*`, `+`, "
    "`{{n,}}`); at most {anchored} in a pattern starting with ^, {other} otherwise, are allowed "
    "so that matching stays fast"
)
OPEN_ENDED_UNANCHORED = N_(
    "the regular expression is not allowed: it has {count} open-ended repetitions (`*`, `+`, "
    "`{{n,}}`) and does not start with ^; at most {anchored} in a pattern starting with ^, "
    "{other} otherwise, are allowed so that matching stays fast"
)
COMBINATIONS = N_(
    "the regular expression is not allowed: on a text of {length} characters a search with it "
    "may have to try {found} combinations of its choices, and at most {allowed} are allowed "
    "so that matching stays fast (each repetition such as `{{0,100}}`, `?`, `*` or `+`, and "
    "each `|`, multiplies the number; an optional part inside a repetition, such as "
    "`(a?b?)*`, makes it explode)"
)
COMBINATIONS_MORE = N_(
    "the regular expression is not allowed: on a text of {length} characters a search with it "
    "may have to try more than {found} combinations of its choices, and at most {allowed} are "
    "allowed so that matching stays fast (each repetition such as `{{0,100}}`, `?`, `*` or "
    "`+`, and each `|`, multiplies the number; an optional part inside a repetition, such "
    "as `(a?b?)*`, makes it explode)"
)


def _anchored(tree: Any, c: Any) -> bool:
    first = tree[0] if len(tree) else None
    multiline = bool(tree.state.flags & re.MULTILINE)
    return (
        first is not None
        and first[0] is c.AT
        and (first[1] is c.AT_BEGINNING_STRING or (first[1] is c.AT_BEGINNING and not multiline))
    )


def ways(pattern: str, flags: int = 0, length: int = TEXT_LENGTH) -> int:
    """An upper bound of the combinations of choices a backtracking search of ``pattern``
    may try on a text of ``length`` characters, over all start positions (capped at
    ``(length + 1) ** 3``; a back-reference counts as the cap)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    cap = (length + 1) ** 3  # anything above the limit is as bad as this
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}

    def sequence(items: Any) -> int:
        total = 1
        for op, av in items:
            total = min(cap, total * item(op, av))
        return total

    def item(op: Any, av: Any) -> int:
        if op in repeats:
            low, high, sub = av
            top = length if high == c.MAXREPEAT else min(high, length)
            low = min(low, top)
            body = sequence(sub)
            if body == 1:
                return int(top - low + 1)
            count, power = 0, min(cap, body ** min(low, 64))
            for _ in range(low, top + 1):
                count = min(cap, count + power)
                if count >= cap:
                    return cap
                power = min(cap, power * body)
            return max(count, 1)
        if op is c.BRANCH:
            return min(cap, sum(sequence(branch) for branch in av[1]))
        if op is c.SUBPATTERN:
            return sequence(av[-1])
        if op in (c.ASSERT, c.ASSERT_NOT):
            return sequence(av[1])
        if op is getattr(c, "ATOMIC_GROUP", None):
            return sequence(av)
        if op in (c.GROUPREF, c.GROUPREF_EXISTS):
            return cap
        return 1

    starts = 1 if _anchored(tree, c) else length + 1
    return min(cap, starts * sequence(tree))


def pattern_problem(pattern: str, flags: int = 0) -> tuple[str, dict[str, object]] | None:
    """Why ``pattern`` is not allowed, or None if it is safe (it must compile): an English
    text (a gettext msgid, translated by whoever shows it) and the values for its fields."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return None  # compiling reports it
    found = ways(pattern, flags)
    if found <= MAX_WAYS:
        return None
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT)}
    unbounded = 0

    def walk(items: Any, inside_repeat: bool) -> str | None:
        nonlocal unbounded
        for op, av in items:
            if op in repeats:
                _low, high, sub = av
                if high > 1 and inside_repeat:
                    return NESTED
                if high == c.MAXREPEAT or high > LARGE_REPEAT:
                    unbounded += 1
                problem = walk(sub, inside_repeat or high > 1)
            elif op is c.BRANCH:
                if inside_repeat:
                    return ALTERNATIVES
                problem = None
                for branch in av[1]:
                    problem = problem or walk(branch, inside_repeat)
            elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
                return BACKREFERENCE
            elif op is c.SUBPATTERN:
                problem = walk(av[-1], inside_repeat)
            elif op in (c.ASSERT, c.ASSERT_NOT):
                problem = walk(av[1], inside_repeat)
            elif op is getattr(c, "ATOMIC_GROUP", None):
                problem = walk(av, inside_repeat)
            else:
                problem = None
            if problem:
                return problem
        return None

    problem = walk(tree, False)
    if problem:
        return problem, {}
    anchored = _anchored(tree, c)
    allowed = MAX_UNBOUNDED_REPEATS if anchored else MAX_UNBOUNDED_REPEATS - 1
    if unbounded > allowed:
        values: dict[str, object] = {
            "count": unbounded,
            "anchored": MAX_UNBOUNDED_REPEATS,
            "other": MAX_UNBOUNDED_REPEATS - 1,
        }
        return (OPEN_ENDED if anchored else OPEN_ENDED_UNANCHORED), values
    shown = f"{found:.1e}" if found >= 10**7 else str(found)
    more = found >= (TEXT_LENGTH + 1) ** 3
    return (COMBINATIONS_MORE if more else COMBINATIONS), {
        "length": TEXT_LENGTH,
        "found": shown,
        "allowed": MAX_WAYS,
    }
