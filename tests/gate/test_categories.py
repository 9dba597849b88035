"""Categories that cannot dodge (issue 13, item 2).

Categories, and every text a red line compares with (``equals``, ``one_of``, ``contains``,
``contains_any``), are compared after NFKC, case folding and trimming, and as they look
(invisible characters dropped, look-alike letters of other scripts mapped to Latin). A category
that only looks like a vocabulary word, or is a slip of spelling of one, is an error (COC020)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.read.textfold import fold, near_word, same_text, skeleton, visible
from ai_coc.read.vocabulary import CATEGORIES
from ai_coc.rules.checks import Context, Environment, compile_check
from tests.conftest import EXAMPLES

Run = Callable[..., Result]
TODAY = "2026-11-21"
PACK = EXAMPLES / "org-pack" / "src" / "ai_coc_example_redlines"  # WFV001: no recruiting
CLEAN = EXAMPLES / "beratungs-chatbot"

# A category written so that a red line on `recruiting` would not see it (before issue 13).
SAME_WORD = {
    "capital": "Recruiting",
    "trailing space": "recruiting ",
    "full width": "\uff52\uff45\uff43\uff52\uff55\uff49\uff54\uff49\uff4e\uff47",
    "upper full width": "\uff32\uff25\uff23\uff32\uff35\uff29\uff34\uff29\uff2e\uff27",
}
LOOK_ALIKE = {
    "cyrillic e": "r\u0435cruiting",
    "greek epsilon": "r\u03b5cruiting",
    "cyrillic i, capitals": "RECRU\u0406TING",
    "zero-width space": "recr\u200buiting",
    "zero-width joiner": "recruit\u200ding",
    "soft hyphen": "recru\u00aditing",
    "left-to-right mark": "\u200erecruiting",
    "combining accent": "recrui\u0301ting",
}


def _project(tmp_path: Path, category: str | None, fail_on: str = "error") -> tuple[Path, Path]:
    """A complete manifest (clean on its own) with ``category`` added to its use, and an
    organisation configuration with the example red lines."""
    project = tmp_path / "project"
    shutil.copytree(CLEAN, project)
    manifest = project / "ai-usage.yaml"
    text = manifest.read_text(encoding="utf-8")
    extra = "" if category is None else ", " + json.dumps(category)
    changed = text.replace(
        "categories: [chatbot, counselling]", f"categories: [chatbot, counselling{extra}]"
    )
    assert changed != text or category is None
    manifest.write_text(changed, encoding="utf-8")
    org = tmp_path / "org.yaml"
    org.write_text(f"extends:\n  - {PACK.as_posix()}\nfail_on: {fail_on}\n", encoding="utf-8")
    return manifest, org


def _check(
    run_cli: Run, manifest: Path, org: Path, *extra: str
) -> tuple[int, list[dict[str, object]]]:
    result = run_cli(
        "check", str(manifest), "--org-config", str(org), "--today", TODAY, "-f", "json", *extra
    )
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)["findings"]


def test_the_clean_project_passes(run_cli: Run, tmp_path: Path) -> None:
    manifest, org = _project(tmp_path, None)
    code, findings = _check(run_cli, manifest, org)
    assert code == 0, findings


@pytest.mark.parametrize("category", SAME_WORD.values(), ids=SAME_WORD.keys())
def test_spellings_of_the_same_word_cross_the_red_line(
    run_cli: Run, tmp_path: Path, category: str
) -> None:
    manifest, org = _project(tmp_path, category)
    code, findings = _check(run_cli, manifest, org)
    ids = {f["id"] for f in findings}
    assert code == 1
    assert "WFV001" in ids
    assert not ids & {"COC007", "COC020"}, "case, spaces and width are the same word"


@pytest.mark.parametrize("category", LOOK_ALIKE.values(), ids=LOOK_ALIKE.keys())
def test_look_alikes_cross_the_red_line_and_are_errors(
    run_cli: Run, tmp_path: Path, category: str
) -> None:
    manifest, org = _project(tmp_path, category, fail_on="never")
    code, findings = _check(run_cli, manifest, org)
    assert code == 1  # a red line fails whatever fail_on says
    by_id = {str(f["id"]): f for f in findings}
    assert "WFV001" in by_id, "the red line matches what the text looks like"
    look = by_id["COC020"]
    assert look["severity"] == "error"
    assert "did you mean 'recruiting'" in str(look["message"])
    assert "COC007" not in by_id
    # the message shows which letter is not what it seems
    assert "\\u" in str(look["message"])


def test_a_slip_of_spelling_is_an_error_that_counts_as_the_red_line(
    run_cli: Run, tmp_path: Path
) -> None:
    manifest, org = _project(tmp_path, "recruitng", fail_on="never")
    code, findings = _check(run_cli, manifest, org)
    by_id = {str(f["id"]): f for f in findings}
    assert "WFV001" not in by_id  # a different word: the rule itself does not match ...
    slip = by_id["COC020"]
    assert slip["red_line"] is True  # ... but the red line looks for the word it is close to
    assert "WFV001" in str(slip["message"])
    assert code == 1


def test_a_slip_near_a_word_no_red_line_looks_for_is_a_plain_error(
    run_cli: Run, tmp_path: Path
) -> None:
    manifest, org = _project(tmp_path, "translaton")
    code, findings = _check(run_cli, manifest, org)
    slip = next(f for f in findings if f["id"] == "COC020")
    assert slip["red_line"] is False
    assert slip["severity"] == "error"
    assert "did you mean 'translation'" in str(slip["message"])
    assert code == 1


def test_a_genuinely_new_word_stays_a_warning(run_cli: Run, tmp_path: Path) -> None:
    manifest, org = _project(tmp_path, "vereinsleben")
    code, findings = _check(run_cli, manifest, org)
    assert [f["id"] for f in findings] == ["COC007"]
    assert findings[0]["severity"] == "warning"
    assert code == 0


def test_a_waiver_cannot_cover_a_look_alike(run_cli: Run, tmp_path: Path) -> None:
    manifest, org = _project(tmp_path, "r\u0435cruiting")
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text
        + "waivers:\n"
        + "  - rule: COC020\n    reason: We know what we are doing here.\n"
        + "    approved_by: Vorstand\n    expires: 2026-12-01\n",
        encoding="utf-8",
    )
    code, findings = _check(run_cli, manifest, org)
    ids = {f["id"] for f in findings}
    assert {"COC020", "WFV001"} <= ids
    assert code == 1


# --- the comparison itself ---------------------------------------------------------------


def _holds(spec: object, node: dict[str, object]) -> bool:
    check = compile_check(spec)
    ctx = Context(
        root=node,
        node=node,
        path=(),
        use=None,
        use_path=None,
        today=dt.date(2026, 11, 21),
        env=Environment(),
    )
    return check.evaluate(ctx).holds


@pytest.mark.parametrize(
    "spec",
    [
        {"equals": {"field": "x", "value": "recruiting"}},
        {"one_of": {"field": "x", "values": ["staff-evaluation", "recruiting"]}},
    ],
    ids=["equals", "one_of"],
)
@pytest.mark.parametrize("value", [*SAME_WORD.values(), *LOOK_ALIKE.values()])
def test_equals_and_one_of_compare_normalised_text(spec: object, value: str) -> None:
    assert _holds(spec, {"x": value})
    assert not _holds(spec, {"x": "recruitment"})


@pytest.mark.parametrize(
    "spec",
    [
        {"contains": {"field": "x", "value": "recruiting"}},
        {"contains_any": {"field": "x", "values": ["surveillance", "recruiting"]}},
    ],
    ids=["contains", "contains_any"],
)
@pytest.mark.parametrize("value", [*SAME_WORD.values(), *LOOK_ALIKE.values()])
def test_contains_and_contains_any_compare_normalised_text(spec: object, value: str) -> None:
    assert _holds(spec, {"x": ["chatbot", value]}), "a list item"
    assert _holds(spec, {"x": f"we use AI for {value} now"}), "a word in a text"
    assert not _holds(spec, {"x": ["chatbot", "counselling"]})


def test_fold_and_skeleton() -> None:
    assert fold("  Recruiting\t") == "recruiting"
    assert fold("\uff52\uff45\uff43") == "rec"
    assert skeleton("r\u0435cr\u200buiting") == "recruiting"
    assert same_text("Recruiting ", "r\u0435cruiting")
    assert not same_text("recruiting", "recruitment")
    assert visible("r\u0435c") == "r\\u0435c"


def test_near_word_tells_look_alikes_from_slips_and_new_words() -> None:
    assert near_word("Recruiting", CATEGORIES) is None
    assert near_word("r\u0435cruiting", CATEGORIES) == ("recruiting", "look-alike")
    assert near_word("recruitng", CATEGORIES) == ("recruiting", "spelling")
    assert near_word("surveilance", CATEGORIES) == ("surveillance", "spelling")
    assert near_word("research", CATEGORIES) is None  # two edits from "search": a new word
    assert near_word("vereinsleben", CATEGORIES) is None


def test_the_confusables_table_maps_to_plain_latin() -> None:
    from ai_coc.read.textfold import confusables

    table = confusables()
    assert table["\u0435"] == "e" and table["\u03bf"] == "o"
    for source, target in table.items():
        assert not source.isascii(), source
        assert target.isascii() and target == target.lower(), (source, target)
