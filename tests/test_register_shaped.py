"""Manifests in the shape of public algorithm-register entries: every finding is expected.

The manifests under ``tests/data/register-shaped/`` are written in the shape of real register
entries (municipal chatbots, report routing, anonymisation, a heat-stress model, risk scoring,
face comparison, number-plate cameras), in Dutch, German, English and French, with learned,
rule-based and simulation systems. Each has a ``<name>.expected.yaml`` that lists every finding
ai-coc may report on it, each judged fair; any other finding is noise and fails the test.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result

from tests.conftest import TODAY

DATA = Path(__file__).parent / "data" / "register-shaped"
MANIFESTS = sorted(p for p in DATA.glob("*.yaml") if not p.name.endswith(".expected.yaml"))


def test_there_are_register_shaped_manifests_in_several_languages_and_approaches() -> None:
    assert 5 <= len(MANIFESTS) <= 8
    languages = {p.name.split("-", 1)[0] for p in MANIFESTS}
    assert {"nl", "de", "en"} <= languages
    approaches = set()
    for path in MANIFESTS:
        for use in yaml.safe_load(path.read_text(encoding="utf-8"))["uses"]:
            approaches.add((use.get("system") or {}).get("approach", "learned"))
    assert approaches == {"learned", "rule-based", "simulation"}


def _expected(path: Path) -> Counter[tuple[str, str]]:
    data = yaml.safe_load((DATA / f"{path.stem}.expected.yaml").read_text(encoding="utf-8"))
    return Counter((f["rule"], f["path"]) for f in data["findings"])


@pytest.mark.parametrize("path", MANIFESTS, ids=[p.stem for p in MANIFESTS])
def test_every_finding_is_expected_and_nothing_else(
    run_cli: Callable[..., Result], path: Path
) -> None:
    result = run_cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    found = Counter((f["id"], f["location"]["path"]) for f in json.loads(result.output)["findings"])
    expected = _expected(path)
    assert found - expected == Counter(), "reported but not expected (noise?)"
    assert expected - found == Counter(), "expected but not reported"


def _approaches(path: Path) -> set[str]:
    uses = yaml.safe_load(path.read_text(encoding="utf-8"))["uses"]
    return {(u.get("system") or {}).get("approach", "learned") for u in uses}


NOT_LEARNED = [p for p in MANIFESTS if _approaches(p) - {"learned"}]


@pytest.mark.parametrize("path", NOT_LEARNED, ids=[p.stem for p in NOT_LEARNED])
def test_systems_that_did_not_learn_get_no_labour_data_or_intensity_finding(
    run_cli: Callable[..., Result], path: Path
) -> None:
    uses = yaml.safe_load(path.read_text(encoding="utf-8"))["uses"]
    not_learned = {
        u["id"]
        for u in uses
        if (u.get("system") or {}).get("approach") in ("rule-based", "simulation")
    }
    assert not_learned
    result = run_cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    model_rules = {"COC101", "COC201", "COC202", "COC205", "COC206", "COC207", "COC209"}
    model_rules |= {"COC210", "COC211", "COC212", "COC301", "COC302", "COC306", "COC801"}
    model_rules |= {"COC802", "COC803", "COC804"}
    for finding in json.loads(result.output)["findings"]:
        if finding["use"] in not_learned:
            assert finding["id"] not in model_rules, finding
