"""One fan-out of the benchmark's section 10 from Python: N GETs at once through one client,
each held HOLD ms by the stand-in server, while a 5 ms timer measures the event loop's lag.
Prints one JSON object: wall seconds, threads added, peak RSS, the timer's p99 lateness.

    python3 python_clients.py fwpay|aiohttp|httpx BASE_URL N
"""
from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import time
from typing import Any, Awaitable, Callable


def threads() -> int:
    return len(os.listdir("/proc/self/task"))


#: Threads before any client was made: what a client adds includes its own.
BEFORE = threads()


async def measure(fan_out: Callable[[], Awaitable[list[Any]]], ready: Callable[[], Awaitable[None]]) -> dict[str, Any]:
    await ready()  # one call first: what a warm client costs, not its set-up
    before = BEFORE
    lags: list[float] = []
    peak_threads = before
    running = True

    async def ticker() -> None:
        nonlocal peak_threads
        while running:
            planned = time.perf_counter() + 0.005
            await asyncio.sleep(0.005)
            lags.append(max(0.0, time.perf_counter() - planned))
            peak_threads = max(peak_threads, threads())

    timer = asyncio.create_task(ticker())
    started = time.perf_counter()
    answers = await fan_out()
    wall = time.perf_counter() - started
    running = False
    await timer
    ok = sum(1 for answer in answers if answer == "FWU")
    lags.sort()
    return {"wall_s": wall, "ok": ok, "threads_added": peak_threads - before,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "loop_lag_p99_ms": lags[int(len(lags) * 0.99) - 1] * 1000 if lags else 0.0}


async def with_fwpay(base: str, n: int) -> dict[str, Any]:
    import fwpay
    async with fwpay.AsyncClient(api_key="standin", base_url=base, max_in_flight=n, max_retries=0) as client:
        async def one() -> str:
            return (await client.recipients.get("FWU"))["id"]  # type: ignore[no-any-return]

        async def ready() -> None:
            await one()
        return await measure(lambda: asyncio.gather(*(one() for _ in range(n))), ready)


async def with_aiohttp(base: str, n: int) -> dict[str, Any]:
    import aiohttp
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0), headers={"X-Authentication-Key": "standin"}) as session:
        async def one() -> str:
            async with session.get(base + "/recipients/FWU") as answer:
                return (await answer.json())["id"]  # type: ignore[no-any-return]

        async def ready() -> None:
            await one()
        return await measure(lambda: asyncio.gather(*(one() for _ in range(n))), ready)


async def with_httpx(base: str, n: int) -> dict[str, Any]:
    import httpx
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=None)
    async with httpx.AsyncClient(limits=limits, timeout=120, headers={"X-Authentication-Key": "standin"}) as client:
        async def one() -> str:
            return (await client.get(base + "/recipients/FWU")).json()["id"]  # type: ignore[no-any-return]

        async def ready() -> None:
            await one()
        return await measure(lambda: asyncio.gather(*(one() for _ in range(n))), ready)


def main() -> None:
    which, base, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    runner = {"fwpay": with_fwpay, "aiohttp": with_aiohttp, "httpx": with_httpx}[which]
    print(json.dumps({"client": which, "n": n, **asyncio.run(runner(base, n))}))


main()
