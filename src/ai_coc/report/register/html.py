"""The internal register as one self-contained HTML file (styles and script inline, no
external resources: it works from ``file://`` and offline)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from string import Template
from typing import Any

from ai_coc import __version__
from ai_coc.i18n import t
from ai_coc.report.register.escape import h, link
from ai_coc.report.register.load import OTHER, SCHEMA
from ai_coc.report.register.model import HORIZONS, STATES, Cell, Register, Repository

SYMBOLS: dict[str, str] = {"ok": "✓", "infos": "i", "warnings": "!", "errors": "✖", "red": "‼"}


def asset(name: str) -> str:
    """A file shipped in ``assets/`` (package data)."""
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def _cell(cell: Cell | None, lang: str) -> str:
    if cell is None:
        ok = h(t("register.state.ok", lang))
        return f'<td class="cell s-ok"><span aria-hidden="true">✓</span> {ok}</td>'
    state = cell.state
    parts = []
    if cell.red:
        parts.append(t("register.n_red", lang, n=cell.red))
    if cell.errors:
        parts.append(t("register.n_errors", lang, n=cell.errors))
    if cell.warnings:
        parts.append(t("register.n_warnings", lang, n=cell.warnings))
    if cell.infos:
        parts.append(t("register.n_infos", lang, n=cell.infos))
    if not parts:
        parts.append(t("register.state.ok", lang))
    if cell.baselined:
        parts.append(t("register.n_baselined", lang, n=cell.baselined))
    rules = ", ".join(sorted(cell.rules))
    title = f' title="{h(rules)}"' if rules else ""
    return (
        f'<td class="cell s-{state}"{title}><span aria-hidden="true">{SYMBOLS[state]}</span> '
        f"{h(', '.join(parts))}</td>"
    )


def _section(ident: str, heading: str, intro: str, table: str | None, lang: str) -> str:
    content = (
        table if table is not None else f'<p class="none">{h(t("register.none_here", lang))}</p>'
    )
    text = f"<p>{h(intro)}</p>\n" if intro else ""
    return (
        f'<section aria-labelledby="{ident}-h">\n<h2 id="{ident}-h">{h(heading)}</h2>\n'
        f"{text}{content}\n</section>"
    )


def _table(
    caption: str,
    headers: list[str],
    rows: Sequence[tuple[int | None, list[str]]],
    lang: str,
    wide: Sequence[int] = (),
) -> str | None:
    """A table whose rows each belong to a repository (``data-repo``), or None if empty.

    ``rows`` are (repository index, cells already escaped); the columns ``wide`` get more
    room. Like the matrix, each row is a grid of its own (see register.css)."""
    if not rows:
        return None
    columns = " ".join(
        "minmax(0, 2.5fr)" if number in wide else "minmax(0, 1fr)" for number in range(len(headers))
    )
    head = "".join(f'<th role="columnheader" scope="col">{h(x)}</th>' for x in headers)
    scroll = h(t("register.scroll_table", lang, caption=caption))
    body = "\n".join(
        ('<tr role="row">' if repo is None else f'<tr role="row" data-repo="{repo}">')
        + "".join(f'<td role="cell">{c}</td>' for c in cells)
        + "</tr>"
        for repo, cells in rows
    )
    return (
        f'<div class="wrap" tabindex="0" role="region" aria-label="{scroll}">'
        f'<table class="grid" role="table" style="--columns: {columns}">\n'
        f"<caption>{h(caption)}</caption>\n"
        f'<thead role="rowgroup"><tr role="row">{head}</tr></thead>\n'
        f'<tbody class="by-repo" role="rowgroup">\n{body}\n</tbody>\n</table></div>'
    )


def _repo_label(repo: Repository) -> str:
    name = link(repo.url, repo.name) if repo.url else h(repo.name)
    if repo.organisation:
        return f'{name}<br><span class="meta">{h(repo.organisation)}</span>'
    return name


def _with_roles(html: str) -> str:
    """Explicit table roles: the matrix's CSS turns rows into grids (see register.css),
    which would otherwise cost the table its meaning for screen readers."""
    return (
        html.replace('<th scope="col"', '<th role="columnheader" scope="col"')
        .replace('<th scope="row"', '<th role="rowheader" scope="row"')
        .replace("<td", '<td role="cell"')
    )


def _state_word(state: str, lang: str) -> str:
    return t(f"register.state.{state}", lang)


def _matrix(register: Register, index: dict[str, int], lang: str) -> str:
    principles = register.principles
    extra = [s for s in (SCHEMA, OTHER) if any(s in r.cells for r in register.repositories)]
    heads = [
        f'<th scope="col" data-key="name"><button type="button">'
        f"{h(t('register.col.repository', lang))}</button></th>"
    ]
    for p in principles:
        heads.append(f'<th scope="col"><span class="num">{p.number}</span> {h(p.label(lang))}</th>')
    for slug in extra:
        heads.append(f'<th scope="col">{h(t("register.col." + slug, lang))}</th>')
    for key, label in (
        ("red", "register.col.red_lines"),
        ("errors", "register.col.errors"),
        ("warnings", "register.col.warnings"),
        ("baselined", "register.col.baselined"),
        ("due", "register.col.review_due"),
    ):
        kind = "text" if key == "due" else "number"
        heads.append(
            f'<th scope="col" data-key="{key}" data-type="{kind}"><button type="button">'
            f"{h(t(label, lang))}</button></th>"
        )
    lines = []
    for repo in register.repositories:
        number = index[repo.key]
        state = repo.state
        text = " ".join(x for x in (repo.name, repo.organisation or "", repo.key) if x).lower()
        overdue = repo.review_overdue(register.today)
        due = h(repo.next_review_due or "—")
        if overdue is not None:
            late = h(t("register.overdue_days", lang, n=overdue))
            due = f'<span class="s-errors">{due} ({late})</span>'
        cells = [f'<th scope="row">{_repo_label(repo)}</th>']
        cells += [_cell(repo.cells.get(p.slug), lang) for p in principles]
        cells += [_cell(repo.cells.get(slug), lang) for slug in extra]
        red = len(repo.red_hits)
        red_cell = f'<td class="s-red">‼ {red}</td>' if red else "<td>0</td>"
        cells += [
            red_cell,
            f"<td>{repo.errors}</td>",
            f"<td>{repo.warnings}</td>",
            f"<td>{repo.baselined}</td>",
            f"<td>{due}</td>",
        ]
        attrs = (
            f'class="repo" data-repo="{number}" data-rank="{STATES.index(state)}" '
            f'data-state="{state}" data-text="{h(text)}" data-name="{h(repo.name)}" '
            f'data-sort-name="{h(repo.name.lower())}" '
            f'data-sort-red="{red}" data-sort-errors="{repo.errors}" '
            f'data-sort-warnings="{repo.warnings}" data-sort-baselined="{repo.baselined}" '
            f'data-sort-due="{h(repo.next_review_due or "9999-99-99")}"'
        )
        lines.append(_with_roles(f'<tr role="row" {attrs}>' + "".join(cells) + "</tr>"))
    legend = "".join(
        f'<li class="s-{s}"><span aria-hidden="true">{SYMBOLS[s]}</span> '
        f"{h(_state_word(s, lang))}</li>"
        for s in reversed(STATES)
    )
    heads = [_with_roles(head) for head in heads]
    scroll = h(t("register.scroll_table", lang, caption=t("register.matrix", lang)))
    columns = f"15rem repeat({len(principles) + len(extra)}, 8.5rem) repeat(5, 6.5rem)"
    return (
        f'<section aria-labelledby="matrix-h">\n'
        f'<h2 id="matrix-h">{h(t("register.matrix", lang))}</h2>\n'
        f"<p>{h(t('register.matrix.intro', lang))}</p>\n"
        f'<ul class="legend" aria-label="{h(t("register.legend", lang))}">{legend}</ul>\n'
        f'<div class="wrap" tabindex="0" role="region" aria-label="{scroll}"'
        ">"
        f'<table id="matrix" role="table" style="--matrix-columns: {columns}">\n'
        f"<caption>{h(t('register.matrix.caption', lang))}</caption>\n"
        f'<thead role="rowgroup"><tr role="row">{"".join(heads)}</tr></thead>\n'
        '<tbody role="rowgroup">\n' + "\n".join(lines) + "\n</tbody>\n</table></div>\n</section>"
    )


def _controls(register: Register, lang: str) -> str:
    options = [
        ("0", "register.filter.all"),
        ("1", "register.filter.infos"),
        ("2", "register.filter.warnings"),
        ("3", "register.filter.errors"),
        ("4", "register.filter.red"),
    ]
    opts = "".join(f'<option value="{v}">{h(t(k, lang))}</option>' for v, k in options)
    template = t("register.shown", lang)
    total = len(register.repositories)
    return (
        f'<div class="controls" role="search">\n'
        f'<div><label for="q">{h(t("register.filter.search", lang))}</label>'
        f'<input id="q" type="search" autocomplete="off"></div>\n'
        f'<div><label for="state">{h(t("register.filter.state", lang))}</label>'
        f'<select id="state">{opts}</select></div>\n'
        f'<p id="count" role="status" aria-live="polite" data-template="{h(template)}">'
        f"{h(template.format(shown=total, total=total))}</p>\n</div>"
    )


def _use_label(use: dict[str, Any]) -> str:
    name = use.get("name") or use.get("id") or "?"
    ident = use.get("id")
    if ident and ident != name:
        return f"{h(name)} <code>{h(ident)}</code>"
    return h(name)


def _evidence(value: Any, lang: str) -> str:
    status = (value or {}).get("status") if isinstance(value, dict) else None
    if status is None:
        return f'<span class="s-errors">{h(t("register.not_stated", lang))}</span>'
    if status in ("unknown", "not_disclosed"):
        return f'<span class="s-warnings"><code>{h(status)}</code></span>'
    return f"<code>{h(status)}</code>"


def render(register: Register, lang: str) -> str:
    """The internal register page."""
    index = {repo.key: number for number, repo in enumerate(register.repositories)}
    totals = register.totals()
    parts = []
    summary_items = [
        ("repositories", "register.total.repositories"),
        ("uses", "register.total.uses"),
        ("red_line_hits", "register.total.red"),
        ("errors", "register.total.errors"),
        ("warnings", "register.total.warnings"),
        ("baselined", "register.total.baselined"),
        ("waived", "register.total.waived"),
        ("overdue_reviews", "register.total.overdue"),
    ]
    items = "".join(
        f"<li><strong>{totals[k]}</strong> {h(t(label, lang))}</li>" for k, label in summary_items
    )
    parts.append(
        f'<section aria-labelledby="sum-h">\n<h2 id="sum-h">{h(t("register.summary", lang))}</h2>\n'
        f'<ul class="totals">{items}</ul>\n</section>'
    )
    parts.append(_controls(register, lang))

    hits = [
        (
            index[repo.key],
            [
                _repo_label(repo),
                h(hit.use or "—"),
                f"<code>{h(hit.rule)}</code> {h(hit.name)}",
                h(hit.message),
                f"<code>{h(hit.path)}</code>",
            ],
        )
        for repo, hit in register.red_hits()
    ]
    parts.append(
        _section(
            "red",
            t("register.red", lang),
            t("register.red.intro", lang),
            _table(
                t("register.red", lang),
                [
                    t(f"register.col.{c}", lang)
                    for c in ("repository", "use", "rule", "message", "where")
                ],
                hits,
                lang,
                (3,),
            ),
            lang,
        )
    )
    parts.append(_matrix(register, index, lang))

    overdue = [
        (
            index[repo.key],
            [
                _repo_label(repo),
                h(repo.next_review_due),
                h(t("register.overdue_days", lang, n=days)),
                h(repo.last_reviewed or "—"),
            ],
        )
        for repo, days in register.overdue()
    ]
    parts.append(
        _section(
            "overdue",
            t("register.overdue", lang),
            t("register.overdue.intro", lang),
            _table(
                t("register.overdue", lang),
                [
                    t(f"register.col.{c}", lang)
                    for c in ("repository", "review_due", "overdue", "last_reviewed")
                ],
                overdue,
                lang,
            ),
            lang,
        )
    )

    waiver_cols = [
        t(f"register.col.{c}", lang)
        for c in ("repository", "rule", "use", "expires", "days_left", "approved_by", "reason")
    ]
    lower = None
    waiver_sections = []
    for days in HORIZONS:
        rows = []
        for repo, waiver, left in register.waivers_until(days):
            if lower is not None and left <= lower:
                continue
            left_text = t("register.expired", lang) if left < 0 else str(left)
            rows.append(
                (
                    index[repo.key],
                    [
                        _repo_label(repo),
                        f"<code>{h(waiver.get('rule'))}</code>",
                        h(waiver.get("use") or "—"),
                        h(waiver.get("expires")),
                        h(left_text),
                        h(waiver.get("approved_by") or "—"),
                        h(waiver.get("reason") or "—"),
                    ],
                )
            )
        heading = t("register.waivers_within", lang, days=days)
        table = _table(heading, waiver_cols, rows, lang, (6,))
        waiver_sections.append(
            f'<h3 id="waivers-{days}-h">{h(heading)}</h3>\n'
            + (table or f'<p class="none">{h(t("register.none_here", lang))}</p>')
        )
        lower = days
    parts.append(
        f'<section aria-labelledby="waivers-h">\n'
        f'<h2 id="waivers-h">{h(t("register.waivers", lang))}</h2>\n'
        f"<p>{h(t('register.waivers.intro', lang))}</p>\n"
        + "\n".join(waiver_sections)
        + "\n</section>"
    )

    unknown = [
        (
            index[repo.key],
            [
                _repo_label(repo),
                _use_label(use),
                h(use.get("status") or "—"),
                _evidence(use.get("labour"), lang),
                _evidence(use.get("provenance"), lang),
            ],
        )
        for repo, use in register.unknown_evidence()
    ]
    parts.append(
        _section(
            "unknown",
            t("register.unknown", lang),
            t("register.unknown.intro", lang),
            _table(
                t("register.unknown", lang),
                [
                    t(f"register.col.{c}", lang)
                    for c in ("repository", "use", "status", "labour", "provenance")
                ],
                unknown,
                lang,
            ),
            lang,
        )
    )

    non_uses = []
    for repo, kind, item in register.non_uses():
        if kind == "no-ai":
            what, reasons, decided = h(t("register.no_ai", lang)), "—", "—"
        elif kind == "rejected":
            what = _use_label(item) + f" ({h(t('register.rejected', lang))})"
            reasons = h("; ".join(item.get("reasons") or []) or "—")
            decided = h(item.get("decided_on") or "—")
        else:
            label = item.get("area") or item.get("id") or "?"
            considered = item.get("considered")
            what = h(label) + (f" — {h(considered)}" if considered else "")
            reasons = h("; ".join(item.get("reasons") or []) or "—")
            decided = h(item.get("decided_on") or "—")
            if item.get("revisit_on"):
                decided += f"<br>{h(t('register.revisit', lang, date=item['revisit_on']))}"
        non_uses.append((index[repo.key], [_repo_label(repo), what, reasons, decided]))
    parts.append(
        _section(
            "nonuse",
            t("register.non_uses", lang),
            t("register.non_uses.intro", lang),
            _table(
                t("register.non_uses", lang),
                [
                    t(f"register.col.{c}", lang)
                    for c in ("repository", "decision", "reasons", "decided_on")
                ],
                non_uses,
                lang,
                (2,),
            ),
            lang,
        )
    )

    if register.changes is not None:
        names = {repo.key: repo for repo in register.repositories}
        changed: list[tuple[int | None, list[str]]] = []
        for change in register.changes:
            now = names.get(change.repo)
            label = _repo_label(now) if now is not None else h(change.detail)
            changed.append(
                (
                    index[now.key] if now is not None else None,
                    [label, h(t(f"register.change.{change.kind}", lang)), h(change.detail)],
                )
            )
        intro = t("register.changes.intro", lang, date=register.previous_date or "?")
        parts.append(
            _section(
                "changes",
                t("register.changes", lang),
                intro,
                _table(
                    t("register.changes", lang),
                    [t(f"register.col.{c}", lang) for c in ("repository", "change", "detail")],
                    changed,
                    lang,
                    (2,),
                ),
                lang,
            )
        )

    orgs = sorted({r.organisation for r in register.repositories if r.organisation})
    meta = t(
        "register.meta",
        lang,
        date=register.today.isoformat(),
        reports=register.sources,
        orgs=", ".join(orgs) or "—",
    )
    return Template(asset("register.html")).substitute(
        lang=h(lang),
        version=h(__version__),
        title=h(t("register.title", lang)),
        skip=h(t("register.skip", lang)),
        meta=h(meta),
        css=asset("register.css"),
        js=asset("register.js"),
        body="\n".join(parts),
        footer=h(t("register.footer", lang, version=__version__)),
    )
