"""fwpay.AsyncClient: the Client's namespaces for asyncio, every call awaitable.

Each call is started in the library (fwp_call_start), which sends it from the client's own
I/O thread with libcurl's multi interface; its end reaches the event loop through a
completion queue the loop watches (``add_reader``). A thousand calls in flight hold no
thread each: the client adds one thread in all. The namespaces are generated from the same
description as the Client's: they cannot drift from it.
"""
from __future__ import annotations

import asyncio
import contextvars
import functools
from types import TracebackType
from typing import Any

from ._bridge import text
from ._bundles import AsyncBundles
from ._client import Client
from ._offers import AsyncOffers
from ._orders import AsyncOrders
from ._payments import AsyncPayments
from ._recipients import AsyncRecipients
from ._refunds import AsyncRefunds
from ._sessions import AsyncSessions
from ._started import start_text


class _OnExecutor:
    """A namespace whose blocking methods are awaited on the loop's default executor: the
    sandbox's control API (sandbox-only, for tests and tools)."""

    def __init__(self, service: Any) -> None:
        self._service = service

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        method = getattr(self._service, name)

        @functools.wraps(method)
        async def call(*args: Any, **kwargs: Any) -> Any:
            context = contextvars.copy_context()
            return await asyncio.get_running_loop().run_in_executor(
                None, functools.partial(context.run, method, *args, **kwargs))
        return call

    def __dir__(self) -> list[str]:
        return [name for name in dir(self._service) if not name.startswith("_")]


class AsyncClient:
    """A client for asyncio programs (FastAPI, aiohttp...)::

        async with fwpay.AsyncClient(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
            order = await client.orders.create({...})
            async for payment in client.payments.list(status="guaranteed"):
                ...

    Takes the Client's settings, and ``max_in_flight``: the requests sent at once (default
    1000; more wait their turn in the library, not on threads) and ``max_host_connections``
    (0, the default: no bound but ``max_in_flight``). ``max_concurrency``, the size of the
    thread pool of earlier versions, is read as ``max_in_flight``. Works with several event
    loops in one process (each gets its own completion queue) and in a child of fork().
    """

    def __init__(self, *, max_in_flight: int | None = None, max_concurrency: int | None = None,
                 **settings: Any) -> None:
        limit = max_in_flight if max_in_flight is not None else max_concurrency
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise TypeError("max_in_flight must be an int of at least 1")
        self._client = Client(max_in_flight=limit, **settings)
        handle = self._client._handle
        self.recipients = AsyncRecipients(handle, self._client)
        self.offers = AsyncOffers(handle, self._client)
        self.orders = AsyncOrders(handle, self._client)
        self.sessions = AsyncSessions(handle, self._client)
        self.payments = AsyncPayments(handle, self._client)
        self.refunds = AsyncRefunds(handle, self._client)
        self.bundles = AsyncBundles(handle, self._client)
        #: fwpay-sandbox's control API (sandbox-only), awaited on the loop's default executor.
        self.sandbox: Any = _OnExecutor(self._client.sandbox)

    async def request(self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None,
                      timeout: float | None = None, max_retries: int | None = None) -> Any:
        """Client.request, awaitable."""
        arguments = {"method": text(method, "method"), "path": text(path, "path"), "body": body}
        return await start_text(self._client._handle, "request", arguments, idempotency_key, timeout, max_retries)

    async def aclose(self) -> None:
        """Releases the client; calls still in flight end first, as they would have."""
        self._client.close()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return "<fwpay.AsyncClient>"  # never the key


__all__ = ["AsyncClient"]
