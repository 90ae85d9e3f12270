"""Every exception class, raised by a real situation against a sandbox."""
from __future__ import annotations

import urllib.error
from typing import Any, Callable

import pytest

import fwpay
from helpers import control, order_body


def test_api_errors(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        with pytest.raises(fwpay.InvalidRequestError) as invalid:
            client.orders.create({**order_body(client), "items": [{"amount": 100}]})
        assert invalid.value.status == 422 and invalid.value.errors[0]["source"] == "/recipient/items"
        with pytest.raises(fwpay.NotFoundError):
            client.payments.get("FWU000000000")
        control(sandbox, "faults", {"path": "/recipients", "kind": "rate_limit"})
        with pytest.raises(fwpay.RateLimitError) as limited:
            client.recipients.page()
        assert limited.value.status == 429
        control(sandbox, "faults", {"path": "/orders", "method": "POST", "kind": "error", "status": 503})
        with pytest.raises(fwpay.APIError) as server:
            client.orders.create(order_body(client))
        assert type(server.value) is fwpay.APIError and server.value.status == 503
    with fwpay.Client(api_key="wrong-key", base_url=sandbox.base_url) as stranger:
        with pytest.raises(fwpay.AuthenticationError) as denied:
            stranger.recipients.page()
        assert "wrong-key" not in str(denied.value) + repr(denied.value)


def test_outcome_unknown_against_a_server_without_idempotency(sandbox_factory: Callable[..., Any]) -> None:
    sandbox = sandbox_factory("--ignore-idempotency-keys")
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        order = client.orders.create(order_body(client))
        control(sandbox, "faults", {"path": f"/orders/{order['id']}/charge", "kind": "drop_after"})
        with pytest.raises(fwpay.OutcomeUnknownError) as unknown:
            client.orders.charge(order["id"], idempotency_key="charge-7")
        assert unknown.value.idempotency_key == "charge-7" and unknown.value.status == 0
        assert client.orders.get(order["id"])["status"] == "charged"  # it happened, once
        assert client.payments.page()["total_entries"] == 1


def test_connection_and_timeout(sandbox: Any) -> None:
    with fwpay.Client(api_key="k", base_url="http://127.0.0.1:1/payments/v1", max_retries=0) as client:
        with pytest.raises(fwpay.ConnectionError, match="could not reach the server"):
            client.recipients.page()
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=0) as client:
        control(sandbox, "faults", {"path": "/recipients", "kind": "latency", "latency_ms": 1500})
        with pytest.raises(fwpay.ConnectionError, match="timed out"):
            client.recipients.get("FWU", timeout=0.3)


def test_signature_and_invalid_argument() -> None:
    with pytest.raises(fwpay.SignatureError):
        fwpay.notifications.verify(b"{}", "bm9wZQ==", "secret")
    with pytest.raises(fwpay.InvalidArgumentError):
        fwpay.Client(api_key="k", base_url="http://example.com")
    assert issubclass(fwpay.ConnectionError, ConnectionError) and issubclass(fwpay.InvalidArgumentError, ValueError)
    for cls in (fwpay.APIError, fwpay.InvalidRequestError, fwpay.AuthenticationError, fwpay.NotFoundError, fwpay.RateLimitError,
                fwpay.ConnectionError, fwpay.OutcomeUnknownError, fwpay.SignatureError, fwpay.InvalidArgumentError):
        assert issubclass(cls, fwpay.Error)
    assert not issubclass(urllib.error.URLError, fwpay.Error)
