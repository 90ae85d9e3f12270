"""pytest fixtures shared by every Python-driven suite: a private fwpay-sandbox per test,
on port 0 with a fresh database, and a forward proxy on loopback."""
from __future__ import annotations

import http.server
import json
import logging
import os
import pathlib
import ssl
import subprocess
import sys
import threading
from dataclasses import dataclass
from typing import Callable, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

from fwpay import testing  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from forward_proxy import ForwardProxy  # noqa: E402

DEMO_KEY = "sandbox-demo-key"
SECOND_KEY = "second-client-key"


@dataclass
class Sandbox:
    base_url: str
    api_key: str
    second_api_key: str
    database: pathlib.Path
    process: subprocess.Popen[str]


def start_sandbox(directory: pathlib.Path, flags: tuple[str, ...] = ()) -> Sandbox:
    """The build's sandbox (or $FWPAY_SANDBOX), started as fwpay.testing starts one, with a
    second client beside the demo one."""
    program = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))
    running = testing.start_sandbox(directory, "--client", f"{SECOND_KEY}:second-secret", *flags, program=program)
    return Sandbox(running.base_url, DEMO_KEY, SECOND_KEY, running.database, running.process)


def stop_sandbox(sandbox: Sandbox) -> None:
    sandbox.process.terminate()
    try:
        sandbox.process.wait(10)
    except subprocess.TimeoutExpired:
        sandbox.process.kill()
        sandbox.process.wait()


@pytest.fixture
def sandbox(tmp_path: pathlib.Path) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path)
    try:
        yield running
    finally:
        stop_sandbox(running)


@pytest.fixture
def sandbox_factory(tmp_path: pathlib.Path) -> Iterator[Callable[..., Sandbox]]:
    """Starts sandboxes with extra flags (each in its own directory); all stopped at the end."""
    started: list[Sandbox] = []

    def start(*flags: str) -> Sandbox:
        directory = tmp_path / f"sandbox-{len(started)}"
        directory.mkdir()
        started.append(start_sandbox(directory, flags))
        return started[-1]

    yield start
    for running in started:
        stop_sandbox(running)


@pytest.fixture
def forward_proxy() -> Iterator[tuple[str, list[str]]]:
    """A forward proxy on loopback: its URL, and the requests it saw."""
    ForwardProxy.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ForwardProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", ForwardProxy.seen
    finally:
        server.shutdown()


def stand_in_server(answers: dict[str, tuple[int, bytes]], context: ssl.SSLContext | None = None) -> http.server.ThreadingHTTPServer:
    """A server on loopback that answers each GET path with its fixed (status, body), as JSON,
    already serving (over TLS with `context`); shut it down when done."""

    class Answer(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            status, body = answers.get(self.path, (404, b""))
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def https_server_with(certificate: pathlib.Path, key: pathlib.Path, context_change: Callable[[ssl.SSLContext], None] | None = None,
                      ) -> http.server.ThreadingHTTPServer:
    """An https server on loopback with this certificate, answering GET /payments/v1/ping and
    /payments/v1/recipients/FWU with {"ok": true, "id": "FWU", "path": PATH} (404 elsewhere)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    if context_change:
        context_change(context)
    paths = ("/payments/v1/ping", "/payments/v1/recipients/FWU")
    return stand_in_server({path: (200, json.dumps({"ok": True, "id": "FWU", "path": path}).encode()) for path in paths}, context)


@pytest.fixture(scope="module")
def self_signed_https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, pathlib.Path]]:
    """An https server whose certificate (self-signed, for localhost) no bundle trusts: its base
    URL, and the certificate that makes it trusted."""
    directory = tmp_path_factory.mktemp("tls")
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    server = https_server_with(certificate, key)
    try:
        yield f"https://localhost:{server.server_address[1]}/payments/v1", certificate
    finally:
        server.shutdown()


@pytest.fixture
def fwpay_log() -> Iterator[list[str]]:
    """The lines the `fwpay` logger receives meanwhile, at every level."""
    lines: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("fwpay")
    keep, level = Keep(), logger.level
    logger.addHandler(keep)
    logger.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        logger.removeHandler(keep)
        logger.setLevel(level)
