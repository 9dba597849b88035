"""Unreadable input stops the run with a located message and exit 2; structural problems are
located findings with exit 1. Never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

Run = Callable[..., Result]
TODAY = "2026-11-21"

HEAD = "manifest: ai-coc/v1\nproject: {name: x, organisation: Verein e.V.}\n"


def write(tmp_path: Path, content: bytes | str, name: str = "ai-usage.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("content", "expected", "line"),
    [
        (HEAD + "uses:\n  - id: a\n    name: [unclosed\n", "invalid YAML", 6),
        (HEAD + "review:\n  last_reviewed: 2026-01-01\n  last_reviewed: 2026-02-01\n", "twice", 5),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", 3),
        (b"manifest: ai-coc/v1\nproject: {name: M\xfcnchen}\n", "not valid UTF-8", 2),
        ("", "empty", 1),
        ("# only a comment\n\n", "empty", 1),
        ("project: {name: x, organisation: y}\n", "`manifest: ai-coc/v1` is missing", 1),
        ("manifest: ai-coc/v2\nproject: {name: x, organisation: y}\n", "unsupported", 1),
        ("- just\n- a list\n", "top level must be a mapping", 1),
        (HEAD + "---\nmanifest: ai-coc/v1\n", "more than one YAML document", 3),
        (HEAD + "x: !!python/object:os.system echo\n", "not allowed", 3),
        (HEAD + "? [a, b]\n: 1\n", "not text", 3),
        ("manifest: ai-coc/v1\n\tproject: x\n", "invalid YAML", 2),
    ],
    ids=[
        "invalid-yaml",
        "duplicate-key",
        "binary",
        "not-utf8",
        "empty",
        "comment-only",
        "no-discriminator",
        "wrong-discriminator",
        "not-a-mapping",
        "two-documents",
        "python-tag",
        "non-string-key",
        "tab-indent",
    ],
)
def test_unreadable_input_exit_2(
    run_cli: Run, tmp_path: Path, content: bytes | str, expected: str, line: int
) -> None:
    path = write(tmp_path, content)
    result = run_cli("check", str(path), "--today", TODAY)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert f"ai-usage.yaml:{line}:" in result.output
    assert "help:" in result.output
    assert "Traceback" not in result.output


def test_missing_file(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "nope.yaml: file not found" in result.output
    assert "ai-coc init" in result.output


def test_input_errors_in_german(run_cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "project: {name: x}\n")
    result = run_cli("check", str(path), "--lang", "de")
    assert result.exit_code == 2
    assert "Fehler" in result.output
    assert "Das ist kein ai-coc-Manifest" in result.output
    assert "Hilfe:" in result.output


def test_utf16_and_bom_are_read(run_cli: Run, tmp_path: Path) -> None:
    text = (
        HEAD
        + "ai_used: false\nnon_uses:\n  - id: keine-ki\n    reasons: >-\n"
        + (
            "      Wir schreiben unsere Förderanträge selbst,"
            " weil sie unsere Haltung zeigen sollen.\n"
        )
    )
    for name, data in (
        ("utf16.yaml", "\ufeff".encode("utf-16-le") + text.encode("utf-16-le")),
        ("bom.yaml", b"\xef\xbb\xbf" + text.encode("utf-8")),
    ):
        path = write(tmp_path, data, name)
        result = run_cli("check", str(path), "--today", TODAY, "--format", "json")
        assert result.exit_code in (0, 1), result.output
        assert json.loads(result.output)["files"][0]["path"].endswith(name)


STRUCTURE = """\
manifest: ai-coc/v1
project:
  name: beratung
  organisation: Verein e.V.
ai_used: "yes"
review:
  next_review_due: 2027-02-30
uses:
  - id: Chat Bot
    status: activ
    categories: translation
    labor:
      status: unknown
    people:
      affects_people: ja
  - id: zweiter
    purpose: 42
"""


def test_structural_problems_are_all_reported_at_their_lines(run_cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, STRUCTURE)
    result = run_cli("check", str(path), "--today", TODAY, "--format", "json")
    assert result.exit_code == 1
    found = {
        (f["id"], f["location"]["line"], f["location"]["column"])
        for f in json.loads(result.output)["findings"]
        if str(f["id"]).startswith("COC0")
    }
    assert found == {
        ("COC002", 5, 10),  # ai_used: "yes" is text, not true/false
        ("COC004", 7, 20),  # 30 February
        ("COC003", 9, 9),  # id not kebab-case
        ("COC003", 10, 13),  # status: activ
        ("COC002", 11, 17),  # categories must be a list
        ("COC001", 12, 5),  # labor -> labour
        ("COC002", 15, 23),  # affects_people: ja
        ("COC002", 17, 14),  # purpose: 42
    }


def test_misspelt_key_suggests_the_right_one(run_cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, STRUCTURE)
    result = run_cli("check", str(path), "--today", TODAY)
    assert "ai-usage.yaml:12:5: COC001 [error] Unknown key 'labor' — did you mean 'labour'?" in (
        result.output
    )
    german = run_cli("check", str(path), "--today", TODAY, "--lang", "de")
    assert "Unbekannter Schlüssel 'labor' — meinten Sie 'labour'?" in german.output


def test_missing_required_key_points_at_parent(run_cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "manifest: ai-coc/v1\nproject:\n  name: x\n")
    result = run_cli("check", str(path), "--today", TODAY, "--format", "json")
    findings = json.loads(result.output)["findings"]
    assert [(f["id"], f["location"]["line"], f["location"]["path"]) for f in findings] == [
        ("COC005", 2, "project.organisation")
    ]


def test_duplicate_use_ids(run_cli: Run, tmp_path: Path) -> None:
    text = HEAD + "uses:\n  - id: chat\n    status: proposed\n  - id: chat\n    status: proposed\n"
    result = run_cli("check", str(write(tmp_path, text)), "--today", TODAY, "--format", "json")
    dup = [f for f in json.loads(result.output)["findings"] if f["id"] == "COC006"]
    assert [(f["location"]["line"], f["location"]["column"]) for f in dup] == [(6, 9)]
    assert "line 4" in dup[0]["message"]
