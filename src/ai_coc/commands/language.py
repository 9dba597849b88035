"""``--lang``: the option of every command, and the same option of a group, before the
command (``ai-coc --lang de check``). Kept apart from :mod:`ai_coc.commands.options` so that the
command line's group imports nothing but this."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ai_coc.commands.helptext import option
from ai_coc.i18n import N_, languages

F = TypeVar("F", bound=Callable[..., Any])

#: where ``ai-coc --lang de COMMAND`` keeps the language for the command (``ctx.meta`` is
#: shared by a context and the contexts of its subcommands)
_LANG_KEY = "ai_coc.lang"
_LANG_HELP = N_(
    "Language of the output (default: configuration, then your locale, then en). "
    "/ Sprache der Ausgabe."
)


def lang_option(func: F) -> F:
    """``--lang en|de``: the language of all output; without it, the ``--lang`` given before
    the command (``ai-coc --lang de check``)."""

    def given(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        return value if value is not None else ctx.meta.get(_LANG_KEY)

    return option(
        "--lang", type=click.Choice(languages()), default=None, callback=given, help=_LANG_HELP
    )(func)


def group_lang_option(func: F) -> F:
    """``--lang`` of a group (``ai-coc --lang de check``, ``ai-coc import --lang de hf-card``):
    the language for the command that follows. (Help texts and click's messages already
    follow it: :func:`ai_coc.cli.main` reads ``--lang`` before click parses the command
    line.)"""

    def keep(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.meta[_LANG_KEY] = value

    return option(
        "--lang",
        type=click.Choice(languages()),
        default=None,
        expose_value=False,
        callback=keep,
        help=_LANG_HELP,
    )(func)
