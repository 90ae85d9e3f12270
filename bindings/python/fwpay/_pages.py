"""Iterating over every item of a list, one page at a time (fwp_iter)."""
from __future__ import annotations

import contextlib
import ctypes
from typing import Any, Generic, Iterator, TypeVar

from ._native import FwpCallOptions, FwpError, lib


Item = TypeVar("Item")


class PageIterator(Iterator[Item], Generic[Item]):
    """Yields every item of a list, fetching a page when the previous one is used up.
    Use it from one thread at a time (make one per thread)."""

    def __init__(self, client: ctypes.c_void_p, collection: str, filters: dict[str, Any],
                 per_page: int | None, options: FwpCallOptions | None, owner: object = None) -> None:
        self._owner = owner  # the Client, kept alive while its pages are read
        from ._bridge import ClientHandle, c_count, c_string, release, to_json
        self._iter = ctypes.c_void_p()
        value = to_json(filters, "filters") if filters else ctypes.c_void_p()
        try:
            # The iterator holds the client from here on (the library counts it), even once closed.
            with client.in_use() if isinstance(client, ClientHandle) else contextlib.nullcontext():
                lib.fwp_iter_new(client, c_string(collection, "list"), value, c_count(per_page, "per_page", 100),
                                 ctypes.byref(options) if options is not None else None, ctypes.byref(self._iter),
                                 FwpError())
        finally:
            release(value)

    def __iter__(self) -> PageIterator[Item]:
        return self

    def __next__(self) -> Item:
        from ._bridge import from_json, release
        if not self._iter:
            raise StopIteration
        out = ctypes.c_void_p()
        lib.fwp_iter_next(self._iter, ctypes.byref(out), FwpError())
        if not out:
            self.close()
            raise StopIteration
        try:
            item: Item = from_json(out)
            return item
        finally:
            release(out)

    def close(self) -> None:
        """Releases the iterator early (it is released by itself at the end)."""
        if self._iter:
            lib.fwp_iter_free(self._iter)
            self._iter.value = None

    def __del__(self) -> None:
        if getattr(self, "_iter", None):
            self.close()
