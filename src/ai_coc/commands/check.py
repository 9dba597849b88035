"""``ai-coc check``: the main job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import (
    config_option,
    format_option,
    lang_option,
    org_config_option,
    parse_outputs,
    stdout,
    today_option,
    use_color,
)
from ai_coc.i18n import N_, detect_language, set_language, t
from ai_coc.report.formats import FORMATS
from ai_coc.report.outputs import default_format
from ai_coc.report.report import FAIL_ON_CHOICES


@command(
    help=N_(
        "Check manifests against the Code of Conduct and your red lines.\n"
        "\n"
        "PATHS are manifest files or folders. A folder is searched for every\n"
        "ai-usage.yaml / ai-usage.yml below it: inside a git repository every one\n"
        "git knows (tracked, or new and not ignored; hidden folders too), elsewhere\n"
        "by walking the folder. Without PATHS, every manifest of the git repository\n"
        "is checked (outside git: the ai-usage.yaml in the current folder).\n"
        "\n"
        "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 unreadable input,\n"
        "configuration or policy pack, 3 internal error."
    )
)
@argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar=N_("PATHS"))
@format_option(
    FORMATS,
    N_("Output format on standard output (default: text; github inside GitHub Actions)."),
    default=None,
)
@option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar=N_("FORMAT=FILE"),
    help=N_(
        "Also write the report in FORMAT to FILE (repeatable), e.g. --output sarif=ai-coc.sarif."
    ),
)
@option(
    "--since",
    metavar=N_("GIT_REF"),
    default=None,
    help=N_(
        "Report only findings that are new compared with the manifests at this git commit, "
        "branch or tag (for pull requests)."
    ),
)
@option(
    "--baseline",
    "baseline_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("FILE"),
    help=N_(
        "Accept the findings listed in this baseline file (see `ai-coc baseline`) and report "
        "only new ones; red lines are always reported."
    ),
)
@option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default=None,
    help=N_(
        "Exit with 1 if there is a finding of this severity or higher ('never': only red "
        "lines fail). Default: configuration, then error."
    ),
)
@option(
    "--history/--no-history",
    default=None,
    help=N_(
        "Report commits since the last review whose AI trailer names a tool no use declares "
        "(default: configuration `history`, then on in a git repository)."
    ),
)
@config_option
@org_config_option
@today_option
@lang_option
@option(
    "--color/--no-color",
    default=None,
    help=N_("Force colours on or off (default: on a terminal)."),
)
@option(
    "--missing-ok",
    is_flag=True,
    default=False,
    help=N_(
        "Pass (exit 0, with a hint) if there is no manifest yet, unless the configuration "
        "sets `require_manifest: true`. The pre-commit hook uses this."
    ),
)
def check(
    paths: tuple[Path, ...],
    output_format: str | None,
    outputs: tuple[str, ...],
    since: str | None,
    baseline_file: Path | None,
    fail_on: str | None,
    history: bool | None,
    config_file: Path | None,
    org_config: Path | None,
    today: dt.date,
    lang: str | None,
    color: bool | None,
    missing_ok: bool,
) -> int:
    """``ai-coc check``: the help text is ``help=`` above (it is translated)."""
    import sys

    from ai_coc.report.formats import get_renderer
    from ai_coc.report.outputs import write_outputs
    from ai_coc.report.progress import Progress
    from ai_coc.run.check import check_paths
    from ai_coc.run.config import SettingsCache
    from ai_coc.run.discover import NoManifestError, find_targets

    settings = SettingsCache(
        config_file, {"fail_on": fail_on, "lang": lang, "history": history}, org_config
    )
    try:
        located = find_targets(list(paths), Path.cwd())
    except NoManifestError as missing:
        if not missing_ok:
            raise
        return _no_manifest_yet(missing, settings, paths, lang)
    found = located.paths
    first = settings.for_manifest(found[0])
    language = detect_language(lang, first.lang)
    set_language(language)
    written = parse_outputs(outputs)
    accepted = None
    if baseline_file is not None:
        from ai_coc.run.baseline import load

        accepted = load(baseline_file)  # a broken file stops the run before the check
    policies = first.require_policies()
    progress = Progress(sys.stderr)
    try:
        report = check_paths(
            found,
            policies,
            today=today,
            lang=language,
            settings=settings,
            progress=progress,
            found_by=located.how,
        )
    finally:
        progress.close()
    for note in dict.fromkeys(n for s in settings.loaded for n in s.notes):
        click.echo(note, err=True)
    if since is not None:
        from ai_coc.run.since import only_new

        report = only_new(
            report, since, policies, today=today, lang=language, categories=first.categories
        )
        click.echo(
            t(
                "ai-coc: only findings that are new since {ref} are reported "
                "(crossed red lines always are)",
                ref=since,
            ),
            err=True,
        )
    # The reports describe every rule of the run, also those of folders' own packs.
    policies = policies.including(s.policies for s in settings.loaded if s.policies)
    if accepted is not None:
        from ai_coc.run.baseline import apply

        report = apply(report, accepted, str(baseline_file))
        outcome = report.baseline
        click.echo(
            t(
                "ai-coc: {count} finding(s) accepted by the baseline {file} are "
                "not reported (crossed red lines always are)",
                file=baseline_file,
                count=outcome.accepted,
            ),
            err=True,
        )
        if outcome.fixed:
            fixed = sum(e.count for e in outcome.fixed)
            click.echo(
                t(
                    "ai-coc: {count} entry(ies) of {file} no longer match: fixed. "
                    "Remove them with `ai-coc baseline --prune --file {file}`",
                    file=baseline_file,
                    count=fixed,
                ),
                err=True,
            )
    try:
        write_outputs(report, policies, written)
        stream = stdout()
        renderer = get_renderer(default_format(output_format))
        renderer(report, policies, stream, color=use_color(stream, color))
        return report.exit_code()
    finally:
        report.close()


def _no_manifest_yet(
    missing: Exception, settings: Any, paths: tuple[Path, ...], lang: str | None
) -> int:
    """``check --missing-ok`` without a manifest: a hint and exit 0, unless the configuration
    (the organisation's or the repository's) sets ``require_manifest: true``."""

    from ai_coc.errors import InputError

    where = paths[0] if paths and paths[0].is_dir() else Path.cwd()
    mine = settings.for_manifest(where / "ai-usage.yaml")  # the configuration that would apply
    language = detect_language(lang, mine.lang)
    set_language(language)
    if mine.require_manifest:
        assert isinstance(missing, InputError)
        missing.hint = t(
            "the configuration requires a manifest (require_manifest: true): create one "
            "with `ai-coc init`",
            language,
        )
        raise missing
    click.echo(
        "ai-coc: "
        + t(
            "no ai-usage.yaml yet, nothing to check. Create one with `ai-coc init` when the "
            "project starts to use AI (or describe that it uses none).",
            language,
        ),
        err=True,
    )
    return 0
