"""Shared steps of the Python tests: paid orders, sessions sent by the payer, the control API."""
from __future__ import annotations

import json
import urllib.request
from typing import Any

import fwpay


def root(sandbox: Any) -> str:
    return str(sandbox.base_url).removesuffix("/payments/v1")


def control(sandbox: Any, path: str, body: Any) -> Any:
    """POST /sandbox/<path> (the sandbox's control API)."""
    request = urllib.request.Request(f"{root(sandbox)}/sandbox/{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"X-Authentication-Key": sandbox.api_key, "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def pay_form(hosted_form_url: str, holder: str = "Peter Payer", country: str = "US") -> dict[str, Any]:
    """The payer sends the hosted form with a test card; returns the postMessage."""
    form = {"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": country,
            "card_holder": holder, "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
    request = urllib.request.Request(hosted_form_url, data=json.dumps(form).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        message: dict[str, Any] = json.loads(response.read())
        return message


def order_body(client: fwpay.Client, first_name: str = "Peter", amount: int = 120000) -> dict[str, Any]:
    offer = client.offers.list(recipient="FWU", amount=amount, country="ES")["offers"][0]
    return {"payer": {"first_name": first_name, "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
            "items": [{"id": "tuition", "amount": amount}], "offer": {"id": offer["id"]}}


def paid_order(client: fwpay.Client, first_name: str = "Peter") -> str:
    order = client.orders.create(order_body(client, first_name))
    return str(client.orders.charge(order["id"])["payment_reference"])


PREAUTH = {"type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
           "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
           "recipient": {"fields": [{"id": "custom_field_1", "value": "X"}]},
           "items": [{"id": "default", "amount": 60000}]}


def preauthorization(client: fwpay.Client, holder: str = "Peter Payer") -> dict[str, Any]:
    """A confirmed pre-authorization: the confirm answer."""
    session = client.sessions.create(PREAUTH)
    message = pay_form(session["hosted_form"]["url"], holder)
    return client.sessions.confirm(message["confirm_url"]["url"])
