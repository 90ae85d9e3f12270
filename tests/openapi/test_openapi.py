"""The sandbox's OpenAPI description (docs/openapi.json), checked rather than trusted: it is
valid OpenAPI 3.1 (openapi-spec-validator), the sandbox serves it as written, every operation
and member names its source, the library's header and the description name the same operations,
every documented status of every operation is reached against a fresh sandbox with an answer
that conforms to the description, and schemathesis finds no server error and no answer that
violates it."""
from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
import sys
import threading
import uuid
from typing import Any, Callable

import pytest
import requests
import schemathesis
from openapi_spec_validator import validate

ROOT = pathlib.Path(__file__).resolve().parents[2]
DESCRIPTION_PATH = ROOT / "docs" / "openapi.json"
DESCRIPTION = json.loads(DESCRIPTION_PATH.read_text(encoding="utf-8"))
SCHEMA = schemathesis.openapi.from_dict(DESCRIPTION)
SOURCES = {"documented", "integrations", "sandbox-only"}
OPERATIONS = {operation["operationId"]: (method.upper(), path, operation)
              for path, methods in DESCRIPTION["paths"].items() for method, operation in methods.items()}
KEY = "sandbox-demo-key"

# Deterministic offer id (docs/sandbox.md): base64 of "120000 pt_bank_transfer_eur ES".
OFFER = "MTIwMDAwIHB0X2JhbmtfdHJhbnNmZXJfZXVyIEVT"
FORM = {"first_name": "Peter", "last_name": "Payer", "email": "payer@example.com", "country": "US",
        "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
PREAUTH = {"type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
           "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
           "recipient": {"fields": [{"id": "custom_field_1", "value": "X"}]}, "items": [{"id": "default", "amount": 60000}]}


def order(first_name: str = "SANDBOX_TO_DELIVERED_STATUS") -> dict[str, Any]:
    return {"payer": {"first_name": first_name, "last_name": "Payer", "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": OFFER}}


def test_the_description_is_valid_openapi_3_1() -> None:
    assert DESCRIPTION["openapi"].startswith("3.1")
    validate(DESCRIPTION)
    assert DESCRIPTION["info"]["version"] == (ROOT / "VERSION").read_text().strip()
    # The sandbox compiles it in: the Swift literal must be the file as it is.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "embed-openapi.py"), "--check"], check=True)


def test_the_sandbox_serves_the_description_as_written(sandbox: Any) -> None:
    served = requests.get(root(sandbox) + "/openapi.json", timeout=10)
    assert served.status_code == 200 and served.headers["Content-Type"].startswith("application/json")
    assert served.content == DESCRIPTION_PATH.read_bytes()


def test_every_operation_and_member_names_its_source() -> None:
    unnamed: list[str] = []

    def walk(schema: Any, where: str) -> None:
        if not isinstance(schema, dict):
            return
        for name, member in schema.get("properties", {}).items():
            if "$ref" not in member and member.get("x-source") not in SOURCES:
                unnamed.append(f"{where}.{name}")
            walk(member, f"{where}.{name}")
        for keyword in ("items", "additionalProperties"):
            walk(schema.get(keyword), where + "[]")
        for keyword in ("allOf", "oneOf", "anyOf"):
            for index, part in enumerate(schema.get(keyword, [])):
                walk(part, f"{where}.{keyword}[{index}]")

    for name, schema in DESCRIPTION["components"]["schemas"].items():
        if schema.get("x-source") not in SOURCES:
            unnamed.append(name)
        walk(schema, name)
    for operation_id, (method, path, operation) in OPERATIONS.items():
        if operation.get("x-source") not in SOURCES:
            unnamed.append(operation_id)
        for parameter in operation.get("parameters", []):
            if "$ref" not in parameter and parameter.get("x-source") not in SOURCES:
                unnamed.append(f"{operation_id}: {parameter['name']}")
        for content in operation.get("requestBody", {}).get("content", {}).values():
            walk(content["schema"], f"{operation_id} body")
        for status, response in operation["responses"].items():
            for content in response.get("content", {}).values():
                walk(content["schema"], f"{operation_id} {status}")
    assert unnamed == []


def header_operations() -> dict[str, tuple[str, str]]:
    """fwp_X -> (METHOD, path) from the doc comments of include/fwpay.h ("... (POST /orders) ...")."""
    text = (ROOT / "include" / "fwpay.h").read_text()
    found: dict[str, tuple[str, str]] = {}
    for comment in re.findall(r"((?:^/// .*\n)+)", text, re.M):
        joined = " ".join(line[4:] for line in comment.splitlines())
        name = re.match(r"(fwp_[a-z_]+):", joined)
        call = re.search(r"\((GET|POST|PATCH|DELETE|PUT) (/[^ )]+)\)", joined)
        if name and call:
            found[name.group(1)] = (call.group(1), re.sub(r"\{[^}]+\}", "{}", call.group(2)))
    return found


def test_the_header_and_the_description_name_the_same_operations() -> None:
    in_header = header_operations()
    assert len(in_header) >= 25, in_header
    described = {}
    for operation_id, (method, path, operation) in OPERATIONS.items():
        function = operation.get("x-fwpay-c")
        if path.startswith("/payments/v1/") and function != "fwp_request":
            assert function == "fwp_" + operation_id, operation_id
            described[function] = (method, re.sub(r"\{[^}]+\}", "{}", path.removeprefix("/payments/v1")))
    assert described == in_header
    # The operations fwp_call takes by name are the described ones with a function of their own.
    call_comment = re.search(r"/// fwp_call:((?:.|\n)*?)extern", (ROOT / "include" / "fwpay.h").read_text()).group(1)
    for function in in_header:
        assert re.search(rf"\b{function.removeprefix('fwp_')}\b", call_comment), function


def root(sandbox: Any) -> str:
    return str(sandbox.base_url).removesuffix("/payments/v1")


class Caller:
    """Calls operations by id on one sandbox; checks each answer against the description and
    records which (operation, status) pairs were reached."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.reached: set[tuple[str, int]] = set()

    def url(self, operation_id: str, path_values: dict[str, str]) -> str:
        _, path, _ = OPERATIONS[operation_id]
        return self.base + re.sub(r"\{([^}]+)\}", lambda m: path_values[m.group(1)], path)

    def call(self, operation_id: str, expect: int, path_values: dict[str, str] | None = None, *,
             query: dict[str, Any] | None = None, body: Any = None, data: bytes | None = None,
             headers: dict[str, str] | None = None, key: str | None = KEY, session: requests.Session | None = None) -> Any:
        method = OPERATIONS[operation_id][0]
        sent = {"X-Authentication-Key": key} if key else {}
        sent.update(headers or {})
        if body is not None:
            data, sent["Content-Type"] = json.dumps(body).encode(), sent.get("Content-Type", "application/json")
        response = (session or self.http).request(method, self.url(operation_id, path_values or {}), params=query, data=data,
                                                  headers=sent, timeout=30, allow_redirects=False)
        return self.check(operation_id, response, expect)

    def check(self, operation_id: str, response: requests.Response, expect: int) -> Any:
        _, path, operation = OPERATIONS[operation_id]
        method = response.request.method or ""
        assert response.status_code == expect, (operation_id, response.status_code, response.text[:500])
        documented = operation["responses"].get(str(expect))
        assert documented is not None, f"{operation_id} answered {expect}, which the description does not document"
        documented = resolve(documented)
        media = response.headers.get("Content-Type", "").split(";")[0]
        assert media in documented.get("content", {media: None}), (operation_id, expect, media)
        for name, header in documented.get("headers", {}).items():
            if resolve(header).get("required"):
                assert name in response.headers, (operation_id, expect, name)
        if media == "application/json":
            SCHEMA[path][method].validate_response(response)
        self.reached.add((operation_id, expect))
        return response.json() if media == "application/json" else response


def resolve(value: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in value:
        node: Any = DESCRIPTION
        for part in value["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        value = node
    return value


def body_errors(caller: Caller, operation_id: str, values: dict[str, str] | None = None, invalid: Any = None) -> None:
    """The statuses every operation with a JSON body has: 400, 413, 415 and (given a body that
    breaks a rule) 422."""
    caller.call(operation_id, 400, values, data=b"{", headers={"Content-Type": "application/json"})
    caller.call(operation_id, 413, values, data=b"[" + b" " * (1 << 20) + b"]", headers={"Content-Type": "application/json"})
    caller.call(operation_id, 415, values, data=b"amount=1", headers={"Content-Type": "application/x-www-form-urlencoded"})
    if invalid is not None:
        caller.call(operation_id, 422, values, body=invalid)


def test_every_documented_status_is_reached_with_a_conforming_answer(sandbox: Any) -> None:
    caller = Caller(root(sandbox))
    call = caller.call
    missing = {"recipient_id": "NOPE", "order_id": "no-such-order", "payment_reference": "FWU000000000",
               "refund_id": "no-such-refund", "bundle_id": "no-such-bundle", "session_id": str(uuid.uuid4()),
               "notification_id": "999999"}

    # Every operation behind the API key answers 401 without one, and, when it names a
    # resource in its path, 404 for one this client does not have.
    for operation_id, (method, path, operation) in OPERATIONS.items():
        if operation.get("security", DESCRIPTION["security"]) == [{"apiKey": []}]:
            values = {name: missing[name] for name in re.findall(r"\{([^}]+)\}", path)}
            call(operation_id, 401, values, key=None)
            if values and "404" in operation["responses"]:
                example = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("example")
                call(operation_id, 404, values, body=example if example is not None else ({} if "requestBody" in operation else None))

    # Notifications are queued from here on (to a port nobody listens on).
    # (A host that is not loopback: a loopback port nobody listens on is dropped as a dead
    # listener; this one is kept, and its deliveries fail at once without leaving the machine.)
    call("sandbox_register_listener", 200, body={"url": "http://listener.example:9/hook"})

    # Recipients and offers.
    call("recipient_list", 200, query={"per_page": 2})
    call("recipient_list", 400, query={"page": 0})
    call("recipient_get", 200, {"recipient_id": "FWU"})
    offers = call("offer_list", 200, query={"recipient": "FWU", "amount": 120000, "country": "ES"})
    assert offers["offers"][0]["id"] == OFFER
    call("offer_list", 400, query={"recipient": "FWU"})
    call("offer_list", 404, query={"recipient": "NOPE", "amount": 1, "country": "ES"})

    # Orders: create, edit, charge (the payer's magic name delivers the payment), refund.
    created = call("order_create", 201, body=order())
    body_errors(caller, "order_create", invalid={"recipient": {"id": "FWU"}})
    call("order_create", 400, body=order(), headers={"Idempotency-Key": "not valid"})
    call("order_list", 200, query={"status": "open"})
    call("order_list", 400, query={"per_page": 1000})
    call("order_get", 200, {"order_id": created["id"]})
    call("order_update", 200, {"order_id": created["id"]}, body={"items": [{"id": "tuition", "amount": 130000}]})
    body_errors(caller, "order_update", {"order_id": created["id"]}, invalid={"recipient": {"id": "FWU"}})
    charged = call("order_charge", 201, {"order_id": created["id"]})
    call("order_charge", 422, {"order_id": created["id"]})
    call("order_charge", 400, {"order_id": created["id"]}, headers={"Idempotency-Key": "not valid"})
    delivered = {"payment_reference": charged["payment_reference"]}

    # Payments.
    call("payment_list", 200, query={"status": "delivered"})
    call("payment_list", 400, query={"status": "lost"})
    payment = call("payment_get", 200, delivered)
    # The payer's tracking page [S] opens with the link's token only.
    token = re.search(r"[?&]token=([0-9a-f]+)", payment["metadata"]["tracking_url"]).group(1)
    call("page_tracking", 200, delivered, query={"token": token}, key=None)
    call("page_tracking", 404, delivered, query={"token": "0" * len(token)}, key=None)
    call("payment_receipt", 200, delivered)
    call("payment_process", 422, delivered)
    call("payment_cancel", 422, delivered)
    for operation_id in ("payment_process", "payment_cancel"):
        call(operation_id, 400, delivered, headers={"Idempotency-Key": "not valid"})
    waiting = {"payment_reference": call("order_charge", 201, {"order_id": call("order_create", 201, body=order("Peter"))["id"]})
               ["payment_reference"]}
    call("payment_process", 200, waiting)
    cancelled = {"payment_reference": call("order_charge", 201, {"order_id": call("order_create", 201, body=order("Peter"))["id"]})
                 ["payment_reference"]}
    call("payment_cancel", 200, cancelled)
    call("payment_receipt", 422, cancelled)

    # Refunds and their bundle.
    refund = call("refund_create", 201, delivered, body={"amount": 1000})
    body_errors(caller, "refund_create", delivered, invalid={"amount": -5})
    call("refund_create", 400, delivered, body={"amount": 1000}, headers={"Idempotency-Key": "not valid"})
    call("refund_list", 200, query={"payment_id": delivered["payment_reference"]})
    call("refund_list", 400, query={"page": "first"})
    call("refund_get", 200, {"refund_id": refund["refund_id"]})
    call("refund_cancel", 400, {"refund_id": refund["refund_id"]}, headers={"Idempotency-Key": "not valid"})
    call("refund_cancel", 200, {"refund_id": refund["refund_id"]})
    call("refund_cancel", 422, {"refund_id": refund["refund_id"]})
    refund = call("refund_create", 201, delivered, body={"amount": 500})  # one active refund at a time
    call("bundle_list", 200)
    call("bundle_list", 400, query={"per_page": 0})
    bundle = {"bundle_id": refund["bundle_id"]}
    call("bundle_get", 200, bundle)
    call("bundle_approve", 200, bundle)
    call("bundle_approve", 422, bundle)
    call("bundle_approve", 400, bundle, headers={"Idempotency-Key": "not valid"})
    call("sandbox_refund_transition", 200, {"refund_id": refund["refund_id"]}, body={"status": "approved"})
    body_errors(caller, "sandbox_refund_transition", {"refund_id": refund["refund_id"]}, invalid={"status": "lost"})
    # An approved refund is still the payment's active one: finished, it lets the pages refund again.
    for status in ("received", "finished"):
        call("sandbox_refund_transition", 200, {"refund_id": refund["refund_id"]}, body={"status": status})

    # A pre-authorization: session, the payer's form, confirm, adjust, capture.
    session = call("session_create", 201, body=PREAUTH)
    body_errors(caller, "session_create", invalid={"type": "one_off"})
    call("session_create", 400, body=PREAUTH, headers={"Idempotency-Key": "not valid"})
    values = {"session_id": session["id"]}
    call("session_get", 200, values)
    call("session_confirm", 422, {"session_id": "not-a-uuid"})
    call("session_confirm", 400, values, headers={"Idempotency-Key": "not valid"})
    call("payer_form", 200, query={"session_id": session["id"]}, key=None)
    call("payer_form", 404, query={"session_id": "nope"}, key=None)
    call("payer_form_submit", 422, query={"session_id": session["id"]}, body={**FORM, "email": "not an email"}, key=None)
    call("payer_form_submit", 400, query={"session_id": session["id"]}, data=b"{", headers={"Content-Type": "application/json"},
         key=None)
    call("payer_form_submit", 413, query={"session_id": session["id"]}, data=b"{" + b" " * (1 << 20) + b"}",
         headers={"Content-Type": "application/json"}, key=None)
    call("payer_form_submit", 404, query={"session_id": "nope"}, body=FORM, key=None)
    sent = call("payer_form_submit", 200, query={"session_id": session["id"]}, body=FORM, key=None)
    assert sent["confirm_url"]["url"].endswith(f"/checkout/sessions/{session['id']}/confirm")
    confirmed = call("session_confirm", 200, values)
    held = {"payment_reference": confirmed["payment_reference"]}
    call("payer_form", 409, query={"session_id": session["id"]}, key=None)
    call("payer_form_submit", 409, query={"session_id": session["id"]}, data=b"first_name=Peter",
         headers={"Content-Type": "application/x-www-form-urlencoded"}, key=None)
    call("payer_form_submit", 422, query={"session_id": session["id"]}, body=FORM, key=None)
    call("session_confirm", 422, values)
    call("payment_adjust", 201, held, body={"amount": 70000})
    body_errors(caller, "payment_adjust", held, invalid={"amount": -1})
    call("payment_adjust", 400, held, body={"amount": 70000}, headers={"Idempotency-Key": "not valid"})
    body_errors(caller, "payment_capture", held, invalid={"amount": 10 ** 9})
    call("payment_capture", 400, held, body={"amount": 1}, headers={"Idempotency-Key": "not valid"})
    call("payment_capture", 201, held, body={"amount": 70000})
    # The saved card charged again with its token and mandate.
    call("payment_charge", 201, body={"payment_method_token": confirmed["payment_method"]["token"],
                                      "mandate_id": confirmed["mandate"]["id"], "charge_intent": {"mode": "unscheduled"},
                                      "recipient": {"id": "FWU"}, "items": [{"amount": 12000}]})
    body_errors(caller, "payment_charge", invalid={"payment_method_token": "nope", "mandate_id": "nope"})
    call("payment_charge", 400, body={}, headers={"Idempotency-Key": "not valid"})
    # An expired session's form.
    expiring = call("session_create", 201, body=PREAUTH)
    call("sandbox_advance", 200, body={"hours": 1})
    call("payer_form", 410, query={"session_id": expiring["id"]}, key=None)
    call("payer_form_submit", 410, query={"session_id": expiring["id"]}, body=FORM, key=None)

    # The control API.
    call("sandbox_clock", 200)
    body_errors(caller, "sandbox_advance", invalid={})
    call("sandbox_transition", 200, waiting, body={"status": "guaranteed"})
    body_errors(caller, "sandbox_transition", waiting, invalid={"status": "lost"})
    call("sandbox_settings", 200)
    call("sandbox_change_settings", 200, body={"notification_format": "v2"})
    body_errors(caller, "sandbox_change_settings", invalid={"notification_format": "v9"})
    body_errors(caller, "sandbox_register_listener", invalid={"url": "ftp://example.com"})
    notifications = call("sandbox_notifications", 200, query={"resource_id": delivered["payment_reference"]})
    call("sandbox_notifications", 400, query={"page": -1})
    polled = call("sandbox_poll_notifications", 200, query={"after": "0", "wait": "0"})
    assert polled["notifications"] and polled["after"] == polled["notifications"][-1]["id"]
    call("sandbox_poll_notifications", 422, query={"wait": "26"})
    call("sandbox_resend", 201, {"notification_id": str(notifications["notifications"][0]["id"])})
    call("sandbox_listener", 200)
    call("sandbox_unregister_listener", 200)
    call("sandbox_add_fault", 201, body={"path": "/nowhere", "kind": "latency", "latency_ms": 1})
    body_errors(caller, "sandbox_add_fault", invalid={"kind": "meteor"})
    call("sandbox_faults", 200)
    call("sandbox_clear_faults", 200)
    call("sandbox_requests", 200, query={"limit": 5})
    call("sandbox_requests", 422, query={"limit": 0})
    call("health", 200, key=None)
    call("openapi", 200, key=None)

    # 409: a retry that arrives while the first request with its key is still being handled.
    # The same middleware answers it for every POST; it is reached here on order creation,
    # whose commit (synchronous=FULL) leaves the window open long enough for a burst.
    reach_in_progress_conflict(caller)

    pages(caller)
    call("sandbox_reset", 200)

    documented = {(operation_id, int(status)) for operation_id, (_, _, operation) in OPERATIONS.items()
                  for status in operation["responses"]}
    shared_middleware = {(operation_id, 409) for operation_id in OPERATIONS if operation_id != "order_create"}
    unreached = sorted(documented - caller.reached - shared_middleware)
    assert unreached == [], unreached


def reach_in_progress_conflict(caller: Caller) -> None:
    for _ in range(20):
        key = uuid.uuid4().hex
        barrier = threading.Barrier(12)
        answers: list[requests.Response] = []

        def send() -> None:
            with requests.Session() as http:
                http.get(caller.base + "/health", timeout=10)  # connected before the burst
                barrier.wait()
                answers.append(http.post(caller.url("order_create", {}), data=json.dumps(order()),
                                         headers={"X-Authentication-Key": KEY, "Content-Type": "application/json",
                                                  "Idempotency-Key": key}, timeout=30))

        threads = [threading.Thread(target=send) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert {answer.status_code for answer in answers} <= {201, 409}, [answer.text for answer in answers]
        for answer in answers:
            caller.check("order_create", answer, answer.status_code)
        if ("order_create", 409) in caller.reached:
            return
    pytest.fail("twenty bursts of 12 requests with one Idempotency-Key never met one still being handled")


def pages(caller: Caller) -> None:
    """The merchant's pages and the dashboard, signed in as a browser is."""
    browser = requests.Session()
    call: Callable[..., Any] = lambda *args, **kwargs: caller.call(*args, key=None, session=browser, **kwargs)  # noqa: E731
    call("page_sign_in", 200)
    call("page_sign_in_submit", 401, data=b"api_key=wrong", headers={"Content-Type": "application/x-www-form-urlencoded"})
    call("page_sign_in_submit", 403, data=b"api_key=" + KEY.encode(),
         headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://elsewhere.example"})
    call("page_new_session", 303)
    call("page_dashboard", 303)
    call("page_requests", 303)
    call("page_payment", 303, {"payment_reference": "FWU000000000"})
    call("page_sign_in_submit", 303, data=b"api_key=" + KEY.encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
    call("page_home", 303)
    new_session = call("page_new_session", 200)
    token = re.search(r'name="csrf" value="([^"]+)"', new_session.text).group(1)
    form = {"Content-Type": "application/x-www-form-urlencoded"}

    def post(operation_id: str, expect: int, values: dict[str, str] | None = None, fields: str = "", with_token: bool = True) -> Any:
        data = ((f"csrf={token}&" if with_token else "") + fields).encode()
        return call(operation_id, expect, values, data=data, headers=form)

    open_order = requests.post(caller.base + "/payments/v1/orders", json=order("Peter"), headers={"X-Authentication-Key": KEY},
                               timeout=10).json()["id"]
    post("page_create_session", 403, with_token=False)
    post("page_create_session", 422, fields="recipient_id=FWU")
    post("page_create_session", 201, fields=f"recipient_id=FWU&order_id={open_order}")
    call("page_dashboard", 200, query={"status": "delivered"})
    payments = requests.get(caller.base + "/payments/v1/payments", params={"status": "delivered"},
                            headers={"X-Authentication-Key": KEY}, timeout=10).json()["payments"]
    reference = {"payment_reference": payments[0]["payment_id"]}
    call("page_payment", 200, reference)
    call("page_payment", 404, {"payment_reference": "FWU000000000"})
    post("page_payment_action", 403, {**reference, "action": "refund"}, "amount=100", with_token=False)
    post("page_payment_action", 404, {**reference, "action": "explode"})
    post("page_payment_action", 422, {**reference, "action": "refund"}, "amount=-1")
    post("page_payment_action", 303, {**reference, "action": "refund"}, "amount=100")
    notification = requests.get(caller.base + "/sandbox/notifications", headers={"X-Authentication-Key": KEY},
                                timeout=10).json()["notifications"][0]["id"]
    post("page_resend", 403, {"notification_id": str(notification)}, with_token=False)
    post("page_resend", 404, {"notification_id": "999999"})
    post("page_resend", 303, {"notification_id": str(notification)})
    call("page_requests", 200, query={"id": "req_nothing"})
    post("page_clock", 403, fields="hours=1", with_token=False)
    post("page_clock", 422, fields="hours=2")
    post("page_clock", 303, fields="hours=1")
    post("page_sign_out", 403, with_token=False)
    post("page_sign_out", 303)
    # Signed out, a form gets 401 (a page, 303 to the sign-in).
    for operation_id, values in [("page_create_session", {}), ("page_payment_action", {**reference, "action": "refund"}),
                                 ("page_resend", {"notification_id": str(notification)}), ("page_clock", {}),
                                 ("page_sign_out", {})]:
        post(operation_id, 401, values)


def test_schemathesis_finds_no_server_error_and_no_answer_against_the_description(sandbox: Any,
                                                                                   tmp_path: pathlib.Path) -> None:
    """Examples, fuzzing and the stateful phase along the description's links, with every check
    of an answer's conformance. Faults (they answer 5xx on purpose) and the HTML pages are left
    out, and the long polls of `fwpay listen --pull` (each may wait 25 s); the coverage phase is left out too: schemathesis 4.32.5's coverage generator fails on
    its own ("AST constructor recursion depth mismatch") on this machine's Python 3.11."""
    env = {**os.environ, "SCHEMATHESIS_HOOKS": "realistic",
           "PYTHONPATH": os.pathsep.join([str(pathlib.Path(__file__).parent), os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run(
        [sys.executable, "-m", "schemathesis.cli", "run", root(sandbox) + "/openapi.json", "--url", root(sandbox),
         "-H", f"X-Authentication-Key: {KEY}", "--phases", "examples,fuzzing,stateful", "--max-examples", "25",
         "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,"
                     "response_headers_conformance,response_schema_conformance",
         "--exclude-tag", "pages", "--exclude-tag", "sandbox faults", "--exclude-tag", "sandbox listen", "--workers", "2", "--seed", "1",
         "--no-color"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=900)
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert re.search(r"Tested: 4\d", result.stdout), result.stdout[-3000:]
