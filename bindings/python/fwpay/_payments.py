"""client.payments: details, lists, and what can be done to a payment."""
from __future__ import annotations

from ._bridge import c_int64, c_string, call, call_options, json_value
from . import types
from ._native import lib
from ._orders import body_dict
from ._pages import PageIterator
from ._service import Json, Service


class Payments(Service):
    """Payments: get, list, receipt, process, cancel, capture, adjust, and charging saved cards."""

    def get(self, reference: str, *, timeout: float | None = None, max_retries: int | None = None) -> types.Payment:
        """A payment's details (GET /payments/{ref})."""
        return call(lib.fwp_payment_get, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def list(self, *, recipient: str | None = None, status: str | None = None, external_reference: str | None = None,
             per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> PageIterator[types.Payment]:
        """Every payment matching the filters, page after page."""
        return self._iterate("payments", {"recipient": recipient, "status": status,
                                          "external_reference": external_reference}, per_page, timeout, max_retries)

    def page(self, *, recipient: str | None = None, status: str | None = None, external_reference: str | None = None,
             page: int | None = None, per_page: int | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.PaymentPage:
        """One page of payments (GET /payments)."""
        return self._page(lib.fwp_payment_list, {"recipient": recipient, "status": status,  # type: ignore[no-any-return]
                                                 "external_reference": external_reference}, page, per_page, timeout, max_retries)

    def receipt(self, reference: str, *, timeout: float | None = None, max_retries: int | None = None) -> Json:
        """A payment's receipt (GET /payments/{ref}/receipt)."""
        return call(lib.fwp_payment_receipt, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    options=call_options(None, timeout, max_retries))

    def process(self, reference: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> Json:
        """Marks a 529 payment (made from an order) processed."""
        return call(lib.fwp_payment_process, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))

    def cancel(self, reference: str, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> Json:
        """Cancels a payment not processed yet; a pre-authorization's hold is released at once."""
        return call(lib.fwp_payment_cancel, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    options=call_options(idempotency_key, timeout, max_retries))

    def capture(self, reference: str, *, amount: int, idempotency_key: str | None = None,
                timeout: float | None = None, max_retries: int | None = None) -> Json:
        """Captures ``amount`` (at most the hold) of a pre-authorization; the rest is
        released; a hold is captured once."""
        return call(lib.fwp_payment_capture, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    c_int64(amount, "amount"), options=call_options(idempotency_key, timeout, max_retries))

    def adjust(self, reference: str, *, amount: int, idempotency_key: str | None = None,
               timeout: float | None = None, max_retries: int | None = None) -> Json:
        """Raises a ``preauth`` hold to ``amount`` (the same amount extends it)."""
        return call(lib.fwp_payment_adjust, self._handle, c_string(reference, "reference"),  # type: ignore[no-any-return]
                    c_int64(amount, "amount"), options=call_options(idempotency_key, timeout, max_retries))

    def charge(self, body: types.TokenCharge, *, idempotency_key: str | None = None, timeout: float | None = None, max_retries: int | None = None) -> types.TokenChargeResult:
        """Charges a saved card (POST /payments/charge) with ``payment_method_token``,
        ``mandate_id``, ``charge_intent.mode``, ``recipient.id`` and ``items``. After
        OutcomeUnknownError, retry only with the same ``idempotency_key``."""
        with json_value(body_dict(body), "body") as value:
            return call(lib.fwp_payment_charge, self._handle, value,  # type: ignore[no-any-return]
                        options=call_options(idempotency_key, timeout, max_retries))
