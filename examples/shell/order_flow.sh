#!/bin/sh
# One payment through an order, from the shell: recipient -> offer -> order -> edit -> charge.
# Needs fwpay on PATH (or FWPAY=path/to/fwpay) and its settings: FWPAY_API_KEY and FWPAY_BASE_URL,
# or a profile (--profile / FWPAY_PROFILE). --jq picks the fields. Prints the payment reference.
set -eu
fwpay=${FWPAY:-fwpay}

echo "recipient: $($fwpay recipients get FWU --jq .name)"

offer=$($fwpay offers list --recipient FWU --amount 120000 --country ES --jq '.offers[0].id')
echo "offer: $offer"

order=$($fwpay orders create --jq .id --data @- <<JSON
{
  "payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES", "email": "peter@example.com"},
  "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID12345"}]},
  "items": [{"id": "tuition", "amount": 80000}, {"id": "housing", "amount": 40000}],
  "offer": {"id": "$offer"},
  "external_reference": "shell-example"
}
JSON
)
echo "order: $order"

$fwpay orders update "$order" --data '{"metadata": {"invoice": "INV-2026-0042"}}' > /dev/null

echo "payment reference: $($fwpay orders charge "$order" --jq .payment_reference)"
