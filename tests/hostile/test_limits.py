"""Each documented limit (docs/reference/limits.md) holds, just above and just below it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from ai_coc.errors import InputError
from ai_coc.files import MAX_FILE_BYTES, atomic_write, atomic_writer
from ai_coc.read import yaml as yamlio
from ai_coc.read.document import MISSING
from ai_coc.read.yaml import MAX_DEPTH, MAX_NODES, load_document
from ai_coc.rules import saferegex
from ai_coc.rules.checks import MAX_MATCH_INPUT, CheckError, Context, Environment, compile_check

HEAD = "manifest: ai-coc/v1\n"
BACKENDS = ("", "ruamel")


@pytest.fixture(params=BACKENDS, ids=["fast", "ruamel"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("AI_COC_YAML", request.param)
    return str(request.param)


def test_file_size_limit(tmp_path: Path) -> None:
    below = tmp_path / "below.yaml"
    below.write_text(HEAD + "#" * (MAX_FILE_BYTES - len(HEAD) - 1) + "\n", encoding="utf-8")
    assert load_document(below).data == {"manifest": "ai-coc/v1"}
    above = tmp_path / "above.yaml"
    above.write_text(HEAD + "#" * (MAX_FILE_BYTES - len(HEAD)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="at most"):
        load_document(above)


def _nested(depth: int) -> str:
    return HEAD + "x: " + "[" * depth + "]" * depth + "\n"


def test_depth_limit(backend: str) -> None:
    # the document itself is level 0 and `x` level 1
    ok = yamlio.parse_document(_nested(MAX_DEPTH - 1), "ok.yaml")
    assert ok.get(("x",)) is not MISSING
    with pytest.raises(InputError, match=f"more than {MAX_DEPTH} levels"):
        yamlio.parse_document(_nested(MAX_DEPTH + 1), "deep.yaml")


def test_node_limit(backend: str) -> None:
    def bomb(width: int, levels: int) -> str:
        lines = [HEAD, "a0: &a0 x\n"]
        for i in range(1, levels + 1):
            lines.append(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]\n")
        return "".join(lines)

    small = yamlio.parse_document(bomb(10, 4), "small.yaml")  # ~11,000 values
    assert len(small.get(("a4",))) == 10
    with pytest.raises(InputError, match=f"{MAX_NODES:,}"):
        yamlio.parse_document(bomb(10, 6), "bomb.yaml")  # ~1,100,000 values


@pytest.mark.parametrize("opener", ["[", "\n- " + "- " * 99_999, "{a: "])
def test_deep_nesting_is_stopped_at_the_limit(backend: str, opener: str) -> None:
    """Far deeper than the limit (the parsers keep their own stacks, nothing recurses):
    refused at the level where the limit is passed, whichever parser reads the file."""
    deep = HEAD + "x: " + (opener * 100_000 if len(opener) < 5 else opener) + "y\n"
    with pytest.raises(InputError, match=f"more than {MAX_DEPTH} levels") as caught:
        yamlio.parse_document(deep, "deep.yaml")
    assert caught.value.line in (HEAD.count("\n") + 1, HEAD.count("\n") + 2)


def _matches(pattern: str) -> object:
    return compile_check({"matches": {"field": "name", "pattern": pattern}}, ())


def test_match_input_is_cut() -> None:
    check = compile_check({"matches": {"field": "name", "pattern": "b"}}, ())
    today = dt.date(2026, 11, 21)

    def holds(text: str) -> bool:
        ctx = Context(
            root={},
            node={"name": text},
            path=(),
            use=None,
            use_path=(),
            today=today,
            env=Environment(),
        )
        return bool(check.evaluate(ctx).holds)

    assert holds("a" * (MAX_MATCH_INPUT - 1) + "b")
    assert not holds("a" * MAX_MATCH_INPUT + "b")


@pytest.mark.parametrize(
    "pattern",
    [
        "(a+)+$",
        "(a*)*b",
        r"(\w+\s?)*$",
        "(a|aa)*$",
        "(a|ab)+c",
        r"(a*)\1",
        r".*x.*y",
        r"\s+\S+",
        r"^.*a.*b.*c",
        "(?m)^a*b*c",
        "(?:x{1,1000}){1,1000}",
    ],
)
def test_unsafe_patterns_are_refused(pattern: str) -> None:
    assert saferegex.pattern_problem(pattern) is not None
    with pytest.raises(CheckError, match="not allowed"):
        _matches(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(https?://|mailto:|\S+@\S+)",
        r"^\d{4}-\d{2}-\d{2}$",
        "gesichtserkennung",
        r"(?i)\bbiometri",
        r"^[A-Z][a-z]+$",
        r"\S+@",
        "^.*foo.*$",
    ],
)
def test_ordinary_patterns_are_allowed(pattern: str) -> None:
    assert saferegex.pattern_problem(pattern) is None
    _matches(pattern)


def test_a_pack_with_a_backtracking_pattern_is_refused(tmp_path: Path) -> None:
    from ai_coc.rules.packs import load_pack

    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.yaml").write_text(
        "name: redos\nversion: '1'\nprefix: RD\ntitle: ReDoS\n", encoding="utf-8"
    )
    (root / "rules.yaml").write_text(
        "rules:\n"
        "  - id: RD001\n    name: slow\n    severity: error\n    since: '1'\n"
        "    summary: s\n    rationale: r\n    fix: f\n    message: m\n"
        "    select: manifest\n"
        "    require:\n      matches: {field: project.name, pattern: '(a+)+$'}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_pack(root)
    assert "not allowed" in info.value.message
    assert info.value.line == 12  # the line of the pattern


def test_pack_files_linking_outside_the_pack_are_refused(tmp_path: Path) -> None:
    from ai_coc.rules.packs import load_pack
    from ai_coc.rules.policy import builtin_pack_dir

    root = tmp_path / "pack"
    root.mkdir()
    (root / "pack.yaml").write_text(
        "name: linky\nversion: '1'\nprefix: LK\ntitle: Links\n", encoding="utf-8"
    )
    (root / "rules.yaml").symlink_to(builtin_pack_dir() / "1-weighing.yaml")
    with pytest.raises(InputError, match="outside the pack folder"):
        load_pack(root)
    # a pack folder that is itself a symlink is fine: its files are inside it
    (root / "rules.yaml").unlink()
    link = tmp_path / "link"
    link.symlink_to(root)
    assert load_pack(link).name == "linky"


# --- atomic writes ----------------------------------------------------------------------------


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ai-usage.yaml"]


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_an_interrupted_write_leaves_the_old_file(
    where: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure half-way (disk full, killed) keeps the old file whole and leaves no litter."""
    target = tmp_path / "ai-usage.yaml"
    old = "manifest: ai-coc/v1\n# the user's comments\n"
    target.write_text(old, encoding="utf-8")

    class Interrupted(Exception):
        pass

    if where == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            """The real file, but the write stops half-way."""

            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> HalfWriter:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, text: str) -> int:
                self.handle.write(text[: len(text) // 2])
                self.handle.flush()
                raise Interrupted

        def fdopen(fd: int, *args: Any, **kwargs: Any) -> HalfWriter:
            return HalfWriter(real_fdopen(fd, *args, **kwargs))

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "fsync":

        def no_fsync(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_fsync)
    else:

        def no_replace(*_args: object) -> None:
            raise Interrupted

        monkeypatch.setattr(os, "replace", no_replace)

    with pytest.raises((Interrupted, OSError)):
        atomic_write(target, "manifest: ai-coc/v1\n" + "new content\n" * 1000)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ai-usage.yaml"]


def test_a_report_that_fails_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """Reports are written while they are rendered; a failure keeps the previous report."""
    target = tmp_path / "report.json"
    target.write_text('{"old": true}\n', encoding="utf-8")

    class RenderError(Exception):
        pass

    with pytest.raises(RenderError), atomic_writer(target) as handle:
        handle.write('{"new": ')
        raise RenderError
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


@pytest.mark.parametrize("backend", ["fast", "ruamel"])
def test_an_anchor_defined_twice_means_the_latest(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Valid YAML; found by the long fuzz run (ruamel.yaml printed a Python warning)."""
    monkeypatch.setenv("AI_COC_YAML", "ruamel" if backend == "ruamel" else "")
    target = tmp_path / "ai-usage.yaml"
    target.write_text("manifest: ai-coc/v1\na: &x 1\nb: &x [2]\nc: *x\n", encoding="utf-8")
    assert load_document(target).data["c"] == [2]


@pytest.mark.parametrize(
    "command",
    [
        ("check", "{long}"),
        ("check", "--config", "{long}", str(Path(__file__).parents[2] / "examples" / "minimal")),
        ("rules", "--config", "{long}"),
        ("policy", "test", "{long}"),
    ],
)
def test_a_path_too_long_for_the_file_system_is_an_input_error(
    command: tuple[str, ...], run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by fuzzing: such a path used to end as an internal error (exit 3)."""
    monkeypatch.chdir(tmp_path)
    long = "x" * 300
    result = run_cli(*(part.replace("{long}", long) for part in command))
    assert result.exit_code == 2, result.output
    assert "internal error" not in result.output
    assert "refused this path" in result.output or "not found" in result.output


@pytest.mark.parametrize("odd", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_inside_values_do_not_shift_line_numbers(odd: str) -> None:
    """YAML 1.2 breaks lines only at \\n and \\r (libyaml, YAML 1.1, also at these); the line
    numbers of findings and their snippets follow YAML 1.2, whichever parser reads the file.
    Found by the long fuzz run."""
    from ai_coc.read.yaml import parse_document

    text = f"manifest: ai-coc/v1\nname: 'a{odd}b'\nproject: null\n"
    doc = parse_document(text, "ai-usage.yaml")
    assert doc.value_positions[("project",)].line == 3
    assert doc.lines[2] == "project: null"
    assert len(doc.lines) == 3


# --- issue 14: limits checked while the file is read -----------------------------------------


def test_uses_limit_is_named_at_the_first_use_too_many(backend: str) -> None:
    from ai_coc.read.yaml import MANIFEST_LIMITS, MAX_USES

    uses = "".join(f"  - id: u{i}\n    name: n\n" for i in range(MAX_USES + 50))
    text = HEAD + "uses:\n" + uses
    with pytest.raises(InputError, match=f"`uses` lists more than {MAX_USES:,} entries") as caught:
        yamlio.parse_document(text, "many.yaml", limits=MANIFEST_LIMITS)
    assert caught.value.line == HEAD.count("\n") + 2 + 2 * MAX_USES
    within = HEAD + "uses:\n" + "".join(f"  - id: u{i}\n" for i in range(MAX_USES))
    assert len(yamlio.parse_document(within, "ok.yaml", limits=MANIFEST_LIMITS).data["uses"]) == (
        MAX_USES
    )


def test_rules_limit_of_a_rule_file_and_of_a_run(tmp_path: Path) -> None:
    from ai_coc.read.yaml import MAX_RULES
    from ai_coc.rules.packs import load_pack, load_policies

    def pack(name: str, count: int) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "pack.yaml").write_text(
            f"name: {name}\nversion: 1.0.0\nprefix: GR\ntitle: {{en: Big, de: Gross}}\n",
            encoding="utf-8",
        )
        rule = (
            "  - id: GR{i:03d}\n    name: rule-{i}\n    severity: warning\n    since: 1.0.0\n"
            "    summary: {{en: R, de: R}}\n    rationale: {{en: R, de: R}}\n"
            "    fix: {{en: F, de: F}}\n    message: {{en: M, de: M}}\n    select: uses\n"
            "    forbid:\n      contains_any: {{field: categories, values: [x-{i}]}}\n"
        )
        body = "".join(rule.format(i=i) for i in range(count))
        (folder / "rules.yaml").write_text("rules:\n" + body, encoding="utf-8")
        return folder

    with pytest.raises(InputError, match=f"`rules` lists more than {MAX_RULES:,} entries"):
        load_pack(pack("too-many", MAX_RULES + 1))
    builtin = len(load_policies().rules)
    big = load_pack(pack("just-too-many", MAX_RULES - builtin + 1))
    with pytest.raises(InputError, match=f"rules together; ai-coc runs at most {MAX_RULES:,}"):
        load_policies([big])


@pytest.mark.parametrize("number", ["9" * 4301, "0x" + "f" * 4000, "-" + "1" * 5000])
def test_numbers_too_long_are_refused_with_the_limit(backend: str, number: str) -> None:
    with pytest.raises(InputError, match="a number with more than 4300 digits") as caught:
        yamlio.parse_document(HEAD + f"x: {number}\n", "n.yaml")
    assert "set_int_max_str_digits" not in str(caught.value)
    assert caught.value.line == HEAD.count("\n") + 1
