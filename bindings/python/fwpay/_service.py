"""What every resource namespace shares: the client's handle, the call through the text
interface (blocking, or started and awaited), and lists."""
from __future__ import annotations

import asyncio
import ctypes
from typing import Any

from ._bridge import call_text, milliseconds, retries
from ._pages import AsyncPageIterator, PageIterator
from ._started import start_text

Json = dict[str, Any]


def body_dict(body: object, name: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise TypeError(f"{name} must be a dict, not {type(body).__name__}")
    return body


class _Namespace:
    def __init__(self, handle: ctypes.c_void_p, owner: object = None) -> None:
        self._handle = handle
        # The Client: kept alive while its namespace is, so that
        # ``fwpay.Client(...).recipients.get("FWU")`` does not close the handle mid-call (L14).
        self._owner = owner

    @staticmethod
    def _filters(filters: dict[str, Any]) -> dict[str, Any]:
        return {name: value for name, value in filters.items() if value is not None}

    def _pages(self, operation: str, filters: dict[str, Any] | None, per_page: int | None, timeout: float | None,
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


class Service(_Namespace):
    """A resource namespace of a Client (``client.payments``, ``client.orders``, ...); its
    methods are generated from api/operations.json."""

    def _call(self, operation: str, arguments: dict[str, Any], idempotency_key: str | None, timeout: float | None,
              max_retries: int | None) -> Any:
        return call_text(self._handle, operation, arguments, idempotency_key, timeout, max_retries)  # type: ignore[arg-type]

    _iterate = _Namespace._pages


class AsyncService(_Namespace):
    """A resource namespace of an AsyncClient: the Client's methods, generated from the same
    description, awaitable. Each call is started in the library (fwp_call_start) and awaited
    on the event loop: no thread per call."""

    def _call(self, operation: str, arguments: dict[str, Any], idempotency_key: str | None, timeout: float | None,
              max_retries: int | None) -> asyncio.Future[Any]:
        return start_text(self._handle, operation, arguments, idempotency_key, timeout, max_retries)

    def _iterate(self, operation: str, filters: dict[str, Any] | None, per_page: int | None, timeout: float | None,
                 max_retries: int | None) -> AsyncPageIterator[Any]:
        return AsyncPageIterator(self._pages(operation, filters, per_page, timeout, max_retries))
