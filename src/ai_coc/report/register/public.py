"""The public register page: every AI use of the organisation with purpose, tool, labels and
notice links — what the organisation can publish (HTML and Markdown). Findings, waivers and
internal state are left out on purpose."""

from __future__ import annotations

from string import Template
from typing import Any

from ai_coc import __version__
from ai_coc.i18n import N_, t
from ai_coc.report.register.escape import h, link, md, md_link
from ai_coc.report.register.html import asset
from ai_coc.report.register.model import Register, Repository

#: Texts by key (translated where shown).
PUBLIC_COLUMNS: dict[str, str] = {
    "use": N_("Use"),
    "purpose": N_("Purpose"),
    "tool": N_("Tool"),
    "status": N_("Status"),
    "audience": N_("For whom"),
    "labels": N_("How results are marked"),
}


def _labels(use: dict[str, Any], lang: str) -> list[str]:
    """How the outputs are marked, as plain texts (not yet escaped)."""
    labels = []
    for output in use.get("outputs") or []:
        kind = output.get("kind") or "?"
        if output.get("labelled") and output.get("label"):
            labels.append(f"{kind}: {output['label']}")
        elif output.get("labelled"):
            labels.append(f"{kind}: " + t("marked as AI-made", lang))
        else:
            labels.append(f"{kind}: " + t("not marked", lang))
    return labels


def _tool(use: dict[str, Any]) -> str:
    tool, provider = use.get("tool"), use.get("provider")
    if tool and provider and provider not in tool:
        return f"{tool} ({provider})"
    return tool or provider or "—"


def _groups(register: Register) -> list[tuple[Repository, list[dict[str, Any]]]]:
    groups: dict[str, tuple[Repository, list[dict[str, Any]]]] = {}
    for repo, use in register.public_uses():
        groups.setdefault(repo.key, (repo, []))[1].append(use)
    return list(groups.values())


def _orgs(register: Register) -> str:
    return ", ".join(sorted({r.organisation for r in register.repositories if r.organisation}))


def render_html(register: Register, lang: str) -> str:
    parts = [
        (
            "<p>"
            + h(
                t(
                    (
                        "This page lists every use of artificial intelligence in our "
                        "work: what it is for, which tool we use, and how its results "
                        "are marked."
                    ),
                    lang,
                )
            )
            + "</p>"
        )
    ]
    groups = _groups(register)
    if not groups:
        parts.append('<p class="none">' + h(t("We currently use no AI.", lang)) + "</p>")
    cols = [
        t(PUBLIC_COLUMNS[c], lang)
        for c in ("use", "purpose", "tool", "status", "audience", "labels")
    ]
    for number, (repo, uses) in enumerate(groups):
        ident = f"p{number}"
        title = h(repo.name) + (f" — {h(repo.organisation)}" if repo.organisation else "")
        parts.append(f'<section aria-labelledby="{ident}">\n<h2 id="{ident}">{title}</h2>')
        facts = []
        if repo.notice:
            facts.append("<li>" + h(t("Notice on AI use", lang)) + f": {link(repo.notice)}</li>")
        if repo.feedback:
            facts.append(
                "<li>" + h(t("Questions and objections", lang)) + f": {link(repo.feedback)}</li>"
            )
        if repo.url:
            facts.append("<li>" + h(t("Project", lang)) + f": {link(repo.url)}</li>")
        if facts:
            parts.append("<ul>" + "".join(facts) + "</ul>")
        head = "".join(f'<th scope="col">{h(c)}</th>' for c in cols)
        rows = []
        for use in uses:
            labels = "<br>".join(h(x) for x in _labels(use, lang)) or "—"
            rows.append(
                f'<tr><th scope="row">{h(use.get("name") or use.get("id"))}</th>'
                f"<td>{h(use.get('purpose') or '—')}</td><td>{h(_tool(use))}</td>"
                f"<td>{h(use.get('status') or '—')}</td><td>{h(use.get('audience') or '—')}</td>"
                f"<td>{labels}</td></tr>"
            )
        caption = h(t("AI uses in {name}", lang, name=repo.name))
        scroll = h(
            t(
                "{caption} (table; scrolls sideways)",
                lang,
                caption=t("AI uses in {name}", lang, name=repo.name),
            )
        )
        parts.append(
            f'<div class="wrap" tabindex="0" role="region" aria-label="{scroll}">'
            f"<table><caption>{caption}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table></div>\n</section>"
        )
    meta = t(
        "As of {date}. Organisation(s): {orgs}",
        lang,
        date=register.today.isoformat(),
        orgs=_orgs(register) or "—",
    )
    return Template(asset("register.html")).substitute(
        lang=h(lang),
        version=h(__version__),
        title=h(t("Our use of AI", lang)),
        skip=h(t("Skip to the register", lang)),
        meta=h(meta),
        css=asset("register.css"),
        js="",
        body="\n".join(parts),
        footer=h(
            t(
                "Made with ai-coc {version}. For internal use: it lists findings and waivers.",
                lang,
                version=__version__,
            )
        ),
    )


def render_markdown(register: Register, lang: str) -> str:
    lines = [("# " + md(t("Our use of AI", lang))), ""]
    lines += [
        md(
            t(
                "As of {date}. Organisation(s): {orgs}",
                lang,
                date=register.today.isoformat(),
                orgs=_orgs(register) or "—",
            )
        ),
        "",
    ]
    lines += [
        md(
            t(
                "This page lists every use of artificial intelligence in our "
                "work: what it is for, which tool we use, and how its results "
                "are marked.",
                lang,
            )
        ),
        "",
    ]
    groups = _groups(register)
    if not groups:
        lines += [md(t("We currently use no AI.", lang)), ""]
    cols = [
        t(PUBLIC_COLUMNS[c], lang)
        for c in ("use", "purpose", "tool", "status", "audience", "labels")
    ]
    for repo, uses in groups:
        title = md(repo.name) + (f" — {md(repo.organisation)}" if repo.organisation else "")
        lines += [f"## {title}", ""]
        if repo.notice:
            lines.append("- " + md(t("Notice on AI use", lang)) + f": {md_link(repo.notice)}")
        if repo.feedback:
            lines.append(
                "- " + md(t("Questions and objections", lang)) + f": {md_link(repo.feedback)}"
            )
        if repo.url:
            lines.append("- " + md(t("Project", lang)) + f": {md_link(repo.url)}")
        if repo.notice or repo.feedback or repo.url:
            lines.append("")
        lines.append("| " + " | ".join(md(c) for c in cols) + " |")
        lines.append("|" + "---|" * len(cols))
        for use in uses:
            cells = [
                use.get("name") or use.get("id"),
                use.get("purpose") or "—",
                _tool(use),
                use.get("status") or "—",
                use.get("audience") or "—",
            ]
            labels = "<br>".join(md(x) for x in _labels(use, lang)) or "—"
            lines.append("| " + " | ".join(md(c) for c in cells) + f" | {labels} |")
        lines.append("")
    lines.append(
        md(
            t(
                "Made with ai-coc {version}. For internal use: it lists findings and waivers.",
                lang,
                version=__version__,
            )
        )
    )
    return "\n".join(lines) + "\n"
