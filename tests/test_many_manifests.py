"""``ai-coc check DIR``: every manifest below a folder, one summary, progress on a terminal."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.report.progress import THRESHOLD, Progress, wanted
from ai_coc.run.discover import iter_manifest_files
from tests.conftest import EXAMPLES

EXAMPLE_DIRS = sorted(p.parent.name for p in EXAMPLES.glob("*/ai-usage.yaml"))


def test_check_examples_scans_all_projects_with_one_summary(
    run_cli: Callable[..., Result],
) -> None:
    result = run_cli("check", str(EXAMPLES), "--today", "2026-11-21")
    assert result.exit_code == 1
    out = result.stdout
    assert len(EXAMPLE_DIRS) == 9
    assert out.count("Principles of the Code of Conduct Demokratische KI") == 1
    assert out.count("file(s) checked") == 1
    assert "9 file(s) checked" in out
    files_block = out.split("\nFiles\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split("/")[-2] for line in files_block] == EXAMPLE_DIRS
    minimal = next(line for line in files_block if "/minimal/" in line)
    assert minimal.endswith("ai-usage.yaml: 14 error(s), 6 warning(s), 0 note(s)")


def test_single_file_has_no_file_list(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(EXAMPLES / "minimal"), "--today", "2026-11-21")
    assert "\nFiles\n" not in result.stdout


def test_check_examples_json_lists_every_file(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", str(EXAMPLES), "--today", "2026-11-21", "-f", "json")
    data = json.loads(result.stdout)
    assert sorted(Path(f["path"]).parent.name for f in data["files"]) == EXAMPLE_DIRS
    assert data["summary"]["files"] == 9


def test_discovery_skips_vcs_hidden_venvs_and_node_modules(tmp_path: Path) -> None:
    manifest = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    wanted_files = ["ai-usage.yaml", "a/ai-usage.yml", "a/b/c/ai-usage.yaml"]
    skipped = [
        ".git/ai-usage.yaml",
        ".hidden/ai-usage.yaml",
        "node_modules/pkg/ai-usage.yaml",
        "env/lib/ai-usage.yaml",  # a virtual environment (has pyvenv.cfg)
        "a/__pycache__/ai-usage.yaml",
    ]
    for rel in [*wanted_files, *skipped]:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(manifest, encoding="utf-8")
    (tmp_path / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n", encoding="utf-8")
    (tmp_path / "a" / "other.yaml").write_text(manifest, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_manifest_files(tmp_path)]
    assert sorted(found) == sorted(wanted_files)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_only_on_a_terminal_and_for_many_files(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CI", "GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert wanted(_Tty(), THRESHOLD + 1)
    assert not wanted(_Tty(), THRESHOLD)
    assert not wanted(io.StringIO(), THRESHOLD + 1)
    monkeypatch.setenv("CI", "true")
    assert not wanted(_Tty(), THRESHOLD + 1)


def test_progress_line_is_written_and_cleared(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("CI", "GITHUB_ACTIONS", "GITLAB_CI"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("TERM", "xterm")
    stream = _Tty()
    progress = Progress(stream)
    for n in range(1, 26):
        progress(n, 25, f"p{n}/ai-usage.yaml")
    progress.close()
    text = stream.getvalue()
    assert "\rchecking 1/25: p1/ai-usage.yaml" in text
    assert "checking 25/25: p25/ai-usage.yaml" in text
    assert text.endswith("\r")
    quiet = io.StringIO()
    silent = Progress(quiet)
    for n in range(1, 26):
        silent(n, 25, "x")
    silent.close()
    assert quiet.getvalue() == ""


def test_many_files_without_terminal_show_no_progress(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    for index in range(THRESHOLD + 5):
        shutil.copytree(EXAMPLES / "kein-ki-einsatz", tmp_path / f"projekt-{index:02}")
    result = run_cli("check", str(tmp_path), "--today", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert f"{THRESHOLD + 5} file(s) checked" in result.stdout
    assert "checking" not in result.stderr
    assert "\r" not in result.output


def test_shifted_example_keeps_its_findings(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    """The date-shifting helper used by the pre-commit and CI tests is faithful."""
    import datetime as dt

    from tests.shifted import copy_example, shift_dates

    assert shift_dates("due: 2026-03-01, x: 2026-02-30", 30) == "due: 2026-03-31, x: 2026-02-30"
    copy_example("ueberfaellige-pruefung", tmp_path / "p")
    real = run_cli(
        "check", str(tmp_path / "p"), "-f", "json", "--today", dt.date.today().isoformat()
    )
    golden = run_cli(
        "check", str(EXAMPLES / "ueberfaellige-pruefung"), "-f", "json", "--today", "2026-11-21"
    )
    ids = [f["id"] for f in json.loads(real.stdout)["findings"]]
    assert ids == [f["id"] for f in json.loads(golden.stdout)["findings"]] == ["COC601"]
