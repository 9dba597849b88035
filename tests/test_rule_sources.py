"""Every rule of the built-in pack says exactly what it rests on (issue 16, item 3).

The checkable rule, written down:

* every rule has a ``basis`` (one or more of ``code``, ``white-paper``, ``article``,
  ``practice``) and a ``source``;
* the source is a list of passages separated by ``"; "``, and each passage has one of these
  forms, which fixes its kind:

  - ``Code of Conduct, principle N "<German name of principle N>"[, on <what>] (<quality>)``
    (kind ``code``), where the quality is ``secondary: wording as reproduced by the signatory
    STADTKULTUR HAMBURG`` for principles 1–3 (the only wording found, a signatory's copy) and
    ``paraphrase of secondary summaries: only the name is published`` for principles 4–8;
  - ``Code of Conduct, scope statement, on <what> (press release, D Mon YYYY)`` (``code``);
  - ``white paper "KI und Solidarität", on <what> (passage not verified)`` (``white-paper``:
    the paper itself could not be read, so no chapter or section title may be invented), or
    ``white paper "<title>" (D Mon YYYY), thesis "<heading>"`` for a companion paper that was
    read (``white-paper``);
  - ``article|report|open letter "<title>", <outlet>, D Mon YYYY`` (``article``);
  - ``ai-coc good practice[: <what>]`` (``practice``);

* the basis is exactly the set of the kinds of the passages; a bare "Code of Conduct,
  principle N" (no name, no passage, no quality) therefore fails, and so does a source that
  names no principle for a rule of principle N;
* a rule whose basis is ``code`` names its own principle;
* no rule text names white-paper sections that do not exist ("data provenance", "red lines")
  or calls the Code's content what is only good practice ("should not run", "the Code accepts").
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from ai_coc.rules.packs import load_pack
from ai_coc.rules.policy import BASES, Rule, builtin_pack_dir

PACK = load_pack(builtin_pack_dir(), origin="builtin:coc")
NAMES = {p.number: p.name["de"] for p in PACK.meta.principles}
SLUGS = {p.slug: p.number for p in PACK.meta.principles}
DATE = r"\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
QUALITY = {
    **dict.fromkeys(
        (1, 2, 3), "secondary: wording as reproduced by the signatory STADTKULTUR HAMBURG"
    ),
    **dict.fromkeys(
        (4, 5, 6, 7, 8), "paraphrase of secondary summaries: only the name is published"
    ),
}
FORMS: list[tuple[str, re.Pattern[str]]] = [
    (
        "code",
        re.compile(
            r'Code of Conduct, principle (?P<n>[1-8]) "(?P<name>[^"]+)"(?:, on [^;()]+)? '
            r"\((?P<quality>[^()]+)\)"
        ),
    ),
    (
        "code",
        re.compile(rf"Code of Conduct, scope statement, on [^;()]+ \(press release, {DATE}\)"),
    ),
    (
        "white-paper",
        re.compile(r'white paper "KI und Solidarität", on [^;()"]+ \(passage not verified\)'),
    ),
    ("white-paper", re.compile(rf'white paper "[^"]+" \({DATE}\), thesis "[^"]+"')),
    ("article", re.compile(rf'(?:article|report|open letter) "[^"]+", [^;,"]+, {DATE}')),
    ("practice", re.compile(r"ai-coc good practice(?:: [^;]+)?")),
]


def passages(source: str) -> list[tuple[str, re.Match[str]]]:
    """The kind and match of each passage; raises AssertionError on a vague one."""
    found = []
    for part in source.split("; "):
        for kind, form in FORMS:
            match = form.fullmatch(part)
            if match:
                found.append((kind, match))
                break
        else:
            raise AssertionError(f"not an exact passage: {part!r}")
    return found


def source_problems(rule: Rule) -> list[str]:
    problems = []
    if not rule.spec.basis:
        problems.append("no basis")
    if not rule.spec.source:
        return [*problems, "no source"]
    try:
        found = passages(rule.spec.source)
    except AssertionError as exc:
        return [*problems, str(exc)]
    for kind, match in found:
        if kind == "code" and "n" in match.groupdict() and match["n"]:
            number = int(match["n"])
            if match["name"] != NAMES[number]:
                problems.append(f"principle {number} is called {NAMES[number]!r}")
            if match["quality"] != QUALITY[number]:
                problems.append(f"principle {number}: say {QUALITY[number]!r}")
    kinds = {kind for kind, _ in found}
    if set(rule.spec.basis) != kinds:
        problems.append(f"basis {rule.spec.basis} but the passages are {sorted(kinds)}")
    if "code" in kinds and rule.principle is not None:
        own = SLUGS[rule.principle]
        cited = {int(m["n"]) for k, m in found if k == "code" and m.groupdict().get("n")}
        scope = any(k == "code" and not m.groupdict().get("n") for k, m in found)
        if own not in cited and not scope:
            problems.append(f"cites the Code but not its own principle {own}")
    return problems


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_every_rule_names_its_exact_source_and_basis(rule: Rule) -> None:
    assert source_problems(rule) == []
    assert set(rule.spec.basis) <= set(BASES)


@pytest.mark.parametrize("rule", PACK.rules, ids=lambda r: r.id)
def test_no_rule_text_overreaches(rule: Rule) -> None:
    for which in ("summary", "rationale", "fix", "message"):
        for lang in ("en", "de"):
            text = rule.text(which, lang)
            for phrase in (
                'section on "data provenance"',
                "section on data provenance",
                "white paper's section",
                "should not run",
                "do not run the use",
                "den Einsatz nicht betreiben",
                "the Code accepts",
                "Abschnitt des Whitepapers",
                "sollte nicht laufen",
                "Der Code of Conduct akzeptiert",
            ):
                assert phrase not in text, f"{rule.id}.{which}.{lang}: {phrase!r}"


def _with(rule: Rule, **changes: object) -> Rule:
    import dataclasses

    return dataclasses.replace(rule, spec=dataclasses.replace(rule.spec, **changes))


def test_the_meta_test_catches_vague_sources() -> None:
    rule = next(r for r in PACK.rules if r.id == "COC203")
    assert source_problems(rule) == []
    assert source_problems(_with(rule, source="Code of Conduct, principle 2")) != []
    assert "no basis" in source_problems(_with(rule, basis=[]))
    assert source_problems(_with(rule, basis=["practice"])) != []
    wrong = 'Code of Conduct, principle 2 "Menschenzentrierung" (as everyone knows)'
    assert source_problems(_with(rule, source=wrong)) != []
    other = NAMES[2].replace("Menschen", "Mensch")
    renamed = rule.spec.source.replace(NAMES[2], other) if rule.spec.source else ""
    assert source_problems(_with(rule, source=renamed)) != []
    invented = 'white paper "KI und Solidarität", chapter "data provenance"'
    assert source_problems(_with(rule, source=invented, basis=["white-paper"])) != []
    p4 = next(r for r in PACK.rules if r.id == "COC603")
    assert source_problems(p4) == []
    secondary = (
        p4.spec.source.replace(
            "paraphrase of secondary summaries: only the name is published",
            "secondary: wording as reproduced by the signatory STADTKULTUR HAMBURG",
        )
        if p4.spec.source
        else ""
    )
    assert source_problems(_with(p4, source=secondary)) != []


@pytest.mark.parametrize("principle", PACK.meta.principles, ids=lambda p: p.slug)
def test_principle_summaries_say_where_their_wording_comes_from(principle: object) -> None:
    from ai_coc.rules.policy import Principle

    assert isinstance(principle, Principle)
    en, de = principle.summary["en"], principle.summary["de"]
    if principle.number <= 3:
        assert en.endswith("(Wording known only from a signatory's reproduction.)"), en
        assert de.endswith(
            "(Wortlaut nur aus der Wiedergabe einer unterzeichnenden Organisation bekannt.)"
        )
    else:
        assert en.endswith("(Paraphrase of secondary summaries; the wording was not available.)")
        assert "Umschreibung nach Zusammenfassungen aus zweiter Hand" in de


def test_ai_coc_rule_shows_source_and_basis(run_cli: Any) -> None:
    shown = run_cli("rule", "COC207")
    assert 'Source: article "Klickarbeiter im KI-Training' in shown.output
    assert "Basis: an article or open letter, ai-coc good practice" in shown.output
    german = run_cli("rule", "COC207", "--lang", "de").output
    assert "Grundlage: ein Artikel oder offener Brief, gute Praxis von ai-coc" in german
    assert "Schweregrad: Fehler" in german and "Beispiel mit Befund" in german
    data = json.loads(run_cli("rules", "--format", "json").output)
    by_id = {item["id"]: item for item in data}
    assert by_id["COC303"]["basis"] == ["code"]
    assert by_id["COC605"]["basis"] == ["practice"]


def test_sarif_rule_properties_carry_source_and_basis() -> None:
    from ai_coc.report.formats.sarif import _rule
    from ai_coc.rules.policy import PolicySet

    policies = PolicySet(packs=[PACK], principles=list(PACK.meta.principles))
    rule = next(r for r in PACK.rules if r.id == "COC501")
    props = _rule(rule, policies, "en")["properties"]
    assert props["basis"] == ["code", "white-paper"]
    assert props["source"] == rule.spec.source
