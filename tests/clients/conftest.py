"""Session fixtures for the real clients (see ``install.py``).

A client that cannot be installed makes its tests fail under ``CI=true``; elsewhere they are
skipped with the reason (for example on a laptop without Node.js).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.clients import install

_T = TypeVar("_T")


def _need(get: Callable[[], _T]) -> _T:
    try:
        return get()
    except install.Unavailable as exc:
        if install.in_ci():
            pytest.fail(f"a client the tests need could not be installed: {exc}")
        pytest.skip(f"client not available here: {exc}")


@pytest.fixture(scope="session")
def sarif_multitool() -> Path:
    return _need(install.sarif_multitool)


@pytest.fixture(scope="session")
def yaml_language_server() -> list[str]:
    return _need(install.yaml_language_server)


@pytest.fixture(scope="session")
def junit_schema() -> Any:
    """``junit-10.xsd`` loaded with xmlschema."""
    xmlschema = pytest.importorskip("xmlschema") if not install.in_ci() else _xmlschema()
    return xmlschema.XMLSchema(str(_need(install.junit_xsd)))


def _xmlschema() -> Any:
    import xmlschema

    return xmlschema
