"""``ai-coc baseline`` and ``check --baseline``: accept today's findings by rule and logical
path, report only new ones, never hide a red line, and only ever shrink."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import EXAMPLES, TODAY

Run = Callable[..., Result]
DAY = ("--today", TODAY.isoformat(), "--lang", "en")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Copy an example into a fresh folder and work there (file names as CI would show)."""

    def make(name: str) -> Path:
        folder = tmp_path / name
        shutil.copytree(EXAMPLES / name, folder)
        if not (tmp_path / "org-pack").exists():  # the red-line example's pack, next to it
            shutil.copytree(EXAMPLES / "org-pack", tmp_path / "org-pack")
        monkeypatch.chdir(folder)
        return folder

    return make


def entries(path: Path) -> list[dict[str, object]]:
    return json.loads(path.read_text("utf-8"))["entries"]  # type: ignore[no-any-return]


def check_json(run_cli: Run, *args: str) -> tuple[int, dict[str, object]]:
    result = run_cli("check", "-f", "json", *DAY, *args)
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def test_a_baseline_accepts_todays_findings_and_fails_on_new_ones(
    run_cli: Run, project: Callable[[str], Path]
) -> None:
    folder = project("code-assistenz")
    before, report = check_json(run_cli)
    assert before == 1 and report["findings"]
    made = run_cli("baseline", *DAY)
    assert made.exit_code == 0, made.output
    baseline = folder / "ai-coc-baseline.json"
    listed = entries(baseline)
    assert sum(e["count"] for e in listed) == len(report["findings"])  # type: ignore[misc]
    for entry in listed:
        assert set(entry) == {"file", "rule", "name", "path", "count"}  # never a line
        assert entry["file"] == "ai-usage.yaml"
    code, accepted = check_json(run_cli, "--baseline", str(baseline))
    assert code == 0 and accepted["findings"] == []
    text = run_cli("check", *DAY, "--baseline", str(baseline))
    assert f"{len(report['findings'])} finding(s) accepted by the baseline" in text.stdout
    md = run_cli("check", *DAY, "--baseline", str(baseline), "-f", "markdown")
    assert f"{len(report['findings'])} finding(s) accepted by the baseline" in md.stdout
    assert len(accepted["baselined"]) == len(report["findings"])
    assert accepted["files"][0]["baselined"] == len(report["findings"])
    assert accepted["baseline"]["fixed"] == []

    # a new finding: the baseline does not cover it
    manifest = folder / "ai-usage.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(
        re.sub(r"(?m)^(\s+)purpose: .*$", r"\1purpose: TODO", text, count=1), "utf-8"
    )
    code, after = check_json(run_cli, "--baseline", str(baseline))
    assert code == 1
    assert [f["id"] for f in after["findings"]] and all(
        (f["id"], f["location"]["path"]) not in {(e["rule"], e["path"]) for e in listed}
        for f in after["findings"]
    )


def test_moving_lines_does_not_break_the_baseline(
    run_cli: Run, project: Callable[[str], Path]
) -> None:
    folder = project("code-assistenz")
    assert run_cli("baseline", *DAY).exit_code == 0
    manifest = folder / "ai-usage.yaml"
    manifest.write_text("# a comment\n# and another\n\n" + manifest.read_text("utf-8"), "utf-8")
    code, report = check_json(run_cli, "--baseline", "ai-coc-baseline.json")
    assert code == 0 and report["findings"] == [] and report["baselined"]


def test_a_baseline_never_hides_a_red_line(run_cli: Run, project: Callable[[str], Path]) -> None:
    folder = project("rote-linie-recruiting")
    _, report = check_json(run_cli)
    red = [f for f in report["findings"] if f["red_line"]]
    assert red
    made = run_cli("baseline", *DAY)
    assert made.exit_code == 0
    assert f"{len(red)} red-line finding(s) were left out" in made.stdout
    baseline = folder / "ai-coc-baseline.json"
    assert not any(e["rule"] in {f["id"] for f in red} for e in entries(baseline))
    # someone adds the red lines by hand: still reported, still failing
    data = json.loads(baseline.read_text("utf-8"))
    data["entries"] += [
        {"file": "ai-usage.yaml", "rule": f["id"], "path": f["location"]["path"], "count": 5}
        for f in red
    ]
    baseline.write_text(json.dumps(data), "utf-8")
    code, after = check_json(run_cli, "--baseline", str(baseline))
    assert code == 1
    assert sorted(f["id"] for f in after["findings"]) == sorted(f["id"] for f in red)
    assert all(not f["red_line"] for f in after["baselined"])
    text = run_cli("check", *DAY, "--baseline", str(baseline))
    assert text.exit_code == 1
    for f in red:
        assert f["id"] in text.stdout


def test_fixed_entries_are_reported_and_pruned_and_nothing_is_added(
    run_cli: Run, project: Callable[[str], Path]
) -> None:
    folder = project("code-assistenz")
    assert run_cli("baseline", *DAY).exit_code == 0
    baseline = folder / "ai-coc-baseline.json"
    original = baseline.read_text("utf-8")
    listed = entries(baseline)
    # one entry that no longer matches anything (as if it was fixed)
    data = json.loads(original)
    data["entries"].append(
        {"file": "ai-usage.yaml", "rule": "COC101", "path": "uses[gone].weighing", "count": 1}
    )
    # and one for a manifest this run does not check: left alone
    data["entries"].append(
        {"file": "other/ai-usage.yaml", "rule": "COC101", "path": "x", "count": 1}
    )
    baseline.write_text(json.dumps(data), "utf-8")
    checked = run_cli("check", *DAY, "--baseline", str(baseline), "-f", "json")
    assert checked.exit_code == 0
    assert "1 entry(ies) of" in checked.stderr and "--prune" in checked.stderr
    fixed = json.loads(checked.stdout)["baseline"]["fixed"]
    assert fixed == [
        {"file": "ai-usage.yaml", "rule": "COC101", "path": "uses[gone].weighing", "count": 1}
    ]

    # a new finding appears: `baseline` without --prune changes nothing and adds nothing
    manifest = folder / "ai-usage.yaml"
    text = manifest.read_text("utf-8")
    manifest.write_text(
        re.sub(r"(?m)^(\s+)purpose: .*$", r"\1purpose: TODO", text, count=1), "utf-8"
    )
    before = baseline.read_text("utf-8")
    status = run_cli("baseline", *DAY)
    assert status.exit_code == 0
    assert "not in the baseline and were not added" in status.stdout
    assert "--prune" in status.stdout
    assert baseline.read_text("utf-8") == before

    pruned = run_cli("baseline", *DAY, "--prune")
    assert pruned.exit_code == 0, pruned.output
    assert "removed 1 fixed entry(ies)" in pruned.stdout
    after = entries(baseline)
    keys = {(e["file"], e["rule"], e["path"]) for e in after}
    assert ("ai-usage.yaml", "COC101", "uses[gone].weighing") not in keys
    assert ("other/ai-usage.yaml", "COC101", "x") in keys  # not checked: kept
    assert len(after) == len(listed) + 1  # shrank; the new finding was not added


def test_counts_accept_only_as_many_findings_as_listed(
    run_cli: Run, project: Callable[[str], Path]
) -> None:
    folder = project("minimal")
    assert run_cli("baseline", *DAY).exit_code == 0
    baseline = folder / "ai-coc-baseline.json"
    data = json.loads(baseline.read_text("utf-8"))
    first = data["entries"][0]
    first["count"] = 1
    data["entries"] = [first]
    baseline.write_text(json.dumps(data), "utf-8")
    code, report = check_json(run_cli, "--baseline", str(baseline))
    assert len(report["baselined"]) == 1
    assert code == 1 and report["findings"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"ai_coc_baseline": 1, "entries": [', r"ai-coc-baseline\.json:1:\d+: .*baseline file"),
        ('{"entries": []}', "ai_coc_baseline: 1"),
        ('{"ai_coc_baseline": 1, "entries": [{"rule": "X"}]}', "entry 1 needs"),
        (
            '{"ai_coc_baseline": 1, "entries": '
            '[{"file": "a", "rule": "X", "path": "p", "count": 0}]}',
            "`count` must be",
        ),
    ],
)
def test_a_broken_baseline_file_stops_with_exit_2(
    run_cli: Run, project: Callable[[str], Path], content: str, expected: str
) -> None:
    folder = project("minimal")
    (folder / "ai-coc-baseline.json").write_text(content, "utf-8")
    for args in (("check", "--baseline", "ai-coc-baseline.json"), ("baseline",)):
        result = run_cli(*args, *DAY)
        assert result.exit_code == 2, result.output
        assert re.search(expected, result.stderr), result.stderr


def test_missing_baseline_file(run_cli: Run, project: Callable[[str], Path]) -> None:
    project("minimal")
    result = run_cli("check", *DAY, "--baseline", "nope.json")
    assert result.exit_code == 2 and "nope.json: file not found" in result.stderr
    pruned = run_cli("baseline", *DAY, "--prune", "--file", "nope.json")
    assert pruned.exit_code == 2 and "ai-coc baseline" in pruned.stderr


def test_german_messages(run_cli: Run, project: Callable[[str], Path]) -> None:
    project("rote-linie-recruiting")
    made = run_cli("baseline", *DAY, "--lang", "de")
    assert "Eine Baseline akzeptiert nie eine rote Linie" in made.stdout
    checked = run_cli("check", *DAY, "--lang", "de", "--baseline", "ai-coc-baseline.json")
    assert "überschrittene rote Linien immer" in checked.stderr


def test_the_register_shows_baselined_findings_apart(
    run_cli: Run, project: Callable[[str], Path], tmp_path: Path
) -> None:
    folder = project("code-assistenz")
    assert run_cli("baseline", *DAY).exit_code == 0
    out = tmp_path / "report.json"
    run_cli("check", *DAY, "--baseline", "ai-coc-baseline.json", "-o", f"json={out}")
    result = run_cli("report", str(out), *DAY, "-f", "json")
    repo = json.loads(result.stdout)["repositories"][0]
    assert repo["errors"] == 0 and repo["warnings"] == 0
    assert repo["baselined"] == len(entries(folder / "ai-coc-baseline.json"))


@pytest.mark.parametrize("spill", ["1", "256"])
def test_a_baseline_for_a_folder_of_manifests(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spill: str
) -> None:
    """Several manifests, each keyed by its own file; also when the results of the run live
    in a temporary file (AI_COC_SPILL_AFTER)."""
    monkeypatch.setenv("AI_COC_SPILL_AFTER", spill)
    monkeypatch.chdir(tmp_path)
    for name in ("minimal", "code-assistenz", "bildkampagne"):
        shutil.copytree(EXAMPLES / name, tmp_path / "all" / name)
    _, before = check_json(run_cli, "all")
    assert run_cli("baseline", "all", *DAY).exit_code == 0
    files = {e["file"] for e in entries(tmp_path / "ai-coc-baseline.json")}
    assert files == {
        f"all/{n}/ai-usage.yaml" for n in ("minimal", "code-assistenz", "bildkampagne")
    }
    # one project fixes everything: its entries are fixed, the others still match
    shutil.rmtree(tmp_path / "all" / "minimal")
    shutil.copytree(EXAMPLES / "beratungs-chatbot", tmp_path / "all" / "minimal")
    code, after = check_json(run_cli, "all", "--baseline", "ai-coc-baseline.json")
    assert code == 0 and after["findings"] == []
    fixed = after["baseline"]["fixed"]
    assert fixed and {e["file"] for e in fixed} == {"all/minimal/ai-usage.yaml"}
    assert len(after["baselined"]) == len(before["findings"]) - sum(e["count"] for e in fixed)
