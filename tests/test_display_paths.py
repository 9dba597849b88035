""":func:`ai_coc.files.display_path` names a file as it always did, inside
:func:`~ai_coc.files.remembered_folders` (where each folder is resolved once) and outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from ai_coc.files import display_path, remembered_folders


def plain(path: Path) -> str:
    """The rule, written the slow and obvious way: relative below the working directory as
    given, else with every link resolved on both sides, else absolute."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        pass
    try:
        return absolute.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):
        return str(absolute)


def display_paths(paths: list[Path]) -> dict[Path, str]:
    return {path: display_path(path) for path in paths}


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
    expected = {path: plain(path) for path in paths}
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
        assert display_paths(paths) == {path: plain(path) for path in paths}
