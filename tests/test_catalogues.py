"""The tool's texts and their gettext catalogues (``src/ai_coc/locale``).

Every text of the tool is written in English in the code or in the text tables
(``src/ai_coc/texts``); Babel extracts them (``babel.cfg``) into ``ai_coc.pot``, and each
language has a ``.po`` catalogue, compiled to ``.mo`` by the build (``hatch_build.py``).
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from ai_coc import i18n

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "ai_coc" / "locale"
KEYWORDS = {"t": None, "tn": (1, 2), "N_": None, "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")


def _extracted() -> set[tuple[str | None, str]]:
    """What ``pybabel extract -F babel.cfg -k t -k tn:1,2 -k N_`` finds in the sources."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[tuple[str | None, str]] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


@pytest.fixture(scope="module")
def extracted() -> set[tuple[str | None, str]]:
    return _extracted()


def _catalogue(path: Path) -> object:
    with path.open("rb") as handle:
        return read_po(handle)


def _entries(path: Path) -> dict[tuple[str | None, str], object]:
    catalog = _catalogue(path)
    return {  # a plural's key is its singular, as extraction reports it
        (m.context, m.id[0] if isinstance(m.id, tuple) else m.id): m
        for m in catalog  # type: ignore[attr-defined]
        if m.id
    }


def test_the_sources_have_texts(extracted: set[tuple[str | None, str]]) -> None:
    # the extraction itself works: code messages, deferred ones and the text tables are seen
    assert (None, "file not found") in extracted
    assert any(ctx and ctx.startswith("interview:") for ctx, _ in extracted)
    assert any(ctx and ctx.startswith("notice:") for ctx, _ in extracted)
    assert len(extracted) > 300


def test_the_template_is_current(extracted: set[tuple[str | None, str]]) -> None:
    template = set(_entries(LOCALE / "ai_coc.pot"))
    missing = extracted - template
    stale = template - extracted
    hint = "run the three pybabel commands of CONTRIBUTING.md (extract, update, compile)"
    assert not missing, f"texts not in ai_coc.pot ({hint}): {sorted(missing)[:10]}"
    assert not stale, f"ai_coc.pot has texts the code no longer has ({hint}): {sorted(stale)[:10]}"


def test_every_text_has_a_german_translation(extracted: set[tuple[str | None, str]]) -> None:
    german = _entries(LOCALE / "de" / "LC_MESSAGES" / "ai_coc.po")
    problems = []
    for key in sorted(extracted, key=lambda k: (k[0] or "", k[1])):
        entry = german.get(key)
        if entry is None or not entry.string:  # type: ignore[attr-defined]
            problems.append(f"missing: {key}")
        elif entry.fuzzy:  # type: ignore[attr-defined]
            problems.append(f"fuzzy: {key}")
    assert not problems, "\n".join(problems[:20])


def test_translations_keep_their_placeholders() -> None:
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        for (context, msgid), entry in _entries(po).items():
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)  # type: ignore[attr-defined]
            ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)  # type: ignore[attr-defined]
            # a plural's forms may each use part of what singular and plural use together
            wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
            found: set[str] = set()
            for string in strings:
                if not string:
                    continue
                found |= set(PLACEHOLDER.findall(string))
                assert set(PLACEHOLDER.findall(string)) <= wanted | {"count"}, (po, context, msgid)
                if len(ids) == 1:
                    assert wanted <= set(PLACEHOLDER.findall(string)) | {"count"}, (
                        po,
                        context,
                        msgid,
                    )
            if any(strings):
                assert wanted <= found | {"count"}, (po, context, msgid)


def test_german_speaks_to_users_as_sie() -> None:
    familiar = re.compile(r"\b(du|dich|dir|dein\w*|ihr|euch|eure?\w*)\b")
    for (_context, _msgid), entry in _entries(LOCALE / "de" / "LC_MESSAGES" / "ai_coc.po").items():
        strings = entry.string  # type: ignore[attr-defined]
        for string in strings if isinstance(strings, tuple) else (strings,):
            assert isinstance(string, str)
            # "Ihr"/"Ihre" (capitalised, polite) is fine; lower-case "ihr" at a sentence start
            # is not
            assert not familiar.search(string), string


def test_the_compiled_catalogues_are_current() -> None:
    # the build compiles them (hatch_build.py); a stale .mo means a stale installation
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=po.parent.parent.name)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        mo = po.with_suffix(".mo")
        assert mo.is_file() and mo.read_bytes() == buffer.getvalue(), (
            f"{mo} is missing or older than {po.name}: "
            "run `pybabel compile -d src/ai_coc/locale -D ai_coc` or `pip install -e .`"
        )


def test_english_needs_no_catalogue() -> None:
    assert i18n.t("file not found", "en") == "file not found"
    assert i18n.t("file not found", "de") == "Datei nicht gefunden"
    assert i18n.phrase("notice", "month.3", "de") == "März"
    assert i18n.tn("{count} file", "{count} files", 2, "en") == "2 files"


def _build_language(target: Path, lang: str, translations: dict[str, str]) -> None:
    """A new language as a translator adds it: one .po catalogue, compiled."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=lang, domain="ai_coc")
    for msgid, msgstr in translations.items():
        catalog.add(msgid, msgstr)
    folder = target / lang / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "ai_coc.po").open("wb") as handle:
        write_po(handle, catalog)
    with (folder / "ai_coc.mo").open("wb") as handle:
        write_mo(handle, catalog)


def test_a_new_language_is_one_catalogue(tmp_path: Path) -> None:
    locale = tmp_path / "locale"
    _build_language(
        locale,
        "fr",
        {
            "file not found": "fichier introuvable",
            "error": "erreur",
            "check the path, or run `ai-coc init` to create an ai-usage.yaml": (
                "vérifiez le chemin, ou lancez `ai-coc init`"
            ),
        },
    )
    env = {"AI_COC_LOCALE_DIR": str(locale), "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"}
    missing = tmp_path / "absent.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", str(missing), "--lang", "fr"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 2, run.stderr
    assert "fichier introuvable" in run.stderr
    assert "vérifiez le chemin" in run.stderr
    # the locale of the environment chooses it too, and an unknown language is refused
    env_fr = {**env, "LC_ALL": "fr_FR.UTF-8"}
    run = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", str(missing)],
        capture_output=True,
        text=True,
        env=env_fr,
        check=False,
    )
    assert "fichier introuvable" in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", str(missing), "--lang", "xx"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 2 and "xx" in run.stderr
