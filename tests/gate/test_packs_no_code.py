"""Packs never run code (issue 13, item 6).

An installed pack (entry point group ``ai_coc.packs``) is found through the files its
distribution installed, or the finders asked for its top-level name; its ``__init__.py``,
which here writes a marker file when imported, never runs. A pack file that is not a regular
file inside the pack is an error (exit 2) that names it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.gate.conftest import ORG_PACK, RED_LINE, Project

TRAP = """\
import pathlib, os
pathlib.Path(os.environ["AI_COC_TEST_MARKER"]).write_text("imported: " + __name__)
"""


def install_fake_dist(
    site: Path, value: str, package: str, *, record: bool, subpackage: str | None = None
) -> None:
    """A distribution in ``site`` (on PYTHONPATH) whose entry point ``trap`` is ``value``; its
    pack lives in ``package`` (or ``package.subpackage``), and every ``__init__.py`` is a trap."""
    top = site / package
    folder = top / subpackage if subpackage else top
    shutil.copytree(ORG_PACK, folder, ignore=shutil.ignore_patterns("__init__.py", "__pycache__"))
    (top / "__init__.py").write_text(TRAP, "utf-8")
    if subpackage:
        (folder / "__init__.py").write_text(TRAP, "utf-8")
    info = site / "trap_pack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: trap-pack\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(f"[ai_coc.packs]\ntrap = {value}\n", "utf-8")
    if record:
        lines = [p.relative_to(site).as_posix() + ",," for p in sorted(top.rglob("*"))]
        lines += [f"{info.name}/{n},," for n in ("METADATA", "entry_points.txt", "RECORD")]
        (info / "RECORD").write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture
def installed(project: Project, tmp_path: Path) -> tuple[Project, Path, Path]:
    site = tmp_path / "site"
    site.mkdir()
    marker = tmp_path / "imported.txt"
    (project.root / ".ai-coc.yaml").write_text("extends: [trap]\n", "utf-8")
    shutil.rmtree(project.pack)
    return project, site, marker


def run_with(project: Project, site: Path, marker: Path) -> tuple[int, str, str]:
    env = project.env()
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env["AI_COC_TEST_MARKER"] = str(marker)
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", "ai-usage.yaml"],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    ("value", "subpackage", "record"),
    [
        ("trappack", None, True),
        ("trappack", None, False),  # no RECORD (as an editable install): the finders
        ("trappack.org", "org", True),
        ("trappack.org", "org", False),  # a sub-package: its parent is not imported either
    ],
    ids=["package", "package-no-record", "subpackage", "subpackage-no-record"],
)
def test_an_installed_pack_is_found_without_importing_it(
    installed: tuple[Project, Path, Path], value: str, subpackage: str | None, record: bool
) -> None:
    project, site, marker = installed
    install_fake_dist(site, value, "trappack", record=record, subpackage=subpackage)
    code, out, err = run_with(project, site, marker)
    assert not marker.exists(), marker.read_text() if marker.exists() else ""
    assert code == 1, out + err
    assert RED_LINE in out


def test_an_entry_point_naming_a_function_is_refused_and_not_called(
    installed: tuple[Project, Path, Path],
) -> None:
    project, site, marker = installed
    install_fake_dist(site, "trappack:folder", "trappack", record=True)
    code, out, err = run_with(project, site, marker)
    assert not marker.exists()
    assert code == 2, out + err
    assert "never run code" in err
    assert ".ai-coc.yaml:1" in err  # located at the config line naming the pack


def _break(project: Project, how: str, tmp_path: Path) -> str:
    name = "4-broken.yaml"
    entry = project.pack / name
    if how == "fifo":
        os.mkfifo(entry)
    elif how == "dangling":
        entry.symlink_to(project.pack / "gone.yaml")
    elif how == "outside":
        outside = tmp_path / "outside.yaml"
        outside.write_text("rules: []\n", "utf-8")
        entry.symlink_to(outside)
    elif how == "device":
        entry.symlink_to("/dev/zero")
    elif how == "folder":
        entry.mkdir()
    elif how == "fifo-link":
        os.mkfifo(project.pack / "pipe")
        entry.symlink_to(project.pack / "pipe")
    elif how == "meta-fifo":
        (project.pack / "pack.yaml").unlink()
        os.mkfifo(project.pack / "pack.yaml")
        return "pack.yaml"
    else:  # pragma: no cover
        raise AssertionError(how)
    return name


@pytest.mark.parametrize(
    "how", ["fifo", "dangling", "outside", "device", "folder", "fifo-link", "meta-fifo"]
)
def test_a_pack_file_that_is_not_a_regular_file_inside_the_pack_is_an_error(
    project: Project, tmp_path: Path, how: str
) -> None:
    name = _break(project, how, tmp_path)
    result = project.check()  # within the time limit: a pipe does not make it wait
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"pack/{name}" in result.stderr
    assert "Traceback" not in result.stderr
