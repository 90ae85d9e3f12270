#!/usr/bin/env python3
"""One payment through an order, from Python: recipient -> offer -> order -> edit -> charge.

Reads FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
"""
import os
import sys

import fwpay


def main() -> int:
    base_url = os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)
    with fwpay.Client(api_key=os.environ["FWPAY_API_KEY"], base_url=base_url) as client:
        recipient = client.recipients.get("FWU")
        print(f"recipient: {recipient['name']} ({recipient['currency']})")

        offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]
        print(f"offer: {offer['type']}, {offer['price']['value']} {offer['price']['currency']}")

        order = client.orders.create({
            "payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES", "email": "peter@example.com"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
            "items": [{"id": "tuition", "amount": 80000}, {"id": "housing", "amount": 40000}],
            "offer": {"id": offer["id"]},
            "external_reference": "python-example",
        })
        print(f"order: {order['id']}")

        client.orders.update(order["id"], {"metadata": {"invoice": "INV-2026-0042"}})

        try:
            payment = client.orders.charge(order["id"])
        except fwpay.OutcomeUnknownError as error:
            print(f"the charge may have happened; reconcile with key {error.idempotency_key}", file=sys.stderr)
            return 1
        print(f"payment reference: {payment['payment_reference']} "
              f"({payment['amount_from']} {payment['currency_from']})")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except fwpay.Error as error:
        print(f"order_flow: {error}", file=sys.stderr)
        for problem in error.errors:
            print(f"  {problem.get('source')}: {problem.get('message')}", file=sys.stderr)
        sys.exit(1)
