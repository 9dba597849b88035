"""``--format json``: the stable, versioned machine-readable report (format_version 1)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from json.encoder import encode_basestring as _string
from typing import IO, Any, TextIO

from ai_coc import __version__
from ai_coc.report.formats.summary import Tally, summary_dict
from ai_coc.report.neutral import json_safe
from ai_coc.report.report import FileResult, FileResults, Report, ResultStore
from ai_coc.rules.findings import Finding, WaivedFinding
from ai_coc.rules.policy import PolicySet

FORMAT_VERSION = 1
#: Additions within version 1: 1 = ``principles``, ``files[].inventory``, ``baselined`` and
#: ``baseline`` (for the organisation's register and baselines). Readers of 1.0 ignore them.
FORMAT_MINOR = 1


def _file_entry(result: FileResult) -> dict[str, Any]:
    counts = Counter(f.severity for f in result.findings)
    return {
        "path": result.file,
        "uses": result.uses,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "waived": len(result.waived),
        "baselined": len(result.baselined),
        "inventory": result.inventory,
    }


def _head(report: Report, policies: PolicySet) -> dict[str, Any]:
    head: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "format_minor": FORMAT_MINOR,
        "tool": {"name": "ai-coc", "version": __version__},
        "policies": [p.as_dict() for p in report.policies],
        "principles": [
            {"slug": p.slug, "number": p.number, "name": dict(p.name)}
            for p in sorted(policies.principles, key=lambda p: p.number)
        ],
        "today": report.today.isoformat(),
        "lang": report.lang,
        "fail_on": report.fail_on,
    }
    if report.baseline is not None:
        head["baseline"] = report.baseline.as_dict()
    return head


def as_dict(report: Report, policies: PolicySet) -> dict[str, Any]:
    """The report as JSON-ready data (all of it in memory; :func:`render` streams)."""
    return {
        **_head(report, policies),
        "files": [_file_entry(result) for result in report.files],
        "findings": [f.as_dict() for f in report.findings],
        "waived": [w.as_dict() for w in report.waived],
        "baselined": [f.as_dict() for f in report.baselined],
        "summary": summary_dict(report, policies, report.lang),
    }


def _dumps(value: Any, indent: str) -> str:
    """``value`` as ``json.dump(..., indent=2)`` writes it at this depth."""
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def _text(value: str) -> str:
    """A JSON string as :func:`json.dumps` (``ensure_ascii=False``) writes it, made safe
    (:func:`~ai_coc.report.neutral.json_safe`, which returns plain ASCII at once)."""
    return json_safe(_string(value))


#: ``"key": `` of every text key written so far (the reports use a few dozen keys).
_KEYS: dict[str, str] = {}


def _key(key: str) -> str:
    if len(_KEYS) >= 1024:  # keys from input: keep the table small
        _KEYS.clear()
    out = _KEYS[key] = _text(key) + ": "
    return out


def _pretty(value: Any, indent: str) -> str:
    """What :func:`_dumps` gives, made safe (:func:`~ai_coc.report.neutral.json_safe`): with
    ``indent=2`` :mod:`json` uses its pure-Python encoder, several times slower than this walk
    with the C string encoder. Dicts with text keys, lists, texts, ints, booleans and None are
    written here; anything else (a float, a tuple, a subclass) by :func:`_dumps`, as before."""
    cls = value.__class__
    if cls is str:
        return _text(value)
    if cls is dict:
        if not value:
            return "{}"
        inner = indent + "  "
        parts: list[str] = []
        add = parts.append
        keys = _KEYS
        for key, item in value.items():
            if key.__class__ is not str:
                return json_safe(_dumps(value, indent))  # json's rules for other keys
            name = keys.get(key) or _key(key)
            kind = item.__class__
            if kind is str:
                add(name + json_safe(_string(item)))
            elif item is None:
                add(name + "null")
            elif item is True:
                add(name + "true")
            elif item is False:
                add(name + "false")
            elif kind is int:
                add(name + int.__repr__(item))
            else:
                add(name + _pretty(item, inner))
        return "{\n" + inner + (",\n" + inner).join(parts) + "\n" + indent + "}"
    if cls is list:
        if not value:
            return "[]"
        inner = indent + "  "
        items = [_pretty(item, inner) for item in value]
        return "[\n" + inner + (",\n" + inner).join(items) + "\n" + indent + "]"
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if cls is int:
        return int.__repr__(value)
    return json_safe(_dumps(value, indent))


class _Later:
    """One list of the report (findings, waived, baselined) written while the files are gone
    through, and copied into the report after them: to a temporary file, so that it does not
    stay in memory."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None

    def write(self, text: str) -> None:
        if self._file is None:
            import tempfile

            # closed by copy_to (or when the run ends); it has no name on disk
            self._file = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
            text = "[\n    " + text
        else:
            text = ",\n    " + text
        self._file.write(text)

    def copy_to(self, stream: TextIO) -> None:
        """Write the list (``[]`` if nothing was written) and let go of the file."""
        file, self._file = self._file, None
        if file is None:
            stream.write("[]")
            return
        with file:
            file.seek(0)
            while chunk := file.read(_CHUNK):
                stream.write(chunk)
        stream.write("\n  ]")


#: Characters copied at a time from a :class:`_Later` into the report.
_CHUNK = 1 << 16


def _one_pass(files: FileResults, stream: TextIO, tally: Tally) -> None:
    """The ``files`` list, then the ``findings``, ``waived`` and ``baselined`` lists, all from
    one pass over the results (for a scan whose results live in a temporary file: each is read
    back once, not once for every list)."""
    later = {"findings": _Later(), "waived": _Later(), "baselined": _Later()}
    findings, waived, baselined = later["findings"], later["waived"], later["baselined"]
    first = True
    for result in files:
        stream.write(("[\n    " if first else ",\n    ") + _pretty(_file_entry(result), "    "))
        first = False
        for finding in result.sorted_findings():
            tally.add(finding)
            findings.write(_pretty(finding.as_dict(), "    "))
        for item in result.waived:
            tally.waived += 1
            waived.write(_pretty(item.as_dict(), "    "))
        for finding in result.baselined:
            baselined.write(_pretty(finding.as_dict(), "    "))
    stream.write("[]" if first else "\n  ]")
    for key, part in later.items():
        stream.write(",\n  " + json.dumps(key) + ": ")
        part.copy_to(stream)


def _write_list(stream: TextIO, items: Iterable[str]) -> None:
    empty = True
    for item in items:
        stream.write(("[\n    " if empty else ",\n    ") + item)
        empty = False
    stream.write("[]" if empty else "\n  ]")


def render(report: Report, policies: PolicySet, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as ``json.dump(as_dict(...), indent=2)`` would, but item by item: the
    findings of a large scan are never all in memory at once. Every text is made safe as it is
    encoded (see :func:`_pretty`); keys are ASCII (``json.dumps`` escapes the rest)."""
    stream.write("{")
    for number, (key, value) in enumerate(_head(report, policies).items()):
        stream.write(("\n  " if number == 0 else ",\n  ") + json.dumps(key) + ": ")
        stream.write(_pretty(value, "  "))
    stream.write(',\n  "files": ')
    tally = Tally(report, policies, report.lang)
    files = report.files
    if isinstance(files, ResultStore) and files.spilled:
        _one_pass(files, stream, tally)
    else:  # in memory: one pass for every list (nothing is kept between them)
        _write_list(stream, (_pretty(_file_entry(result), "    ") for result in files))

        def counted(finding: Finding) -> str:
            tally.add(finding)
            return _pretty(finding.as_dict(), "    ")

        def counted_waived(item: WaivedFinding) -> str:
            tally.waived += 1
            return _pretty(item.as_dict(), "    ")

        stream.write(',\n  "findings": ')
        _write_list(stream, (counted(f) for f in report.findings))
        stream.write(',\n  "waived": ')
        _write_list(stream, (counted_waived(w) for w in report.waived))
        stream.write(',\n  "baselined": ')
        _write_list(stream, (_pretty(f.as_dict(), "    ") for f in report.baselined))
    summary = summary_dict(report, policies, report.lang, tally)
    stream.write(',\n  "summary": ' + _pretty(summary, "  "))
    stream.write("\n}\n")
