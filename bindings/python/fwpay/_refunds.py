"""client.refunds and client.bundles."""
from __future__ import annotations

from ._bridge import c_string, call, call_options, json_value
from . import types
from ._native import lib
from ._orders import body_dict
from ._pages import PageIterator
from ._service import Json, Service


class Refunds(Service):
    """Refunds of delivered payments."""

    def create(self, payment_reference: str, body: types.RefundCreate, *, idempotency_key: str | None = None,
               timeout: float | None = None, max_retries: int | None = None) -> types.Refund:
        """Refunds (part of) a delivered payment: ``body`` has ``amount`` (a positive integer
        in the payment's currency) and optional ``external_reference``, ``notifications_url``."""
        payment = c_string(payment_reference, "payment_reference")
        with json_value(body_dict(body), "body") as value:
            return call(lib.fwp_refund_create, self._handle, payment, value,  # type: ignore[no-any-return]
                        options=call_options(idempotency_key, timeout, max_retries))

    def get(self, refund_id: str, *, timeout: float | None = None, max_retries: int | None = None) -> types.Refund:
        return call(lib.fwp_refund_get, self._handle, c_string(refund_id, "refund_id"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def list(self, *, payment_id: str | None = None, status: str | None = None, per_page: int | None = None,
             timeout: float | None = None, max_retries: int | None = None) -> PageIterator[types.Refund]:
        """Every refund matching the filters, page after page."""
        return self._iterate("refunds", {"payment_id": payment_id, "status": status}, per_page, timeout, max_retries)

    def page(self, *, payment_id: str | None = None, status: str | None = None, page: int | None = None,
             per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.RefundPage:
        return self._page(lib.fwp_refund_list, {"payment_id": payment_id, "status": status}, page, per_page, timeout, max_retries)  # type: ignore[no-any-return]

    def cancel(self, refund_id: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.Refund:
        """Cancels a refund that has not been received yet."""
        return call(lib.fwp_refund_cancel, self._handle, c_string(refund_id, "refund_id"),  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))


class Bundles(Service):
    """Refund bundles: approving one sends its refunds on."""

    def list(self, *, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> PageIterator[types.Bundle]:
        return self._iterate("refund_bundles", {}, per_page, timeout, max_retries)

    def page(self, *, page: int | None = None, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.BundlePage:
        return self._page(lib.fwp_bundle_list, None, page, per_page, timeout, max_retries)  # type: ignore[no-any-return]

    def get(self, bundle_id: str, *, timeout: float | None = None, max_retries: int | None = None) -> types.Bundle:
        return call(lib.fwp_bundle_get, self._handle, c_string(bundle_id, "bundle_id"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def approve(self, bundle_id: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.Bundle:
        return call(lib.fwp_bundle_approve, self._handle, c_string(bundle_id, "bundle_id"),  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))
