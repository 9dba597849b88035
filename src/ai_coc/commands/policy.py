"""``ai-coc policy``: work on policy packs (``ai-coc policy test PACK``)."""

from __future__ import annotations

import datetime as dt
import json

from ai_coc.commands.helptext import argument, group, option
from ai_coc.commands.language import group_lang_option
from ai_coc.commands.options import echo, format_option, lang_option, parse_date
from ai_coc.i18n import N_, detect_language, set_language
from ai_coc.report.report import EXIT_FINDINGS, EXIT_OK


@group(
    help=N_("Work with policy packs (the built-in `coc` pack or your organisation's red lines).")
)
@group_lang_option
def policy() -> None:
    """``ai-coc policy`` (its help is the translated ``help=`` above)."""


@policy.command(
    "test",
    help=N_(
        "Run every rule of PACK against its example manifests.\n"
        "\n"
        "PACK is the folder of a policy pack, or `coc` for the built-in pack. Each\n"
        "rule needs examples/<RULE-ID>/fail.yaml (the lines that must be reported\n"
        "end with `# expect: RULE-ID`) and examples/<RULE-ID>/pass.yaml (the rule\n"
        "must not be reported).\n"
        "\n"
        "Exit codes: 0 every rule passed, 1 a rule failed or has no examples,\n"
        "2 the pack itself is broken."
    ),
)
@argument("pack", default="coc", metavar=N_("PACK"))
@format_option(["text", "json"], N_("Output format."))
@option(
    "--today",
    metavar=N_("YYYY-MM-DD"),
    default=None,
    help=N_("Check the examples as of this date (default: the pack's examples_today)."),
)
@lang_option
def test(pack: str, output_format: str, today: str | None, lang: str | None) -> int:
    """``ai-coc policy test`` (its help is the translated ``help=`` above)."""
    from ai_coc.run.policytest import render_text, resolve_pack, run_pack_examples

    language = detect_language(lang)
    set_language(language)
    day: dt.date | None = parse_date(today) if today else None
    loaded = resolve_pack(pack)
    outcome = run_pack_examples(loaded, lang=language, today=day)
    if output_format == "json":
        echo(json.dumps(outcome.to_dict(), ensure_ascii=False, indent=2), json=True)
    else:
        echo(render_text(outcome))
    return EXIT_OK if outcome.ok else EXIT_FINDINGS
