"""Writes that lose nothing (issue 13, item 8).

Writers hold a lock on the folder of the file they write: ten ``ai-coc init --add-use`` runs
at once add ten uses. A file that is a symbolic link is written through the link (its target
changes, the link stays); a link that points to nothing is refused with a message.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES
from tests.gate.conftest import TIMEOUT

MINIMAL = EXAMPLES / "minimal" / "ai-usage.yaml"


def ai_coc(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "AI_COC_CACHE_DIR": "off", "LC_ALL": "C", "LANGUAGE": "en"}
    return subprocess.Popen(
        [sys.executable, "-m", "ai_coc", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=TIMEOUT)
    return process.returncode, out, err


def run(*args: str, cwd: Path) -> tuple[int, str, str]:
    return finish(ai_coc(*args, cwd=cwd))


def uses_of(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text("utf-8"))
    return [use["id"] for use in data.get("uses") or []]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(MINIMAL, root / "ai-usage.yaml")
    return root


def test_ten_concurrent_add_use_runs_add_ten_uses(folder: Path) -> None:
    before = uses_of(folder / "ai-usage.yaml")
    runs = [ai_coc("init", "--add-use", "--no-input", cwd=folder) for _ in range(10)]
    results = [finish(process) for process in runs]
    assert [code for code, _, _ in results] == [0] * 10, [err for _, _, err in results]
    after = uses_of(folder / "ai-usage.yaml")
    assert after[: len(before)] == before
    assert len(after) == len(before) + 10
    assert len(set(after)) == len(after)  # each run gave its use an id of its own
    assert not list(folder.glob(".*.tmp"))  # no temporary file left behind


def test_a_writer_waits_for_the_lock_of_the_folder(folder: Path) -> None:
    manifest = folder / "ai-usage.yaml"
    before = manifest.read_text("utf-8")
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        process = ai_coc("init", "--add-use", "--no-input", cwd=folder)
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the writer did not wait for the lock"
        assert manifest.read_text("utf-8") == before
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
    code, _, err = finish(process)
    assert code == 0, err
    assert len(uses_of(manifest)) == len(yaml.safe_load(before).get("uses") or []) + 1


@pytest.fixture
def linked(folder: Path, tmp_path: Path) -> tuple[Path, Path]:
    """``ai-usage.yaml`` in the project is a link to the real file in another folder."""
    real = tmp_path / "real" / "ai-usage.yaml"
    real.parent.mkdir()
    (folder / "ai-usage.yaml").rename(real)
    (folder / "ai-usage.yaml").symlink_to(real)
    return folder / "ai-usage.yaml", real


def test_add_use_through_a_link_updates_its_target(linked: tuple[Path, Path]) -> None:
    link, real = linked
    before = uses_of(real)
    code, _, err = run("init", "--add-use", "--no-input", cwd=link.parent)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(uses_of(real)) == len(before) + 1
    assert not list(real.parent.glob(".*.tmp")) and not list(link.parent.glob(".*.tmp"))


def test_init_force_through_a_link_keeps_the_link(linked: tuple[Path, Path]) -> None:
    link, real = linked
    code, _, err = run("init", "--no-input", cwd=link.parent)
    assert code == 2 and "already exists" in err  # a link counts as an existing file
    code, _, err = run("init", "--no-input", "--force", cwd=link.parent)
    assert code == 0, err
    assert link.is_symlink()
    assert "manifest: ai-coc/v1" in real.read_text("utf-8")


@pytest.mark.parametrize("command", ["notice", "schema", "check"])
def test_outputs_through_a_link_update_the_target(
    folder: Path, tmp_path: Path, command: str
) -> None:
    target = tmp_path / "elsewhere" / "out.txt"
    target.parent.mkdir()
    target.write_text("old\n", "utf-8")
    link = folder / "out.txt"
    link.symlink_to(target)
    args = {
        "notice": ["notice", "ai-usage.yaml", "--output", "out.txt"],
        "schema": ["schema", "--output", "out.txt"],
        "check": ["check", "ai-usage.yaml", "--output", "json=out.txt"],
    }[command]
    code, _, err = run(*args, cwd=folder)
    assert code in (0, 1), err
    assert link.is_symlink() and link.resolve() == target.resolve()
    written = target.read_text("utf-8")
    assert written != "old\n"
    if command != "notice":
        json.loads(written)


@pytest.mark.parametrize("command", ["add-use", "notice", "check"])
def test_a_link_to_nothing_is_refused_and_left_alone(folder: Path, command: str) -> None:
    name = "ai-usage.yaml" if command == "add-use" else "out.txt"
    if command == "add-use":
        (folder / name).unlink()
    (folder / name).symlink_to(folder / "gone" / "x.yaml")
    args = {
        "add-use": ["init", "--add-use", "--no-input"],
        "notice": ["notice", "ai-usage.yaml", "--output", name],
        "check": ["check", "ai-usage.yaml", "--output", f"json={name}"],
    }[command]
    code, _, err = run(*args, cwd=folder)
    assert code == 2, err
    assert name in err
    assert "Traceback" not in err
    assert (folder / name).is_symlink()
    assert (folder / name).readlink() == folder / "gone" / "x.yaml"
