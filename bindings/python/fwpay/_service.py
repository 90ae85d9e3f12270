"""What every resource service shares: the client's handle, and list helpers."""
from __future__ import annotations

import ctypes
from typing import Any, Callable

from ._bridge import c_count, call, call_options, json_value
from ._pages import PageIterator

Json = dict[str, Any]


class Service:
    """A resource namespace of a Client (``client.payments``, ``client.orders``, ...)."""

    def __init__(self, handle: ctypes.c_void_p, owner: object = None) -> None:
        self._handle = handle
        # The Client: kept alive while its namespace is, so that
        # ``fwpay.Client(...).recipients.get("FWU")`` does not close the handle mid-call (L14).
        self._owner = owner

    def _iterate(self, collection: str, filters: dict[str, Any], per_page: int | None, timeout: float | None,
                 max_retries: int | None) -> PageIterator[Any]:
        return PageIterator(self._handle, collection, {k: v for k, v in filters.items() if v is not None},
                            per_page, call_options(None, timeout, max_retries), owner=self._owner)

    def _page(self, function: Callable[..., int], filters: dict[str, Any] | None, page: int | None,
              per_page: int | None, timeout: float | None, max_retries: int | None) -> Any:
        chosen = None if filters is None else {k: v for k, v in filters.items() if v is not None}
        with json_value(chosen, "filters") as value:
            return call(function, self._handle, *([value] if filters is not None else []), c_count(page, "page"),
                        c_count(per_page, "per_page", 100), options=call_options(None, timeout, max_retries))
