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


# --- issue 13: the gate ---
CATALOGUE.update({})


# --- issue 14: inputs and cost ---
CATALOGUE.update({})


# --- issue 16: the Code in depth ---
CATALOGUE.update({})


# --- issue 17: distribution and clients ---
CATALOGUE.update({})


# --- issue 20: real disclosures ---
CATALOGUE.update({})


# --- issue 16: init covers check (model and rules) ---
CATALOGUE.update(
    {
        "cli.aborted": {"en": "Aborted.", "de": "Abgebrochen."},
    }
)
