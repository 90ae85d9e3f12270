"""client.orders: the "shopping cart" of a payment."""
from __future__ import annotations

from typing import Any

from ._bridge import c_string, call, call_options, json_value
from . import types
from ._native import lib
from ._pages import PageIterator
from ._service import Json, Service


def body_dict(body: object, name: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError(f"{name} must be a dict, not {type(body).__name__}")
    return body


class Orders(Service):
    """Orders: create one, edit it, then charge it to make the payment."""

    def create(self, body: types.OrderCreate, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.Order:
        """Creates an order (POST /orders); its ``"id"`` is what ``update`` and ``charge``
        take. Checked before sending: item amounts are whole and positive, ``metadata``
        has at most 20 pairs (keys <= 40, values <= 500 characters)."""
        with json_value(body_dict(body), "body") as value:
            return call(lib.fwp_order_create, self._handle, value, options=call_options(idempotency_key, timeout, max_retries))  # type: ignore[no-any-return]

    def update(self, order_id: str, body: types.OrderUpdate, *, timeout: float | None = None, max_retries: int | None = None) -> types.Order:
        """Edits an order (PATCH /orders/{id}); it keeps its id. ``recipient.id`` cannot be
        changed and is refused (InvalidRequestError), even when it matches."""
        order = c_string(order_id, "order_id")
        with json_value(body_dict(body), "body") as value:
            return call(lib.fwp_order_update, self._handle, order, value, options=call_options(None, timeout, max_retries))  # type: ignore[no-any-return]

    def charge(self, order_id: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.ChargeResult:
        """Charges an order, creating the payment (POST /orders/{id}/charge):
        ``{"payment_reference", "amount_from", "currency_from", "amount_to", "currency_to"}``.
        An order is charged once. OutcomeUnknownError means the charge was sent but no
        answer came: look the order up, or retry with the same ``idempotency_key``."""
        return call(lib.fwp_order_charge, self._handle, c_string(order_id, "order_id"), None,  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))

    def get(self, order_id: str, *, timeout: float | None = None, max_retries: int | None = None) -> types.Order:
        """An order as stored (GET /orders/{id}), with ``status`` and, once charged, ``payment_reference``.

        Sandbox-only: fwpay-sandbox serves GET /orders/{id}; Flywire's API is not known to have it."""
        return call(lib.fwp_order_get, self._handle, c_string(order_id, "order_id"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def list(self, *, recipient: str | None = None, country: str | None = None, status: str | None = None,
             per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> PageIterator[types.Order]:
        """Every available order (filters: ``recipient``, ``country`` for a portal's country, ``status``).

        Sandbox-only: fwpay-sandbox serves GET /orders; Flywire's API is not known to have it."""
        return self._iterate("orders", {"recipient": recipient, "country": country, "status": status}, per_page, timeout, max_retries)

    def page(self, *, recipient: str | None = None, country: str | None = None, status: str | None = None,
             page: int | None = None, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.OrderPage:
        """One page of orders (GET /orders). Sandbox-only, like ``list``."""
        return self._page(lib.fwp_order_list, {"recipient": recipient, "country": country, "status": status},  # type: ignore[no-any-return]
                          page, per_page, timeout, max_retries)

    def check(self, order_id: str, *, portal: str, timeout: float | None = None, max_retries: int | None = None) -> types.OrderCheck:
        """Whether the order can be used with ``portal`` (its recipient must be in the
        portal's country): ``{"compatible": True, ...}``, or InvalidRequestError saying why not."""
        return call(lib.fwp_order_check, self._handle, c_string(order_id, "order_id"),  # type: ignore[no-any-return]
                    c_string(portal, "portal"), options=call_options(None, timeout, max_retries))
