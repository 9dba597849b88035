"""``ai-coc rules`` and ``ai-coc rule ID-OR-NAME``."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import click

from ai_coc.commands.helptext import argument, command, option
from ai_coc.commands.options import (
    config_option,
    echo,
    format_option,
    lang_option,
    org_config_option,
)
from ai_coc.errors import InputError
from ai_coc.i18n import N_, detect_language, pick, set_language, t
from ai_coc.report.formats.common import severity_word
from ai_coc.rules.policy import PolicySet, Rule, basis_text


def rule_dict(rule: Rule, policies: PolicySet, lang: str, docs_url: str = "") -> dict[str, object]:
    """A rule as JSON-ready data in ``lang``; ``help_url`` is the rule's page under the
    configured ``docs_url``, empty without one (as ``helpUri`` in SARIF, which is left out)."""
    principle = policies.principle(rule.principle)
    return {
        "id": rule.id,
        "name": rule.name,
        "pack": rule.pack.name,
        "principle": rule.principle,
        "principle_name": pick(principle.name, lang) if principle else None,
        "severity": rule.severity,
        "red_line": rule.red_line,
        "waivable": rule.waivable,
        "since": rule.spec.since,
        "summary": rule.text("summary", lang),
        "rationale": rule.text("rationale", lang),
        "fix": rule.text("fix", lang),
        "source": rule.spec.source,
        "basis": list(rule.spec.basis),
        "help_url": rule.help_url_for(docs_url),
    }


@command(help=N_("List all rules of the loaded policy packs."))
@format_option(
    ["text", "json", "markdown"], N_("Output format: a line per rule, JSON, or a Markdown table.")
)
@option(
    "--principle",
    metavar=N_("PRINCIPLE"),
    help=N_("Only rules of this principle (slug, e.g. weighing)."),
)
@lang_option
@config_option
@org_config_option
def rules(
    output_format: str,
    principle: str | None,
    lang: str | None,
    config_file: Path | None,
    org_config: Path | None,
) -> None:
    """``ai-coc rules`` (its help is the translated ``help=`` above)."""
    from ai_coc.run.config import settings_here

    settings = settings_here(config_file, org_config)
    language = detect_language(lang, settings.lang)
    set_language(language)
    policies = settings.require_policies()
    selected = [r for r in policies.rules if principle is None or r.principle == principle]
    if output_format == "json":
        data = [rule_dict(r, policies, language, settings.docs_url) for r in selected]
        echo(json.dumps(data, ensure_ascii=False, indent=2), json=True)
        return
    if output_format == "markdown":
        echo("| ID | name | principle | severity | summary |")
        echo("|---|---|---|---|---|")
        for r in selected:
            summary = r.text("summary", language).replace("|", "\\|")
            url = r.help_url_for(settings.docs_url)
            ident = f"[{r.id}]({url})" if url else r.id
            echo(f"| {ident} | `{r.name}` | {r.principle or '—'} | {r.severity} | {summary} |")
        return
    width = max((len(r.name) for r in selected), default=10)
    for r in selected:
        flag = t(" (red line)", language) if r.red_line else ""
        severity = severity_word(r.severity, language)
        echo(f"{r.id}  {r.name:<{width}}  {severity:<7}  {r.text('summary', language)}{flag}")


@command(
    help=N_(
        "Explain one rule: principle, why it matters, how to fix, an example.\n"
        "\n"
        "ID_OR_NAME is a rule's ID (COC202) or its name (labour-unjustified)."
    )
)
@argument("id_or_name", metavar=N_("ID_OR_NAME"))
@format_option(
    ["text", "json"],
    N_("Output format: the explanation as text, or the rule as JSON (as in `ai-coc rules`)."),
)
@lang_option
@config_option
@org_config_option
def rule(
    id_or_name: str,
    output_format: str,
    lang: str | None,
    config_file: Path | None,
    org_config: Path | None,
) -> None:
    """``ai-coc rule ID`` (its help is the translated ``help=`` above)."""
    from ai_coc.run.config import settings_here

    settings = settings_here(config_file, org_config)
    language = detect_language(lang, settings.lang)
    set_language(language)
    policies = settings.require_policies()
    found = policies.find(id_or_name)
    if found is None:
        candidates = difflib.get_close_matches(
            id_or_name, [*policies.by_id, *policies.by_name], n=3
        )
        suggestion = (
            t("; did you mean {candidates}?", candidates=", ".join(candidates))
            if candidates
            else ""
        )
        raise InputError(
            t("no rule with the ID or name '{name}'", name=id_or_name),
            hint=t("`ai-coc rules` lists all rules{suggestion}", suggestion=suggestion),
        )
    url = found.help_url_for(settings.docs_url)
    if output_format == "json":
        data = rule_dict(found, policies, language, settings.docs_url)
        echo(json.dumps(data, ensure_ascii=False, indent=2), json=True)
        return
    principle = policies.principle(found.principle)
    heading = f"{found.id} {found.name}"
    echo(click.style(heading, bold=True))
    echo("=" * len(heading))
    labels = {
        "en": ("Principle", "Severity", "Why", "How to fix", "Failing example", "Source", "Basis"),
        "de": (
            "Prinzip",
            "Schweregrad",
            "Warum",
            "So beheben",
            "Beispiel mit Befund",
            "Quelle",
            "Grundlage",
        ),
    }[language]
    echo(f"{found.text('summary', language)}\n")
    if principle is not None:
        echo(f"{labels[0]}: {principle.number} {pick(principle.name, language)}")
    flag = t(" (red line)", language) if found.red_line else ""
    echo(f"{labels[1]}: {severity_word(found.severity, language)}{flag}")
    echo(f"\n{labels[2]}:\n  {found.text('rationale', language)}")
    echo(f"\n{labels[3]}:\n  {found.text('fix', language)}")
    example = found.example_path("fail")
    if example.is_file():
        echo(f"\n{labels[4]} ({example.name}):")
        for line in example.read_text(encoding="utf-8").splitlines():
            echo(f"    {line}")
    if found.spec.source:
        echo(f"\n{labels[5]}: {found.spec.source}")
    if found.spec.basis:
        echo(f"{labels[6]}: {basis_text(found.spec.basis, language)}")
    if url:
        echo(f"\n{url}")
