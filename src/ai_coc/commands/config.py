"""``ai-coc config``: every effective setting and where it came from."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from ai_coc.commands.options import config_option, echo, lang_option
from ai_coc.i18n import detect_language, set_language, t
from ai_coc.report.report import FAIL_ON_CHOICES


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _short(name: str, value: Any) -> str:
    if name == "red_lines":
        ids = [str(r.get("id", "?")) for r in value if isinstance(r, dict)]
        return f"{len(ids)} ({', '.join(ids)})" if ids else "—"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items()) or "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if value is None:
        return "—"
    return str(value)


@click.command("config")
@click.argument(
    "path",
    required=False,
    type=click.Path(path_type=Path, exists=True),
)
@config_option
@click.option(
    "--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None, help="As for `ai-coc check`."
)
@lang_option
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def config(
    path: Path | None,
    config_file: Path | None,
    fail_on: str | None,
    lang: str | None,
    output_format: str,
) -> None:
    """Show every effective setting and where it comes from.

    \b
    PATH is a manifest or a folder (default: the current folder); the configuration
    is searched from there upward to the top of the git repository. Each value shows
    its source: file:line, "command line" or "default". The policy packs that are
    loaded are listed with version and sha256.
    """
    from ai_coc.run.config import SETTINGS, SOURCE_CLI, SOURCE_DEFAULT, find_config, load_settings

    start = path or Path.cwd()
    folder = start if start.is_dir() else start.parent
    found = config_file or find_config(folder)
    settings = load_settings(found, {"fail_on": fail_on, "lang": lang})
    language = detect_language(lang, settings.lang)
    set_language(language)
    policies = settings.require_policies()
    packs = [
        {"name": p.name, "version": p.version, "sha256": p.sha256, "origin": p.origin}
        for p in policies.packs
    ]
    ignored = {
        rule_id
        for rule_id in settings.overrides
        if (rule := policies.by_id.get(rule_id)) is not None and rule.red_line
    }
    if output_format == "json":
        data = {
            "config_file": settings.file,
            "settings": {
                name: {
                    "value": _plain(settings.values[name].value),
                    "source": settings.values[name].source,
                }
                for name in SETTINGS
            },
            "packs": packs,
            "ignored_overrides": sorted(ignored),
        }
        echo(json.dumps(data, ensure_ascii=False, indent=2), json=True)
        return
    echo(click.style(t("config.heading", language), bold=True) + f": {settings.file or '—'}")
    if settings.file is None:
        echo(f"  {t('config.none', language)}")
    rows = [(name, _short(name, settings.values[name].value)) for name in SETTINGS]
    width = max(len(name) for name, _ in rows)
    value_width = min(max(len(value) for _, value in rows), 50)
    for name, value in rows:
        source = settings.values[name].source
        if source == SOURCE_CLI:
            source = t("config.source.cli", language)
        elif source == SOURCE_DEFAULT:
            source = t("config.source.default", language)
        echo(f"  {name:<{width}}  {value:<{value_width}}  ({source})")
    for rule_id in sorted(ignored):
        echo(f"  ! severity {rule_id}: {t('config.ignored_red_line', language)}")
    echo()
    echo(click.style(t("config.packs", language), bold=True))
    for pack in packs:
        echo(
            f"  {pack['name']} {pack['version']}  sha256:{pack['sha256'][:16]}  ({pack['origin']})"
        )
