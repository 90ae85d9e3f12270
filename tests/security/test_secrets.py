"""Secrets stay secret: a whole run (successes, failures, retries, notifications) through the
Python package, the fwpay command and the sandbox, with every log line, error message,
exception text and output captured; neither the API key nor the shared secret may appear."""
from __future__ import annotations

import logging
import os
import pathlib
import subprocess
from typing import Any, Callable

import pytest

import fwpay

ROOT = pathlib.Path(__file__).resolve().parents[2]
KEY = "live-key-7Q2m9ZxR4tLw"
SECRET = "shared-secret-K8vN3pJ6"
WRONG_KEY = "wrong-key-3Hh8Tt1Yy"


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def test_no_secret_anywhere(tmp_path: pathlib.Path, sandbox_factory: Callable[..., Any]) -> None:
    sandbox = sandbox_factory("--client", f"{KEY}:{SECRET}")
    seen: list[str] = []
    capture = Capture()
    logger = logging.getLogger("fwpay")
    logger.addHandler(capture)
    logger.setLevel(logging.DEBUG)
    try:
        with fwpay.Client(api_key=KEY, base_url=sandbox.base_url) as client:
            offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]
            order = client.orders.create({"payer": {"first_name": "SANDBOX_TO_DELIVERED_STATUS", "country": "ES"},
                                          "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
                                          "items": [{"amount": 120000}], "offer": {"id": offer["id"]},
                                          "notifications_url": "http://127.0.0.1:9/hook"})
            payment = client.orders.charge(order["id"])
            seen.append(repr(payment))
            failures: list[Callable[[], Any]] = [
                lambda: client.orders.charge(order["id"]),                      # 422
                lambda: client.payments.get("FWU000000000"),                    # 404
                lambda: client.orders.update(order["id"], {"recipient": {"id": "FWU"}}),
                lambda: client.refunds.create(payment["payment_reference"], {"amount": 10**9}),
                lambda: fwpay.notifications.verify(b"{}", "bm9wZQ==", SECRET),
                lambda: fwpay.notifications.verify(b"{}", "bm9wZQ==", KEY),
                lambda: client.request("GET", f"/recipients/{KEY}"),          # a key-like value in a path
            ]
            for failure in failures:
                with pytest.raises(fwpay.Error) as caught:
                    failure()
                seen += [str(caught.value), repr(caught.value), caught.value.message, repr(caught.value.errors)]
        with fwpay.Client(api_key=WRONG_KEY, base_url=sandbox.base_url) as stranger:
            with pytest.raises(fwpay.AuthenticationError) as denied:
                stranger.recipients.page()
            seen += [str(denied.value), repr(denied.value)]
        with pytest.raises(fwpay.Error) as bad_key:
            fwpay.Client(api_key=KEY + " with space", base_url=sandbox.base_url)
        seen.append(str(bad_key.value))
    finally:
        logger.removeHandler(capture)
    seen += capture.lines
    assert any("POST /orders" in line for line in capture.lines)  # the logs were captured

    fwpay_command = str(ROOT / "build" / "bin" / "fwpay")
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": KEY,
           "FWPAY_SHARED_SECRET": SECRET}
    for args in (["recipients", "get", "FWU"], ["payments", "list", "--all"], ["orders", "charge", order["id"]],
                 ["payments", "get", "FWU000000000"], ["--api-key", WRONG_KEY, "recipients", "list"],
                 ["notifications", "verify", "--digest", "bm9wZQ=="], ["notifications", "sign"],
                 ["--api-key", KEY + "\n", "recipients", "list"], ["bogus"]):
        result = subprocess.run([fwpay_command, *args], input="{}", capture_output=True, text=True, env=env, timeout=60)
        seen += [result.stdout, result.stderr]

    sandbox.process.terminate()
    sandbox.process.wait(10)
    transcript = "\n".join(seen)
    assert len(transcript) > 2000
    for secret in (KEY, SECRET, WRONG_KEY):
        assert secret not in transcript, f"{secret} leaked"
