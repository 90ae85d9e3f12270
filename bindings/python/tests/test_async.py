"""AsyncClient without a thread per call: many calls in flight from one event loop, the loop's
own executor never used, cancellation (a GET is cancelled; a sent POST is logged as
outcome-unknown), several event loops in one process, and errors."""
from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from typing import Any

import pytest

import fwpay
from fwpay import _started
from helpers import control, order_body


def threads() -> int:
    return len(os.listdir("/proc/self/task"))


def test_hundreds_in_flight_hold_no_thread_each(sandbox: Any) -> None:
    control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "latency", "latency_ms": 300, "count": 300})

    async def scenario() -> tuple[float, int, list[Any], bool]:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            before = threads()
            started = time.monotonic()
            results = await asyncio.gather(*(client.recipients.get("FWU") for _ in range(300)))
            elapsed = time.monotonic() - started
            added = threads() - before
            executor_used = asyncio.get_running_loop()._default_executor is not None  # type: ignore[attr-defined]
            return elapsed, added, results, executor_used

    elapsed, added, results, executor_used = asyncio.run(scenario())
    assert [r["id"] for r in results] == ["FWU"] * 300
    assert all(fwpay.response_of(r).http_status == 200 for r in results)
    # Each call waits 0.3 s on the server; 300 at once take about that, not 300 times it.
    assert elapsed < 3, elapsed
    assert added <= 1, f"{added} threads added"  # the client's I/O thread, and no pool
    assert not executor_used
    assert not _started.started_contexts


def test_a_cancelled_task_cancels_its_call_and_the_others_go_on(sandbox: Any) -> None:
    control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "latency", "latency_ms": 1500, "count": 10})

    async def scenario() -> tuple[list[Any], float]:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            tasks = [asyncio.create_task(client.recipients.get("FWU")) for _ in range(10)]
            await asyncio.sleep(0.3)
            started = time.monotonic()
            for task in tasks[::2]:
                task.cancel()
            results = await asyncio.gather(*tasks, return_exceptions=True)
            return results, time.monotonic() - started

    results, elapsed = asyncio.run(scenario())
    assert all(isinstance(r, asyncio.CancelledError) for r in results[::2])
    assert all(isinstance(r, dict) and r["id"] == "FWU" for r in results[1::2])
    assert elapsed < 3


def test_a_post_cancelled_after_it_was_sent_is_logged_as_outcome_unknown(sandbox: Any,
                                                                        caplog: pytest.LogCaptureFixture) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as blocking:
        body = order_body(blocking)
    control(sandbox, "faults", {"path": "/orders", "kind": "latency", "latency_ms": 1500, "count": 1})

    async def scenario() -> None:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            task = asyncio.create_task(client.orders.create(body, idempotency_key="cancelled-post-1"))
            await asyncio.sleep(0.5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await asyncio.sleep(0.3)  # the call's end comes, and is logged
            await client.recipients.get("FWU")

    with caplog.at_level(logging.WARNING, logger="fwpay"):
        asyncio.run(scenario())
    warnings = [r.getMessage() for r in caplog.records if "may have taken effect" in r.getMessage()]
    assert warnings and "cancelled-post-1" in warnings[0], caplog.text
    assert sandbox.api_key not in caplog.text


def test_event_loops_of_several_threads_share_a_client(sandbox: Any) -> None:
    client = fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url)
    found: dict[int, list[str]] = {}

    def in_its_own_loop(index: int) -> None:
        async def calls() -> list[str]:
            answers = await asyncio.gather(*(client.recipients.get(r) for r in ("FWU", "ETM", "TKU")))
            return [a["id"] for a in answers]
        found[index] = asyncio.run(calls())

    workers = [threading.Thread(target=in_its_own_loop, args=(i,)) for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
    assert found == {i: ["FWU", "ETM", "TKU"] for i in range(4)}
    # And a loop after those ended.
    assert asyncio.run(client.recipients.get("FLW"))["id"] == "FLW"
    asyncio.run(client.aclose())


def test_errors_and_refusals(sandbox: Any) -> None:
    async def scenario() -> None:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            with pytest.raises(fwpay.NotFoundError) as missing:
                await client.payments.get("FWU000000000")
            assert missing.value.http_status == 404 and missing.value.request_id
            with pytest.raises(fwpay.InvalidArgumentError):
                await client.recipients.get("")
            with pytest.raises(fwpay.InvalidRequestError):
                await client.orders.create({"items": [{"id": "x", "amount": -1}]})
            assert [r["id"] for r in await client.recipients.search("tokyo")] == ["TKU"]
            # Lists are walked by the library too: pages fetched without a thread.
            assert [r["id"] async for r in client.recipients.list(per_page=2)] == ["BHU", "ETM", "FLW", "FWU", "TKU"]
            assert asyncio.get_running_loop()._default_executor is None  # type: ignore[attr-defined]
            page = await client.request("GET", "/recipients?per_page=1")
            assert page["total_entries"] == 5
    asyncio.run(scenario())
    assert not _started.started_contexts


def test_max_in_flight_bounds_the_requests_sent_at_once(sandbox: Any) -> None:
    control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "latency", "latency_ms": 200, "count": 20})

    async def scenario() -> float:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_in_flight=5) as client:
            started = time.monotonic()
            await asyncio.gather(*(client.recipients.get("FWU") for _ in range(20)))
            return time.monotonic() - started

    elapsed = asyncio.run(scenario())
    assert elapsed >= 0.75, elapsed  # 20 calls, 5 at a time, 0.2 s each: four rounds
    with pytest.raises(fwpay.InvalidArgumentError, match="max_in_flight"):
        fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_in_flight=200_000)
