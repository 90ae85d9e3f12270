"""Findings of the third security review (../shared/docs/security-findings-3.md) that the
client answered wrongly on main at eb9795d, reproduced as the review did. (N1 and N2 are
tested in the bindings' own suites and tests/servers/test_java.py.)"""
from __future__ import annotations

import http.server
import threading
import time
from typing import Any

import pytest

import fwpay


class ChargeCounter(http.server.BaseHTTPRequestHandler):
    """Echoes a request's Idempotency-Key on a 404 of /unrelated/echo; stalls past the
    client's timeout on /payments/charge, counting each POST it receives there."""
    charges = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.endswith("/payments/charge"):
            type(self).charges += 1
            time.sleep(2.5)
            body, status = b'{"payment_reference": "FWU000000001"}', 200
        else:
            body, status = b'{"type": "not_found"}', 404
        try:
            self.send_response(status)
            if self.headers.get("Idempotency-Key"):
                self.send_header("Idempotency-Key", self.headers["Idempotency-Key"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args: Any) -> None:
        pass


def test_n4_an_echoed_key_never_makes_a_post_repeatable() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChargeCounter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/payments/v1"
    try:
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=2) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            assert ChargeCounter.charges == 1
            with pytest.raises(fwpay.NotFoundError):
                client.request("POST", "/unrelated/echo", {})  # its 404 echoes the key
            with pytest.raises(fwpay.OutcomeUnknownError) as raised:
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2, "a timed-out charge was sent again after a server echoed a key"
            assert raised.value.idempotency_key
        # Told that the server deduplicates, the client retries under the same key.
        ChargeCounter.charges = 0
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=1, server_deduplicates=True) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2
    finally:
        server.shutdown()
