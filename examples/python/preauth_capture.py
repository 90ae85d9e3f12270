#!/usr/bin/env python3
"""A hotel's pre-authorization (seed 003): hold USD 600.00 at check-in, capture the final
bill of USD 500.00 at check-out; the other USD 100.00 is released.

Reads FWPAY_BASE_URL and FWPAY_API_KEY. Against fwpay-sandbox the script also plays the payer
(in production the payer fills in the hosted form in a browser and your page receives the
confirm URL in a postMessage).
"""
import json
import os
import sys
import urllib.request

import fwpay


def sandbox_payer_sends_form(hosted_form_url: str) -> dict:
    form = {"first_name": "Peter", "last_name": "Payer", "email": "peter@example.com", "country": "US",
            "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
    request = urllib.request.Request(hosted_form_url, data=json.dumps(form).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def main() -> int:
    with fwpay.Client(api_key=os.environ["FWPAY_API_KEY"],
                      base_url=os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)) as client:
        session = client.sessions.create({
            # one_off with manual capture, as real integrations make pre-authorizations
            # (tokenization_and_pay works too, and also saves the card).
            "type": "one_off", "recipient_id": "FWU", "schema": "cards",
            "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "one_off"},
            "recipient": {"fields": [{"id": "custom_field_1", "value": "ROOM-101"}]},
            "items": [{"id": "default", "amount": 60000}], "external_reference": "stay-2026-0042",
        })
        print(f"show the payer: {session['hosted_form']['url']}")
        message = sandbox_payer_sends_form(session["hosted_form"]["url"])
        held = client.sessions.confirm(message["confirm_url"]["url"])
        reference = held["payment_reference"]
        print(f"held: {reference}, status {client.payments.get(reference)['status']}")
        try:
            capture = client.payments.capture(reference, amount=50000, idempotency_key=f"checkout-{reference}")
        except fwpay.OutcomeUnknownError as error:
            print(f"the capture may have happened: retry with key {error.idempotency_key}", file=sys.stderr)
            return 1
        # Flywire answers charge_result {"status": "received"} and processes the capture on its
        # own; the payment then shows what was taken.
        print(f"capture {capture['charge_result']['status']}")
        payment = client.payments.get(reference)
        print(f"captured {payment['amount_to']} {payment['currency_to']}; payment reference: {reference}, status {payment['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
