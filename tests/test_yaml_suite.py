"""The official YAML test suite, read by ai-coc in its three roles and with both parsers.

The 402 cases of yaml/yaml-test-suite (``../shared/yaml-test-suite/cases`` beside the
project, see its README) are each fed as a manifest, as a configuration (``.ai-coc.yaml``)
and as a rule file of a policy pack, once with libyaml and once with ruamel.yaml
(``AI_COC_YAML=ruamel``), in-process; a handful also through the real command line.

What must hold (see docs/reference/limits.md):

- nothing ends in an internal error (exit 3);
- every invalid text (``error``) is refused with exit 2 and a message with a line;
- a valid text is refused as YAML only for a reason the limits page names (several
  documents, a tag, a key that is not text, an empty file, ...) or, for the few cases listed
  there by their id, because the parsers cannot read it;
- where the suite gives the data (``in.json``), the loaded data equals it, read with the
  YAML 1.2 core schema (``YYYY-MM-DD`` becomes a date, which is compared as its text);
- both parsers give the same exit code, the same data and positions, and the same message.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ai_coc.errors import InputError
from ai_coc.files import decode
from ai_coc.i18n import N_
from ai_coc.read import fastyaml
from ai_coc.read.yaml import parse_document
from tests.conftest import ROOT, TODAY


def _suite() -> Path:
    """``../shared/yaml-test-suite/cases`` beside the project (in CI); a working copy in a
    subfolder (``git worktree``) finds it beside a folder further up."""
    for base in ROOT.parents:
        candidate = base / "shared" / "yaml-test-suite" / "cases"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "yaml-test-suite" / "cases"


SUITE = _suite()
LIMITS_PAGE = ROOT / "docs" / "reference" / "limits.md"

pytestmark = pytest.mark.skipif(
    not SUITE.is_dir(), reason="the YAML test suite is not beside the project (../shared)"
)

PATHS = ("libyaml", "ruamel")
ROLES = ("manifest", "config", "pack")

#: Why a valid text may be refused: messages for what a manifest never holds. Each is named
#: on the limits page ("What is refused, whatever its size").
DOCUMENTED_REASONS = (
    N_("the file holds more than one YAML document (a second '---')"),
    N_("the YAML tag '{tag}' is not allowed in a manifest"),
    N_("the key {key} is not text"),
    N_("the key '{key}' appears twice in the same block (first on line {first})"),
    N_("the file is empty"),
    N_("a '?' right before '{text}' inside [ ] or {{ }} is read differently by YAML parsers"),
)

#: Valid texts that both parsers refuse (documented on the limits page, by case id).
UNREADABLE = {
    # a tab as white space outside quoted text (ruamel.yaml refuses it; files with tabs
    # are read by ruamel.yaml on both paths)
    "6BCT", "6CA3", "A2M4", "DC7X", "DK95/00", "DK95/03", "DK95/04", "DK95/05", "DK95/07",
    "HS5T", "J3BT", "K54U", "MUS6/03", "NB6Z", "Q5MG", "UV7Q", "Y79Y/010",
    # in a flow mapping, the colon on the line after its key
    "4MUZ/00", "4MUZ/01", "4MUZ/02", "5MUD", "9SA2", "K3WX", "NJ66", "UT92", "VJP3/01",
    # "key":value without a space, in a flow list (ruamel.yaml)
    "9MMW",
    # a tag directly before a comma in a flow collection (ruamel.yaml)
    "WZ62",
    # an empty key in a flow list ([ : x ]) (ruamel.yaml; refused anyway: not text)
    "CFD4",
}  # fmt: skip
#: Valid texts whose data differs from in.json (documented on the limits page, by case id).
DATA_DIFFERS = {"JEF9/02", "L24T/01"}
#: Texts both parsers refuse with a different wording or place (limits page, by case id).
MESSAGE_DIFFERS = {"9MMW", "DFF7"}


@dataclass
class Outcome:
    code: int  # 0 read (and checked), 2 refused, 3 internal error
    message: str = ""
    line: int | None = None
    data: Any = None
    positions: Any = None


def _cases() -> list[Path]:
    return sorted(path.parent for path in SUITE.rglob("in.yaml"))


def _case_id(case: Path) -> str:
    return case.relative_to(SUITE).as_posix()


def _text(case: Path) -> str:
    return decode((case / "in.yaml").read_bytes(), "in.yaml")


def _with_path(path: str) -> Any:
    """Context: run with libyaml or with ruamel.yaml."""

    class _Env:
        def __enter__(self) -> None:
            self.old = os.environ.get("AI_COC_YAML")
            os.environ["AI_COC_YAML"] = "ruamel" if path == "ruamel" else ""

        def __exit__(self, *_exc: object) -> None:
            if self.old is None:
                os.environ.pop("AI_COC_YAML", None)
            else:
                os.environ["AI_COC_YAML"] = self.old

    return _Env()


def _refused(exc: InputError) -> Outcome:
    return Outcome(2, exc.message, exc.line)


def _parse(text: str) -> Outcome:
    try:
        doc = parse_document(text, "in.yaml")
    except InputError as exc:
        return _refused(exc)
    except Exception as exc:
        return Outcome(3, f"{type(exc).__name__}: {exc}")
    return Outcome(
        0,
        data=doc.data,
        positions=(sorted(doc.key_positions.items()), sorted(doc.value_positions.items())),
    )


_PACK_META = "name: suite\nversion: 1.0.0\nprefix: SUITE\ntitle:\n  en: Suite\n  de: Suite\n"


def _role(role: str, text: str, folder: Path) -> Outcome:
    from ai_coc.rules.packs import load_pack
    from ai_coc.run.check import check_file
    from ai_coc.run.config import load_settings

    raw = text.encode("utf-8", "surrogatepass")
    try:
        if role == "manifest":
            path = folder / "ai-usage.yaml"
            path.write_bytes(raw)
            check_file(path, _policies(), TODAY, "en")
        elif role == "config":
            path = folder / ".ai-coc.yaml"
            path.write_bytes(raw)
            load_settings(path)
        else:
            pack = folder / "pack"
            pack.mkdir(exist_ok=True)
            (pack / "pack.yaml").write_text(_PACK_META, encoding="utf-8")
            (pack / "rules.yaml").write_bytes(raw)
            load_pack(pack)
    except InputError as exc:
        return _refused(exc)
    except Exception as exc:
        return Outcome(3, f"{type(exc).__name__}: {exc}")
    return Outcome(0)


@functools.cache
def _policies() -> Any:
    from ai_coc.rules.packs import load_policies

    return load_policies()


@functools.cache
def _results(tmp: str) -> dict[str, dict[tuple[str, str], Outcome]]:
    """Every case, read by each parser in each role (and by ``parse_document`` alone)."""
    folder = Path(tmp)
    results: dict[str, dict[tuple[str, str], Outcome]] = {}
    for case in _cases():
        case_id = _case_id(case)
        text = _text(case)
        outcomes: dict[tuple[str, str], Outcome] = {}
        for path in PATHS:
            with _with_path(path):
                outcomes[(path, "parse")] = _parse(text)
                for role in ROLES:
                    here = folder / case_id.replace("/", "-") / path / role
                    here.mkdir(parents=True, exist_ok=True)
                    outcomes[(path, role)] = _role(role, text, here)
        results[case_id] = outcomes
    return results


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[tuple[str, str], Outcome]]:
    if not fastyaml.available():
        pytest.skip("PyYAML with libyaml is not installed: only one parser to compare")
    return _results(str(tmp_path_factory.mktemp("suite")))


def _is_error(case_id: str) -> bool:
    return (SUITE / case_id / "error").exists()


def _message_pattern(key: str) -> re.Pattern[str]:
    template = key  # the English text of the message (its msgid)
    parts = [
        part.replace("{{", "{").replace("}}", "}")
        for part in re.split(r"(?<!\{)\{[a-z_]+\}(?!\})", template)
    ]
    return re.compile(".*".join(re.escape(part) for part in parts), re.DOTALL)


_REASONS = [(key, _message_pattern(key)) for key in DOCUMENTED_REASONS]


def _reason(message: str) -> str | None:
    for key, pattern in _REASONS:
        if pattern.fullmatch(message):
            return key
    return None


def _expected_documents(case_id: str) -> list[Any] | None:
    path = SUITE / case_id / "in.json"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8").strip()
    decoder = json.JSONDecoder()
    documents, index = [], 0
    while index < len(text):
        value, index = decoder.raw_decode(text, index)
        documents.append(value)
        while index < len(text) and text[index].isspace():
            index += 1
    return documents


def _as_json(value: Any) -> Any:
    """Loaded data as in.json writes it: dates as their text."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _same(loaded: Any, expected: Any) -> bool:
    if isinstance(expected, dict):  # JSON objects have no order
        return (
            isinstance(loaded, dict)
            and sorted(loaded) == sorted(expected)
            and all(_same(loaded[key], expected[key]) for key in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(loaded, list)
            and len(loaded) == len(expected)
            and all(_same(a, b) for a, b in zip(loaded, expected, strict=True))
        )
    if isinstance(expected, bool) or isinstance(loaded, bool):
        return loaded is expected
    if isinstance(expected, float) and isinstance(loaded, float) and math.isnan(expected):
        return math.isnan(loaded)
    if isinstance(expected, int | float):
        return isinstance(loaded, int | float) and loaded == expected
    return bool(type(loaded) is type(expected) and loaded == expected)


# --- the checks -----------------------------------------------------------------------------


def test_the_suite_is_complete(results: dict[str, Any]) -> None:
    assert len(results) == 402
    assert sum(_is_error(case) for case in results) == 94


def test_no_internal_errors(results: dict[str, dict[tuple[str, str], Outcome]]) -> None:
    crashed = [
        f"{case} {where}: {outcome.message}"
        for case, outcomes in results.items()
        for where, outcome in outcomes.items()
        if outcome.code == 3
    ]
    assert not crashed


def test_every_invalid_text_is_refused_with_its_line(
    results: dict[str, dict[tuple[str, str], Outcome]],
) -> None:
    accepted = [
        f"{case} {where}: code {outcome.code}, line {outcome.line}"
        for case, outcomes in results.items()
        if _is_error(case)
        for where, outcome in outcomes.items()
        if outcome.code != 2 or outcome.line is None
    ]
    assert not accepted


def test_valid_texts_are_refused_only_for_documented_reasons(
    results: dict[str, dict[tuple[str, str], Outcome]],
) -> None:
    refused = []
    for case, outcomes in results.items():
        if _is_error(case) or case in UNREADABLE:
            continue
        for path in PATHS:
            outcome = outcomes[(path, "parse")]
            if outcome.code == 2 and _reason(outcome.message) is None:
                refused.append(f"{case} {path}: {outcome.message}")
    assert not refused


def test_the_listed_cases_are_still_refused(
    results: dict[str, dict[tuple[str, str], Outcome]],
) -> None:
    """Keeps the lists honest: a case that is read now must leave them (and the docs)."""
    for case in UNREADABLE:
        assert all(results[case][(path, "parse")].code == 2 for path in PATHS), case


def test_the_data_is_what_the_suite_says(
    results: dict[str, dict[tuple[str, str], Outcome]],
) -> None:
    wrong = []
    compared = 0
    for case, outcomes in results.items():
        expected = _expected_documents(case)
        if expected is None or _is_error(case):
            continue
        for path in PATHS:
            outcome = outcomes[(path, "parse")]
            if outcome.code != 0:
                continue
            compared += 1
            same = len(expected) == 1 and _same(_as_json(outcome.data), expected[0])
            if case in DATA_DIFFERS:
                assert not same, f"{case} is read right now: take it off the list"
            elif not same:
                wrong.append(f"{case} {path}: {outcome.data!r} != {expected!r}")
    assert not wrong
    assert compared > 300


def test_both_parsers_agree(results: dict[str, dict[tuple[str, str], Outcome]]) -> None:
    differ = []
    for case, outcomes in results.items():
        for where in ("parse", *ROLES):
            a, b = outcomes[("libyaml", where)], outcomes[("ruamel", where)]
            if a.code != b.code or repr(a.data) != repr(b.data) or a.positions != b.positions:
                differ.append(f"{case} {where}: {a.code} {a.message} / {b.code} {b.message}")
            elif (a.message, a.line) != (b.message, b.line) and case not in MESSAGE_DIFFERS:
                differ.append(f"{case} {where}: {a.message}:{a.line} / {b.message}:{b.line}")
    assert not differ


def test_every_listed_case_is_on_the_limits_page() -> None:
    page = LIMITS_PAGE.read_text(encoding="utf-8")
    missing = sorted(c for c in UNREADABLE | DATA_DIFFERS | MESSAGE_DIFFERS if c not in page)
    assert not missing


def test_counts(
    results: dict[str, dict[tuple[str, str], Outcome]], capsys: pytest.CaptureFixture[str]
) -> None:
    """The counts, printed into the test output (also with -q)."""
    lines = ["", "YAML test suite: 402 cases (94 invalid), per parser and role:"]
    for path in PATHS:
        for where in ("parse", *ROLES):
            counts: Counter[str] = Counter()
            for case, outcomes in results.items():
                outcome = outcomes[(path, where)]
                kind = "invalid" if _is_error(case) else "valid"
                state = {0: "read", 2: "refused", 3: "INTERNAL"}[outcome.code]
                if state == "refused" and kind == "valid" and where == "parse":
                    state = "refused-documented" if _reason(outcome.message) else "refused-listed"
                counts[f"{kind} {state}"] += 1
            shown = ", ".join(f"{key}: {value}" for key, value in sorted(counts.items()))
            lines.append(f"  {path:8} {where:9} {shown}")
    with capsys.disabled():
        print("\n".join(lines))
    assert lines


# --- a few through the real command line ----------------------------------------------------

CLI_CASES = {"4FJ6": 2, "BEC7": 2, "P94K": 2, "9JBA": 2, "SU5Z": 2, "2SXE": 2}


@pytest.mark.parametrize("path", PATHS)
def test_some_cases_through_the_command_line(path: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AI_COC_YAML")}
    env["NO_COLOR"] = "1"
    if path == "ruamel":
        env["AI_COC_YAML"] = "ruamel"
    for case, code in CLI_CASES.items():
        target = tmp_path / case / "ai-usage.yaml"
        target.parent.mkdir()
        target.write_bytes((SUITE / case / "in.yaml").read_bytes())
        run = subprocess.run(
            [sys.executable, "-m", "ai_coc", "check", str(target), "--today", str(TODAY)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert run.returncode == code, (case, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr and "internal error" not in run.stderr
        assert "ai-usage.yaml:" in run.stdout + run.stderr  # located
