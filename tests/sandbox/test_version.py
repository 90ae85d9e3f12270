"""The sandbox names its version: `fwpay-sandbox --version`, and a Fwpay-Sandbox-Version
header on every answer (API, errors, pages, health, a misdirected host), so that an SDK's
test suite can require a minimum version."""
from __future__ import annotations

import http.client
import os
import pathlib
import subprocess
import urllib.parse
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()


def test_version_flag() -> None:
    program = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))
    result = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == VERSION


def test_every_answer_names_the_version(sandbox: Any) -> None:
    address = urllib.parse.urlsplit(sandbox.base_url)
    cases = [
        ("GET", "/health", {}, 200),
        ("GET", "/payments/v1/recipients", {"X-Authentication-Key": sandbox.api_key}, 200),
        ("GET", "/payments/v1/recipients", {}, 401),
        ("GET", "/payments/v1/payments/FWU000000000", {"X-Authentication-Key": sandbox.api_key}, 404),
        ("POST", "/payments/v1/orders", {"X-Authentication-Key": sandbox.api_key, "Content-Type": "application/json"}, 400),
        ("GET", "/no/such/route", {}, 404),
        ("GET", "/sign-in", {}, 200),
        ("GET", "/health", {"Host": "attacker.example"}, 421),
    ]
    for method, path, headers, status in cases:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        connection.request(method, path, body=b"{" if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == status, (method, path, response.status)
        assert response.getheader("Fwpay-Sandbox-Version") == VERSION, (method, path, response.getheaders())
