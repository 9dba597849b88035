"""``ai-coc report``: the register built from real JSON reports (the examples') and from
hand-made ones (hostile text, dates, old formats, broken input)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import TODAY
from tests.registerdata import example_names, example_reports, finding, report, use, write

Run = Callable[..., Result]


class _Page(HTMLParser):
    """What a register page contains: the tags, external references and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


def build(run_cli: Run, *args: str) -> Result:
    return run_cli("report", *args, "--today", TODAY.isoformat())


@pytest.fixture
def examples(run_cli: Run, tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    example_reports(run_cli, folder)
    return folder


def test_the_register_of_all_examples_lists_every_repository_and_red_line(
    run_cli: Run, examples: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    result = build(
        run_cli,
        str(examples),
        *("-o", f"html={out / 'register.html'}", "-o", f"json={out / 'register.json'}"),
        *("-o", f"csv={out / 'repos.csv'}", "-o", f"uses-csv={out / 'uses.csv'}"),
    )
    assert result.exit_code == 0, result.output
    data = json.loads((out / "register.json").read_text("utf-8"))
    names = {r["name"] for r in data["repositories"]}
    reports = [json.loads(p.read_text("utf-8")) for p in sorted(examples.glob("*.json"))]
    expected = {f["inventory"]["project"]["name"] for r in reports for f in r["files"]}
    assert names == expected and len(names) == len(example_names())
    red = [
        (f["id"], f["location"]["path"]) for r in reports for f in r["findings"] if f["red_line"]
    ]
    assert red, "the examples have a red-line example"
    assert data["totals"]["red_line_hits"] == len(red)

    page = (out / "register.html").read_text("utf-8")
    matrix = page[page.index('id="matrix"') :]
    for name in names:
        assert f'data-name="{name}"' in matrix
    red_section = page[page.index('id="red-h"') : page.index('id="matrix-h"')]
    for rule, path in red:
        assert rule in red_section and path in red_section
    # red lines come before the matrix
    assert page.index('id="red-h"') < page.index('id="matrix-h"')

    rows = list(csv.DictReader(io.StringIO((out / "repos.csv").read_text("utf-8"))))
    assert {row["name"] for row in rows} == names
    uses = list(csv.DictReader(io.StringIO((out / "uses.csv").read_text("utf-8"))))
    total_uses = sum(len(f["inventory"]["uses"]) for r in reports for f in r["files"])
    assert len(uses) == total_uses


def test_the_html_register_is_self_contained(run_cli: Run, examples: Path) -> None:
    result = build(run_cli, str(examples))
    assert result.exit_code == 0
    page = parse(result.stdout)
    for tag, attrs in page.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), (tag, attrs)
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "srcset"):
            assert name not in attrs
    assert "@import" not in result.stdout and "url(" not in result.stdout
    assert "default-src 'none'" in result.stdout
    assert re.search(r"<html lang=\"en\">", result.stdout)


def test_german_register_and_public_page(run_cli: Run, examples: Path) -> None:
    html = build(run_cli, str(examples), "--lang", "de")
    assert '<html lang="de">' in html.stdout
    assert "Überschrittene rote Linien" in html.stdout and "Red lines crossed" not in html.stdout
    public = build(run_cli, str(examples), "--lang", "de", "-f", "public-md")
    assert public.stdout.startswith("# Unser Einsatz von KI")


def test_the_public_page_lists_uses_but_no_findings(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    uses = [
        use("letters", purpose="Briefe entwerfen"),
        use("old", status="retired"),
        use("screening", status="rejected", reasons=["Nicht mit unseren Werten vereinbar"]),
    ]
    found = [finding("COC301", "verein/ai-usage.yaml", message="SECRET-FINDING-TEXT")]
    write(folder, "verein", report("verein", uses=uses, findings=found))
    for fmt in ("public-html", "public-md"):
        result = build(run_cli, str(folder), "-f", fmt)
        assert result.exit_code == 0
        assert "Briefe entwerfen" in result.stdout
        assert "Use old" not in result.stdout and "Use screening" not in result.stdout
        assert "SECRET-FINDING-TEXT" not in result.stdout and "COC301" not in result.stdout
        assert "https://verein.example/ki" in result.stdout
    internal = build(run_cli, str(folder)).stdout
    # the rejected use is a deliberate non-use in the internal register
    section = internal[internal.index('id="nonuse-h"') :]
    assert "Use screening" in section and "Nicht mit unseren Werten vereinbar" in section


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_all_input_text_is_escaped(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    uses = [
        use(
            "u1",
            name=HOSTILE,
            purpose='=HYPERLINK("http://evil.example","click")',
            tool="+cmd|' /C calc'!A0",
            provider="@SUM(1+1)",
            outputs=[{"kind": "text", "public": True, "labelled": True, "label": "-2+3 | [x](y)"}],
        )
    ]
    found = [
        finding("ORG001", "evil/ai-usage.yaml", red_line=True, message=HOSTILE, use_id="u1"),
    ]
    data = report(
        "evil",
        organisation="Org </td></tr><script>1</script>",
        uses=uses,
        findings=found,
        notice="javascript:alert(1)",
        feedback="mailto:ok@example.org",
        repository='https://git.example/evil"onmouseover="alert(1)',
    )
    write(folder, "evil", data)
    html = build(run_cli, str(folder)).stdout
    public = build(run_cli, str(folder), "-f", "public-html").stdout
    for page in (html, public):
        assert "<script>alert" not in page and "<img" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        parsed = parse(page)
        scripts = [a for t, a in parsed.tags if t == "script"]
        assert len(scripts) <= 1  # only the register's own script
        hrefs = [a.get("href") or "" for t, a in parsed.tags if t == "a"]
        assert not any(h.lower().startswith("javascript:") for h in hrefs)
        assert all(not any(k.startswith("on") for k in a) for _, a in parsed.tags)
        assert not any("onmouseover" in h for h in hrefs)  # a quote makes it no link
    assert 'href="mailto:ok@example.org"' in public
    md = build(run_cli, str(folder), "-f", "public-md").stdout
    assert "<script>" not in md and "\\<script\\>" in md
    assert "](javascript" not in md
    assert "\\| \\[x\\](y)" in md  # a pipe cannot break the table, brackets no link
    rows = list(csv.reader(io.StringIO(build(run_cli, str(folder), "-f", "uses-csv").stdout)))
    header, row = rows[0], rows[1]
    cells = dict(zip(header, row, strict=True))
    assert cells["purpose"].startswith("'=HYPERLINK")
    assert cells["tool"].startswith("'+cmd")
    assert cells["provider"].startswith("'@SUM")
    assert cells["labels"] == "text: -2+3 | [x](y)"  # starts with "text", safe as it is
    repos = list(csv.reader(io.StringIO(build(run_cli, str(folder), "-f", "csv").stdout)))
    assert all(not cell.startswith(("=", "+", "-", "@")) for cell in repos[1])


def test_dates_overdue_reviews_and_waivers_running_out(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    waivers = [
        {"rule": "COC201", "use": "u1", "reason": "r", "approved_by": "Board", "expires": d}
        for d in ("2026-11-01", "2026-12-10", "2027-01-30", "2027-06-01")
    ]
    write(folder, "late", report("late", next_review_due="2026-10-22", waivers=waivers))
    write(folder, "fine", report("fine", next_review_due="2027-10-22"))
    result = build(run_cli, str(folder), "-f", "json")
    data = json.loads(result.stdout)
    assert data["totals"]["overdue_reviews"] == 1
    html = build(run_cli, str(folder)).stdout
    overdue = html[html.index('id="overdue-h"') : html.index('id="waivers-h"')]
    assert "2026-10-22" in overdue and "30 day(s) overdue" in overdue and "fine" not in overdue
    within30 = html[html.index('id="waivers-30-h"') : html.index('id="waivers-90-h"')]
    within90 = html[html.index('id="waivers-90-h"') : html.index('id="unknown-h"')]
    assert "2026-11-01" in within30 and "expired" in within30  # already expired: listed first
    assert "2026-12-10" in within30 and "2027-01-30" not in within30
    assert "2027-01-30" in within90 and "2026-12-10" not in within90
    assert "2027-06-01" not in within30 + within90


def test_unknown_labour_or_provenance_and_non_uses(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    uses = [
        use("known"),
        use("hidden", labour={"status": "not_disclosed", "performed_by": "unknown"}),
        use("silent", provenance={"status": None}),
        use("gone", status="retired", labour={"status": "unknown", "performed_by": None}),
    ]
    non_uses = [
        {
            "id": "no-faces",
            "area": "Fotos von Teilnehmenden",
            "considered": "Gesichtserkennung",
            "reasons": ["Einwilligung nicht tragfähig"],
            "decided_on": "2026-03-01",
            "decided_by": "Vorstand",
            "revisit_on": "2027-03-01",
        }
    ]
    write(folder, "a", report("a", uses=uses, non_uses=non_uses))
    write(folder, "b", report("b", uses=[], ai_used=False))
    html = build(run_cli, str(folder)).stdout
    unknown = html[html.index('id="unknown-h"') : html.index('id="nonuse-h"')]
    assert "Use hidden" in unknown and "Use silent" in unknown
    assert "Use known" not in unknown and "Use gone" not in unknown
    non = html[html.index('id="nonuse-h"') :]
    assert "Gesichtserkennung" in non and "Einwilligung nicht tragfähig" in non
    assert "ai_used: false" in non


def test_changes_since_a_previous_register(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    write(folder, "stays", report("stays", uses=[use("u1")]))
    write(folder, "goes", report("goes"))
    previous = tmp_path / "previous.json"
    assert build(run_cli, str(folder), "-o", f"json={previous}").exit_code == 0
    (folder / "goes.json").unlink()
    red = finding("ORG001", "stays/ai-usage.yaml", red_line=True, path="uses[u2].categories")
    write(folder, "stays", report("stays", uses=[use("u2")], findings=[red]))
    write(folder, "new", report("new"))
    result = build(run_cli, str(folder), "--previous", str(previous), "-f", "json")
    assert result.exit_code == 0, result.output
    changes = {
        (c["repository"], c["kind"], c["detail"]) for c in json.loads(result.stdout)["changes"]
    }
    assert changes == {
        ("https://git.example/new", "repo-added", "new"),
        ("https://git.example/goes", "repo-removed", "goes"),
        ("https://git.example/stays", "red-added", "ORG001 uses[u2].categories"),
        ("https://git.example/stays", "use-added", "u2"),
        ("https://git.example/stays", "use-removed", "u1"),
        ("https://git.example/stays", "errors-changed", "0 → 1"),
    }
    html = build(run_cli, str(folder), "--previous", str(previous)).stdout
    assert "Changes since the previous register" in html and "red line newly crossed" in html
    no_previous = build(run_cli, str(folder)).stdout
    assert 'id="changes-h"' not in no_previous


def test_reports_from_before_the_inventory_still_work(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    data = report("old", findings=[finding("COC301", "old/ai-usage.yaml")])
    for key in ("format_minor", "principles", "baselined"):
        del data[key]
    del data["files"][0]["inventory"]
    data["waived"] = [
        {
            **finding("COC202", "old/ai-usage.yaml", severity="warning"),
            "waiver": {"reason": "r", "approved_by": "Board", "expires": "2026-12-01"},
        }
    ]
    write(folder, "old", data)
    result = build(run_cli, str(folder), "-f", "json")
    assert result.exit_code == 0, result.output
    repo = json.loads(result.stdout)["repositories"][0]
    assert repo["errors"] == 1 and repo["cells"]["transparency"]["state"] == "errors"
    assert repo["waivers"][0]["expires"] == "2026-12-01"


def test_baselined_findings_are_counted_apart(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    accepted = [finding("COC301", "b/ai-usage.yaml"), finding("COC302", "b/ai-usage.yaml")]
    new = [finding("COC303", "b/ai-usage.yaml", principle="weighing", severity="warning")]
    write(folder, "b", report("b", findings=new, baselined=accepted))
    data = json.loads(build(run_cli, str(folder), "-f", "json").stdout)
    repo = data["repositories"][0]
    assert repo["baselined"] == 2 and repo["errors"] == 0 and repo["warnings"] == 1
    assert repo["cells"]["transparency"] == {
        "state": "ok",
        "errors": 0,
        "warnings": 0,
        "infos": 0,
        "red_lines": 0,
        "baselined": 2,
        "rules": [],
    }
    html = build(run_cli, str(folder)).stdout
    assert "2 accepted" in html


def test_inputs_as_files_folders_and_globs(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    write(folder / "one", "a", report("a"))
    write(folder / "two", "b", report("b"))
    (folder / "two" / "other.json").write_text('{"not": "a report"}', "utf-8")
    by_folder = build(run_cli, str(folder), "-f", "json")
    assert by_folder.exit_code == 0
    assert "1 JSON file(s) that are not ai-coc reports were skipped" in by_folder.stderr
    by_glob = build(run_cli, str(folder / "**" / "[ab].json"), "-f", "json")
    by_files = build(
        run_cli, str(folder / "one" / "a.json"), str(folder / "two" / "b.json"), "-f", "json"
    )
    for result in (by_folder, by_glob, by_files):
        assert json.loads(result.stdout)["totals"]["repositories"] == 2, result.output
    twice = build(run_cli, str(folder), str(folder / "one" / "a.json"), "-f", "json")
    assert json.loads(twice.stdout)["reports"] == 2  # the same file counts once


def test_the_same_repository_twice_keeps_the_newest_report(run_cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "r"
    write(
        folder,
        "x-old",
        report("x", today="2026-10-01", findings=[finding("C1", "x/ai-usage.yaml")]),
    )
    write(folder, "x-new", report("x", today="2026-11-20"))
    result = build(run_cli, str(folder), "-f", "json")
    data = json.loads(result.stdout)
    assert data["totals"]["repositories"] == 1
    assert data["repositories"][0]["today"] == "2026-11-20"
    assert "appears in more than one report" in result.stderr


@pytest.mark.parametrize(
    ("content", "direct", "expected"),
    [
        ('{"format_version": 1,\n "tool": ', True, r"bad\.json:2:10: .*not valid JSON"),
        ('{"some": "json"}', True, r"bad\.json: cannot use this report: it is not a JSON report"),
        (
            '{"format_version": 2, "tool": {"name": "ai-coc"}, "findings": []}',
            False,
            r"format_version 2 is not supported",
        ),
        (
            '{"format_version": 1, "tool": {"name": "ai-coc"}, "findings": [], "files": []}',
            True,
            r"lists no checked manifest",
        ),
        (b"\xff\xfe{}", True, r"not UTF-8"),
    ],
)
def test_bad_reports_stop_with_a_located_message(
    run_cli: Run, tmp_path: Path, content: str | bytes, direct: bool, expected: str
) -> None:
    path = tmp_path / "in" / "bad.json"
    path.parent.mkdir()
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, "utf-8")
    result = build(run_cli, str(path if direct else path.parent))
    assert result.exit_code == 2, result.output
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["missing-folder"], "file not found"),
        (["nothing-*.json"], "no file matches this pattern"),
        (["EMPTY"], "no ai-coc JSON report found"),
        (["GOOD", "-o", "pdf=x.pdf"], "--output expects FORMAT=FILE"),
        (["GOOD", "--previous", "GOOD/g.json"], "not a register written by"),
    ],
)
def test_bad_arguments_exit_2(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], expected: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "EMPTY").mkdir()
    write(tmp_path / "GOOD", "g", report("g"))
    result = build(run_cli, *args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr


def test_a_generated_organisation_every_repository_and_red_line(
    run_cli: Run, tmp_path: Path
) -> None:
    from tests.registerdata import generate

    made = generate(tmp_path / "r", repositories=60, findings=6_000, seed=3)
    assert made["red_lines"] > 0
    out = tmp_path / "register.json"
    page = tmp_path / "register.html"
    result = build(run_cli, str(tmp_path / "r"), "-o", f"json={out}", "-o", f"html={page}")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    totals = data["totals"]
    assert totals["repositories"] == 60
    assert totals["errors"] + totals["warnings"] + totals["infos"] == 6_000
    assert totals["red_line_hits"] == made["red_lines"]
    html = page.read_text("utf-8")
    for number in range(60):
        assert f'data-name="repo-{number:04d}"' in html
    red = html[html.index('id="red-h"') : html.index('id="matrix-h"')]
    assert red.count('<tr role="row" data-repo=') == made["red_lines"]


@given(st.text())
def test_escaping_holds_for_any_text(text: str) -> None:
    from ai_coc.report.register.escape import csv_cell, h, md, safe_url

    assert not set(h(text)) & set("<>\"'")
    escaped = md(text)
    assert "\n" not in escaped
    # every Markdown/HTML syntax character is preceded by a backslash
    for at, char in enumerate(escaped):
        if char in "|<>[]`*_":
            assert escaped[at - 1] == "\\", (text, escaped)
    cell = csv_cell(text)
    assert isinstance(cell, str) and not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    url = safe_url(text)
    assert url is None or url.lower().startswith(("https://", "http://", "mailto:"))
