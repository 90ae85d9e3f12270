#!/usr/bin/env python3
"""An order with typed bodies and results: `mypy --strict` checks every field name against
fwpay.types, and the charge's idempotency key is kept from the answer's metadata.

Reads FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
"""
import os

import fwpay
from fwpay import types


def order_for(offer: types.Offer, reference: str) -> types.OrderCreate:
    return {
        "payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES", "email": "peter@example.com"},
        "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
        "items": [{"id": "tuition", "amount": 120000}],
        "offer": {"id": offer["id"]},
        "external_reference": reference,
    }


def main() -> None:
    base_url = os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)
    with fwpay.Client(api_key=os.environ["FWPAY_API_KEY"], base_url=base_url) as client:
        offers: types.OfferList = client.offers.list(recipient="FWU", amount=120000, country="ES")
        order: types.Order = client.orders.create(order_for(offers["offers"][0], "typed-example"))
        charge = client.orders.charge(order["id"])
        # Keep the key the charge was sent with: it is how a retry, or support, finds it again.
        sent = fwpay.response_of(charge)
        print(f"charged with idempotency key {sent.idempotency_key} (request {sent.request_id}, HTTP {sent.http_status})")
        payment: types.Payment = client.payments.get(charge["payment_reference"])
        print(f"payment reference: {payment['payment_id']} ({payment['status']})")


if __name__ == "__main__":
    main()
