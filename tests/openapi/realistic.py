"""Schemathesis hooks (SCHEMATHESIS_HOOKS=realistic): most generated bodies of the operations
that start a flow are made usable, so that the stateful phase follows the description's links
past creation (order → charge → refund; session → form → confirm → capture). The rest stay as
generated, so refusals are exercised too."""
from __future__ import annotations

import random
import uuid
from typing import Any

import schemathesis

# Deterministic offer ids: base64 of "AMOUNT pt_METHOD_CURRENCY COUNTRY" (docs/sandbox.md).
ORDER = {"payer": {"first_name": "SANDBOX_TO_DELIVERED_STATUS", "last_name": "Payer", "email": "payer@example.com",
                   "country": "ES"},
         "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
         "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": "MTIwMDAwIHB0X2JhbmtfdHJhbnNmZXJfZXVyIEVT"}}
SESSION = {"type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
           "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
           "recipient": {"fields": [{"id": "custom_field_1", "value": "X"}]}, "items": [{"id": "default", "amount": 60000}]}
FORM = {"first_name": "Peter", "last_name": "Payer", "email": "payer@example.com", "country": "US",
        "card_holder": "Peter Payer", "card_number": "4111 1111 1111 1111", "card_expiration": "03/30", "cvv": "737"}
USABLE = {"order_create": ORDER, "session_create": SESSION, "payer_form_submit": FORM}


@schemathesis.hook
def map_body(context: Any, body: Any) -> Any:
    usable = USABLE.get(context.operation.definition.raw.get("operationId", ""))
    if usable is None or not isinstance(body, dict) or random.random() < 0.2:
        return body
    return {**body, **usable}


@schemathesis.hook
def map_headers(context: Any, headers: Any) -> Any:
    # A generated key repeats ("0", "A") across different requests, which the sandbox rightly
    # refuses (422: used with a different request): most requests get a key of their own.
    if isinstance(headers, dict) and "Idempotency-Key" in headers and random.random() < 0.8:
        headers["Idempotency-Key"] = uuid.uuid4().hex
    return headers
