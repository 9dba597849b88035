"""``ai-coc schema``: the JSON Schema of the manifest, for editors and other tools."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

#: --kind -> "module:function" returning the schema; imported only when asked for.
KINDS: dict[str, str] = {
    "manifest": "ai_coc.read.manifest:json_schema",
    "config": "ai_coc.run.config:config_json_schema",
}


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``kind``."""
    module_name, attr = KINDS[kind].split(":")
    factory: Callable[[], dict[str, Any]] = getattr(importlib.import_module(module_name), attr)
    return factory()


def schema_text(kind: str) -> str:
    """The schema as stable, readable JSON text."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


@click.command()
@click.option(
    "--kind",
    type=click.Choice(sorted(KINDS)),
    default="manifest",
    show_default=True,
    help="Which schema: the ai-usage.yaml manifest (or, where available, the configuration).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the schema to this file (default: print it).",
)
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema (draft 2020-12) of ai-usage.yaml, for editors.

    \b
    Gibt das JSON-Schema von ai-usage.yaml aus. Editors that understand the
    `# yaml-language-server: $schema=...` line that `ai-coc init` writes (VS Code
    with the Red Hat YAML extension, and others) use it for completion, hover
    help and error marks. Example: ai-coc schema --output ai-usage.schema.json
    """
    text = schema_text(kind)
    if output is None:
        click.echo(text, nl=False)
        return
    from ai_coc.commands.options import write_file

    write_file(output, text)
