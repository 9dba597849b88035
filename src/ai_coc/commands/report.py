"""``ai-coc report``: the organisation's register, built from many repositories' JSON reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import format_option, lang_option, stdout, today_option, write_file
from ai_coc.i18n import N_, detect_language, set_language, t

#: The register's formats.
REGISTER_FORMATS: tuple[str, ...] = ("html", "public-html", "public-md", "csv", "uses-csv", "json")


@command(
    help=N_(
        "Build the organisation's register from JSON reports.\n"
        "\n"
        "REPORTS are JSON reports written by `ai-coc check --format json` (or\n"
        "-o json=FILE): files, folders (every JSON file below them) or quoted glob\n"
        "patterns, e.g. `'artifacts/**/ai-coc.json'`. In a folder or a glob, JSON\n"
        "files that are not ai-coc reports are skipped.\n"
        "\n"
        "Exit codes: 0 written, 2 unreadable input."
    )
)
@argument("inputs", nargs=-1, required=True, metavar=N_("REPORTS"))
@format_option(
    REGISTER_FORMATS,
    N_(
        "Format on standard output: the internal register (html), the public page "
        "(public-html, public-md), one CSV row per repository (csv) or per use (uses-csv), "
        "or json."
    ),
    default="html",
)
@option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar=N_("FORMAT=FILE"),
    help=N_(
        "Write FORMAT to FILE instead of standard output (repeatable), "
        "e.g. -o html=register.html -o public-md=ai-register.md."
    ),
)
@option(
    "--previous",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("FILE"),
    help=N_("A register written earlier with -o json=FILE: show what changed since then."),
)
@today_option
@lang_option
def report(
    inputs: tuple[str, ...],
    output_format: str,
    outputs: tuple[str, ...],
    previous: Path | None,
    today: dt.date,
    lang: str | None,
) -> int:
    """``ai-coc report`` (its help is the translated ``help=`` above)."""
    from ai_coc.errors import InputError
    from ai_coc.report.register import changes, html, public, tabular
    from ai_coc.report.register.load import load_register

    language = detect_language(lang)
    set_language(language)
    targets: list[tuple[str, Path | None]] = []
    for value in outputs:
        name, sep, file = value.partition("=")
        if not sep or name not in REGISTER_FORMATS or not file:
            raise InputError(
                t(
                    "--output expects FORMAT=FILE with FORMAT one of {formats}, not {value!r}",
                    value=value,
                    formats=", ".join(REGISTER_FORMATS),
                ),
                hint=t("for example: -o html=register.html -o public-md=ki-register.md"),
            )
        targets.append((name, Path(file)))
    if not targets:
        targets.append((output_format, None))
    before = changes.load_previous(previous) if previous is not None else None
    register, builder = load_register(inputs, today)
    if before is not None:
        register.changes = changes.diff(register, before)
        previous_date = before.get("today")
        register.previous_date = previous_date if isinstance(previous_date, str) else None
    if builder.skipped:
        click.echo(
            t(
                "ai-coc: {n} JSON file(s) that are not ai-coc reports were skipped",
                n=builder.skipped,
            ),
            err=True,
        )
    for key in builder.replaced:
        click.echo(
            t("ai-coc: {key} appears in more than one report; the newest is used", key=key),
            err=True,
        )
    renderers = {
        "html": lambda: html.render(register, language),
        "public-html": lambda: public.render_html(register, language),
        "public-md": lambda: public.render_markdown(register, language),
        "csv": lambda: tabular.repositories_csv(register),
        "uses-csv": lambda: tabular.uses_csv(register),
        "json": lambda: tabular.render_json(register),
    }
    for kind, target in targets:
        text = renderers[kind]()
        if target is None:
            stdout().write(text)
        else:
            write_file(target, text)
    return 0
