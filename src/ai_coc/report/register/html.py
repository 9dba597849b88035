"""The internal register as one self-contained HTML file (styles and script inline, no
external resources: it works from ``file://`` and offline)."""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from string import Template
from typing import Any

from ai_coc import __version__
from ai_coc.i18n import N_, t
from ai_coc.report.register.escape import h, link
from ai_coc.report.register.load import OTHER, SCHEMA
from ai_coc.report.register.model import HORIZONS, STATES, Cell, Register, Repository

#: Texts by key (translated where shown).
CHANGES: dict[str, str] = {
    "repo-added": N_("repository added"),
    "repo-removed": N_("repository gone"),
    "red-added": N_("red line newly crossed"),
    "red-removed": N_("red line no longer crossed"),
    "use-added": N_("use added"),
    "use-removed": N_("use gone"),
    "errors-changed": N_("number of errors changed"),
    "warnings-changed": N_("number of warnings changed"),
}

#: Texts by key (translated where shown).
STATE_WORDS: dict[str, str] = {
    "ok": N_("fine"),
    "infos": N_("notes"),
    "warnings": N_("warnings"),
    "errors": N_("errors"),
    "red": N_("red line"),
}

#: Texts by key (translated where shown).
COLUMNS: dict[str, str] = {
    "repository": N_("Repository"),
    "schema": N_("File format"),
    "other": N_("Other rules"),
    "red_lines": N_("Red lines"),
    "errors": N_("Errors"),
    "warnings": N_("Warnings"),
    "baselined": N_("Accepted (baseline)"),
    "review_due": N_("Next review"),
    "use": N_("Use"),
    "rule": N_("Rule"),
    "message": N_("What is wrong"),
    "where": N_("Where"),
    "overdue": N_("Overdue"),
    "last_reviewed": N_("Last review"),
    "expires": N_("Expires"),
    "days_left": N_("Days left"),
    "approved_by": N_("Approved by"),
    "reason": N_("Reason"),
    "status": N_("Status"),
    "labour": N_("Labour"),
    "provenance": N_("Data provenance"),
    "decision": N_("Decision"),
    "reasons": N_("Reasons"),
    "decided_on": N_("Decided on"),
    "change": N_("Change"),
    "detail": N_("Detail"),
}

SYMBOLS: dict[str, str] = {"ok": "✓", "infos": "i", "warnings": "!", "errors": "✖", "red": "‼"}


def asset(name: str) -> str:
    """A file shipped in ``assets/`` (package data)."""
    return (resources.files(__package__) / "assets" / name).read_text(encoding="utf-8")


def _cell(cell: Cell | None, lang: str) -> str:
    if cell is None:
        ok = h(t("fine", lang))
        return f'<td class="cell s-ok"><span aria-hidden="true">✓</span> {ok}</td>'
    state = cell.state
    parts = []
    if cell.red:
        parts.append(t("{n} red line(s)", lang, n=cell.red))
    if cell.errors:
        parts.append(t("{n} error(s)", lang, n=cell.errors))
    if cell.warnings:
        parts.append(t("{n} warning(s)", lang, n=cell.warnings))
    if cell.infos:
        parts.append(t("{n} note(s)", lang, n=cell.infos))
    if not parts:
        parts.append(t("fine", lang))
    if cell.baselined:
        parts.append(t("{n} accepted", lang, n=cell.baselined))
    rules = ", ".join(sorted(cell.rules))
    title = f' title="{h(rules)}"' if rules else ""
    return (
        f'<td class="cell s-{state}"{title}><span aria-hidden="true">{SYMBOLS[state]}</span> '
        f"{h(', '.join(parts))}</td>"
    )


def _section(ident: str, heading: str, intro: str, table: str | None, lang: str) -> str:
    content = table if table is not None else ('<p class="none">' + h(t("None.", lang)) + "</p>")
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
    scroll = h(t("{caption} (table; scrolls sideways)", lang, caption=caption))
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
    return t(STATE_WORDS[state], lang)


def _matrix(register: Register, index: dict[str, int], lang: str) -> str:
    principles = register.principles
    extra = [s for s in (SCHEMA, OTHER) if any(s in r.cells for r in register.repositories)]
    heads = [
        (
            '<th scope="col" data-key="name"><button type="button">'
            + h(t("Repository", lang))
            + "</button></th>"
        )
    ]
    for p in principles:
        heads.append(f'<th scope="col"><span class="num">{p.number}</span> {h(p.label(lang))}</th>')
    for slug in extra:
        heads.append('<th scope="col">' + h(t(COLUMNS[slug], lang)) + "</th>")
    for key, label in (
        ("red", N_("Red lines")),
        ("errors", N_("Errors")),
        ("warnings", N_("Warnings")),
        ("baselined", N_("Accepted (baseline)")),
        ("due", N_("Next review")),
    ):
        kind = "text" if key == "due" else "number"
        heads.append(
            f'<th scope="col" data-key="{key}" data-type="{kind}"><button type="button">'
            + h(t(label, lang))
            + "</button></th>"
        )
    lines = []
    for repo in register.repositories:
        number = index[repo.key]
        state = repo.state
        text = " ".join(x for x in (repo.name, repo.organisation or "", repo.key) if x).lower()
        overdue = repo.review_overdue(register.today)
        due = h(repo.next_review_due or "—")
        if overdue is not None:
            late = h(t("{n} day(s) overdue", lang, n=overdue))
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
    scroll = h(
        t(
            "{caption} (table; scrolls sideways)",
            lang,
            caption=t("Repositories and the eight principles", lang),
        )
    )
    columns = f"15rem repeat({len(principles) + len(extra)}, 8.5rem) repeat(5, 6.5rem)"
    return (
        (
            '<section aria-labelledby="matrix-h">\n<h2 id="matrix-h">'
            + h(t("Repositories and the eight principles", lang))
            + "</h2>\n<p>"
            + h(
                t(
                    (
                        "One row per repository, one column per principle of the Code. A "
                        "cell shows the findings still open; findings accepted by a "
                        "baseline are counted apart."
                    ),
                    lang,
                )
            )
            + '</p>\n<ul class="legend" aria-label="'
            + h(t("Legend", lang))
            + f'">{legend}</ul>\n<div class="wrap" tabindex="0" role="region" '
            f'aria-label="{scroll}"><table id="matrix" role="table" '
            f'style="--matrix-columns: {columns}">\n<caption>'
            + h(
                t(
                    (
                        "State of each repository by principle (column headers with a "
                        "button sort the table)"
                    ),
                    lang,
                )
            )
            + '</caption>\n<thead role="rowgroup"><tr role="row">'
            + "".join(heads)
            + '</tr></thead>\n<tbody role="rowgroup">\n'
        )
        + "\n".join(lines)
        + "\n</tbody>\n</table></div>\n</section>"
    )


def _controls(register: Register, lang: str) -> str:
    options = [
        ("0", N_("all repositories")),
        ("1", N_("with any finding")),
        ("2", N_("with warnings or worse")),
        ("3", N_("with errors or red lines")),
        ("4", N_("with red-line hits")),
    ]
    opts = "".join((f'<option value="{v}">' + h(t(k, lang)) + "</option>") for v, k in options)
    template = t("{shown} of {total} repositories shown", lang)
    total = len(register.repositories)
    return (
        '<div class="controls" role="search">\n<div><label for="q">'
        + h(t("Search repositories", lang))
        + '</label><input id="q" type="search" autocomplete="off"></div>\n<div><label for="state">'
        + h(t("Show", lang))
        + f'</label><select id="state">{opts}</select></div>\n<p id="count" role="status" '
        f'aria-live="polite" data-template="{h(template)}">'
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
        return '<span class="s-errors">' + h(t("not stated", lang)) + "</span>"
    if status in ("unknown", "not_disclosed"):
        return f'<span class="s-warnings"><code>{h(status)}</code></span>'
    return f"<code>{h(status)}</code>"


def render(register: Register, lang: str) -> str:
    """The internal register page."""
    index = {repo.key: number for number, repo in enumerate(register.repositories)}
    totals = register.totals()
    parts = []
    summary_items = [
        ("repositories", N_("repositories")),
        ("uses", N_("AI uses")),
        ("red_line_hits", N_("red-line hits")),
        ("errors", N_("errors")),
        ("warnings", N_("warnings")),
        ("baselined", N_("accepted by a baseline")),
        ("waived", N_("waived")),
        ("overdue_reviews", N_("overdue reviews")),
    ]
    items = "".join(
        (f"<li><strong>{totals[k]}</strong> " + h(t(label, lang)) + "</li>")
        for k, label in summary_items
    )
    parts.append(
        '<section aria-labelledby="sum-h">\n<h2 id="sum-h">'
        + h(t("Overview", lang))
        + f'</h2>\n<ul class="totals">{items}</ul>\n</section>'
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
            t("Red lines crossed", lang),
            t(
                "Uses that cross one of the organisation's red lines. These "
                "always fail the check; no waiver or baseline accepts them.",
                lang,
            ),
            _table(
                t("Red lines crossed", lang),
                [t(COLUMNS[c], lang) for c in ("repository", "use", "rule", "message", "where")],
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
                h(t("{n} day(s) overdue", lang, n=days)),
                h(repo.last_reviewed or "—"),
            ],
        )
        for repo, days in register.overdue()
    ]
    parts.append(
        _section(
            "overdue",
            t("Overdue reviews", lang),
            t("Manifests whose next review date has passed.", lang),
            _table(
                t("Overdue reviews", lang),
                [
                    t(COLUMNS[c], lang)
                    for c in ("repository", "review_due", "overdue", "last_reviewed")
                ],
                overdue,
                lang,
            ),
            lang,
        )
    )

    waiver_cols = [
        t(COLUMNS[c], lang)
        for c in ("repository", "rule", "use", "expires", "days_left", "approved_by", "reason")
    ]
    lower = None
    waiver_sections = []
    for days in HORIZONS:
        rows = []
        for repo, waiver, left in register.waivers_until(days):
            if lower is not None and left <= lower:
                continue
            left_text = t("expired", lang) if left < 0 else str(left)
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
        heading = t("Within {days} days", lang, days=days)
        table = _table(heading, waiver_cols, rows, lang, (6,))
        waiver_sections.append(
            f'<h3 id="waivers-{days}-h">{h(heading)}</h3>\n'
            + (table or ('<p class="none">' + h(t("None.", lang)) + "</p>"))
        )
        lower = days
    parts.append(
        (
            '<section aria-labelledby="waivers-h">\n<h2 id="waivers-h">'
            + h(t("Waivers running out", lang))
            + "</h2>\n<p>"
            + h(
                t(
                    (
                        "Waivers accept a finding only until their end date; then the "
                        "finding counts again."
                    ),
                    lang,
                )
            )
            + "</p>\n"
        )
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
            t("Labour or data provenance not known", lang),
            t(
                "Uses in operation or planned for which the human work behind "
                "the model or the origin of its data is unknown, not disclosed "
                "or not stated.",
                lang,
            ),
            _table(
                t("Labour or data provenance not known", lang),
                [
                    t(COLUMNS[c], lang)
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
            what, reasons, decided = h(t("the project uses no AI (ai_used: false)", lang)), "—", "—"
        elif kind == "rejected":
            what = _use_label(item) + (" (" + h(t("rejected", lang)) + ")")
            reasons = h("; ".join(item.get("reasons") or []) or "—")
            decided = h(item.get("decided_on") or "—")
        else:
            label = item.get("area") or item.get("id") or "?"
            considered = item.get("considered")
            what = h(label) + (f" — {h(considered)}" if considered else "")
            reasons = h("; ".join(item.get("reasons") or []) or "—")
            decided = h(item.get("decided_on") or "—")
            if item.get("revisit_on"):
                decided += "<br>" + h(t("revisit on {date}", lang, date=item["revisit_on"]))
        non_uses.append((index[repo.key], [_repo_label(repo), what, reasons, decided]))
    parts.append(
        _section(
            "nonuse",
            t("Deliberate decisions against AI", lang),
            t("Not using AI is a real option. These are the documented decisions not to.", lang),
            _table(
                t("Deliberate decisions against AI", lang),
                [t(COLUMNS[c], lang) for c in ("repository", "decision", "reasons", "decided_on")],
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
                    [label, h(t(CHANGES[change.kind], lang)), h(change.detail)],
                )
            )
        intro = t("Compared with the register of {date}.", lang, date=register.previous_date or "?")
        parts.append(
            _section(
                "changes",
                t("Changes since the previous register", lang),
                intro,
                _table(
                    t("Changes since the previous register", lang),
                    [t(COLUMNS[c], lang) for c in ("repository", "change", "detail")],
                    changed,
                    lang,
                    (2,),
                ),
                lang,
            )
        )

    orgs = sorted({r.organisation for r in register.repositories if r.organisation})
    meta = t(
        "State on {date}, from {reports} report(s). Organisation(s): {orgs}",
        lang,
        date=register.today.isoformat(),
        reports=register.sources,
        orgs=", ".join(orgs) or "—",
    )
    return Template(asset("register.html")).substitute(
        lang=h(lang),
        version=h(__version__),
        title=h(t("AI register", lang)),
        skip=h(t("Skip to the register", lang)),
        meta=h(meta),
        css=asset("register.css"),
        js=asset("register.js"),
        body="\n".join(parts),
        footer=h(
            t(
                "Made with ai-coc {version}. For internal use: it lists findings and waivers.",
                lang,
                version=__version__,
            )
        ),
    )
