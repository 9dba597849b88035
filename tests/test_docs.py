"""The documentation: a real Sphinx build (``-n -W``) of ``docs/``, checked from the outside.

The references are generated at build time by ``ai_coc.docs.sphinxext``; these tests make sure they
are complete (every rule, key, check and command), that every finding's ``help_url`` lands on
an anchor, and that editing a rule file changes the built docs with no other edit.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import warnings
from pathlib import Path

import pytest

from ai_coc.cli import COMMANDS
from ai_coc.read.manifest import Manifest, json_schema
from ai_coc.rules.checks import REGISTRY
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import builtin_pack_dir
from tests.conftest import ROOT

pytest.importorskip("sphinx")
pytest.importorskip("sphinx_click")
pytest.importorskip("furo")

from sphinx.cmd.build import build_main

DOCS = ROOT / "docs"
#: an organisation's own copy of the docs (the `docs_url` setting)
HOSTED = "https://intranet.example/ai-coc"


def build(out: Path, *extra: str) -> Path:
    """Build the docs into ``out`` like CI does: nitpicky, warnings are errors."""
    args = ["-n", "-W", "-q", "-E", "-b", "html", "-d", str(out / ".doctrees"), *extra]
    with warnings.catch_warnings():
        # sphinx-click 6.2 still reads `env.app`, which Sphinx 9 deprecates (not our code).
        warnings.filterwarnings(
            "ignore", message=r"'sphinx\.environment\.BuildEnvironment\.app' is deprecated"
        )
        code = build_main([*args, str(DOCS), str(out / "html")])
    assert code == 0, "the docs build failed (see the warnings above)"
    return out / "html"


_SMART = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "„": '"'})


def flat(text: str) -> str:
    """Whitespace collapsed and Sphinx's typographic quotes turned back into plain ones."""
    return " ".join(text.translate(_SMART).split())


def ids_of(page: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))


def text_of(page: Path) -> str:
    """The page without tags, entities decoded (so code blocks read as plain text)."""
    raw = page.read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", raw))


def codes_of(page: Path) -> set[str]:
    """The texts of all inline code spans (``key`` in Markdown)."""
    raw = page.read_text(encoding="utf-8")
    return {html.unescape(m) for m in re.findall(r'<span class="pre">([^<]+)</span>', raw)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("docs"))


def test_every_rule_has_an_anchored_section_in_english_and_german(site: Path) -> None:
    policies = load_policies()
    assert policies.rules
    for page in (site / "reference" / "rules.html", site / "de" / "regeln.html"):
        ids = ids_of(page)
        text = text_of(page)
        for rule in policies.rules:
            assert rule.id.lower() in ids, f"{rule.id} has no section in {page.name}"
            assert rule.name in text
    english = text_of(site / "reference" / "rules.html")
    german = text_of(site / "de" / "regeln.html")
    for rule in policies.rules:
        assert flat(rule.text("summary", "en")) in flat(english)
        assert flat(rule.text("summary", "de")) in flat(german)


def test_every_help_url_resolves_to_an_anchor_of_the_built_rules_page(site: Path) -> None:
    ids = ids_of(site / "reference" / "rules.html")
    for rule in load_policies().rules:
        assert rule.help_url == ""  # no docs_url configured: no link
        url = rule.help_url_for(HOSTED)
        page, _, fragment = url.partition("#")
        assert page == f"{HOSTED}/reference/rules.html", url
        assert fragment in ids, f"{url} points at no anchor"


def test_examples_and_real_output_appear_for_rules_that_have_them(site: Path) -> None:
    text = flat(text_of(site / "reference" / "rules.html"))
    for rule in load_policies().rules:
        fail = rule.example_path("fail")
        if not fail.is_file():
            assert f"examples/{rule.id}/fail.yaml" in text  # the note about the missing example
            continue
        first_line = next(line for line in fail.read_text("utf-8").splitlines() if line.strip())
        assert flat(first_line) in text
        assert re.search(rf"fail\.yaml:\d+:\d+: {rule.id} \[", text), rule.id


def test_tutorials_show_the_real_output_of_the_check(site: Path) -> None:
    english = text_of(site / "tutorial.html")
    german = text_of(site / "de" / "tutorial.html")
    # The prose of the tutorials talks about exactly these findings.
    for finding in (
        "ai-usage.yaml:12:5: COC301 [error]",
        "ai-usage.yaml:22:16: COC101 [error]",
        "ai-usage.yaml:24:5: COC202 [error]",
    ):
        assert finding in english
        assert finding.replace("[error]", "[Fehler]") in german
    assert "All checks passed" in english
    assert "Alle Prüfungen bestanden" in german
    assert "Der Einsatz 'newsletter-translation'" in german


def test_tutorials_show_the_real_notice(site: Path) -> None:
    from ai_coc.author.notice import render_notice
    from ai_coc.read.yaml import load_document

    for page, folder, lang in (
        ("tutorial.html", "fixed", "en"),
        ("de/tutorial.html", "de-fixed", "de"),
    ):
        manifest = DOCS / "_examples" / "tutorial" / folder / "ai-usage.yaml"
        notice = render_notice(load_document(manifest).data, lang=lang, fmt="md")
        assert flat(notice) in flat(text_of(site / page))


def test_principles_pages_list_the_rules_of_each_principle(site: Path) -> None:
    policies = load_policies()
    for page, prefix in (("principles.html", "rule-"), ("de/prinzipien.html", "regel-")):
        raw = (site / page).read_text("utf-8")
        for rule in policies.rules:
            if rule.principle:
                assert f"#{rule.id.lower()}" in raw, f"{rule.id} is not linked from {page}"
        assert prefix  # labels resolved, or the -n -W build would have failed


def test_manifest_reference_names_every_key(site: Path) -> None:
    codes = codes_of(site / "reference" / "manifest.html")
    seen: set[type] = set()
    todo: list[type] = [Manifest]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            assert (info.alias or name) in codes, f"{model.__name__}.{name} is not documented"
            for candidate in re.findall(r"\b[A-Z][A-Za-z]+\b", repr(info.annotation)):
                cls = getattr(
                    __import__("ai_coc.read.manifest", fromlist=[candidate]), candidate, None
                )
                if isinstance(cls, type) and hasattr(cls, "model_fields"):
                    todo.append(cls)
    assert len(seen) > 20


def test_cli_reference_shows_every_command(site: Path) -> None:
    ids = ids_of(site / "reference" / "cli.html")
    for name in COMMANDS:
        assert f"ai-coc-{name}" in ids, f"`ai-coc {name}` is missing from the CLI reference"


def test_check_vocabulary_lists_every_registered_check(site: Path) -> None:
    ids = ids_of(site / "reference" / "checks.html")
    for name in REGISTRY:
        assert f"check-{name.replace('_', '-')}" in ids


def test_schema_is_published_where_its_id_says(site: Path) -> None:
    schema = json_schema()
    assert not schema["$id"].startswith("http")  # a name, not a promise of an address
    relative = "_static/ai-usage.schema.json"
    published = json.loads((site / relative).read_text("utf-8"))
    assert published == schema
    assert schema["$id"] in text_of(site / "reference" / "schema.html")


def test_json_output_page_documents_every_field(site: Path) -> None:
    from ai_coc.report.formats.json import as_dict
    from ai_coc.run.check import check_paths

    policies = load_policies()
    example = DOCS / "_examples" / "tutorial" / "first" / "ai-usage.yaml"
    import datetime as dt

    report = check_paths([example], policies, today=dt.date(2026, 11, 21), lang="en")
    data = as_dict(report, policies)
    keys = set(data) | set(data["files"][0]) | set(data["findings"][0])
    keys |= set(data["findings"][0]["location"]) | set(data["summary"])
    keys |= set(data["summary"]["principles"]["weighing"])
    codes = codes_of(site / "reference" / "json-output.html")
    missing = sorted(k for k in keys if k not in codes)
    assert not missing, f"fields of the JSON output not documented: {missing}"


def test_json_output_page_documents_every_field_of_a_rule(site: Path) -> None:
    from ai_coc.commands.rules import rule_dict

    policies = load_policies()
    keys = rule_dict(policies.rules[0], policies, "en", "https://intranet.example/ai-coc")
    codes = codes_of(site / "reference" / "json-output.html")
    missing = sorted(k for k in keys if k not in codes)
    assert not missing, f"fields of `ai-coc rules --format json` not documented: {missing}"


def test_editing_a_rule_file_changes_the_built_docs(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(builtin_pack_dir(), pack)
    rule_file = next(p for p in pack.glob("*.yaml") if "id: COC201" in p.read_text("utf-8"))
    text = rule_file.read_text("utf-8")
    old_summary = "A running AI use says nothing about the human labour behind the model."
    assert old_summary in text
    text = text.replace(old_summary, "Zebra summary, who labelled the data stays unsaid.")
    text = text.replace(
        "The use '{use}' does not say what is known about the human labour behind its model",
        "Zebra message for '{use}': the labour is not declared",
    )
    rule_file.write_text(text, "utf-8")
    examples = pack / "examples" / "COC201"
    examples.mkdir(parents=True, exist_ok=True)
    (examples / "fail.yaml").write_text(
        "manifest: ai-coc/v1\n"
        "project: {name: zebra-project, organisation: Zebra e.V.}\n"
        "uses:\n"
        "  - id: zebra-use  # expect: COC201\n"
        "    status: active\n",
        "utf-8",
    )
    (examples / "pass.yaml").write_text(
        "manifest: ai-coc/v1\n"
        "project: {name: zebra-project, organisation: Zebra e.V.}\n"
        "uses:\n"
        "  - id: zebra-pass-use\n"
        "    status: active\n"
        "    labour: {status: known, source: https://example.org/labour}\n",
        "utf-8",
    )
    site = build(tmp_path / "out", "-D", f"ai_coc_pack_dir={pack}")
    page = flat(text_of(site / "reference" / "rules.html"))
    assert "Zebra summary, who labelled the data stays unsaid." in page
    assert old_summary not in page
    # the examples, and the real output of the check run on the failing one
    assert "- id: zebra-use # expect: COC201" in page
    assert "id: zebra-pass-use" in page
    assert "fail.yaml:4:5: COC201 [error] Zebra message for 'zebra-use': the labour" in page
    assert "explain: ai-coc rule COC201" in page
    # the principles page lists the edited summary too
    assert "Zebra summary" in text_of(site / "principles.html")


def test_german_pages_are_served_as_german(site: Path) -> None:
    """Issue 17: `<html lang="de">` on the pages under de/, `lang="en"` elsewhere."""
    german = sorted((site / "de").glob("*.html"))
    assert len(german) >= 5
    for page in german:
        head = page.read_text("utf-8")[:600]
        assert re.search(r'<html[^>]*\blang="de"', head), page.name
    english = (site / "tutorial.html").read_text("utf-8")[:600]
    assert re.search(r'<html[^>]*\blang="en"', english)
