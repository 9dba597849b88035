"""``ai-coc config``: every effective setting and where it came from."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import (
    config_option,
    echo,
    format_option,
    lang_option,
    org_config_option,
)
from ai_coc.i18n import N_, detect_language, set_language, t
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
    if isinstance(value, bool):  # as written in the configuration
        return "true" if value else "false"
    return str(value)


@command(
    "config",
    help=N_(
        "Show every effective setting and where it comes from.\n"
        "\n"
        "PATH is a manifest or a folder (default: the current folder); the\n"
        "configuration is searched from there upward to the top of the git\n"
        'repository. Each value shows its source: file:line, "command line" or\n'
        '"default". With an organisation\'s configuration (--org-config /\n'
        "AI_COC_ORG_CONFIG), what it fixes is marked with its file:line, and settings\n"
        "of the repository that try to loosen it are listed. The policy packs that\n"
        "are loaded are listed with version and sha256."
    ),
)
@argument(
    "path",
    required=False,
    type=click.Path(path_type=Path, exists=True),
    metavar=N_("PATH"),
)
@config_option
@org_config_option
@option(
    "--fail-on",
    type=click.Choice(FAIL_ON_CHOICES),
    default=None,
    help=N_("As for `ai-coc check`."),
)
@lang_option
@format_option(["text", "json"], N_("Output format: a table to read, or JSON."))
def config(
    path: Path | None,
    config_file: Path | None,
    org_config: Path | None,
    fail_on: str | None,
    lang: str | None,
    output_format: str,
) -> None:
    """``ai-coc config`` (its help is the translated ``help=`` above)."""
    from ai_coc.run.config import (
        SETTINGS,
        SOURCE_CLI,
        SOURCE_DEFAULT,
        find_config,
        load_settings,
        loosening_findings,
    )

    start = path or Path.cwd()
    folder = start if start.is_dir() else start.parent
    found = config_file or find_config(folder)
    settings = load_settings(found, {"fail_on": fail_on, "lang": lang}, org_config)
    language = detect_language(lang, settings.lang)
    set_language(language)
    policies = settings.require_policies()
    loosened = loosening_findings(settings, dt.date.today(), language)
    for note in settings.notes:
        click.echo(note, err=True)
    org_file = settings.org_doc.file if settings.org_doc is not None else None
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
        data: dict[str, Any] = {
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
        if org_file is not None:  # only with --org-config / AI_COC_ORG_CONFIG
            for name in SETTINGS:
                data["settings"][name]["organisation"] = settings.values[name].org
            data["org_config_file"] = org_file
            data["loosened"] = [f.as_dict() for f in loosened]
        echo(json.dumps(data, ensure_ascii=False, indent=2), json=True)
        return
    echo(click.style(t("Configuration", language), bold=True) + f": {settings.file or '—'}")
    if settings.file is None:
        echo("  " + t("no configuration file found (only defaults)", language))
    if org_file is not None:
        echo(click.style(t("Organisation's configuration", language), bold=True) + f": {org_file}")
    rows = [(name, _short(name, settings.values[name].value)) for name in SETTINGS]
    width = max(len(name) for name, _ in rows)
    value_width = min(max(len(value) for _, value in rows), 50)
    for name, value in rows:
        source = settings.values[name].source
        if source == SOURCE_CLI:
            source = t("command line", language)
        elif source == SOURCE_DEFAULT:
            source = t("default", language)
        echo(f"  {name:<{width}}  {value:<{value_width}}  ({source})")
        fixed = settings.values[name].org
        if fixed is not None:
            mark = t("fixed by the organisation: {where}", language, where=fixed)
            echo(f"  {'':<{width}}  {'':<{value_width}}  [{mark}]")
    for rule_id in sorted(ignored):
        echo(f"  ! severity {rule_id}: " + t("ignored: red line", language))
    for finding in loosened:
        where = f"{finding.location.file}:{finding.location.line}"
        note = t("does not take effect", language)
        echo(f"  ! {where}: {finding.rule_id} {note}: {finding.message}")
    echo()
    echo(click.style(t("Policy packs", language), bold=True))
    for pack in packs:
        echo(
            f"  {pack['name']} {pack['version']}  sha256:{pack['sha256'][:16]}  ({pack['origin']})"
        )
