"""Each public integration of real-api-evidence.md, replayed against a fresh sandbox over HTTP
as it talks to Flywire: its request bodies (tests/evidence/bodies.json), its headers, no body or
{} on confirm; and every member it reads, with the type it expects."""
from __future__ import annotations

import datetime
import json
import pathlib
import re
import urllib.error
import urllib.request
from typing import Any, Callable

import pytest

import conftest

BODIES = json.loads((pathlib.Path(__file__).parent / "bodies.json").read_text())
FORM = {"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": "US",
        "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Integration:
    """One integration's HTTP client: the headers it sends, JSON both ways."""

    def __init__(self, sandbox: conftest.Sandbox, key_header: str = "X-Authentication-Key") -> None:
        self.base = sandbox.base_url
        self.root = sandbox.base_url.removesuffix("/payments/v1")
        self.headers = {key_header: sandbox.api_key, "Content-Type": "application/json", "Accept": "application/json"}

    def send(self, method: str, url: str, body: Any = None, raw: bytes | None = None) -> tuple[int, Any]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(url if url.startswith("http") else self.base + url, data=data, method=method,
                                         headers=self.headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def control(self, method: str, path: str, body: Any = None) -> Any:
        status, answer = self.send(method, f"{self.root}/sandbox/{path}", body)
        assert status in (200, 201), answer
        return answer

    def pay(self, hosted_form_url: str, **fields: str) -> dict[str, Any]:
        """The payer sends the hosted form; returns the postMessage."""
        request = urllib.request.Request(hosted_form_url, data=json.dumps({**FORM, **fields}).encode(), method="POST",
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            message: dict[str, Any] = json.loads(response.read())
        return message

    def notifications(self, resource_id: str) -> list[dict[str, Any]]:
        answer = self.control("GET", f"notifications?resource_id={resource_id}&per_page=100")
        return [json.loads(entry["body"]) for entry in reversed(answer["notifications"])]


def expect_types(value: dict[str, Any], types: dict[str, type | tuple[type, ...]]) -> None:
    for member, kind in types.items():
        assert member in value, f"{member} missing from {value}"
        assert isinstance(value[member], kind), f"{member} is {value[member]!r}, not {kind}"


@pytest.fixture
def notified(sandbox_factory: Callable[..., conftest.Sandbox]) -> conftest.Sandbox:
    """A sandbox whose demo client has a notifications URL (deliveries fail; bodies are kept)."""
    return sandbox_factory("--notifications-url", "http://127.0.0.1:9/hook")


def test_activemerchant_session_and_confirm(sandbox: conftest.Sandbox) -> None:
    """AM: purchase = POST /checkout/sessions; authorize = POST .../confirm with no body; its
    recorded answers and its remote tests (a malformed session id is 422)."""
    am = Integration(sandbox)
    status, session = am.send("POST", "/checkout/sessions", BODIES["sessions"]["am_tokenization_and_pay"])
    assert status == 201, session
    expect_types(session, {"id": str, "expires_at": str, "expires_in_seconds": int, "hosted_form": dict, "warnings": list})
    assert UUID.fullmatch(session["id"]) and session["expires_in_seconds"] == 1800 and session["warnings"] == []
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", session["expires_at"])
    assert session["hosted_form"]["method"] == "GET" and session["hosted_form"]["url"].startswith("http")
    am.pay(session["hosted_form"]["url"], country="IT", email="test@test.it")
    status, confirmed = am.send("POST", f"/checkout/sessions/{session['id']}/confirm", raw=b"")
    assert status == 200, confirmed
    expect_types(confirmed, {"payment_reference": str, "charge_info": dict, "payment_method": dict, "mandate": dict, "payor": dict})
    assert re.fullmatch(r"FWU\d{9}", confirmed["payment_reference"])
    expect_types(confirmed["charge_info"], {"amount": int, "currency": str})
    assert confirmed["charge_info"]["currency"] == "EUR"  # the payer paid from Italy
    expect_types(confirmed["payment_method"], {name: str for name in
                 ["token", "type", "brand", "card_classification", "card_expiration", "last_four_digits", "country", "issuer"]})
    assert re.fullmatch(r"\d\d/\d{4}", confirmed["payment_method"]["card_expiration"])
    assert re.fullmatch(r"MCFWU\d{8}\w{8}", confirmed["mandate"]["id"]) and confirmed["mandate"]["currency"] == "EUR"
    assert confirmed["payor"] == {"country": "IT", "email": "test@test.it"}
    assert "status" not in confirmed
    # A second confirm, and one with a malformed session id (AM's remote tests): 422.
    assert am.send("POST", f"/checkout/sessions/{session['id']}/confirm", raw=b"")[0] == 422
    assert am.send("POST", "/checkout/sessions/123456789/confirm", raw=b"")[0] == 422
    assert am.send("POST", "/checkout/sessions/f4da5b90-591a-4255-a86b-18a621c8724b/confirm", raw=b"")[0] == 404
    # The same purchase with no payor id (the gateway sends null when it has none).
    assert am.send("POST", "/checkout/sessions", BODIES["sessions"]["am_without_payor"])[0] == 201


def test_hyperswitch_session_payment_refund_and_errors(sandbox: conftest.Sandbox) -> None:
    """HS: sessions and confirm (200 only), GET payment (status, status_detail, metadata), refunds,
    and errors parsed with an integer status."""
    hs = Integration(sandbox)
    status, session = hs.send("POST", "/checkout/sessions", BODIES["sessions"]["gpp_one_off"])
    assert status == 201
    hs.pay(session["hosted_form"]["url"], first_name="SANDBOX_TO_DELIVERED_STATUS")
    status, confirmed = hs.send("POST", f"/checkout/sessions/{session['id']}/confirm", {})
    assert status == 200
    reference = confirmed["payment_reference"]
    status, payment = hs.send("GET", f"/payments/{reference}")
    assert status == 200
    expect_types(payment, {"payment_id": str, "status": str, "status_detail": str, "metadata": dict,
                           "amount_from": int, "currency_from": str, "amount_to": int, "currency_to": str})
    assert payment["status"] == "delivered"
    status, refund = hs.send("POST", f"/payments/{reference}/refunds", BODIES["refunds"]["hs_refund"])
    assert status == 201, refund
    expect_types(refund, {"refund_id": str, "payment_id": str, "status": str, "amount": int, "currency": str})
    assert hs.send("GET", f"/refunds/{refund['refund_id']}")[1]["status"] == "pending"
    for bad in (b"{not json", json.dumps({"amount": -1}).encode()):
        status, problem = hs.send("POST", f"/payments/{reference}/refunds", raw=bad)
        assert status in (400, 422)
        expect_types(problem, {"type": str, "title": str, "status": int, "detail": str})
        assert problem["status"] == status


def test_caldera_preauthorization_captures_adjustments_and_token_charges(sandbox: conftest.Sandbox) -> None:
    """CAL: a one_off pre-authorization, an adjustment to the same amount (extends the hold),
    a capture (charge_result received), and token charges of a saved card."""
    cal = Integration(sandbox)
    status, session = cal.send("POST", "/checkout/sessions", BODIES["sessions"]["cal_preauth_one_off"])
    assert status == 201, session
    cal.pay(session["hosted_form"]["url"])
    status, confirmed = cal.send("POST", f"/checkout/sessions/{session['id']}/confirm", {})
    assert status == 200
    reference = confirmed["payment_reference"]
    assert cal.send("GET", f"/payments/{reference}")[1]["status"] == "authorized"
    status, adjusted = cal.send("POST", f"/payments/{reference}/authorization_adjustments", {"amount": 100000})
    assert status in (200, 201) and adjusted["charge_result"] == {"status": "received"}
    status, captured = cal.send("POST", f"/payments/{reference}/captures", {"amount": 80000})
    assert status in (200, 201) and captured["charge_result"]["status"] == "received"
    assert cal.send("GET", f"/payments/{reference}")[1]["amount_to"] == 80000

    status, saving = cal.send("POST", "/checkout/sessions", BODIES["sessions"]["am_tokenization_and_pay"])
    cal.pay(saving["hosted_form"]["url"], country="ES")
    saved = cal.send("POST", f"/checkout/sessions/{saving['id']}/confirm", {})[1]
    charge = {**BODIES["token_charges"]["cal_charge"], "payment_method_token": saved["payment_method"]["token"],
              "mandate_id": saved["mandate"]["id"], "payor_id": "user123"}
    status, charged = cal.send("POST", "/payments/charge", charge)
    assert status in (200, 201), charged
    expect_types(charged, {"payment_reference": str, "charge_info": dict, "charge_result": dict})
    assert charged["charge_result"]["status"] in ("success", "pending", "failed")
    assert charged["charge_result"]["status"] == "success"
    # charge_info is what the payer paid, in the payer's currency (the mandate's).
    assert charged["charge_info"]["currency"] == saved["mandate"]["currency"] == "EUR"
    assert isinstance(charged["charge_info"]["amount"], int)


def test_wordpress_preauthorization_and_charges_webhooks(notified: conftest.Sandbox) -> None:
    """WPJ: a one_off pre-authorization with a float amount and its own notifications URL;
    its webhook handler reads `charges` events (authorized, captured) and `charge_result`."""
    wpj = Integration(notified, key_header="X-AUTHENTICATION-Key")
    status, session = wpj.send("POST", "/checkout/sessions", BODIES["sessions"]["wpj_preauth_one_off"])
    assert status == 201, session
    wpj.pay(session["hosted_form"]["url"])
    reference = wpj.send("POST", f"/checkout/sessions/{session['id']}/confirm", {})[1]["payment_reference"]
    assert wpj.send("GET", f"/payments/{reference}")[1]["amount_to"] == 33000
    assert wpj.send("POST", f"/payments/{reference}/captures", {"amount": 33000})[1]["charge_result"]["status"] == "received"
    charges = [n for n in wpj.notifications(reference) if n["event_resource"] == "charges"]
    assert [n["event_type"] for n in charges] == ["authorized", "captured"]
    for event in charges:
        expect_types(event["data"], {"payment_id": str, "status": str, "amount": str, "currency": str})
    declined = wpj.send("POST", "/checkout/sessions", BODIES["sessions"]["wpj_preauth_one_off"])[1]
    wpj.pay(declined["hosted_form"]["url"], card_holder="MAGICVALUE NOT ENOUGH BALANCE")
    failed_ref = wpj.send("POST", f"/checkout/sessions/{declined['id']}/confirm", {})[1]["payment_reference"]
    failed = [n for n in wpj.notifications(failed_ref) if n["event_resource"] == "charges"]
    assert [n["event_type"] for n in failed] == ["failed"] and failed[0]["data"]["reason"] == "insufficient_funds"


def test_odoo_recipients_tokenization_charges_and_webhook_members(notified: conftest.Sandbox) -> None:
    """ODOO: recipients (id, external_code, name, country, state), a tokenization session, a
    recurring token charge with a float amount, and the webhook members it stores."""
    odoo = Integration(notified)
    status, recipients = odoo.send("GET", "/recipients?per_page=100")
    assert status == 200
    for recipient in recipients["recipients"]:
        expect_types(recipient, {"id": str, "external_code": str, "name": str, "country": str})
        assert "state" in recipient and isinstance(recipient["state"], (str, type(None)))
    status, session = odoo.send("POST", "/checkout/sessions", BODIES["sessions"]["odoo_tokenization"])
    assert status == 201, session
    odoo.pay(session["hosted_form"]["url"])
    saved = odoo.send("POST", f"/checkout/sessions/{session['id']}/confirm", {})[1]
    assert "payment_reference" not in saved and saved["mandate"]["currency"] == "USD"
    charge = {**BODIES["token_charges"]["odoo_recurring_charge"], "payment_method_token": saved["payment_method"]["token"],
              "mandate_id": saved["mandate"]["id"]}
    status, charged = odoo.send("POST", "/payments/charge", charge)
    assert status in (200, 201), charged
    assert charged["charge_info"] == {"amount": 12000, "currency": "USD"}
    events = odoo.notifications(charged["payment_reference"])
    assert events and all(n["event_resource"] == "payments" for n in events)
    for event in events:
        data = event["data"]
        expect_types(data, {"payment_id": str, "status": str, "fields": dict, "payment_method": dict, "payer": dict,
                            "expiration_date": str, "amount_from": str, "amount_to": str})
        datetime.datetime.strptime(data["expiration_date"], "%Y-%m-%dT%H:%M:%SZ")
        expect_types(data["payment_method"], {name: str for name in
                     ["type", "brand", "card_classification", "card_expiration", "last_four_digits"]})


def test_one_off_apps_poll_payments_and_read_both_webhook_formats(notified: conftest.Sandbox) -> None:
    """GPP, JAVA, LRV, ERP: one_off sessions, confirm (the Spring client reads payor.email and
    payor.country), GET payment polling, and webhooks: v2 with fields, v2 without data.status
    (LRV) and classic callbacks with major-unit amounts (ERP)."""
    app = Integration(notified)
    status, session = app.send("POST", "/checkout/sessions", BODIES["sessions"]["gpp_one_off"])
    assert status == 201
    app.pay(session["hosted_form"]["url"], state="CA")
    status, confirmed = app.send("POST", f"/checkout/sessions/{session['id']}/confirm", raw=b"")
    assert status == 200
    assert confirmed["payor"] == {"country": "US", "email": "peter@example.com", "state": "CA"}
    reference = confirmed["payment_reference"]
    payment = app.send("GET", f"/payments/{reference}")[1]
    assert payment["status"] in ("initiated", "processed", "guaranteed", "delivered") and isinstance(payment["metadata"], dict)
    v2 = app.notifications(reference)
    assert v2 and all(n["data"]["status"] == n["event_type"] for n in v2)
    assert v2[-1]["data"]["fields"] == {"custom_field_1": "INV-2026-001"}

    app.control("POST", "settings", {"notification_format": "v2_without_status"})
    second = app.send("POST", "/checkout/sessions", BODIES["sessions"]["gpp_one_off"])[1]
    app.pay(second["hosted_form"]["url"])
    second_ref = app.send("POST", f"/checkout/sessions/{second['id']}/confirm", {})[1]["payment_reference"]
    assert all("status" not in n["data"] and n["event_type"] for n in app.notifications(second_ref))

    app.control("POST", "settings", {"notification_format": "classic"})
    third = app.send("POST", "/checkout/sessions", BODIES["sessions"]["gpp_one_off"])[1]
    app.pay(third["hosted_form"]["url"])
    third_ref = app.send("POST", f"/checkout/sessions/{third['id']}/confirm", {})[1]["payment_reference"]
    classic = app.notifications(third_ref)
    assert classic and all(set(n) == {"id", "callback_id", "status", "amount"} for n in classic)
    assert classic[0]["id"] == third_ref and classic[0]["amount"] == "1500.00"
