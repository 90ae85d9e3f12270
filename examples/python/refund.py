#!/usr/bin/env python3
"""Refund part of a delivered payment, then approve its bundle.

    FWPAY_API_KEY=... FWPAY_BASE_URL=... python3 refund.py PAYMENT_REFERENCE
"""
import os
import sys

import fwpay


def main(reference: str) -> int:
    with fwpay.Client(api_key=os.environ["FWPAY_API_KEY"],
                      base_url=os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)) as client:
        # Your own reference as the idempotency key: a retry after OutcomeUnknownError (or
        # running this script twice) cannot refund twice on a server that honours keys.
        key = f"refund-{reference}-1"
        try:
            refund = client.refunds.create(reference, {"amount": 20000, "external_reference": key}, idempotency_key=key)
        except fwpay.InvalidRequestError as error:
            for problem in error.errors:
                print(f"refused: {problem['type']}: {problem['message']}", file=sys.stderr)
            return 1
        print(f"refund {refund['refund_id']} of {refund['amount']} {refund['currency']} is {refund['status']}, "
              f"in bundle {refund['bundle_id']}")
        bundle = client.bundles.approve(refund["bundle_id"])
        print(f"bundle {bundle['bundle_id']} approved: {len(bundle['refunds'])} refund(s) sent on")
        for each in client.refunds.list(payment_id=reference):
            print(f"  {each['refund_id']}: {each['status']}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: refund.py PAYMENT_REFERENCE")
    sys.exit(main(sys.argv[1]))
