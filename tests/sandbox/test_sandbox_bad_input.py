"""Bad input at the sandbox's HTTP boundary, case by case: the expected error in Flywire's
problem shape, never a crash (the sandbox keeps answering), and nothing stored."""
from __future__ import annotations

import json
from typing import Any

import pytest

from test_sandbox_http import call

VALID_ORDER = {"payer": {"country": "ES"}, "items": [{"amount": 120000}],
               "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]}}

CASES: list[tuple[str, str, str, dict[str, Any], int]] = [
    # (name, method, path, call arguments, expected status)
    ("malformed JSON", "POST", "/orders", {"raw": b'{"payer": '}, 400),
    ("JSON that is not an object", "POST", "/orders", {"raw": b'"order"'}, 400),
    ("invalid UTF-8", "POST", "/orders", {"raw": b'{"payer": {"country": "\xff\xfe"}}'}, 400),
    ("wrong content type", "POST", "/orders", {"body": VALID_ORDER, "headers": {"Content-Type": "text/xml"}}, 415),
    ("a body over 1 MiB", "POST", "/orders", {"raw": b'{"x": "' + b"a" * (1 << 20) + b'"}'}, 413),
    ("a deeply nested body", "POST", "/orders", {"raw": b"[" * 5000 + b"]" * 5000}, 400),
    ("unknown fields only", "POST", "/orders", {"body": {"colour": "red", "size": 3}}, 422),
    ("SQL in a field", "POST", "/orders", {"body": {**VALID_ORDER, "recipient": {"id": "FWU' OR '1'='1"}}}, 422),
    ("SQL in a path", "GET", "/orders/x'%3B%20DELETE%20FROM%20payment%3B--", {}, 404),
    ("path traversal in an id", "GET", "/recipients/..%2F..%2Fetc%2Fpasswd", {}, 404),
    ("traversal in a charge", "POST", "/orders/..%2Fpayments/charge", {}, 404),
    ("a huge id", "GET", "/payments/" + "F" * 4000, {}, 404),
    ("a negative amount", "POST", "/orders", {"body": {**VALID_ORDER, "items": [{"amount": -5}]}}, 422),
    ("an amount as text", "POST", "/orders", {"body": {**VALID_ORDER, "items": [{"amount": "120000"}]}}, 422),
    ("an amount too large", "POST", "/orders", {"body": {**VALID_ORDER, "items": [{"amount": 10**30}]}}, 422),
    ("an offer id that is not the sandbox's", "POST", "/orders",
     {"body": {**VALID_ORDER, "offer": {"id": "MSBwdF8gRVM="}}}, 422),  # base64 of "1 pt_ ES"
    ("session items summing past Int64", "POST", "/checkout/sessions",
     {"body": {"type": "one_off", "recipient_id": "FWU", "items": [{"amount": 2**63 // 1000}] * 1001}}, 422),
    ("token charge items summing past Int64", "POST", "/payments/charge",
     {"body": {"payment_method_token": "t", "mandate_id": "m", "charge_intent": {"mode": "unscheduled"},
               "items": [{"amount": 2**63 // 1000}] * 1001}}, 422),
    ("a float page", "GET", "/payments?page=1.5", {}, 400),
    ("per_page out of range", "GET", "/payments?per_page=0", {}, 400),
    ("a capture of a string", "POST", "/payments/FWU000000000/captures", {"body": {"amount": "all"}}, 422),
    ("a clock going back", "POST", "/../sandbox/clock/advance", {"body": {"days": -1}}, 404),
]


@pytest.mark.parametrize("name, method, path, arguments, status", CASES, ids=[case[0] for case in CASES])
def test_bad_input(sandbox: Any, name: str, method: str, path: str, arguments: dict[str, Any], status: int) -> None:
    before = [call(sandbox, "GET", "/orders")[1]["total_entries"], call(sandbox, "GET", "/payments")[1]["total_entries"]]
    answered, body, headers = call(sandbox, method, path, arguments.get("body"), raw=arguments.get("raw"),
                                   headers=arguments.get("headers"))
    assert answered == status, body
    assert body["type"] == "https://developers.flywire.com" and body["title"] and str(body["status"]) == str(status)
    assert headers.get("X-Request-Id", "").startswith("req_")
    # Still up, and nothing was stored.
    after = [call(sandbox, "GET", "/orders")[1]["total_entries"], call(sandbox, "GET", "/payments")[1]["total_entries"]]
    assert after == before
    assert call(sandbox, "GET", "/recipients/FWU")[0] == 200
    assert json.dumps(body).count("FWU' OR") <= 1


def test_offers_for_an_amount_near_int64_max(sandbox: Any) -> None:
    # Pricing converts currencies; an amount near Int64.max must saturate, not trap.
    status, body, _ = call(sandbox, "GET", f"/offers?amount={2**63 - 1}&country=VN&recipient=FWU")
    assert status == 200, body
    assert all(0 < offer["price"]["value"] <= 2**63 - 1 for offer in body["offers"])
    assert call(sandbox, "GET", "/recipients/FWU")[0] == 200
