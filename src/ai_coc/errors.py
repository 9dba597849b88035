"""Errors that stop a run (exit code 2) and how they are shown.

Bad input is never a traceback: everything the user can fix is raised as an
:class:`InputError` with a file, a line and a hint, and the CLI prints it and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass

from ai_coc.records import Record


@dataclass(eq=False, repr=False)
class InputError(Record, Exception):
    """A problem with the user's input (manifest, config, policy pack, command line)."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.format()

    def format(self, *, help_label: str = "help") -> str:
        """Render as ``file:line:col: message`` plus an indented hint."""
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f"\n  {help_label}: {self.hint}"
        return text
