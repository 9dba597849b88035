"""Shared fixtures: the repository layout, a CLI runner, a fixed today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ai_coc.cli import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
POLICIES = ROOT / "policies"
#: The date all tests and golden files use as "today".
TODAY = dt.date(2026, 11, 21)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite the golden output files of the example projects (accept an intended change).",
    )


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The tests' compiled packs go to a fresh cache folder, not the user's ~/.cache."""
    import os

    os.environ["AI_COC_CACHE_DIR"] = str(tmp_path_factory.mktemp("ai-coc-cache"))


@pytest.fixture(autouse=True)
def _keep_language() -> Iterator[None]:
    """A run with ``--lang de`` sets the language of the process; the next test gets its own."""
    from ai_coc.i18n import get_language, set_language

    before = get_language()
    yield
    set_language(before)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether ``--update-golden`` was given."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``ai-coc`` in-process through the same error handling as the real entry point."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*args: str, input: str | None = None) -> Result:
        from ai_coc.cli import main

        runner = CliRunner()
        return runner.invoke(_Main(main), list(args), input=input, catch_exceptions=False)

    return run


class _Main:
    """Adapter so CliRunner calls :func:`ai_coc.cli.main` (exit codes, error handling)."""

    def __init__(self, main: Callable[[list[str]], object]) -> None:
        self._main = main
        self.name = "ai-coc"

    def main(self, args: list[str], prog_name: str | None = None, **_: object) -> object:
        return self._main(args)


__all__ = ["EXAMPLES", "POLICIES", "ROOT", "TODAY", "cli"]
