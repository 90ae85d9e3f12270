"""What every resource service shares: the client's handle, the call through the text
interface, and lists."""
from __future__ import annotations

import ctypes
from typing import Any

from ._bridge import call_text, milliseconds, retries
from ._pages import PageIterator

Json = dict[str, Any]


def body_dict(body: object, name: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError(f"{name} must be a dict, not {type(body).__name__}")
    return body


class Service:
    """A resource namespace of a Client (``client.payments``, ``client.orders``, ...); its
    methods are generated from api/operations.json."""

    def __init__(self, handle: ctypes.c_void_p, owner: object = None) -> None:
        self._handle = handle
        # The Client: kept alive while its namespace is, so that
        # ``fwpay.Client(...).recipients.get("FWU")`` does not close the handle mid-call (L14).
        self._owner = owner

    def _call(self, operation: str, arguments: dict[str, Any], idempotency_key: str | None, timeout: float | None,
              max_retries: int | None) -> Any:
        return call_text(self._handle, operation, arguments, idempotency_key, timeout, max_retries)  # type: ignore[arg-type]

    @staticmethod
    def _filters(filters: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in filters.items() if value is not None}

    def _iterate(self, operation: str, filters: dict[str, Any] | None, per_page: int | None, timeout: float | None,
                 max_retries: int | None) -> PageIterator[Any]:
        """Every item of a list operation, walked by the library (fwp_iter_new_json)."""
        arguments: dict[str, Any] = {} if filters is None else {"filters": self._filters(filters)}
        if per_page is not None:
            arguments["per_page"] = per_page
        if timeout is not None:
            arguments["timeout_ms"] = milliseconds(timeout, "timeout")
        if max_retries is not None:
            arguments["max_retries"] = retries(max_retries)
        return PageIterator(self._handle, operation, arguments, owner=self._owner)
