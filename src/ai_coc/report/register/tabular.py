"""The register as CSV (one row per repository, or one per use) and as JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ai_coc import __version__
from ai_coc.report.register.changes import REGISTER_FORMAT
from ai_coc.report.register.escape import csv_cell
from ai_coc.report.register.model import Register


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def repositories_csv(register: Register) -> str:
    """One row per repository: the matrix, the totals and the review date."""
    slugs = [p.slug for p in register.principles]
    header = [
        "repository",
        "name",
        "organisation",
        "url",
        "state",
        *slugs,
        "red_line_hits",
        "errors",
        "warnings",
        "infos",
        "baselined",
        "waived",
        "uses",
        "next_review_due",
        "review_overdue_days",
        "report",
    ]
    rows = []
    for repo in register.repositories:
        cells = [repo.cells[s].state if s in repo.cells else "ok" for s in slugs]
        rows.append(
            [
                repo.key,
                repo.name,
                repo.organisation,
                repo.url,
                repo.state,
                *cells,
                len(repo.red_hits),
                repo.errors,
                repo.warnings,
                repo.infos,
                repo.baselined,
                repo.waived,
                len(repo.uses),
                repo.next_review_due,
                repo.review_overdue(register.today) or 0,
                repo.source,
            ]
        )
    return _csv(header, rows)


def _marked(output: dict[str, Any]) -> str:
    return "labelled" if output.get("labelled") else "not labelled"


def uses_csv(register: Register) -> str:
    """One row per AI use: what the board's spreadsheet lists."""
    header = [
        "repository",
        "organisation",
        "use",
        "name",
        "status",
        "purpose",
        "tool",
        "provider",
        "audience",
        "labels",
        "labour",
        "provenance",
        "notice",
    ]
    rows = []
    for repo in register.repositories:
        for use in repo.uses:
            labels = "; ".join(
                f"{o.get('kind')}: {o.get('label') or _marked(o)}" for o in use.get("outputs") or []
            )
            rows.append(
                [
                    repo.name,
                    repo.organisation,
                    use.get("id"),
                    use.get("name"),
                    use.get("status"),
                    use.get("purpose"),
                    use.get("tool"),
                    use.get("provider"),
                    use.get("audience"),
                    labels,
                    (use.get("labour") or {}).get("status"),
                    (use.get("provenance") or {}).get("status"),
                    repo.notice,
                ]
            )
    return _csv(header, rows)


def as_dict(register: Register) -> dict[str, Any]:
    data: dict[str, Any] = {
        "register_format": REGISTER_FORMAT,
        "tool": {"name": "ai-coc", "version": __version__},
        "today": register.today.isoformat(),
        "reports": register.sources,
        "principles": [
            {"slug": p.slug, "number": p.number, "name": p.name} for p in register.principles
        ],
        "totals": register.totals(),
        "repositories": [repo.as_dict() for repo in register.repositories],
    }
    if register.changes is not None:
        data["previous"] = register.previous_date
        data["changes"] = [c.as_dict() for c in register.changes]
    return data


def render_json(register: Register) -> str:
    return json.dumps(as_dict(register), ensure_ascii=False, indent=2) + "\n"
