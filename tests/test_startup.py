"""A check of a well-formed manifest starts fast: no pydantic, no YAML compile of the pack.

These tests guard the design described in docs/reference/speed.md against regressions (say, a
new top-level ``import pydantic``), in a fresh interpreter, from the source tree and from the
built wheel.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT, TODAY

PROBE = """
import json, sys
from ai_coc.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = ("pydantic", "pydantic_core", "ruamel.yaml", "ai_coc.rules.packmodels")
loaded = sorted(m for m in heavy if m in sys.modules)
import ai_coc
print(json.dumps({"exit": code, "loaded": loaded, "file": ai_coc.__file__}), file=sys.stderr)
"""


def probe(*args: str, path: Path | None = None, **env: str) -> dict[str, object]:
    environ = {**os.environ, "AI_COC_CACHE_DIR": "off", **env}
    if path is not None:
        environ["PYTHONPATH"] = str(path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=environ,
        cwd=path or ROOT,
        check=False,
    )
    data: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return data


def check_args(example: str) -> list[str]:
    return ["check", str(EXAMPLES / example / "ai-usage.yaml"), "--today", TODAY.isoformat()]


def test_a_well_formed_manifest_is_checked_without_pydantic() -> None:
    result = probe(*check_args("newsletter-uebersetzung"))
    assert result["exit"] in (0, 1)
    assert "pydantic" not in result["loaded"]  # type: ignore[operator]
    assert "ai_coc.rules.packmodels" not in result["loaded"]  # type: ignore[operator]


@pytest.mark.parametrize(
    ("old", "new", "pydantic"),
    [
        ("project:", "projekt:", False),  # a misspelt key: named without pydantic
        ("status: active", "status: activ", False),  # a word that is not allowed: the same
        ("status: active", "status: [active]", False),  # a list for a word: the same
        ("id: pressetexte", "id: Presse Texte", False),  # not in kebab-case: the same
        ("status: active", "status:", False),  # an optional key left empty: valid, quick
        ("id: pressetexte", "id:", False),  # a required key left empty: named, quick
        # a date that does not exist: the same
        ("uses:", "review:\n  last_reviewed: 2026-09-31\nuses:", False),
        # a key that takes text or a list, given a mapping: the same (each kind named)
        ("status: active", "status: active\n    reasons: {a: b}", False),
        # a number written with its unit: pydantic's number type (its core alone) is asked
        (
            "status: active",
            "status: active\n    environment:\n      estimate:\n        energy_kwh: 30 kWh",
            "pydantic_core",
        ),
    ],
)
def test_a_broken_manifest_loads_pydantic_only_when_needed(
    tmp_path: Path, old: str, new: str, pydantic: bool | str
) -> None:
    broken = tmp_path / "ai-usage.yaml"
    text = (EXAMPLES / "minimal" / "ai-usage.yaml").read_text(encoding="utf-8")
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = probe("check", str(broken), "--today", TODAY.isoformat())
    assert result["exit"] == 1
    loaded = result["loaded"]
    assert isinstance(loaded, list)
    if pydantic == "pydantic_core":
        assert "pydantic_core" in loaded and "pydantic" not in loaded
    else:
        assert ("pydantic" in loaded) is pydantic
        if not pydantic:
            assert "pydantic_core" not in loaded


@pytest.mark.slow
def test_the_wheel_ships_a_current_compiled_pack(tmp_path: Path) -> None:
    from hatchling.builders.wheel import WheelBuilder

    (wheel,) = WheelBuilder(str(ROOT)).build(
        directory=str(tmp_path / "dist"), versions=["standard"]
    )
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    for shipped in (
        "ai_coc/read/schemas/manifest-v1.json",
        "ai_coc/read/schemas/config.json",
        "ai_coc/read/schemas/manifest-v1.nulls.json",
        "ai_coc/read/schemas/config.nulls.json",
        "ai_coc/rules/allowed_keys.json",
        "ai_coc/rules/assistants.json",  # the known AI assistants of the history check
        "ai_coc/_policies/coc/pack.compiled.json",
        # compiled from the .po catalogue by the build hook, with the text tables beside it
        "ai_coc/locale/de/LC_MESSAGES/ai_coc.mo",
        "ai_coc/texts/interview.yaml",
        "ai_coc/texts/notice.yaml",
        "ai_coc/texts/schema.yaml",
        "ai_coc/texts/checks.yaml",
        "ai_coc/texts/problems.yaml",
        "ai_coc/texts/pydantic.yaml",
    ):
        assert shipped in names
    result = probe(*check_args("newsletter-uebersetzung"), path=site)
    assert str(result["file"]).startswith(str(site))
    assert result["exit"] in (0, 1)
    assert result["loaded"] == [] or result["loaded"] == ["ruamel.yaml"]


INLINE_CONFIG = """\
red_line_prefix: PRJ
red_lines:
  - id: PRJ001
    name: no-closed-models
    principle: transparency
    severity: warning
    summary: {en: No closed models.}
    rationale: {en: We want to run our models ourselves.}
    fix: {en: Choose an open model.}
    message: {en: "The use '{use}' relies on a closed model"}
    select: uses
    forbid:
      equals: {field: system.openness, value: closed}
"""


def test_inline_red_lines_are_compiled_once(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    manifest = (EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml").read_text("utf-8")
    (repo / "ai-usage.yaml").write_text(manifest, encoding="utf-8")
    (repo / ".ai-coc.yaml").write_text(INLINE_CONFIG, encoding="utf-8")
    args = ["check", str(repo / "ai-usage.yaml"), "--today", TODAY.isoformat(), "-f", "json"]
    cache = str(tmp_path / "cache")
    first = probe(*args, AI_COC_CACHE_DIR=cache)
    second = probe(*args, AI_COC_CACHE_DIR=cache)
    assert "pydantic" in first["loaded"]  # type: ignore[operator]
    assert "pydantic" not in second["loaded"]  # type: ignore[operator]
    assert first["exit"] == second["exit"]
    # A changed line in the configuration compiles the red lines again (their lines moved).
    (repo / ".ai-coc.yaml").write_text("# moved down\n" + INLINE_CONFIG, encoding="utf-8")
    third = probe(*args, AI_COC_CACHE_DIR=cache)
    assert "pydantic" in third["loaded"]  # type: ignore[operator]


def test_inline_red_lines_from_the_cache_find_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    manifest = (EXAMPLES / "newsletter-uebersetzung" / "ai-usage.yaml").read_text("utf-8")
    manifest = manifest.replace("openness: open-weights", "openness: closed")
    manifest = manifest.replace("openness: open-source", "openness: closed")
    (repo / "ai-usage.yaml").write_text(manifest, encoding="utf-8")
    (repo / ".ai-coc.yaml").write_text(INLINE_CONFIG, encoding="utf-8")
    monkeypatch.chdir(repo)
    command = [sys.executable, "-m", "ai_coc", "check", "--today", TODAY.isoformat(), "-f", "json"]
    env = {**os.environ, "AI_COC_CACHE_DIR": str(tmp_path / "cache")}
    outputs = [
        subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        for _ in range(2)
    ]
    assert outputs[0].returncode == outputs[1].returncode == 1
    assert outputs[0].stdout == outputs[1].stdout
    hits = [f for f in json.loads(outputs[1].stdout)["findings"] if f["id"] == "PRJ001"]
    assert hits and hits[0]["location"]["file"] == "ai-usage.yaml"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["rules", "--format", "json"], 0),
        (check_args("newsletter-uebersetzung"), None),
        (["check", "no-such-file.yaml"], 2),
    ],
)
def test_the_command_ends_at_once_with_all_its_output(args: list[str], code: int | None) -> None:
    """``python -m ai_coc`` ends with os._exit after main(): the output is complete and the exit
    code is main's own."""
    environ = {**os.environ, "AI_COC_CACHE_DIR": "off"}
    environ.pop("AI_COC_DEBUG", None)
    argv = [sys.executable, "-m", "ai_coc", *args]
    done = subprocess.run(argv, capture_output=True, text=True, env=environ, cwd=ROOT, check=False)
    slow = subprocess.run(
        argv, capture_output=True, text=True, env={**environ, "AI_COC_DEBUG": "1"}, cwd=ROOT
    )
    assert (done.returncode, done.stdout, done.stderr) == (
        slow.returncode,
        slow.stdout,
        slow.stderr,
    )
    if code is not None:
        assert done.returncode == code
    if args[0] == "rules":
        assert len(json.loads(done.stdout)) >= 60
    else:
        assert done.stdout or done.stderr


def test_every_dataclass_has_a_docstring() -> None:
    """Without one, ``@dataclass`` works out the class's signature with :mod:`inspect` to write
    a docstring, at import time: about 5 ms of a check for one class."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import ai_coc

    missing = []
    for info in pkgutil.walk_packages(ai_coc.__path__, "ai_coc."):
        if info.name.startswith("ai_coc.docs"):
            continue  # needs Sphinx
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if not (inspect.isclass(obj) and dataclasses.is_dataclass(obj)):
                continue
            if obj.__module__ == module.__name__ and (obj.__doc__ or "").startswith(f"{name}("):
                missing.append(f"{module.__name__}.{name}")
    assert missing == []
