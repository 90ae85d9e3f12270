"""A client made and used in a parent, then fork(): each child and the parent create orders
side by side, each with its own external reference, and count the answers that are not their
own order. Prints one JSON line: {"answers": n, "wrong": [...], "failed": [...]}.

    python3 fork_children.py os_fork|multiprocessing|async CHILDREN ORDERS
"""
from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import sys
import threading
from typing import Any

import fwpay
from orders import OFFER, create_order, order_body_for, shared_client


def check(client: fwpay.Client, reference: str) -> dict[str, Any]:
    try:
        order = create_order(client, reference)
    except Exception as error:  # another process's answer can fail in any way: each is counted
        return {"reference": reference, "failed": repr(error)}
    return {"reference": reference, "got": order["external_reference"], "id": order["id"]}


def run_orders(client: fwpay.Client, prefix: str, count: int) -> list[dict[str, Any]]:
    return [check(client, f"{prefix}-{n}") for n in range(count)]


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    ids = [r["id"] for r in results if "id" in r]
    return {"answers": len(ids), "distinct_ids": len(set(ids)),
            "wrong": [r for r in results if "got" in r and r["got"] != r["reference"]],
            "failed": [r for r in results if "failed" in r]}


def with_os_fork(client: fwpay.Client, children: int, count: int) -> list[dict[str, Any]]:
    pipes = []
    for child in range(children):
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: its orders, on the parent's client, then its results on the pipe
            os.close(read)
            results = run_orders(client, f"child{child}", count)
            os.write(write, json.dumps(results).encode())
            os._exit(0)
        os.close(write)
        pipes.append((pid, read))
    # The parent goes on using the same client while the children run.
    results = run_orders(client, "parent", count)
    for pid, read in pipes:
        with os.fdopen(read, "rb") as pipe:
            results += json.loads(pipe.read() or b"[]")
        _, status = os.waitpid(pid, 0)
        if status != 0:
            results.append({"reference": f"child {pid}", "failed": f"exit status {status}"})
    return results


CLIENT: fwpay.Client | None = None


def one_order(reference: str) -> dict[str, Any]:
    assert CLIENT is not None
    return check(CLIENT, reference)


def with_multiprocessing(client: fwpay.Client, children: int, count: int) -> list[dict[str, Any]]:
    global CLIENT
    CLIENT = client
    with multiprocessing.get_context("fork").Pool(children) as pool:
        parent = threading.Thread(target=lambda: results_of_parent.extend(run_orders(client, "parent", count)))
        results_of_parent: list[dict[str, Any]] = []
        parent.start()
        results = pool.map(one_order, [f"task-{n}" for n in range(children * count)], chunksize=1)
        parent.join()
    return results + results_of_parent


def with_async_client(children: int, count: int) -> list[dict[str, Any]]:
    """An AsyncClient used in the parent's event loop, then in each child's own loop."""
    client = fwpay.AsyncClient(api_key=os.environ["FWPAY_API_KEY"], base_url=os.environ["FWPAY_BASE_URL"])
    asyncio.run(client.recipients.get("FWU"))

    async def check_async(reference: str) -> dict[str, Any]:
        try:
            offer = (await client.offers.list(**OFFER))["offers"][0]
            order = await client.orders.create(order_body_for(offer, reference))  # type: ignore[arg-type]
        except Exception as error:  # another process's answer can fail in any way: each is counted
            return {"reference": reference, "failed": repr(error)}
        return {"reference": reference, "got": order["external_reference"], "id": order["id"]}

    async def orders(prefix: str) -> list[dict[str, Any]]:
        return await asyncio.wait_for(asyncio.gather(*(check_async(f"{prefix}-{n}") for n in range(count))), timeout=60)
    pids = []
    read, write = os.pipe()
    for child in range(children):
        pid = os.fork()
        if pid == 0:
            os.close(read)
            try:
                results = asyncio.run(orders(f"child{child}"))
            except Exception as error:
                results = [{"reference": f"child{child}", "failed": repr(error)}]
            os.write(write, (json.dumps(results) + "\n").encode())
            os._exit(0)
        pids.append(pid)
    os.close(write)
    results = asyncio.run(orders("parent"))
    with os.fdopen(read, "rb") as pipe:
        for line in pipe.read().splitlines():
            results += json.loads(line)
    for pid in pids:
        os.waitpid(pid, 0)
    return results


def main() -> None:
    mode, children, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    if mode == "async":
        results = with_async_client(children, count)
    else:
        client = shared_client()
        results = (with_os_fork if mode == "os_fork" else with_multiprocessing)(client, children, count)
    print(json.dumps(summary(results)))


if __name__ == "__main__":
    main()
