#!/usr/bin/env python3
"""Ten orders paid at once from asyncio, then every payment read back with `async for`.

The calls run on fwpay.AsyncClient's thread pool, so the event loop stays free. Reads
FWPAY_BASE_URL and FWPAY_API_KEY.
"""
import asyncio
import os
from typing import Any

import fwpay


async def pay(client: fwpay.AsyncClient, offer_id: str, number: int) -> str:
    order = await client.orders.create({
        "payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES", "email": "peter@example.com"},
        "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": f"ID{number}"}]},
        "items": [{"id": "tuition", "amount": 120000}],
        "offer": {"id": offer_id},
        "external_reference": f"async-{number}",
    })
    # Your own key per order: a retry of this charge after OutcomeUnknownError cannot charge twice.
    charge = await client.orders.charge(order["id"], idempotency_key=f"charge-async-{number}")
    return str(charge["payment_reference"])


async def main() -> None:
    base_url = os.environ.get("FWPAY_BASE_URL", fwpay.PRODUCTION_BASE_URL)
    async with fwpay.AsyncClient(api_key=os.environ["FWPAY_API_KEY"], base_url=base_url) as client:
        offers: Any = await client.offers.list(recipient="FWU", amount=120000, country="ES")
        references = await asyncio.gather(*(pay(client, offers["offers"][0]["id"], n) for n in range(10)))
        print(f"paid {len(references)} orders")
        seen = 0
        async for payment in client.payments.list(per_page=3):
            seen += payment["payment_id"] in references
        print(f"listed {seen} of them")


if __name__ == "__main__":
    asyncio.run(main())
