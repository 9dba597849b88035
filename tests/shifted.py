"""Example projects with their dates moved to the real today.

Tools that cannot be given ``--today`` (a pre-commit hook, a CI template) check against the
real date. Shifting every date of an example by (real today - TODAY) keeps each date's
relation to "today" exactly as in the golden runs, so these tests do not age.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, TODAY

_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def shift_dates(text: str, days: int) -> str:
    def one(match: re.Match[str]) -> str:
        try:
            date = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            return match.group(0)
        return (date + dt.timedelta(days=days)).isoformat()

    return _DATE.sub(one, text)


def copy_example(name: str, dest: Path) -> Path:
    """Copy ``examples/<name>`` to ``dest`` with every manifest date shifted to today."""
    shutil.copytree(EXAMPLES / name, dest, dirs_exist_ok=True)
    days = (dt.date.today() - TODAY).days
    for manifest in dest.glob("ai-usage.y*ml"):
        manifest.write_text(shift_dates(manifest.read_text("utf-8"), days), encoding="utf-8")
    return dest
