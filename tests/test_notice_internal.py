"""``ai-coc notice --internal``: the internal version with each use's learning loop.

The public notice must never show a reflection; the internal one shows everything the public
one shows plus the learning loop, in English and German, with every input text neutralised.
After an intended change of the internal output: ``python -m pytest --update-golden``.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from ai_coc.author.notice import (
    REFLECTION_ANSWERS,
    label,
    md_escape,
    read_marker,
    read_variant,
)
from ai_coc.author.notice import render_notice as render
from ai_coc.read.yaml import load_document
from tests.conftest import EXAMPLES
from tests.test_notice import check_html

RunCli = Callable[..., Result]
GOLDEN = Path(__file__).parent / "golden"
MINUTES = EXAMPLES / "sitzungsprotokolle" / "ai-usage.yaml"
WITH_REFLECTIONS = sorted(
    p.parent.name
    for p in EXAMPLES.glob("*/ai-usage.yaml")
    if "reflections:" in p.read_text("utf-8")
)


def _data(example: str) -> dict[str, Any]:
    data = load_document(EXAMPLES / example / "ai-usage.yaml").data
    assert isinstance(data, dict)
    return data


def _reflections(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for use in data.get("uses") or []:
        found.extend((use.get("evaluation") or {}).get("reflections") or [])
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())


def test_two_examples_have_reflections() -> None:
    assert {"beratungs-chatbot", "sitzungsprotokolle"} <= set(WITH_REFLECTIONS)


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("example", WITH_REFLECTIONS)
def test_reflections_are_in_the_internal_version_only(example: str, lang: str) -> None:
    data = _data(example)
    answers = [
        _one_line(str(r[key]))
        for r in _reflections(data)
        for key in REFLECTION_ANSWERS
        if r.get(key)
    ]
    assert len(answers) >= 8
    for fmt in ("md", "html"):
        public = render(data, lang, fmt)
        internal = render(data, lang, fmt, internal=True)
        for answer in answers:
            shown = md_escape(answer) if fmt == "md" else html.escape(answer)
            assert shown in internal, answer
            assert answer not in public and shown not in public, answer
        for heading in ("reflection.frequency", "reflection.rather_without", "evaluation"):
            assert label(heading, lang) in internal
            assert label(heading, lang) not in public
    assert "####" not in render(data, lang) and "<h4>" not in render(data, lang, "html")
    assert "h5{" not in render(data, lang, "html")


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("example", sorted(p.parent.name for p in EXAMPLES.glob("*/ai-usage.yaml")))
def test_the_internal_version_shows_everything_the_public_one_shows(
    example: str, lang: str
) -> None:
    data = _data(example)
    public = render(data, lang).splitlines()
    internal = render(data, lang, internal=True).splitlines()
    # the marker, title, introduction and footer name the version; the rest is all there, in order
    body = [line for line in public[5:-1] if line]
    position = 0
    for line in body:
        assert line in internal[position:], line
        position = internal.index(line, position) + 1
    assert read_variant("\n".join(internal)) == "internal"
    assert read_variant("\n".join(public)) == "public"
    assert read_marker("\n".join(internal)) == (lang, "md")
    check_html(render(data, lang, "html", internal=True), lang)


def test_the_minutes_example_in_english() -> None:
    text = render(_data("sitzungsprotokolle"), "en", internal=True)
    assert text.startswith("<!-- ai-coc notice: lang=en format=md variant=internal -->\n")
    assert (
        "# How Diakonieverein Auenland e.V. uses artificial intelligence: internal version" in text
    )
    assert "Please do not publish it." in text
    assert "#### Effect on our own work" in text
    assert "- **Effect on paid and voluntary work:** working hours have been reduced" in text
    assert "#### Who was involved" in text
    assert "- **Works council:** an agreement was made" in text
    assert "#### Learning protocol" in text
    assert "- **What we advise against:** Stunden ohne Einvernehmen kürzen" in text
    assert (
        "- **What we recommend doing:** Die Mitarbeitervertretung von Anfang an beteiligen; "
        "Widerspruch gegen die Aufnahme in jeder Sitzung möglich machen"
    ) in text
    assert "- **Last evaluated:** 30 September 2026" in text
    assert "#### Reflection of 30 September 2026" in text
    assert "Who took part: Assistenz der Geschäftsstelle, Sitzungsleitungen" in text
    assert (
        "##### When would people rather have done without the tool?\n\n"
        "Bei vertraulichen Personalthemen wird nie aufgenommen.\n"
    ) in text
    assert "No evaluation" not in text and "No reflection" not in text
    assert text.rstrip().endswith("with ai-coc notice --internal.")


def test_the_minutes_example_in_german() -> None:
    text = render(_data("sitzungsprotokolle"), "de", internal=True)
    assert (
        "# Wie Diakonieverein Auenland e.V. künstliche Intelligenz einsetzt: interne Fassung"
        in text
    )
    assert "Bitte veröffentlichen Sie sie nicht." in text
    assert "#### Auswirkung auf unsere eigene Arbeit" in text
    assert (
        "- **Auswirkung auf bezahlte und ehrenamtliche Arbeit:** Arbeitsstunden wurden verringert"
        in text
    )
    assert (
        "- **Betriebsrat oder Mitarbeitervertretung:** eine Vereinbarung wurde geschlossen" in text
    )
    assert "#### Lernprotokoll" in text
    assert "- **Wovon wir abraten:** Stunden ohne Einvernehmen kürzen" in text
    assert "- **Zuletzt ausgewertet:** 30. September 2026" in text
    assert "#### Reflexion vom 30. September 2026" in text
    assert "Wer mitgewirkt hat: Assistenz der Geschäftsstelle" in text
    assert "##### Wie oft wird das Werkzeug genutzt?\n\netwa zwölf Sitzungen im Monat\n" in text
    assert "##### Wer blieb außen vor oder konnte nicht teilnehmen?" in text
    assert (
        "##### Was wünschen Sie sich für die Zukunft?\n\nBessere Erkennung von Akzenten.\n" in text
    )
    assert "Erzeugt aus der Datei ai-usage.yaml des Projekts mit ai-coc notice --internal." in text
    for english in ("Learning protocol", "Reflection of", "How often", "Who took part"):
        assert english not in text


def _running(**use: Any) -> dict[str, Any]:
    entry = {"id": "u", "name": "Entwürfe", "status": "active", **use}
    return {"manifest": "ai-coc/v1", "project": {"name": "p", "organisation": "o"}, "uses": [entry]}


def test_a_use_without_evaluation_says_so_plainly() -> None:
    en = render(_running(), "en", internal=True)
    assert "#### Learning protocol\n\nNo evaluation of this use is recorded yet.\n" in en
    assert "No reflection on this use is recorded yet." in en
    assert "Effect on our own work" not in en and "Who was involved" not in en
    de = render(_running(), "de", internal=True)
    assert (
        "#### Lernprotokoll\n\nFür diesen Einsatz ist noch keine Auswertung festgehalten.\n" in de
    )
    assert "Zu diesem Einsatz ist noch keine Reflexion festgehalten." in de
    # an evaluation without reflections, and reflections without an evaluation
    evaluated = render(_running(evaluation={"goal": "Weniger Wartezeit"}), "en", internal=True)
    assert "- **Goal:** Weniger Wartezeit" in evaluated
    assert "No evaluation" not in evaluated
    assert "No reflection on this use is recorded yet." in evaluated
    reflected = _running(evaluation={"reflections": [{"lessons": "Früher fragen."}, {}]})
    text = render(reflected, "en", internal=True)
    assert "No evaluation of this use is recorded yet." in text
    assert "No reflection" not in text
    assert text.count("#### Reflection (no date recorded)") == 2
    assert "##### What have you learned?\n\nFrüher fragen.\n" in text
    assert "This reflection has no answers yet." in text
    # the public notice is the same with or without any of it
    assert render(reflected, "en") == render(_running(), "en")


def test_only_what_the_manifest_says_is_shown() -> None:
    use = _running(
        workforce={"effect": "relief"},
        participation={"works_council": "none-exists"},
        evaluation={
            "challenges": ["Namen falsch erkannt", "Ausfälle"],
            "recommendations": "Früh beteiligen",
            "reflections": [{"on": dt.date(2026, 3, 1), "failures": "Zweimal"}],
        },
    )
    text = render(use, "en", internal=True)
    assert "- **Effect on paid and voluntary work:** people are relieved of work\n\n" in text
    assert "- **Works council:** we have none\n\n" in text
    assert "- **Difficulties:** Namen falsch erkannt; Ausfälle" in text
    assert "- **What we recommend to others:** Früh beteiligen" in text
    assert (
        "#### Reflection of 1 March 2026\n\n##### What went wrong, and how often?\n\nZweimal\n"
        in (text)
    )
    for absent in (
        "Which tasks change",
        "Staff and volunteers",
        "Goal",
        "Last evaluated",
        "How often",
    ):
        assert absent not in text
    assert "Who took part" not in text


def test_a_tried_and_rejected_use_shows_its_learning_protocol_internally() -> None:
    data = _data("ueberfaellige-pruefung")
    internal = render(data, "en", internal=True)
    public = render(data, "en")
    assert "(tried and rejected)" in internal
    assert "- **Difficulties:** Hohe Fehlerquote" in internal
    assert "Hohe Fehlerquote" not in public
    # a non_uses entry has no learning loop
    assert internal.count("#### Learning protocol") == 1


HOSTILE_REFLECTION: dict[str, Any] = {
    "on": "<b>2026</b>",
    "by": "<script>alert(1)</script>",
    "frequency": "täglich\n# Eingeschleuste Überschrift\n- [x](javascript:alert(1))",
    "impressions": "**fett** _kursiv_ `code` <img src=x onerror=alert(1)> &amp; | Tabelle |",
    "failures": "\x1b]8;;http://evil.example\x07Link\x1b]8;;\x07 \u202eesrever\u202c \x00",
    "lessons": ["<a href='http://evil.example'>", "![bild](http://evil.example/x.png)"],
}


def test_hostile_text_in_a_reflection_is_neutralised() -> None:
    data = _running(
        name="<i>Einsatz</i>",
        workforce={"description": "<script>w</script>", "effect": "<b>relief</b>"},
        evaluation={
            "assumption": "[link](http://evil.example)",
            "reflections": [HOSTILE_REFLECTION],
        },
    )
    for lang in ("en", "de"):
        page = render(data, lang, "html", internal=True)
        parser = check_html(page, lang)
        names = [tag for tag, _ in parser.tags]
        assert not {"b", "i", "img", "a", "script"} & set(names), names
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert "\x1b" not in page and "\x00" not in page and "\u202e" not in page
        md = render(data, lang, "md", internal=True)
        lines = md.splitlines()
        assert not any(line.startswith("# Eingeschleuste") for line in lines)
        assert not any(line.startswith("- [x]") for line in lines)
        assert "\\# Eingeschleuste Überschrift" in md
        assert "\\[x\\](javascript:alert(1))" in md
        assert "\\*\\*fett\\*\\* \\_kursiv\\_ \\`code\\` \\<img src=x onerror=alert(1)\\>" in md
        assert "\\&amp; \\| Tabelle \\|" in md
        assert "\\!\\[bild\\](http://evil.example/x.png)" in md
        assert "\\<script\\>alert(1)\\</script\\>" in md
        assert "\\[link\\](http://evil.example)" in md
        assert "\x1b" not in md and "\x00" not in md and "\u202e" not in md
        # every heading of the markdown is one the notice made, on one line
        for line in lines:
            if line.startswith("#"):
                assert re.match(r"^#{1,5} \S", line), line
        assert "](<" not in md  # no link was made from input text


# --- the command ---------------------------------------------------------------------------


def test_the_command_writes_the_internal_version(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("notice", str(MINUTES), "--internal", "--lang", "de")
    assert result.exit_code == 0, result.output
    assert result.output == render(load_document(MINUTES).data, "de", internal=True)
    target = tmp_path / "intern" / "ki-hinweis.html"
    written = run_cli("notice", str(MINUTES), "--internal", "--output", str(target))
    assert written.exit_code == 0, written.output
    page = target.read_text("utf-8")
    assert read_variant(page) == "internal"
    assert read_marker(page) == ("en", "html")
    public = run_cli("notice", str(MINUTES), "--lang", "de")
    assert "Reflexion" not in public.output and "variant=" not in public.output


def test_check_and_internal_cannot_be_combined(run_cli: RunCli) -> None:
    result = run_cli(
        "notice", str(EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml"), "--check", "--internal"
    )
    assert result.exit_code == 2
    assert "--internal" in result.output and "Traceback" not in result.output


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    shutil.copytree(EXAMPLES / "beratungs-chatbot", folder)
    return folder


def test_the_internal_version_is_not_written_over_the_public_notice(
    run_cli: RunCli, project: Path
) -> None:
    notice = project / "docs" / "ki-hinweis.md"
    before = notice.read_bytes()
    result = run_cli(
        "notice",
        str(project / "ai-usage.yaml"),
        "--internal",
        "--output",
        str(notice),
        "--lang",
        "en",
    )
    assert result.exit_code == 2
    assert "is the public notice named in transparency.notice" in result.output
    assert "--internal --output" in result.output  # the hint names another file
    assert notice.read_bytes() == before
    beside = project / "docs" / "intern.md"
    assert (
        run_cli("notice", str(project / "ai-usage.yaml"), "--internal", "-o", str(beside)).exit_code
        == 0
    )


def test_check_reports_an_internal_version_as_the_public_notice(
    run_cli: RunCli, project: Path
) -> None:
    manifest = project / "ai-usage.yaml"
    data = load_document(manifest).data
    (project / "docs" / "ki-hinweis.md").write_text(render(data, "de", internal=True), "utf-8")
    result = run_cli("notice", str(manifest), "--check", "--lang", "en")
    assert result.exit_code == 1
    assert "is the internal version of the notice" in result.output
    command = next(line for line in result.output.splitlines() if "To update it" in line)
    assert "--lang de --format md" in command and "--internal" not in command
    german = run_cli("notice", str(manifest), "--check", "--lang", "de")
    assert german.exit_code == 1
    assert "ist die interne Fassung des KI-Hinweises" in german.output


@pytest.mark.parametrize(
    ("example", "lang", "fmt"),
    [("sitzungsprotokolle", "de", "md"), ("beratungs-chatbot", "en", "html")],
)
def test_golden_internal_notice(example: str, lang: str, fmt: str, update_golden: bool) -> None:
    output = render(_data(example), lang, fmt, internal=True)
    golden = GOLDEN / f"{example}.notice-internal.{lang}.{fmt}"
    if update_golden:
        golden.write_text(output, encoding="utf-8")
    assert golden.is_file(), f"no golden file {golden.name}: run pytest --update-golden"
    assert output == golden.read_text(encoding="utf-8"), "if intended: pytest --update-golden"


def test_rendering_does_not_change_the_manifest_data() -> None:
    data = _data("sitzungsprotokolle")
    kept = copy.deepcopy(data)
    render(data, "de", internal=True)
    assert data == kept


def test_control_and_direction_characters_are_shown_as_escapes_in_html_too() -> None:
    data = _running(
        name="Ent\x1b[31mwürfe\u202e",
        purpose="\x07Zweck",
    )
    data["contacts"] = {"feedback": "https://evil.example/\u202ex"}
    for internal in (False, True):
        page = render(data, "en", "html", internal=internal)
        check_html(page, "en")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202e]", page)
        assert "Ent\\x1b[31mwürfe\\u202e" in page
        assert 'href="https://evil.example/%E2%80%AEx"' in page
