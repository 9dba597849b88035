"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from ai_coc.commands.helptext import option
from ai_coc.commands.language import lang_option as lang_option  # shared like the others
from ai_coc.i18n import N_, t
from ai_coc.report.formats import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def parse_date(value: str) -> dt.date:
    """A ``--today`` value."""
    try:
        if len(value) != 10:
            raise ValueError(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            t("'{value}' is not a date in the form YYYY-MM-DD", value=value)
        ) from None


def today_option(func: F) -> F:
    """``--today YYYY-MM-DD``: the date to check against, for reproducible runs."""

    def convert(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
        return parse_date(value) if value else dt.date.today()

    return option(
        "--today",
        metavar=N_("YYYY-MM-DD"),
        callback=convert,
        help=N_("Check as if today were this date (reproducible runs). Default: today."),
    )(func)


def format_option(
    choices: Iterable[str],
    help: str,
    *,
    default: str | None = "text",
    name: str = "output_format",
) -> Callable[[F], F]:
    """``-f`` / ``--format``: one of ``choices``, passed as ``name``; ``help`` is an ``N_``
    msgid, translated when the help is shown. A default is shown in the help."""
    return option(
        "-f",
        "--format",
        name,
        type=click.Choice(list(choices)),
        default=default,
        show_default=True if default is not None else None,
        help=help,
    )


def use_color(stream: TextIO, choice: bool | None = None) -> bool:
    """Colour only on a terminal; ``NO_COLOR`` switches it off, ``FORCE_COLOR`` on."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def stdout() -> TextIO:
    """Standard output as text."""
    return sys.stdout


def echo(message: str = "", *, json: bool = False, err: bool = False) -> None:
    """``click.echo`` for text that may quote input (pack texts, configuration values): shown
    through :func:`ai_coc.report.neutral.visible_lines`, or, for JSON, through
    :func:`ai_coc.report.neutral.json_safe`."""
    from ai_coc.report.neutral import json_safe, visible_lines

    click.echo(json_safe(message) if json else visible_lines(message), err=err)


def write_file(path: Path, text: str) -> None:
    """Write ``text`` atomically, holding the folder's write lock; through a symbolic link its
    target is written. A failure is a clear input error (exit 2), not a bug."""
    from ai_coc.errors import InputError
    from ai_coc.files import atomic_write, write_lock
    from ai_coc.i18n import get_language

    try:
        with write_lock(path) as target:
            atomic_write(target, text)
    except OSError as exc:
        de = get_language() == "de"
        reason = exc.strerror or str(exc)
        raise InputError(
            f"Die Datei konnte nicht geschrieben werden: {reason}"
            if de
            else f"cannot write the file: {reason}",
            file=str(path),
            hint="Die bisherige Datei ist unverändert. Schreibrechte und freien Platz prüfen."
            if de
            else "the previous file is unchanged; check write permission and free space",
        ) from None


def config_option(func: F) -> F:
    """``--config FILE``: use this configuration instead of searching for one."""
    return option(
        "--config",
        "config_file",
        type=click.Path(path_type=Path, dir_okay=False),
        default=None,
        metavar=N_("FILE"),
        help=N_(
            "Use this configuration file (.ai-coc.yaml or pyproject.toml) instead of the one "
            "found next to the manifest or above it in the repository."
        ),
    )(func)


def org_config_option(func: F) -> F:
    """``--org-config FILE`` (or ``AI_COC_ORG_CONFIG``): the organisation's pinned policy."""
    return option(
        "--org-config",
        "org_config",
        type=click.Path(path_type=Path, dir_okay=False),
        envvar="AI_COC_ORG_CONFIG",
        show_envvar=True,
        default=None,
        metavar=N_("FILE"),
        help=N_(
            "The organisation's configuration (.ai-coc.yaml or pyproject.toml). It always "
            "applies; the repository's configuration is read on top and may only add and "
            "tighten."
        ),
    )(func)


def parse_outputs(values: tuple[str, ...]) -> list[tuple[str, Path]]:
    """``FORMAT=FILE`` values of ``--output`` (checked once the output language is known)."""
    parsed: list[tuple[str, Path]] = []
    for value in values:
        name, sep, file = value.partition("=")
        name = name.strip().lower()
        if not sep or not file or name not in FORMATS:
            raise click.BadParameter(
                t(
                    "'{value}' is not FORMAT=FILE (formats: {formats})",
                    value=value,
                    formats=", ".join(FORMATS),
                ),
                param_hint="'-o' / '--output'",
            )
        parsed.append((name, Path(file)))
    return parsed
