"""Every operation of the package against a sandbox: sessions, pre-authorizations, token
charges, payments, refunds, bundles, paging, search, compatibility."""
from __future__ import annotations

import threading
from typing import Any

import pytest

import fwpay
from helpers import PREAUTH, control, order_body, paid_order, pay_form, preauthorization


@pytest.fixture
def client(sandbox: Any) -> Any:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        yield client


def test_sessions(client: fwpay.Client) -> None:
    session = client.sessions.create({**PREAUTH, "payor": {"email": "not-an-email"}})
    assert session["expires_in_seconds"] == 1800 and session["hosted_form"]["method"] == "GET"
    assert session["warnings"][0]["source"] == "email"
    with pytest.raises(fwpay.InvalidRequestError) as early:
        client.sessions.confirm(session["id"])
    assert early.value.status == 422
    message = pay_form(session["hosted_form"]["url"])
    assert message["source"] == "checkout_session" and message["success"] is True
    confirmed = client.sessions.confirm(message["confirm_url"]["url"])
    assert confirmed["payment_reference"].startswith("FWU") and confirmed["mandate"]["id"].startswith("MCFWU")
    with pytest.raises(fwpay.InvalidArgumentError, match="not under this client's base URL"):
        client.sessions.confirm("https://evil.example/payments/v1/checkout/sessions/x/confirm")
    with pytest.raises(fwpay.InvalidRequestError) as refused:
        client.sessions.create({**PREAUTH, "items": [{"id": "tuition", "amount": 100}]})
    # The item rules are the server's to judge (the client only checks amounts' types).
    assert refused.value.status == 422 and refused.value.errors[0]["source"] == "/items"


def test_preauthorization_capture_adjust_cancel(client: fwpay.Client) -> None:
    held = preauthorization(client)
    reference = held["payment_reference"]
    assert client.payments.get(reference)["status"] == "authorized"
    with pytest.raises(fwpay.InvalidRequestError, match="can only be raised"):
        client.payments.adjust(reference, amount=50000)
    assert client.payments.adjust(reference, amount=70000)["status"] == "adjusted"
    with pytest.raises(fwpay.InvalidRequestError, match="more than the authorized amount"):
        client.payments.capture(reference, amount=70001)
    captured = client.payments.capture(reference, amount=65000)
    assert captured["captured_amount"] == 65000 and captured["released_amount"] == 5000
    with pytest.raises(fwpay.InvalidRequestError, match="already been captured"):
        client.payments.capture(reference, amount=1)
    other = preauthorization(client)["payment_reference"]
    assert client.payments.cancel(other)["status"] == "cancelled"
    # The saved card is charged again with its token and mandate.
    charged = client.payments.charge({"payment_method_token": held["payment_method"]["token"],
                                      "mandate_id": held["mandate"]["id"], "charge_intent": {"mode": "unscheduled"},
                                      "recipient": {"id": "FWU"}, "items": [{"amount": 12000}]})
    assert charged["charge_result"]["status"] == "success"
    declined = preauthorization(client, holder="MAGICVALUE CARD EXPIRED")["payment_reference"]
    failed = client.payments.get(declined)
    assert failed["status"] == "failed" and failed["reason"] == "card_expired"


def test_payments_lists_and_paging(client: fwpay.Client) -> None:
    references = [paid_order(client) for _ in range(5)]
    assert client.payments.process(references[0])["status"] == "processed"
    assert client.payments.cancel(references[1])["status"] == "cancelled"
    assert client.payments.receipt(references[0])["recipient"]["name"] == "Flywire University"
    initiated = list(client.payments.list(status="initiated", per_page=2))
    assert sorted(p["payment_id"] for p in initiated) == sorted(references[2:])
    page = client.payments.page(status="initiated", page=2, per_page=2)
    assert page["total_entries"] == 3 and len(page["payments"]) == 1
    assert len(list(client.payments.list())) == 5
    assert [r["id"] for r in client.recipients.list(per_page=2)] == sorted(["BHU", "ETM", "FLW", "FWU", "TKU"])
    orders = list(client.orders.list(country="US", status="charged"))
    assert len(orders) == 5 and all(o["status"] == "charged" for o in orders)
    assert client.orders.check(orders[0]["id"], portal="FWU")["compatible"] is True
    with pytest.raises(fwpay.InvalidRequestError, match="portal ETM is in ES"):
        client.orders.check(orders[0]["id"], portal="ETM")
    with pytest.raises(fwpay.InvalidArgumentError, match="per_page must be between 1 and 100"):
        client.payments.list(per_page=500)


def test_search(client: fwpay.Client) -> None:
    assert [r["id"] for r in client.recipients.search("TÉCNICA")] == ["ETM"]
    assert {r["id"] for r in client.recipients.search("university")} == {"FWU", "TKU", "BHU"}
    assert client.recipients.search("no such school") == []


def test_refunds_and_bundles(sandbox: Any, client: fwpay.Client) -> None:
    reference = paid_order(client, "SANDBOX_TO_DELIVERED_STATUS")
    refund = client.refunds.create(reference, {"amount": 20000, "external_reference": "r-1"}, idempotency_key="refund-r-1")
    assert refund["status"] == "pending" and refund["refund_id"].startswith("RFWU")
    assert client.refunds.create(reference, {"amount": 20000, "external_reference": "r-1"},
                                 idempotency_key="refund-r-1") == refund  # replayed, not a second refund
    with pytest.raises(fwpay.InvalidRequestError) as second:
        client.refunds.create(reference, {"amount": 100})
    assert second.value.errors[0]["type"] == "already_refund"
    assert [r["refund_id"] for r in client.refunds.list(payment_id=reference)] == [refund["refund_id"]]
    assert client.refunds.page(payment_id=reference)["total_entries"] == 1
    bundle = client.bundles.get(refund["bundle_id"])
    assert bundle["status"] == "pending" and [b["bundle_id"] for b in client.bundles.list()] == [bundle["bundle_id"]]
    assert client.bundles.approve(bundle["bundle_id"])["status"] == "approved"
    control(sandbox, "clock/advance", {"days": 4})
    assert client.refunds.get(refund["refund_id"])["status"] == "finished"
    other = client.refunds.create(reference, {"amount": 1000})
    assert client.refunds.cancel(other["refund_id"])["status"] == "cancelled"
    assert client.bundles.page()["total_entries"] == 2


def test_idempotency_key_and_timeout_per_call(client: fwpay.Client) -> None:
    order = client.orders.create(order_body(client), idempotency_key="order-42")
    again = client.orders.create(order_body(client), idempotency_key="order-42")
    assert order["id"] == again["id"] or again == order  # the same key and body: the same order
    with pytest.raises(fwpay.InvalidArgumentError, match="idempotency_key"):
        client.orders.charge(order["id"], idempotency_key="no spaces allowed")
    with pytest.raises(fwpay.InvalidArgumentError, match="timeout"):
        client.orders.get(order["id"], timeout=0)


def test_threads_share_one_client_across_resources(client: fwpay.Client) -> None:
    errors: list[BaseException] = []
    references: list[str] = []

    def work() -> None:
        try:
            for _ in range(3):
                references.append(paid_order(client))
                list(client.payments.list(per_page=5))
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(set(references)) == 24
