"""JSON reports for the register's tests: the real reports of the examples, and generated ones
(for hostile text and for scale; shared with ``benchmarks/register.py``)."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result

from tests.conftest import EXAMPLES, TODAY

PRINCIPLES = [
    ("weighing", "Weighing the use", "Abwägung der Nutzung"),
    ("human-centredness", "Human-centredness", "Menschenzentrierung"),
    ("transparency", "Transparency", "Transparenz"),
    ("participation", "Participation", "Beteiligung"),
    ("discrimination-critical", "Critical of discrimination", "Diskriminierungskritik"),
    ("accountability", "Responsibility and accountability", "Verantwortung"),
    ("competences", "Competences", "Kompetenzen"),
    ("ecological-sustainability", "Ecological sustainability", "Ökologische Nachhaltigkeit"),
]


def example_names() -> list[str]:
    return sorted(p.parent.name for p in EXAMPLES.glob("*/ai-usage.yaml"))


def example_reports(run_cli: Callable[..., Result], folder: Path) -> list[Path]:
    """``ai-coc check --format json`` of every example, one file each (as CI would write)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in example_names():
        target = folder / f"{name}.json"
        result = run_cli(
            "check", str(EXAMPLES / name), "--today", TODAY.isoformat(), "-o", f"json={target}"
        )
        assert result.exit_code in (0, 1), result.output
        written.append(target)
    return written


def use(ident: str, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": ident,
        "name": f"Use {ident}",
        "status": "active",
        "purpose": "Drafting letters",
        "tool": "Tool",
        "provider": "Provider",
        "model": None,
        "categories": ["text-drafting"],
        "audience": "public",
        "outputs": [{"kind": "text", "public": True, "labelled": True, "label": "AI-made"}],
        "labour": {"status": "known", "performed_by": "vendor"},
        "provenance": {"status": "known"},
        "decided_on": None,
        "last_evaluated": None,
        "reasons": [],
    }
    data.update(extra)
    return data


def finding(
    rule: str,
    file: str,
    *,
    principle: str | None = "transparency",
    severity: str = "error",
    red_line: bool = False,
    use_id: str | None = "u1",
    path: str | None = None,
    message: str = "Something is missing",
    line: int = 3,
) -> dict[str, Any]:
    return {
        "id": rule,
        "name": f"rule-{rule.lower()}",
        "principle": principle,
        "severity": severity,
        "message": message,
        "fix": "Add it.",
        "location": {
            "file": file,
            "line": line,
            "column": 1,
            "path": path or f"uses[{use_id}].thing",
        },
        "use": use_id,
        "help_url": "https://example.org/rules",
        "pack": "coc",
        "red_line": red_line,
    }


def report(
    name: str,
    *,
    organisation: str = "Verein e.V.",
    uses: list[dict[str, Any]] | None = None,
    findings: list[dict[str, Any]] | None = None,
    waivers: list[dict[str, Any]] | None = None,
    non_uses: list[dict[str, Any]] | None = None,
    next_review_due: str | None = "2027-06-01",
    notice: str | None = "https://verein.example/ki",
    feedback: str | None = "mailto:ki@verein.example",
    repository: str | None = None,
    today: str = TODAY.isoformat(),
    ai_used: bool = True,
    baselined: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A JSON report (format 1.1) of one manifest, as ``ai-coc check --format json`` writes it."""
    file = f"{name}/ai-usage.yaml"
    found = findings or []
    return {
        "format_version": 1,
        "format_minor": 1,
        "tool": {"name": "ai-coc", "version": "0.1.0"},
        "policies": [{"name": "coc", "version": "1", "sha256": "0" * 64}],
        "principles": [
            {"slug": s, "number": n, "name": {"en": en, "de": de}}
            for n, (s, en, de) in enumerate(PRINCIPLES, start=1)
        ],
        "today": today,
        "lang": "en",
        "fail_on": "error",
        "files": [
            {
                "path": file,
                "uses": len(uses or []),
                "errors": sum(1 for f in found if f["severity"] == "error"),
                "warnings": sum(1 for f in found if f["severity"] == "warning"),
                "infos": sum(1 for f in found if f["severity"] == "info"),
                "waived": 0,
                "baselined": len(baselined or []),
                "inventory": {
                    "project": {
                        "name": name,
                        "organisation": organisation,
                        "repository": repository
                        if repository is not None
                        else f"https://git.example/{name}",
                    },
                    "ai_used": ai_used,
                    "review": {"last_reviewed": "2026-01-01", "next_review_due": next_review_due},
                    "notice": notice,
                    "feedback": feedback,
                    "uses": uses if uses is not None else [use("u1")],
                    "non_uses": non_uses or [],
                    "waivers": waivers or [],
                },
            }
        ],
        "findings": found,
        "waived": [],
        "baselined": baselined or [],
        "summary": {"files": 1, "exit_code": 1 if found else 0},
    }


def write(folder: Path, name: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def generate(folder: Path, repositories: int, findings: int, *, seed: int = 18) -> dict[str, int]:
    """``repositories`` reports with ``findings`` findings in all, about 1 in 200 a red line.

    Returns what was generated (for the tests to compare with)."""
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    per = findings // repositories
    rest = findings - per * repositories
    red_total = 0
    slugs = [p[0] for p in PRINCIPLES]
    for number in range(repositories):
        name = f"repo-{number:04d}"
        file = f"{name}/ai-usage.yaml"
        count = per + (1 if number < rest else 0)
        uses = [use(f"u{k}") for k in range(1 + number % 4)]
        items = []
        for k in range(count):
            red = rng.random() < 0.005
            red_total += red
            items.append(
                finding(
                    f"COC{rng.randint(100, 899)}",
                    file,
                    principle=rng.choice(slugs),
                    severity=rng.choice(("error", "warning", "info")),
                    red_line=red,
                    use_id=uses[k % len(uses)]["id"],
                    path=f"uses[{uses[k % len(uses)]['id']}].field{k}",
                    message=f"Finding {k} of {name}: the manifest does not say enough yet",
                    line=k + 1,
                )
            )
        due = (TODAY + dt.timedelta(days=rng.randint(-60, 300))).isoformat()
        data = report(
            name, organisation=f"Org {number % 37}", uses=uses, findings=items, next_review_due=due
        )
        write(folder, name, data)
    return {"repositories": repositories, "findings": findings, "red_lines": red_total}
