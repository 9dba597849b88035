"""``ai-coc import`` and ``ai-coc export``: read what other formats say, write what others read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ai_coc.commands.helptext import argument, group, option
from ai_coc.commands.language import group_lang_option
from ai_coc.commands.options import lang_option, today_option, write_file
from ai_coc.i18n import N_, detect_language, set_language, t

STATUSES = ("proposed", "pilot", "active", "paused", "retired", "rejected")


def _manifest_path(manifest: Path | None) -> Path:
    from ai_coc.run.discover import discover

    return manifest if manifest is not None else discover(Path.cwd())


def _reference(source: Path, manifest: Path) -> str:
    """How the manifest names the imported file: relative to the manifest when it is inside
    the manifest's folder, else as given."""
    try:
        return source.resolve().relative_to(manifest.absolute().parent.resolve()).as_posix()
    except (ValueError, OSError):
        return source.as_posix()


def _apply(
    manifest: Path,
    section: str,
    entry: dict[str, Any],
    *,
    what: str,
    source: str,
    notes: list[str],
    dry_run: bool,
    today: dt.date,
    lang: str,
) -> int:
    from ai_coc.author.imports.manifest_edit import upsert
    from ai_coc.files import display_path, read_text

    shown = display_path(manifest)
    original = read_text(manifest, display=shown)
    note = t(
        "Imported by `ai-coc import {what}` from {file} on {date}. What "
        "the file does not say is still missing: run `ai-coc check`.",
        lang,
        what=what,
        file=source,
        date=today.isoformat(),
    )
    edit = upsert(original, section, entry, file=shown, lang=lang, note=note)
    if edit.text == original:
        click.echo(
            t("{path} already says all of this; nothing to change.", lang, path=shown), err=True
        )
        return 0
    if dry_run:
        click.echo(edit.diff(original, shown), nl=False)
        click.echo(t("Dry run: {path} was not changed.", lang, path=shown), err=True)
    else:
        write_file(manifest, edit.text)
        click.echo(t(WRITTEN[edit.action, section], lang, id=edit.ident, path=shown))
    if notes:
        click.echo(t("Still open:", lang), err=True)
        for item in notes:
            click.echo(f"  - {item}", err=True)
    if not dry_run:
        click.echo(
            t("Next: run `ai-coc check {path}` to see what is still missing.", lang, path=shown)
        )
    return 0


_manifest_option = option(
    "--manifest",
    "manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("PATH"),
    help=N_(
        "The manifest to change (default: the ai-usage.yaml here or at the top of the git "
        "repository)."
    ),
)
_dry_run_option = option(
    "--dry-run", is_flag=True, help=N_("Show the change as a unified diff and write nothing.")
)
_use_option = option(
    "--use",
    "use_id",
    default=None,
    metavar=N_("ID"),
    help=N_("The id of the entry to add or update (default: from the file)."),
)


#: What an import did, per action and manifest section.
WRITTEN: dict[tuple[str, str], str] = {
    ("added", "uses"): N_("Added the use '{id}' to {path}; all comments were kept."),
    ("updated", "uses"): N_("Updated the use '{id}' in {path}; all comments were kept."),
    ("added", "non_uses"): N_(
        "Added the decision against AI '{id}' to {path}; all comments were kept."
    ),
    ("updated", "non_uses"): N_(
        "Updated the decision against AI '{id}' in {path}; all comments were kept."
    ),
}


@group(
    name="import",
    help=N_(
        "Take what another file already says into the manifest.\n"
        "\n"
        "Comments and the order of keys in ai-usage.yaml are kept; an entry with the same "
        "id is updated."
    ),
)
@group_lang_option
def import_group() -> None:
    """``ai-coc import`` (its help is the translated ``help=`` above)."""


@import_group.command(
    name="hf-card",
    help=N_(
        "A Hugging Face model or dataset card (README.md with YAML front matter).\n"
        "\n"
        "annotations_creators -> labour, source_datasets/datasets and license ->\n"
        "provenance.sources, co2_eq_emissions -> environment.estimate. What the card\n"
        "does not say stays open for `ai-coc check` to report."
    ),
)
@argument("card", type=click.Path(path_type=Path, dir_okay=False), metavar=N_("CARD"))
@_use_option
@_manifest_option
@_dry_run_option
@option(
    "--status",
    type=click.Choice(STATUSES),
    default=None,
    help=N_(
        "Status of the use (default for a new use: pilot, so that `check` asks for "
        "everything a running use needs; an existing use keeps its status)."
    ),
)
@today_option
@lang_option
def hf_card(
    card: Path,
    use_id: str | None,
    manifest: Path | None,
    dry_run: bool,
    status: str | None,
    today: dt.date,
    lang: str | None,
) -> int:
    """``ai-coc import hf-card`` (its help is the translated ``help=`` above)."""
    from ai_coc.author.imports.frontmatter import first_heading, read_front_matter
    from ai_coc.author.imports.hfcard import card_to_use, slug
    from ai_coc.author.imports.manifest_edit import existing_ids
    from ai_coc.files import display_path, read_text
    from ai_coc.read.yaml import parse_document

    language = detect_language(lang)
    set_language(language)
    target = _manifest_path(manifest)
    shown_card = display_path(card)
    front = read_front_matter(read_text(card, display=shown_card), shown_card)
    fallback = first_heading(front.body) or (
        card.absolute().parent.name if card.stem.casefold() == "readme" else card.stem
    )
    source = _reference(card, target)
    imported = card_to_use(
        front,
        source=source,
        fallback_name=fallback or "card",
        use_id=slug(use_id) if use_id else None,
        today=today,
        lang=language,
    )
    shown = display_path(target)
    current = parse_document(read_text(target, display=shown), shown).data
    use = imported.use
    is_new = use["id"] not in existing_ids(current, "uses")
    if status is not None or is_new:
        use = {"id": use["id"], "name": use["name"], "status": status or "pilot", **use}
    return _apply(
        target,
        "uses",
        use,
        what="hf-card",
        source=source,
        notes=imported.notes,
        dry_run=dry_run,
        today=today,
        lang=language,
    )


@import_group.command(
    name="ai-declaration",
    help=N_(
        "An AI-DECLARATION.md (levels none, hint, assist, pair, copilot, auto).\n"
        "\n"
        "level none -> a documented decision against AI (non_uses); any other\n"
        "level -> a use of the fitting categories, with the processes and the notes\n"
        "as its purpose."
    ),
)
@argument("declaration", type=click.Path(path_type=Path, dir_okay=False), metavar=N_("DECLARATION"))
@_use_option
@_manifest_option
@_dry_run_option
@today_option
@lang_option
def ai_declaration(
    declaration: Path,
    use_id: str | None,
    manifest: Path | None,
    dry_run: bool,
    today: dt.date,
    lang: str | None,
) -> int:
    """``ai-coc import ai-declaration`` (its help is the translated ``help=`` above)."""
    from ai_coc.author.imports.declaration import declaration_to_entry, read_declaration
    from ai_coc.author.imports.frontmatter import read_front_matter
    from ai_coc.author.imports.hfcard import slug
    from ai_coc.files import display_path, read_text

    language = detect_language(lang)
    set_language(language)
    target = _manifest_path(manifest)
    shown_file = display_path(declaration)
    front = read_front_matter(read_text(declaration, display=shown_file), shown_file)
    parsed = read_declaration(front, shown_file)
    source = _reference(declaration, target)
    imported = declaration_to_entry(
        parsed, source=source, use_id=slug(use_id) if use_id else None, lang=language
    )
    return _apply(
        target,
        imported.section,
        imported.entry,
        what="ai-declaration",
        source=source,
        notes=imported.notes,
        dry_run=dry_run,
        today=today,
        lang=language,
    )


@group(name="export", help=N_("Write the manifest in a format other tools read."))
@group_lang_option
def export_group() -> None:
    """``ai-coc export`` (its help is the translated ``help=`` above)."""


@export_group.command(
    name="cyclonedx",
    help=N_(
        "A CycloneDX 1.6 ML-BOM (JSON): one machine-learning-model component per use.\n"
        "\n"
        "Labour, the decision against doing without AI and documented non-uses,\n"
        "which CycloneDX has no field for, are properties named ai-coc:… (see the\n"
        "documentation)."
    ),
)
@argument(
    "manifest",
    required=False,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar=N_("MANIFEST"),
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("FILE"),
    help=N_("Write the BOM to FILE (default: standard output)."),
)
@today_option
@lang_option
def cyclonedx(manifest: Path | None, output: Path | None, today: dt.date, lang: str | None) -> int:
    """``ai-coc export cyclonedx`` (its help is the translated ``help=`` above)."""
    from ai_coc.author.export.cyclonedx import SPEC_VERSION, dumps, to_bom
    from ai_coc.files import display_path, read_text
    from ai_coc.read.yaml import load_document, require_manifest

    language = detect_language(lang)
    set_language(language)
    target = _manifest_path(manifest)
    shown = display_path(target)
    doc = load_document(target, display=shown)
    require_manifest(doc)
    bom = to_bom(doc.data, today, read_text(target, display=shown))
    text = dumps(bom)
    if output is None:
        click.echo(text, nl=False)
        return 0
    write_file(output, text)
    click.echo(
        t(
            "Wrote the CycloneDX {version} ML-BOM with {count} model(s) to {path}.",
            language,
            version=SPEC_VERSION,
            count=len(bom["components"]),
            path=display_path(output),
        ),
        err=True,
    )
    return 0
