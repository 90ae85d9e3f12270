"""fwpay.notifications: verify, parse, sign, against the sandbox's own signatures too."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.request
from typing import Any

import pytest

import fwpay
from helpers import order_body, root

V2 = (b'{"event_type":"guaranteed","event_date":"2024-05-20T10:15:00Z","event_resource":"payments",'
      b'"data":{"payment_id":"FWU125675432","status":"guaranteed","amount_from":"30000","currency_from":"USD",'
      b'"amount_to":"30000","currency_to":"USD"}}')


def test_sign_and_verify_match_hmac() -> None:
    expected = base64.b64encode(hmac.new(b"s3cret", V2, hashlib.sha256).digest()).decode()
    assert fwpay.notifications.sign(V2, "s3cret") == expected
    fwpay.notifications.verify(V2, expected, "s3cret")
    assert fwpay.notifications.is_valid(V2, expected + "\r\n", "s3cret")
    assert not fwpay.notifications.is_valid(V2 + b" ", expected, "s3cret")
    assert not fwpay.notifications.is_valid(V2, expected, "other")
    with pytest.raises(fwpay.SignatureError) as forged:
        fwpay.notifications.verify(V2, expected, "other")
    assert "s3cret" not in str(forged.value) and "other" not in str(forged.value)
    with pytest.raises(TypeError, match="body must be bytes"):
        fwpay.notifications.verify(V2.decode(), expected, "s3cret")  # type: ignore[arg-type]
    with pytest.raises(fwpay.InvalidArgumentError, match="secret must not be empty"):
        fwpay.notifications.verify(V2, expected, "")
    with pytest.raises(fwpay.InvalidArgumentError):
        fwpay.notifications.verify(b"x" * (2 << 20), expected, "s3cret")


def test_parse_both_formats() -> None:
    event = fwpay.notifications.construct_event(V2, fwpay.notifications.sign(V2, "k"), "k")
    assert event["format"] == "v2" and event["amount_from"] == 30000 and event["dedup_key"].startswith("payments:FWU125675432:guaranteed:")
    classic = fwpay.notifications.parse(b'{"payment_id":"FWU1","status":"delivered","amount_to":"100"}')
    assert classic["format"] == "classic" and classic["event_type"] == "delivered" and classic["amount_to"] == 100
    for bad in (b"{bad", b"[]"):
        with pytest.raises(fwpay.Error):
            fwpay.notifications.parse(bad)
    # A member that cannot be read never fails the notification: it is kept as text.
    odd = fwpay.notifications.parse(b'{"payment_id":"F","status":"x","amount_to":"1.5"}')
    assert odd["amount_to"] is None and odd["amount_text"] == "1.5" and odd["data"]["amount_to"] == "1.5"
    assert fwpay.notifications.parse(b'{"status":"x"}')["id"] is None


def test_the_sandboxs_signatures_verify(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        # Nobody listens on port 9: deliveries fail, but the signed bodies are in the log.
        body = {**order_body(client, "SANDBOX_TO_DELIVERED_STATUS"), "notifications_url": "http://127.0.0.1:9/hook"}
        order = client.orders.create(body)
        reference = client.orders.charge(order["id"])["payment_reference"]
    request = urllib.request.Request(f"{root(sandbox)}/sandbox/notifications?per_page=100",
                                     headers={"X-Authentication-Key": sandbox.api_key})
    with urllib.request.urlopen(request, timeout=30) as response:
        log = json.loads(response.read())["notifications"]
    assert sorted(entry["event_type"] for entry in log) == ["delivered", "guaranteed", "initiated", "processed"]
    for entry in log:
        event = fwpay.notifications.construct_event(entry["body"].encode(), entry["digest"], "sandbox-demo-secret")
        assert event["id"] == reference
