#!/usr/bin/env python3
"""Every payment with a given status, across all pages, and their total per currency.

    FWPAY_API_KEY=... FWPAY_BASE_URL=... python3 list_payments.py [STATUS]
"""
import collections
import os
import sys

import fwpay


def main(status: str) -> int:
    totals: collections.Counter[str] = collections.Counter()
    with fwpay.Client(api_key=os.environ["FWPAY_API_KEY"],
                      base_url=os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)) as client:
        for payment in client.payments.list(status=status, per_page=100):
            totals[payment["currency_to"]] += payment["amount_to"]
            print(f"{payment['payment_id']}  {payment['amount_to']:>10} {payment['currency_to']}  {payment['created_at']}")
    for currency, amount in sorted(totals.items()):
        print(f"total {currency}: {amount}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "initiated"))
