"""What every server app of these tests does per request: create an order whose external
reference is the request's own, with a client made (and used) before the server forked."""
from __future__ import annotations

import json
import os
from typing import Any

import fwpay


def order_body(client: fwpay.Client, reference: str) -> dict[str, Any]:
    return order_body_for(client.offers.list(**OFFER)["offers"][0], reference)


#: The offer every order of these apps takes.
OFFER: dict[str, Any] = {"recipient": "FWU", "amount": 120000, "country": "ES"}


def order_body_for(offer: dict[str, Any], reference: str) -> dict[str, Any]:
    return {"payer": {"first_name": "Peter", "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer["id"]},
            "external_reference": reference}


def create_order(client: fwpay.Client, reference: str) -> dict[str, Any]:
    """The order as the client answered, with the process that made it."""
    order = client.orders.create(order_body(client, reference))
    return {"id": order["id"], "external_reference": order.get("external_reference"), "pid": os.getpid()}


def shared_client() -> fwpay.Client:
    """The module-level client of an app: made from the environment and used once, so that
    its pool holds a kept-alive connection when the server forks its workers."""
    client = fwpay.Client(api_key=os.environ["FWPAY_API_KEY"], base_url=os.environ["FWPAY_BASE_URL"])
    client.recipients.get("FWU")
    return client


def answer(result: dict[str, Any]) -> bytes:
    return json.dumps(result).encode()
