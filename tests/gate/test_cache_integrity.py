"""A cache that cannot lie (issue 13, item 4).

The compiled form of an organisation's pack is kept in the cache folder. Whatever happens to
that folder or to the pack's files while a check runs, the red line of the pack is reported:
a tampered entry, a pack file swapped between reading and compiling, two packs whose files
would have shared a key under a loose framing, and an entry that is a pipe, a link or huge.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from ai_coc.errors import InputError
from ai_coc.rules import cache as packcache
from ai_coc.rules import packs
from tests.gate.conftest import RED_LINE, Project


def red_lines(pack_root: Path) -> set[str]:
    return {rule.id for rule in packs.load_pack(pack_root).rules}


def assert_red_line_reported(project: Project) -> None:
    result = project.check()
    assert result.returncode == 1, result.stdout + result.stderr
    assert RED_LINE in result.stdout


def the_entry(project: Project) -> Path:
    entries = project.entries()
    assert len(entries) == 1, entries
    return entries[0]


def test_a_first_check_writes_one_sealed_entry(project: Project) -> None:
    assert_red_line_reported(project)
    sealed = json.loads(the_entry(project).read_text("utf-8"))
    assert set(sealed) == {"digest", "body"}
    data = sealed["body"]
    assert {"key", "sha256", "format"} <= set(data)
    assert any(rule["spec"]["id"] == RED_LINE for rule in data["rules"])


@pytest.mark.parametrize("reseal", [False, True], ids=["content-only", "digest-of-sources-too"])
def test_a_tampered_entry_is_recompiled_and_rewritten(project: Project, reseal: bool) -> None:
    assert_red_line_reported(project)
    entry = the_entry(project)
    sealed = json.loads(entry.read_text("utf-8"))
    sealed["body"]["rules"] = []
    if reseal:  # a tamperer who also fixes the sources' digest, but not the entry's own
        sealed["body"]["sha256"] = hashlib.sha256(b"anything").hexdigest()
    entry.write_text(json.dumps(sealed) + "\n", "utf-8")

    assert_red_line_reported(project)
    assert_red_line_reported(project)  # and again: the rewritten entry is sound
    rewritten = json.loads(the_entry(project).read_text("utf-8"))["body"]
    assert rewritten["rules"], "the tampered entry was not rewritten"


def test_a_pack_file_swapped_during_a_run_does_not_poison_the_cache(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is swapped for one without the red line just after it was read (when the old
    code had hashed it and was about to read it again to compile) and put back afterwards."""
    rule_file = project.pack / "1-people.yaml"
    original = rule_file.read_bytes()
    swapped = original.replace(b"recruiting, staff-evaluation", b"nothing-at-all")
    assert swapped != original
    real_read = packs.read_bytes
    reads: list[Path] = []

    def read_then_swap(path: Path, **kwargs: object) -> bytes:
        data = real_read(path, **kwargs)  # type: ignore[arg-type]
        reads.append(Path(path))
        if Path(path).name == rule_file.name:
            rule_file.write_bytes(swapped)
        return data

    monkeypatch.setattr(packs, "read_bytes", read_then_swap)
    pack = packs.load_pack(project.pack)
    monkeypatch.setattr(packs, "read_bytes", real_read)
    rule_file.write_bytes(original)

    # one read of each file, and the rules are the ones of the bytes that were hashed
    assert len(reads) == len(set(reads)) == len(packs._pack_files(project.pack))
    assert RED_LINE in {rule.id for rule in pack.rules}
    assert "staff-evaluation" in json.dumps(packcache.to_compiled(pack)["rules"])
    # the next runs, in-process and in a new interpreter, still see the red line
    assert RED_LINE in red_lines(project.pack)
    assert_red_line_reported(project)
    # with the swapped file really in place, the pack has another digest and another entry
    rule_file.write_bytes(swapped)
    swapped_pack = packs.load_pack(project.pack)
    assert swapped_pack.sha256 != pack.sha256
    rule_file.write_bytes(original)
    assert_red_line_reported(project)


def _old_digest(files: list[tuple[str, bytes]]) -> str:
    """The framing the cache used before: ``name \\0 bytes \\0`` per file."""
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def test_packs_that_collided_under_the_old_framing_have_different_keys(
    project: Project, tmp_path: Path
) -> None:
    meta = (project.pack / "pack.yaml").read_bytes()
    rules = (project.pack / "1-people.yaml").read_bytes()
    for extra in ("2-resources.yaml", "3-data.yaml"):
        (project.pack / extra).unlink()
    # pack B: one pack.yaml whose bytes are pack A's two files as the old framing joined them
    other = tmp_path / "other"
    other.mkdir()
    (other / "pack.yaml").write_bytes(meta + b"\0" + b"1-people.yaml\0" + rules)
    old_a = _old_digest([("pack.yaml", meta), ("1-people.yaml", rules)])
    old_b = _old_digest([("pack.yaml", (other / "pack.yaml").read_bytes())])
    assert old_a == old_b  # the collision is real

    pack_a = packs.load_pack(project.pack)
    assert RED_LINE in {rule.id for rule in pack_a.rules}
    sources_b = packs._read_sources(other, [other / "pack.yaml"])
    assert packs.pack_digest(other, sources_b) != pack_a.sha256
    assert packcache.cache_key(packs.pack_digest(other, sources_b)) != packcache.cache_key(
        pack_a.sha256
    )
    # pack B is read for what it is (not a YAML text), never served pack A's entry
    with pytest.raises(InputError) as caught:
        packs.load_pack(other)
    assert caught.value.file is not None and "pack.yaml" in caught.value.file


def test_the_key_frames_every_part() -> None:
    assert packcache.frame("a\0b", "c") != packcache.frame("a", "b\0c")
    assert packcache.cache_key("x", "ab", "c") != packcache.cache_key("x", "a", "bc")
    assert packcache.cache_key("x") != packcache.cache_key("y")


def _replace_entry(project: Project, how: str, tmp_path: Path) -> Path:
    entry = the_entry(project)
    data = json.loads(entry.read_text("utf-8"))["body"]
    entry.unlink()
    if how == "fifo":
        os.mkfifo(entry)
    elif how == "symlink":
        # a well-sealed entry without rules, somewhere else: a link is never followed
        data["rules"] = []
        elsewhere = tmp_path / "elsewhere.json"
        elsewhere.write_text(packcache.sealed(data, data["key"]), "utf-8")
        entry.symlink_to(elsewhere)
    elif how == "device":
        entry.symlink_to("/dev/zero")
    elif how == "huge":
        with entry.open("wb") as handle:  # sparse: takes no room on the disk
            handle.truncate(2 * 1024 * 1024 * 1024)
    elif how == "folder":
        entry.mkdir()
    else:  # pragma: no cover
        raise AssertionError(how)
    return entry


@pytest.mark.parametrize("how", ["fifo", "symlink", "device", "huge", "folder"])
def test_an_entry_that_is_not_a_small_regular_file_is_never_read(
    project: Project, tmp_path: Path, how: str
) -> None:
    assert_red_line_reported(project)
    entry = _replace_entry(project, how, tmp_path)
    assert_red_line_reported(project)  # within the time limit: no hang on a pipe
    if how == "folder":
        assert entry.is_dir()  # cannot be replaced; only costs time
        return
    assert entry.is_file() and not entry.is_symlink(), "the entry was not rewritten"
    assert entry.stat().st_size < packcache.MAX_ENTRY_BYTES
    if how == "symlink":
        target = json.loads((tmp_path / "elsewhere.json").read_text("utf-8"))["body"]
        assert target["rules"] == []  # the link's target was not written through


def test_the_shipped_builtin_form_is_checked_like_a_cache_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ai_coc.rules.policy import builtin_pack_dir

    root = builtin_pack_dir()
    raw = (root / packcache.COMPILED_NAME).read_bytes()
    shipped = packcache.unsealed(raw)
    assert shipped["sha256"] == packs.pack_digest(root, packs._read_sources(root, _all_files(root)))
    assert packcache.dumps(shipped).encode() == raw  # sealed by the digest of its own body
    tampered = raw.replace(b'"rules": [', b'"rules": [], "was": [', 1)
    assert tampered != raw
    assert packcache.unsealed(tampered) is None


def _all_files(root: Path) -> list[Path]:
    files = [p for p in packs._pack_files(root) if p.name != "pack.yaml"]
    return [root / "pack.yaml", *files]
