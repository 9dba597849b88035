"""The rules of the built-in pack judge texts with the judge and say which problem they found."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from ai_coc.rules.checks import CheckError, compile_check
from ai_coc.rules.findings import Finding
from ai_coc.rules.packs import load_pack, load_policies
from ai_coc.rules.policy import builtin_pack_dir
from ai_coc.run.check import check_file
from tests.conftest import TODAY
from tests.test_policy_loading import GOOD_RULE, make_pack

#: A manifest with no findings; each test changes one thing.
BASE = builtin_pack_dir() / "examples" / "COC207" / "pass.yaml"
POLICIES = load_policies()


def _base() -> dict[str, Any]:
    # read as YAML 1.2, like ai-coc (PyYAML's 1.1 would turn the key `on:` into True)
    from ai_coc.read.yaml import load_document

    data: dict[str, Any] = load_document(BASE).data
    return data


def _check(tmp_path: Path, data: dict[str, Any], lang: str = "en") -> list[Finding]:
    path = tmp_path / "ai-usage.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return check_file(path, POLICIES, TODAY, lang).findings


def _use(data: dict[str, Any]) -> dict[str, Any]:
    use: dict[str, Any] = data["uses"][0]
    return use


def _only(findings: list[Finding], rule: str) -> Finding:
    found = [f for f in findings if f.rule_id == rule]
    assert len(found) == 1, [f"{f.rule_id} {f.message}" for f in findings]
    return found[0]


def test_the_base_manifest_passes(tmp_path: Path) -> None:
    assert _check(tmp_path, _base()) == []


@pytest.mark.parametrize(
    ("text", "en", "de"),
    [
        (
            "TODO: noch ausfüllen",
            "is a placeholder ('TODO'), not an answer",
            "ist ein Platzhalter („TODO“), keine Antwort",
        ),
        (
            "Datenschutz",
            "is too short: 1 word(s) of content, at least 2 needed",
            "ist zu kurz: 1 Wort/Wörter mit Inhalt, mindestens 2 nötig",
        ),
        (
            "Wird noch geklärt.",
            "puts the answer off ('Wird noch geklärt') instead of giving it",
            "verschiebt die Antwort („Wird noch geklärt“), statt sie zu geben",
        ),
        (
            "Siehe oben, gilt auch hier.",
            "points elsewhere ('Siehe oben') instead of answering here",
            "verweist auf eine andere Stelle („Siehe oben“), statt hier zu antworten",
        ),
        (
            "Ist halt so, machen doch alle.",
            "waves the question away ('Ist halt so') instead of answering it",
            "tut die Frage ab („Ist halt so“), statt sie zu beantworten",
        ),
        (
            "Warum nicht ohne KI? Was würde der Verzicht kosten, und für wen?",
            "repeats the question instead of answering it",
            "wiederholt die Frage, statt sie zu beantworten",
        ),
    ],
)
def test_the_message_names_the_problem(tmp_path: Path, text: str, en: str, de: str) -> None:
    data = _base()
    _use(data)["weighing"]["non_use"] = text
    finding = _only(_check(tmp_path, data), "COC101")
    assert finding.message.endswith(f"(uses[protokoll-entwurf].weighing.non_use {en})")
    assert en in finding.message
    assert de in _only(_check(tmp_path, data, "de"), "COC101").message


def test_a_missing_text_is_reported_as_missing(tmp_path: Path) -> None:
    data = _base()
    del _use(data)["weighing"]["non_use"]
    assert "(uses[protokoll-entwurf].weighing.non_use is missing)" in (
        _only(_check(tmp_path, data), "COC101").message
    )


def test_a_near_copy_names_the_field_it_copies(tmp_path: Path) -> None:
    data = _base()
    use = _use(data)
    use["provenance"]["justification"] = use["weighing"]["non_use"].replace(
        "besprochen", "diskutiert"
    )
    finding = _only(_check(tmp_path, data), "COC105")
    assert finding.location.path == "uses[protokoll-entwurf].provenance.justification"
    assert finding.message == (
        "In the use 'protokoll-entwurf', 'provenance.justification' is no answer of its own: "
        "it copies the text of 'weighing.non_use'"
    )
    assert (
        "kopiert den Text von 'weighing.non_use'"
        in _only(_check(tmp_path, data, "de"), "COC105").message
    )


@pytest.mark.parametrize("answer", ["no", "No.", "nein", "Keine"])
def test_no_harmful_content_asks_for_no_channel(tmp_path: Path, answer: str) -> None:
    data = _base()
    labour = _use(data)["labour"]
    labour["harmful_content_exposure"] = answer
    del labour["worker_channel"]
    assert _check(tmp_path, data) == []


@pytest.mark.parametrize(
    ("channel", "flagged"),
    [
        ("Keiner bekannt", True),
        ("none known", True),
        ("ombud@sprachdaten-verbund.example", False),
        ("Beschwerdestelle des Verbunds, Telefon 030 1234567", False),
    ],
)
def test_a_worker_channel_is_judged_as_a_channel(
    tmp_path: Path, channel: str, flagged: bool
) -> None:
    data = _base()
    labour = _use(data)["labour"]
    labour["worker_channel"] = channel
    labour["harmful_content"] = "yes"
    labour["support"] = "no"  # then only a channel satisfies COC207
    findings = _check(tmp_path, data)
    if flagged:
        assert "nor a channel" in _only(findings, "COC207").message
    else:
        assert findings == []


def _with_personal_data(legal_basis: str) -> dict[str, Any]:
    data = _base()
    _use(data)["data"] = {
        "inputs": [
            {
                "description": "Namen der Vorstandsmitglieder im Protokoll",
                "personal_data": True,
                "leaves_organisation": True,
                "legal_basis": legal_basis,
            }
        ]
    }
    return data


@pytest.mark.parametrize("basis", ["GDPR Art. 6(1)(a)", "Einwilligung", "berechtigtes Interesse"])
def test_a_legal_basis_written_as_a_reference_or_a_name_passes(tmp_path: Path, basis: str) -> None:
    assert [f.rule_id for f in _check(tmp_path, _with_personal_data(basis))] == []


def test_a_legal_basis_that_names_none_is_reported(tmp_path: Path) -> None:
    finding = _only(_check(tmp_path, _with_personal_data("Das passt schon so")), "COC605")
    assert "names no legal basis" in finding.message
    finding = _only(_check(tmp_path, _with_personal_data("Das passt schon so"), "de"), "COC605")
    assert "nennt keine Rechtsgrundlage" in finding.message


def test_a_waiver_reason_is_judged(tmp_path: Path) -> None:
    data = _base()
    data["waivers"] = [
        {
            "rule": "COC101",
            "reason": "TBD",
            "approved_by": "Vorstand",
            "expires": TODAY + dt.timedelta(days=30),
        }
    ]
    assert _only(_check(tmp_path, copy.deepcopy(data)), "COC011")
    data["waivers"][0]["reason"] = "Der Vorstand prüft den Einsatz bis Ende Januar neu."
    assert [f.rule_id for f in _check(tmp_path, data)] == ["COC013"]  # unused, but in effect


def test_the_kind_is_checked_when_the_pack_is_read() -> None:
    compile_check({"justified": {"field": "legal_basis", "kind": "legal-basis"}})
    with pytest.raises(CheckError, match="'kind' must be one of"):
        compile_check({"justified": {"field": "legal_basis", "kind": "yes-no"}})


def test_an_organisation_rule_may_name_the_problem(tmp_path: Path) -> None:
    rule = (
        GOOD_RULE.replace("is recruiting", "has no plan ({path} {problem})")
        .replace("ist Recruiting", "hat keinen Plan ({path} {problem})")
        .replace(
            "    forbid:\n      contains: {field: categories, value: recruiting}",
            "    require:\n      justified: evaluation.goal",
        )
    )
    pack = load_pack(make_pack(tmp_path, rule))
    assert pack.rules[0].id == "ORG101"
