"""Output formats. A new format is one module with ``render`` plus one entry in ``FORMATS``."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol, TextIO

if TYPE_CHECKING:
    from ai_coc.report.report import Report
    from ai_coc.rules.policy import PolicySet


class Renderer(Protocol):
    def __call__(
        self, report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False
    ) -> None: ...


#: format name -> module inside this package that defines ``render``
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "gitlab": "gitlab",
    "markdown": "markdown",
}


def get_renderer(name: str) -> Renderer:
    """The ``render`` function of a format (imported only when used)."""
    module = importlib.import_module(f"ai_coc.report.formats.{FORMATS[name]}")
    renderer: Renderer = module.render
    return renderer
