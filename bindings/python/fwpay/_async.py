"""fwpay.AsyncClient: the Client's namespaces for asyncio, every call awaitable.

The library's calls block, but they release the GIL (ctypes does for every C call), so they
run on a bounded pool of threads while the event loop goes on. The namespaces are the
Client's own, wrapped: they cannot drift from it.
"""
from __future__ import annotations

import asyncio
import contextvars
import functools
import os
from concurrent.futures import ThreadPoolExecutor
from types import TracebackType
from typing import Any, AsyncIterator, Callable

from ._client import Client
from ._pages import PageIterator

_END = object()


def _next_or_end(pages: PageIterator[Any]) -> Any:
    # StopIteration cannot cross a Future: the end of the pages is a sentinel.
    return next(pages, _END)


class AsyncPageIterator(AsyncIterator[dict[str, Any]]):
    """``async for`` over every item of a list; each page is fetched on the pool when the
    previous one is used up."""

    def __init__(self, pages: PageIterator[Any], run: Callable[..., Any]) -> None:
        self._pages = pages
        self._run = run

    def __aiter__(self) -> AsyncPageIterator:
        return self

    async def __anext__(self) -> dict[str, Any]:
        item = await self._run(_next_or_end, self._pages)
        if item is _END:
            raise StopAsyncIteration
        return item  # type: ignore[no-any-return]

    def close(self) -> None:
        """Releases the iterator early (it is released by itself at the end)."""
        self._pages.close()


class AsyncService:
    """A namespace of an AsyncClient: the Client namespace's methods, awaitable; those that
    return a PageIterator (``list`` of every namespace but offers) return an AsyncPageIterator
    instead (not awaited: use it with ``async for``)."""

    def __init__(self, service: Any, run: Callable[..., Any]) -> None:
        self._service = service
        self._run = run

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        method = getattr(self._service, name)
        # The methods that return a PageIterator (not offers.list, which returns one answer).
        if str(getattr(method, "__annotations__", {}).get("return", "")).startswith("PageIterator"):
            @functools.wraps(method)
            def pages(*args: Any, **kwargs: Any) -> AsyncPageIterator:
                return AsyncPageIterator(method(*args, **kwargs), self._run)
            return pages

        @functools.wraps(method)
        async def call(*args: Any, **kwargs: Any) -> Any:
            return await self._run(method, *args, **kwargs)
        return call

    def __dir__(self) -> list[str]:
        return [name for name in dir(self._service) if not name.startswith("_")]


class AsyncClient:
    """A client for asyncio programs (FastAPI, aiohttp...)::

        async with fwpay.AsyncClient(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
            order = await client.orders.create({...})
            async for payment in client.payments.list(status="guaranteed"):
                ...

    Takes the Client's settings, and ``max_concurrency``: the calls that may run at once (the
    threads of its pool; more wait their turn without blocking the loop).
    """

    def __init__(self, *, max_concurrency: int = 64, **settings: Any) -> None:
        if isinstance(max_concurrency, bool) or not isinstance(max_concurrency, int) or max_concurrency < 1:
            raise TypeError("max_concurrency must be an int of at least 1")
        self._client = Client(**settings)
        self._max_concurrency = max_concurrency
        self._executor = self._new_executor()
        self.recipients = AsyncService(self._client.recipients, self._run)
        self.offers = AsyncService(self._client.offers, self._run)
        self.orders = AsyncService(self._client.orders, self._run)
        self.sessions = AsyncService(self._client.sessions, self._run)
        self.payments = AsyncService(self._client.payments, self._run)
        self.refunds = AsyncService(self._client.refunds, self._run)
        self.bundles = AsyncService(self._client.bundles, self._run)
        self.sandbox = AsyncService(self._client.sandbox, self._run)

    def _new_executor(self) -> ThreadPoolExecutor:
        self._pid = os.getpid()
        return ThreadPoolExecutor(max_workers=self._max_concurrency, thread_name_prefix="fwpay")

    async def _run(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if self._pid != os.getpid():
            # A child of fork() has none of its parent's pool threads, though the pool still
            # counts them: work given to it would wait for ever. The child gets a pool of its own.
            self._executor = self._new_executor()
        loop = asyncio.get_running_loop()
        # The call runs in the caller's context (its current span, for telemetry), as
        # asyncio.to_thread does; run_in_executor alone would give it the thread's own.
        context = contextvars.copy_context()
        return await loop.run_in_executor(self._executor, functools.partial(context.run, function, *args, **kwargs))

    async def request(self, method: str, path: str, body: Any = None, **options: Any) -> Any:
        """Client.request, awaitable."""
        return await self._run(self._client.request, method, path, body, **options)

    async def aclose(self) -> None:
        """Waits for the calls still running, then releases the client."""
        await asyncio.get_running_loop().run_in_executor(None, self._executor.shutdown)
        self._client.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return "<fwpay.AsyncClient>"  # never the key
