"""A scan names its files as :func:`ai_coc.files.display_path` names each one."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_coc.files import display_path, remembered_folders
from ai_coc.run.check import display_paths


def layout(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A working directory with manifests in it, and others outside it reached in several
    ways: through a linked folder, as a linked file, a missing file, ``..`` in the path."""
    work = tmp_path / "work"
    (work / "a" / "b").mkdir(parents=True)
    (work / "a" / "b" / "ai-usage.yaml").write_text("x")
    outside = tmp_path / "outside" / "repo"
    outside.mkdir(parents=True)
    (outside / "ai-usage.yaml").write_text("x")
    (work / "linked").symlink_to(outside)  # inside the working directory, by a link
    (tmp_path / "elsewhere").symlink_to(work / "a")  # outside, leading back inside
    (outside / "link.yaml").symlink_to(work / "a" / "b" / "ai-usage.yaml")
    (outside / "loop.yaml").symlink_to(outside / "loop.yaml")
    paths = [
        Path("a/b/ai-usage.yaml"),
        work / "a" / "b" / "ai-usage.yaml",
        Path("linked/ai-usage.yaml"),
        outside / "ai-usage.yaml",
        tmp_path / "elsewhere" / "b" / "ai-usage.yaml",
        outside / "link.yaml",
        outside / "loop.yaml",
        outside / "missing.yaml",
        Path("a/../a/b/ai-usage.yaml"),
        tmp_path / "outside" / ".." / "work" / "a" / "b" / "ai-usage.yaml",
    ]
    return work, paths


@pytest.mark.parametrize("remembered", [False, True])
def test_the_same_names_as_display_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, remembered: bool
) -> None:
    work, paths = layout(tmp_path)
    monkeypatch.chdir(work)
    expected = {path: display_path(path) for path in paths}
    # the cases where resolving matters: found inside the working directory after all
    assert expected[tmp_path / "elsewhere" / "b" / "ai-usage.yaml"] == "a/b/ai-usage.yaml"
    assert expected[tmp_path / "outside" / "repo" / "link.yaml"] == "a/b/ai-usage.yaml"
    assert expected[Path("linked/ai-usage.yaml")] == "linked/ai-usage.yaml"
    if remembered:
        with remembered_folders():
            assert display_paths(paths) == expected
    else:
        assert display_paths(paths) == expected


def test_paths_given_through_a_link_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, paths = layout(tmp_path)
    (tmp_path / "via").symlink_to(work)
    monkeypatch.chdir(work)
    paths = [*paths, tmp_path / "via" / "a" / "b" / "ai-usage.yaml", tmp_path / "via" / "x.yaml"]
    with remembered_folders():
        assert display_paths(paths) == {path: display_path(path) for path in paths}
