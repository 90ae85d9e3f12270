#!/bin/sh
# Refund USD 200.00 of a delivered payment and approve its bundle:
#   refund.sh PAYMENT_REFERENCE
set -eu
fwpay=${FWPAY:-fwpay}
reference=${1:?usage: refund.sh PAYMENT_REFERENCE}

# Your own key: running this again cannot refund twice on a server that honours keys.
refund=$($fwpay refunds create "$reference" --amount 20000 --external-reference "refund-$reference-1" \
  --idempotency-key "refund-$reference-1" --jq '"\(.refund_id) \(.status) \(.bundle_id)"')
set -- $refund
echo "refund $1 is $2, in bundle $3"
echo "bundle $3 is $($fwpay bundles approve "$3" --jq .status)"
# One refund per line, as the pages arrive.
$fwpay refunds list --payment-id "$reference" --all --jq '"\(.refund_id) \(.amount) \(.status)"'
