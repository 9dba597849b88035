"""The ``ai-coc`` command line. Commands live in :mod:`ai_coc.commands` and are imported
only when called, so ``ai-coc check`` does not pay for the import of ``ai-coc init``."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from typing import Any

import click

from ai_coc import __version__
from ai_coc.commands.helptext import Group, option
from ai_coc.commands.language import group_lang_option
from ai_coc.i18n import N_

#: command name -> "module:attribute" inside ai_coc.commands
COMMANDS: dict[str, str] = {
    "check": "check:check",
    "config": "config:config",
    "rules": "rules:rules",
    "rule": "rules:rule",
    "init": "init:init",
    "notice": "notice:notice",
    "schema": "schema:schema",
    "policy": "policy:policy",
    "report": "report:report",
    "baseline": "baseline:baseline",
    "import": "interop:import_group",
    "export": "interop:export_group",
}


class LazyGroup(Group):
    """A click group that imports a command's module only when it is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(f"ai_coc.commands.{module_name}")
        command: click.Command = getattr(module, attr)
        return command


def _show_version(ctx: click.Context, _param: click.Parameter, wanted: bool) -> None:
    """``ai-coc --version``, as click's version option writes it, in the run's language (click's
    own option takes its text when the module is imported, before the language is known)."""
    if not wanted or ctx.resilient_parsing:
        return
    from ai_coc.i18n import t

    click.echo(t("%(prog)s, version %(version)s") % {"prog": "ai-coc", "version": __version__})
    ctx.exit()


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=N_(
        "Check an ai-usage.yaml manifest against the Code of Conduct Demokratische KI "
        "and the red lines of your organisation.\n"
        "\n"
        "Start with `ai-coc check` in a repository that has an ai-usage.yaml.\n"
        "Each command explains itself: ai-coc COMMAND --help\n"
        "Auf Deutsch: ai-coc --lang de --help"
    ),
)
@option(
    "-V",
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help=N_("Show the version and exit."),
)
@group_lang_option
def cli() -> None:
    """The ``ai-coc`` group (its help is the translated ``help=`` above)."""


def _no_pydantic_plugins() -> None:
    """Run pydantic without plugins, and without looking for them.

    The first time pydantic builds a validator it lists the entry points of every installed
    distribution to find plugins (through ``importlib.metadata``: about 30 ms, a fifth of a
    check of a broken file). A linter run has no use for pydantic plugins, so the command
    line switches them off as ``PYDANTIC_DISABLE_PLUGINS=__all__`` does, and puts a plugin
    loader that finds none in place of the one that would search for them.
    """
    import types

    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    name = "pydantic.plugin._loader"
    if name in sys.modules or os.environ["PYDANTIC_DISABLE_PLUGINS"] != "__all__":
        return
    loader = types.ModuleType(name)
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


def route_click_texts() -> None:
    """Let click speak the run's language: its usage errors, "Usage:", "Error:", the help
    option's text. Their German is in our catalogue (extracted from click by Babel, see
    ``ai_coc.commands.clicktexts``).

    click calls ``_()`` and ``ngettext()``, names it binds per module at import time
    (``from gettext import gettext as _``). We rebind those module names to our catalogue.
    The alternative, ``gettext.textdomain("ai_coc")`` with ``bindtextdomain``, changes the
    process-wide default domain and takes the language from LANGUAGE/LC_* only, so ``--lang de``
    (and ``lang: de`` in the configuration) would not reach click; rebinding follows
    :func:`ai_coc.i18n.set_language`, whatever the environment says.
    """
    from ai_coc.i18n import gettext_raw, ngettext_raw

    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        if callable(getattr(module, "_", None)):
            setattr(module, "_", gettext_raw)  # noqa: B010 - a module's name, set on purpose
        if callable(getattr(module, "ngettext", None)):
            setattr(module, "ngettext", ngettext_raw)  # noqa: B010


def _lang_in(argv: list[str]) -> str | None:
    """The value of ``--lang`` on the command line, read before click parses it: its usage
    errors and every help text already need the language, also ``--help`` before ``--lang``
    (``ai-coc check --help --lang de``) and ``--lang`` before the command
    (``ai-coc --lang de check --help``). The last one counts, as for the command itself."""
    found = None
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word.startswith("--lang="):
            found = word.split("=", 1)[1]
        elif word == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
    return found


def main(argv: list[str] | None = None) -> Any:
    """Entry point: run the CLI and turn every outcome into the documented exit code."""
    _no_pydantic_plugins()
    from ai_coc.errors import InputError
    from ai_coc.i18n import detect_language, set_language, t
    from ai_coc.report.report import EXIT_INPUT, EXIT_INTERNAL

    args = list(sys.argv[1:] if argv is None else argv)
    set_language(detect_language(_lang_in(args)))
    route_click_texts()
    try:
        code = cli.main(args=args, prog_name="ai-coc", standalone_mode=False)
    except InputError as exc:
        click.echo(
            ("ai-coc: " + t("error") + ": ") + _shown(exc).format(help_label=t("help")), err=True
        )
        sys.exit(EXIT_INPUT)
    except click.exceptions.Abort:
        click.echo(t("Aborted."), err=True)

        click.echo(t("Aborted!"), err=True)
        sys.exit(130)
    except click.ClickException as exc:
        from ai_coc.report.neutral import visible

        message = visible(exc.format_message())  # it may quote the command line
        exc.format_message = lambda: message  # type: ignore[method-assign]
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # pragma: no cover - e.g. `ai-coc rules | head`
        sys.exit(0)
    except OSError as exc:
        # A path the file system cannot handle (too long, a symlink loop) is bad input, not a
        # bug: say which path and why, and exit 2.
        problem = InputError(
            t("the file system refused this path: {reason}", reason=exc.strerror or exc),
            file=str(exc.filename) if exc.filename is not None else None,
            hint=t(
                "check the path (its length, the characters in it, links that point in a circle)"
            ),
        )
        click.echo(
            ("ai-coc: " + t("error") + ": ") + _shown(problem).format(help_label=t("help")),
            err=True,
        )
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # a bug: never show a bare traceback
        if os.environ.get("AI_COC_DEBUG"):
            raise
        click.echo(
            "ai-coc: "
            + t(
                "internal error in ai-coc {version}: {error}\nThis is a bug in "
                "ai-coc, not in your files. Please report it to the people who "
                "maintain ai-coc for you, with the command you ran (set "
                "AI_COC_DEBUG=1 to see the details).",
                version=__version__,
                error=repr(exc),
            ),
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(code if isinstance(code, int) else 0)


def entry() -> None:
    """The ``ai-coc`` command and ``python -m ai_coc``: :func:`main`, then the process ends at
    once (:func:`os._exit`, as mypy does).

    When :func:`main` is done, everything is written and closed: the report, the cache
    entries, the worker processes of a scan. What the interpreter would still do is free its
    memory object by object, which costs a short check about a sixth of its time. The output
    is flushed first. With ``AI_COC_DEBUG`` set, the process ends the usual way (so that
    profilers and other exit hooks run)."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if os.environ.get("AI_COC_DEBUG"):
        sys.exit(code)  # type: ignore[arg-type]
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # pragma: no cover - main() exits with a number
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        # a closed pipe (`ai-coc rules | head`): nothing more to say
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(status)


def _shown(error: Any) -> Any:
    """The error with every part that may quote input (a key, a value, a file name) on one
    line and free of control characters (see :func:`ai_coc.report.neutral.visible`)."""
    from ai_coc.errors import InputError
    from ai_coc.report.neutral import visible

    return InputError(
        visible(error.message),
        visible(error.file) if error.file is not None else None,
        error.line,
        error.column,
        visible(error.hint) if error.hint else error.hint,
    )
