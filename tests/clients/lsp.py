"""A small Language Server Protocol client (JSON-RPC over stdio) for the tests.

It speaks to the real YAML language server the way an editor does: ``initialize``, the
settings an editor sends (validation, hover, completion on; the online schema store off, so
everything stays offline), ``didOpen`` of a document, then requests such as completion and
hover; diagnostics arrive as ``textDocument/publishDiagnostics`` notifications.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any, BinaryIO

#: What an editor with the Red Hat YAML extension sends, minus anything that goes online.
SETTINGS: dict[str, Any] = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        "format": {"enable": False},
        "schemaStore": {"enable": False},
        "schemas": {},
        "schemaDownload": {"enable": False},
    }
}


class LanguageServer:
    """One running language server process."""

    def __init__(self, command: list[str], root: Path) -> None:
        self.root = root
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self._next_id = 0
        self._responses: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        assert self.proc.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.proc.stdout,), daemon=True)
        self._reader.start()

    # --- the wire ------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            message = json.loads(stream.read(length))
            if "id" in message and "method" in message:
                self._answer(message)
            elif "id" in message:
                with self._lock:
                    box = self._responses.get(message["id"])
                if box is not None:
                    box.put(message)
            else:
                self.notifications.put(message)

    def _answer(self, request: dict[str, Any]) -> None:
        """Requests from the server: settings, capability registration, progress."""
        result: Any = None
        if request["method"] == "workspace/configuration":
            items = request["params"]["items"]
            result = [_section(item.get("section")) for item in items]
        self._send({"id": request["id"], "result": result})

    # --- requests ------------------------------------------------------------------------

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        with self._lock:
            self._next_id += 1
            ident = self._next_id
            box: queue.Queue[dict[str, Any]] = queue.Queue()
            self._responses[ident] = box
        self._send({"id": ident, "method": method, "params": params})
        answer = box.get(timeout=timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def start(self) -> None:
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "completion": {"completionItem": {"snippetSupport": True}},
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "publishDiagnostics": {},
                    },
                },
                "workspaceFolders": [{"uri": self.root.as_uri(), "name": "repo"}],
            },
            timeout=60,
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": SETTINGS})

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text("utf-8") if text is None else text,
                }
            },
        )
        return uri

    def diagnostics(self, uri: str, timeout: float = 30, settle: float = 1.5) -> list[Any]:
        """The last diagnostics published for ``uri`` (waits until they stop changing)."""
        deadline = time.monotonic() + timeout
        last: list[Any] | None = None
        quiet_until = None
        while time.monotonic() < deadline:
            try:
                message = self.notifications.get(timeout=0.2)
            except queue.Empty:
                if last is not None and quiet_until is not None and time.monotonic() > quiet_until:
                    return last
                continue
            if message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                if params["uri"] == uri:
                    last = params["diagnostics"]
                    quiet_until = time.monotonic() + settle
        if last is None:
            raise TimeoutError(f"no diagnostics for {uri}")
        return last

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if isinstance(result, dict):
            items: list[dict[str, Any]] = result.get("items", [])
            return items
        return list(result or [])

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return str(contents.get("value", ""))
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    def close(self) -> None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=10)
        finally:
            for stream in (self.proc.stdin, self.proc.stdout):
                if stream is not None:
                    stream.close()
            self._reader.join(timeout=10)


def _section(name: str | None) -> Any:
    if not name:
        return SETTINGS
    node: Any = SETTINGS
    for part in name.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node
