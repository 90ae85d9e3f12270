"""The fwpay package against requests.Session and httpx.Client doing the same calls, and the GET
against raw C libcurl too (client_bench raw_get, in a process of its own each round), in
alternating rounds; then fwpay with 1, 2, 4 and 8 threads sharing one client. Prints JSON.

    python3 bench/python_bench.py BASE_URL API_KEY PAYMENT_REF ITERATIONS CLIENT_BENCH"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from typing import Any, Callable

import httpx
import requests

import fwpay

ROUNDS = 10


def main() -> None:
    base_url, api_key, reference, iterations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    client_bench = sys.argv[5]

    def raw_libcurl(count: int) -> list[float]:
        answer = subprocess.run([client_bench, base_url, api_key, "raw_get", str(count), reference],
                                capture_output=True, text=True, check=True)
        return list(json.loads(answer.stdout)["libcurl"])

    headers = {"X-Authentication-Key": api_key, "Content-Type": "application/json", "Accept": "application/json"}
    client = fwpay.Client(api_key=api_key, base_url=base_url)
    offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]["id"]
    order = {"payer": {"first_name": "Peter", "last_name": "Payer", "country": "ES"},
             "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "B1"}]},
             "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer}}
    session = requests.Session()
    session.headers.update(headers)
    httpx_client = httpx.Client(headers=headers, timeout=30)

    def post_headers() -> dict[str, str]:
        return {"Idempotency-Key": str(uuid.uuid4())}

    def checked(response: Any) -> Any:
        response.raise_for_status()
        return response.json()

    calls: dict[str, dict[str, Callable[[], Any]]] = {
        "get": {
            "fwpay": lambda: client.payments.get(reference),
            "requests": lambda: checked(session.get(f"{base_url}/payments/{reference}")),
            "httpx": lambda: checked(httpx_client.get(f"{base_url}/payments/{reference}")),
        },
        "create_charge": {
            "fwpay": lambda: client.orders.charge(client.orders.create(order)["id"]),
            "requests": lambda: checked(session.post(
                f"{base_url}/orders/{checked(session.post(f'{base_url}/orders', json=order, headers=post_headers()))['id']}/charge",
                json={}, headers=post_headers())),
            "httpx": lambda: checked(httpx_client.post(
                f"{base_url}/orders/{checked(httpx_client.post(f'{base_url}/orders', json=order, headers=post_headers()))['id']}/charge",
                json={}, headers=post_headers())),
        },
    }
    result: dict[str, Any] = {}
    for op, implementations in calls.items():
        count = iterations if op == "get" else iterations // 2
        latencies: dict[str, list[float]] = {name: [] for name in implementations}
        if op == "get":
            latencies["libcurl"] = []
        for call in implementations.values():
            for _ in range(20):
                call()
        for _ in range(ROUNDS):
            for name, call in implementations.items():
                for _ in range(count // ROUNDS):
                    start = time.perf_counter()
                    call()
                    latencies[name].append((time.perf_counter() - start) * 1e6)
            if op == "get":
                latencies["libcurl"] += raw_libcurl(max(10, count // ROUNDS))
        result[op] = latencies

    threads_result: dict[str, float] = {}
    for count in (1, 2, 4, 8):
        done = [0] * count
        stop = time.perf_counter() + 3.0

        def work(index: int) -> None:
            while time.perf_counter() < stop:
                client.payments.get(reference)
                done[index] += 1

        workers = [threading.Thread(target=work, args=(i,)) for i in range(count)]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        threads_result[str(count)] = sum(done) / (time.perf_counter() - started)
    result["threads_calls_per_second"] = threads_result
    result["versions"] = {"fwpay": fwpay.__version__, "requests": requests.__version__, "httpx": httpx.__version__,
                          "python": sys.version.split()[0]}
    client.close()
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
