"""What changed since a previous register (``ai-coc report --previous FILE``).

The previous register is the JSON that ``ai-coc report -o json=FILE`` wrote last time. Changes
are told per repository: added or gone, red-line hits new or gone, uses added or gone, and the
number of errors and warnings when it moved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ai_coc.errors import InputError
from ai_coc.i18n import t
from ai_coc.report.register.load import read_json
from ai_coc.report.register.model import Change, Register

#: The version of the register's own JSON (``-o json=FILE``).
REGISTER_FORMAT = 1


def load_previous(path: Path) -> dict[str, Any]:
    data = read_json(path)
    if not isinstance(data, dict) or data.get("register_format") != REGISTER_FORMAT:
        raise InputError(
            t(
                "this is not a register written by `ai-coc report -o json=FILE` "
                "(register_format {version})",
                version=REGISTER_FORMAT,
            ),
            file=str(path),
            hint=t(
                "keep the JSON of each register (-o json=FILE) and pass the last one to --previous"
            ),
        )
    return data


def _hit_keys(repo: dict[str, Any]) -> set[tuple[str, str, str]]:
    keys = set()
    for hit in repo.get("red_line_hits") or []:
        if isinstance(hit, dict):
            keys.add((str(hit.get("rule")), str(hit.get("path")), str(hit.get("use") or "")))
    return keys


def _use_ids(uses: Any) -> set[str]:
    return {str(u.get("id")) for u in uses or [] if isinstance(u, dict) and u.get("id")}


def diff(register: Register, previous: dict[str, Any]) -> list[Change]:
    """The changes from ``previous`` (a register's JSON) to ``register``."""
    before: dict[str, dict[str, Any]] = {}
    for item in previous.get("repositories") or []:
        if isinstance(item, dict) and isinstance(item.get("key"), str):
            before[item["key"]] = item
    changes: list[Change] = []
    now = {repo.key for repo in register.repositories}
    for repo in register.repositories:
        old = before.get(repo.key)
        if old is None:
            changes.append(Change(repo.key, "repo-added", repo.name))
            continue
        hits_now = {hit.key: hit for hit in repo.red_hits}
        hits_then = _hit_keys(old)
        for key in sorted(hits_now.keys() - hits_then):
            changes.append(Change(repo.key, "red-added", f"{key[0]} {key[1]}"))
        for key in sorted(hits_then - hits_now.keys()):
            changes.append(Change(repo.key, "red-removed", f"{key[0]} {key[1]}"))
        uses_now, uses_then = _use_ids(repo.uses), _use_ids(old.get("uses"))
        for use in sorted(uses_now - uses_then):
            changes.append(Change(repo.key, "use-added", use))
        for use in sorted(uses_then - uses_now):
            changes.append(Change(repo.key, "use-removed", use))
        for field, value in (("errors", repo.errors), ("warnings", repo.warnings)):
            then = old.get(field)
            if isinstance(then, int) and then != value:
                changes.append(Change(repo.key, f"{field}-changed", f"{then} → {value}"))
    for gone in sorted(before.keys() - now):
        name = before[gone].get("name")
        changes.append(Change(gone, "repo-removed", str(name) if name else gone))
    return changes
