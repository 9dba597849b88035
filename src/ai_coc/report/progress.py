"""A progress line on standard error while many manifests are checked.

Shown only to a person at a terminal: never when standard error is redirected, never in
CI (``CI`` or ``GITHUB_ACTIONS`` set), and only for more than :data:`THRESHOLD` files.
"""

from __future__ import annotations

import os
from typing import TextIO

from ai_coc.i18n import t

#: Fewer files than this are checked too fast for a progress line to help.
THRESHOLD = 20


def wanted(stream: TextIO, total: int) -> bool:
    """Whether to show progress for ``total`` files on ``stream``."""
    if total <= THRESHOLD:
        return False
    if os.environ.get("CI") or os.environ.get("GITHUB_ACTIONS") or os.environ.get("GITLAB_CI"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


class Progress:
    """Overwrites one line of ``stream`` with ``checking n/total: file``; cleared at the end.

    Called by :func:`ai_coc.run.check.check_paths` before each file; it decides on the first call
    (when the number of files is known) whether to show anything at all.
    """

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled: bool | None = None
        self.width = 0

    def __call__(self, index: int, total: int, file: str) -> None:
        if self.enabled is None:
            self.enabled = wanted(self.stream, total)
        if not self.enabled:
            return
        from ai_coc.report.neutral import visible

        text = t("checking {n}/{total}: {file}", n=index, total=total, file=visible(file))
        self.width = max(self.width, len(text))
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()

    def close(self) -> None:
        """Remove the progress line so the report starts on a clean line."""
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
