"""Which regular expressions a policy pack may use (``matches:``).

Python's ``re`` backtracks and has no time limit: a pattern such as ``(a+)+$`` takes
longer than the age of the universe on a line of forty ``a`` and a ``!``. A pack comes
from a shared folder or another repository, and the tool runs in every commit, so a pack
must not be able to hang it. Rather than run patterns under a timer (which ``re`` cannot
interrupt), ai-coc accepts only patterns whose worst case is small, checked once when the
pack is loaded:

* no repetition inside a repetition (``(a+)+``, ``(a*b?)*``, ``(\\w+\\s?)*``);
* no alternation inside a repetition (``(a|ab)*``), whose branches may overlap;
* no back-references (``(a*)\\1``);
* at most :data:`MAX_UNBOUNDED_REPEATS` unbounded repetitions (``*``, ``+``, ``{n,}``,
  or more than :data:`LARGE_REPEAT` times), counting one more when the pattern is not
  anchored with ``^`` or ``\\A`` (``search`` tries every start position).

With these rules the work of one match grows at most with the square of the length of
the text, and the text is cut to :data:`ai_coc.rules.checks.MAX_MATCH_INPUT` characters first.
Everything a policy realistically asks (a URL scheme, an e-mail shape, a keyword, a
number format) fits.
"""

from __future__ import annotations

import re
from typing import Any

#: Most unbounded repetitions a pattern may have (plus one if it is not anchored).
MAX_UNBOUNDED_REPEATS = 2
#: A bounded repetition allowing more than this many rounds counts as unbounded.
LARGE_REPEAT = 100


def pattern_problem(pattern: str, flags: int = 0) -> str | None:
    """Why ``pattern`` is not allowed, or None if it is safe (it must compile)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    try:
        tree = _parser.parse(pattern, flags)
    except re.error:
        return None  # compiling reports it
    repeats = {c.MAX_REPEAT, c.MIN_REPEAT}
    possessive = getattr(c, "POSSESSIVE_REPEAT", None)
    if possessive is not None:
        repeats.add(possessive)
    unbounded = 0

    def walk(items: Any, inside_repeat: bool) -> str | None:
        nonlocal unbounded
        for op, av in items:
            if op in repeats:
                _low, high, sub = av
                if high > 1 and inside_repeat:
                    return "a repetition inside a repetition (such as `(a+)+`)"
                if high == c.MAXREPEAT or high > LARGE_REPEAT:
                    unbounded += 1
                problem = walk(sub, inside_repeat or high > 1)
            elif op is c.BRANCH:
                if inside_repeat:
                    return "alternatives inside a repetition (such as `(a|ab)*`)"
                problem = None
                for branch in av[1]:
                    problem = problem or walk(branch, inside_repeat)
            elif op in (c.GROUPREF, c.GROUPREF_EXISTS):
                return "a back-reference (such as `\\1`)"
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
        return f"{problem}, which can take extremely long on some texts"
    first = tree[0] if len(tree) else None
    multiline = bool(tree.state.flags & re.MULTILINE)
    anchored = (
        first is not None
        and first[0] is c.AT
        and (first[1] is c.AT_BEGINNING_STRING or (first[1] is c.AT_BEGINNING and not multiline))
    )
    allowed = MAX_UNBOUNDED_REPEATS if anchored else MAX_UNBOUNDED_REPEATS - 1
    if unbounded > allowed:
        return (
            f"{unbounded} open-ended repetitions (`*`, `+`, `{{n,}}`) in a pattern"
            f"{'' if anchored else ' that does not start with ^'}; at most "
            f"{MAX_UNBOUNDED_REPEATS} in a pattern starting with ^, "
            f"{MAX_UNBOUNDED_REPEATS - 1} otherwise, are allowed so that matching stays fast"
        )
    return None
