"""``ai-coc baseline``: accept today's findings, so that ``check --baseline`` fails only on new
ones. The file is written once and afterwards can only shrink (``--prune``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import config_option, lang_option, today_option, write_file
from ai_coc.i18n import N_, detect_language, set_language, t


@command(
    help=N_(
        "Accept the current findings as a baseline, or prune a baseline.\n"
        "\n"
        "Without FILE existing: check PATHS (as `ai-coc check` does) and write every\n"
        "finding to FILE, keyed by file, rule and logical path (never by line).\n"
        "Red lines are never written. With FILE existing: say which entries still\n"
        "match and which are fixed; --prune removes the fixed ones. Nothing is ever\n"
        "added to an existing baseline (delete it on purpose to start again).\n"
        "\n"
        "Exit codes: 0 done, 2 unreadable input or baseline file."
    )
)
@argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=N_("PATHS"))
@option(
    "--file",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("ai-coc-baseline.json"),
    show_default=True,
    metavar=N_("FILE"),
    help=N_("The baseline file."),
)
@option(
    "--prune",
    is_flag=True,
    default=False,
    help=N_("Remove the entries that no longer match a finding (the file only ever shrinks)."),
)
@config_option
@today_option
@lang_option
def baseline(
    paths: tuple[Path, ...],
    baseline_file: Path,
    prune: bool,
    config_file: Path | None,
    today: dt.date,
    lang: str | None,
) -> int:
    """``ai-coc baseline`` (its help is the translated ``help=`` above)."""
    from ai_coc.errors import InputError
    from ai_coc.run.baseline import apply, from_findings, load, pruned
    from ai_coc.run.check import check_paths, targets
    from ai_coc.run.config import SettingsCache

    settings = SettingsCache(config_file, {"lang": lang})
    found = targets(list(paths))
    first = settings.for_manifest(found[0])
    language = detect_language(lang, first.lang)
    set_language(language)
    existing = load(baseline_file) if baseline_file.exists() else None
    if existing is None and prune:
        raise InputError(
            t("file not found"),
            file=str(baseline_file),
            hint=t("create it with `ai-coc baseline` (without --prune)"),
        )
    report = check_paths(
        found, first.require_policies(), today=today, lang=language, settings=settings
    )
    try:
        if existing is None:
            made, red = from_findings(report.findings, today)
            write_file(baseline_file, made.text())
            count = sum(e.count for e in made.entries)
            click.echo(
                t("wrote {count} accepted finding(s) to {file}", file=baseline_file, count=count)
            )
            if red:
                click.echo(
                    t(
                        "{count} red-line finding(s) were left out: a baseline never "
                        "accepts a red line",
                        count=red,
                    )
                )
            return 0
        report = apply(report, existing, str(baseline_file))
        outcome = report.baseline
        new = sum(1 for _ in report.findings)
        click.echo(
            t(
                "{file}: {count} finding(s) still accepted",
                file=baseline_file,
                count=outcome.accepted,
            )
        )
        for entry in outcome.fixed:
            click.echo("  " + t("fixed") + f": {entry.file} {entry.rule} {entry.path}")
        if new:
            click.echo(
                t(
                    "{count} finding(s) are not in the baseline and were not added: "
                    "a baseline only shrinks (fix them, or delete the file on "
                    "purpose to start again)",
                    count=new,
                )
            )
        if not outcome.fixed:
            return 0
        if not prune:
            click.echo(t("run again with --prune to remove the fixed entries"))
            return 0
        smaller = pruned(existing, outcome)
        write_file(baseline_file, smaller.text())
        removed = sum(e.count for e in existing.entries) - sum(e.count for e in smaller.entries)
        click.echo(
            t("removed {count} fixed entry(ies) from {file}", file=baseline_file, count=removed)
        )
        return 0
    finally:
        report.close()
