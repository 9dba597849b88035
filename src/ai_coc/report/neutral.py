"""Text from input, made harmless for the people and machines that read the output.

Manifest values, use IDs, file names, configuration values and pack texts end up in every
report and in error messages. Printed raw, they could move the cursor or retitle a terminal
(ANSI/OSC escape sequences), start a GitHub Actions workflow command (a line beginning with
``::``), or – in Markdown and XML – add markup. Each output format therefore passes every text
that came from input through one neutralising step before it adds its own layout:

* text, GitHub, Markdown, JUnit and stderr: :func:`visible` – control characters, line and
  paragraph separators, bidirectional overrides, lone surrogates and the characters XML
  cannot carry are shown as escapes (``\\x1b``, ``\\n``, ``\\u202e``), and a text that would
  begin a line with ``::`` has its first colon shown as ``\\x3a``; the format's own quoting
  (GitHub's ``%0A``, Markdown escapes, XML entities) follows;
* JSON, SARIF and GitLab: the data stays as it was, and :class:`JsonStream` writes the few
  characters JSON lets through raw but consumers trip over (C1 controls, U+2028/U+2029,
  bidirectional overrides, lone surrogates) as ``\\uXXXX`` escapes.

:func:`neutral_report` applies one such function to every text of a report.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import TextIO

from ai_coc.report.report import FileResult, FileResults, PackInfo, Report, ResultStore
from ai_coc.rules.findings import Finding, WaivedFinding

#: Characters never printed as they are: C0 controls, DEL, C1 controls, line and paragraph
#: separators, bidirectional marks and overrides, lone surrogates, and U+FFFE/U+FFFF.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: What JSON carries raw but readers mishandle (C0 controls are always escaped by ``json``).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_COMMAND_START = re.compile(r"^(\s*):(?=:)")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` on one line, with nothing in it that a terminal, GitHub Actions or an XML
    parser would act on: unsafe characters shown as escapes, and no ``::`` at its start."""
    if not text:
        return text
    shown = _UNSAFE.sub(_escape, text)
    return _COMMAND_START.sub(lambda m: m.group(1) + "\\x3a", shown)


_KEEP_STYLE = re.compile(
    "(\x1b\\[[0-9;]*m)|[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def visible_lines(text: str) -> str:
    """Text of several lines (a command's own layout) made safe line by line: like
    :func:`visible`, but line breaks and colour codes (``ESC [ … m``, which click removes when
    the output is not a terminal) are kept."""
    out = []
    for line in text.split("\n"):
        shown = _KEEP_STYLE.sub(lambda m: m.group(1) or _escape(m), line)
        out.append(_COMMAND_START.sub(lambda m: m.group(1) + "\\x3a", shown))
    return "\n".join(out)


def json_safe(text: str) -> str:
    """JSON text with the characters of :data:`_JSON_UNSAFE` written as ``\\uXXXX``.

    Only valid for JSON made by :mod:`json` (those characters occur only inside strings)."""
    if text.isascii() and "\x7f" not in text:  # DEL is the only one in ASCII
        return text
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class JsonStream:
    """A text stream that passes JSON through :func:`json_safe` on its way out."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(json_safe(text))

    def flush(self) -> None:
        self._stream.flush()


def neutral_finding(finding: Finding, clean: Callable[[str], str]) -> Finding:
    loc = finding.location
    return dataclasses.replace(
        finding,
        rule_id=clean(finding.rule_id),
        rule_name=clean(finding.rule_name),
        message=clean(finding.message),
        fix=clean(finding.fix),
        help_url=clean(finding.help_url),
        use=clean(finding.use) if finding.use is not None else None,
        pack=clean(finding.pack),
        location=dataclasses.replace(loc, file=clean(loc.file), path=clean(loc.path)),
    )


def neutral_result(result: FileResult, clean: Callable[[str], str]) -> FileResult:
    """``result`` with ``clean`` applied to its texts; every other field is kept."""
    return dataclasses.replace(
        result,
        file=clean(result.file),
        findings=[neutral_finding(f, clean) for f in result.findings],
        waived=[
            WaivedFinding(
                finding=neutral_finding(w.finding, clean),
                reason=clean(w.reason),
                approved_by=clean(w.approved_by),
                expires=w.expires,
            )
            for w in result.waived
        ],
        baselined=[neutral_finding(f, clean) for f in result.baselined],
        lines=[clean(line) for line in result.lines],
    )


class _Cleaned:
    """File results with their texts made safe as each pass reads them (nothing is kept)."""

    def __init__(self, files: FileResults, clean: Callable[[str], str]) -> None:
        self._files = files
        self._clean = clean

    def __iter__(self) -> Iterator[FileResult]:
        for result in self._files:
            yield neutral_result(result, self._clean)

    def __len__(self) -> int:
        return len(self._files)


def neutral_report(report: Report, clean: Callable[[str], str] = visible) -> Report:
    """``report`` with ``clean`` applied to every text that came from input.

    Results in a temporary file (:class:`~ai_coc.report.report.ResultStore`) are cleaned once
    into a new one; any other results are cleaned as each pass reads them, so a report never
    holds a second copy of them in memory."""
    files = report.files
    changed: ResultStore | _Cleaned
    if isinstance(files, ResultStore):
        changed = files.replace_each(lambda result: neutral_result(result, clean))
    else:
        changed = _Cleaned(files, clean)
    return dataclasses.replace(
        report,
        files=changed,
        policies=[
            PackInfo(clean(p.name), clean(p.version), clean(p.sha256), clean(p.origin))
            for p in report.policies
        ],
    )
