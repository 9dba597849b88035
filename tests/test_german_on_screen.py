"""Issue 17: with ``--lang de`` nothing on screen is English, click's own texts and pydantic's
error messages included. Every command runs on the examples, and some error paths."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import Result

from ai_coc.cli import cli
from ai_coc.commands import helptext
from ai_coc.i18n import set_language, t
from ai_coc.rules.packs import load_policies

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

#: English that must not appear in German output
ENGLISH = [
    "Error:",
    "Usage:",
    "Aborted",
    "Try '",
    "Show this message",
    "missing",
    "invalid",
    "expected",
    "field required",
    "No such",
    "does not exist",
    "Input should",
    "is not one of",
    "[error]",
    "[warning]",
]


def _names() -> list[str]:
    """Rule names and IDs are identifiers, not English prose."""
    return sorted((r.name for r in load_policies().rules), key=len, reverse=True)


def _run(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AI_COC_", "LC_"))}
    env.update({"LANG": "C.UTF-8", "NO_COLOR": "1", "COLUMNS": "100"})
    return subprocess.run(
        [sys.executable, "-m", "ai_coc", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _english_in(text: str) -> list[str]:
    for name in _names():
        text = text.replace(name, "")
    # quoted manifest lines (`12 | key: value`) and command names are the user's own words
    text = "\n".join(line for line in text.splitlines() if not re.match(r"\s*\d+ \|", line))
    return [word for word in ENGLISH if word.lower() in text.lower()]


COMMANDS = [
    ("check", "examples"),
    ("check", "--format", "github", "examples/minimal"),
    ("check", "--format", "markdown", "examples/minimal"),
    ("check", "--format", "junit", "examples/minimal"),
    ("config",),
    ("rules",),
    ("rule", "COC101"),
    ("notice", "examples/beratungs-chatbot/ai-usage.yaml"),
    ("policy", "test", "examples/org-pack/src/ai_coc_example_redlines"),
]

ERRORS = [
    ("check", "--no-such-option"),
    ("check", "--format", "nonsense", "examples/minimal"),
    ("check", "--fail-on", "sometimes", "examples/minimal"),
    ("rule",),
    ("nosuchcommand",),
    ("check", "examples/does-not-exist.yaml"),
    ("check", "--baseline", "nowhere.json", "examples/minimal"),
    ("check", "--today", "yesterday", "examples/minimal"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_commands_speak_german(args: tuple[str, ...]) -> None:
    done = _run(*args, "--lang", "de")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert _english_in(done.stdout + done.stderr) == [], done.stdout + done.stderr


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a))
def test_errors_speak_german(args: tuple[str, ...]) -> None:
    done = (
        _run("--lang", "de", *args) if args[0] == "nosuchcommand" else _run(*args, "--lang", "de")
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "Fehler" in done.stderr
    assert _english_in(done.stdout + done.stderr) == [], done.stderr


def test_german_locale_without_flag() -> None:
    env_done = subprocess.run(
        [sys.executable, "-m", "ai_coc", "check", "--no-such-option"],
        env={**os.environ, "LANG": "de_DE.UTF-8", "LC_ALL": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Fehler: Die Option '--no-such-option' gibt es nicht." in env_done.stderr
    assert "Aufruf:" in env_done.stderr


@pytest.mark.parametrize(
    "config",
    [
        "fail_on: sometimes\n",
        "waiver_max_days: lots\n",
        "waiver_max_days: 0\n",
        "history: perhaps\n",
        "severity: [1, 2]\n",
        "docs_url: not a url\n",
    ],
)
def test_configuration_errors_speak_german(config: str, tmp_path: Path) -> None:
    path = tmp_path / ".ai-coc.yaml"
    path.write_text(config, encoding="utf-8")
    done = _run("check", "--config", str(path), "--lang", "de", "examples/minimal")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Ungültiger Wert" in done.stderr
    assert _english_in(done.stderr) == [], done.stderr
    assert not re.search(r"\b(should|must|valid|Input)\b", done.stderr), done.stderr


def test_init_aborted_in_german(tmp_path: Path) -> None:
    done = _run("init", "--lang", "de", cwd=tmp_path, stdin="")
    assert "Aborted" not in done.stdout + done.stderr


def test_every_pydantic_error_type_we_name_has_its_words_in_german() -> None:
    from ai_coc.i18n import table
    from ai_coc.read.pydantic_texts import SAME_AS, TABLE, pydantic_message

    texts = table(TABLE)
    assert set(SAME_AS.values()) <= set(texts)
    assert not set(SAME_AS) & set(texts)  # a type has its own text or shares one, not both
    for kind in [*texts, *SAME_AS]:
        error = {"type": kind, "ctx": {"expected": "'a' or 'b'", "min_length": 3}}
        english, german = pydantic_message(error, "en"), pydantic_message(error, "de")
        assert english == texts[SAME_AS.get(kind, kind)].format_map(
            {"expected": "'a' or 'b'", "min_length": 3, **dict.fromkeys(_FIELDS, "…")}
        )
        assert german != english and "{" not in german, kind
    assert "'a' oder 'b'" in pydantic_message(
        {"type": "enum", "ctx": {"expected": "'a' or 'b'"}}, "de"
    )
    unknown = {"type": "url_scheme"}  # a type without a text of ours
    assert pydantic_message(unknown, "en") == "the value is not valid (url_scheme)"
    assert pydantic_message(unknown, "de") != pydantic_message(unknown, "en")


_FIELDS = ("pattern", "max_length", "ge", "gt", "le", "lt", "tag", "expected_tags")
_FIELDS += ("discriminator", "error")


# --- the help of every command ---------------------------------------------------------------


def _tree() -> list[tuple[str, ...]]:
    """The path of every command of ai-coc, the group itself and every subcommand included:
    ``()``, ``("check",)``, …, ``("import", "hf-card")``."""
    paths: list[tuple[str, ...]] = []

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        paths.append(path)
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None, name
                walk(sub, (*path, name))

    walk(cli, ())
    return paths


TREE = _tree()

#: English words of the help texts that German help has no reason to contain (whole words,
#: in any case), checked once names, options, file names and values are taken out
HELP_ENGLISH = (
    "the", "and", "of", "to", "with", "from", "this", "that", "which", "is", "are", "be",
    "its", "or", "if", "not", "for", "on", "at", "by", "when", "only", "every", "each",
    "all", "any", "default", "file", "files", "folder", "write", "show", "print", "list",
    "use", "rule", "finding", "findings", "output", "language", "options", "usage",
    "commands", "arguments", "required", "env var", "existing", "replace",
)  # fmt: skip
_NAMES_IN_PROSE = ("Code of Conduct",)  # a name, in German too


def _english_in_help(text: str) -> list[str]:
    """The English in a help page: the words of :data:`HELP_ENGLISH` and of
    :data:`ENGLISH`, outside what stays English in German too (command lines in backticks,
    options, choices such as [text|json], file names, keys and the names of rules)."""
    found = ["e.g."] if "e.g." in text else []
    for name in (*_names(), *_NAMES_IN_PROSE):
        text = text.replace(name, "")
    text = re.sub(r"(?m)^  [a-z][\w-]*(?= {2})", " ", text)  # a group's list of commands
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\[[^\]\s]*\|[^\]]*\]", " ", text)  # [text|json|sarif]
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)  # --add-use, -o
    text = re.sub(r"\S*[./_=<>*:]\S*", " ", text)  # ai-usage.yaml, examples_today, FORMAT=FILE
    text = text.replace("ai-coc", " ")
    found += [w for w in HELP_ENGLISH if re.search(rf"\b{w}\b", text, re.IGNORECASE)]
    return found + [word for word in ENGLISH if word.lower() in text.lower()]


@pytest.fixture
def run_help(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., str]]:
    """``ai-coc ARGS`` in-process on a terminal 80 columns wide; its output (exit code 0)."""
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> str:
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        return result.output

    yield run
    set_language("en")


@pytest.mark.parametrize("path", TREE, ids=lambda p: " ".join(p) or "ai-coc")
def test_help_of_every_command_is_german(path: tuple[str, ...], run_help: Any) -> None:
    shown = " ".join(("ai-coc", *path))
    after = run_help(*path, "--help", "--lang", "de")
    before = run_help("--lang", "de", *path, "--help")
    assert after == before  # --lang before or after the command, before or after --help
    assert after.startswith(f"Aufruf: {shown} [OPTIONEN]"), after
    assert "\nOptionen:\n" in after
    assert "Diese Hilfe zeigen und beenden." in after
    assert _english_in_help(after.replace(shown, "ai-coc")) == [], after
    too_wide = [line for line in after.splitlines() if len(line) > 80]
    assert too_wide == [], too_wide


@pytest.mark.parametrize("path", TREE, ids=lambda p: " ".join(p) or "ai-coc")
def test_the_word_list_finds_the_english_help(path: tuple[str, ...], run_help: Any) -> None:
    """The check above is strong enough: it fails on each English help page, the texts of
    the command and of its options alike (as every page was in German before issue 17)."""
    english = run_help(*path, "--help", "--lang", "en")
    assert _english_in_help(english), english
    command = _command(path)
    assert command.help is not None
    assert _english_in_help(command.help), command.help
    for param in command.params:
        text = getattr(param, "help", None)
        if text and param.name != "lang":  # --lang's English help ends in German on purpose
            assert _english_in_help(text), text
    too_wide = [line for line in english.splitlines() if len(line) > 80]
    assert too_wide == [], too_wide


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(command), name)
        assert found is not None
        command = found
    return command


@pytest.mark.parametrize("path", TREE, ids=lambda p: " ".join(p) or "ai-coc")
def test_every_help_text_is_in_the_catalogue(path: tuple[str, ...]) -> None:
    """Each command, option and argument is made with ai_coc.commands.helptext (so its help
    is translated when shown), and each of its texts has a German translation."""
    command = _command(path)
    assert isinstance(command, (helptext.Command, helptext.Group)), command
    texts = [command.help, command.short_help, command.epilog, command.options_metavar]
    for param in command.params:
        assert isinstance(param, (helptext.Option, helptext.Argument)), (path, param.name)
        if isinstance(param, click.Argument):  # described in the command's help instead
            assert not getattr(param, "help", None), (path, param.name)
        texts.append(getattr(param, "help", None))
        takes_a_value = not (isinstance(param, click.Option) and param.is_flag)
        if takes_a_value and not isinstance(param.type, click.Choice):
            assert param.metavar, (path, param.name)  # e.g. FILE, DATEI in German
            texts.append(param.metavar)
    for text in filter(None, texts):
        assert text in _german_catalogue(), text
        assert _german_catalogue()[text], text
        if any(c.islower() for c in text):  # a sentence, not a metavar such as ID or FILE
            assert t(text, "de") != text, text


def _german_catalogue() -> dict[str, str]:
    from babel.messages.pofile import read_po

    if not _PO:
        path = ROOT / "src/ai_coc/locale/de/LC_MESSAGES/ai_coc.po"
        with path.open("rb") as handle:
            _PO.update({m.id: m.string for m in read_po(handle) if isinstance(m.id, str)})
    return _PO


_PO: dict[str, str] = {}


def test_help_names_the_constants_it_spells_out() -> None:
    """Two help texts spell out a constant (a msgid cannot be an f-string): they must say
    what the code does."""
    from ai_coc.commands.init import FORCE_INTERACTIVE_ENV, init
    from ai_coc.commands.schema import LOCAL_SCHEMA, schema

    helps = {p.name: getattr(p, "help", "") or "" for p in (*init.params, *schema.params)}
    assert f"{FORCE_INTERACTIVE_ENV}=1" in helps["interactive"]
    assert LOCAL_SCHEMA.as_posix() in helps["write_local"]


@pytest.mark.parametrize(
    ("env", "args"),
    [
        ({"LANG": "de_DE.UTF-8"}, ("check", "--help")),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "C.UTF-8"}, ("import", "hf-card", "--help")),
        ({"LANG": "de_DE.UTF-8"}, ("--help",)),
    ],
)
def test_a_german_locale_gives_german_help(env: dict[str, str], args: tuple[str, ...]) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("AI_COC_", "LC_", "LANG"))}
    done = subprocess.run(
        [sys.executable, "-m", "ai_coc", *args],
        env={**base, "COLUMNS": "80", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Aufruf: ai-coc"), done.stdout
    assert _english_in_help(done.stdout) == [], done.stdout


def test_english_help_stays_english(run_help: Any) -> None:
    page = run_help("check", "--help", "--lang", "en")
    assert page.startswith("Usage: ai-coc check [OPTIONS] [PATHS]...")
    assert "  -o, --output FORMAT=FILE " in page
    assert "Options:" in page and "Aufruf" not in page


def test_the_language_before_the_command_is_the_commands_language(run_cli: Any) -> None:
    german = run_cli("--lang", "de", "rule", "COC101")
    assert "Prinzip: 1 Abwägung der Nutzung" in german.output
    own = run_cli("--lang", "de", "rule", "COC101", "--lang", "en")  # the command's own wins
    assert "Principle: 1" in own.output
    version = run_cli("--lang", "de", "--version")
    assert version.output.startswith("ai-coc, Version ")
    set_language("en")


def test_a_german_usage_error_names_the_german_metavar(run_cli: Any) -> None:
    result = run_cli("rule", "--lang", "de")
    assert result.exit_code == 2
    assert "Aufruf: ai-coc rule [OPTIONEN] ID_ODER_NAME" in result.output
    assert "'ID_ODER_NAME'" in result.output
    set_language("en")
