"""real-api-evidence.md §4: what real integrators' own code met against the sandbox, row by
row, as the sandbox now answers it (the rows still open are listed in the issue's note)."""
from __future__ import annotations

import json
import pathlib
import sys
import time
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "security"))
from test_findings import call, order  # noqa: E402

HOOK = "http://127.0.0.1:9/hook"  # nothing listens: the notifications stay listed, undelivered


def notifications(sandbox: Any, resource_id: str) -> list[dict[str, Any]]:
    status, listed, _ = call(sandbox, "GET", f"/sandbox/notifications?resource_id={resource_id}", api=False)
    assert status == 200, listed
    return list(listed["notifications"])


def charged(sandbox: Any, **extra: Any) -> str:
    status, payment, _ = call(sandbox, "POST", f"/orders/{order(sandbox, notifications_url=HOOK, **extra)}/charge")
    assert status in (200, 201), payment
    return str(payment["payment_reference"])


def test_f_a_classic_callback_id_is_the_merchants_reference(sandbox: Any) -> None:
    assert call(sandbox, "POST", "/sandbox/settings", {"notification_format": "classic"}, api=False)[0] == 200
    with_reference = charged(sandbox, external_reference="INV-2026-042")
    without = charged(sandbox)
    first = [json.loads(n["body"]) for n in notifications(sandbox, with_reference)]
    second = [json.loads(n["body"]) for n in notifications(sandbox, without)]
    assert first and all(body["callback_id"] == "INV-2026-042" for body in first)
    assert second and all(body["callback_id"] == without for body in second)


def test_e_refunds_are_notified_in_documented_statuses_only(sandbox: Any) -> None:
    reference = charged(sandbox)
    for state in ("processed", "guaranteed", "delivered"):
        assert call(sandbox, "POST", f"/sandbox/payments/{reference}/transition", {"status": state}, api=False)[0] == 200
    status, refund, _ = call(sandbox, "POST", f"/payments/{reference}/refunds", {"amount": 10000, "notifications_url": HOOK})
    assert status == 201, refund
    assert notifications(sandbox, refund["refund_id"]) == [], "a refund waiting in its bundle was notified"
    assert call(sandbox, "POST", f"/refund_bundles/{refund['bundle_id']}/approve")[0] == 200
    events = [n["event_type"] for n in notifications(sandbox, refund["refund_id"])]
    assert events and set(events) <= {"initiated", "received", "finished", "cancelled", "returned", "failed"}, events
    assert "initiated" in events


class SlowFirstReceiver:
    """Records each notification's (resource id, event type) as it arrives; holds every
    `initiated` for 0.6 s before answering, so that later events would overtake it."""

    def __init__(self) -> None:
        import http.server
        import threading
        received: list[tuple[str, str]] = []
        lock = threading.Lock()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                if body["event_type"] == "initiated":
                    time.sleep(0.6)
                with lock:
                    received.append((body["data"].get("payment_id") or body["data"].get("refund_id"), body["event_type"]))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.received = received
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"


def test_a_resources_notifications_arrive_in_the_order_they_happened(sandbox: Any) -> None:
    receiver = SlowFirstReceiver()
    try:
        status, first, _ = call(sandbox, "POST", f"/orders/{order(sandbox, notifications_url=receiver.url)}/charge")
        assert status in (200, 201), first
        reference = first["payment_reference"]
        for state in ("processed", "guaranteed"):
            assert call(sandbox, "POST", f"/sandbox/payments/{reference}/transition", {"status": state}, api=False)[0] == 200
        other = call(sandbox, "POST", f"/orders/{order(sandbox, notifications_url=receiver.url)}/charge")[1]["payment_reference"]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len([r for r in receiver.received if r[0] == reference]) < 3:
            time.sleep(0.1)
    finally:
        receiver.server.shutdown()
    mine = [event for resource, event in receiver.received if resource == reference]
    assert mine == ["initiated", "processed", "guaranteed"], receiver.received
    # Another payment's notification did not wait for this one's.
    assert (other, "initiated") in receiver.received


def test_b_a_token_charge_keeps_its_fields_payer_and_country(sandbox: Any) -> None:
    from test_findings import FIELDS, paid_session
    _, (status, saved, _) = paid_session(sandbox, {"type": "tokenization", "recipient_id": "FWU", "recipient": FIELDS})
    assert status == 200, saved
    charge = {"payment_method_token": saved["payment_method"]["token"], "mandate_id": saved["mandate"]["id"],
              "charge_intent": {"mode": "unscheduled"}, "notifications_url": HOOK,
              "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "STU-2026-9"}]},
              "items": [{"id": "tuition", "amount": 12000}]}
    status, charged, _ = call(sandbox, "POST", "/payments/charge", charge)
    assert status == 201, charged
    events = [json.loads(n["body"]) for n in notifications(sandbox, charged["payment_reference"])]
    assert events
    for event in events:
        data = event["data"]
        assert data["fields"] == {"custom_field_1": "STU-2026-9"}, data
        assert data["payer"].get("first_name") == "Peter" and data["payer"].get("email") == "p@example.com", data
        assert data["country"] == "US", data


def test_a_card_payment_sends_charges_events_beside_its_payments_events(sandbox: Any) -> None:
    from test_findings import FIELDS, paid_session
    _, (status, confirmed, _) = paid_session(sandbox, {"type": "one_off", "recipient_id": "FWU", "recipient": FIELDS,
                                                       "items": [{"amount": 60000}], "notifications_url": HOOK})
    assert status == 200, confirmed
    reference = confirmed["payment_reference"]  # a test card: charged at once, initiated -> processed -> guaranteed
    listed = sorted(notifications(sandbox, reference), key=lambda n: n["id"])
    charges = [(n["event_type"], json.loads(n["body"])["data"]) for n in listed if n["resource"] == "charges"]
    payments = [n["event_type"] for n in listed if n["resource"] == "payments"]
    assert payments == ["initiated", "processed", "guaranteed"], payments
    assert [event for event, _ in charges] == ["processed"], charges
    assert charges[0][1]["payment_id"] == reference and charges[0][1]["amount"] == "60000"


def test_c_the_confirm_answers_the_payors_state(sandbox: Any) -> None:
    from test_findings import FIELDS, FORM
    body = {"type": "one_off", "recipient_id": "FWU", "recipient": FIELDS, "items": [{"amount": 60000}]}
    # The payer gives a state on the form.
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", body)
    assert status == 201, session
    assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", {**FORM, "state": "NY"}, key=None, api=False)[0] == 200
    confirmed = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[1]
    assert confirmed["payor"]["state"] == "NY" and confirmed["payor"]["country"] == "US", confirmed["payor"]
    # The merchant pre-filled it; the payer left it alone.
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {**body, "payor": {"country": "US", "state": "CA"}})
    assert status == 201, session
    assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)[0] == 200
    confirmed = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[1]
    assert confirmed["payor"]["state"] == "CA", confirmed["payor"]
    # Neither: no state member.
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", body)
    assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)[0] == 200
    assert "state" not in call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[1]["payor"]


def test_d_a_payment_links_the_payers_tracking_page(sandbox: Any) -> None:
    import urllib.error
    import urllib.request
    from test_findings import FIELDS, paid_session
    _, (status, confirmed, _) = paid_session(sandbox, {"type": "one_off", "recipient_id": "FWU", "recipient": FIELDS,
                                                       "items": [{"amount": 60000}], "metadata": {"invoice": "INV-7"}})
    assert status == 200, confirmed
    reference = confirmed["payment_reference"]
    payment = call(sandbox, "GET", f"/payments/{reference}")[1]
    link = payment["metadata"]["tracking_url"]
    assert payment["metadata"]["invoice"] == "INV-7", "the merchant's metadata stays"
    assert link.startswith(sandbox.base_url.removesuffix("/payments/v1") + f"/track/{reference}?token=")
    with urllib.request.urlopen(link, timeout=10) as page:
        html = page.read().decode()
    assert reference in html and payment["status"] in html and "sandbox-only" in html
    assert "4111" not in html and "1111" not in html, "no card data on the payer's page"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(link.rsplit("=", 1)[0] + "=" + "0" * 32, timeout=10)
    assert refused.value.code == 404


def test_a_the_payment_exists_once_the_payer_has_sent_the_form(sandbox: Any) -> None:
    from test_findings import FIELDS, FORM
    for session_type, extra in (("one_off", {}), ("tokenization_and_pay", {"schema": "cards",
                                "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"}})):
        body = {"type": session_type, "recipient_id": "FWU", "recipient": FIELDS, "items": [{"id": "default", "amount": 60000}],
                "notifications_url": HOOK, "external_reference": f"late-{session_type}", **extra}
        status, session, _ = call(sandbox, "POST", "/checkout/sessions", body)
        assert status == 201, session
        assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)[0] == 200
        # Never confirmed yet: the payment and its notifications are there.
        listed = call(sandbox, "GET", f"/payments?external_reference=late-{session_type}")[1]["payments"]
        assert len(listed) == 1, listed
        reference = listed[0]["payment_id"]
        assert notifications(sandbox, reference), "the payment was not notified before the confirm"
        # A second submission is refused: one payment per session.
        again = call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)
        assert again[0] == 422, again[1]
        # The first confirm answers that payment; a second one is refused.
        status, confirmed, _ = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")
        assert status == 200 and confirmed["payment_reference"] == reference, confirmed
        assert call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[0] == 422
        assert len(call(sandbox, "GET", f"/payments?external_reference=late-{session_type}")[1]["payments"]) == 1
    # A session that only tokenizes saves the card at confirm, as before.
    status, session, _ = call(sandbox, "POST", "/checkout/sessions", {"type": "tokenization", "recipient_id": "FWU", "recipient": FIELDS})
    assert call(sandbox, "POST", f"/checkout/form?session_id={session['id']}", FORM, key=None, api=False)[0] == 200
    saved = call(sandbox, "POST", f"/checkout/sessions/{session['id']}/confirm")[1]
    assert "payment_reference" not in saved and saved["payment_method"]["token"]
