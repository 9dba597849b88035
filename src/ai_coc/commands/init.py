"""``ai-coc init``: write a commented starter manifest, or add a use to one."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from ai_coc.commands.helptext import command, option
from ai_coc.commands.options import lang_option, today_option
from ai_coc.errors import InputError
from ai_coc.i18n import N_, detect_language, set_language, t

#: Set to 1 to ask the questions even when standard input is not a terminal (tests, scripts
#: that pipe answers in). Same as ``--interactive``.
FORCE_INTERACTIVE_ENV = "AI_COC_FORCE_INTERACTIVE"


def _local_schema(manifest: Path) -> str:
    """The modeline's path from ``manifest`` to the schema in the repository."""
    from ai_coc.commands.schema import local_schema_path

    folder = manifest.absolute().parent
    return Path(os.path.relpath(local_schema_path(folder), folder)).as_posix()


def _write_local_schema(manifest: Path, lang: str) -> None:
    from ai_coc.commands.schema import write_local_schema
    from ai_coc.files import display_path
    from ai_coc.i18n import t

    target = write_local_schema(manifest.absolute().parent, lang)
    click.echo(t("Wrote the schema for editors to {path}.", path=display_path(target)))


class ClickAsker:
    """Asks the questions in the terminal with click."""

    def text(self, prompt: str, default: str | None = None) -> str | None:
        answer: str = click.prompt(
            click.style(prompt, bold=True),
            default=default or "",
            show_default=bool(default),
            prompt_suffix="\n> ",
        )
        return answer

    def confirm(self, prompt: str, default: bool) -> bool:
        return click.confirm(click.style(prompt, bold=True), default=default)

    def say(self, message: str) -> None:
        click.echo(message)


def is_interactive(no_input: bool, interactive: bool | None) -> bool:
    """Ask questions? ``--interactive``/env force it; ``--no-input`` or no terminal: no."""
    if no_input:
        return False
    if interactive or os.environ.get(FORCE_INTERACTIVE_ENV, "") not in ("", "0"):
        return True
    isatty = getattr(sys.stdin, "isatty", None)
    return bool(isatty and isatty())


@command(
    help=N_(
        "Write a commented ai-usage.yaml, asking the reflection questions.\n"
        "\n"
        "The questions are those of the reflection template: the tool, the purpose,\n"
        "who benefits, who could be disadvantaged, where the data come from, the work\n"
        "behind the model, who is responsible, the next review. Comments and\n"
        "questions follow --lang; the keys stay English.\n"
        "\n"
        "Without a terminal (or with --no-input) a commented skeleton is written. An\n"
        "existing file is never replaced without --force; with --add-use one more AI\n"
        "use is added to it and every comment is kept."
    )
)
@option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("ai-usage.yaml"),
    show_default=True,
    metavar=N_("FILE"),
    help=N_("The manifest to write (or, with --add-use, to extend)."),
)
@option(
    "--no-input",
    is_flag=True,
    help=N_("Ask nothing; write a commented skeleton (also when not run in a terminal)."),
)
@option(
    "--interactive",
    is_flag=True,
    default=False,
    # the variable is FORCE_INTERACTIVE_ENV (a test checks that the text names it)
    help=N_(
        "Ask the questions even if input is not a terminal (or set AI_COC_FORCE_INTERACTIVE=1)."
    ),
)
@option("--force", is_flag=True, help=N_("Replace an existing manifest."))
@option(
    "--add-use",
    is_flag=True,
    help=N_("Add one AI use to an existing manifest, keeping all its comments and its order."),
)
@option(
    "--schema-url",
    default=None,
    metavar=N_("URL-OR-PATH"),
    help=N_(
        "Schema named in the editor modeline (default: .ai-coc/ai-usage.schema.json at the "
        "top of the repository, which init writes, relative to the manifest)."
    ),
)
@today_option
@lang_option
def init(
    output: Path,
    no_input: bool,
    interactive: bool,
    force: bool,
    add_use: bool,
    schema_url: str | None,
    today: dt.date,
    lang: str | None,
) -> int:
    """``ai-coc init`` (its help is the translated ``help=`` above)."""
    from ai_coc.author import scaffold
    from ai_coc.commands.options import write_file
    from ai_coc.files import read_text, write_lock

    language = detect_language(lang)
    set_language(language)
    if no_input and interactive:
        raise click.UsageError(t("--no-input and --interactive cannot be used together", language))
    asking = is_interactive(no_input, interactive)
    asker = ClickAsker()
    shown = str(output)

    if add_use:
        read_text(output, display=shown)  # a missing file is said before any question
        answers = scaffold.ask_use(asker, language, today) if asking else {}
        # read, add and write under the folder's write lock: a concurrent run waits, then
        # adds its use to the file this one wrote
        with write_lock(output) as target:
            original = read_text(target, display=shown)
            result, use_id = scaffold.add_use(original, answers, language, today, file=shown)
            write_file(target, result)
        click.echo(
            t(
                "Added the use '{use}' to {path}; all comments were kept.",
                language,
                use=use_id,
                path=shown,
            )
        )
        click.echo(
            t(
                "Next: run `ai-coc check {path}` to see what is still missing, "
                "and `ai-coc notice` for your public AI notice.",
                language,
                path=shown,
            )
        )
        return 0

    if (output.exists() or output.is_symlink()) and not force:
        raise InputError(
            t("{path} already exists; ai-coc init does not overwrite it", language, path=shown),
            hint=t("use --force to replace it, or --add-use to add an AI use to it", language),
        )
    if not output.absolute().parent.resolve().is_dir():
        raise InputError(t("the folder for this file does not exist", language), file=shown)
    project = output.absolute().parent.resolve().name or "my-project"
    answers = scaffold.ask_manifest(asker, language, today, project) if asking else {}
    local = schema_url is None  # the default: a schema file in the repository, reached offline
    tree = scaffold.manifest_tree(
        answers,
        language,
        today,
        schema_url=_local_schema(output) if schema_url is None else schema_url,
        project=scaffold.slugify(project, "my-project"),
    )
    with write_lock(output) as target:
        if target.exists() and not force:  # written by another run meanwhile
            raise InputError(
                t("{path} already exists; ai-coc init does not overwrite it", language, path=shown),
                hint=t("use --force to replace it, or --add-use to add an AI use to it", language),
            )
        write_file(target, scaffold.render(tree))
    if local:
        _write_local_schema(output, language)
    click.echo(t("Wrote {path}.", language, path=shown))
    click.echo(
        t(
            "Next: run `ai-coc check {path}` to see what is still missing, "
            "and `ai-coc notice` for your public AI notice.",
            language,
            path=shown,
        )
    )
    return 0
