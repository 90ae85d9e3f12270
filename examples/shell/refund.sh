#!/bin/sh
# Refund USD 200.00 of a delivered payment and approve its bundle:
#   refund.sh PAYMENT_REFERENCE
set -eu
fwpay=${FWPAY:-fwpay}
reference=${1:?usage: refund.sh PAYMENT_REFERENCE}
field() { python3 -c 'import json, sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

# Your own key: running this again cannot refund twice on a server that honours keys.
refund=$($fwpay refunds create "$reference" --amount 20000 --external-reference "refund-$reference-1" \
  --idempotency-key "refund-$reference-1")
bundle=$(echo "$refund" | field bundle_id)
echo "refund $(echo "$refund" | field refund_id) is $(echo "$refund" | field status), in bundle $bundle"
echo "bundle $bundle is $($fwpay bundles approve "$bundle" | field status)"
$fwpay refunds list --payment-id "$reference" --all
