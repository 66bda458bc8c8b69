"""A local HTTP server for a site mirror (``samples/site/``), with faults that can be switched at run time.

The site is a directory holding ``manifest.json``::

    {"/path?query": {"file": "relative/to/site.html", "content_type": "text/html; charset=utf-8",
                     "status": 200}, ...}

``status`` defaults to 200; an entry may have no ``file`` (a 404 placeholder). Keys are matched exactly
(path and query); anything else is a 404, and so is a ``file`` outside the site directory. Responses
carry an ``ETag`` (hash of the bytes) and a ``Last-Modified`` (the file's mtime) and answer conditional
requests with 304, so incremental crawls can be tested. Files and the manifest are re-read when they
change on disk.

Faults (:class:`FaultPlan`) stand for what the real network does: error statuses, 429 with
``Retry-After``, slow answers, connections reset mid-body, bodies shorter than their Content-Length,
redirect loops, redirects to other hosts, and huge bodies generated on the fly. Binds 127.0.0.1 only.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import random
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Literal

from pipeline.errors import PipelineError

FaultKind = Literal["status", "slow", "reset", "truncate", "redirect", "huge"]
RandomFault = Literal["500", "503", "429", "reset", "truncate"]

POLL_INTERVAL = 0.05  # seconds; the stdlib default (0.5 s) makes every shutdown slow
HUGE_CHUNK = b"0123456789abcdef" * 4096  # 64 KiB of filler for generated bodies


@dataclass(frozen=True)
class Fault:
    """What to do instead of (or before) serving a path.

    ``times``: apply to the first N requests of the path only, then serve normally (None = always).
    """

    kind: FaultKind
    status: int = 503  # kind "status"
    retry_after: str | None = None  # kind "status": Retry-After header value
    delay: float = 0.0  # kind "slow": seconds before the normal answer
    location: str = "/"  # kind "redirect": target (absolute, or a path on this server)
    size: int = 0  # kind "huge": body bytes
    chunked: bool = False  # kind "huge": no Content-Length (the client only learns the size by reading)
    times: int | None = None


@dataclass
class FaultPlan:
    """Faults by exact path (``"/a?page=1"``), plus seeded random transient faults; mutable at run time."""

    rules: dict[str, Fault] = field(default_factory=dict)
    random_rate: float = 0.0  # share of requests (0-1) given a random transient fault
    seed: int = 0
    random_kinds: tuple[RandomFault, ...] = ("500", "503", "429", "reset", "truncate")
    latency: float = 0.0  # seconds added before every answer


@dataclass(frozen=True)
class _Entry:
    file: Path | None
    content_type: str
    status: int


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: SampleServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers do
    disable_nagle_algorithm = True  # headers and body go out in separate writes: no 40 ms delayed-ACK stall
    server: _Server

    def do_GET(self) -> None:
        try:
            self.server.owner.handle(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (timeout, size cap): nothing to do

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the server records requests in ``SampleServer.requests`` instead."""


class SampleServer:
    """Serves ``root/manifest.json`` on 127.0.0.1; records every request as (method, path, headers)."""

    def __init__(self, root: Path, port: int = 0, faults: FaultPlan | None = None) -> None:
        self.root = Path(root)
        if not (self.root / "manifest.json").is_file():
            raise PipelineError(
                f"{self.root}: no manifest.json here; point at a site mirror such as samples/site "
                "(built by samples/build_samples.py)"
            )
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self._faults = faults or FaultPlan()
        self._random = random.Random(self._faults.seed)
        self._hits: dict[str, int] = {}
        self._lock = threading.Lock()
        self._manifest: dict[str, _Entry] = {}
        self._manifest_mtime: float | None = None
        self._httpd = _Server(("127.0.0.1", port), _Handler)
        self._httpd.owner = self
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``"""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def faults(self) -> FaultPlan:
        return self._faults

    @faults.setter
    def faults(self, plan: FaultPlan) -> None:
        with self._lock:
            self._faults = plan
            self._random = random.Random(plan.seed)
            self._hits.clear()

    def paths(self, method: str = "GET") -> list[str]:
        """Paths requested so far, in order."""
        with self._lock:
            return [path for m, path, _ in self.requests if m == method]

    def reset_log(self) -> None:
        with self._lock:
            self.requests.clear()

    # -- lifecycle ------------------------------------------------------------------------------------
    def start(self) -> SampleServer:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, kwargs={"poll_interval": POLL_INTERVAL}, daemon=True
            )
            self._thread.start()
        return self

    def wait(self) -> None:
        """Block until the server is stopped (from another thread, or Ctrl-C in the caller)."""
        while self._thread is not None and self._thread.is_alive():
            self._thread.join(timeout=POLL_INTERVAL)

    def stop(self) -> None:
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.server_close()

    def __enter__(self) -> SampleServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # -- serving --------------------------------------------------------------------------------------
    def _entries(self) -> dict[str, _Entry]:
        path = self.root / "manifest.json"
        mtime = path.stat().st_mtime if path.exists() else None
        with self._lock:
            if mtime != self._manifest_mtime:
                raw = json.loads(path.read_text(encoding="utf-8")) if mtime is not None else {}
                self._manifest = {
                    key: _Entry(
                        file=self._inside(spec.get("file")),
                        content_type=spec.get("content_type", "application/octet-stream"),
                        status=int(spec.get("status", 200)),
                    )
                    for key, spec in raw.items()
                }
                self._manifest_mtime = mtime
            return self._manifest

    def _inside(self, name: str | None) -> Path | None:
        """The manifest's file ``name`` under the site directory; None if absent or outside it."""
        if not name:
            return None
        root = self.root.resolve()
        path = (root / name).resolve()
        return path if path.is_relative_to(root) else None

    def _pick_fault(self, path: str) -> Fault | None:
        with self._lock:
            plan = self._faults
            rule = plan.rules.get(path)
            if rule is not None:
                hits = self._hits.get(path, 0)
                self._hits[path] = hits + 1
                if rule.times is None or hits < rule.times:
                    return rule
            if plan.random_rate > 0 and self._random.random() < plan.random_rate:
                kind = self._random.choice(plan.random_kinds)
                if kind == "429":
                    return Fault("status", status=429, retry_after="0")
                if kind in ("500", "503"):
                    return Fault("status", status=int(kind))
                return Fault("reset" if kind == "reset" else "truncate")
            return None

    def handle(self, h: _Handler) -> None:
        """Answer one request (called from the handler thread)."""
        with self._lock:
            self.requests.append((h.command, h.path, dict(h.headers.items())))
            latency = self._faults.latency
        if latency:
            time.sleep(latency)
        fault = self._pick_fault(h.path)
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        elif fault is not None:
            self._apply(h, fault)
            return
        self._serve(h)

    def _serve(self, h: _Handler) -> None:
        entry = self._entries().get(h.path)
        if entry is None or entry.file is None or not entry.file.exists():
            status = entry.status if entry is not None and entry.status != 200 else 404
            self._send(h, status, b"Not found\n", "text/plain; charset=utf-8")
            return
        body = entry.file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        mtime = int(entry.file.stat().st_mtime)
        headers = {"ETag": etag, "Last-Modified": email.utils.formatdate(mtime, usegmt=True)}
        if entry.status == 200 and _not_modified(h, etag, mtime):
            self._send(h, 304, b"", None, headers)
            return
        self._send(h, entry.status, body, entry.content_type, headers)

    def _apply(self, h: _Handler, fault: Fault) -> None:
        if fault.kind == "status":
            extra = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            self._send(h, fault.status, b"fault\n", "text/plain; charset=utf-8", extra)
        elif fault.kind == "redirect":
            self._send(h, 302, b"", None, {"Location": fault.location})
        elif fault.kind in ("reset", "truncate"):
            body = b"<html><body>" + b"partial " * 512 + b"</body></html>"
            h.send_response(200)
            h.send_header("Content-Type", "text/html; charset=utf-8")
            h.send_header("Content-Length", str(len(body) + 4096))
            h.end_headers()
            h.wfile.write(body[: len(body) // 2] if fault.kind == "reset" else body)
            h.wfile.flush()
            if fault.kind == "reset":
                # SO_LINGER 0: close() sends RST instead of FIN
                h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            h.close_connection = True
            h.connection.close()
        elif fault.kind == "huge":
            self._send_huge(h, fault)

    @staticmethod
    def _send_huge(h: _Handler, fault: Fault) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        if fault.chunked:
            h.send_header("Transfer-Encoding", "chunked")
        else:
            h.send_header("Content-Length", str(fault.size))
        h.end_headers()
        left = fault.size
        while left > 0:
            chunk = HUGE_CHUNK[: min(left, len(HUGE_CHUNK))]
            h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk) if fault.chunked else chunk)
            left -= len(chunk)
        if fault.chunked:
            h.wfile.write(b"0\r\n\r\n")

    @staticmethod
    def _send(
        h: _Handler, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        h.send_response(status)
        if content_type:
            h.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        if status != 304:
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if status != 304:
            h.wfile.write(body)


def _not_modified(h: _Handler, etag: str, mtime: int) -> bool:
    if_none_match = h.headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match.strip() == "*"
    since = h.headers.get("If-Modified-Since")
    if since is None:
        return False
    try:
        when = email.utils.parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return mtime <= int(when.timestamp())


def serve(root: Path, port: int = 0, faults: FaultPlan | None = None) -> SampleServer:
    """Start serving ``root`` (a directory with manifest.json) on 127.0.0.1; stop it with ``.stop()``
    or use it as a context manager."""
    return SampleServer(root, port, faults).start()
