"""The sandbox as a team's service: configured from the environment (PORT, FWPAY_SANDBOX_DB,
FWPAY_SANDBOX_ALLOWED_HOSTS, as container platforms set them), API clients added and revoked
while it runs (SIGHUP re-reads --clients-file), each client still seeing only its own data."""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import signal
import socket
import subprocess
import time
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAM = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(arguments: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen([PROGRAM, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **env})
    line = process.stdout.readline() if process.stdout else ""
    assert "listening on" in line, (line, process.stderr.read() if process.stderr else "")
    return process, int(line.rsplit(":", 1)[1])


def stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    process.wait(10)


def call(port: int, method: str, path: str, key: str, body: Any = None, host: str | None = None) -> tuple[int, Any]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"X-Authentication-Key": key, "Content-Type": "application/json"}
    if host:
        headers["Host"] = host
    connection.request(method, "/payments/v1" + path, body=None if body is None else json.dumps(body), headers=headers)
    answer = connection.getresponse()
    text = answer.read()
    connection.close()
    return answer.status, json.loads(text) if text else None


def test_port_database_and_hosts_come_from_the_environment(tmp_path: pathlib.Path) -> None:
    port = free_port()
    database = tmp_path / "team.sqlite"
    process, listening = start([], {"PORT": str(port), "FWPAY_SANDBOX_DB": str(database),
                                     "FWPAY_SANDBOX_ALLOWED_HOSTS": "sandbox, fwpay-sandbox.internal"})
    try:
        assert listening == port
        assert database.exists()
        assert call(port, "GET", "/recipients/FWU", "sandbox-demo-key", host="sandbox")[0] == 200
        assert call(port, "GET", "/recipients/FWU", "sandbox-demo-key", host="fwpay-sandbox.internal:8080")[0] == 200
        assert call(port, "GET", "/recipients/FWU", "sandbox-demo-key", host="elsewhere.example")[0] == 421
    finally:
        stop(process)
    # A flag wins over the environment; a PORT that is not a number is refused clearly.
    process, listening = start(["--port", "0", "--db", str(tmp_path / "flag.sqlite")], {"PORT": str(port)})
    try:
        assert listening != port and (tmp_path / "flag.sqlite").exists()
    finally:
        stop(process)
    refused = subprocess.run([PROGRAM, "--db", str(tmp_path / "x.sqlite")], capture_output=True, text=True,
                             env={**os.environ, "PORT": "eighty"}, timeout=30)
    assert refused.returncode != 0 and "$PORT" in refused.stderr


def wait_for(condition: Any, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_sighup_adds_and_revokes_clients_from_the_clients_file(tmp_path: pathlib.Path) -> None:
    clients = tmp_path / "clients"
    clients.write_text("# the team\nalice-key:alice-secret\n")
    process, port = start(["--port", "0", "--db", str(tmp_path / "db.sqlite"), "--clients-file", str(clients)], {})
    try:
        assert call(port, "GET", "/recipients/FWU", "alice-key")[0] == 200
        assert call(port, "GET", "/recipients/FWU", "bob-key")[0] == 401
        offer = call(port, "GET", "/offers?recipient=FWU&amount=120000&country=ES", "alice-key")[1]["offers"][0]
        status, order = call(port, "POST", "/orders", "alice-key", {
            "payer": {"first_name": "Alice", "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "A"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer["id"]}})
        assert status == 201, order

        clients.write_text("alice-key:alice-secret\nbob-key:bob-secret\n")
        process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: call(port, "GET", "/recipients/FWU", "bob-key")[0] == 200), "bob was not added"
        # Bob sees none of Alice's data.
        assert call(port, "GET", f"/orders/{order['id']}", "bob-key")[0] == 404
        assert call(port, "GET", f"/orders/{order['id']}", "alice-key")[0] == 200

        clients.write_text("bob-key:bob-secret\n")
        process.send_signal(signal.SIGHUP)
        assert wait_for(lambda: call(port, "GET", "/recipients/FWU", "alice-key")[0] == 401), "alice was not revoked"
        assert call(port, "GET", "/recipients/FWU", "bob-key")[0] == 200
        assert call(port, "GET", "/recipients/FWU", "sandbox-demo-key")[0] == 200  # the demo client stays

        # A file that cannot be read leaves the clients as they were, and says so.
        clients.unlink()
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)
        assert call(port, "GET", "/recipients/FWU", "bob-key")[0] == 200
        assert process.poll() is None
    finally:
        stop(process)
    assert "were not reloaded" in (process.stderr.read() if process.stderr else "")
