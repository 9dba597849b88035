"""Property-based tests: generated and mutated manifests and policy packs never crash ai-coc.

``AI_COC_FUZZ_EXAMPLES=20000 pytest tests/hostile/test_properties.py`` runs a long fuzz;
the normal suite uses a bounded number of examples.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ai_coc.errors import InputError
from ai_coc.read import fastyaml
from ai_coc.read import yaml as yamlio
from tests.conftest import EXAMPLES, TODAY

EXAMPLES_TEXT = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*/ai-usage.yaml"))]
FUZZ = int(os.environ.get("AI_COC_FUZZ_EXAMPLES", "0") or 0)


def fuzz_settings(normal: int) -> settings:
    return settings(
        max_examples=FUZZ or normal,
        deadline=None,
        derandomize=not FUZZ,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )


# --- strategies ---------------------------------------------------------------------------

HOSTILE_SNIPPETS = [
    "&a [*a, *a]",
    "*nowhere",
    "!!python/object:os.system",
    "!custom x",
    "!!binary aGk=",
    "!!set {a}",
    "!!omap [a: 1]",
    "<<: {a: 1}",
    "? [a]\n: b",
    "\t",
    "\x00",
    "\ufeff",
    '"\\ud800"',
    "---",
    "...",
    "%YAML 1.1",
    "[" * 80,
    "{" * 80,
    "- " * 80,
    "9" * 400,
    "1e999",
    "2026-02-30",
    "0000-01-01",
    "12:30:00",
    "0x1F",
    "0o17",
    ".inf",
    "~",
    "null:",
    "yes",
    "'unterminated",
    '"unterminated',
    "|\n  block",
    ">-\n  folded",
    "#",
    ":",
    "- ",
    "  ",
    "\r\n",
    "ünïcödé",
    "\u202e",
    "😀",
]


@st.composite
def mutated_manifest(draw: st.DrawFn) -> str:
    """An example manifest with a few random edits: deletions, insertions, swaps."""
    return mutate(draw, draw(st.sampled_from(EXAMPLES_TEXT)))


def mutate(draw: st.DrawFn, text: str) -> str:
    """``text`` with one to six random edits."""
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["delete", "insert", "snippet", "swap", "dup", "indent"]))
        lines = text.split("\n")
        if kind == "delete" and len(text) > 1:
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start, min(len(text), start + 200)))
            text = text[:start] + text[end:]
        elif kind == "insert":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.text(max_size=20)) + text[pos:]
        elif kind == "snippet":
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + draw(st.sampled_from(HOSTILE_SNIPPETS)) + text[pos:]
        elif kind == "swap" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == "dup" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == "indent" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from(["", " ", "   ", "\t"])) + lines[i].lstrip()
            text = "\n".join(lines)
    return text


KEYS = st.sampled_from(
    [
        "manifest", "project", "name", "organisation", "uses", "id", "status", "categories",
        "purpose", "system", "tool", "provider", "review", "last_reviewed", "transparency",
        "notice", "contacts", "accountable", "feedback", "non_uses", "waivers", "people",
        "labour", "data", "outputs", "weighing", "x", "",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=30),
    st.sampled_from(["active", "planned", "retired", "text-drafting", "ai-coc/v1", "yes", "no"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=6)
    ),
    max_leaves=40,
)


@st.composite
def generated_manifest(draw: st.DrawFn) -> str:
    """A manifest-shaped document with random structure and values, dumped as YAML."""
    from ruamel.yaml import YAML

    data: dict[str, Any] = {"manifest": "ai-coc/v1"}
    data.update(draw(st.dictionaries(KEYS, TREES, max_size=8)))
    if draw(st.booleans()):
        data["manifest"] = draw(SCALARS)
    import io

    out = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = draw(st.sampled_from([False, True, None]))
    yaml.dump(data, out)
    return out.getvalue()


# --- running --------------------------------------------------------------------------------


_WORKDIR = Path(tempfile.mkdtemp(prefix="ai-coc-fuzz-"))
(_WORKDIR / ".git").mkdir(exist_ok=True)


def check_text(text: str | bytes, backend: str) -> int:
    """``ai-coc check`` (text and JSON) on ``text`` in-process; the exit code."""
    import json

    from click.testing import CliRunner

    from tests.conftest import _Main

    target = _WORKDIR / "ai-usage.yaml"
    if isinstance(text, str):
        target.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        target.write_bytes(text)
    env = {"AI_COC_YAML": "ruamel" if backend == "ruamel" else "", "NO_COLOR": "1"}
    from ai_coc.cli import main

    codes = set()
    for output_format in ("text", "json"):
        result = CliRunner(env=env).invoke(
            _Main(main),  # type: ignore[arg-type]
            ["check", str(target), "--format", output_format, "--today", TODAY.isoformat()],
            catch_exceptions=False,
        )
        output = result.output
        assert result.exit_code in (0, 1, 2), output[-3000:]
        assert "Traceback" not in output and "internal error" not in output, output[-3000:]
        assert output.strip()
        if output_format == "json" and result.exit_code != 2:
            json.loads(result.stdout)
        codes.add(result.exit_code)
    assert len(codes) == 1, "text and JSON disagree on the exit code"
    return codes.pop()


@pytest.mark.parametrize("backend", ["fast", "ruamel"])
@fuzz_settings(60)
@given(text=mutated_manifest())
def test_mutated_manifests_never_crash(backend: str, text: str) -> None:
    check_text(text, backend)


@fuzz_settings(60)
@given(text=generated_manifest())
def test_generated_manifests_never_crash(text: str) -> None:
    check_text(text, "fast")


#: Configurations to mutate: every setting, inline red lines, TOML-ish and YAML forms.
CONFIG_TEXTS = [
    "fail_on: warning\nlang: de\nwaiver_max_days: 90\ncategories: [fundraising]\n"
    "severity:\n  COC101: info\n  labour-undeclared: warning\n",
    "red_line_prefix: ORG\nred_lines:\n  - id: ORG001\n    name: no-closed-models\n"
    "    severity: error\n    summary: {en: No closed models.}\n"
    "    rationale: {en: We run our models ourselves.}\n    fix: {en: Choose an open model.}\n"
    "    message: {en: \"The use '{use}' relies on a closed model\"}\n    select: uses\n"
    "    forbid:\n      equals: {field: system.openness, value: closed}\n",
    "extends:\n  - ./no-such-pack\n  - coc\n",
]


@st.composite
def mutated_config(draw: st.DrawFn) -> str:
    """A configuration as written, or with a few random edits."""
    text = draw(st.sampled_from(CONFIG_TEXTS))
    return text if draw(st.booleans()) else mutate(draw, text)


@fuzz_settings(60)
@given(config=mutated_config())
def test_mutated_configurations_never_crash(config: str) -> None:
    target = _WORKDIR / ".ai-coc.yaml"
    target.write_text(config, encoding="utf-8", errors="surrogatepass")
    try:
        check_text(EXAMPLES_TEXT[0], "fast")
    finally:
        target.unlink()


@fuzz_settings(40)
@given(data=st.binary(max_size=400), prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe"]))
def test_random_bytes_never_crash(data: bytes, prefix: bytes) -> None:
    check_text(prefix + b"manifest: ai-coc/v1\n" + data, "fast")


# --- the fast path reads exactly what the round-trip path reads -----------------------------


def _both(text: str) -> tuple[Any, Any]:
    """The document as libyaml reads it (None if it refuses or is not used for this text)
    and as ruamel.yaml reads it (None if it refuses)."""
    try:
        fast = yamlio._fast_parse(text, "x.yaml")
    except InputError:
        fast = None
    try:
        slow = yamlio._slow_parse(text, "x.yaml")
    except InputError:
        slow = None
    return fast, slow


@fuzz_settings(200)
@given(text=st.one_of(mutated_manifest(), generated_manifest()))
def test_fast_path_agrees_with_round_trip(text: str) -> None:
    if not fastyaml.available() or not text.strip():
        return
    outcomes = []
    for backend in ("", "ruamel"):
        os.environ["AI_COC_YAML"] = backend
        try:
            doc = yamlio.parse_document(text, "x.yaml")
            outcomes.append((repr(doc.data), doc.key_positions, doc.value_positions))
        except InputError as exc:
            outcomes.append((str(exc), None, None))
        finally:
            os.environ.pop("AI_COC_YAML", None)
    # the same data and positions, or the same message at the same place
    assert outcomes[0] == outcomes[1]
    fast, slow = _both(text)
    if fast is None:
        return  # libyaml refused or is not used for this text
    assert slow is not None, "the fast path accepted what ruamel.yaml refuses"
    assert repr(fast.data) == repr(slow.data)
    assert fast.key_positions == slow.key_positions
    assert fast.value_positions == slow.value_positions


@pytest.mark.parametrize(
    "text",
    [
        "a:\n# c\nb: 1\n",  # found by the long fuzz run: ruamel.yaml put the empty value at b
        "a:\nb: 1\n",
        "x:\n  a:\n  # c\n  b: 1\n",
        "'a b':\n# c\nb: 1\n",
        "'it''s':\nb: 1\n",
        "a: ~\nb:\n",
        "a:\n  null\nb: 2\n",
        "{a: , b: 1}\n",
        "{a:\n , b: 1}\n",
        "x: {a: }\n# c\n",
    ],
)
def test_empty_values_are_placed_alike(text: str) -> None:
    """An empty value (`key:`) sits just after the colon, in a flow mapping at the next token,
    whichever parser reads the file; findings about it point there."""
    if not fastyaml.available():
        pytest.skip("PyYAML is not installed")
    fast, slow = _both(text)
    assert fast is not None and slow is not None
    assert fast.value_positions == slow.value_positions


@pytest.mark.parametrize("text", ["a:\n  \ufeffname: x\n", "a: 'x\u2028y'\nb: 1\n"])
def test_columns_and_lines_agree_around_odd_characters(text: str) -> None:
    """Found by the long fuzz run: a byte-order mark inside the text shifted libyaml's
    columns. Such files are read by ruamel.yaml alone."""
    fast, slow = _both(text)
    assert fast is None
    assert slow is not None
    doc = yamlio.parse_document(text, "x.yaml")
    assert doc.value_positions == slow.value_positions


def test_fast_path_is_used_for_every_example() -> None:
    if not fastyaml.available():
        pytest.skip("PyYAML with libyaml is not installed")
    for text in EXAMPLES_TEXT:
        fast, slow = _both(text)
        assert fast is not None and slow is not None
        assert fast.data == slow.data and fast.key_positions == slow.key_positions


# --- policy packs ---------------------------------------------------------------------------

CHECK_NAMES = st.sampled_from(
    [
        "present", "non_empty", "equals", "one_of", "contains", "contains_any", "matches",
        "justified", "distinct_texts", "date_before_today", "date_after_today", "min_items",
        "path_exists", "all", "any", "not", "nonsense",
    ]
)  # fmt: skip
FIELDS = st.sampled_from(
    ["purpose", "status", "$use.status", "$root.project.name", "labour.status", "", "a..b", "$x"]
)
ARGS = st.recursive(
    st.one_of(FIELDS, SCALARS, st.sampled_from(["(a+)+$", "^[a-z]+$", "(", "\\S+@\\S+"])),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.sampled_from(["field", "value", "values", "pattern", "min", "ignore_case"]),
            children,
            max_size=3,
        ),
        st.builds(lambda name, arg: {name: arg}, CHECK_NAMES, children),
    ),
    max_leaves=12,
)


@st.composite
def rule_file(draw: st.DrawFn) -> str:
    from ruamel.yaml import YAML

    rule: dict[str, Any] = {
        "id": draw(st.sampled_from(["FZ001", "FZ002", "fz003", "XX004"])),
        "name": draw(st.sampled_from(["fuzz-rule", "Fuzz Rule", "other"])),
        "severity": draw(st.sampled_from(["error", "warning", "info", "fatal"])),
        "since": "0.1.0",
        "summary": "s",
        "rationale": "r",
        "fix": draw(st.sampled_from(["fix {use}", "fix {nope}", "fix {", "fix"])),
        "message": draw(st.sampled_from(["m {path}", "m {value!r}", "m {0}", "m"])),
        "select": draw(st.sampled_from(["manifest", "uses", "uses.outputs", "non_uses", "X"])),
    }
    for clause in draw(st.lists(st.sampled_from(["when", "require", "forbid"]), max_size=3)):
        rule[clause] = draw(ARGS)
    import io

    out = io.StringIO()
    YAML(typ="safe", pure=True).dump({"rules": [rule]}, out)
    return out.getvalue()


@fuzz_settings(60)
@given(rules=rule_file())
def test_generated_policy_packs_load_or_explain(rules: str) -> None:
    from ai_coc.rules.engine import evaluate
    from ai_coc.rules.packs import load_pack, load_policies
    from ai_coc.rules.policy import PolicySet
    from ai_coc.run.check import environment_for

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "fuzz"
        root.mkdir()
        (root / "pack.yaml").write_text(
            "name: fuzz\nversion: '1'\nprefix: FZ\ntitle: Fuzz\n", encoding="utf-8"
        )
        (root / "rules.yaml").write_text(rules, encoding="utf-8")
        try:
            pack = load_pack(root)
            builtin = load_policies()
            policies = PolicySet(packs=[*builtin.packs, pack], principles=builtin.principles)
        except InputError as exc:
            assert exc.message
            return
        for path in sorted(EXAMPLES.glob("*/ai-usage.yaml"))[:3]:
            doc = yamlio.load_document(path)
            evaluate(doc, policies, dt.date(2026, 11, 21), env=environment_for(doc))
