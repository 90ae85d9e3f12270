#!/bin/sh
# A hotel's pre-authorization from the terminal: hold USD 600.00, capture USD 500.00.
# Needs fwpay on PATH (or FWPAY=path) and its settings (FWPAY_API_KEY and FWPAY_BASE_URL, or a
# profile) and, against fwpay-sandbox, curl to play the payer and jq to read the form's answer.
set -eu
fwpay=${FWPAY:-fwpay}

form=$($fwpay sessions create --jq .hosted_form.url --data '{
  "type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
  "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
  "recipient": {"fields": [{"id": "custom_field_1", "value": "ROOM-101"}]},
  "items": [{"id": "default", "amount": 60000}]}')
echo "show the payer: $form"

# The payer's browser sends the form; your page gets the confirm URL in a postMessage.
confirm_url=$(curl -s -H 'Content-Type: application/json' -d '{"first_name": "Peter", "last_name": "Payer",
  "email": "peter@example.com", "country": "US", "card_holder": "Peter Payer",
  "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}' "$form" | jq -r .confirm_url.url)

reference=$($fwpay sessions confirm "$confirm_url" --jq .payment_reference)
echo "held: $reference"

$fwpay payments capture "$reference" --amount 50000 --idempotency-key "checkout-$reference" > /dev/null
echo "captured 50000; payment reference: $reference ($($fwpay payments get "$reference" --jq .status))"
