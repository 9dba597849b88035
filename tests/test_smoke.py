"""The CLI runs end to end on a shipped example."""

from __future__ import annotations

from collections.abc import Callable

from click.testing import Result

from tests.conftest import EXAMPLES


def test_minimal_example_reports_labour_provenance_and_non_use(
    run_cli: Callable[..., Result],
) -> None:
    result = run_cli("check", str(EXAMPLES / "minimal" / "ai-usage.yaml"), "--today", "2026-11-21")
    assert result.exit_code == 1, result.output
    for rule_id in ("COC101", "COC201", "COC301"):
        assert rule_id in result.output
