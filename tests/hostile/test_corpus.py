"""Hostile manifests: every one ends with exit 0, 1 or 2 and a readable message.

The small files live in ``corpus/``; the big ones (a 50 MB file, 10,000 levels of
nesting, a line of almost 2 MB) are made in a temporary folder at test time.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from ai_coc.files import MAX_FILE_BYTES
from ai_coc.read.yaml import MAX_DEPTH, MAX_NODES
from tests.conftest import EXAMPLES
from tests.hostile.helpers import BACKENDS, assert_handled, run_ai_coc

CORPUS = Path(__file__).parent / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))
HEAD = "manifest: ai-coc/v1\nproject:\n  name: test\n  organisation: Verein e.V.\n"


def test_the_corpus_is_there() -> None:
    assert len(CORPUS_FILES) >= 50


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_file_is_handled(
    path: Path,
    backend: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., Result],
) -> None:
    # in-process (fast) through the real entry point; exit 3 would be a bug
    monkeypatch.setenv("AI_COC_YAML", "ruamel" if backend == "ruamel" else "")
    # a copy inside a git repository of its own, so that paths outside it are outside
    (tmp_path / ".git").mkdir()
    target = tmp_path / "ai-usage.yaml"
    shutil.copyfile(path, target)
    monkeypatch.chdir(tmp_path)
    for output_format in ("text", "json"):
        result = run_cli("check", str(target), "--format", output_format, "--today", "2026-11-21")
        output = result.output
        assert result.exit_code in (0, 1, 2), output[-2000:]
        assert "Traceback" not in output and "internal error" not in output, output[-2000:]
        assert output.strip()
        if output_format == "json" and result.exit_code in (0, 1):
            json.loads(result.stdout)


def test_corpus_files_in_a_real_process(tmp_path: Path) -> None:
    """A few of them once more as a real process (stdout encoding, exit codes)."""
    for name in ("alias-bomb.yaml", "surrogates-in-values.yaml", "utf16-le-bom.yaml"):
        outcome = run_ai_coc(str(CORPUS / name), "--format", "json", cwd=tmp_path)
        assert_handled(outcome)


def test_corpus_dangerous_ones_are_refused(tmp_path: Path) -> None:
    """The files meant to break the parser are refused with exit 2 and the reason."""
    expected = {
        "alias-bomb.yaml": f"{MAX_NODES:,}",
        "deep-flow-300.yaml": str(MAX_DEPTH),
        "python-object.yaml": "!!python/object/apply:os.system",
        "python-name.yaml": "!!python/name:os.system",
        "binary.yaml": "binary",
        "multi-doc.yaml": "more than one YAML document",
        "duplicate-keys.yaml": "appears twice",
        "set-omap.yaml": "!!omap",
        "key-int.yaml": "is not text",
        "tabs.yaml": "invalid YAML",
        "huge-int.yaml": "invalid YAML",
        "surrogate-key.yaml": "stands for no character",
    }
    for name, needle in expected.items():
        for backend in BACKENDS:
            outcome = run_ai_coc(str(CORPUS / name), backend=backend, cwd=tmp_path)
            assert outcome.code == 2, (name, backend, outcome.output)
            assert needle in outcome.stderr, (name, backend, outcome.stderr)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be-bom", "utf-32"])
def test_byte_order_marks_are_read(encoding: str, tmp_path: Path) -> None:
    text = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    target = tmp_path / "ai-usage.yaml"
    target.write_bytes(data)
    plain = tmp_path / "plain" / "ai-usage.yaml"
    plain.parent.mkdir()
    plain.write_text(text, encoding="utf-8")
    got = run_ai_coc(str(target), "--format", "json")
    want = run_ai_coc(str(plain), "--format", "json")
    assert got.code == want.code == 1
    assert got.stdout.replace("plain/", "") == want.stdout.replace("plain/", "")


# --- big inputs, made at test time ----------------------------------------------------------


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    with target.open("wb") as handle:
        handle.write(HEAD.encode())
        chunk = b"# " + b"x" * 1021 + b"\n"
        for _ in range(50 * 1024):
            handle.write(chunk)
    outcome = run_ai_coc(str(target))
    assert outcome.code == 2
    assert f"at most {MAX_FILE_BYTES}" in outcome.stderr


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "shape",
    ["flow-list", "flow-map", "block-list", "block-list-under-key", "complex-keys"],
)
def test_10000_levels_of_nesting(shape: str, backend: str, tmp_path: Path) -> None:
    depth = 10_000
    body = {
        "flow-list": "uses: " + "[" * depth + "]" * depth,
        "flow-map": "uses: " + "{a: " * depth + "x" + "}" * depth,
        "block-list": "- " * depth + "x",
        "block-list-under-key": "uses:\n" + "- " * depth + "x",
        "complex-keys": "? " * depth + "x",
    }[shape]
    target = tmp_path / "ai-usage.yaml"
    target.write_text(HEAD + body + "\n", encoding="utf-8")
    outcome = run_ai_coc(str(target), backend=backend)
    assert_handled(outcome)
    assert outcome.code == 2


def test_100000_levels_of_block_nesting_do_not_crash_the_c_parser(tmp_path: Path) -> None:
    # libyaml's composer recursion crashes the process on this; ai-coc must not hand it over.
    target = tmp_path / "ai-usage.yaml"
    target.write_text(HEAD + "uses:\n" + "- " * 100_000 + "x\n", encoding="utf-8")
    outcome = run_ai_coc(str(target))
    assert outcome.code == 2, outcome.output[-500:]


@pytest.mark.parametrize("backend", BACKENDS)
def test_extremely_long_lines(backend: str, tmp_path: Path) -> None:
    long_text = "Begründung " * 150_000  # ~1.6 MB on one line
    target = tmp_path / "ai-usage.yaml"
    target.write_text(
        HEAD
        + "uses:\n  - id: a\n    name: a\n    status: active\n    categories: [text-drafting]\n"
        + f"    purpose: {long_text}\n",
        encoding="utf-8",
    )
    outcome = run_ai_coc(str(target), backend=backend)
    assert_handled(outcome)
    assert outcome.code == 1
    assert len(outcome.output) < 100_000  # a finding does not echo the whole line


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_extremely_long_key(backend: str, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    target.write_text(HEAD + "k" * 100_000 + ": x\n", encoding="utf-8")
    outcome = run_ai_coc(str(target), backend=backend)
    assert_handled(outcome)
    assert outcome.code == 2  # YAML allows at most 1024 characters in a plain key
    assert len(outcome.output) < 5_000


# --- files that are not files, and paths leading elsewhere -----------------------------------


def test_a_fifo_does_not_hang(tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    os.mkfifo(target)
    outcome = run_ai_coc(str(target))
    assert outcome.code == 2
    assert "not a regular file" in outcome.stderr


def test_a_symlink_loop(tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    target.symlink_to(tmp_path / "other.yaml")
    (tmp_path / "other.yaml").symlink_to(target)
    outcome = run_ai_coc(str(target))
    assert_handled(outcome)
    assert outcome.code == 2


def test_a_dangling_symlink(tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    target.symlink_to(tmp_path / "nowhere.yaml")
    outcome = run_ai_coc(str(target))
    assert outcome.code == 2
    assert "not found" in outcome.stderr


def test_a_folder_named_like_a_manifest(tmp_path: Path) -> None:
    (tmp_path / "repo" / "ai-usage.yaml").mkdir(parents=True)
    outcome = run_ai_coc(str(tmp_path / "repo" / "ai-usage.yaml"))
    assert_handled(outcome)
    assert outcome.code == 2


def test_an_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads everything")
    target = tmp_path / "ai-usage.yaml"
    target.write_text(HEAD, encoding="utf-8")
    target.chmod(0)
    outcome = run_ai_coc(str(target))
    assert outcome.code == 2


def _notice_manifest(notice: str) -> str:
    return HEAD + f"transparency:\n  notice: {notice}\n"


@pytest.mark.parametrize(
    "notice",
    [
        "../outside.md",
        "../../../../../../../etc/passwd",
        "/etc/passwd",
        "link-out.md",
        "link-dir/outside.md",
    ],
)
def test_notice_paths_leading_out_of_the_repository_do_not_count(
    notice: str, tmp_path: Path
) -> None:
    """``path_exists`` only accepts notices inside the repository, even through symlinks."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (tmp_path / "outside.md").write_text("KI-Hinweis\n", encoding="utf-8")
    (repo / "link-out.md").symlink_to(tmp_path / "outside.md")
    (repo / "link-dir").symlink_to(tmp_path)
    (repo / "inside.md").write_text("KI-Hinweis\n", encoding="utf-8")
    manifest = repo / "ai-usage.yaml"

    from ai_coc.read.yaml import load_document
    from ai_coc.run.check import environment_for

    manifest.write_text(_notice_manifest(notice), encoding="utf-8")
    env = environment_for(load_document(manifest))
    assert env.path_exists(notice) is False
    assert env.path_exists("inside.md") is True

    outcome = run_ai_coc(str(manifest), "--format", "json", cwd=repo)
    assert_handled(outcome)


def _plain_rule(base: Path, limit: Path, relative: str) -> bool:
    """The rule ``path_exists`` follows, written with pathlib: resolved, inside, a file."""
    try:
        target = (base / relative).resolve()
        if target != limit and limit not in target.parents:
            return False
        return target.is_file()
    except (OSError, ValueError, RuntimeError):
        return False


def test_notice_paths_follow_the_plain_rule(tmp_path: Path) -> None:
    """``path_exists`` works with strings (it runs for every manifest of a scan); it says
    what the plain rule with pathlib says of every kind of name."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "docs").mkdir()
    (repo / "docs" / "hinweis.md").write_text("KI-Hinweis\n", encoding="utf-8")
    (tmp_path / "repo-sibling.md").write_text("x\n", encoding="utf-8")
    (tmp_path / "outside.md").write_text("x\n", encoding="utf-8")
    (repo / "loop").symlink_to(repo / "loop")
    (repo / "to-docs").symlink_to(repo / "docs")
    (repo / "out").symlink_to(tmp_path)
    manifest = repo / "sub" / "ai-usage.yaml"
    manifest.parent.mkdir()
    manifest.write_text(_notice_manifest('"x.md"'), encoding="utf-8")

    from ai_coc.read.yaml import load_document
    from ai_coc.run.check import environment_for

    doc = load_document(manifest)
    env = environment_for(doc)
    names = [
        "",
        ".",
        "..",
        "../docs/hinweis.md",
        "../docs/",
        "../docs",
        "../to-docs/hinweis.md",
        "../../repo-sibling.md",
        "../../repo/docs/hinweis.md",
        "../out/outside.md",
        "../out/repo/docs/hinweis.md",
        str(repo / "docs" / "hinweis.md"),
        "/etc/passwd",
        "../loop/x.md",
        "../docs/hinweis.md/",
        "../docs//hinweis.md",
        "../docs/./hinweis.md",
        "../docs/nope.md",
        "../docs/hinweis.md\0",
        "../" + "9" * 5000,
    ]
    assert doc.base_dir is not None
    for name in names:
        assert env.path_exists(name) is _plain_rule(doc.base_dir, repo.resolve(), name), name
    assert env.path_exists("../docs/hinweis.md") is True  # the rule does accept something


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    "notice",
    ['"docs/' + "9" * 5000 + '/ki-hinweis.md"', '"docs/ki\\0hinweis.md"', '"loop/ki.md"'],
    ids=["name-too-long", "nul-byte", "symlink-loop"],
)
def test_impossible_notice_paths_are_just_missing(
    backend: str, notice: str, tmp_path: Path
) -> None:
    """Found by a fuzz run: a notice path the file system cannot even look up is a finding
    (COC305, the notice is missing), not an internal error."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "loop").symlink_to(repo / "loop")
    manifest = repo / "ai-usage.yaml"
    manifest.write_text(
        _notice_manifest(notice)
        + "uses:\n  - id: chat\n    status: active\n    categories: [chatbot]\n",
        encoding="utf-8",
    )
    outcome = run_ai_coc(str(manifest), "--format", "json", backend=backend, cwd=repo)
    assert_handled(outcome)
    assert outcome.code == 1
    ids = {f["id"] for f in json.loads(outcome.output)["findings"]}
    assert "COC305" in ids
