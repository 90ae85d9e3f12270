#!/bin/sh
# One payment through an order, from the shell: recipient -> offer -> order -> edit -> charge.
# Needs fwpay on PATH (or FWPAY=path/to/fwpay), FWPAY_API_KEY and FWPAY_BASE_URL, and python3
# to pick fields out of the JSON (jq works as well). Prints the payment reference.
set -eu
fwpay=${FWPAY:-fwpay}
field() { python3 -c 'import json, sys; v = json.load(sys.stdin)
for k in sys.argv[1].split("."): v = v[int(k)] if k.isdigit() else v[k]
print(v)' "$1"; }

echo "recipient: $($fwpay recipients get FWU | field name)"

offer=$($fwpay offers list --recipient FWU --amount 120000 --country ES | field offers.0.id)
echo "offer: $offer"

order=$($fwpay orders create --data @- <<JSON | field id
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

echo "payment reference: $($fwpay orders charge "$order" | field payment_reference)"
