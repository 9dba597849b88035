"""``ai-coc check``: the main job."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ai_coc.commands.options import config_option, lang_option, stdout, today_option, use_color
from ai_coc.findings import FAIL_ON_CHOICES
from ai_coc.i18n import detect_language, set_language


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default=None,
    help="Exit with 1 if there is a finding of this severity or higher ('never': only red "
    "lines fail). Default: configuration, then error.",
)
@config_option
@today_option
@lang_option
@click.option(
    "--color/--no-color", default=None, help="Force colours on or off (default: on a terminal)."
)
def check(
    paths: tuple[Path, ...],
    output_format: str,
    fail_on: str | None,
    config_file: Path | None,
    today: dt.date,
    lang: str | None,
    color: bool | None,
) -> int:
    """Check manifests against the Code of Conduct and your red lines.

    \b
    PATHS are manifest files or folders. A folder is searched for every
    ai-usage.yaml / ai-usage.yml below it. Without PATHS, the ai-usage.yaml in the
    current folder or at the top of the git repository is checked.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 unreadable input,
    configuration or policy pack, 3 internal error.
    """
    from ai_coc.config import SettingsCache
    from ai_coc.lint import check_paths, targets
    from ai_coc.reporters import get_renderer

    settings = SettingsCache(config_file, {"fail_on": fail_on, "lang": lang})
    found = targets(list(paths))
    first = settings.for_manifest(found[0])
    language = detect_language(lang, first.lang)
    set_language(language)
    policies = first.require_policies()
    report = check_paths(found, policies, today=today, lang=language, settings=settings)
    stream = stdout()
    get_renderer(output_format)(report, policies, stream, color=use_color(stream, color))
    return report.exit_code()
