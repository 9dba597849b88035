"""The real YAML language server with the manifest ``ai-coc init`` writes: offline, as in an editor.

``init`` writes the schema into the repository (``.ai-coc/ai-usage.schema.json``) and a
relative modeline; the server (started with the online schema store switched off) must find
it, complete keys and values inside a use without offering ``null``, explain a key on hover
and mark a misspelt key and a wrong value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result

from tests.clients.lsp import LanguageServer
from tests.conftest import EXAMPLES
from tests.gitutil import git


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "verein"
    root.mkdir()
    git(root, "init", "-q")
    return root


@pytest.fixture
def server(yaml_language_server: list[str], repo: Path) -> Iterator[LanguageServer]:
    ls = LanguageServer(yaml_language_server, repo)
    ls.start()
    yield ls
    ls.close()


def _init(run_cli: Callable[..., Result], target: Path, lang: str) -> list[str]:
    result = run_cli("init", "--no-input", "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.output
    return target.read_text("utf-8").splitlines()


def _line(lines: list[str], start: str, after: int = 0) -> int:
    return next(n for n, line in enumerate(lines) if n >= after and line.strip().startswith(start))


def _no_schema_trouble(diagnostics: list[dict[str, object]]) -> None:
    for d in diagnostics:
        assert "schema" not in str(d["message"]).lower(), d  # e.g. "Unable to load schema"


def test_completion_inside_a_use_offers_keys_and_choices_without_null(
    server: LanguageServer, repo: Path, run_cli: Callable[..., Result]
) -> None:
    target = repo / "apps" / "chat" / "ai-usage.yaml"
    target.parent.mkdir(parents=True)
    lines = _init(run_cli, target, "en")
    assert lines[0] == "# yaml-language-server: $schema=../../.ai-coc/ai-usage.schema.json"
    labour = _line(lines, "labour:", _line(lines, "uses:"))
    indent = len(lines[labour]) - len(lines[labour].lstrip()) + 2
    # a new, empty line inside `labour:` (where the keys of labour go) ...
    lines.insert(labour + 1, " " * indent)
    # ... and an empty status value to complete
    status = _line(lines, "status:", labour + 2)
    lines[status] = lines[status].split("status:")[0] + "status: "
    uri = server.open(target, "\n".join(lines) + "\n")
    _no_schema_trouble(server.diagnostics(uri))

    keys = server.completion(uri, labour + 1, indent)
    labels = {item["label"] for item in keys}
    # the server offers the keys of labour that the file does not have yet
    written = {
        line.strip().split(":")[0]
        for line in lines[labour + 1 : labour + 40]
        if line.startswith(" " * indent) and not line.startswith(" " * (indent + 1))
    }
    wanted = {"checked_on", "performed_by", "fair_pay", "worker_channel", "via", "regions"}
    assert wanted - written, written
    assert wanted - written <= labels
    assert "labor" not in labels
    for item in keys:
        inserted = str(item.get("insertText", "")) + str(item.get("textEdit", ""))
        assert "null" not in inserted, item

    values = [item["label"] for item in server.completion(uri, status, len(lines[status]))]
    assert values == ["known", "partial", "not_disclosed", "unknown", "not_applicable"]


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "human work behind the model"), ("de", "menschliche Arbeit hinter dem Modell")],
)
def test_hover_explains_a_key_in_the_language_of_init(
    server: LanguageServer,
    repo: Path,
    run_cli: Callable[..., Result],
    lang: str,
    words: str,
) -> None:
    target = repo / "ai-usage.yaml"
    lines = _init(run_cli, target, lang)
    assert lines[0] == "# yaml-language-server: $schema=.ai-coc/ai-usage.schema.json"
    uri = server.open(target)
    server.diagnostics(uri)
    labour = _line(lines, "labour:", _line(lines, "uses:"))
    text = server.hover(uri, labour, lines[labour].index("labour") + 2)
    assert words in text
    # a key with an example shows it
    tool = _line(lines, "tool:", _line(lines, "uses:"))
    assert "DeepL Pro" in server.hover(uri, tool, lines[tool].index("tool") + 1)


def test_diagnostics_for_a_misspelt_key_and_a_wrong_status(
    server: LanguageServer, repo: Path, run_cli: Callable[..., Result]
) -> None:
    _init(run_cli, repo / "draft.yaml", "en")  # writes .ai-coc/ai-usage.schema.json
    body = (EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml").read_text("utf-8")
    lines = ["# yaml-language-server: $schema=.ai-coc/ai-usage.schema.json", *body.splitlines()]
    target = repo / "ai-usage.yaml"
    target.write_text("\n".join(lines) + "\n", "utf-8")
    uri = server.open(target)
    assert server.diagnostics(uri) == []  # a complete manifest: nothing marked

    labour = _line(lines, "labour:", _line(lines, "uses:"))
    status = _line(lines, "status:", _line(lines, "uses:"))
    broken = list(lines)
    broken[labour] = broken[labour].replace("labour:", "labor:")
    broken[status] = broken[status].replace("status: active", "status: aktiv")
    server.notify(
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": "\n".join(broken) + "\n"}],
        },
    )
    found = server.diagnostics(uri)
    by_line = {d["range"]["start"]["line"]: d["message"] for d in found}
    assert set(by_line) == {labour, status}, found
    assert "labor" in by_line[labour] and "not allowed" in by_line[labour]
    assert "known" not in by_line[status]  # the status of the use, not of labour
    assert "active" in by_line[status] and "pilot" in by_line[status]
