"""click commands, options and arguments whose help speaks the run's language (issue 17).

The help of a command (``help=N_("...")``), of an option (``help=N_("...")``) and the words
of the usage line (``[OPTIONS]``, ``COMMAND [ARGS]...``, the metavars such as ``FILE`` or
``PATHS``) are written in English and marked with ``N_``, so that Babel puts them in the
catalogue. They are translated only when click formats the help, into the language of the
run (:func:`ai_coc.i18n.get_language`), which :func:`ai_coc.cli.main` sets from ``--lang``
wherever it stands on the command line, or from the locale, before click parses anything. So
``ai-coc check --help --lang de`` and ``ai-coc --lang de check --help`` both show German,
and the Sphinx reference, which formats the same commands in English, shows English.

Paragraphs are separated by an empty line; a paragraph broken into lines by hand is kept as
it is written (see :func:`_text`), in English and in every translation.

Every command of ai-coc is made with :func:`command` or :func:`group`, every option with
:func:`option`, every argument with :func:`argument`; ``tests/test_german_on_screen.py``
walks the command tree and fails on a plain click object or an untranslated help text.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ai_coc.i18n import N_, t

F = TypeVar("F", bound=Callable[..., Any])

#: the usage line's words that click writes itself, without a translation: ``[OPTIONS]``
#: (given to every command) and click's word for the subcommand of a group
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
#: the text of click's own ``--help`` option (click's msgid)
HELP_OPTION_TEXT = N_("Show this message and exit.")


def _text(message: str | None) -> str:
    """A help text (an ``N_`` msgid) in the run's language, ready for click's formatter.

    A paragraph written on one line is wrapped to the terminal; a paragraph broken into
    lines by hand (a list, a file name with hyphens that must not be split) is kept as
    written. click marks such a paragraph with a ``\\b`` line; a control character does not
    belong in a catalogue, so the msgids have none and it is added here."""
    if not message:
        return ""
    paragraphs = inspect.cleandoc(t(message)).split("\n\n")
    return "\n\n".join(f"\b\n{p}" if "\n" in p else p for p in paragraphs)


def short_help(text: str, limit: int = 45) -> str:
    """The first sentence of the first paragraph of ``text``, on one line, at most ``limit``
    characters (the line of a command in its group's list)."""
    words = [word for word in text.split("\n\n", 1)[0].split() if word != "\b"]
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word.endswith(".") and not following[:1].islower():
            words = words[: index + 1]
            break
    line = " ".join(words)
    if len(line) <= limit:
        return line
    import textwrap

    return textwrap.shorten(line, max(limit, 3), placeholder="...", break_on_hyphens=False)


#: stands in for a hyphen while click wraps the help: a non-breaking hyphen, so that a line
#: never ends inside ``--add-use``, ``ai-usage.yaml`` or ``git-Repository``
_HYPHEN = "\u2011"


class HelpFormatter(click.HelpFormatter):
    """click's help formatter, except that it never breaks a line at a hyphen inside a word
    (an option, a file name, a German compound); it breaks between words only."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog.replace("-", _HYPHEN), args.replace("-", _HYPHEN), prefix)

    def write_text(self, text: str) -> None:
        super().write_text(text.replace("-", _HYPHEN))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        kept = [(term, text.replace("-", _HYPHEN)) for term, text in rows]
        super().write_dl(kept, col_max, col_spacing)

    def getvalue(self) -> str:
        return super().getvalue().replace(_HYPHEN, "-")


class Context(click.Context):
    """The context of ai-coc's commands: its help is written by :class:`HelpFormatter`."""

    formatter_class = HelpFormatter


def _click_metavar(make: Callable[..., str], ctx: click.Context | None) -> str:
    """click's own metavar: click 8.2 and later pass the context (as ``ctx=``), 8.1 does not."""
    return make(ctx) if ctx is not None else make()


class Option(click.Option):
    """An option whose help text and metavar are translated when the help is shown."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        record = super().get_help_record(ctx)
        if record is None or not self.help:
            return record
        spec, text = record
        # click writes the help first and its own (translated) extras after it:
        # "help  [default: x; env var: Y]"
        return spec, _text(self.help) + text[len(self.help) :]

    def make_metavar(self, ctx: click.Context | None = None) -> str:
        if self.metavar is not None:
            return t(self.metavar)
        return _click_metavar(super().make_metavar, ctx)


class Argument(click.Argument):
    """An argument whose metavar (an ``N_`` msgid, e.g. ``PATHS``) is translated; the
    brackets of an optional argument and the dots of a repeated one are added as click adds
    them. The command's help text describes its arguments (click 8.1 cannot show an
    argument's own ``help``)."""

    def make_metavar(self, ctx: click.Context | None = None) -> str:
        if self.metavar is None:
            return _click_metavar(super().make_metavar, ctx)
        word = t(self.metavar)
        if not self.required:
            word = f"[{word}]"
        if self.nargs != 1:
            word += "..."
        return word


if TYPE_CHECKING:
    _Base = click.Command
else:
    _Base = object


class _Translated(_Base):
    """What :class:`Command` and :class:`Group` share: help, short help, epilog and the
    usage line, translated when they are shown."""

    context_class = Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """click's ``--help``, its text translated when shown. click makes the option once
        per command and keeps it, with its text in the language of that moment; in a process
        that shows help more than once (tests, a documentation build) the language may have
        changed since."""
        found = super().get_help_option(ctx)
        if found is not None and not isinstance(found, Option):
            found.__class__ = Option  # the same option, with a help text translated when shown
            found.help = HELP_OPTION_TEXT
        return found

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _write_paragraph(formatter, _text(self.help).partition("\f")[0])

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        _write_paragraph(formatter, _text(self.epilog))

    def get_short_help_str(self, limit: int = 45) -> str:
        if self.short_help:
            return _text(self.short_help)
        return short_help(_text(self.help), limit)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [t(self.options_metavar)] if self.options_metavar else []
        for param in self.get_params(ctx):
            pieces.extend(param.get_usage_pieces(ctx))
        return pieces


class Command(_Translated, click.Command):
    """A command whose help, short help, epilog and usage line are translated when shown."""

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kw)


class Group(_Translated, click.Group):
    """A group of commands, translated as :class:`Command` is; its subcommands are made with
    :class:`Command`, its subgroups with :class:`Group`."""

    command_class = Command
    group_class = type  # click: the class of this group

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kw)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if self.subcommand_metavar:  # click's own words, e.g. SUBCOMMAND_METAVAR
            pieces.append(t(self.subcommand_metavar))
        return pieces


def _write_paragraph(formatter: click.HelpFormatter, text: str) -> None:
    if text:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(text)


def command(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Command]:
    """``click.command`` for a :class:`Command`; give it ``help=N_("...")``."""
    return click.command(name, cls=Command, **attrs)


def group(name: str | None = None, **attrs: Any) -> Callable[[Callable[..., Any]], Group]:
    """``click.group`` for a :class:`Group`; give it ``help=N_("...")``."""
    return click.group(name, cls=Group, **attrs)


def option(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """``click.option`` for an :class:`Option`; give it ``help=N_("...")`` and, if it takes a
    value that is not a choice, ``metavar=N_("...")``."""
    return click.option(*param_decls, cls=Option, **attrs)


def argument(*param_decls: str, **attrs: Any) -> Callable[[F], F]:
    """``click.argument`` for an :class:`Argument`; give it ``metavar=N_("...")``."""
    return click.argument(*param_decls, cls=Argument, **attrs)
