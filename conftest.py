"""pytest fixtures shared by every Python-driven suite: a private fwpay-sandbox per test,
on port 0 with a fresh database, and a forward proxy on loopback."""
from __future__ import annotations

import http.client
import http.server
import os
import pathlib
import subprocess
import sys
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Callable, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

from fwpay import testing  # noqa: E402

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


class _ForwardProxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy for plain http: it notes each request line (with its Proxy-Authorization)
    and passes the request on to the absolute URL it was given."""
    seen: list[str] = []

    def _relay(self) -> None:
        type(self).seen.append(f"{self.command} {self.path} {self.headers.get('Proxy-Authorization', '-')}")
        target = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "proxy-authorization")}
        upstream.request(self.command, target.path + (f"?{target.query}" if target.query else ""), body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _relay

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def forward_proxy() -> Iterator[tuple[str, list[str]]]:
    """A forward proxy on loopback: its URL, and the requests it saw."""
    _ForwardProxy.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _ForwardProxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _ForwardProxy.seen
    finally:
        server.shutdown()
