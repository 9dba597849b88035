"""``ai-coc schema``: the JSON Schema of the manifest, for editors and other tools."""

from __future__ import annotations

import contextlib
import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ai_coc.commands.helptext import command, option
from ai_coc.commands.options import lang_option
from ai_coc.i18n import N_, detect_language, set_language, t

#: Where ``ai-coc schema --write`` and ``ai-coc init`` put the manifest schema, from the top
#: of the repository: editors reach it through a relative modeline, offline.
LOCAL_SCHEMA = Path(".ai-coc") / "ai-usage.schema.json"

#: --kind -> "module:function" returning the schema; imported only when asked for.
KINDS: dict[str, str] = {
    "manifest": "ai_coc.read.manifest:json_schema",
    "config": "ai_coc.run.config:config_json_schema",
}


def schema_for(kind: str, lang: str = "en") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``kind``, its descriptions in ``lang``."""
    from ai_coc.read.schema_docs import translate

    module_name, attr = KINDS[kind].split(":")
    factory: Callable[[], dict[str, Any]] = getattr(importlib.import_module(module_name), attr)
    return translate(factory(), lang)


def schema_text(kind: str, lang: str = "en") -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(schema_for(kind, lang), ensure_ascii=False, indent=2) + "\n"


def local_schema_path(start: Path) -> Path:
    """``.ai-coc/ai-usage.schema.json`` at the top of the git repository of ``start``
    (``start`` itself outside a repository)."""
    from ai_coc.files import git_root

    folder = start.absolute()
    return (git_root(folder) or folder) / LOCAL_SCHEMA


def write_local_schema(start: Path, lang: str) -> Path:
    """Write the manifest schema where :func:`local_schema_path` says; return the path."""
    from ai_coc.commands.options import write_file

    target = local_schema_path(start)
    with contextlib.suppress(OSError):  # write_file reports a problem with the file's name
        target.parent.mkdir(exist_ok=True)
    write_file(target, schema_text("manifest", lang))
    return target


@command(
    help=N_(
        "Print the JSON Schema (draft 2020-12) of ai-usage.yaml, for editors.\n"
        "\n"
        "Editors that understand the `# yaml-language-server: $schema=...` line that\n"
        "`ai-coc init` writes (VS Code with the Red Hat YAML extension, and others)\n"
        "use it for completion, hover help and error marks. With --lang de the\n"
        "descriptions are German.\n"
        "Example: ai-coc schema --write --lang de"
    )
)
@option(
    "--kind",
    type=click.Choice(sorted(KINDS)),
    default="manifest",
    show_default=True,
    help=N_("Which schema: the ai-usage.yaml manifest (or, where available, the configuration)."),
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("FILE"),
    help=N_("Write the schema to this file (default: print it)."),
)
@option(
    "--write",
    "write_local",
    is_flag=True,
    # the place is LOCAL_SCHEMA (a test checks that the text names it)
    help=N_(
        "Write the manifest schema to .ai-coc/ai-usage.schema.json at the top of the git "
        "repository (else in the current folder), where the modeline of `ai-coc init` finds "
        "it offline."
    ),
)
@lang_option
def schema(kind: str, output: Path | None, write_local: bool, lang: str | None) -> None:
    """``ai-coc schema`` (its help is the translated ``help=`` above)."""
    language = detect_language(lang)
    set_language(language)
    if write_local:
        if output is not None or kind != "manifest":
            raise click.UsageError(
                t(
                    "--write writes the manifest schema to its fixed place; leave "
                    "out --output and --kind"
                )
            )
        click.echo(
            t(
                "Wrote the schema for editors to {path}.",
                path=str(write_local_schema(Path.cwd(), language)),
            )
        )
        return
    text = schema_text(kind, language)
    if output is None:
        click.echo(text, nl=False)
        return
    from ai_coc.commands.options import write_file

    write_file(output, text)
