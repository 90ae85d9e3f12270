"""Each finding of the security review (security-findings.md) that the sandbox, the Python
package or the fwpay command answered wrongly on main at b22c40c, reproduced as the review did
and checked the way it should behave now (H1, H2 and M4: test_hostile_peers.py)."""
from __future__ import annotations

import http.server
import json
import os
import pathlib
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from typing import Any, Callable

import pytest

import conftest
import fwpay

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
import helpers  # noqa: E402

FWPAY = str(ROOT / "build" / "bin" / "fwpay")
FORM = {"first_name": "Peter", "last_name": "P", "email": "p@example.com", "country": "US", "card_holder": "Peter P",
        "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
FIELDS = {"fields": [{"id": "custom_field_1", "value": "X"}]}


def call(sandbox: conftest.Sandbox, method: str, path: str, body: Any = None, raw: bytes | None = None, api: bool = True,
         key: str | None = "sandbox-demo-key", headers: dict[str, str] | None = None) -> tuple[int, Any, Any]:
    root = sandbox.base_url.removesuffix("/payments/v1")
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    sent = {"Content-Type": "application/json", **({"X-Authentication-Key": key} if key else {}), **(headers or {})}
    request = urllib.request.Request(root + ("/payments/v1" if api else "") + path, data=data, method=method, headers=sent)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text, status, answer_headers = response.read(), response.status, response.headers
    except urllib.error.HTTPError as error:
        text, status, answer_headers = error.read(), error.code, error.headers
    try:
        return status, json.loads(text or b"null"), answer_headers
    except ValueError:
        return status, text, answer_headers


def order(sandbox: conftest.Sandbox, amount: int = 120000, **extra: Any) -> str:
    offer = call(sandbox, "GET", f"/offers?amount={amount}&country=US&recipient=FWU")[1]["offers"][0]["id"]
    status, created, _ = call(sandbox, "POST", "/orders", {"payer": {"first_name": "Peter", "country": "US"},
                                                           "recipient": {"id": "FWU", **FIELDS}, "items": [{"id": "t", "amount": amount}],
                                                           "offer": {"id": offer}, **extra})
    assert status == 201, created
    return str(created["id"])


def paid_session(sandbox: conftest.Sandbox, body: dict[str, Any]) -> tuple[str, tuple[int, Any, Any]]:
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", body)
    assert status == 201, session
    assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)[0] == 200
    return session["id"], call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")


def preauth(sandbox: conftest.Sandbox, amount: int = 100000) -> str:
    _, (_, confirmed, _) = paid_session(sandbox, {
        "type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards", "payor": {"country": "US"},
        "recipient": FIELDS, "items": [{"id": "default", "amount": amount}],
        "charge_intent": {"mode": "unscheduled", "capture": "manual", "authorization": "preauth"}})
    return str(confirmed["payment_reference"])


def test_m1_an_adjustment_is_bounded_by_the_recipients_maximum(sandbox: conftest.Sandbox) -> None:
    reference = preauth(sandbox)
    status, problem, _ = call(sandbox, "POST", f"/payments/{reference}/authorization_adjustments", {"amount": 9223372036854775807})
    assert status == 422 and problem["errors"][0]["message"] == "Amount must be less than $50,000.00"
    assert call(sandbox, "POST", f"/payments/{reference}/authorization_adjustments", {"amount": 5000000})[0] == 201


def test_m2_a_session_for_an_order_charges_the_orders_amount(sandbox: conftest.Sandbox) -> None:
    first = order(sandbox)
    status, problem, _ = call(sandbox, "POST", "/checkout/sessions",
                              {"type": "one_off", "recipient_id": "FWU", "order_id": first, "items": [{"id": "x", "amount": 5000}]})
    assert status == 422 and problem["errors"][0]["source"] == "/items"
    second = order(sandbox)
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": second})
    assert status == 201
    status, problem, _ = call(sandbox, "PATCH", f"/orders/{second}", {"items": [{"id": "t", "amount": 4000000}]})
    assert status == 422 and "checkout session" in problem["errors"][0]["message"]
    call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)
    confirmed = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[1]
    assert confirmed["charge_info"]["amount"] == 120000
    # The library sends an order session without items (it used to force them in).
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        assert client.sessions.create({"type": "one_off", "recipient_id": "FWU", "order_id": order(sandbox)})["id"]


def test_m3_answers_never_repeat_a_member_and_bodies_may_not(sandbox: conftest.Sandbox) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        offer = client.offers.list(recipient="FWU", amount=120000, country="US")["offers"][0]["id"]
        created = client.orders.create({"payer": {"first_name": "P", "country": "US"}, "recipient": {"id": "FWU", **FIELDS},
                                        "items": [{"id": "t", "amount": 120000}], "offer": {"id": offer}, "status": "x"})
        assert created["status"] == "open"
        assert [each["status"] for each in client.orders.list()] == ["open"]
    duplicated = (b'{"payer":{"country":"US"},"recipient":{"id":"FWU"},"items":[{"amount":-5}],"offer":{"id":"x"},'
                  b'"items":[{"amount":120000}]}')
    status, problem, _ = call(sandbox, "POST", "/orders", raw=duplicated)
    assert status == 400 and "given twice" in problem["detail"]


def test_l1_bodies_nest_only_as_deep_as_clients_read(sandbox: conftest.Sandbox) -> None:
    deep: Any = "x"
    for _ in range(80):
        deep = [deep]
    offer = call(sandbox, "GET", "/offers?amount=120000&country=US&recipient=FWU")[1]["offers"][0]["id"]
    status, problem, _ = call(sandbox, "POST", "/orders", {"payer": {"country": "US", "x": deep}, "recipient": {"id": "FWU", **FIELDS},
                                                           "items": [{"amount": 120000}], "offer": {"id": offer}})
    assert status == 400 and "nested deeper" in problem["detail"]
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        assert list(client.orders.list()) == []


def test_l4_faults_are_capped_per_client(sandbox: conftest.Sandbox) -> None:
    for _ in range(1000):
        assert call(sandbox, "POST", "/sandbox/faults", {"path": "/never", "kind": "error"}, api=False)[0] == 201
    assert call(sandbox, "POST", "/sandbox/faults", {"path": "/never", "kind": "error"}, api=False)[0] == 422
    assert call(sandbox, "GET", "/recipients", key=sandbox.second_api_key)[0] == 200


def test_l5_a_body_of_bad_items_gets_a_short_answer(sandbox: conftest.Sandbox) -> None:
    body = {"type": "one_off", "recipient_id": "FWU", "items": [0] * 100_000}
    status, problem, _ = call(sandbox, "POST", "/checkout/sessions", body)
    assert status == 422 and len(problem["errors"]) == 51
    more = problem["errors"][-1]["message"]
    assert more.startswith("and ") and more.endswith(" more errors") and int(more.split()[1]) >= 100_000 - 50


def test_l6_a_restart_with_another_client_list_keeps_the_data(sandbox_factory: Callable[..., conftest.Sandbox], tmp_path: pathlib.Path) -> None:
    directory = tmp_path / "shared"
    directory.mkdir()
    first = conftest.start_sandbox(directory, ("--client", "key-a:secret-a"))
    try:
        status, _, _ = call(first, "GET", "/recipients", key="key-a")
        assert status == 200
        reference = helpers.paid_order(fwpay.Client(api_key="key-a", base_url=first.base_url))
    finally:
        conftest.stop_sandbox(first)
    second = conftest.start_sandbox(directory, ("--client", "key-z:secret-z", "--client", "key-a:secret-a"))
    try:
        assert call(second, "GET", f"/payments/{reference}", key="key-a")[0] == 200
        assert call(second, "GET", f"/payments/{reference}", key="key-z")[0] == 404
    finally:
        conftest.stop_sandbox(second)


def test_l7_a_session_takes_its_orders_long_reference(sandbox: conftest.Sandbox) -> None:
    long_order = order(sandbox, external_reference="r" * 60)
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": long_order})
    assert status == 201, session


def test_l8_the_sign_in_redirect_refuses_control_characters(sandbox: conftest.Sandbox) -> None:
    opener = urllib.request.build_opener(type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a: None}))
    root = sandbox.base_url.removesuffix("/payments/v1")
    request = urllib.request.Request(root + "/sign-in", data=b"api_key=sandbox-demo-key&next=/%09/127.0.0.1:9/phish", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as error:
        assert error.code == 303 and error.headers["Location"] == "/dashboard"
    else:
        raise AssertionError("no redirect")


def test_l9_only_loopback_and_configured_host_names_are_answered(sandbox: conftest.Sandbox) -> None:
    port = int(sandbox.base_url.split(":")[2].split("/")[0])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"POST /payments/v1/checkout/sessions HTTP/1.1\r\nHost: evil.example:666\r\n"
                           b"X-Authentication-Key: sandbox-demo-key\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 421") and b"evil.example" not in answer
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU",
                                                                      "recipient": FIELDS, "items": [{"amount": 60000}]})
    assert status == 201 and session["hosted_form"]["url"].startswith("http://127.0.0.1:")


def test_l10_no_card_number_or_cvv_is_stored_or_shown_again(sandbox: conftest.Sandbox) -> None:
    session_id, _ = paid_session(sandbox, {"type": "one_off", "recipient_id": "FWU", "recipient": FIELDS, "items": [{"amount": 60000}]})
    unconfirmed = call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "recipient": FIELDS,
                                                               "items": [{"amount": 60000}]})[1]["id"]
    call(sandbox, "POST", f"/checkout/form?session_id={unconfirmed}", FORM, key=None, api=False)
    page = call(sandbox, "GET", f"/checkout/form?session_id={unconfirmed}", key=None, api=False)[1]
    # The page names the test cards as a hint; the field the payer filled is not filled again.
    assert b'value="4111 1111 1111 1111"' not in page and b'value="737"' not in page
    with sqlite3.connect(sandbox.database) as database:
        stored = "\n".join(str(row) for table in ("session", "payment", "payment_method_token")
                           for row in database.execute(f'SELECT * FROM "{table}"'))
    assert session_id in stored
    assert "4111 1111 1111 1111" not in stored and "4111111111111111" not in stored
    # The CVV as a value (a JSON string, or a column of its own): bare digits would also match
    # the random payment references, which now include the unconfirmed session's payment.
    assert '"cvv"' not in stored and '"737"' not in stored and "'737'" not in stored


def test_l16_sign_in_refuses_a_cross_site_post(sandbox: conftest.Sandbox) -> None:
    root = sandbox.base_url.removesuffix("/payments/v1")
    request = urllib.request.Request(root + "/sign-in", data=b"api_key=sandbox-demo-key", method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "https://evil.example",
                                              "Sec-Fetch-Site": "cross-site"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403 and "Set-Cookie" not in refused.value.headers


def test_l17_the_form_posts_its_message_to_the_allowed_origins_only(sandbox: conftest.Sandbox) -> None:
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {
        "type": "one_off", "recipient_id": "FWU", "recipient": FIELDS, "items": [{"amount": 60000}],
        "options": {"form": {"allowed_origins": ["https://shop.example"]}}})
    assert status == 201
    root = sandbox.base_url.removesuffix("/payments/v1")
    data = "&".join(f"{key}={urllib.request.quote(value)}" for key, value in FORM.items()).encode()
    request = urllib.request.Request(f"{root}/checkout/form?session_id={session['id']}", data=data, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=10) as response:
        page = response.read().decode()
    assert '["https://shop.example"]' in page


class EchoingServer:
    """A server (or proxy) that copies the API key into X-Request-Id and into its errors (L2)."""

    def __init__(self, detail: str | None = None) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                key = self.headers.get("X-Authentication-Key", "")
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                body = json.dumps({"type": "x", "title": "Bad", "status": 422, "detail": detail or f"bad key {key}",
                                   "errors": [{"source": "/k", "param": key, "type": "invalid_param", "message": f"key {key}"}]}).encode()
                self.send_response(422)
                self.send_header("X-Request-Id", key)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def test_l2_an_echoed_key_appears_in_no_error() -> None:
    key = "secret-api-key-123"
    server = EchoingServer()
    try:
        with fwpay.Client(api_key=key, base_url=server.url, max_retries=0) as client:
            with pytest.raises(fwpay.APIError) as raised:
                client.request("POST", "/r", {})
        error = raised.value
        assert key not in str(error) and key not in repr(error) and key not in error.request_id
        assert key not in json.dumps(error.errors)
        result = subprocess.run([FWPAY, "request", "POST", "/r", "--data", "{}"], capture_output=True, text=True, timeout=30,
                                env={"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": server.url, "FWPAY_API_KEY": key})
        assert result.returncode != 0 and key not in result.stderr + result.stdout
    finally:
        server.server.shutdown()


def test_l11_and_l12_keys_from_a_file_and_escaped_server_text(tmp_path: pathlib.Path, sandbox: conftest.Sandbox) -> None:
    key_file = tmp_path / "key"
    key_file.write_text(sandbox.api_key + "\n")
    result = subprocess.run([FWPAY, "--api-key-file", str(key_file), "recipients", "get", "FWU"], capture_output=True, text=True,
                            timeout=30, env={"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url})
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "FWU"
    # A server's text cannot drive the terminal: its escapes are printed escaped.
    server = EchoingServer(detail="\x1b[2J\x1b[31mFAKE: payment succeeded\x1b]0;title\x07\r\x1b[K\xc2\x9b")
    try:
        result = subprocess.run([FWPAY, "request", "POST", "/r", "--data", "{}"], capture_output=True, text=True, timeout=30,
                                env={"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": server.url, "FWPAY_API_KEY": "k"})
    finally:
        server.server.shutdown()
    assert result.returncode != 0 and "FAKE" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\r" not in result.stderr and "\x9b" not in result.stderr
    assert "\\x1b[2J" in result.stderr


def test_l14_a_namespace_keeps_its_client_alive(sandbox: conftest.Sandbox) -> None:
    assert fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url).recipients.get("FWU")["id"] == "FWU"
    assert next(iter(fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url).recipients.list()))["id"]


def test_l11_the_sandbox_takes_clients_from_a_file(tmp_path: pathlib.Path) -> None:
    clients = tmp_path / "clients"
    clients.write_text("# key:secret\nfile-key:file-secret\n")
    sandbox = conftest.start_sandbox(tmp_path, ("--clients-file", str(clients)))
    try:
        assert call(sandbox, "GET", "/recipients", key="file-key")[0] == 200
    finally:
        conftest.stop_sandbox(sandbox)


def test_m5_one_idle_connection_does_not_block_fwpay_listen(tmp_path: pathlib.Path) -> None:
    listener = subprocess.Popen([FWPAY, "listen", "--port", "0", "--secret", "s", "--count", "1"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    try:
        assert listener.stderr is not None
        port = int(listener.stderr.readline().split("127.0.0.1:")[1].split("/")[0])
        idle = socket.create_connection(("127.0.0.1", port))
        body = b'{"event_type":"guaranteed","event_resource":"payments","data":{"payment_id":"FWU1","status":"guaranteed"}}'
        digest = fwpay.notifications.sign(body, "s")
        with socket.create_connection(("127.0.0.1", port), timeout=3) as connection:
            connection.sendall(b"POST / HTTP/1.1\r\nX-Flywire-Digest: " + digest.encode() +
                               b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
            assert connection.recv(100).startswith(b"HTTP/1.1 200")
        idle.close()
        listener.wait(10)
    finally:
        listener.kill()


def test_a_notifications_url_with_a_port_out_of_range_is_a_failed_delivery(sandbox_factory: Callable[..., conftest.Sandbox]) -> None:
    """A client chooses the URL: the sandbox must report it, not trap on it."""
    sandbox = sandbox_factory()
    reference = call(sandbox, "POST", f"/orders/{order(sandbox, notifications_url='http://127.0.0.1:99999/hook')}/charge")[1]["payment_reference"]
    deadline, log = time.monotonic() + 10, []
    while time.monotonic() < deadline and not (log and log[0]["attempts"]):
        time.sleep(0.2)
        log = call(sandbox, "GET", f"/sandbox/notifications?resource_id={reference}", api=False)[1]["notifications"]
    assert log and "port" in (log[0]["attempts"][0]["error"] or "")
    assert call(sandbox, "GET", "/health", api=False)[0] == 200
