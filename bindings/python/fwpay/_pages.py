"""Iterating over every item of a list, one page at a time (fwp_iter_new_json): the library
walks the pages, as it does for every binding."""
from __future__ import annotations

import ctypes
import json
from typing import Any, AsyncIterator, Generic, Iterator, TypeVar

from ._native import FwpError, lib


Item = TypeVar("Item")


class PageIterator(Iterator[Item], Generic[Item]):
    """Yields every item of a list, fetching a page when the previous one is used up.
    Use it from one thread at a time (make one per thread)."""

    def __init__(self, client: ctypes.c_void_p, operation: str, arguments: dict[str, Any], owner: object = None) -> None:
        from ._bridge import json_text
        self._owner = owner  # the Client, kept alive while its pages are read
        self._iter = ctypes.c_void_p()
        request = json_text(arguments, "arguments")
        # The iterator holds the client from here on (the library counts it), even once closed.
        lib.fwp_iter_new_json(client, operation.encode(), request, len(request), ctypes.byref(self._iter), FwpError())

    def __iter__(self) -> PageIterator[Item]:
        return self

    def __next__(self) -> Item:
        if not self._iter:
            raise StopIteration
        out = ctypes.c_void_p()
        lib.fwp_iter_next_json(self._iter, ctypes.byref(out), FwpError())
        if not out.value:
            self.close()
            raise StopIteration
        try:
            item: Item = json.loads(ctypes.string_at(out.value))
            return item
        finally:
            lib.fwp_free(out)

    def close(self) -> None:
        """Releases the iterator early (it is released by itself at the end)."""
        if self._iter:
            lib.fwp_iter_free(self._iter)
            self._iter.value = None

    def __del__(self) -> None:
        if getattr(self, "_iter", None):
            self.close()


class AsyncPageIterator(AsyncIterator[Item], Generic[Item]):
    """``async for`` over every item of a list. The library walks the pages (the same rule as
    the blocking iterator); each page is fetched by the client's I/O thread when the previous
    one is used up (fwp_iter_next_start), and awaited on the loop: no thread is held."""

    def __init__(self, pages: PageIterator[Item]) -> None:
        self._pages = pages

    def __aiter__(self) -> AsyncPageIterator[Item]:
        return self

    async def __anext__(self) -> Item:
        from ._started import step
        if not self._pages._iter:
            raise StopAsyncIteration
        item = await step(self._pages._iter)
        if item is None:
            self.close()
            raise StopAsyncIteration
        return item  # type: ignore[no-any-return]

    def close(self) -> None:
        """Releases the iterator early (it is released by itself at the end)."""
        self._pages.close()
