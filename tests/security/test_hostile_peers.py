"""The sandbox against hostile peers on loopback (security-findings.md H1, H2, M4): receivers
that stream or drip their answers, and connection floods under the common descriptor limit.
Every load is bounded in count and time."""
from __future__ import annotations

import json
import os
import pathlib
import re
import resource
import socket
import subprocess
import threading
import time
import urllib.request
from typing import Any, Callable

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SANDBOX = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))


class HostileReceiver:
    """Answers every connection with a status line, then `behaviour` for `seconds`."""

    def __init__(self, behaviour: str, seconds: float = 8.0) -> None:
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.port = self.server.getsockname()[1]
        self.behaviour, self.seconds = behaviour, seconds
        self.stop = time.monotonic() + 30
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while time.monotonic() < self.stop:
            try:
                self.server.settimeout(1)
                connection, _ = self.server.accept()
            except OSError:
                continue
            threading.Thread(target=self.serve, args=(connection,), daemon=True).start()

    def serve(self, connection: socket.socket) -> None:
        try:
            connection.recv(65536)
            end = time.monotonic() + self.seconds
            if self.behaviour == "stream":  # H1: 200, then an endless body
                connection.sendall(b"HTTP/1.1 200 OK\r\n\r\n")
                while time.monotonic() < end:
                    connection.sendall(b"x" * 65536)
            elif self.behaviour == "drip":  # M4: a status line, then a byte every second
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n")
                while time.monotonic() < end:
                    connection.sendall(b"X-Drip: 1\r\n")
                    time.sleep(1)
            else:
                connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        except OSError:
            pass
        finally:
            connection.close()

    def close(self) -> None:
        self.stop = 0
        self.server.close()


def start(tmp_path: pathlib.Path, *flags: str, descriptors: int | None = None) -> tuple[subprocess.Popen[str], str]:
    def limit() -> None:
        if descriptors:
            resource.setrlimit(resource.RLIMIT_NOFILE, (descriptors, descriptors))
    process = subprocess.Popen([SANDBOX, "--port", "0", "--db", str(tmp_path / "s.sqlite"), *flags],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=limit)
    assert process.stdout is not None
    root = re.search(r"http://\S+", process.stdout.readline()).group(0)  # type: ignore[union-attr]
    return process, root


def call(root: str, method: str, path: str, body: Any = None, key: str = "sandbox-demo-key") -> Any:
    request = urllib.request.Request(root + path, data=json.dumps(body).encode() if body is not None else None, method=method,
                                     headers={"X-Authentication-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def charge_order(root: str, key: str = "sandbox-demo-key") -> str:
    offer = call(root, "GET", "/payments/v1/offers?amount=120000&country=US&recipient=FWU", key=key)["offers"][0]["id"]
    order = call(root, "POST", "/payments/v1/orders", {
        "payer": {"first_name": "P", "country": "US"}, "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
        "items": [{"id": "t", "amount": 120000}], "offer": {"id": offer}}, key=key)
    return str(call(root, "POST", f"/payments/v1/orders/{order['id']}/charge", key=key)["payment_reference"])


def resident_kib(process: subprocess.Popen[str]) -> int:
    for line in open(f"/proc/{process.pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_a_receiver_that_streams_its_answer_does_not_grow_the_sandbox(tmp_path: pathlib.Path) -> None:
    """H1: was 52 MB to 12.8 GB in 25 s; only the status line may be read."""
    receiver = HostileReceiver("stream", seconds=8)
    process, root = start(tmp_path, "--notifications-url", f"http://127.0.0.1:{receiver.port}/hook")
    try:
        reference = charge_order(root)
        before = resident_kib(process)
        time.sleep(5)
        grown = resident_kib(process) - before
        assert grown < 64 * 1024, f"the sandbox grew by {grown} KiB while a receiver streamed"
        notifications = call(root, "GET", f"/sandbox/notifications?resource_id={reference}")["notifications"]
        assert notifications and all(n["attempts"] and n["attempts"][0]["status_code"] == 200 for n in notifications)
    finally:
        stop(process)
        receiver.close()


def test_a_dripping_receiver_does_not_delay_another_clients_notifications(tmp_path: pathlib.Path) -> None:
    """M4: one client's slow receivers held every client's deliveries."""
    drip, fine = HostileReceiver("drip", seconds=20), HostileReceiver("ok")
    process, root = start(tmp_path, "--notifications-url", f"http://127.0.0.1:{drip.port}/hook",
                          "--client", f"key-b:secret-b:http://127.0.0.1:{fine.port}/ok")
    try:
        slow = [charge_order(root) for _ in range(20)]  # 20 notifications to the dripping receiver
        time.sleep(0.5)
        reference = charge_order(root, key="key-b")
        deadline = time.monotonic() + 5
        notifications: list[Any] = []
        while time.monotonic() < deadline and not (notifications and all(n["state"] == "delivered" for n in notifications)):
            time.sleep(0.3)
            notifications = call(root, "GET", f"/sandbox/notifications?resource_id={reference}", key="key-b")["notifications"]
        assert notifications and all(n["state"] == "delivered" for n in notifications), \
            "the other client's notifications waited for the slow receiver"
        # Meanwhile the slow receiver's notifications are still being delivered, or waiting.
        held = call(root, "GET", "/sandbox/notifications?per_page=100")["notifications"]
        assert len(held) == len(slow) and any(n["state"] == "pending" for n in held)
    finally:
        stop(process)
        drip.close()
        fine.close()


def test_a_connection_flood_under_1024_descriptors_does_not_kill_the_sandbox(tmp_path: pathlib.Path) -> None:
    """H2: about 1,020 idle connections under `ulimit -n 1024` crashed it (SIGILL)."""
    process, root = start(tmp_path, "--head-timeout", "2", descriptors=1024)
    port = int(root.rsplit(":", 1)[1])
    sockets: list[socket.socket] = []
    try:
        for _ in range(1100):
            try:
                sockets.append(socket.create_connection(("127.0.0.1", port), timeout=2))
            except OSError:
                break
        time.sleep(4)  # past the head timeout, with the flood still held
        assert process.poll() is None, "the sandbox died under the flood"
        assert call(root, "GET", "/health") == {"status": "ok"}
        # Connections that never sent a request were closed by the sandbox.
        sockets[0].settimeout(2)
        assert sockets[0].recv(1) == b""
    finally:
        for each in sockets:
            each.close()
        stop(process)
    assert process.returncode in (0, -15), process.stderr.read() if process.stderr else ""
