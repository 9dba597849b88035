"""Language selection and the catalogue of the tool's own messages.

Rule texts live in the policy packs; this module holds only the words of the tool
itself (errors, headings, summaries). Every entry exists in English and German.
The language is chosen by ``--lang``, then configuration, then the locale of the
environment (``LC_ALL``, ``LC_MESSAGES``, ``LANG``, ``LANGUAGE``); English is the fallback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from contextvars import ContextVar

LANGUAGES: tuple[str, ...] = ("en", "de")
DEFAULT_LANGUAGE = "en"

_current: ContextVar[str] = ContextVar("ai_coc_lang", default=DEFAULT_LANGUAGE)


def detect_language(explicit: str | None = None, configured: str | None = None) -> str:
    """Return the language to use: explicit, configured, locale, then English."""
    for candidate in (explicit, configured):
        if candidate:
            return normalise(candidate)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value:
            lang = normalise(value)
            if lang in LANGUAGES:
                return lang
            if var != "LANGUAGE":
                # A set but non-German/English locale (e.g. C.UTF-8) means English.
                return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def normalise(value: str) -> str:
    """``de_DE.UTF-8`` -> ``de``; unknown languages fall back to English."""
    code = value.split(":")[0].split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Set the language for the rest of this run."""
    _current.set(normalise(lang))


def get_language() -> str:
    """The language of this run."""
    return _current.get()


def pick(texts: Mapping[str, str] | str | None, lang: str | None = None) -> str:
    """Choose a text in ``lang`` from a ``{en: ..., de: ...}`` mapping, with fallbacks."""
    if texts is None:
        return ""
    if isinstance(texts, str):
        return texts
    lang = lang or get_language()
    for candidate in (lang, DEFAULT_LANGUAGE, *texts.keys()):
        text = texts.get(candidate)
        if text:
            return text
    return ""


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """Translate one of the tool's own messages and fill in its ``{placeholders}``."""
    entry = CATALOGUE[key]
    text = pick(entry, lang)
    return text.format(**values) if values else text


CATALOGUE: dict[str, dict[str, str]] = {
    # --- reading files -----------------------------------------------------------------
    "file.missing": {
        "en": "file not found",
        "de": "Datei nicht gefunden",
    },
    "file.missing.hint": {
        "en": "check the path, or run `ai-coc init` to create an ai-usage.yaml",
        "de": "Pfad prüfen oder mit `ai-coc init` eine ai-usage.yaml anlegen",
    },
    "file.unreadable": {
        "en": "cannot read the file: {reason}",
        "de": "Die Datei kann nicht gelesen werden: {reason}",
    },
    "file.os_error": {
        "en": "the file system refused this path: {reason}",
        "de": "Das Dateisystem lehnt diesen Pfad ab: {reason}",
    },
    "file.os_error.hint": {
        "en": "check the path (its length, the characters in it, links that point in a circle)",
        "de": "Pfad prüfen (Länge, enthaltene Zeichen, Verknüpfungen, die im Kreis zeigen)",
    },
    "file.is_dir": {
        "en": "this is a folder, not a file",
        "de": "Das ist ein Ordner, keine Datei",
    },
    "file.not_regular": {
        "en": "this is not a regular file (it may be a pipe or a device)",
        "de": "Das ist keine normale Datei (vielleicht eine Pipe oder ein Gerät)",
    },
    "file.too_large": {
        "en": "the file is {size} bytes; ai-coc reads at most {limit} bytes",
        "de": "Die Datei ist {size} Byte groß; ai-coc liest höchstens {limit} Byte",
    },
    "file.too_large.hint": {
        "en": "a manifest is a short text file; check that this is the right file",
        "de": "Ein Manifest ist eine kurze Textdatei; bitte prüfen, ob es die richtige Datei ist",
    },
    "file.binary": {
        "en": "this looks like a binary file, not YAML text",
        "de": "Das sieht nach einer Binärdatei aus, nicht nach YAML-Text",
    },
    "file.binary.hint": {
        "en": "save the manifest as plain text (UTF-8)",
        "de": "Das Manifest als reinen Text (UTF-8) speichern",
    },
    "file.encoding": {
        "en": "the file is not valid UTF-8 text",
        "de": "Die Datei ist kein gültiger UTF-8-Text",
    },
    "file.encoding.hint": {
        "en": "save the file as UTF-8 in your editor (usually under 'Save as' / 'Encoding')",
        "de": "Die Datei im Editor als UTF-8 speichern "
        "(meist unter 'Speichern unter' / 'Kodierung')",
    },
    "file.empty": {
        "en": "the file is empty",
        "de": "Die Datei ist leer",
    },
    "file.empty.hint": {
        "en": "start the file with `manifest: ai-coc/v1`, or run `ai-coc init`",
        "de": "Die Datei mit `manifest: ai-coc/v1` beginnen oder `ai-coc init` ausführen",
    },
    # --- YAML --------------------------------------------------------------------------
    "yaml.invalid": {
        "en": "invalid YAML: {problem}",
        "de": "Ungültiges YAML: {problem}",
    },
    "yaml.invalid.hint": {
        "en": "check indentation (spaces, not tabs), colons after keys and closing quotes "
        "or brackets near this line",
        "de": "Einrückung (Leerzeichen statt Tabs), Doppelpunkte nach Schlüsseln und "
        "schließende Anführungszeichen oder Klammern in der Nähe dieser Zeile prüfen",
    },
    "yaml.duplicate_key": {
        "en": "the key '{key}' appears twice in the same block (first on line {first})",
        "de": "Der Schlüssel '{key}' steht zweimal im selben Block (zuerst in Zeile {first})",
    },
    "yaml.duplicate_key.hint": {
        "en": "keep one of the two entries and merge their content",
        "de": "Einen der beiden Einträge behalten und die Inhalte zusammenführen",
    },
    "yaml.multiple_documents": {
        "en": "the file holds more than one YAML document (a second '---')",
        "de": "Die Datei enthält mehr als ein YAML-Dokument (ein zweites '---')",
    },
    "yaml.multiple_documents.hint": {
        "en": "a manifest is one document: remove the second '---' and merge the parts",
        "de": "Ein Manifest ist ein einziges Dokument: das zweite '---' entfernen und die "
        "Teile zusammenführen",
    },
    "yaml.tag": {
        "en": "the YAML tag '{tag}' is not allowed in a manifest",
        "de": "Der YAML-Tag '{tag}' ist in einem Manifest nicht erlaubt",
    },
    "yaml.tag.hint": {
        "en": "remove the tag (the part starting with '!'); manifests hold only plain text, "
        "numbers, dates, lists and mappings",
        "de": "Den Tag (den Teil mit '!') entfernen; Manifeste enthalten nur Text, Zahlen, "
        "Daten, Listen und Zuordnungen",
    },
    "yaml.too_deep": {
        "en": "the YAML is nested more than {limit} levels deep",
        "de": "Das YAML ist mehr als {limit} Ebenen tief verschachtelt",
    },
    "yaml.too_many_nodes": {
        "en": "the YAML expands to more than {limit} values (too many aliases?)",
        "de": "Das YAML ergibt mehr als {limit} Werte (zu viele Aliase?)",
    },
    "yaml.limits.hint": {
        "en": "a manifest never needs this; check that this is the right file",
        "de": "Ein Manifest braucht das nie; bitte prüfen, ob es die richtige Datei ist",
    },
    "yaml.key_type": {
        "en": "the key {key} is not text",
        "de": "Der Schlüssel {key} ist kein Text",
    },
    "yaml.key_type.hint": {
        "en": "keys are English words in snake_case, such as `last_reviewed`",
        "de": "Schlüssel sind englische Wörter in snake_case, etwa `last_reviewed`",
    },
    # --- manifest discriminator ---------------------------------------------------------
    "manifest.not_mapping": {
        "en": "the file is not a manifest: its top level must be a mapping of keys",
        "de": "Die Datei ist kein Manifest: die oberste Ebene muss aus Schlüsseln bestehen",
    },
    "manifest.missing_discriminator": {
        "en": "this is not an ai-coc manifest: the key `manifest: ai-coc/v1` is missing",
        "de": "Das ist kein ai-coc-Manifest: der Schlüssel `manifest: ai-coc/v1` fehlt",
    },
    "manifest.missing_discriminator.hint": {
        "en": "add `manifest: ai-coc/v1` as the first line, or run `ai-coc init`",
        "de": "`manifest: ai-coc/v1` als erste Zeile ergänzen oder `ai-coc init` ausführen",
    },
    "manifest.bad_discriminator": {
        "en": "unsupported manifest version {value!r}; this ai-coc reads `ai-coc/v1`",
        "de": "Nicht unterstützte Manifest-Version {value!r}; dieses ai-coc liest `ai-coc/v1`",
    },
    "manifest.bad_discriminator.hint": {
        "en": "write `manifest: ai-coc/v1`, or update ai-coc if the file was made by a newer "
        "version",
        "de": "`manifest: ai-coc/v1` schreiben oder ai-coc aktualisieren, falls die Datei von "
        "einer neueren Version stammt",
    },
    # --- discovery ----------------------------------------------------------------------
    "discover.none": {
        "en": "no ai-usage.yaml found in {where}",
        "de": "Keine ai-usage.yaml gefunden in {where}",
    },
    "discover.none.hint": {
        "en": "give the path to the manifest, or create one with `ai-coc init`",
        "de": "Den Pfad zum Manifest angeben oder mit `ai-coc init` eines anlegen",
    },
    "discover.empty_dir": {
        "en": "no ai-usage.yaml or ai-usage.yml below this folder",
        "de": "Keine ai-usage.yaml oder ai-usage.yml unterhalb dieses Ordners",
    },
    # --- policy packs -------------------------------------------------------------------
    "pack.invalid": {
        "en": "broken policy pack: {problem}",
        "de": "Fehlerhaftes Regelpaket: {problem}",
    },
    "pack.invalid.hint": {
        "en": "fix the policy file; `ai-coc policy test PACK` checks a pack",
        "de": "Die Regeldatei korrigieren; `ai-coc policy test PAKET` prüft ein Paket",
    },
    "pack.not_found": {
        "en": "policy pack not found: {name}",
        "de": "Regelpaket nicht gefunden: {name}",
    },
    # --- rules --------------------------------------------------------------------------
    "rule.unknown": {
        "en": "no rule with the ID or name '{name}'",
        "de": "Keine Regel mit der ID oder dem Namen '{name}'",
    },
    "rule.unknown.hint": {
        "en": "`ai-coc rules` lists all rules{suggestion}",
        "de": "`ai-coc rules` listet alle Regeln auf{suggestion}",
    },
    "did_you_mean": {
        "en": "; did you mean {candidates}?",
        "de": "; meinten Sie {candidates}?",
    },
    # --- command line -------------------------------------------------------------------
    "cli.bad_date": {
        "en": "'{value}' is not a date in the form YYYY-MM-DD",
        "de": "'{value}' ist kein Datum der Form JJJJ-MM-TT",
    },
    "cli.internal_error": {
        "en": "internal error in ai-coc {version}: {error}\nThis is a bug in ai-coc, not in "
        "your files. Please report it with the command you ran at "
        "https://github.com/ai-coc/ai-coc/issues (set AI_COC_DEBUG=1 to see the details).",
        "de": "Interner Fehler in ai-coc {version}: {error}\nDas ist ein Fehler in ai-coc, "
        "nicht in Ihren Dateien. Bitte melden Sie ihn mit dem ausgeführten Befehl unter "
        "https://github.com/ai-coc/ai-coc/issues (AI_COC_DEBUG=1 zeigt Details).",
    },
    "cli.error": {"en": "error", "de": "Fehler"},
    "cli.help": {"en": "help", "de": "Hilfe"},
    # --- report -------------------------------------------------------------------------
    "severity.error": {"en": "error", "de": "Fehler"},
    "severity.warning": {"en": "warning", "de": "Warnung"},
    "severity.info": {"en": "info", "de": "Hinweis"},
    "report.fix": {"en": "fix", "de": "Lösung"},
    "report.help": {"en": "docs", "de": "Doku"},
    "report.use": {"en": "use", "de": "Einsatz"},
    "report.red_line": {
        "en": "red line — cannot be waived",
        "de": "rote Linie — kann nicht ausgesetzt werden",
    },
    "report.scorecard": {
        "en": "Principles of the Code of Conduct Demokratische KI",
        "de": "Prinzipien des Code of Conduct Demokratische KI",
    },
    "report.ok": {"en": "ok", "de": "ok"},
    "report.errors": {"en": "{n} error(s)", "de": "{n} Fehler"},
    "report.warnings": {"en": "{n} warning(s)", "de": "{n} Warnung(en)"},
    "report.infos": {"en": "{n} note(s)", "de": "{n} Hinweis(e)"},
    "report.schema": {"en": "Manifest structure", "de": "Aufbau des Manifests"},
    "report.red_lines": {"en": "Red lines", "de": "Rote Linien"},
    "report.other": {"en": "Other rules", "de": "Weitere Regeln"},
    "report.waived": {"en": "Waived", "de": "Ausgesetzt"},
    "report.waived_count": {
        "en": "{n} finding(s) waived",
        "de": "{n} Befund(e) ausgesetzt",
    },
    "report.total": {
        "en": "{files} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} note(s)",
        "de": "{files} Datei(en) geprüft: {errors} Fehler, {warnings} Warnung(en), {infos} "
        "Hinweis(e)",
    },
    "report.all_good": {
        "en": "All checks passed. Thank you for documenting your AI use honestly.",
        "de": "Alle Prüfungen bestanden. Danke, dass Sie Ihren KI-Einsatz ehrlich dokumentieren.",
    },
    "report.rules_behind": {"en": "rules", "de": "Regeln"},
}

CATALOGUE.update(
    {
        "type.text": {"en": "text", "de": "Text"},
        "type.bool": {"en": "true or false", "de": "true oder false"},
        "type.number": {"en": "a number", "de": "eine Zahl"},
        "type.list": {"en": "a list", "de": "eine Liste"},
        "type.mapping": {
            "en": "a mapping (keys with values)",
            "de": "eine Zuordnung (Schlüssel mit Werten)",
        },
        "type.date": {"en": "a date (YYYY-MM-DD)", "de": "ein Datum (JJJJ-MM-TT)"},
        "type.kebab": {
            "en": "an identifier in kebab-case such as `newsletter-translation`",
            "de": "eine Kennung in kebab-case wie `newsletter-uebersetzung`",
        },
        "type.or": {"en": " or ", "de": " oder "},
        "schema.suggestion": {"en": " — did you mean '{key}'?", "de": " — meinten Sie '{key}'?"},
        "schema.allowed": {
            "en": "allowed keys here: {keys}",
            "de": "hier erlaubte Schlüssel: {keys}",
        },
    }
)

# --- ai-coc policy test -----------------------------------------------------------------
CATALOGUE.update(
    {
        "ptest.ok": {"en": "ok", "de": "ok"},
        "ptest.fail": {"en": "FAIL", "de": "FEHLER"},
        "ptest.no_example": {
            "en": "the example file is missing (every rule needs fail.yaml and pass.yaml)",
            "de": "Die Beispieldatei fehlt (jede Regel braucht fail.yaml und pass.yaml)",
        },
        "ptest.unreadable": {
            "en": "the example cannot be checked: {problem}",
            "de": "Das Beispiel lässt sich nicht prüfen: {problem}",
        },
        "ptest.no_marker": {
            "en": "no line is marked with `# expect: {rule}`; mark the lines where {rule} must "
            "be reported",
            "de": "Keine Zeile ist mit `# expect: {rule}` markiert; die Zeilen markieren, an "
            "denen {rule} gemeldet werden muss",
        },
        "ptest.expected_missing": {
            "en": "expected {rule} here (marked), but it was not reported",
            "de": "Hier wurde {rule} erwartet (markiert), aber nicht gemeldet",
        },
        "ptest.unexpected": {
            "en": "{rule} was reported here, but the line is not marked: {message}",
            "de": "{rule} wurde hier gemeldet, aber die Zeile ist nicht markiert: {message}",
        },
        "ptest.in_pass": {
            "en": "{rule} must not be reported in the passing example: {message}",
            "de": "{rule} darf im bestandenen Beispiel nicht gemeldet werden: {message}",
        },
        "ptest.marker_in_pass": {
            "en": "the passing example must not mark {rule} as expected",
            "de": "Das bestandene Beispiel darf {rule} nicht als erwartet markieren",
        },
        "ptest.unknown_rule": {
            "en": "the marker names '{rule}', which is not a rule of the loaded packs",
            "de": "Die Markierung nennt '{rule}', das keine Regel der geladenen Pakete ist",
        },
        "ptest.summary": {
            "en": "{pack} {version}: {total} rule(s) tested, {passed} passed, {failed} failed "
            "(examples checked as of {today})",
            "de": "{pack} {version}: {total} Regel(n) getestet, {passed} bestanden, {failed} "
            "fehlgeschlagen (Beispiele geprüft zum Stichtag {today})",
        },
        "ptest.no_rules": {
            "en": "the pack has no rules",
            "de": "Das Paket enthält keine Regeln",
        },
    }
)

# --- CI formats, many manifests, --output, --since (issue 5) -------------------------------
CATALOGUE.update(
    {
        "md.title": {
            "en": "AI Code of Conduct check (ai-coc)",
            "de": "Prüfung nach dem Code of Conduct Demokratische KI (ai-coc)",
        },
        "md.failed": {
            "en": "The check failed: please look at the findings below.",
            "de": "Die Prüfung ist nicht bestanden: bitte die Befunde unten ansehen.",
        },
        "md.passed_with_findings": {
            "en": "The check passed, with notes worth a look.",
            "de": "Die Prüfung ist bestanden, mit Hinweisen, die einen Blick wert sind.",
        },
        "md.principle": {"en": "Principle", "de": "Prinzip"},
        "md.result": {"en": "Result", "de": "Ergebnis"},
        "md.rules": {"en": "Rules", "de": "Regeln"},
        "md.findings": {
            "en": "What still needs to be done",
            "de": "Was noch zu tun ist",
        },
        "md.red_lines": {
            "en": "Red lines crossed",
            "de": "Überschrittene rote Linien",
        },
        "md.waivers": {"en": "Waivers in force", "de": "Gültige Ausnahmen"},
        "md.line": {"en": "line", "de": "Zeile"},
        "md.approved_by": {"en": "approved by", "de": "genehmigt von"},
        "md.expires": {"en": "expires", "de": "läuft ab am"},
        "md.no_expiry": {"en": "no expiry date", "de": "ohne Ablaufdatum"},
        "report.file_counts": {
            "en": "{file}: {errors} error(s), {warnings} warning(s), {infos} note(s)",
            "de": "{file}: {errors} Fehler, {warnings} Warnung(en), {infos} Hinweis(e)",
        },
        "report.files_heading": {"en": "Files", "de": "Dateien"},
        "progress.checking": {
            "en": "checking {n}/{total}: {file}",
            "de": "prüfe {n}/{total}: {file}",
        },
        "output.bad_spec": {
            "en": "'{value}' is not FORMAT=FILE (formats: {formats})",
            "de": "'{value}' hat nicht die Form FORMAT=DATEI (Formate: {formats})",
        },
        "output.unwritable": {
            "en": "cannot write the report: {reason}",
            "de": "Der Bericht kann nicht geschrieben werden: {reason}",
        },
        "output.unwritable.hint": {
            "en": "check that the folder exists and that you may write to it",
            "de": "Prüfen, ob der Ordner existiert und beschreibbar ist",
        },
        "since.no_git": {
            "en": "--since needs git, but the git program was not found",
            "de": "--since braucht git, aber das Programm git wurde nicht gefunden",
        },
        "since.no_git.hint": {
            "en": "install git, or run the check without --since",
            "de": "git installieren oder die Prüfung ohne --since ausführen",
        },
        "since.not_repo": {
            "en": "--since works only for manifests inside a git repository",
            "de": "--since funktioniert nur für Manifeste in einem git-Repository",
        },
        "since.bad_ref": {
            "en": "--since: '{ref}' is not a commit, branch or tag in this repository",
            "de": "--since: '{ref}' ist kein Commit, Branch oder Tag in diesem Repository",
        },
        "since.bad_ref.hint": {
            "en": "check the spelling; in CI, fetch enough history (for example "
            "`git fetch origin main` or `fetch-depth: 0`)",
            "de": "Schreibweise prüfen; in CI genug Verlauf holen (zum Beispiel "
            "`git fetch origin main` oder `fetch-depth: 0`)",
        },
        "since.note": {
            "en": "ai-coc: only findings that are new since {ref} are reported "
            "(crossed red lines always are)",
            "de": "ai-coc: nur Befunde, die seit {ref} neu sind, werden gemeldet "
            "(überschrittene rote Linien immer)",
        },
        "since.git_failed": {
            "en": "--since: git failed: {reason}",
            "de": "--since: git ist fehlgeschlagen: {reason}",
        },
    }
)

# --- configuration and waivers --------------------------------------------------------
CATALOGUE.update(
    {
        "config.missing": {
            "en": "configuration file not found",
            "de": "Konfigurationsdatei nicht gefunden",
        },
        "config.missing.hint": {
            "en": "check the path given with --config",
            "de": "Den mit --config angegebenen Pfad prüfen",
        },
        "config.invalid_toml": {
            "en": "invalid TOML: {problem}",
            "de": "Ungültiges TOML: {problem}",
        },
        "config.invalid_toml.hint": {
            "en": "check quotes, brackets and the `key = value` form near this line",
            "de": "Anführungszeichen, Klammern und die Form `schlüssel = wert` in der Nähe "
            "dieser Zeile prüfen",
        },
        "config.not_mapping": {
            "en": "the configuration must be a mapping of settings",
            "de": "Die Konfiguration muss aus Einstellungen mit Werten bestehen",
        },
        "config.unknown_key": {
            "en": "unknown setting '{key}'",
            "de": "Unbekannte Einstellung '{key}'",
        },
        "config.bad_value": {
            "en": "invalid value for '{key}': {problem}",
            "de": "Ungültiger Wert für '{key}': {problem}",
        },
        "config.allowed": {
            "en": "settings of ai-coc: {keys} (see `ai-coc config` and the docs page "
            "'Configuration')",
            "de": "Einstellungen von ai-coc: {keys} (siehe `ai-coc config` und die Doku-Seite "
            "'Configuration')",
        },
        "config.pack_missing": {
            "en": "policy pack not found: {name}",
            "de": "Regelpaket nicht gefunden: {name}",
        },
        "config.pack_folder.hint": {
            "en": "a folder is given relative to the configuration file and must contain pack.yaml",
            "de": "Ein Ordner wird relativ zur Konfigurationsdatei angegeben und muss eine "
            "pack.yaml enthalten",
        },
        "config.pack_installed.hint": {
            "en": "install the package that provides the pack next to ai-coc; installed packs: "
            "{names}",
            "de": "Das Paket mit dem Regelpaket neben ai-coc installieren; installierte "
            "Regelpakete: {names}",
        },
        "config.pack_broken": {
            "en": "the installed pack '{name}' does not point to a folder: {problem}",
            "de": "Das installierte Regelpaket '{name}' verweist auf keinen Ordner: {problem}",
        },
        "config.red_line.hint": {
            "en": "an inline red line uses the rule format of a policy pack; see the docs "
            "page 'Write your organisation's red lines'",
            "de": "Eine rote Linie in der Konfiguration hat das Regelformat eines Regelpakets; "
            "siehe die Doku-Seite zu roten Linien",
        },
        "config.off_red_line": {
            "en": "{rule} is a red line and cannot be switched off",
            "de": "{rule} ist eine rote Linie und kann nicht abgeschaltet werden",
        },
        "config.off_builtin": {
            "en": "{rule} checks the structure of the manifest or its waivers and cannot be "
            "switched off",
            "de": "{rule} prüft den Aufbau des Manifests oder seine Ausnahmen und kann nicht "
            "abgeschaltet werden",
        },
        "config.off.hint": {
            "en": "remove this line; a red line is changed only by changing the policy pack "
            "that defines it",
            "de": "Diese Zeile entfernen; eine rote Linie ändert man nur im Regelpaket, das "
            "sie festlegt",
        },
        "config.source.cli": {"en": "command line", "de": "Befehlszeile"},
        "config.source.default": {"en": "default", "de": "Standard"},
        "config.heading": {"en": "Configuration", "de": "Konfiguration"},
        "config.none": {
            "en": "no configuration file found (only defaults)",
            "de": "Keine Konfigurationsdatei gefunden (nur Standardwerte)",
        },
        "config.packs": {"en": "Policy packs", "de": "Regelpakete"},
        "config.ignored_red_line": {
            "en": "ignored: red line",
            "de": "unwirksam: rote Linie",
        },
        "report.packs": {"en": "Policy packs", "de": "Regelpakete"},
        "waiver.red_line": {
            "en": "{rule} is a red line of your organisation",
            "de": "{rule} ist eine rote Linie Ihrer Organisation",
        },
        "waiver.marked": {
            "en": "{rule} is marked `waivable: false` in its policy pack",
            "de": "{rule} ist in seinem Regelpaket als `waivable: false` markiert",
        },
        "waiver.not_waivable": {
            "en": "{rule} checks the structure of the manifest or its waivers",
            "de": "{rule} prüft den Aufbau des Manifests oder seine Ausnahmen",
        },
    }
)

# --- issue 17: CI formats that real clients accept ------------------------------------------
CATALOGUE.update(
    {
        "sarif.help.principle": {"en": "Principle", "de": "Prinzip"},
        "sarif.help.severity": {"en": "Severity", "de": "Schweregrad"},
        "sarif.help.pack": {"en": "Policy pack", "de": "Regelpaket"},
        "sarif.help.why": {"en": "Why", "de": "Warum"},
        "sarif.help.fix": {"en": "How to fix it", "de": "So beheben Sie es"},
        "sarif.help.more": {
            "en": "Run `ai-coc rule {id}` for an example that triggers this rule and one that "
            "passes.",
            "de": "`ai-coc rule {id}` zeigt ein Beispiel, das die Regel auslöst, und eines, das "
            "sie erfüllt.",
        },
        "sarif.root": {
            "en": "The top of the repository that holds the checked manifests",
            "de": "Die oberste Ebene des Repositorys mit den geprüften Manifesten",
        },
        "sarif.capped": {
            "en": "The SARIF report lists {shown} of {total} results: GitHub code scanning shows "
            "at most {limit} per run and rejects a file over 10 MB. The most severe results "
            "are kept; `--format json` or `--format text` shows them all.",
            "de": "Der SARIF-Bericht enthält {shown} von {total} Ergebnissen: GitHub Code "
            "Scanning zeigt höchstens {limit} pro Lauf und nimmt keine Datei über 10 MB an. "
            "Behalten werden die schwerwiegendsten; `--format json` oder `--format text` zeigt "
            "alle.",
        },
        "junit.note": {
            "en": "Notes below the fail threshold (--fail-on {fail_on}); they do not fail the "
            "check:",
            "de": "Hinweise unterhalb der Schwelle für ein Scheitern (--fail-on {fail_on}); sie "
            "lassen die Prüfung nicht scheitern:",
        },
        "junit.waived": {
            "en": "Waived findings (not counted as failures):",
            "de": "Ausgesetzte Befunde (nicht als Fehler gezählt):",
        },
    }
)

# --- issue 17: schema ---------------------------------------------------------------------
CATALOGUE.update(
    {
        "schema.written": {
            "en": "Wrote the schema for editors to {path}.",
            "de": "Schema für Editoren nach {path} geschrieben.",
        },
        "schema.write.conflict": {
            "en": "--write writes the manifest schema to its fixed place; leave out --output "
            "and --kind",
            "de": "--write schreibt das Manifest-Schema an seinen festen Ort; --output und "
            "--kind bitte weglassen",
        },
    }
)


# --- issue 17: schema descriptions (German; `ai-coc schema --lang de`) ----------------
CATALOGUE.update(
    {
        "schema:Manifest.manifest": {
            "en": "Format discriminator.",
            "de": "Kennung des Formats.",
        },
        "schema:Manifest.$schema": {
            "en": "JSON Schema for editors.",
            "de": "JSON-Schema für Editoren.",
        },
        "schema:Manifest.project": {
            "en": "The project (usually one repository) this manifest describes.",
            "de": "Das Projekt (meist ein Repository), das dieses Manifest beschreibt.",
        },
        "schema:Manifest.contacts": {
            "en": "Who is accountable and where people can object or ask (principles 4 and 6).",
            "de": "Wer verantwortlich ist und wo Menschen widersprechen oder fragen können "
            "(Prinzipien 4 und 6).",
        },
        "schema:Manifest.review": {
            "en": "When the manifest was last reviewed and when the next review is due.",
            "de": "Wann das Manifest zuletzt überprüft wurde und wann die nächste Prüfung fällig "
            "ist.",
        },
        "schema:Manifest.transparency": {
            "en": "The organisation's general public notice on its AI use (principle 3).",
            "de": "Der allgemeine öffentliche Hinweis der Organisation zu ihrem KI-Einsatz (Prinzip"
            " 3).",
        },
        "schema:Manifest.competences": {
            "en": "What the organisation does to build AI competences (principle 7).",
            "de": "Was die Organisation tut, um KI-Kompetenzen aufzubauen (Prinzip 7).",
        },
        "schema:Manifest.ai_used": {
            "en": "`false` declares that the project deliberately uses no AI.",
            "de": "`false` erklärt, dass das Projekt bewusst keine KI einsetzt.",
        },
        "schema:Manifest.non_uses": {
            "en": "Documented decisions not to use AI (principle 1).",
            "de": "Festgehaltene Entscheidungen, KI nicht einzusetzen (Prinzip 1).",
        },
        "schema:Manifest.uses": {
            "en": "Every AI use of the project.",
            "de": "Jeder KI-Einsatz des Projekts.",
        },
        "schema:Manifest.waivers": {
            "en": "Accepted, time-limited exceptions to findings.",
            "de": "Akzeptierte, befristete Ausnahmen von Befunden.",
        },
        "schema:Accountability": {
            "en": "Principle 6 for one use.",
            "de": "Prinzip 6 für einen Einsatz.",
        },
        "schema:Accountability.owner": {
            "en": "Person or role responsible for this use (principle 6).",
            "de": "Person oder Rolle, die für diesen Einsatz verantwortlich ist (Prinzip 6).",
        },
        "schema:Accountability.incident_process": {
            "en": "What happens when something goes wrong, and who acts.",
            "de": "Was geschieht, wenn etwas schiefgeht, und wer handelt.",
        },
        "schema:Alternative": {
            "en": "An alternative that was considered.",
            "de": "Eine Alternative, die erwogen wurde.",
        },
        "schema:Alternative.option": {
            "en": "An alternative that was considered (with or without AI).",
            "de": "Eine Alternative, die erwogen wurde (mit oder ohne KI).",
        },
        "schema:Alternative.reason_not_chosen": {
            "en": "Why this alternative was not chosen.",
            "de": "Warum diese Alternative nicht gewählt wurde.",
        },
        "schema:Contact": {
            "en": "A person or role that can be reached.",
            "de": "Eine erreichbare Person oder Rolle.",
        },
        "schema:Contact.name": {
            "en": "Name of a person (optional).",
            "de": "Name einer Person (freiwillig).",
        },
        "schema:Contact.role": {
            "en": "Role or body, e.g. `Geschäftsführung`.",
            "de": "Rolle oder Gremium, z. B. `Geschäftsführung`.",
        },
        "schema:Contact.email": {
            "en": "E-mail address.",
            "de": "E-Mail-Adresse.",
        },
        "schema:Contact.phone": {
            "en": "Telephone number (optional).",
            "de": "Telefonnummer (freiwillig).",
        },
        "schema:Contact.url": {
            "en": "Web page (optional).",
            "de": "Webseite (freiwillig).",
        },
        "schema:Contacts.accountable": {
            "en": "Person or role accountable for the AI use of the project.",
            "de": "Person oder Rolle, die für den KI-Einsatz des Projekts verantwortlich ist.",
        },
        "schema:Contacts.feedback": {
            "en": "E-mail address or URL where affected people can ask, complain or object.",
            "de": "E-Mail-Adresse oder URL, unter der Betroffene fragen, sich beschweren oder "
            "widersprechen können.",
        },
        "schema:Contacts.data_protection": {
            "en": "Data protection officer.",
            "de": "Datenschutzbeauftragte Person.",
        },
        "schema:Contacts.works_council": {
            "en": "Works council, if there is one.",
            "de": "Betriebsrat, falls es einen gibt.",
        },
        "schema:Data": {
            "en": "What data the use processes.",
            "de": "Welche Daten der Einsatz verarbeitet.",
        },
        "schema:Data.inputs": {
            "en": "Each kind of data that goes into the AI system.",
            "de": "Jede Art von Daten, die in das KI-System geht.",
        },
        "schema:DataInput": {
            "en": "One kind of data that goes into the AI system.",
            "de": "Eine Art von Daten, die in das KI-System geht.",
        },
        "schema:DataInput.description": {
            "en": "What this data is.",
            "de": "Um welche Daten es sich handelt.",
        },
        "schema:DataInput.personal_data": {
            "en": "Whether it contains personal data.",
            "de": "Ob sie personenbezogene Daten enthalten.",
        },
        "schema:DataInput.special_categories": {
            "en": "Health, religion, ethnicity, ... (GDPR Art. 9).",
            "de": "Gesundheit, Religion, ethnische Herkunft, … (DSGVO Art. 9).",
        },
        "schema:DataInput.legal_basis": {
            "en": "The legal basis for processing it (e.g. GDPR Art. 6 (1) a).",
            "de": "Die Rechtsgrundlage der Verarbeitung (z. B. DSGVO Art. 6 Abs. 1 a).",
        },
        "schema:DataInput.leaves_organisation": {
            "en": "Whether the data leaves the organisation (e.g. to a cloud).",
            "de": "Ob die Daten die Organisation verlassen (z. B. in eine Cloud).",
        },
        "schema:Environment": {
            "en": "Principle 8: energy, water and resources.",
            "de": "Prinzip 8: Energie, Wasser und Ressourcen.",
        },
        "schema:Environment.intensity": {
            "en": "Resource intensity of the use: `low`, `medium` or `high`.",
            "de": "Ressourcenbedarf des Einsatzes: `low`, `medium` oder `high`.",
        },
        "schema:Environment.lighter_alternative": {
            "en": "A lighter option that was considered (smaller model, ...).",
            "de": "Eine sparsamere Möglichkeit, die erwogen wurde (kleineres Modell, …).",
        },
        "schema:Environment.estimate": {
            "en": "An estimate of energy use and emissions.",
            "de": "Eine Schätzung von Energieverbrauch und Emissionen.",
        },
        "schema:Environment.justification": {
            "en": "Why the use's consumption of energy and resources is justified.",
            "de": "Warum der Verbrauch an Energie und Ressourcen gerechtfertigt ist.",
        },
        "schema:Estimate.energy_kwh": {
            "en": "Energy use in kilowatt hours for the period.",
            "de": "Energieverbrauch in Kilowattstunden für den Zeitraum.",
        },
        "schema:Estimate.co2e_kg": {
            "en": "Emissions in kilograms of CO2 equivalent for the period.",
            "de": "Emissionen in Kilogramm CO2-Äquivalent für den Zeitraum.",
        },
        "schema:Estimate.period": {
            "en": "The period the estimate covers, e.g. `per month`.",
            "de": "Der Zeitraum der Schätzung, z. B. `per month`.",
        },
        "schema:Estimate.method": {
            "en": "How the figures were found: `measured`, `provider` or `estimated`.",
            "de": "Wie die Zahlen ermittelt wurden: `measured`, `provider` oder `estimated`.",
        },
        "schema:Evaluation": {
            "en": "The learning protocol.",
            "de": "Das Lernprotokoll.",
        },
        "schema:Evaluation.goal": {
            "en": "What the use was meant to achieve.",
            "de": "Was der Einsatz erreichen sollte.",
        },
        "schema:Evaluation.challenges": {
            "en": "What turned out to be hard.",
            "de": "Was sich als schwierig erwiesen hat.",
        },
        "schema:Evaluation.solutions": {
            "en": "How the challenges were met.",
            "de": "Wie die Schwierigkeiten gelöst wurden.",
        },
        "schema:Evaluation.recommendations": {
            "en": "Advice for others: text, a list, or `do` / `dont` lists.",
            "de": "Rat für andere: Text, eine Liste oder die Listen `do` / `dont`.",
        },
        "schema:Evaluation.last_evaluated": {
            "en": "Date of the last evaluation.",
            "de": "Datum der letzten Auswertung.",
        },
        "schema:Labour": {
            "en": "The human work behind the model and its data (annotation, labelling, "
            "moderation).",
            "de": "Die menschliche Arbeit hinter dem Modell und seinen Daten (Annotation, "
            "Labelling, Moderation).",
        },
        "schema:Labour.status": {
            "en": "`known`, `partial`, `not_disclosed`, `unknown` or `not_applicable`.",
            "de": "`known`, `partial`, `not_disclosed`, `unknown` oder `not_applicable`.",
        },
        "schema:Labour.source": {
            "en": "URL or document the statement rests on.",
            "de": "URL oder Dokument, auf dem die Angabe beruht.",
        },
        "schema:Labour.checked_on": {
            "en": "When the source was checked.",
            "de": "Wann die Quelle geprüft wurde.",
        },
        "schema:Labour.requested_on": {
            "en": "When the provider was asked.",
            "de": "Wann beim Anbieter nachgefragt wurde.",
        },
        "schema:Labour.justification": {
            "en": "Why the use is acceptable although this is not fully known, and what was done to"
            " find out. Required unless the status is `known` or `not_applicable`.",
            "de": "Warum der Einsatz vertretbar ist, obwohl dies nicht ganz bekannt ist, und was "
            "unternommen wurde, um es herauszufinden. Pflicht, außer beim Status `known` oder"
            " `not_applicable`.",
        },
        "schema:Labour.performed_by": {
            "en": "Who did the work.",
            "de": "Wer die Arbeit geleistet hat.",
        },
        "schema:Labour.tasks": {
            "en": "Tasks, e.g. annotation, labelling, content moderation, rating.",
            "de": "Aufgaben, z. B. Annotation, Labelling, Inhaltsmoderation, Bewertung.",
        },
        "schema:Labour.fair_pay": {
            "en": "Whether the workers were paid fairly.",
            "de": "Ob die Arbeitenden fair bezahlt wurden.",
        },
        "schema:Labour.harmful_content_exposure": {
            "en": "Whether and how workers were exposed to harmful content.",
            "de": "Ob und wie die Arbeitenden belastenden Inhalten ausgesetzt waren.",
        },
        "schema:Labour.worker_channel": {
            "en": "How workers can raise concerns (union, ombudsperson, ...).",
            "de": "Wie die Arbeitenden Bedenken vorbringen können (Gewerkschaft, Ombudsstelle, …).",
        },
        "schema:NonUse": {
            "en": "A documented decision not to use AI for a task (principle 1).",
            "de": "Eine festgehaltene Entscheidung, KI für eine Aufgabe nicht einzusetzen (Prinzip "
            "1).",
        },
        "schema:NonUse.id": {
            "en": "Stable identifier of the decision.",
            "de": "Feste Kennung der Entscheidung.",
        },
        "schema:NonUse.area": {
            "en": "The task for which AI is not used.",
            "de": "Die Aufgabe, für die keine KI eingesetzt wird.",
        },
        "schema:NonUse.considered": {
            "en": "Tool or approach that was considered.",
            "de": "Werkzeug oder Vorgehen, das erwogen wurde.",
        },
        "schema:NonUse.reasons": {
            "en": "Why AI is not used.",
            "de": "Warum keine KI eingesetzt wird.",
        },
        "schema:NonUse.decided_on": {
            "en": "Date of the decision.",
            "de": "Datum der Entscheidung.",
        },
        "schema:NonUse.decided_by": {
            "en": "Who decided.",
            "de": "Wer entschieden hat.",
        },
        "schema:NonUse.revisit_on": {
            "en": "When to look at the decision again.",
            "de": "Wann die Entscheidung erneut angesehen wird.",
        },
        "schema:OrgCompetences.programme": {
            "en": "Training or learning programme.",
            "de": "Schulungs- oder Lernprogramm.",
        },
        "schema:OrgCompetences.guidance": {
            "en": "Path or URL of the internal AI guideline.",
            "de": "Pfad oder URL der internen KI-Leitlinie.",
        },
        "schema:OrgCompetences.last_training": {
            "en": "Date of the last training.",
            "de": "Datum der letzten Schulung.",
        },
        "schema:Output": {
            "en": "Something the AI produces (principle 3).",
            "de": "Etwas, das die KI erzeugt (Prinzip 3).",
        },
        "schema:Output.kind": {
            "en": "What is produced: `text`, `image`, `video`, `audio`, `translation`, `code`, "
            "`data` or `decision-support`.",
            "de": "Was erzeugt wird: `text`, `image`, `video`, `audio`, `translation`, `code`, "
            "`data` oder `decision-support`.",
        },
        "schema:Output.ai_share": {
            "en": "How much is made by AI: `assisted`, `substantial` or `full`.",
            "de": "Wie viel die KI beiträgt: `assisted`, `substantial` oder `full`.",
        },
        "schema:Output.public": {
            "en": "Whether the output is published or shown outside the organisation.",
            "de": "Ob das Ergebnis veröffentlicht oder außerhalb der Organisation gezeigt wird.",
        },
        "schema:Output.labelled": {
            "en": "Whether the output is labelled as made with AI where it appears.",
            "de": "Ob das Ergebnis dort, wo es erscheint, als mit KI erstellt gekennzeichnet ist.",
        },
        "schema:Output.label": {
            "en": "The label text, e.g. `Maschinell übersetzt`.",
            "de": "Der Text der Kennzeichnung, z. B. `Maschinell übersetzt`.",
        },
        "schema:Participation": {
            "en": "Principle 4: who was involved.",
            "de": "Prinzip 4: wer beteiligt war.",
        },
        "schema:Participation.staff_involved": {
            "en": "Which staff, volunteers or bodies were involved.",
            "de": "Welche Mitarbeitenden, Ehrenamtlichen oder Gremien beteiligt waren.",
        },
        "schema:Participation.works_council": {
            "en": "`consulted`, `agreement`, `not-consulted` or `none-exists`.",
            "de": "`consulted`, `agreement`, `not-consulted` oder `none-exists`.",
        },
        "schema:Participation.affected_consulted": {
            "en": "How the people affected were asked.",
            "de": "Wie die Betroffenen gefragt wurden.",
        },
        "schema:People": {
            "en": "Principles 2 and 5: people affected, oversight, alternatives, discrimination.",
            "de": "Prinzipien 2 und 5: Betroffene, menschliche Aufsicht, Alternativen, "
            "Diskriminierung.",
        },
        "schema:People.affects_people": {
            "en": "Whether the use affects people (beyond its operators).",
            "de": "Ob der Einsatz Menschen betrifft (über die Bedienenden hinaus).",
        },
        "schema:People.decisions_about_people": {
            "en": "Whether outputs feed into decisions about people.",
            "de": "Ob Ergebnisse in Entscheidungen über Menschen einfließen.",
        },
        "schema:People.human_oversight": {
            "en": "`always`, `sampled`, `on-escalation` or `none`.",
            "de": "`always`, `sampled`, `on-escalation` oder `none`.",
        },
        "schema:People.non_ai_alternative": {
            "en": "How people who cannot or will not use AI are served.",
            "de": "Wie Menschen versorgt werden, die KI nicht nutzen können oder wollen.",
        },
        "schema:People.bias_assessment": {
            "en": "How discrimination and bias were assessed (principle 5).",
            "de": "Wie Diskriminierung und Verzerrungen geprüft wurden (Prinzip 5).",
        },
        "schema:People.groups": {
            "en": "The vulnerability risk matrix: groups, harms, likelihood and severity.",
            "de": "Die Risikomatrix zur Verletzlichkeit: Gruppen, Schäden, Wahrscheinlichkeit und "
            "Schwere.",
        },
        "schema:Project.name": {
            "en": "Name of the project.",
            "de": "Name des Projekts.",
        },
        "schema:Project.organisation": {
            "en": "The organisation responsible for the project.",
            "de": "Die Organisation, die für das Projekt verantwortlich ist.",
        },
        "schema:Project.repository": {
            "en": "URL of the repository.",
            "de": "URL des Repositorys.",
        },
        "schema:Project.description": {
            "en": "What the project is, in a sentence.",
            "de": "Was das Projekt ist, in einem Satz.",
        },
        "schema:Provenance": {
            "en": "Origin of the model's training data and of own datasets.",
            "de": "Herkunft der Trainingsdaten des Modells und eigener Datensätze.",
        },
        "schema:Provenance.sources": {
            "en": "Known data sources.",
            "de": "Bekannte Datenquellen.",
        },
        "schema:Provenance.creative_works": {
            "en": "Whether creative works (texts, images, music) are in the data.",
            "de": "Ob kreative Werke (Texte, Bilder, Musik) in den Daten sind.",
        },
        "schema:Provenance.creators_compensated": {
            "en": "Whether the creators of those works were paid or asked.",
            "de": "Ob die Urheber*innen dieser Werke bezahlt oder gefragt wurden.",
        },
        "schema:ProvenanceSource": {
            "en": "One source of training data or of an own dataset.",
            "de": "Eine Quelle von Trainingsdaten oder eines eigenen Datensatzes.",
        },
        "schema:ProvenanceSource.type": {
            "en": "`public-dataset`, `licensed`, `crawled`, `user-data`, `synthetic`, `own` or "
            "`other`.",
            "de": "`public-dataset`, `licensed`, `crawled`, `user-data`, `synthetic`, `own` oder "
            "`other`.",
        },
        "schema:ProvenanceSource.description": {
            "en": "What the source is.",
            "de": "Um welche Quelle es sich handelt.",
        },
        "schema:ProvenanceSource.licence": {
            "en": "Licence of the data.",
            "de": "Lizenz der Daten.",
        },
        "schema:ProvenanceSource.consent": {
            "en": "Whether and how the people in or behind the data consented.",
            "de": "Ob und wie die Menschen in oder hinter den Daten eingewilligt haben.",
        },
        "schema:Review.last_reviewed": {
            "en": "Date of the last review.",
            "de": "Datum der letzten Überprüfung.",
        },
        "schema:Review.next_review_due": {
            "en": "Date by which the next review must happen.",
            "de": "Datum, bis zu dem die nächste Überprüfung stattfinden muss.",
        },
        "schema:Review.reviewed_by": {
            "en": "Names, roles or bodies that did the review.",
            "de": "Namen, Rollen oder Gremien, die überprüft haben.",
        },
        "schema:RiskGroup": {
            "en": "A row of the vulnerability risk matrix.",
            "de": "Eine Zeile der Risikomatrix zur Verletzlichkeit.",
        },
        "schema:RiskGroup.group": {
            "en": "A group of people who may be harmed.",
            "de": "Eine Gruppe von Menschen, die Schaden nehmen könnte.",
        },
        "schema:RiskGroup.vulnerable": {
            "en": "Whether the group is vulnerable.",
            "de": "Ob die Gruppe besonders verletzlich ist.",
        },
        "schema:RiskGroup.harm": {
            "en": "The possible harm.",
            "de": "Der mögliche Schaden.",
        },
        "schema:RiskGroup.likelihood": {
            "en": "How likely the harm is: `low`, `medium` or `high`.",
            "de": "Wie wahrscheinlich der Schaden ist: `low`, `medium` oder `high`.",
        },
        "schema:RiskGroup.severity": {
            "en": "How severe the harm would be: `low`, `medium` or `high`.",
            "de": "Wie schwer der Schaden wäre: `low`, `medium` oder `high`.",
        },
        "schema:RiskGroup.mitigation": {
            "en": "What is done to prevent or lessen it.",
            "de": "Was getan wird, um ihn zu verhindern oder zu mindern.",
        },
        "schema:System": {
            "en": "The AI system used.",
            "de": "Das eingesetzte KI-System.",
        },
        "schema:System.tool": {
            "en": "Product or tool name.",
            "de": "Name des Produkts oder Werkzeugs.",
        },
        "schema:System.provider": {
            "en": "Company or body that provides it.",
            "de": "Unternehmen oder Stelle, die es anbietet.",
        },
        "schema:System.model": {
            "en": "Model name.",
            "de": "Name des Modells.",
        },
        "schema:System.version": {
            "en": "Model or tool version.",
            "de": "Version des Modells oder Werkzeugs.",
        },
        "schema:System.openness": {
            "en": "`open-source`, `open-weights`, `closed` or `unknown`.",
            "de": "`open-source`, `open-weights`, `closed` oder `unknown`.",
        },
        "schema:System.hosting": {
            "en": "`self-hosted`, `on-device`, `eu-cloud`, `non-eu-cloud` or `unknown`.",
            "de": "`self-hosted`, `on-device`, `eu-cloud`, `non-eu-cloud` oder `unknown`.",
        },
        "schema:System.provider_trains_on_inputs": {
            "en": "Whether the provider trains its models on what you put in.",
            "de": "Ob der Anbieter seine Modelle mit Ihren Eingaben trainiert.",
        },
        "schema:TrainsOnInputs": {
            "en": "Whether the provider uses what the organisation puts in to train its models.",
            "de": "Ob der Anbieter die Eingaben der Organisation zum Training seiner "
            "Modelle nutzt.",
        },
        "schema:TrainsOnInputs.trains": {
            "en": "`yes`, `no` or `unknown`: does the provider train on your inputs?",
            "de": "`yes`, `no` oder `unknown`: Trainiert der Anbieter mit Ihren Eingaben?",
        },
        "schema:Transparency.notice": {
            "en": "Path in the repository or URL of the public AI notice.",
            "de": "Pfad im Repository oder URL des öffentlichen KI-Hinweises.",
        },
        "schema:Use": {
            "en": "One AI use of the project.",
            "de": "Ein KI-Einsatz des Projekts.",
        },
        "schema:Use.id": {
            "en": "Stable identifier; findings and waivers refer to it.",
            "de": "Feste Kennung; Befunde und Ausnahmen beziehen sich darauf.",
        },
        "schema:Use.name": {
            "en": "Human name of the use.",
            "de": "Verständlicher Name des Einsatzes.",
        },
        "schema:Use.status": {
            "en": "`proposed`, `pilot`, `active`, `paused`, `retired` or `rejected`.",
            "de": "`proposed`, `pilot`, `active`, `paused`, `retired` oder `rejected`.",
        },
        "schema:Use.phase": {
            "en": "Phase of the AI use cycle: `development`, `selection`, `deployment` or "
            "`evaluation`.",
            "de": "Phase im Zyklus des KI-Einsatzes: `development`, `selection`, `deployment` oder "
            "`evaluation`.",
        },
        "schema:Use.categories": {
            "en": "What the use does, from the shipped vocabulary (e.g. `translation`, `chatbot`, "
            "`image-generation`); red lines match on these.",
            "de": "Was der Einsatz tut, aus dem mitgelieferten Vokabular (z. B. `translation`, "
            "`chatbot`, `image-generation`); rote Linien richten sich danach.",
        },
        "schema:Use.audience": {
            "en": "Who receives the output: `internal`, `members`, `clients` or `public`.",
            "de": "Wer das Ergebnis erhält: `internal`, `members`, `clients` oder `public`.",
        },
        "schema:Use.purpose": {
            "en": "What problem the use solves (principle 1).",
            "de": "Welches Problem der Einsatz löst (Prinzip 1).",
        },
        "schema:Use.weighing": {
            "en": "Principle 1: chances against risks; why doing without AI was not chosen.",
            "de": "Prinzip 1: Chancen gegen Risiken; warum nicht auf KI verzichtet wurde.",
        },
        "schema:Use.competences": {
            "en": "Principle 7 for one use.",
            "de": "Prinzip 7 für einen Einsatz.",
        },
        "schema:Use.reasons": {
            "en": "For `status: rejected`: why the use was rejected.",
            "de": "Bei `status: rejected`: warum der Einsatz abgelehnt wurde.",
        },
        "schema:UseCompetences.training": {
            "en": "Training for the people who operate the use (principle 7).",
            "de": "Schulung für die Menschen, die den Einsatz bedienen (Prinzip 7).",
        },
        "schema:UseCompetences.operators_trained": {
            "en": "Whether the operators have been trained.",
            "de": "Ob die Bedienenden geschult wurden.",
        },
        "schema:Waiver": {
            "en": "An accepted, time-limited exception to a finding.",
            "de": "Eine akzeptierte, befristete Ausnahme von einem Befund.",
        },
        "schema:Waiver.rule": {
            "en": "Rule ID or name.",
            "de": "ID oder Name der Regel.",
        },
        "schema:Waiver.use": {
            "en": "Use id; omitted means the whole manifest.",
            "de": "Kennung des Einsatzes; ohne Angabe gilt sie für das ganze Manifest.",
        },
        "schema:Waiver.reason": {
            "en": "Why the exception is accepted.",
            "de": "Warum die Ausnahme akzeptiert wird.",
        },
        "schema:Waiver.approved_by": {
            "en": "Who approved the exception.",
            "de": "Wer die Ausnahme genehmigt hat.",
        },
        "schema:Waiver.expires": {
            "en": "Date on which the exception stops working.",
            "de": "Datum, an dem die Ausnahme endet.",
        },
        "schema:Weighing.benefits": {
            "en": "Who benefits from the use, and how.",
            "de": "Wer vom Einsatz profitiert, und wie.",
        },
        "schema:Weighing.risks": {
            "en": "Who may be disadvantaged or harmed, and how.",
            "de": "Wer benachteiligt oder geschädigt werden könnte, und wie.",
        },
        "schema:Weighing.alternatives": {
            "en": "Alternatives that were considered.",
            "de": "Alternativen, die erwogen wurden.",
        },
        "schema:Weighing.non_use": {
            "en": "Why doing without AI was not chosen (the non-use justification).",
            "de": "Warum nicht auf KI verzichtet wurde (die Begründung gegen den Verzicht).",
        },
        "schema:Weighing.decided_on": {
            "en": "Date of the decision to use AI.",
            "de": "Datum der Entscheidung für den KI-Einsatz.",
        },
        "schema:Config.extends": {
            "en": "Policy packs to load in addition to the built-in `coc` pack: a folder (relative "
            "to this file) or the name of an installed pack.",
            "de": "Regelpakete, die zusätzlich zum eingebauten Paket `coc` geladen werden: ein "
            "Ordner (relativ zu dieser Datei) oder der Name eines installierten Pakets.",
        },
        "schema:Config.red_lines": {
            "en": "Red lines written here, in the rule format of a policy pack. They form the pack "
            "`inline`; every rule is a red line.",
            "de": "Hier geschriebene rote Linien im Regelformat eines Regelpakets. Sie bilden das "
            "Paket `inline`; jede Regel darin ist eine rote Linie.",
        },
        "schema:Config.red_line_prefix": {
            "en": "The ID prefix of the inline red lines (e.g. RL for RL001).",
            "de": "Das ID-Präfix der roten Linien in der Konfiguration (z. B. RL für RL001).",
        },
        "schema:Config.severity": {
            "en": "Severity per rule (ID or name): error, warning, info or off. Red lines and "
            "structural rules (COC0nn) cannot be switched off.",
            "de": "Schweregrad je Regel (ID oder Name): error, warning, info oder off. Rote Linien "
            "und Regeln zum Aufbau (COC0nn) lassen sich nicht abschalten.",
        },
        "schema:Config.fail_on": {
            "en": "Exit with 1 for findings of this severity or higher.",
            "de": "Mit 1 beenden bei Befunden dieses Schweregrads oder höher.",
        },
        "schema:Config.lang": {
            "en": "Language of the output.",
            "de": "Sprache der Ausgabe.",
        },
        "schema:Config.waiver_max_days": {
            "en": "How many days ahead a waiver may expire at most.",
            "de": "Wie viele Tage im Voraus eine Ausnahme höchstens enden darf.",
        },
        "schema:Config.categories": {
            "en": "Extra use categories this organisation uses, besides the built-in ones.",
            "de": "Weitere Kategorien von Einsätzen, die diese Organisation neben den eingebauten "
            "verwendet.",
        },
    }
)
