"""``ai-coc notice``: the public AI notice from the manifest, and its staleness check."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ai_coc.author.notice import read_marker, render_notice
from ai_coc.read.yaml import load_document
from tests.conftest import EXAMPLES

RunCli = Callable[..., Result]
ALL_EXAMPLES = sorted(p.parent.name for p in EXAMPLES.glob("*/ai-usage.yaml"))
VOID = {"meta", "br", "hr", "img", "link", "input", "source", "wbr", "area", "base", "col"}


class StrictParser(HTMLParser):
    """Collects what a self-contained, well-formed page must (not) contain."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"unbalanced </{tag}> (open: {self.stack})")
            return
        self.stack.pop()
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def check_html(page: str, lang: str) -> StrictParser:
    parser = StrictParser()
    parser.feed(page)
    parser.close()
    assert page.startswith("<!DOCTYPE html>\n")
    assert not parser.problems, parser.problems
    assert parser.stack == [], parser.stack
    names = [t for t, _ in parser.tags]
    assert names.count("html") == names.count("head") == names.count("body") == 1
    html_attrs = dict(parser.tags[names.index("html")][1])
    assert html_attrs.get("lang") == lang
    assert any(t == "meta" and a.get("charset") == "utf-8" for t, a in parser.tags)
    assert not {"script", "link", "img", "iframe", "object", "embed"} & set(names)
    for tag, attrs in parser.tags:
        assert "src" not in attrs, tag
        assert "style" not in attrs or tag == "style"
        if "href" in attrs:
            assert tag == "a"
            href = attrs["href"] or ""
            assert href.startswith(("mailto:", "https://", "http://")), href
    assert "url(" not in parser.style and "@import" not in parser.style
    return parser


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("example", ALL_EXAMPLES)
def test_every_example_renders_in_both_languages_and_formats(
    run_cli: RunCli, example: str, lang: str
) -> None:
    manifest = str(EXAMPLES / example / "ai-usage.yaml")
    md = run_cli("notice", manifest, "--lang", lang)
    assert md.exit_code == 0, md.output
    assert md.output.startswith(f"<!-- ai-coc notice: lang={lang} format=md -->\n")
    assert read_marker(md.output) == (lang, "md")
    page = run_cli("notice", manifest, "--lang", lang, "--format", "html")
    assert page.exit_code == 0, page.output
    check_html(page.output, lang)
    assert read_marker(page.output) == (lang, "html")
    # deterministic: a second run gives the same text
    assert run_cli("notice", manifest, "--lang", lang).output == md.output
    data = load_document(Path(manifest)).data
    organisation = data["project"]["organisation"]
    assert organisation in md.output
    for use in data.get("uses") or []:
        if use.get("status") in ("active", "pilot"):
            assert use["name"] in md.output
        if use.get("status") == "proposed":
            assert use["name"] not in md.output


def test_newsletter_notice_says_what_why_tool_label_feedback_and_review(
    run_cli: RunCli,
) -> None:
    result = run_cli(
        "notice", str(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml"), "--lang", "de"
    )
    text = result.output
    assert "## Wo wir KI einsetzen" in text
    assert "### Übersetzung des Newsletters in vier Sprachen" in text
    assert "**Wofür:** Neu Zugezogene sollen Termine" in text
    assert "**Werkzeug:** DeepL Pro (Anbieter: DeepL SE)" in text
    assert "Übersetzungen (veröffentlicht): gekennzeichnet mit „Maschinell übersetzt" in text
    assert "(<mailto:uebersetzung@neue-nachbarschaft.example>)" in text
    assert "**Verantwortlich:** Leitung Öffentlichkeitsarbeit" in text
    assert (
        "zuletzt am 10. September 2026 (von: Leitung Öffentlichkeitsarbeit, Vorstand) überprüft"
        in text
    )


def test_no_ai_notice_lists_the_decisions(run_cli: RunCli) -> None:
    result = run_cli("notice", str(EXAMPLES / "kein-ki-einsatz" / "ai-usage.yaml"), "--lang", "en")
    text = result.output
    assert "This project does not use AI. That is a deliberate decision." in text
    assert "## Where we deliberately do not use AI" in text
    assert "### Schreiben von Förderanträgen und Sachberichten" in text
    assert "**Decided:** 14 May 2026 by Teamversammlung" in text


def test_rejected_use_is_shown_as_a_non_use(run_cli: RunCli) -> None:
    example = EXAMPLES / "ueberfaellige-pruefung" / "ai-usage.yaml"
    rejected = [u for u in load_document(example).data["uses"] if u["status"] == "rejected"]
    text = run_cli("notice", str(example), "--lang", "en").output
    assert rejected
    for use in rejected:
        tried = use.get("phase") in ("deployment", "evaluation") or bool(use.get("evaluation"))
        word = "tried and rejected" if tried else "considered and rejected"
        assert f"### {use['name']} ({word})" in text


def _rejected(**extra: Any) -> dict[str, Any]:
    use = {"id": "r", "name": "Chatbot", "status": "rejected", **extra}
    return {"manifest": "ai-coc/v1", "project": {"name": "p", "organisation": "o"}, "uses": [use]}


def test_a_rejected_use_is_called_tried_only_if_the_manifest_says_so() -> None:
    assert "### Chatbot (considered and rejected)" in render_notice(_rejected(), "en")
    assert "### Chatbot (erwogen und abgelehnt)" in render_notice(_rejected(), "de")
    assert "erprobt und" not in render_notice(_rejected(phase="selection"), "de")
    tried = _rejected(phase="deployment")
    assert "### Chatbot (tried and rejected)" in render_notice(tried, "en")
    assert "### Chatbot (erprobt und abgelehnt)" in render_notice(tried, "de")
    evaluated = _rejected(evaluation={"goal": "Weniger Wartezeit am Telefon"})
    assert "(tried and rejected)" in render_notice(evaluated, "en")


def _running(**sections: Any) -> dict[str, Any]:
    use = {"id": "u", "name": "Entwürfe", "status": "active", **sections}
    return {"manifest": "ai-coc/v1", "project": {"name": "p", "organisation": "o"}, "uses": [use]}


def test_the_notice_says_what_is_known_and_unknown_about_labour_data_and_environment() -> None:
    silent = render_notice(_running(), "en")
    assert "**Human work behind the model:** We have not said anything about this yet." in silent
    assert "**Where the training data comes from:** We have not said anything" in silent
    assert "**Environmental cost:** We have not estimated it yet." in silent
    german = render_notice(_running(), "de")
    assert "**Menschliche Arbeit hinter dem Modell:** Dazu haben wir noch nichts gesagt." in german
    assert "**Kosten für die Umwelt:** Das haben wir noch nicht geschätzt." in german
    full = _running(
        labour={
            "status": "unknown",
            "performed_by": "crowdworkers",
            "tasks": ["labelling", "rating answers"],
            "fair_pay": "unknown",
            "requested_on": dt.date(2026, 9, 2),
            "justification": "The provider has not answered yet.",
        },
        provenance={
            "status": "partial",
            "sources": [{"type": "crawled", "description": "web pages"}],
            "creative_works": "yes",
            "creators_compensated": "no",
            "source": "https://provider.example/card",
        },
        environment={
            "intensity": "high",
            "estimate": {"energy_kwh": 120, "period": "month", "method": "provider"},
            "justification": "Only for the yearly campaign.",
        },
    )
    en = render_notice(full, "en")
    assert (
        "**Human work behind the model:** We do not know. Work done: labelling, rating answers. "
        "Who does the work: click workers on online platforms. We do not know whether the "
        "workers are paid fairly. We asked the provider on 2 September 2026. Why we use it all "
        "the same: The provider has not answered yet."
    ) in en
    assert (
        "**Where the training data comes from:** Known only in part. Data used: texts or images "
        "collected from the internet (web pages). The data includes creative works such as "
        "texts, pictures or music. Their creators were not paid. Source: "
        "[https://provider.example/card]"
    ) in en
    assert (
        "**Environmental cost:** High, by our rough estimate. About 120 kWh per month (figure "
        "from the provider). Why the cost is acceptable to us: Only for the yearly campaign."
    ) in en
    de = render_notice(full, "de")
    assert "Wir wissen es nicht. Geleistete Arbeit: labelling, rating answers." in de
    assert "Wer die Arbeit macht: Klickarbeiter\\*innen auf Online-Plattformen." in de
    assert "Wir haben den Anbieter am 2. September 2026 gefragt." in de
    assert "Ihre Urheber\\*innen wurden nicht bezahlt." in de
    assert (
        "Hoch, nach unserer groben Schätzung. Etwa 120 kWh, Zeitraum: month (Angabe des Anbieters)."
        in de
    )
    known = _running(labour={"status": "known", "performed_by": "employees", "fair_pay": "yes"})
    shown = render_notice(known, "en")
    assert (
        "**Human work behind the model:** Known. Who does the work: employees of the provider."
        in shown
    )
    assert "Why we use it all the same" not in shown


HOSTILE: dict[str, Any] = {
    "manifest": "ai-coc/v1",
    "project": {"name": "x", "organisation": "<b>Evil</b> & *Co*"},
    "contacts": {"feedback": "javascript:alert(1)"},
    "uses": [
        {
            "id": "u",
            "name": "<script>alert(1)</script>",
            "status": "active",
            "purpose": "[click](http://evil.example) <img src=x onerror=alert(1)>",
            "outputs": [{"kind": "text", "public": True, "labelled": True, "label": '"><i>'}],
        }
    ],
}


def test_user_text_is_escaped_in_html_and_markdown() -> None:
    page = render_notice(HOSTILE, "en", "html")
    parser = check_html(page, "en")
    names = [t for t, _ in parser.tags]
    assert "b" not in names and "i" not in names
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "javascript:" not in "".join(str(a.get("href")) for _, a in parser.tags)
    md = render_notice(HOSTILE, "en", "md")
    assert "\\<script\\>" in md
    assert "\\[click\\](http://evil.example)" in md
    assert "\\*Co\\*" in md
    assert "](<javascript" not in md


def test_output_file_is_written_and_stdout_stays_empty(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "notice.html"
    manifest = str(EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml")
    result = run_cli("notice", manifest, "--lang", "de", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = target.read_text(encoding="utf-8")
    assert read_marker(text) == ("de", "html")  # format from the file extension
    check_html(text, "de")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the newsletter example with its own notice file."""
    folder = tmp_path / "project"
    shutil.copytree(EXAMPLES / "newsletter-uebersetzung", folder)
    return folder


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_check_detects_a_stale_notice(run_cli: RunCli, project: Path, suffix: str) -> None:
    manifest = project / "ai-usage.yaml"
    notice = project / "docs" / f"ki-hinweis.{suffix}"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("docs/ki-hinweis.md", f"docs/ki-hinweis.{suffix}"), "utf-8")
    made = run_cli("notice", str(manifest), "--lang", "de", "--output", str(notice))
    assert made.exit_code == 0, made.output
    fresh = run_cli("notice", str(manifest), "--check", "--lang", "en")
    assert fresh.exit_code == 0, fresh.output
    assert "is up to date" in fresh.output
    # the manifest changes: the label of the translation
    changed = manifest.read_text(encoding="utf-8").replace(
        "Maschinell übersetzt – ehrenamtlich gegengelesen", "Maschinell übersetzt"
    )
    manifest.write_text(changed, encoding="utf-8")
    stale = run_cli("notice", str(manifest), "--check", "--lang", "en")
    assert stale.exit_code == 1
    assert "no longer matches" in stale.output
    assert "--lang de" in stale.output and f"--format {suffix}" in stale.output
    again = run_cli("notice", str(manifest), "--lang", "de", "--output", str(notice))
    assert again.exit_code == 0
    assert run_cli("notice", str(manifest), "--check").exit_code == 0


def test_check_on_a_handwritten_notice_is_stale(run_cli: RunCli, project: Path) -> None:
    (project / "docs" / "ki-hinweis.md").write_text(
        "# KI bei uns\n\nWir nutzen einen Chatbot auf unserer Website.\n", encoding="utf-8"
    )
    result = run_cli("notice", str(project / "ai-usage.yaml"), "--check", "--lang", "en")
    assert result.exit_code == 1
    assert "was not written by `ai-coc notice`" in result.output


@pytest.mark.parametrize("name", ["beratungs-chatbot", "newsletter-uebersetzung"])
def test_shipped_example_notices_are_up_to_date(run_cli: RunCli, name: str) -> None:
    result = run_cli("notice", str(EXAMPLES / name / "ai-usage.yaml"), "--check", "--lang", "en")
    assert result.exit_code == 0, result.output


def test_check_cannot_read(run_cli: RunCli, project: Path) -> None:
    manifest = project / "ai-usage.yaml"
    (project / "docs" / "ki-hinweis.md").unlink()
    missing = run_cli("notice", str(manifest), "--check", "--lang", "en")
    assert missing.exit_code == 2
    assert "file not found" in missing.output
    url = run_cli(
        "notice", str(EXAMPLES / "code-assistenz" / "ai-usage.yaml"), "--check", "--lang", "en"
    )
    assert url.exit_code == 2
    assert "web address" in url.output
    none = run_cli("notice", str(EXAMPLES / "minimal" / "ai-usage.yaml"), "--check")
    assert none.exit_code == 2
    assert "transparency.notice" in none.output


def test_outside_the_repository_is_refused(run_cli: RunCli, project: Path) -> None:
    manifest = project / "ai-usage.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("docs/ki-hinweis.md", "../../etc/notice.md"), "utf-8")
    result = run_cli("notice", str(manifest), "--check", "--lang", "en")
    assert result.exit_code == 2
    assert "outside the repository" in result.output


def test_invalid_manifest_gives_no_notice(run_cli: RunCli, tmp_path: Path) -> None:
    manifest = tmp_path / "ai-usage.yaml"
    manifest.write_text(
        "manifest: ai-coc/v1\nproject: {name: x, organisation: y}\nuses:\n  - id: a\n"
        "    labor: {}\n",
        encoding="utf-8",
    )
    result = run_cli("notice", str(manifest), "--lang", "en")
    assert result.exit_code == 2
    assert "ai-usage.yaml:5:" in result.output
    assert "ai-coc check" in result.output
