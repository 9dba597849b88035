"""Sphinx extension: the reference parts of the docs, generated from the code at build time.

Nothing generated here is committed; every build reads the policy pack, the manifest models,
the check registry and runs ``ai-coc check`` in-process, so the docs cannot drift from the
tool. Directives (all usable from MyST Markdown):

``ai-coc-rules``
    One anchored section per rule of the pack (anchor = rule ID in lower case, the fragment
    of every finding's ``help_url``), with its texts, its example manifests and the real
    output of ``ai-coc check`` on the failing one. Option ``:lang: de`` for German.
``ai-coc-principle-rules SLUG``
    A list of the rules of one principle, linked to the rule reference.
``ai-coc-check PATH``
    The real output of ``ai-coc check`` on a manifest (relative to the current document).
    Options ``:lang:``, ``:format: text|json``, ``:today:``, ``:command:`` (the command line
    to show above the output) and ``:json-first-finding:`` (show only the first finding).
``ai-coc-notice PATH``
    The real output of ``ai-coc notice`` on a manifest. Options ``:lang:``, ``:command:`` and
    ``:internal:`` (the internal version, ``ai-coc notice --internal``).
``ai-coc-manifest``
    The reference of ``ai-usage.yaml`` from the pydantic models.
``ai-coc-schema``
    The JSON Schema, pretty-printed; the build also writes it to ``_static/``.
``ai-coc-checks``
    The vocabulary of named checks for pack authors.

Configuration: ``ai_coc_pack_dir`` (default: the built-in ``coc`` pack) names the pack the
rule reference is generated from, e.g. ``sphinx-build -D ai_coc_pack_dir=path/to/pack``.

This module imports Sphinx and is only used by the docs build (extra ``docs``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import re
import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pydantic import BaseModel
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from ai_coc import __version__
from ai_coc.errors import InputError
from ai_coc.i18n import N_, phrase, t
from ai_coc.report.report import Report
from ai_coc.rules.packs import load_pack
from ai_coc.rules.policy import Pack, PolicySet, Rule, basis_text, builtin_pack_dir
from ai_coc.run.policytest import SKIPPED

SCHEMA_FILE = "ai-usage.schema.json"


#: Label prefix of the rule sections per language (anchors are the bare lower-case IDs).
RULE_LABEL = {"en": "rule", "de": "regel"}
#: Label prefix of the principle sections of the principles pages.
PRINCIPLE_LABEL = {"en": "principle", "de": "de-principle"}


# --- loading -----------------------------------------------------------------------------


def resolve_pack_dir(app: Sphinx, config: Config) -> None:
    """Make a relative ``ai_coc_pack_dir`` relative to the folder of ``conf.py``."""
    configured = config.ai_coc_pack_dir
    if configured and not Path(configured).is_absolute():
        config.ai_coc_pack_dir = str((Path(app.confdir) / configured).resolve())


def load_policy_set(config: Config) -> PolicySet:
    """The pack as a policy set, loaded fresh for each directive (packs are small).

    Raises :class:`~ai_coc.errors.InputError` for a broken pack.
    """
    configured = config.ai_coc_pack_dir
    root = Path(configured) if configured else builtin_pack_dir()
    pack = load_pack(root, origin="builtin:coc")
    return PolicySet(packs=[pack], principles=list(pack.meta.principles))


def pack_today(pack: Pack) -> dt.date:
    return pack.meta.examples_today or dt.date(2026, 11, 21)


@contextlib.contextmanager
def _language(lang: str) -> Iterator[None]:
    from ai_coc.i18n import get_language, set_language

    before = get_language()
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def run_check(manifest: Path, policies: PolicySet, *, today: dt.date, lang: str) -> Report:
    """Run the check on ``manifest`` in-process, as ``ai-coc check NAME`` run in its folder."""
    from ai_coc.run.check import check_paths

    with contextlib.chdir(manifest.parent), _language(lang):
        return check_paths(
            [Path(manifest.name)], policies, today=today, lang=lang, read_history=False
        )


def render_report(report: Report, policies: PolicySet, fmt: str) -> str:
    """The report as ``--format fmt --no-color`` writes it."""
    from ai_coc.report.formats import get_renderer

    stream = io.StringIO()
    with _language(report.lang):
        get_renderer(fmt)(report, policies, stream, color=False)
    return stream.getvalue()


def render_findings_of(report: Report, rule_id: str) -> str:
    """The text-format blocks of the findings of one rule, as in ``ai-coc check``."""
    from ai_coc.report.formats.text import _Paint, render_finding

    blocks = []
    for result in report.files:
        for finding in result.sorted_findings():
            if finding.rule_id == rule_id:
                out = render_finding(finding, result.lines, report.lang, _Paint(False))
                blocks.append("\n".join(out))
    return "\n\n".join(blocks)


# --- small node helpers -------------------------------------------------------------------

_CODE = re.compile(r"`([^`]+)`")


def inline(text: str) -> list[nodes.Node]:
    """Plain text with `backticks` as inline code (the markup the packs use)."""
    out: list[nodes.Node] = []
    pos = 0
    for match in _CODE.finditer(text):
        if match.start() > pos:
            out.append(nodes.Text(text[pos : match.start()]))
        out.append(nodes.literal(match.group(1), match.group(1)))
        pos = match.end()
    if pos < len(text):
        out.append(nodes.Text(text[pos:]))
    return out


def para(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", *inline(text))


def code_block(text: str, language: str, *, linenos: bool = False) -> nodes.literal_block:
    block = nodes.literal_block(text, text)
    block["language"] = language
    if linenos:
        block["linenos"] = True
    return block


def section(
    ids: list[str], title: str | list[nodes.Node], names: Sequence[str] = ()
) -> nodes.section:
    node = nodes.section(ids=ids, names=list(names))
    node += nodes.title("", "", *(inline(title) if isinstance(title, str) else title))
    return node


def field_table(rows: list[tuple[str, list[nodes.Node]]]) -> nodes.field_list:
    flist = nodes.field_list()
    for name, body in rows:
        field = nodes.field()
        field += nodes.field_name(name, name)
        field += nodes.field_body("", nodes.paragraph("", "", *body))
        flist += field
    return flist


def ref(target: str, text: str) -> addnodes.pending_xref:
    """A checked cross-reference to a label (a broken one fails the ``-n -W`` build)."""
    node = addnodes.pending_xref(
        "", refdomain="std", reftype="ref", reftarget=target, refexplicit=True, refwarn=True
    )
    node += nodes.inline(text, text)
    return node


def table(headers: list[str], rows: list[list[list[nodes.Node]]]) -> nodes.table:
    tbl = nodes.table(classes=["ai-coc-table"])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", nodes.paragraph(text, text))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", nodes.paragraph("", "", *cell))
        body += row
    group += body
    return tbl


#: The commit the example of the history rule is shown with (see ``check_in_repository``).
HISTORY_COMMIT = "Fix the dates in the event calendar\n\nAssisted-by: Claude:claude-sonnet-4"
HISTORY_DATE = "2026-11-02T10:00:00+01:00"


class _Directive(SphinxDirective):
    option_spec: ClassVar[dict[str, Any]] = {"lang": lambda v: directives.choice(v, ("en", "de"))}

    @property
    def lang(self) -> str:
        return str(self.options.get("lang", "en"))

    def policies(self) -> PolicySet:
        """The configured pack; a broken one is a build error with ai-coc's own message."""
        try:
            return load_policy_set(self.config)
        except InputError as exc:
            raise self.error(f"ai-coc: the policy pack cannot be read: {exc.format()}") from None

    def check(self, path: Path, policies: PolicySet, *, today: dt.date) -> Report:
        """``ai-coc check`` on ``path``; unreadable input is a build error."""
        try:
            return run_check(path, policies, today=today, lang=self.lang)
        except InputError as exc:
            raise self.error(f"ai-coc check failed: {exc.format()}") from None

    def note_pack(self, policies: PolicySet) -> None:
        """Rebuild this page when a file of the pack changes."""
        for pack in policies.packs:
            for path in sorted(pack.root.rglob("*.y*ml")):
                self.env.note_dependency(str(path))


# --- rules --------------------------------------------------------------------------------


def _selector_text(rule: Rule, lang: str) -> str:
    if rule.spec.kind == "builtin" or rule.spec.select == "manifest":
        return t("the whole manifest", lang)
    return t("each entry of", lang) + f" `{rule.spec.select}`"


class RulesDirective(_Directive):
    """``{ai-coc-rules}``: the rule reference."""

    def run(self) -> list[nodes.Node]:
        policies = self.policies()
        self.note_pack(policies)
        lang = self.lang
        out: list[nodes.Node] = []
        groups: list[tuple[str, str, list[Rule]]] = []
        builtin = [r for r in policies.rules if r.spec.kind == "builtin" and not r.principle]
        if builtin:
            groups.append(("rules-format", t("File and format checks", lang), builtin))
        for principle in policies.principles:
            rules = [r for r in policies.rules if r.principle == principle.slug]
            title = f"{principle.number} · {principle.name.get(lang) or principle.name['en']}"
            groups.append((f"rules-{principle.slug}", title, rules))
        known = {r.id for _g, _t, rules in groups for r in rules}
        rest = [r for r in policies.rules if r.id not in known]
        if rest:
            groups.append(("rules-other", t("Other rules", lang), rest))
        out.append(self.overview(groups))
        for group_id, title, rules in groups:
            sect = section([group_id], title)
            if not rules:
                sect += para(t("No rule of the built-in pack belongs to this principle yet.", lang))
            for rule in sorted(rules, key=lambda r: r.id):
                sect += self.rule_section(rule, policies)
            out.append(sect)
        return out

    def overview(self, groups: list[tuple[str, str, list[Rule]]]) -> nodes.table:
        """One row per rule, linked to its section."""
        lang = self.lang
        rows: list[list[list[nodes.Node]]] = []
        for _group_id, _title, rules in groups:
            for rule in sorted(rules, key=lambda r: r.id):
                link = nodes.reference("", "", refid=rule.id.lower(), internal=True)
                link += nodes.literal(rule.id, rule.id)
                rows.append(
                    [
                        [link],
                        [nodes.literal(rule.name, rule.name)],
                        [nodes.Text(rule.severity)],
                        inline(rule.text("summary", lang)),
                    ]
                )
        headers = ["ID", t("Name", lang), t("Severity", lang), t("What it finds", lang)]
        return table(headers, rows)

    def rule_section(self, rule: Rule, policies: PolicySet) -> nodes.section:
        lang = self.lang
        title: list[nodes.Node] = [nodes.Text(f"{rule.id} · "), nodes.literal(rule.name, rule.name)]
        sect = section([rule.id.lower()], title, [f"{RULE_LABEL[lang]}-{rule.id.lower()}"])
        self.state.document.note_explicit_target(sect)
        sect += nodes.paragraph("", "", nodes.strong("", "", *inline(rule.text("summary", lang))))
        principle = policies.principle(rule.principle)
        rows: list[tuple[str, list[nodes.Node]]] = []
        if principle is not None:
            name = f"{principle.number} · {principle.name.get(lang) or principle.name['en']}"
            rows.append(
                (t("Principle", lang), [ref(f"{PRINCIPLE_LABEL[lang]}-{principle.slug}", name)])
            )
        rows.append((t("Severity", lang), [nodes.literal(rule.severity, rule.severity)]))
        rows.append((t("Name", lang), [nodes.literal(rule.name, rule.name)]))
        rows.append((t("Looks at", lang), inline(_selector_text(rule, lang))))
        yes, no = t("yes", lang), t("no", lang)
        rows.append((t("Red line", lang), [nodes.Text(yes if rule.red_line else no)]))
        rows.append((t("Can be waived", lang), [nodes.Text(yes if rule.waivable else no)]))
        rows.append((t("Since version", lang), [nodes.Text(rule.spec.since)]))
        if rule.spec.source:
            rows.append((t("Source", lang), inline(rule.spec.source)))
        if rule.spec.basis:
            rows.append((t("Basis", lang), [nodes.Text(basis_text(rule.spec.basis, lang))]))
        sect += field_table(rows)
        for heading, which in (
            (N_("Why"), "rationale"),
            (N_("How to fix"), "fix"),
            (N_("Message"), "message"),
        ):
            sect += nodes.rubric("", t(heading, lang))
            sect += para(rule.text(which, lang))
        if lang != "en":
            # The English texts are what English users see; show the summary for reference.
            sect += nodes.paragraph(
                "", "", nodes.emphasis("", "English: "), *inline(rule.text("summary", "en"))
            )
        else:
            german = rule.text("summary", "de")
            if german and german != rule.text("summary", "en"):
                sect += nodes.paragraph("", "", nodes.emphasis("", "Deutsch: "), *inline(german))
        sect += self.examples(rule, policies)
        return sect

    def examples(self, rule: Rule, policies: PolicySet) -> list[nodes.Node]:
        lang = self.lang
        out: list[nodes.Node] = []
        for kind, heading in (("fail", N_("Failing example")), ("pass", N_("Passing example"))):
            path = rule.example_path(kind)
            out.append(nodes.rubric("", "", *inline(t(heading, lang))))
            if not path.is_file():
                note = nodes.note()
                note += para(
                    t(
                        "This rule has no {kind} example yet (expected in the pack at "
                        "`examples/{id}/{kind}.yaml`).",
                        lang,
                        kind=kind,
                        id=rule.id,
                    )
                )
                out.append(note)
                continue
            self.env.note_dependency(str(path))
            text = path.read_text(encoding="utf-8")
            block = code_block(text, "yaml", linenos=True)
            out.append(
                nodes.container(
                    "",
                    nodes.caption(path.name, path.name),
                    block,
                    classes=["literal-block-wrapper"],
                    literal_block=True,
                )
            )
            if kind == "fail":
                today = pack_today(rule.pack)
                history = rule.spec.kind == "builtin" and rule.name in SKIPPED
                if history:
                    report = self.check_in_repository(path, policies, today=today)
                else:
                    report = self.check(path, policies, today=today)
                shown = render_findings_of(report, rule.id) or t(
                    "(no finding of this rule: the example does not trigger it)", lang
                )
                lang_flag = "" if lang == "en" else f" --lang {lang}"
                command = f"$ ai-coc check --today {today.isoformat()}{lang_flag} {path.name}\n"
                out.append(
                    nodes.rubric(
                        "",
                        "",
                        *inline(t("What `ai-coc check` reports on the failing example", lang)),
                    )
                )
                out.append(code_block(command + shown, "text"))
                out.append(
                    para(
                        t(
                            "Only the findings of this rule are shown; the full output also "
                            "has the other rules' findings and the summary by principle.",
                            lang,
                        )
                    )
                )
                if history:
                    out.append(
                        para(
                            t(
                                "This rule reads the git history: the output above comes from a "
                                "repository that holds the example and, after its review date, "
                                "one commit with this message:",
                                lang,
                            )
                        )
                    )
                    out.append(code_block(HISTORY_COMMIT, "text"))
        return out

    def check_in_repository(self, path: Path, policies: PolicySet, *, today: dt.date) -> Report:
        """``ai-coc check`` on ``path`` in a new git repository with :data:`HISTORY_COMMIT`
        (fixed names and dates, so the commit hash is the same in every build)."""
        import shutil
        import subprocess
        import tempfile

        from ai_coc.run.check import check_paths

        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Docs",
            "GIT_AUTHOR_EMAIL": "docs@example.org",
            "GIT_COMMITTER_NAME": "Docs",
            "GIT_COMMITTER_EMAIL": "docs@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        with tempfile.TemporaryDirectory() as folder:
            repo = Path(folder)
            for item in path.parent.iterdir():
                if item.is_file():
                    shutil.copy(item, repo / item.name)
            steps = [
                (["init", "-q", "-b", "main"], None),
                (["add", "-A"], None),
                (["commit", "-q", "-m", "Manifest"], "2026-09-01T10:00:00+02:00"),
                (["commit", "-q", "--allow-empty", "-m", HISTORY_COMMIT], HISTORY_DATE),
            ]
            try:
                for args, date in steps:
                    dated = dict(env)
                    if date is not None:
                        dated.update({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date})
                    subprocess.run(
                        ["git", *args],
                        cwd=repo,
                        env=dated,
                        check=True,
                        capture_output=True,
                    )
            except (OSError, subprocess.CalledProcessError) as exc:
                raise self.error(f"ai-coc: git is needed to show {path.name}: {exc}") from None
            with contextlib.chdir(repo), _language(self.lang):
                return check_paths([Path(path.name)], policies, today=today, lang=self.lang)


class PrincipleRulesDirective(_Directive):
    """``{ai-coc-principle-rules} SLUG``: the rules of one principle, linked."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        policies = self.policies()
        self.note_pack(policies)
        slug = self.arguments[0]
        if policies.principle(slug) is None:
            raise self.error(f"unknown principle '{slug}'")
        rules = sorted((r for r in policies.rules if r.principle == slug), key=lambda r: r.id)
        if not rules:
            return [
                para(t("No rule of the built-in pack belongs to this principle yet.", self.lang))
            ]
        items = nodes.bullet_list()
        for rule in rules:
            item = nodes.list_item()
            target = f"{RULE_LABEL[self.lang]}-{rule.id.lower()}"
            body = nodes.paragraph()
            body += ref(target, rule.id)
            body += nodes.Text(" ")
            body += nodes.literal(rule.name, rule.name)
            body += nodes.Text(f" ({rule.severity}) – ")
            body.extend(inline(rule.text("summary", self.lang)))
            item += body
            items += item
        return [items]


# --- running the check --------------------------------------------------------------------


class CheckDirective(_Directive):
    """``{ai-coc-check} PATH``: the real output of ``ai-coc check``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        **_Directive.option_spec,
        "format": lambda v: directives.choice(v, ("text", "json")),
        "today": directives.unchanged,
        "command": directives.unchanged,
        "json-first-finding": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        rel, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(absolute)
        if not path.is_file():
            raise self.error(f"no manifest at {rel}")
        self.env.note_dependency(rel)
        policies = self.policies()
        self.note_pack(policies)
        today_text = self.options.get("today")
        today = dt.date.fromisoformat(today_text) if today_text else pack_today(policies.packs[0])
        fmt = self.options.get("format", "text")
        report = self.check(path, policies, today=today)
        output = render_report(report, policies, fmt)
        if fmt == "json" and "json-first-finding" in self.options:
            findings = json.loads(output)["findings"]
            if not findings:
                raise self.error(f"{rel} has no findings to show")
            output = json.dumps(findings[0], ensure_ascii=False, indent=2)
        command = self.options.get("command")
        text = (f"$ {command}\n" if command else "") + output.rstrip("\n")
        return [code_block(text, "json" if fmt == "json" and not command else "text")]


class NoticeDirective(_Directive):
    """``{ai-coc-notice} PATH``: the real output of ``ai-coc notice`` (Markdown); with
    ``:internal:``, of ``ai-coc notice --internal``."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        **_Directive.option_spec,
        "command": directives.unchanged,
        "internal": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        from ai_coc.author.notice import render_notice
        from ai_coc.read.yaml import load_document

        rel, absolute = self.env.relfn2path(self.arguments[0], self.env.docname)
        path = Path(absolute)
        self.env.note_dependency(rel)
        try:
            data = load_document(path, display=path.name).data
            text = render_notice(
                data, lang=self.lang, fmt="md", internal="internal" in self.options
            )
        except InputError as exc:
            raise self.error(f"ai-coc notice failed: {exc.format()}") from None
        command = self.options.get("command")
        return [code_block((f"$ {command}\n" if command else "") + text.rstrip("\n"), "md")]


# --- manifest reference -------------------------------------------------------------------


def _model_id(model: type[BaseModel]) -> str:
    return f"manifest-{model.__name__.lower()}"


_SPECIAL_TYPES = {"date": "date (YYYY-MM-DD)", "bool": "true / false", "str": "text"}


def describe_type(annotation: Any, models: list[type[BaseModel]]) -> list[nodes.Node]:
    """A readable form of a field's type; nested models are linked and collected."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *meta = args
        for item in meta:
            pattern = getattr(item, "pattern", None) or next(
                (getattr(m, "pattern", None) for m in getattr(item, "metadata", [])), None
            )
            if pattern == r"^[a-z0-9]+(?:-[a-z0-9]+)*$":
                return [nodes.Text("identifier (kebab-case)")]
        return describe_type(base, models)
    if origin in (typing.Union, types.UnionType):
        parts = [a for a in args if a is not type(None)]
        out: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index:
                out.append(nodes.Text(" or "))
            out.extend(describe_type(part, models))
        return out
    if origin is list:
        return [nodes.Text("list of "), *describe_type(args[0], models)]
    if origin is dict:
        return [nodes.Text("mapping of text to "), *describe_type(args[1], models)]
    if origin is typing.Literal:
        out = []
        for index, value in enumerate(args):
            if index:
                out.append(nodes.Text(", "))
            out.append(nodes.literal(str(value), str(value)))
        return out
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in models:
            models.append(annotation)
        return [
            nodes.reference("", annotation.__name__, refid=_model_id(annotation), internal=True)
        ]
    name = getattr(annotation, "__name__", str(annotation))
    return [nodes.Text(_SPECIAL_TYPES.get(name, name))]


def nested_models(annotation: Any) -> Iterator[tuple[type[BaseModel], bool]]:
    """The models inside a field's type, each with whether it sits in a list."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation, False
        return
    for arg in typing.get_args(annotation):
        for model, in_list in nested_models(arg):
            yield model, in_list or origin is list


def model_paths(root: type[BaseModel]) -> dict[type[BaseModel], list[str]]:
    """Every model of the manifest, in reading order, with the places it is used."""
    paths: dict[type[BaseModel], list[str]] = {root: []}
    queue: list[tuple[type[BaseModel], str]] = [(root, "")]
    while queue:
        model, prefix = queue.pop(0)
        for name, info in model.model_fields.items():
            key = f"{prefix}.{info.alias or name}" if prefix else (info.alias or name)
            for child, in_list in nested_models(info.annotation):
                where = f"{key}[]" if in_list else key
                first = child not in paths
                places = paths.setdefault(child, [])
                if where not in places:
                    places.append(where)
                if first:
                    queue.append((child, where))
    return paths


def _first_paragraph(doc: str | None) -> str:
    text = (doc or "").strip().split("\n\n")[0]
    return re.sub(r"``([^`]+)``", r"`\1`", " ".join(text.split()))


class ManifestDirective(_Directive):
    """``{ai-coc-manifest}``: every key of ``ai-usage.yaml`` from the pydantic models."""

    def run(self) -> list[nodes.Node]:
        from ai_coc.read.manifest import Manifest, json_schema

        lang = self.lang
        schema = json_schema()  # the published schema may describe more than the models do
        paths = model_paths(Manifest)
        models: list[type[BaseModel]] = list(paths)
        out: list[nodes.Node] = []
        for model in models:
            if model is Manifest:
                title: list[nodes.Node] = [nodes.Text("Top level")]
            else:
                first = paths[model][0]
                title = [nodes.literal(first, first), nodes.Text(f" ({model.__name__})")]
            sect = section([_model_id(model)], title)
            doc = _first_paragraph(model.__doc__)
            if doc:
                sect += para(doc)
            if len(paths[model]) > 1:
                used = nodes.paragraph("", "Used at: ")
                for index, where in enumerate(paths[model]):
                    if index:
                        used += nodes.Text(", ")
                    used += nodes.literal(where, where)
                sect += used
            rows: list[list[list[nodes.Node]]] = []
            node = schema if model is Manifest else schema.get("$defs", {}).get(model.__name__, {})
            schema_props: dict[str, Any] = node.get("properties", {})
            for name, info in model.model_fields.items():
                key = info.alias or name
                kind: list[nodes.Node] = describe_type(info.annotation, models)
                for meta in info.metadata:  # constraints such as a pattern
                    pattern = getattr(meta, "pattern", None)
                    if pattern == r"^[a-z0-9]+(?:-[a-z0-9]+)*$":
                        kind = [nodes.Text("identifier (kebab-case)")]
                # the models carry no descriptions: they are attached to the exported schema
                description = schema_props.get(key, {}).get("description", "")
                if not description:
                    nested = [m for m, _ in nested_models(info.annotation)]
                    if nested:
                        description = _first_paragraph(nested[0].__doc__)
                required = t("yes", lang) if info.is_required() else t("no", lang)
                key_cell: list[nodes.Node] = [nodes.literal(key, key)]
                required_cell: list[nodes.Node] = [nodes.Text(required)]
                rows.append([key_cell, kind, required_cell, inline(description)])
            sect += table(
                [
                    t("Key", lang),
                    t("Type", lang),
                    t("Required", lang),
                    t("Description", lang),
                ],
                rows,
            )
            out.append(sect)
        out.append(self.categories())
        return out

    def categories(self) -> nodes.section:
        from ai_coc.read.vocabulary import CATEGORIES, CATEGORY_NAMES

        sect = section(["manifest-categories"], [nodes.Text("Categories of a use")])
        sect += para(
            "The words ai-coc knows for `uses[].categories`. Rules, and your organisation's "
            "red lines, look at these words, e.g. to find every use in `recruiting`:"
        )
        items = nodes.bullet_list()
        for category in CATEGORIES:
            names = CATEGORY_NAMES.get(category, {})
            item = nodes.paragraph("", "", nodes.literal(category, category))
            if names:
                item += nodes.Text(f" – {names.get('en', '')} ({names.get('de', '')})")
            items += nodes.list_item("", item)
        sect += items
        return sect


class SchemaDirective(_Directive):
    """``{ai-coc-schema}``: the JSON Schema and a link to the downloadable file."""

    def run(self) -> list[nodes.Node]:
        from ai_coc.read.manifest import json_schema

        schema = json_schema()
        depth = self.env.docname.count("/")
        uri = "../" * depth + f"_static/{SCHEMA_FILE}"
        link = nodes.paragraph()
        link += nodes.reference("", t("Download the schema", self.lang), refuri=uri)
        link += nodes.Text(": ")
        link += nodes.literal(schema["$id"], schema["$id"])
        text = json.dumps(schema, ensure_ascii=False, indent=2)
        return [link, code_block(text, "json")]


class ChecksDirective(_Directive):
    """``{ai-coc-checks}``: the named checks a rule may use."""

    def run(self) -> list[nodes.Node]:
        from ai_coc.rules.checks import REGISTRY

        out: list[nodes.Node] = []
        for name in sorted(REGISTRY):
            cls = REGISTRY[name]
            sect = section([f"check-{name.replace('_', '-')}"], [nodes.literal(name, name)])
            text = phrase("checks", name, self.lang)  # what it tests: texts/checks.yaml
            sect += para(text)
            german = phrase("checks", name, "de")
            if self.lang == "en" and german != text:
                sect += nodes.paragraph("", "", nodes.emphasis("", "Deutsch: "), *inline(german))
            if cls.example:
                sect += code_block(cls.example, "yaml")
            out.append(sect)
        return out


# --- wiring -------------------------------------------------------------------------------


def write_schema(app: Sphinx, exception: Exception | None) -> None:
    """Put the JSON Schema next to the pages, in ``_static`` (its ``$id`` is a name)."""
    if exception is not None or app.builder.format != "html":
        return
    from ai_coc.read.manifest import json_schema

    target = Path(app.outdir) / "_static" / SCHEMA_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n", "utf-8")


#: folders of pages written in another language than the site's (``language`` in conf.py)
PAGE_LANGUAGES = {"de/": "de"}


def page_language(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Serve the German pages with ``<html lang="de">`` (the themes write ``context["language"]``
    into the attribute), so that browsers, screen readers and translators know their language."""
    for prefix, lang in PAGE_LANGUAGES.items():
        if pagename.startswith(prefix):
            context["language"] = lang


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("ai_coc_pack_dir", "", "env", types=frozenset({str}))
    app.connect("config-inited", resolve_pack_dir)
    app.add_directive("ai-coc-rules", RulesDirective)
    app.add_directive("ai-coc-principle-rules", PrincipleRulesDirective)
    app.add_directive("ai-coc-check", CheckDirective)
    app.add_directive("ai-coc-notice", NoticeDirective)
    app.add_directive("ai-coc-manifest", ManifestDirective)
    app.add_directive("ai-coc-schema", SchemaDirective)
    app.add_directive("ai-coc-checks", ChecksDirective)
    app.connect("build-finished", write_schema)
    app.connect("html-page-context", page_language)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
