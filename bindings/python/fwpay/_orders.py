"""client.orders: the "shopping cart" of a payment."""
from __future__ import annotations

import ctypes
from typing import Any

from ._bridge import call_options, c_string, call, release, to_json
from ._native import lib


def _object(body: object) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError(f"body must be a dict, not {type(body).__name__}")
    return body


class Orders:
    """Orders: create one, edit it, then charge it to make the payment."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self._handle = handle

    def create(self, body: dict[str, Any], *, idempotency_key: str | None = None,
               timeout: float | None = None) -> dict[str, Any]:
        """Creates an order (POST /orders) and returns it; its ``"id"`` is what ``update``
        and ``charge`` take. Checked before sending: ``items`` amounts are positive
        integers, ``metadata`` has at most 20 pairs (keys <= 40, values <= 500 characters)."""
        value = to_json(_object(body), "body")
        try:
            return call(lib.fwp_order_create, self._handle, value,  # type: ignore[no-any-return]
                        options=call_options(idempotency_key, timeout))
        finally:
            release(value)

    def update(self, order_id: str, body: dict[str, Any], *, timeout: float | None = None) -> dict[str, Any]:
        """Edits an order (PATCH /orders/{id}); it keeps its id. ``recipient.id`` cannot be
        changed and is refused (InvalidRequestError), even when it matches."""
        order = c_string(order_id, "order_id")
        value = to_json(_object(body), "body")
        try:
            return call(lib.fwp_order_update, self._handle, order, value,  # type: ignore[no-any-return]
                        options=call_options(None, timeout))
        finally:
            release(value)

    def charge(self, order_id: str, *, idempotency_key: str | None = None, timeout: float | None = None) -> dict[str, Any]:
        """Charges an order, creating the payment (POST /orders/{id}/charge):
        ``{"payment_reference", "amount_from", "currency_from", "amount_to", "currency_to"}``.
        An order is charged once. OutcomeUnknownError means the charge was sent but no
        answer came: look the payment up, or retry with the same ``idempotency_key``."""
        return call(lib.fwp_order_charge, self._handle, c_string(order_id, "order_id"), None,  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout))

    def get(self, order_id: str) -> dict[str, Any]:
        """An order as stored (GET /orders/{id})."""
        return call(lib.fwp_order_get, self._handle, c_string(order_id, "order_id"))  # type: ignore[no-any-return]
