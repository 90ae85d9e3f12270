"""fwpay-sandbox over HTTP, as any client sees it: idempotency keys, injected faults,
concurrent charges, notification delivery with X-Flywire-Digest, client isolation, errors."""
from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import http.client
import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any

import pytest

import conftest


class Receiver:
    """A notification receiver on loopback; answers 500 to the first `failures` deliveries."""

    def __init__(self, failures: int = 0) -> None:
        self.received: list[tuple[str, bytes]] = []
        self.failures = failures
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((self.headers.get("X-Flywire-Digest", ""), body))
                code = 500 if len(outer.received) <= outer.failures else 200
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/notifications"


def call(sandbox: Any, method: str, path: str, body: Any = None, key: str | None = None,
         headers: dict[str, str] | None = None, root: str | None = None, raw: bytes | None = None) -> tuple[int, Any, dict[str, str]]:
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request((root or sandbox.base_url) + path, method=method, data=data,
                                     headers={"X-Authentication-Key": key if key is not None else sandbox.api_key,
                                              "Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null"), dict(error.headers)


def control(sandbox: Any, method: str, path: str, body: Any = None, key: str | None = None) -> tuple[int, Any, dict[str, str]]:
    return call(sandbox, method, path, body, key=key, root=sandbox.base_url.removesuffix("/payments/v1") + "/sandbox")


def order(sandbox: Any, key: str | None = None, first_name: str = "Peter", notifications_url: str | None = None) -> str:
    offers = call(sandbox, "GET", "/offers?amount=120000&country=ES&recipient=FWU", key=key)[1]["offers"]
    body = {"payer": {"first_name": first_name, "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offers[0]["id"]}}
    if notifications_url:
        body["notifications_url"] = notifications_url
    status, created, _ = call(sandbox, "POST", "/orders", body, key=key)
    assert status == 201, created
    return str(created["id"])


def test_idempotency_key_replays_and_refuses_reuse(sandbox: Any) -> None:
    order_id = order(sandbox)
    first = call(sandbox, "POST", f"/orders/{order_id}/charge", headers={"Idempotency-Key": "charge-1"})
    assert first[0] == 201 and first[2]["Idempotency-Key"] == "charge-1"
    again = call(sandbox, "POST", f"/orders/{order_id}/charge", headers={"Idempotency-Key": "charge-1"})
    assert again[0] == 201 and again[1] == first[1] and again[2].get("Idempotent-Replayed") == "true"
    other = call(sandbox, "POST", f"/orders/{order(sandbox)}/charge", headers={"Idempotency-Key": "charge-1"})
    assert other[0] == 422 and other[1]["errors"][0]["message"] == "was already used with a different request"
    without = call(sandbox, "POST", f"/orders/{order_id}/charge")
    assert without[0] == 422 and "Idempotency-Key" not in without[2]
    bad = call(sandbox, "POST", f"/orders/{order_id}/charge", headers={"Idempotency-Key": "x" * 300})
    assert bad[0] == 400


def test_connection_dropped_after_commit_then_retried_with_the_key(sandbox: Any) -> None:
    order_id = order(sandbox)
    assert control(sandbox, "POST", "/faults", {"path": f"/orders/{order_id}/charge", "kind": "drop_after"})[0] == 201
    with pytest.raises((urllib.error.URLError, ConnectionError, http.client.RemoteDisconnected)):
        call(sandbox, "POST", f"/orders/{order_id}/charge", headers={"Idempotency-Key": "dropped"})
    status, payment, headers = call(sandbox, "POST", f"/orders/{order_id}/charge", headers={"Idempotency-Key": "dropped"})
    assert status == 201 and headers.get("Idempotent-Replayed") == "true"
    listed = call(sandbox, "GET", "/payments?per_page=100")[1]
    assert [p["payment_id"] for p in listed["payments"] if p["order_id"] == order_id] == [payment["payment_reference"]]


def test_faults_are_counted_and_scoped(sandbox: Any) -> None:
    control(sandbox, "POST", "/faults", {"path": "/recipients", "kind": "error", "status": 503, "count": 2})
    control(sandbox, "POST", "/faults", {"path": "/offers", "kind": "rate_limit"})
    assert call(sandbox, "GET", "/recipients", key=sandbox.second_api_key)[0] == 200  # another client's requests are untouched
    assert [call(sandbox, "GET", "/recipients")[0] for _ in range(3)] == [503, 503, 200]
    assert call(sandbox, "GET", "/offers?amount=1&country=ES&recipient=FWU")[0] == 429
    control(sandbox, "POST", "/faults", {"path": "/recipients", "kind": "latency", "latency_ms": 300})
    started = time.monotonic()
    assert call(sandbox, "GET", "/recipients")[0] == 200 and time.monotonic() - started >= 0.3
    assert control(sandbox, "POST", "/faults", {"kind": "explode"})[0] == 422


def test_twenty_concurrent_charges_make_one_payment(sandbox: Any) -> None:
    order_id = order(sandbox)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(call(sandbox, "POST", f"/orders/{order_id}/charge")[0])) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [201] + [422] * 19
    assert call(sandbox, "GET", "/payments")[1]["total_entries"] == 1


def test_notifications_are_signed_delivered_and_retried(sandbox: Any) -> None:
    receiver = Receiver(failures=1)
    order_id = order(sandbox, first_name="SANDBOX_TO_GUARANTEED_STATUS", notifications_url=receiver.url)
    reference = call(sandbox, "POST", f"/orders/{order_id}/charge")[1]["payment_reference"]
    deadline = time.monotonic() + 30
    while len(receiver.received) < 4 and time.monotonic() < deadline:  # one failure, then three statuses
        control(sandbox, "POST", "/clock/advance", {"seconds": 60})  # makes the retry due at once
        time.sleep(0.2)
    events = [json.loads(body)["event_type"] for _, body in receiver.received[1:]]
    assert sorted(events) == ["guaranteed", "initiated", "processed"]
    for digest, body in receiver.received:
        expected = base64.b64encode(hmac.new(b"sandbox-demo-secret", body, hashlib.sha256).digest()).decode()
        assert hmac.compare_digest(digest, expected)
        envelope = json.loads(body)
        assert envelope["event_resource"] == "payments" and envelope["data"]["payment_id"] == reference
    log = control(sandbox, "GET", f"/notifications?resource_id={reference}")[1]["notifications"]
    assert all(entry["state"] == "delivered" for entry in log)
    assert sorted(len(entry["attempts"]) for entry in log) == [1, 1, 2]
    assert any(a["status_code"] == 500 for entry in log for a in entry["attempts"])


def test_notifications_never_leave_loopback(sandbox: Any) -> None:
    order_id = order(sandbox, notifications_url="http://consumer-url.com/notifications")
    reference = call(sandbox, "POST", f"/orders/{order_id}/charge")[1]["payment_reference"]
    deadline = time.monotonic() + 10
    log: list[Any] = []
    while time.monotonic() < deadline:
        log = control(sandbox, "GET", f"/notifications?resource_id={reference}")[1]["notifications"]
        if log and log[0]["state"] != "pending":
            break
        time.sleep(0.1)
    assert log[0]["state"] == "failed" and "not a loopback address" in log[0]["attempts"][0]["error"]


def test_another_client_sees_nothing(sandbox: Any) -> None:
    order_id = order(sandbox, first_name="SANDBOX_TO_DELIVERED_STATUS")
    reference = call(sandbox, "POST", f"/orders/{order_id}/charge")[1]["payment_reference"]
    refund = call(sandbox, "POST", f"/payments/{reference}/refunds", {"amount": 1000})[1]
    session = call(sandbox, "POST", "/checkout/sessions", {
        "type": "one_off", "recipient_id": "FWU", "items": [{"id": "default", "amount": 10000}],
        "recipient": {"fields": [{"id": "custom_field_1", "value": "X"}]}})[1]
    other = sandbox.second_api_key
    for method, path in [("GET", f"/orders/{order_id}"), ("PATCH", f"/orders/{order_id}"), ("POST", f"/orders/{order_id}/charge"),
                         ("GET", f"/payments/{reference}"), ("GET", f"/payments/{reference}/receipt"),
                         ("POST", f"/payments/{reference}/cancel"), ("POST", f"/payments/{reference}/refunds"),
                         ("GET", f"/refunds/{refund['refund_id']}"), ("POST", f"/refunds/{refund['refund_id']}/cancel"),
                         ("GET", f"/refund_bundles/{refund['bundle_id']}"), ("POST", f"/refund_bundles/{refund['bundle_id']}/approve"),
                         ("GET", f"/checkout/sessions/{session['id']}"), ("POST", f"/checkout/sessions/{session['id']}/confirm")]:
        status, _, _ = call(sandbox, method, path, {"amount": 1000, "metadata": {}}, key=other)
        assert status == 404, (method, path, status)
    assert call(sandbox, "GET", "/payments", key=other)[1]["total_entries"] == 0
    assert call(sandbox, "GET", "/refunds", key=other)[1]["total_entries"] == 0
    assert control(sandbox, "GET", "/notifications", key=other)[1]["total_entries"] == 0


def test_errors_are_problems(sandbox: Any) -> None:
    assert call(sandbox, "GET", "/recipients", key="")[0] == 401
    assert control(sandbox, "GET", "/clock", key="wrong")[0] == 401
    status, body, _ = call(sandbox, "POST", "/orders", raw=b"{not json")
    assert status == 400 and body["status"] == 400 and body["type"] == "https://developers.flywire.com"
    assert call(sandbox, "POST", "/orders", raw=b"[1,2]")[0] == 400
    assert call(sandbox, "POST", "/orders", raw=b"x" * (2 << 20))[0] == 413
    assert call(sandbox, "POST", "/orders", {"a": 1}, headers={"Content-Type": "text/plain"})[0] == 415
    assert call(sandbox, "GET", "/orders/%27%3B%20DROP%20TABLE%20payment%3B%20--")[0] == 404
    assert call(sandbox, "GET", "/payments")[0] == 200  # the table is still there
    assert call(sandbox, "GET", "/no/such/route")[1]["status"] == 404
    assert call(sandbox, "GET", "/payments?status=bogus")[0] == 400
    assert call(sandbox, "GET", "/recipients?per_page=101")[0] == 400


def test_an_unknown_route_names_where_the_api_is(sandbox: Any) -> None:
    # A wrong base path (v2 for v1) shows at once, with the sandbox's own hint marked as such.
    root = sandbox.base_url.removesuffix("/payments/v1")
    status, body, _ = call(sandbox, "GET", "/payments/v2/recipients", root=root)
    assert status == 404 and body["title"] == "Not Found", body
    assert body["detail"].startswith("fwpay-sandbox has no route GET /payments/v2/recipients; the API is under /payments/v1"), body
    assert "sandbox-only" in body["detail"]
    status, body, _ = call(sandbox, "GET", "/" + "x" * 5000, root=root)
    assert status == 404 and len(body["detail"]) < 400, len(body["detail"])
    # A resource that is not there keeps its own words.
    assert call(sandbox, "GET", "/payments/FWU000000001")[1]["detail"] == "Payment FWU000000001 not found"


def test_clock_and_lists(sandbox: Any) -> None:
    before = control(sandbox, "GET", "/clock")[1]
    after = control(sandbox, "POST", "/clock/advance", {"days": 1})[1]
    assert after["offset_seconds"] - before["offset_seconds"] == 86400
    assert control(sandbox, "POST", "/clock/advance", {"days": -1})[0] == 422
    for _ in range(3):
        order(sandbox)
    orders = call(sandbox, "GET", "/orders?per_page=2&country=US&status=open")[1]
    assert orders["total_entries"] == 3 and len(orders["orders"]) == 2 and orders["total_pages"] == 2
    assert call(sandbox, "GET", "/orders?country=JP")[1]["total_entries"] == 0


def send_form(url: str) -> dict[str, Any]:
    form = {"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": "US",
            "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
    request = urllib.request.Request(url, data=json.dumps(form).encode(), method="POST", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        message: dict[str, Any] = json.loads(response.read())
        return message


def test_a_session_for_an_order_charges_that_order_once(sandbox: Any) -> None:
    order_id = order(sandbox)
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": order_id})
    assert status == 201, session  # items and recipient fields come from the order
    assert call(sandbox, "GET", f"/checkout/sessions/{session['id']}")[1]["amount"] == 120000
    # A second session for the same open order may exist; only the first one the payer sends
    # charges it (the payment is made when the form is sent: real-api-evidence.md §4 A).
    second = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": order_id})[1]
    send_form(session["hosted_form"]["url"])
    status, confirmed, _ = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")
    assert status == 200, confirmed
    reference = confirmed["payment_reference"]
    shown = call(sandbox, "GET", f"/orders/{order_id}")[1]
    assert shown["status"] == "charged" and shown["payment_reference"] == reference
    assert call(sandbox, "GET", f"/payments/{reference}")[1]["amount_to"] == 120000

    with pytest.raises(urllib.error.HTTPError) as refused_form:
        send_form(second["hosted_form"]["url"])
    refused = json.loads(refused_form.value.read())
    assert refused_form.value.code == 422 and refused["errors"][0]["source"] == "/order_id" and reference in refused["errors"][0]["message"]
    status, refused, _ = call(sandbox, "POST", f"/checkout/sessions/{second['id']}/confirm")
    assert status == 422, refused
    status, refused, _ = call(sandbox, "POST", f"/orders/{order_id}/charge")
    assert status == 422 and reference in refused["errors"][0]["message"]
    status, refused, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": order_id})
    assert status == 422 and refused["errors"][0]["type"] == "invalid_status"
    assert call(sandbox, "GET", "/payments?recipient=FWU")[1]["total_entries"] == 1


def test_a_session_refuses_an_order_it_cannot_charge(sandbox: Any) -> None:
    order_id = order(sandbox)
    for body, message in (
        ({"recipient_id": "ETM", "order_id": order_id}, "is an order of FWU, not of ETM"),
        ({"recipient_id": "FWU", "order_id": "00000000-0000-0000-0000-000000000000"}, "is not an order of this client"),
        ({"recipient_id": "FWU", "order_id": 42}, "is not an order of this client"),
    ):
        status, refused, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", **body})
        assert status == 422 and refused["errors"][0] == {"source": "/order_id", "param": "order_id", "type": "invalid_param",
                                                          "message": message}, refused
    # Another client's order does not exist for this one.
    status, refused, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": order_id},
                              key=sandbox.second_api_key)
    assert status == 422 and refused["errors"][0]["message"] == "is not an order of this client"
