"""Output that cannot be hijacked (issue 13, item 7).

Every text that comes from input – manifest values, use IDs, file names, configuration values,
pack texts – passes through one neutralising step per output format
(:mod:`ai_coc.report.neutral`). A property test feeds control characters, workflow commands
and markup into every field of a report, for every format, and checks the output the way its
reader sees it: a terminal, GitHub Actions, a Markdown parser, an XML parser, a JSON parser.
The end-to-end tests do the same through the command line, on stdout and stderr.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from ai_coc.report.formats import FORMATS, get_renderer
from ai_coc.report.formats.common import posix
from ai_coc.report.neutral import visible
from ai_coc.report.report import FileResult, PackInfo, Report
from ai_coc.rules.findings import Finding, Location, WaivedFinding
from ai_coc.rules.packs import load_policies
from ai_coc.rules.policy import PolicySet, Principle
from tests.conftest import EXAMPLES, TODAY
from tests.gate.conftest import TIMEOUT

#: Pieces an attacker would write: terminal escapes, workflow commands, Markdown and XML.
PAYLOADS = [
    "\x1b[2J\x1b]0;owned\x07",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\n::warning title=X::y",
    "\r\n::error::injected",
    "::set-output name=a::b",
    "  ::add-mask::secret",
    "%0A::warning::percent",
    "\u2028::notice::sep",
    "\x85\x9b31m",
    "\u202egnp.exe",
    "\ud800",
    "\x00\x08\x0b\x0c\x7f",
    "# Heading",
    "- item",
    "1. item",
    "> quote",
    "<img src=x onerror=alert(1)>",
    "</failure><testcase name='x'>",
    "]]><!--",
    "[click](http://evil.example)",
    "![img](http://evil.example/i.png)",
    "`` ` ``` code",
    "| table | cell |",
    "*bold* _em_ ~~del~~",
    "&lt;script&gt;",
    "@everyone #1",
    "\t\ttabbed",
    "\ufffe\uffff",
]
CONTROL = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]]
MARKUP = [*list("#-*>`[]()<>!|_~&:@%\\ "), "::", "](", "```", "&#", "\n", "\r\n"]


def hostile() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(PAYLOADS),
        st.sampled_from(CONTROL),
        st.sampled_from(MARKUP),
        st.text(alphabet="abz019 .", max_size=4),
        st.sampled_from(["\u2028", "\u2029", "\u200e", "\u2066", "\udcff"]),
    )
    return st.lists(piece, max_size=6).map("".join)


def url() -> st.SearchStrategy[str]:
    return st.one_of(
        hostile(),
        st.builds(lambda rest: "https://example.org/" + rest, hostile()),
        st.sampled_from(["javascript:alert(1)", "https://x.example/a) ![i](http://e/x.png"]),
    )


@st.composite
def findings(draw: st.DrawFn, file: str) -> Finding:
    return Finding(
        rule_id=draw(st.one_of(st.sampled_from(["COC101", "WFV001"]), hostile())),
        rule_name=draw(hostile()),
        principle=draw(st.sampled_from([None, "weighing", "transparency", "nowhere"])),
        severity=draw(st.sampled_from(["error", "warning", "info"])),
        message=draw(hostile()),
        fix=draw(hostile()),
        location=Location(
            file=file,
            line=draw(st.integers(0, 5)),
            column=draw(st.integers(0, 5)),
            path=draw(hostile()),
        ),
        use=draw(st.one_of(st.none(), hostile())),
        help_url=draw(url()),
        pack=draw(st.sampled_from(["coc", "org"])),
        red_line=draw(st.booleans()),
    )


@st.composite
def reports(draw: st.DrawFn) -> Report:
    files = []
    for _ in range(draw(st.integers(1, 2))):
        name = draw(hostile())
        found = draw(st.lists(findings(name), max_size=3))
        waived = [
            WaivedFinding(f, draw(hostile()), draw(hostile()), draw(st.none() | st.just(TODAY)))
            for f in draw(st.lists(findings(name), max_size=2))
        ]
        lines = draw(st.lists(hostile(), min_size=1, max_size=6))
        files.append(FileResult(file=name, findings=found, waived=waived, uses=1, lines=lines))
    packs = [PackInfo(draw(hostile()), draw(hostile()), "0" * 64, draw(hostile()))]
    return Report(
        files=files, policies=packs, today=TODAY, lang=draw(st.sampled_from(["en", "de"]))
    )


_BUILTIN = load_policies()


def policy_set(titles: list[str]) -> PolicySet:
    """The built-in rules with principle titles (pack texts) from ``titles``."""
    principles = [
        Principle(p.slug, p.number, {"en": title, "de": title[::-1]}, p.summary)
        for p, title in zip(_BUILTIN.principles, titles, strict=False)
    ]
    return PolicySet(packs=_BUILTIN.packs, principles=principles)


def render(report: Report, policies: PolicySet, name: str) -> str:
    buffer = io.StringIO()
    get_renderer(name)(report, policies, buffer, color=False)
    return buffer.getvalue()


# --- what each reader accepts ---------------------------------------------------------------

_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_JSON_RAW_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\ud800-\udfff]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_COMMAND = re.compile(r"::(error|warning|notice) (file|line|col|title)=[^:\r\n]*::[^\r\n]*")


def assert_no_workflow_command(text: str, *, allowed: bool = False) -> None:
    for line in text.split("\n"):
        if line.lstrip().startswith("::"):
            assert allowed and _COMMAND.fullmatch(line), repr(line)


def assert_terminal_safe(text: str) -> None:
    found = _UNSAFE.search(text)
    assert found is None, repr(text[max(0, found.start() - 30) : found.end() + 30])
    assert_no_workflow_command(text)


def check_text(out: str, report: Report) -> None:
    assert_terminal_safe(out)
    out.encode("utf-8")  # no lone surrogate: it can be written to any UTF-8 stream


def check_github(out: str, report: Report) -> None:
    assert _UNSAFE.search(out) is None
    assert_no_workflow_command(out, allowed=True)
    commands = [line for line in out.split("\n") if line.startswith("::")]
    assert len(commands) == len(list(report.findings))


_MD = MarkdownIt("commonmark").enable("table").enable("strikethrough")
#: Lines the Markdown report itself starts; input can never start a line.
_MD_LINE = re.compile(
    r"(|## .*|### .*|#### `.*`|\*\*[❌✅].*|\d+ (file|Datei|manifest|Manifest).*|\| .*"
    r"|\|---\|---\|---\|---\|"
    r"|- \*\*.*|  - \*\*.*|  - \[.*\]\([^\s()<>]*\)|  - .*)"
)


def _inline_tokens(tokens: list) -> list:  # type: ignore[type-arg]
    out = []
    for token in tokens:
        out.append(token)
        out.extend(token.children or [])
    return out


def check_markdown(out: str, report: Report) -> None:
    assert _UNSAFE.search(out) is None
    assert_no_workflow_command(out)
    for line in out.split("\n"):
        assert _MD_LINE.fullmatch(line), repr(line)
    tokens = _inline_tokens(_MD.parse(out))
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_block", "html_inline", "image", "blockquote_open", "code_block"}
    assert not {"ordered_list_open", "fence", "hr", "s_open"} & kinds
    safe_links = [
        f for f in report.findings if re.match(r"(?i)https?://|mailto:", visible(f.help_url))
    ]
    links = [t for t in tokens if t.type == "link_open"]
    assert len(links) == len(safe_links)  # only the help links the report makes
    headings = [t for t in tokens if t.type == "heading_open"]
    files_with_findings = len({f.location.file for f in report.findings})
    expected = 2 + bool(any(f.red_line for f in report.findings)) + bool(list(report.findings))
    expected += files_with_findings + bool(list(report.waived))
    assert len(headings) == expected
    # every file heading is one code span showing the file name as written
    file_headings = [
        tokens[i + 1] for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h4"
    ]
    names = {" ".join(posix(visible(f.location.file)).split()) for f in report.findings}
    for inline in file_headings:
        children = [c for c in inline.children if c.type != "text" or c.content.strip()]
        assert [c.type for c in children] == ["code_inline"], inline.content
        assert children[0].content.replace("\\|", "|").strip() in {n.strip() for n in names}


def check_junit(out: str, report: Report) -> None:
    assert _XML_ILLEGAL.search(out) is None
    assert_terminal_safe(out)
    root = ET.fromstring(out)
    for element in root.iter():
        for value in [element.text or "", *element.attrib.values()]:
            assert _XML_ILLEGAL.search(value) is None
    failures = sum(1 for _ in root.iter("failure"))
    assert failures == int(root.get("failures", "-1"))


def check_json(out: str, report: Report) -> None:
    assert _JSON_RAW_UNSAFE.search(out) is None, "a raw control character in JSON"
    assert_no_workflow_command(out)
    json.loads(out)


def check_json_keeps_data(out: str, report: Report) -> None:
    check_json(out, report)
    data = json.loads(out)
    # as JSON can say it: a high and a low surrogate side by side are one character to every
    # JSON reader (they never stand side by side in real input: undecodable bytes of a file name
    # become low surrogates only, and YAML refuses surrogate escapes)
    assert [f["message"] for f in data["findings"]] == [
        _as_json(f.message) for f in report.findings
    ]
    assert [f["path"] for f in data["files"]] == [_as_json(r.file) for r in report.files]


def _as_json(text: str) -> str:
    read: str = json.loads(json.dumps(text))
    return read


CHECKS = {
    "text": check_text,
    "github": check_github,
    "markdown": check_markdown,
    "junit": check_junit,
    "json": check_json_keeps_data,
    "sarif": check_json,
    "gitlab": check_json,
}


def test_every_format_is_checked() -> None:
    assert set(CHECKS) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(CHECKS))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(report=reports(), titles=st.lists(hostile(), min_size=8, max_size=8))
def test_no_input_can_take_over_a_report(name: str, report: Report, titles: list[str]) -> None:
    CHECKS[name](render(report, policy_set(titles), name), report)


def test_visible_shows_what_it_escapes() -> None:
    assert visible("a\x1b[31mb") == "a\\x1b[31mb"
    assert visible("a\n::warning::x") == "a\\n::warning::x"
    assert visible("::warning::x") == "\\x3a:warning::x"
    assert visible("  ::x") == "  \\x3a:x"
    assert visible("\u202e\x85\ud800") == "\\u202e\\x85\\ud800"
    assert visible("Grüße, 日本 – ok: a::b") == "Grüße, 日本 – ok: a::b"
    assert visible(visible("\x1b\n::a")) == visible("\x1b\n::a")


# --- end to end: the command line, stdout and stderr --------------------------------------


def ai_coc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB")}
    env.update(AI_COC_CACHE_DIR="off", LC_ALL="C", LANGUAGE="en", NO_COLOR="1")
    return subprocess.run(
        [sys.executable, "-m", "ai_coc", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        errors="surrogateescape",
        timeout=TIMEOUT,
        check=False,
    )


def test_a_duplicate_key_cannot_put_a_workflow_command_on_stderr(tmp_path: Path) -> None:
    text = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text("utf-8")
    key = '"a\\n::warning title=X::y\\e]0;t\\a"'
    (tmp_path / "ai-usage.yaml").write_text(text + f"{key}: 1\n{key}: 2\n", "utf-8")
    done = ai_coc("check", "ai-usage.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "a\\n::warning title=X::y\\x1b]0;t\\x07" in done.stderr
    assert_terminal_safe(done.stderr)
    assert_terminal_safe(done.stdout)


HOSTILE_NAME = "evil\x1b[31m\n::warning title=X::y"
PRINCIPLE_TITLE = "\x1b]0;owned\x07 ::error::title"


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """A project whose manifest name, values, config red line and pack text carry payloads."""
    root = tmp_path / "project"
    folder = root / HOSTILE_NAME.replace("\n", "_")
    folder.mkdir(parents=True)
    text = (EXAMPLES / "rote-linie-recruiting" / "ai-usage.yaml").read_text("utf-8")
    text = text.replace(
        "name: KI-gestützte Vorauswahl von Lebensläufen",
        'name: "cv\\e[2J\\n::error::use <b>`x`</b> ``` ![i](http://e/i.png)"',
        1,
    )
    (folder / "ai-usage.yaml").write_text(text, "utf-8")
    (folder / ".ai-coc.yaml").write_text(
        "red_lines:\n"
        "  - id: RL001\n    name: no-recruiting\n    severity: error\n"
        '    summary: "s"\n    rationale: "r"\n'
        '    fix: "fix \\e]0;x\\a\\n::warning::fix ![i](http://e/x.png)"\n'
        '    message: "Use {use_name} \\n# Heading\\n<script>x</script> [l](http://e)"\n'
        "    select: uses\n"
        "    forbid:\n      contains_any: {field: categories, values: [recruiting]}\n",
        "utf-8",
    )
    return root


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_a_hostile_project_cannot_take_over_any_format(hostile_project: Path, name: str) -> None:
    done = ai_coc("check", ".", "--format", name, cwd=hostile_project)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "RL001" in done.stdout
    assert_terminal_safe(done.stderr)
    if name == "github":
        assert _UNSAFE.search(done.stdout) is None
        assert_no_workflow_command(done.stdout, allowed=True)
    elif name == "markdown":
        assert _UNSAFE.search(done.stdout) is None
        tokens = _inline_tokens(_MD.parse(done.stdout))
        assert not {"html_block", "html_inline", "image"} & {t.type for t in tokens}
        for line in done.stdout.split("\n"):
            assert _MD_LINE.fullmatch(line), repr(line)
    elif name == "junit":
        check_junit(done.stdout, None)  # type: ignore[arg-type]
    elif name in ("json", "sarif", "gitlab"):
        check_json(done.stdout, None)  # type: ignore[arg-type]
    else:
        assert_terminal_safe(done.stdout)
        assert "\\x1b[2J\\n::error::use" in done.stdout  # shown, escaped


def test_a_file_name_with_a_newline_in_the_progress_and_error_lines(tmp_path: Path) -> None:
    bad = tmp_path / "x\n::error::y.yaml"
    bad.write_text("manifest: [\n", "utf-8")
    done = ai_coc("check", bad.name, cwd=tmp_path)
    assert done.returncode == 2
    assert "x\\n::error::y.yaml" in done.stderr
    assert_terminal_safe(done.stderr)


def test_a_click_usage_error_quotes_the_command_line_escaped(tmp_path: Path) -> None:
    done = ai_coc("check", "--format", "x\n::error::y\x1b[2J", cwd=tmp_path)
    assert done.returncode == 2
    assert_terminal_safe(done.stderr)


def test_dates_are_not_touched() -> None:
    assert dt.date(2026, 1, 1).isoformat() == visible("2026-01-01")


@pytest.mark.parametrize(
    "args",
    [
        ["rules"],
        ["rules", "--format", "markdown"],
        ["rules", "--format", "json"],
        ["rule", "RL001"],
        ["config"],
        ["config", "--format", "json"],
    ],
    ids=" ".join,
)
def test_commands_that_show_pack_texts_and_config_values(
    hostile_project: Path, args: list[str]
) -> None:
    folder = next(p for p in hostile_project.iterdir() if p.is_dir())
    config = folder / ".ai-coc.yaml"
    text = config.read_text("utf-8").replace('summary: "s"', 'summary: "s\\e]0;t\\a\\n::error::x"')
    config.write_text(text + 'lang: "en"\n', "utf-8")
    done = ai_coc(*args, cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert_terminal_safe(done.stdout)
    assert_terminal_safe(done.stderr)
    if "json" in args:
        json.loads(done.stdout)
    elif args[0] in ("rules", "rule"):
        assert "s\\x1b]0;t\\x07" in done.stdout  # the pack text is shown, escaped


def test_the_markdown_notice_keeps_manifest_text_as_text(tmp_path: Path) -> None:
    """``ai-coc notice`` writes Markdown from manifest values: they stay text."""
    source = (EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml").read_text("utf-8")
    plain = ai_coc("notice", str(EXAMPLES / "beratungs-chatbot" / "ai-usage.yaml"), cwd=tmp_path)
    assert plain.returncode == 0, plain.stderr
    payload = "Text\\n\\n# Heading\\n- item\\n1. item\\n> quote\\n<img src=x>\\e]0;t\\a ![i](http://e/i.png)"
    hostile = re.sub(
        r"(?m)^(  description: ).*(\n    .*)*",
        lambda m: f'{m.group(1)}"{payload}"',
        source,
        count=1,
    )
    hostile = re.sub(
        r"(?m)^(  feedback: ).*$",
        lambda m: m.group(1) + '"https://e.example/a>) ![x](http://e/x.png) <b>"',
        hostile,
        count=1,
    )
    (tmp_path / "ai-usage.yaml").write_text(hostile, "utf-8")
    done = ai_coc("notice", "ai-usage.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert_terminal_safe(done.stdout)
    assert "Heading" in done.stdout and "x1b" in done.stdout  # shown, escaped

    def shape(text: str) -> list[str]:
        marker, _, body = text.partition("\n")  # the notice's own <!-- marker --> comes first
        assert marker.startswith("<!-- ai-coc notice:")
        kinds = [t.type for t in _inline_tokens(_MD.parse(body))]
        assert not {"html_block", "html_inline", "image", "blockquote_open"} & set(kinds)
        return [k for k in kinds if k.endswith("_open")]

    hostile_shape, plain_shape = shape(done.stdout), shape(plain.stdout)
    for kind in ("heading_open", "bullet_list_open", "list_item_open", "ordered_list_open"):
        assert hostile_shape.count(kind) == plain_shape.count(kind), kind  # nothing added
    assert hostile_shape.count("link_open") <= plain_shape.count("link_open")
