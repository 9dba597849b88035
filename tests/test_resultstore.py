"""Large scans keep their results in a temporary file; every report reads the same either way."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.report.formats import FORMATS
from ai_coc.report.formats.json import as_dict, render
from ai_coc.report.report import FileResult, Report, ResultStore
from ai_coc.rules.findings import Finding, Location
from ai_coc.rules.packs import load_policies
from tests.conftest import EXAMPLES, TODAY
from tests.gitutil import commit_all, init_repo
from tests.test_waivers import MANIFEST, waiver


def result(name: str, findings: int, waived: int = 0) -> FileResult:
    items = [
        Finding(
            rule_id=f"COC{100 + n}",
            rule_name=f"rule-{n}",
            principle="weighing",
            severity=("error", "warning", "info")[n % 3],
            message=f'message {n} of {name} with ünïcödé and "quotes"\nand a line break',
            fix="fix it",
            location=Location(file=name, line=10 - n, column=1, path=f"uses[{n}]"),
            use=None,
            help_url="https://example.org",
        )
        for n in range(findings)
    ]
    return FileResult(file=name, findings=items, uses=findings, lines=["a", "b"])


def test_small_runs_stay_in_memory_large_ones_move_to_a_file() -> None:
    store = ResultStore(keep=3)
    for n in range(3):
        store.append(result(f"f{n}.yaml", n))
    assert not store.spilled
    store.append(result("f3.yaml", 3))
    assert store.spilled
    assert len(store) == 4
    assert [r.file for r in store] == ["f0.yaml", "f1.yaml", "f2.yaml", "f3.yaml"]
    assert [len(r.findings) for r in store] == [0, 1, 2, 3]
    store.close()


def test_passes_can_run_side_by_side() -> None:
    store = ResultStore((result(f"f{n}.yaml", n) for n in range(5)), keep=0)
    pairs = [(a.file, b.file) for a in store for b in store]
    assert len(pairs) == 25
    assert pairs[:5] == [("f0.yaml", f"f{n}.yaml") for n in range(5)]


def test_replace_each_gives_a_new_store_in_order() -> None:
    store = ResultStore((result(f"f{n}.yaml", 2) for n in range(4)), keep=1)

    def first_only(item: FileResult) -> FileResult:
        item.findings = item.findings[:1]
        return item

    changed = store.replace_each(first_only)
    assert [len(r.findings) for r in changed] == [1, 1, 1, 1]
    assert [len(r.findings) for r in store] == [2, 2, 2, 2]  # the old one is untouched


@pytest.mark.parametrize("keep", [0, 2, 100])
@pytest.mark.parametrize("findings", [(0, 0), (3, 0, 2), (1,)])
def test_streamed_json_is_exactly_json_dump(keep: int, findings: tuple[int, ...]) -> None:
    policies = load_policies()
    files = ResultStore((result(f"d/f{n}.yaml", k) for n, k in enumerate(findings)), keep=keep)
    report = Report(files=files, policies=[], today=dt.date(2026, 11, 21))
    expected = json.dumps(as_dict(report, policies), ensure_ascii=False, indent=2) + "\n"
    import io

    out = io.StringIO()
    render(report, policies, out)
    assert out.getvalue() == expected


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Five copies of every example (45 or more manifests), five with a waiver in force."""
    for n in range(5):
        for example in sorted(EXAMPLES.glob("*/ai-usage.yaml")):
            target = tmp_path / "scan" / f"{example.parent.name}-{n}" / "ai-usage.yaml"
            target.parent.mkdir(parents=True)
            shutil.copy(example, target)
        waived = tmp_path / "scan" / f"waived-{n}" / "ai-usage.yaml"
        waived.parent.mkdir(parents=True)
        waived.write_text(MANIFEST + "waivers:\n" + waiver(), encoding="utf-8")
    return tmp_path / "scan"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_reads_the_same_from_the_file(
    fmt: str, many: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("check", str(many), "--today", TODAY.isoformat(), "-f", fmt, "--no-color")
    monkeypatch.setenv("AI_COC_JOBS", "1")
    monkeypatch.setenv("AI_COC_SPILL_AFTER", "100000")
    in_memory = run_cli(*args)
    monkeypatch.setenv("AI_COC_SPILL_AFTER", "3")
    spilled = run_cli(*args)
    assert in_memory.exit_code == spilled.exit_code == 1
    assert spilled.stdout == in_memory.stdout
    if fmt == "json":
        data = json.loads(spilled.stdout)
        assert len(data["files"]) == 5 * (len(list(EXAMPLES.glob("*/ai-usage.yaml"))) + 1)
        assert len(data["waived"]) == 5


def test_since_works_on_results_in_a_file(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = init_repo(tmp_path / "repo")
    old = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    for n in range(6):
        (root / f"p{n}").mkdir()
        (root / f"p{n}" / "ai-usage.yaml").write_text(old, encoding="utf-8")
    commit_all(root, "six manifests with old gaps")
    (root / "p4" / "ai-usage.yaml").write_text(
        old + "  - id: neu\n    name: Neu\n    status: active\n", encoding="utf-8"
    )
    monkeypatch.chdir(root)
    monkeypatch.setenv("AI_COC_SPILL_AFTER", "2")
    result = run_cli("check", ".", "--today", TODAY.isoformat(), "-f", "json", "--since", "HEAD")
    data = json.loads(result.stdout)
    assert len(data["files"]) == 6
    assert data["findings"]
    assert {f["location"]["file"] for f in data["findings"]} == {"p4/ai-usage.yaml"}
    assert all(f["location"]["path"].startswith("uses[neu]") for f in data["findings"])


def test_files_are_reported_in_the_order_of_their_names(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    minimal = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    for name in ("b", "a-b", "a/b", "A"):
        (tmp_path / name).mkdir(parents=True, exist_ok=True)
        (tmp_path / name / "ai-usage.yaml").write_text(minimal, encoding="utf-8")
    args = [str(tmp_path / n / "ai-usage.yaml") for n in ("b", "a/b", "a-b", "A")]
    result = run_cli("check", *args, "--today", TODAY.isoformat(), "-f", "json")
    data = json.loads(result.stdout)
    shown = [f["path"] for f in data["files"]]
    assert shown == sorted(shown)
    in_findings = [f["location"]["file"] for f in data["findings"]]
    assert in_findings == sorted(in_findings)
