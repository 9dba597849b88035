"""``ai-coc notice``: the public AI notice, rendered from the manifest (``--internal``: the
internal version with the learning loop)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import format_option, lang_option
from ai_coc.errors import InputError
from ai_coc.i18n import N_, detect_language, set_language, t

EXIT_OK = 0
EXIT_STALE = 1
EXIT_UNREADABLE = 2


def load_manifest(path: Path | None, lang: str) -> tuple[Any, Path, str]:
    """Load and validate the manifest; returns (data, path, display name)."""
    from pydantic import ValidationError

    from ai_coc.files import display_path
    from ai_coc.read.document import data_path_from_loc
    from ai_coc.read.manifest import Manifest
    from ai_coc.read.yaml import load_document, require_manifest
    from ai_coc.run.discover import discover

    target = path if path is not None else discover(Path.cwd())
    shown = display_path(target)
    doc = load_document(target, display=shown)
    require_manifest(doc)
    try:
        Manifest.model_validate(doc.data)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        where = data_path_from_loc(doc, tuple(error["loc"]))
        pos = doc.locate(where)
        dotted = ".".join(str(p) for p in where)
        raise InputError(
            t(
                "the manifest has a structural problem, so no notice is written: {problem}",
                lang,
                problem=f"{dotted}: {error['msg']}" if dotted else error["msg"],
            ),
            file=shown,
            line=pos.line,
            column=pos.column,
            hint=t("run `ai-coc check` to see every problem and how to fix it", lang),
        ) from None
    return doc.data, target, shown


@command(
    help=N_(
        "Write the public notice on your AI use from the manifest.\n"
        "\n"
        "It says, in plain words, for every running use and every pilot: what it is\n"
        "for, why, which tool, how results are labelled, where people can object and\n"
        "who is responsible; then the decisions against AI and the date of the last\n"
        "review.\n"
        "\n"
        "MANIFEST defaults to the ai-usage.yaml in this folder or at the top of the\n"
        "git repository. The output depends only on the manifest, so it can be\n"
        "compared: `ai-coc notice --check` tells whether the published notice file\n"
        "(transparency.notice) is still up to date. `--internal` writes the internal\n"
        "version, which adds what each use taught you (evaluation and reflections);\n"
        "keep it inside your organisation."
    )
)
@argument(
    "manifest",
    required=False,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar=N_("MANIFEST"),
)
@format_option(
    ["md", "html"],
    N_("Markdown or self-contained HTML (default: from --output's extension, else md)."),
    default=None,
    name="fmt",
)
@option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    metavar=N_("FILE"),
    help=N_("Write the notice to this file (default: print it)."),
)
@option(
    "--check",
    is_flag=True,
    help=N_(
        "Compare the notice file named in transparency.notice with a fresh rendering: "
        "exit 0 if it is up to date, 1 if it is stale, 2 if it cannot be read."
    ),
)
@option(
    "--internal",
    is_flag=True,
    help=N_(
        "Write the internal version for your organisation: everything the public notice "
        "says, plus each use's learning loop (evaluation, reflections, effect on your own "
        "staff, who was involved). Not for publication."
    ),
)
@lang_option
def notice(
    manifest: Path | None,
    fmt: str | None,
    output: Path | None,
    check: bool,
    internal: bool,
    lang: str | None,
) -> int:
    """``ai-coc notice`` (its help is the translated ``help=`` above)."""
    from ai_coc.author.notice import format_for_path, render_notice

    language = detect_language(lang)
    set_language(language)
    if check and internal:
        raise click.UsageError(
            t(
                "--check compares the public notice named in transparency.notice; "
                "it cannot be used with --internal",
                language,
            )
        )
    data, path, shown = load_manifest(manifest, language)
    if check:
        return _check(data, path, shown, language)
    chosen = fmt or (format_for_path(str(output)) if output else None) or "md"
    if internal and output is not None:
        _refuse_public_target(data, path, output, shown, language)
    text = render_notice(data, language, chosen, internal=internal)
    if output is None:
        click.echo(text, nl=False)
        return EXIT_OK
    from ai_coc.commands.options import write_file

    if not output.absolute().parent.resolve().is_dir():
        output.absolute().parent.resolve().mkdir(parents=True, exist_ok=True)
    write_file(output, text)
    click.echo(t("Wrote {path}.", language, path=output), err=True)
    return EXIT_OK


def _refuse_public_target(data: Any, path: Path, output: Path, shown: str, lang: str) -> None:
    """The internal version is never written over the public notice of transparency.notice."""
    target = (data.get("transparency") or {}).get("notice")
    if not isinstance(target, str) or not target or "://" in target or ":" in target[:7]:
        return
    public = (path.absolute().parent.resolve() / target).resolve()
    if output.absolute().resolve() == public:
        raise InputError(
            t(
                "{output} is the public notice named in transparency.notice; the internal "
                "version shows evaluations and reflections that stay inside your organisation, "
                "so it is not written there",
                lang,
                output=str(output),
            ),
            file=shown,
            hint=t(
                "write the internal version to another file, e.g. "
                "`ai-coc notice --internal --output internal/ai-notice.md`",
                lang,
            ),
        )


def _check(data: Any, path: Path, shown: str, lang: str) -> int:
    from ai_coc.author.notice import format_for_path, read_marker, read_variant, render_notice
    from ai_coc.commands.options import echo
    from ai_coc.files import read_text

    target = (data.get("transparency") or {}).get("notice")
    if not target or not isinstance(target, str):
        raise InputError(
            t("`transparency.notice` is not set, so there is no notice file to compare", lang),
            file=shown,
            hint=t(
                "set `transparency.notice: docs/ai-notice.md` and write it with "
                "`ai-coc notice --output docs/ai-notice.md`",
                lang,
            ),
        )
    if "://" in target or target.lower().startswith("mailto:"):
        raise InputError(
            t(
                "`transparency.notice` is a web address ({notice}); only a file "
                "in the repository can be compared",
                lang,
                notice=target,
            ),
            file=shown,
            hint=t(
                "publish a notice made with `ai-coc notice` there, or keep a "
                "copy in the repository and name its path",
                lang,
            ),
        )
    base = path.absolute().parent.resolve()
    notice_path = (base / target).resolve()
    from ai_coc.files import display_path, git_root

    limit = git_root(base) or base
    if notice_path != limit and limit not in notice_path.parents:
        raise InputError(
            t("the notice {notice} lies outside the repository", lang, notice=target), file=shown
        )
    current = read_text(notice_path, display=target)
    found = read_marker(current)
    fmt = found[1] if found else format_for_path(target)
    if fmt not in ("md", "html"):
        raise InputError(
            t("cannot tell the format of {notice}: use a .md or .html file", lang, notice=target),
            file=shown,
        )
    notice_lang = found[0] if found and found[0] in ("en", "de") else lang
    command = (
        f"ai-coc notice {shown} --lang {notice_lang} --format {fmt} "
        f"--output {display_path(notice_path)}"
    )
    if found is None:
        click.echo(
            t(
                "{notice} was not written by `ai-coc notice` (its first line has "
                "no 'ai-coc notice' marker), so it cannot be kept in step with "
                "{manifest}.",
                lang,
                notice=target,
                manifest=shown,
            ),
            err=True,
        )
        click.echo(t("To update it, run: {command}", lang, command=command), err=True)
        return EXIT_STALE
    if read_variant(current) == "internal":
        echo(
            t(
                "{notice} is the internal version of the notice (made with --internal): it "
                "shows evaluations and reflections that stay inside your organisation, but "
                "transparency.notice names the public notice.",
                lang,
                notice=target,
            ),
            err=True,
        )
        echo(t("To update it, run: {command}", lang, command=command), err=True)
        return EXIT_STALE
    fresh = render_notice(data, notice_lang, fmt)
    if current.replace("\r\n", "\n") == fresh:
        click.echo(
            t("{notice} is up to date with {manifest}.", lang, notice=target, manifest=shown)
        )
        return EXIT_OK
    click.echo(
        t(
            "{notice} no longer matches {manifest}: the public AI notice is out of date.",
            lang,
            notice=target,
            manifest=shown,
        ),
        err=True,
    )
    click.echo(t("To update it, run: {command}", lang, command=command), err=True)
    return EXIT_STALE
