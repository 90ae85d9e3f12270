"""The order flow and the server's rules, through the Python package against a sandbox."""
from __future__ import annotations

import pathlib
import subprocess
import threading
from typing import Any

import pytest

import fwpay


@pytest.fixture
def client(sandbox: Any) -> Any:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        yield client


def order_body(client: fwpay.Client, country: str = "ES", amount: int = 120000) -> dict[str, Any]:
    offer = client.offers.list(recipient="FWU", amount=amount, country=country)["offers"][0]
    return {
        "payer": {"first_name": "Peter", "last_name": "Payer", "country": country},
        "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
        "items": [{"id": "tuition", "amount": amount}],
        "offer": {"id": offer["id"]},
    }


def test_version_matches_the_library() -> None:
    version = (pathlib.Path(__file__).resolve().parents[3] / "VERSION").read_text().strip()
    assert fwpay.__version__ == version == fwpay.library_version


def test_recipients(client: fwpay.Client) -> None:
    page = client.recipients.page()
    assert {r["id"] for r in page["recipients"]} == {"FWU", "ETM", "TKU", "BHU", "FLW"}
    assert page["total_entries"] == 5
    assert len(client.recipients.page(page=2, per_page=3)["recipients"]) == 2
    fwu = client.recipients.get("FWU")
    assert fwu["name"] == "Flywire University"
    assert fwu["fields"][0] == {"id": "custom_field_1", "label": "Student ID", "type": "text", "required": True}
    with pytest.raises(fwpay.NotFoundError) as caught:
        client.recipients.get("XYZ")
    assert caught.value.status == 404
    assert caught.value.request_id.startswith("req_")
    assert str(caught.value).startswith(f"Request {caught.value.request_id}: ")


def test_offers_are_priced_in_the_payers_currency(client: fwpay.Client) -> None:
    offers = client.offers.list(recipient="TKU", amount=500000, country="BH")["offers"]
    assert {o["type"] for o in offers} == {"bank_transfer", "card"}
    assert all(o["price"]["currency"] == "BHD" for o in offers)
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.offers.list(recipient="FWU", amount=100, country="ZZ")
    assert caught.value.status == 400
    assert caught.value.errors[0]["param"] == "country"


def test_create_edit_charge(client: fwpay.Client) -> None:
    order = client.orders.create(order_body(client))
    edited = client.orders.update(order["id"], {"metadata": {"invoice": "INV-7"}})
    assert edited["id"] == order["id"]
    assert edited["metadata"] == {"invoice": "INV-7"}
    payment = client.orders.charge(order["id"])
    assert payment["payment_reference"].startswith("FWU") and len(payment["payment_reference"]) == 12
    assert payment["amount_to"] == 120000 and payment["currency_to"] == "USD"
    assert payment["currency_from"] == "EUR" and isinstance(payment["amount_from"], int)
    stored = client.request("GET", f"/payments/{payment['payment_reference']}")
    assert stored["order_id"] == order["id"] and stored["status"] == "initiated"
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.orders.charge(order["id"])
    assert payment["payment_reference"] in caught.value.errors[0]["message"]
    assert len(caught.value.idempotency_key) == 36
    assert client.orders.get(order["id"])["status"] == "charged"


def test_recipient_id_cannot_be_edited(client: fwpay.Client) -> None:
    order = client.orders.create(order_body(client))
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.orders.update(order["id"], {"recipient": {"id": "FWU"}})
    assert caught.value.http_status == 0  # refused before sending
    assert caught.value.errors == [{"source": "/recipient/id", "param": "id", "type": "invalid_param",
                                    "message": "cannot be updated"}]
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.request("PATCH", f"/orders/{order['id']}", {"recipient": {"id": "FWU"}})
    assert caught.value.http_status == 422  # and the server says the same
    assert caught.value.errors[0]["message"] == "cannot be updated"


def test_server_rules(client: fwpay.Client) -> None:
    body = order_body(client)
    body["items"] = [{"id": "tuition", "amount": 1000}]
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.orders.create(body)
    assert caught.value.errors[0] == {"source": "/recipient/items", "param": "items", "type": "invalid_param",
                                      "message": "Amount must be greater than $50.00"}
    body = order_body(client)
    body["payer"]["country"] = "FR"
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.orders.create(body)
    assert caught.value.errors[0]["source"] == "/offer/id"
    with pytest.raises(fwpay.NotFoundError):
        client.orders.charge("00000000-0000-4000-8000-000000000000")


def test_metadata_limits(client: fwpay.Client) -> None:
    body = order_body(client)
    body["metadata"] = {f"k{i}": "v" for i in range(21)}
    with pytest.raises(fwpay.InvalidRequestError, match="at most 20 pairs"):
        client.orders.create(body)
    body["metadata"] = {"k" * 41: "v"}
    with pytest.raises(fwpay.InvalidRequestError, match="keys are at most 40"):
        client.orders.create(body)
    body["metadata"] = {"note": "é" * 501}
    with pytest.raises(fwpay.InvalidRequestError) as caught:
        client.orders.create(body)
    assert caught.value.errors[0]["source"] == "/metadata/note"
    body["metadata"] = {"note": "é" * 500}
    assert client.orders.create(body)["metadata"]["note"] == "é" * 500


def test_wrong_api_key(sandbox: Any) -> None:
    with fwpay.Client(api_key="not-the-key", base_url=sandbox.base_url) as client:
        with pytest.raises(fwpay.AuthenticationError) as caught:
            client.recipients.page()
    assert caught.value.status == 401
    assert "not-the-key" not in str(caught.value) and "not-the-key" not in repr(caught.value)


def test_clients_do_not_see_each_others_orders(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as first, \
         fwpay.Client(api_key=sandbox.second_api_key, base_url=sandbox.base_url) as second:
        order = first.orders.create(order_body(first))
        with pytest.raises(fwpay.NotFoundError):
            second.orders.get(order["id"])
        with pytest.raises(fwpay.NotFoundError):
            second.orders.charge(order["id"])


def test_threads_share_one_client(client: fwpay.Client) -> None:
    body = order_body(client)
    references: list[str] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                order = client.orders.create(body)
                references.append(client.orders.charge(order["id"])["payment_reference"])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(references) == 20 and len(set(references)) == 20


def test_payments_survive_a_restart(sandbox: Any, tmp_path: Any) -> None:
    from conftest import start_sandbox, stop_sandbox
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        order = client.orders.create(order_body(client))
        reference = client.orders.charge(order["id"])["payment_reference"]
    sandbox.process.kill()  # no clean shutdown: an acknowledged charge must still be there
    sandbox.process.wait()
    restarted = start_sandbox(sandbox.database.parent)
    try:
        with fwpay.Client(api_key=sandbox.api_key, base_url=restarted.base_url) as client:
            assert client.request("GET", f"/payments/{reference}")["order_id"] == order["id"]
            with pytest.raises(fwpay.InvalidRequestError):
                client.orders.charge(order["id"])
    finally:
        stop_sandbox(restarted)
