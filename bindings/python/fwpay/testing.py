"""fwpay.testing: a pytest fixture giving each test its own fwpay-sandbox, on a free port with
a fresh database, for your own tests::

    def test_checkout(fwpay_sandbox):
        client = fwpay_sandbox.client()
        order = client.orders.create({...})
        client.sandbox.transition(payment_reference, "guaranteed")

Installed with the package, pytest loads it by itself (a ``pytest11`` entry point); from a
source tree, pass ``-p fwpay.testing``. The sandbox program is ``$FWPAY_SANDBOX``, else
``fwpay-sandbox`` on PATH.
"""
from __future__ import annotations

import os
import pathlib
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

import pytest

from ._client import Client

DEMO_KEY = "sandbox-demo-key"
DEMO_SECRET = "sandbox-demo-secret"


@dataclass
class RunningSandbox:
    """A fwpay-sandbox started for one test: its API base URL, the demo client's key and
    shared secret, and its database file."""

    base_url: str
    api_key: str
    shared_secret: str
    database: pathlib.Path
    process: subprocess.Popen[str] = field(repr=False)

    def client(self, **settings: Any) -> Client:
        """A Client of this sandbox with the demo key (settings as Client's)."""
        return Client(**{"api_key": self.api_key, "base_url": self.base_url, **settings})

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def sandbox_program() -> str:
    program = os.environ.get("FWPAY_SANDBOX") or shutil.which("fwpay-sandbox")
    if not program:
        raise RuntimeError("fwpay.testing needs fwpay-sandbox: put it on PATH or set FWPAY_SANDBOX to it")
    return program


def start_sandbox(directory: pathlib.Path, *flags: str, timeout: float = 60, program: str | None = None) -> RunningSandbox:
    """Starts fwpay-sandbox (`program`, else sandbox_program()) on 127.0.0.1, port 0, with a
    database in `directory`; returns once it listens."""
    database = directory / "fwpay-sandbox.sqlite"
    process = subprocess.Popen([program or sandbox_program(), "--port", "0", "--db", str(database), *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    line = ""
    while time.monotonic() < deadline and process.poll() is None:
        if select.select([process.stdout], [], [], 0.5)[0]:
            line = process.stdout.readline()
            break
    if "listening on http://" not in line:
        process.kill()
        process.wait()
        raise RuntimeError(f"fwpay-sandbox did not start: {line.strip()!r}")
    address = line.split("listening on ", 1)[1].strip()
    return RunningSandbox(f"{address}/payments/v1", DEMO_KEY, DEMO_SECRET, database, process)


@pytest.fixture
def fwpay_sandbox(tmp_path: pathlib.Path) -> Iterator[RunningSandbox]:
    """A private fwpay-sandbox for this test, stopped after it."""
    running = start_sandbox(tmp_path)
    try:
        yield running
    finally:
        running.stop()
