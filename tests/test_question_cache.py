"""The questions of ``ai-coc init`` (no answer when pasted back) are kept in the cache, so that
a check reads neither the interview table nor a second language's catalogue."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ai_coc import i18n
from ai_coc.rules import cache as packcache


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("AI_COC_CACHE_DIR", str(folder))
    monkeypatch.setattr(packcache, "_questions", [])
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted((folder / "questions").glob("*.json"))


def test_the_questions_are_computed_once_then_read(
    fresh: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = packcache.interview_questions()
    assert first == i18n.interview_questions()
    assert any("?" in q for q in first)
    (entry,) = _entries(fresh)
    assert sorted(json.loads(entry.read_text("utf-8"))["questions"]) == sorted(first)

    def computed() -> frozenset[str]:
        raise AssertionError("the questions were worked out again")

    monkeypatch.setattr(packcache, "_questions", [])
    monkeypatch.setattr(i18n, "interview_questions", computed)
    assert packcache.interview_questions() == first


@pytest.mark.parametrize(
    "damage",
    ["", "{", "[]", '{"key": "x", "questions": []}', "garbage \x00", "wrong key", "not text"],
)
def test_a_damaged_entry_is_ignored(fresh: Path, damage: str) -> None:
    good = packcache.interview_questions()
    (entry,) = _entries(fresh)
    data = json.loads(entry.read_text("utf-8"))
    if damage == "wrong key":
        data["key"] = "0" * 64
        entry.write_text(json.dumps(data), "utf-8")
    elif damage == "not text":
        data["questions"] = [1, 2]
        entry.write_text(json.dumps(data), "utf-8")
    else:
        entry.write_text(damage, "utf-8")
    packcache._questions.clear()
    assert packcache.interview_questions() == good


def test_a_changed_catalogue_gives_a_new_entry(
    fresh: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packcache.interview_questions()
    locale = tmp_path / "locale"
    shutil.copytree(i18n.locale_dir(), locale)
    monkeypatch.setenv(i18n.LOCALE_ENV, str(locale))
    packcache._questions.clear()
    packcache.interview_questions()
    assert len(_entries(fresh)) == 2  # another folder of catalogues: another key


def test_without_a_cache_the_questions_are_still_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AI_COC_CACHE_DIR", "off")
    monkeypatch.setattr(packcache, "_questions", [])
    assert packcache.interview_questions() == i18n.interview_questions()
