"""The HTML register in a real browser: Debian's Chromium, headless, driven by playwright-core
(tests/browser/drive.mjs). The DOM holds every repository and every red-line hit, the filter
and the sorting work (also by keyboard), nothing is loaded from elsewhere, and axe-core finds
no serious or critical accessibility problem. The screenshots in the docs come from here
(``pytest --update-golden`` writes them to docs/_static/).

Without Chromium, Node.js or the npm packages (``npm ci`` in tests/browser) these tests are
skipped — unless ``AI_COC_BROWSER_TESTS=required`` (as in CI), then they fail.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from tests.conftest import ROOT, TODAY
from tests.registerdata import example_reports, finding, report, use, write

BROWSER = ROOT / "tests" / "browser"
STATIC = ROOT / "docs" / "_static"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (Debian package chromium)"
    if shutil.which("node") is None:
        return "no Node.js"
    if not (BROWSER / "node_modules" / "playwright-core").is_dir():
        return "npm packages missing: run `npm ci` in tests/browser"
    return None


def browser_available() -> None:
    """Skip (or, in CI, fail) when the browser tools are not installed."""
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("AI_COC_BROWSER_TESTS") == "required":
        pytest.fail(reason)
    pytest.skip(reason)


def drive(
    tmp_path: Path, page: Path, steps: list[dict[str, Any]], **options: Any
) -> dict[str, Any]:
    """Run ``steps`` on ``page`` in Chromium; the results, requests and errors."""
    plan = tmp_path / f"plan-{len(list(tmp_path.glob('plan-*')))}.json"
    plan.write_text(json.dumps({"url": page.as_uri(), "steps": steps, **options}), "utf-8")
    done = subprocess.run(
        ["node", str(BROWSER / "drive.mjs"), str(plan)],
        capture_output=True,
        text=True,
        cwd=BROWSER,
        env={**os.environ, "CHROMIUM": CHROMIUM},
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def register(run_cli: Callable[..., Result], tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    """The register of all examples (HTML) and its JSON."""
    browser_available()
    reports = tmp_path / "reports"
    example_reports(run_cli, reports)
    page, data = tmp_path / "register.html", tmp_path / "register.json"
    result = run_cli(
        "report", str(reports), "--today", TODAY.isoformat(),
        "-o", f"html={page}", "-o", f"json={data}",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return page, json.loads(data.read_text("utf-8"))


def serious(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_every_repository_and_red_line_is_in_the_page(
    register: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    page, data = register
    out = drive(tmp_path, page, [{"do": "collect"}])
    seen = out["results"][0]
    names = [repo["name"] for repo in data["repositories"]]
    assert sorted(seen["repos"]) == sorted(names) and seen["reposTotal"] == len(names)
    hits = [
        (repo["name"], hit["rule"], hit["path"])
        for repo in data["repositories"]
        for hit in repo["red_line_hits"]
    ]
    assert hits
    shown = seen["redHits"]
    assert len(shown) == len(hits)
    for name, rule, path in hits:
        assert any(name in row[0] and rule in row[2] and path == row[4] for row in shown)
    assert seen["count"] == f"{len(names)} of {len(names)} repositories shown"
    # offline, from file://, and nothing but the page itself is requested
    assert out["requests"] == [page.as_uri()]
    assert out["errors"] == []
    assert seen["scripts"] == 0


def test_the_filter_and_the_sorting_work(
    register: tuple[Path, dict[str, Any]], tmp_path: Path, update_golden: bool
) -> None:
    page, data = register
    repos = data["repositories"]
    red = sorted(r["name"] for r in repos if r["red_line_hits"])
    one = repos[-1]["name"]
    errors = sorted(r["name"] for r in repos if r["state"] in ("errors", "red"))
    shots = tmp_path / "shots"
    shots.mkdir()
    out = drive(
        tmp_path,
        page,
        [
            {"do": "screenshot", "path": str(shots / "register-en.png")},
            {"do": "fill", "selector": "#q", "value": one.upper()},
            {"do": "collect"},
            {"do": "fill", "selector": "#q", "value": ""},
            {"do": "select", "selector": "#state", "value": "4"},
            {"do": "collect"},
            {"do": "scroll", "selector": "#matrix-h"},
            {"do": "screenshot", "path": str(shots / "register-filtered.png")},
            {"do": "select", "selector": "#state", "value": "3"},
            {"do": "collect"},
            {"do": "select", "selector": "#state", "value": "0"},
            {"do": "fill", "selector": "#q", "value": "no such repository at all"},
            {"do": "collect"},
        ],
        width=1100,
        height=720,
    )
    by_name, by_red, by_errors, nothing = (out["results"][i] for i in (2, 5, 9, 12))
    assert by_name["repos"] == [one]
    assert by_name["count"] == f"1 of {len(repos)} repositories shown"
    assert sorted(by_red["repos"]) == red
    # the lists below follow the filter: only rows of the shown repositories stay
    assert by_red["linkedRepos"] and set(by_red["linkedRepos"]) <= set(by_red["shownRepoIds"])
    assert set(by_name["linkedRepos"]) <= set(by_name["shownRepoIds"])
    assert sorted(by_errors["repos"]) == errors
    assert nothing["repos"] == [] and nothing["visibleLinked"] == 0
    for name in ("register-en.png", "register-filtered.png"):
        shot = shots / name
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
        if update_golden:
            STATIC.mkdir(exist_ok=True)
            _small_copy(shot, STATIC / name)


def _small_copy(source: Path, target: Path) -> None:
    """Copy a screenshot to the docs, only when the picture changed."""
    if not target.exists() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def test_keyboard_reaches_the_controls_and_sorts(
    register: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    page, data = register
    out = drive(
        tmp_path,
        page,
        [
            {"do": "press", "key": "Tab"},
            {"do": "press", "key": "Tab"},
            {"do": "press", "key": "Tab"},
            {"do": "focus", "selector": "#matrix th[data-key=red] button"},
            {"do": "press", "key": "Enter"},
            {"do": "collect"},
            {"do": "press", "key": "Enter"},
            {"do": "collect"},
            {"do": "focus", "selector": "#matrix th[data-key=name] button"},
            {"do": "press", "key": " "},
            {"do": "collect"},
        ],
    )
    first, second, third = out["results"][:3]
    assert first["tag"] == "A" and "Skip" in first["text"]
    assert second["id"] == "q"  # the search field comes next
    assert third["id"] == "state"
    red_counts = {r["name"]: len(r["red_line_hits"]) for r in data["repositories"]}
    ascending, descending, by_name = (out["results"][i] for i in (5, 7, 10))
    assert [red_counts[n] for n in ascending["order"]] == sorted(red_counts.values())
    assert ascending["sorted"] == [["red", "ascending"]]
    assert [red_counts[n] for n in descending["order"]] == sorted(red_counts.values(), reverse=True)
    assert descending["sorted"] == [["red", "descending"]]
    assert by_name["order"] == sorted(red_counts, key=str.lower)


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_serious_accessibility_violations(
    run_cli: Callable[..., Result], tmp_path: Path, lang: str
) -> None:
    browser_available()
    reports = tmp_path / "reports"
    example_reports(run_cli, reports)
    # also every section that the examples leave empty: waivers, changes
    waivers = [
        {
            "rule": "COC201",
            "use": "u1",
            "reason": "r",
            "approved_by": "Board",
            "expires": "2026-12-01",
        }
    ]
    write(reports, "extra", report("extra", uses=[use("u1")], waivers=waivers))
    previous = tmp_path / "previous.json"
    day = ("--today", TODAY.isoformat(), "--lang", lang)
    assert run_cli("report", str(reports), *day, "-o", f"json={previous}").exit_code == 0
    red = finding("ORG001", "extra/ai-usage.yaml", red_line=True)
    write(reports, "extra", report("extra", uses=[use("u1")], waivers=waivers, findings=[red]))
    pages = {name: tmp_path / f"{name}.html" for name in ("html", "public-html")}
    result = run_cli(
        "report", str(reports), *day, "--previous", str(previous),
        *(x for name, path in pages.items() for x in ("-o", f"{name}={path}")),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    for name, path in pages.items():
        out = drive(tmp_path, path, [{"do": "axe"}])
        violations = out["results"][0]
        assert serious(violations) == [], (name, violations)
        assert out["errors"] == []


def test_a_large_register_filters_in_the_browser(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """200 generated repositories: all in the DOM, the filter finds one, and the red-line
    filter leaves exactly the repositories with red-line hits (timings: see the benchmark)."""
    browser_available()
    from tests.registerdata import generate

    generate(tmp_path / "r", repositories=200, findings=20_000, seed=5)
    page, data = tmp_path / "register.html", tmp_path / "register.json"
    result = run_cli(
        "report", str(tmp_path / "r"), "--today", TODAY.isoformat(),
        "-o", f"html={page}", "-o", f"json={data}",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    repos = json.loads(data.read_text("utf-8"))["repositories"]
    with_red = sorted(r["name"] for r in repos if r["red_line_hits"])
    out = drive(
        tmp_path,
        page,
        [
            {"do": "collect"},
            {"do": "fill", "selector": "#q", "value": "repo-0123"},
            {"do": "collect"},
            {"do": "fill", "selector": "#q", "value": ""},
            {"do": "select", "selector": "#state", "value": "4"},
            {"do": "collect"},
        ],
    )
    everything, one, red = (out["results"][i] for i in (0, 2, 5))
    assert len(everything["repos"]) == 200 and everything["reposTotal"] == 200
    assert len(everything["redHits"]) == sum(len(r["red_line_hits"]) for r in repos)
    assert one["repos"] == ["repo-0123"]
    assert sorted(red["repos"]) == with_red
