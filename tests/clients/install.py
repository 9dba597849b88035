"""Install the real clients that the tests run against ai-coc's output.

Everything comes from the package registries, through the project's own files:

- ``package.json`` / ``package-lock.json`` here pin the YAML language server (what editors
  use for the ``# yaml-language-server: $schema=`` modeline) and Microsoft's SARIF multitool
  (its ``validate --rule-kind "Sarif;Gh"`` checks what GitHub code scanning requires).
  ``npm ci`` installs exactly the locked versions into ``node_modules`` here.
- The JUnit XML schema that Jenkins' xunit plugin and Maven Surefire read
  (``junit-10.xsd``) is not published as a package of its own; the source distribution of
  pytest on PyPI ships it (pytest's own tests validate against it). We take it from a pinned
  pytest sdist and check its SHA-256, so the schema is exactly the published one.

Run ``python -m tests.clients.install`` (CI does) or let the session fixtures in
``tests/clients/conftest.py`` do it when something is missing. Idempotent: what is already
there is not fetched again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
CACHE = HERE / ".cache"

#: The pytest release whose sdist carries the schema, and the schema's checksum in it.
JUNIT_SDIST = "pytest==8.3.5"
JUNIT_MEMBER = "testing/example_scripts/junit-10.xsd"
JUNIT_SHA256 = "a1a816f58d1bf95ebabf371994df0b9246dee66ea9572fbec4f9296f1b2c0ff6"
JUNIT_XSD = CACHE / "junit-10.xsd"


class Unavailable(RuntimeError):
    """A client could not be installed here (the message says why)."""


def in_ci() -> bool:
    """Whether this is a CI run (``CI=true``), where a missing client fails the tests."""
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def npm_clients() -> Path:
    """``node_modules`` with the locked clients, installed with ``npm ci`` when missing."""
    marker = NODE_MODULES / ".package-lock.json"
    if not marker.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise Unavailable("npm is not installed (Node.js is needed for the client tests)")
        proc = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0 or not marker.is_file():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            raise Unavailable("npm ci failed in tests/clients: " + " / ".join(tail))
    return NODE_MODULES


def yaml_language_server() -> list[str]:
    """The command line that starts the YAML language server over stdio."""
    node = shutil.which("node")
    if node is None:
        raise Unavailable("node is not installed")
    script = npm_clients() / "yaml-language-server" / "bin" / "yaml-language-server"
    if not script.is_file():
        raise Unavailable(f"{script} is missing after npm ci")
    return [node, str(script), "--stdio"]


def sarif_multitool() -> Path:
    """The native SARIF multitool binary for this platform (from its npm package).

    The package's own ``bin.js`` passes the arguments through a shell, which splits
    ``--rule-kind "Sarif;Gh"`` at the semicolon; the tests therefore run the binary directly.
    """
    if sys.platform != "linux":
        raise Unavailable(f"the tests run the multitool's linux build only, not {sys.platform}")
    binary = npm_clients() / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if not binary.is_file():
        raise Unavailable(f"{binary} is missing after npm ci")
    mode = binary.stat().st_mode
    if not mode & stat.S_IXUSR:  # its postinstall (chmod u+x) may not have been run
        binary.chmod(mode | stat.S_IXUSR)
    return binary


def junit_xsd() -> Path:
    """``junit-10.xsd`` (Jenkins xunit / Surefire), taken from the pinned pytest sdist."""
    if JUNIT_XSD.is_file() and _sha256(JUNIT_XSD) == JUNIT_SHA256:
        return JUNIT_XSD
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--dest",
                tmp,
                JUNIT_SDIST,
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        archives = list(Path(tmp).glob("*.tar.gz"))
        if proc.returncode != 0 or not archives:
            raise Unavailable(f"pip download {JUNIT_SDIST} failed: {proc.stderr.strip()[-300:]}")
        with tarfile.open(archives[0]) as tar:
            member = next((m for m in tar.getmembers() if m.name.endswith(JUNIT_MEMBER)), None)
            if member is None:
                raise Unavailable(f"{archives[0].name} has no {JUNIT_MEMBER}")
            data = tar.extractfile(member)
            assert data is not None
            content = data.read()
    if hashlib.sha256(content).hexdigest() != JUNIT_SHA256:
        raise Unavailable(f"{JUNIT_MEMBER} in {JUNIT_SDIST} has an unexpected checksum")
    CACHE.mkdir(exist_ok=True)
    JUNIT_XSD.write_bytes(content)
    return JUNIT_XSD


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    failed = False
    for name, get in (
        ("yaml-language-server", yaml_language_server),
        ("sarif-multitool", sarif_multitool),
        ("junit-10.xsd", junit_xsd),
    ):
        try:
            where = get()
        except Unavailable as exc:
            print(f"{name}: NOT available: {exc}", file=sys.stderr)
            failed = True
        else:
            print(f"{name}: {where if isinstance(where, Path) else ' '.join(where)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
