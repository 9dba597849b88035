"""The public register page: every AI use of the organisation with purpose, tool, labels and
notice links — what the organisation can publish (HTML and Markdown). Findings, waivers and
internal state are left out on purpose."""

from __future__ import annotations

from string import Template
from typing import Any

from ai_coc import __version__
from ai_coc.i18n import t
from ai_coc.report.register.escape import h, link, md, md_link
from ai_coc.report.register.html import asset
from ai_coc.report.register.model import Register, Repository


def _labels(use: dict[str, Any], lang: str) -> list[str]:
    """How the outputs are marked, as plain texts (not yet escaped)."""
    labels = []
    for output in use.get("outputs") or []:
        kind = output.get("kind") or "?"
        if output.get("labelled") and output.get("label"):
            labels.append(f"{kind}: {output['label']}")
        elif output.get("labelled"):
            labels.append(f"{kind}: {t('public.labelled', lang)}")
        else:
            labels.append(f"{kind}: {t('public.not_labelled', lang)}")
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
    parts = [f"<p>{h(t('public.intro', lang))}</p>"]
    groups = _groups(register)
    if not groups:
        parts.append(f'<p class="none">{h(t("public.no_uses", lang))}</p>')
    cols = [
        t(f"public.col.{c}", lang)
        for c in ("use", "purpose", "tool", "status", "audience", "labels")
    ]
    for number, (repo, uses) in enumerate(groups):
        ident = f"p{number}"
        title = h(repo.name) + (f" — {h(repo.organisation)}" if repo.organisation else "")
        parts.append(f'<section aria-labelledby="{ident}">\n<h2 id="{ident}">{title}</h2>')
        facts = []
        if repo.notice:
            facts.append(f"<li>{h(t('public.notice', lang))}: {link(repo.notice)}</li>")
        if repo.feedback:
            facts.append(f"<li>{h(t('public.feedback', lang))}: {link(repo.feedback)}</li>")
        if repo.url:
            facts.append(f"<li>{h(t('public.repository', lang))}: {link(repo.url)}</li>")
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
        caption = h(t("public.caption", lang, name=repo.name))
        scroll = h(
            t("register.scroll_table", lang, caption=t("public.caption", lang, name=repo.name))
        )
        parts.append(
            f'<div class="wrap" tabindex="0" role="region" aria-label="{scroll}">'
            f"<table><caption>{caption}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>"
            + "".join(rows)
            + "</tbody></table></div>\n</section>"
        )
    meta = t("public.meta", lang, date=register.today.isoformat(), orgs=_orgs(register) or "—")
    return Template(asset("register.html")).substitute(
        lang=h(lang),
        version=h(__version__),
        title=h(t("public.title", lang)),
        skip=h(t("register.skip", lang)),
        meta=h(meta),
        css=asset("register.css"),
        js="",
        body="\n".join(parts),
        footer=h(t("register.footer", lang, version=__version__)),
    )


def render_markdown(register: Register, lang: str) -> str:
    lines = [f"# {md(t('public.title', lang))}", ""]
    lines += [
        md(t("public.meta", lang, date=register.today.isoformat(), orgs=_orgs(register) or "—")),
        "",
    ]
    lines += [md(t("public.intro", lang)), ""]
    groups = _groups(register)
    if not groups:
        lines += [md(t("public.no_uses", lang)), ""]
    cols = [
        t(f"public.col.{c}", lang)
        for c in ("use", "purpose", "tool", "status", "audience", "labels")
    ]
    for repo, uses in groups:
        title = md(repo.name) + (f" — {md(repo.organisation)}" if repo.organisation else "")
        lines += [f"## {title}", ""]
        if repo.notice:
            lines.append(f"- {md(t('public.notice', lang))}: {md_link(repo.notice)}")
        if repo.feedback:
            lines.append(f"- {md(t('public.feedback', lang))}: {md_link(repo.feedback)}")
        if repo.url:
            lines.append(f"- {md(t('public.repository', lang))}: {md_link(repo.url)}")
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
    lines.append(md(t("register.footer", lang, version=__version__)))
    return "\n".join(lines) + "\n"
