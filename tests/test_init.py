"""``ai-coc init``: the questions, the commented manifest, --no-input, --force, --add-use."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from ai_coc.author import scaffold
from ai_coc.read.yaml import load_document, parse_document
from tests.conftest import EXAMPLES, TODAY

RunCli = Callable[..., Result]


#: The rules the interview asks about: weighing and non-use, labour, provenance, labels and
#: the review date. The other principles (people, participation, ...) are left for the user
#: to fill in, and the rest of the pack reports them; these tests look at what was asked.
ASKED = frozenset(
    {"COC101", "COC102", "COC103", "COC104", "COC105", "COC201", "COC202"}
    | {"COC206", "COC207", "COC209", "COC210"}
    | {"COC301", "COC302", "COC303", "COC304", "COC601"}
)


def rule_ids(run_cli: RunCli, path: Path) -> set[str]:
    result = run_cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    found = {f["id"] for f in json.loads(result.output)["findings"]}
    return {i for i in found if i.startswith("COC0") or i in ASKED}


def all_findings(run_cli: RunCli, path: Path) -> list[dict[str, str]]:
    result = run_cli("check", str(path), "--today", TODAY.isoformat(), "--format", "json")
    assert result.exit_code in (0, 1), result.output
    findings: list[dict[str, str]] = json.loads(result.output)["findings"]
    return findings


#: Every question of `ai-coc init` for a public, proofread translation (an indirect use), in
#: the order they are asked. Questions only asked of direct uses are marked below.
ANSWERS: dict[str, str] = {
    "organisation": "Beispielverein e.V.",
    "project": "",  # keep the default (folder name)
    "description": "Beratung für Mieterinnen und Mieter in der Südstadt",
    "role": "Geschäftsführung",
    "email": "gf@beispielverein.example",
    "feedback": "mailto:ki-feedback@beispielverein.example",
    "notice": "",  # default docs/ki-hinweis.md / docs/ai-notice.md
    "ai_used": "y",
    "tool": "DeepL Pro",
    "provider": "DeepL SE",
    "name": "Newsletter translation",
    "purpose": "Offer the monthly newsletter in four languages on the day it appears",
    "status": "active",
    "categories": "translation",
    "audience": "public",
    "interaction": "",  # default for a translation: indirect
    "approach": "",  # default: learned
    "benefits": "Newcomers read dates and offers in their own language on time",
    "risks": "Readers who cannot spot a wrong translation may miss an appointment",
    "barriers": "People who cannot read at all; dates are also announced aloud at the café",
    "non_ai": "Our weekly open hour with interpreters stays, the German text stays online",
    "non_use": "Volunteer translations arrived weeks late and shut people out of our offers",
    "alternative": "Translation by volunteers only, as before",
    "alternative_ai": "n",
    "alternative_why": "It took two to four weeks for each issue of the newsletter",
    "involved": "Editorial team and nine volunteer proof-readers, works council informed",
    "workforce": "relief",
    "freed_time": "The volunteer translators now run a monthly language café",
    "affects": "y",
    "decides": "n",
    "bias": "A native speaker reads every translation and looks for cold or stereotyping words",
    "group": "Newcomers who read little German",
    "vulnerable": "y",
    "harm": "A wrong date means they miss help they need",
    "likelihood": "medium",
    "severity": "medium",
    "mitigation": "Dates and addresses are checked against the German text before sending",
    "consulted": "Readers at the language café rated sample translations in September",
    "oversight": "always",  # direct uses only
    "incident": "Readers report mistakes by e-mail; we correct within two days",  # direct only
    "prov_status": "partial",
    "prov_source": "https://provider.example/how-the-model-learns",
    "prov_requested": "2026-09-02",
    "prov_why": "The provider names licensed parallel texts only in general; we translate "
    "nothing but our own texts, so we accept the use for now",
    "lab_status": "not_disclosed",
    "lab_source": "",
    "lab_requested": "2026-09-02",
    "lab_why": "Our question about annotation work was refused as a trade secret; a provider "
    "under EU labour law is the smaller risk for us and we ask again each year",
    "performed_by": "unknown",
    "fair_pay": "unknown",
    "pay": "",
    "harmful": "unknown",
    "support": "unknown",
    "worker_channel": "No channel for the data workers is known; we asked the provider for one",
    "kind": "translation",
    "share": "full",
    "public": "y",
    "label": "Machine translated, checked by volunteers",
    "intensity": "low",
    "trained": "y",
    "owner": "Head of communications",
    "last_evaluated": "2026-10-15",
    "effects": "Invitations now arrive a week before the event instead of after it",
    "guidance": "https://beispielverein.example/intern/ki-leitlinie",
    "last_training": "2026-09-20",
    "reviewers": "Board, editorial team",
    "next_review": "",  # default: in six months
}
DIRECT_ONLY = ("oversight", "incident")
#: The answers about the use itself (for --add-use).
USE_KEYS = list(ANSWERS)[8 : list(ANSWERS).index("guidance")]


def answers(*, direct: bool = False, only: list[str] | None = None, **overrides: str) -> str:
    """Terminal input for every question of `ai-coc init`, in order."""
    values = dict(ANSWERS)
    values.update(overrides)
    if not direct:
        for key in DIRECT_ONLY:
            values.pop(key)
    keys = [k for k in values if only is None or k in only]
    return "\n".join(values[k] for k in keys) + "\n"


def run_init(run_cli: RunCli, tmp_path: Path, text: str, *extra: str) -> tuple[Result, Path]:
    target = tmp_path / "ai-usage.yaml"
    result = run_cli(
        "init", "--interactive", "-o", str(target), "--today", TODAY.isoformat(), *extra, input=text
    )
    return result, target


def test_questions_answered_with_real_text_leave_no_labour_or_provenance_gap(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result, target = run_init(run_cli, tmp_path, answers(), "--lang", "en")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    doc = load_document(target)
    use = doc.data["uses"][0]
    assert use["id"] == "newsletter-translation"
    assert use["labour"]["status"] == "not_disclosed"
    assert use["labour"]["requested_on"] == dt.date(2026, 9, 2)
    assert use["outputs"][0] == {
        "kind": "translation",
        "ai_share": "full",
        "public": True,
        "labelled": True,
        "label": "Machine translated, checked by volunteers",
    }
    assert doc.data["review"]["next_review_due"] == dt.date(2027, 5, 21)
    assert doc.data["contacts"]["feedback"] == "mailto:ki-feedback@beispielverein.example"
    # comments are there, in English, and the modeline is the first line
    assert text.splitlines()[0] == scaffold.MODELINE_PREFIX + ".ai-coc/ai-usage.schema.json"
    assert "# The human work behind the model" in text
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) > 30
    # every answer filled: nothing of labour/provenance/non-use remains
    assert rule_ids(run_cli, target) == set()


def test_dont_know_as_labour_justification_leaves_exactly_coc202(
    run_cli: RunCli, tmp_path: Path
) -> None:
    result, target = run_init(
        run_cli, tmp_path, answers(lab_status="weiß nicht", lab_why="weiß nicht"), "--lang", "de"
    )
    assert result.exit_code == 0, result.output
    data = load_document(target).data
    assert data["uses"][0]["labour"]["status"] == "unknown"
    assert "# Die menschliche Arbeit hinter dem Modell" in target.read_text(encoding="utf-8")
    assert rule_ids(run_cli, target) == {"COC202"}


def test_skipped_questions_mean_unknown_and_leave_the_justification_gaps(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = answers(
        prov_status="",
        prov_source="",
        prov_requested="",
        prov_why="",
        lab_status="",
        lab_source="",
        lab_requested="",
        lab_why="",
        non_use="",
    )
    result, target = run_init(run_cli, tmp_path, text, "--lang", "en")
    assert result.exit_code == 0, result.output
    use = load_document(target).data["uses"][0]
    # Enter on a status question takes the default: unknown, which then needs a reason
    assert use["labour"]["status"] == use["provenance"]["status"] == "unknown"
    assert rule_ids(run_cli, target) == {"COC101", "COC202", "COC302"}


def test_unlabelled_public_translation_is_reported(run_cli: RunCli, tmp_path: Path) -> None:
    result, target = run_init(run_cli, tmp_path, answers(label=""), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert load_document(target).data["uses"][0]["outputs"][0]["labelled"] is False
    assert rule_ids(run_cli, target) == {"COC303"}


def test_invalid_choice_and_date_are_asked_again(run_cli: RunCli, tmp_path: Path) -> None:
    text = answers(status="sometimes\nactive", categories="magic, translation\ntranslation")
    result, target = run_init(run_cli, tmp_path, text, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Please answer with one of: proposed, pilot, active" in result.output
    assert "Unknown: magic" in result.output
    use = load_document(target).data["uses"][0]
    assert use["status"] == "active"
    assert use["categories"] == ["translation"]


def test_deliberate_non_use(run_cli: RunCli, tmp_path: Path) -> None:
    text = "\n".join(
        [
            "Jugendwerkstatt Kiezwerk e.V.",
            "",
            "Förderanträge und Beratung",
            "Geschäftsführung",
            "gf@kiezwerk.example",
            "mitreden@kiezwerk.example",
            "",
            "n",
            "Schreiben von Förderanträgen",
            "Ein allgemeiner Chat-Assistent",
            "Unsere Anträge leben von den Worten der Jugendlichen selbst, nicht von "
            "generierter Standardsprache",
            "Teamversammlung",
            "Geschäftsführung, Jugendbeirat",
            "2027-06-01",
        ]
    )
    result, target = run_init(run_cli, tmp_path, text + "\n", "--lang", "de")
    assert result.exit_code == 0, result.output
    data = load_document(target).data
    assert data["ai_used"] is False
    assert data["uses"] == []
    assert data["non_uses"][0]["area"] == "Schreiben von Förderanträgen"
    assert data["non_uses"][0]["decided_on"] == TODAY
    assert data["non_uses"][0]["revisit_on"] == dt.date(2027, 6, 1)
    assert rule_ids(run_cli, target) == set()


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("flag", ["--no-input", None])
def test_skeleton_parses_with_comments_and_check_explains_the_gaps(
    run_cli: RunCli, tmp_path: Path, lang: str, flag: str | None
) -> None:
    # without --no-input, input that is not a terminal also gives the skeleton
    target = tmp_path / "ai-usage.yaml"
    args = ["init", "-o", str(target), "--lang", lang, "--today", TODAY.isoformat()]
    result = run_cli(*args, *([flag] if flag else []))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith(scaffold.MODELINE_PREFIX)
    marker = "# Format of this file." if lang == "en" else "# Format dieser Datei."
    assert marker in text
    ids = rule_ids(run_cli, target)
    assert not any(i.startswith("COC0") for i in ids)
    assert ids == {"COC101", "COC201", "COC301"}


def test_never_overwrites_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    target.write_text("# my own notes\nmanifest: ai-coc/v1\n", encoding="utf-8")
    result = run_cli("init", "--no-input", "-o", str(target), "--lang", "en")
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert "--force" in result.output
    assert target.read_text(encoding="utf-8") == "# my own notes\nmanifest: ai-coc/v1\n"
    result = run_cli("init", "--no-input", "--force", "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(scaffold.MODELINE_PREFIX)


def test_interrupted_write_leaves_the_old_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "ai-usage.yaml"
    original = "# handwritten\nmanifest: ai-coc/v1\nproject: {name: x, organisation: y}\n"
    target.write_text(original, encoding="utf-8")

    def failing_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = run_cli("init", "--no-input", "--force", "-o", str(target), "--lang", "en")
    assert result.exit_code == 2, result.output
    assert "cannot write the file: No space left on device" in result.output
    assert target.read_text(encoding="utf-8") == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ai-usage.yaml"]


def test_missing_folder_is_an_input_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--no-input", "-o", str(tmp_path / "nope" / "ai-usage.yaml"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


ADDABLE = sorted(
    p.parent.name
    for p in EXAMPLES.glob("*/ai-usage.yaml")
    if load_document(p).data.get("ai_used") is not False
)


def _only_insertions(before: str, after: str) -> list[str]:
    """The lines added; fails if any original line was changed, dropped or moved."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(), b=after.splitlines(), autojunk=False)
    added: list[str] = []
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), (tag, _i1, _i2)
        if tag == "insert":
            added.extend(after.splitlines()[j1:j2])
    return added


@pytest.mark.parametrize("example", ADDABLE)
def test_add_use_keeps_every_line_comment_and_key_order(
    run_cli: RunCli, tmp_path: Path, example: str
) -> None:
    target = tmp_path / "ai-usage.yaml"
    shutil.copy(EXAMPLES / example / "ai-usage.yaml", target)
    before = target.read_text(encoding="utf-8")
    result = run_cli(
        "init", "--add-use", "--no-input", "-o", str(target), "--today", TODAY.isoformat()
    )
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    # every original line (comments included) is still there, unchanged and in order
    added = _only_insertions(before, after)
    old = parse_document(before, "before").data
    new = parse_document(after, "after").data
    assert list(new) == list(old)
    assert new["uses"][:-1] == old["uses"]
    assert new["uses"][-1]["id"] == "my-ai-use"
    # the inserted block is one contiguous run of lines
    start = after.splitlines().index(added[0])
    assert after.splitlines()[start : start + len(added)] == added
    assert not any(i.startswith("COC0") for i in rule_ids(run_cli, target))


def test_add_use_interactive_and_twice_gives_unique_ids(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    shutil.copy(EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml", target)
    text = answers(only=USE_KEYS)  # only the questions about the use
    for _ in range(2):
        result = run_cli(
            "init",
            "--add-use",
            "--interactive",
            "-o",
            str(target),
            "--lang",
            "de",
            "--today",
            TODAY.isoformat(),
            input=text,
        )
        assert result.exit_code == 0, result.output
    data = load_document(target).data
    assert [u["id"] for u in data["uses"]] == [
        "newsletter-translation",
        "newsletter-translation-2",
        "newsletter-translation-3",
    ]
    assert data["uses"][1]["labour"]["status"] == "not_disclosed"
    assert "# Hinzugefügt mit `ai-coc init --add-use` am 2026-11-21." in target.read_text(
        encoding="utf-8"
    )


def test_add_use_refuses_a_no_ai_manifest(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    shutil.copy(EXAMPLES / "kein-ki-einsatz" / "ai-usage.yaml", target)
    before = target.read_bytes()
    result = run_cli("init", "--add-use", "--no-input", "-o", str(target), "--lang", "en")
    assert result.exit_code == 2
    assert "ai_used: false" in result.output
    assert target.read_bytes() == before


def test_add_use_to_a_missing_file_is_an_input_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("init", "--add-use", "--no-input", "-o", str(tmp_path / "ai-usage.yaml"))
    assert result.exit_code == 2
    assert "file not found" in result.output


def test_add_use_with_other_list_indentation(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "ai-usage.yaml"
    before = (
        "# compact lists\n"
        "manifest: ai-coc/v1\n"
        "project:\n"
        "  name: p  # inline comment\n"
        "  organisation: o\n"
        "uses:\n"
        "- id: first\n"
        "  status: proposed\n"
        "# trailing comment\n"
    )
    target.write_text(before, encoding="utf-8")
    result = run_cli("init", "--add-use", "--no-input", "-o", str(target), "--lang", "en")
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    _only_insertions(before, after)
    assert [u["id"] for u in parse_document(after, "x").data["uses"]] == ["first", "my-ai-use"]
    # the new use follows the file's layout: comments line up with the keys below them
    assert "\n- id: my-ai-use\n  name:\n  # proposed, pilot" in after


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=0, max_size=120),
    st.text(min_size=1, max_size=40),
)
def test_any_answer_is_written_so_that_it_reads_back(purpose: str, org: str) -> None:
    tree = scaffold.manifest_tree(
        {
            "project.organisation": org,
            "use": {"name": purpose, "purpose": purpose, "labour.justification": purpose},
        },
        "en",
        TODAY,
    )
    # render() parses its own output and compares it with the data it meant to write
    scaffold.render(tree)


@pytest.mark.parametrize(
    "value",
    ["yes", "No", "null", "trailing ", " leading", "a  b", "~", "- x", "a: b", "a #b", "'q'",
     '"q"', "@x", "123", "2026-01-01", "x" * 200 + ": y", "[a]", "{a}", "!tag", "&anchor",
     "*alias", "%x", "`x`", "| x", "> x"],
)  # fmt: skip
def test_tricky_scalars(value: str) -> None:
    doc = parse_document(f"key: {scaffold.scalar(value)}\n", "x")
    assert doc.data["key"] == value


def test_input_ending_early_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    result, target = run_init(run_cli, tmp_path, "Beispielverein e.V.\n", "--lang", "en")
    assert result.exit_code == 130
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_commands_are_listed_in_help(run_cli: RunCli) -> None:
    result = run_cli("--help")
    for name in ("init", "notice", "schema"):
        assert f"  {name}" in result.output


def _run_in_terminal(args: list[str], cwd: Path, text: str) -> tuple[int, str]:
    """Run ai-coc with a real pseudo-terminal as its input and output."""
    import subprocess
    import sys
    import threading

    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1", "AI_COC_FORCE_INTERACTIVE": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "ai_coc", *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=cwd,
        env=env,
        close_fds=True,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    for line in text.splitlines(keepends=True):
        os.write(master, line.encode())
    code = proc.wait(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_a_real_terminal_gets_the_questions(tmp_path: Path) -> None:
    code, output = _run_in_terminal(
        ["init", "--lang", "en", "--today", TODAY.isoformat()], tmp_path, answers()
    )
    assert code == 0, output
    assert "What do you know about the human labour behind the model" in output
    data = load_document(tmp_path / "ai-usage.yaml").data
    assert data["uses"][0]["labour"]["status"] == "not_disclosed"


def test_without_a_terminal_the_skeleton_is_written(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "AI_COC_FORCE_INTERACTIVE"}
    proc = subprocess.run(
        [sys.executable, "-m", "ai_coc", "init", "--lang", "de"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Name Ihrer Organisation" not in proc.stdout  # no question was asked
    data = load_document(tmp_path / "ai-usage.yaml").data
    assert data["uses"][0]["id"] == "mein-ki-einsatz"


# --- issue 14: adding a use costs one reading of the file ----------------------------------

_ADD_HEAD = "manifest: ai-coc/v1\nproject:\n  name: gross\n  organisation: Verein e.V.\nuses:\n"
_ADD_USE = "  - id: u1\n    name: Einsatz\n"
_ADD_VARIANTS = {
    "end of file": _ADD_HEAD + _ADD_USE,
    "blank lines at the end": _ADD_HEAD + _ADD_USE + "\n\n",
    "comment before the next key": _ADD_HEAD + _ADD_USE + "# Ende\nreview:\n  x: 1\n",
    "blank lines and a comment": _ADD_HEAD + _ADD_USE + "\n# Ende\n\nreview:\n  x: 1\n",
    "indented comment": _ADD_HEAD + _ADD_USE + "  # mehr\nreview:\n  x: 1\n",
    "comment at the end": _ADD_HEAD + _ADD_USE + "# zu\n",
}


@pytest.mark.parametrize(
    "original",
    [
        *_ADD_VARIANTS.values(),
        *(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*/ai-usage.yaml"))),
    ],
)
def test_adding_as_text_writes_what_the_round_trip_writes(
    original: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new use is written after the list as text (linear in the file); the result is
    the same as ruamel.yaml's round trip, the slower way kept for unusual layouts."""
    from ai_coc.author import scaffold
    from ai_coc.errors import InputError

    answers = {"name": "Neue Übersetzung", "status": "pilot"}
    calls: list[bool] = []
    real = scaffold._append_use

    def spy(*args: Any) -> Any:
        result = real(*args)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(scaffold, "_append_use", spy)
    try:
        fast = scaffold.add_use(original, answers, "de", TODAY)
    except InputError as exc:  # e.g. `ai_used: false`: both ways refuse
        fast = None
        message = str(exc)
    monkeypatch.setattr(scaffold, "_append_use", lambda *_a: None)
    if fast is None:
        with pytest.raises(InputError) as caught:
            scaffold.add_use(original, answers, "de", TODAY)
        assert str(caught.value) == message
        return
    assert calls == [True]
    assert scaffold.add_use(original, answers, "de", TODAY) == fast


def test_adding_to_a_long_manifest_keeps_every_line() -> None:
    from ai_coc.author import scaffold

    original = _ADD_HEAD + "".join(f"  - id: u{i}\n    name: Einsatz {i}\n" for i in range(8000))
    result, use_id = scaffold.add_use(original, {"name": "Neu"}, "de", TODAY)
    assert use_id == "neu"
    assert result.startswith(original)
    assert "  - id: neu\n" in result[len(original) :]


# --- issue 16: `init` covers `check` -------------------------------------------------------

#: A public counselling chatbot (a direct use), answered in German with j/ja/nein.
CHATBOT_DE: dict[str, str] = {
    **ANSWERS,
    "organisation": "Sozialwerk Lindenau e.V.",
    "description": "Beratung für Menschen in sozialen Notlagen",
    "email": "gf@sozialwerk-lindenau.example",
    "feedback": "https://sozialwerk-lindenau.example/ki-rueckmeldung",
    "notice": "https://sozialwerk-lindenau.example/ki-hinweis",
    "ai_used": "ja",
    "tool": "Lindi",
    "provider": "Hostsinn eG",
    "name": "Beratungs-Chatbot auf der Website",
    "purpose": "Ratsuchende bekommen abends und am Wochenende eine erste Orientierung",
    "status": "active",
    "categories": "chatbot, counselling",
    "audience": "public",
    "interaction": "",  # default for a chatbot: direct
    "benefits": "Einfache Fragen zu Unterlagen werden sofort beantwortet, das Telefon wird frei",
    "risks": "Falsche Auskünfte und Menschen in Krisen, die der Bot nicht erkennt",
    "barriers": "Menschen ohne Smartphone und Menschen, die nicht gut lesen können",
    "non_ai": "Telefonsprechstunde an allen Werktagen und eine offene Sprechstunde am Dienstag",
    "non_use": "Vier von zehn Anfragen kommen abends; ohne Chat warten sie bis zu neun Tage",
    "alternative": "Eine zusätzliche Abend-Telefonsprechstunde",
    "alternative_ai": "nein",
    "alternative_why": "Die Förderung für zusätzliche Stellen wurde abgelehnt",
    "involved": "Sechs Beratende haben die Wissensbasis geschrieben und entscheiden mit",
    "workforce": "relief",
    "freed_time": "Längere Gespräche mit Menschen in schwierigen Lagen",
    "affects": "j",
    "decides": "nein",
    "bias": "Wir haben dreihundert Testfragen in einfacher Sprache und mit Tippfehlern geprüft",
    "group": "Menschen in akuten psychischen Krisen",
    "vulnerable": "ja",
    "harm": "Die Krise wird nicht erkannt und Hilfe kommt zu spät",
    "likelihood": "medium",
    "severity": "high",
    "mitigation": "Schlüsselwörter lösen sofort den Hinweis auf die Telefonseelsorge aus",
    "consulted": "Der Beirat der Ratsuchenden hat den Prototyp in zwei Workshops getestet",
    "oversight": "sampled",
    "incident": "Fehlerhafte Antworten meldet man über das Formular; die Bereitschaft prüft "
    "binnen eines Werktags und kann den Bot abschalten",
    "prov_status": "teilweise",
    "prov_source": "https://modelle.example/mistral-small/model-card",
    "prov_requested": "2026-06-03",
    "prov_why": "Die Modellkarte nennt nur grobe Quellen; wir nutzen eine eigene Wissensbasis "
    "und fragen halbjährlich nach",
    "lab_status": "3",
    "lab_source": "",
    "lab_requested": "2026-06-03",
    "lab_why": "Der Anbieter nannte nur einen eigenen Verhaltenskodex seiner Dienstleister; "
    "wir fragen halbjährlich erneut und unterstützen offengelegte Arbeitsbedingungen",
    "performed_by": "vendor",
    "fair_pay": "unbekannt",
    "pay": "",
    "harmful": "ja",
    "support": "unbekannt",
    "worker_channel": "Kein Beschwerdeweg bekannt; wir haben den Anbieter um einen gebeten",
    "kind": "text",
    "share": "full",
    "public": "ja",
    "label": "Diese Antwort wurde von unserem KI-Assistenten erstellt",
    "intensity": "medium",
    "trained": "ja",
    "owner": "Bereichsleitung Soziale Beratung",
    "last_evaluated": "2026-10-28",
    "effects": "Die Wartezeit am Telefon sank von neun auf vier Tage",
    "guidance": "https://sozialwerk-lindenau.example/intern/ki-leitlinie.pdf",
    "last_training": "2026-09-15",
    "reviewers": "Vorstand, Arbeitsgruppe Chatbot",
}


@pytest.mark.parametrize(
    ("lang", "values", "direct"),
    [("en", ANSWERS, False), ("de", CHATBOT_DE, True)],
    ids=["indirect-translation-en", "direct-chatbot-de"],
)
def test_every_question_answered_in_a_real_terminal_leaves_no_error(
    run_cli: RunCli, tmp_path: Path, lang: str, values: dict[str, str], direct: bool
) -> None:
    overrides = dict(values)
    if lang == "en":
        overrides["notice"] = "https://beispielverein.example/ki-hinweis"
    text = answers(direct=direct, **overrides)
    code, output = _run_in_terminal(
        ["init", "--lang", lang, "--today", TODAY.isoformat()], tmp_path, text
    )
    assert code == 0, output
    target = tmp_path / "ai-usage.yaml"
    findings = all_findings(run_cli, target)
    assert [f for f in findings if f["severity"] == "error"] == []
    use = load_document(target).data["uses"][0]
    assert use["people"]["interaction"] == ("direct" if direct else "indirect")
    assert use["weighing"]["alternatives"][0]["with_ai"] is False
    assert use["people"]["affects_people"] is True
    assert use["competences"]["operators_trained"] is True
    if lang == "de":
        assert "Haben Menschen selbst mit der KI zu tun" in output
        assert "[J/n]" in output
        assert "What" not in output  # no English question slipped through


def test_the_interview_refuses_its_own_examples_and_bad_addresses(
    run_cli: RunCli, tmp_path: Path
) -> None:
    text = answers(
        organisation="Name Ihrer Organisation\nBeispielverein e.V.",
        email="not an email\nkeine@adresse\ngf@beispielverein.example",
        feedback="irgendwo im Haus\nhttps://beispielverein.example/fragen",
        ai_used="vielleicht\nja",
    )
    result, target = run_init(run_cli, tmp_path, text, "--lang", "de")
    assert result.exit_code == 0, result.output
    assert "„Name Ihrer Organisation“ ist nur ein Beispieltext" in result.output
    assert "„not an email“ ist keine E-Mail-Adresse" in result.output
    assert "„keine@adresse“ ist keine E-Mail-Adresse" in result.output
    assert "„irgendwo im Haus“ ist weder eine E-Mail- noch eine Webadresse" in result.output
    assert "Bitte mit j (ja) oder n (nein) antworten." in result.output
    data = load_document(target).data
    assert data["project"]["organisation"] == "Beispielverein e.V."
    assert data["contacts"]["accountable"]["email"] == "gf@beispielverein.example"
    assert data["contacts"]["feedback"] == "https://beispielverein.example/fragen"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("j", True), ("ja", True), ("n", False), ("nein", False), ("Ja", True), ("", True)],
)
def test_german_yes_and_no(word: str, expected: bool) -> None:
    class Scripted:
        def __init__(self) -> None:
            self.prompts: list[str] = []

        def text(self, prompt: str, default: str | None = None) -> str | None:
            self.prompts.append(prompt)
            return word

        def confirm(self, prompt: str, default: bool) -> bool:  # pragma: no cover - unused
            raise AssertionError("confirm() is not used")

        def say(self, message: str) -> None:  # pragma: no cover - only on bad answers
            raise AssertionError(message)

    asker = Scripted()
    assert scaffold.ask_yes_no(asker, "ai_used", "de", True) is expected
    assert asker.prompts == ["Setzt dieses Projekt KI ein (oder ist es geplant)? [J/n]"]


def test_ending_the_interview_says_abgebrochen_in_german(run_cli: RunCli, tmp_path: Path) -> None:
    result, target = run_init(run_cli, tmp_path, "Beispielverein e.V.\n", "--lang", "de")
    assert result.exit_code == 130
    assert "Abgebrochen." in result.output
    assert "Aborted" not in result.output
    assert not target.exists()


def _field_present(data: object, parts: tuple[str, ...]) -> bool:
    node = data
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _asked_fields_present(check: object, root: object, node: object) -> bool:
    """Whether the skeleton has a place for what ``check`` asks (every part of an ``all``,
    one part of an ``any``)."""
    from ai_coc.rules import checks

    if isinstance(check, checks.All):
        return all(_asked_fields_present(c, root, node) for c in check.children)
    if isinstance(check, checks.AnyOf):
        return any(_asked_fields_present(c, root, node) for c in check.children)
    if isinstance(check, checks.Not):
        return _asked_fields_present(check.child, root, node)
    if isinstance(check, checks.DistinctTexts):
        return True  # asks for no key: it compares the texts that are there
    refs = check.fields() if isinstance(check, checks.Check) else []
    for ref in refs:
        base = root if ref.anchor == "root" else node
        if not _field_present(base, ref.parts):
            return False
    return True


@pytest.mark.parametrize("lang", ["en", "de"])
def test_no_input_writes_every_key_an_error_rule_asks_for(
    run_cli: RunCli, tmp_path: Path, lang: str
) -> None:
    from ai_coc.rules.packs import load_policies

    target = tmp_path / "ai-usage.yaml"
    result = run_cli("init", "--no-input", "-o", str(target), "--lang", lang)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    data = load_document(target).data
    use = data["uses"][0]
    checked = 0
    for rule in load_policies().rules:
        if rule.severity != "error" or rule.require is None or rule.spec.kind == "builtin":
            continue
        if rule.spec.select == "non_uses" or "ai_used" in str(rule.spec.when):
            continue  # the rules of a manifest that declares no AI use
        if rule.spec.select == "manifest":
            node: object = data
        elif rule.spec.select == "uses":
            node = use
        else:
            # a rule on the items of a list inside a use: the list has its place
            inner = tuple(rule.spec.select.split(".")[1:])
            assert _field_present(use, inner), (rule.id, rule.spec.select)
            continue
        assert _asked_fields_present(rule.require, data, node), rule.id
        checked += 1
    assert checked > 30
    # each key is explained by a comment in the chosen language
    marker = "# Was der Einsatz für die eigenen" if lang == "de" else "# What the use does to"
    assert marker in text
