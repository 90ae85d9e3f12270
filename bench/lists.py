"""Lists against data size (issue 21): one sandbox database grown with `--bulk-seed` to each
size in turn (1k, 10k, 100k, 1M payments by default), and at each size every list, filter and
search of the API and the dashboard timed over kept-alive connections, the requests
interleaved so that drift hurts all alike. At the smallest and the largest size, every
payment is also walked with `fwpay payments list --all`, the Python iterator and the C
iterator, and their peak memory taken. Prints one JSON object.

    python3 bench/lists.py SANDBOX FWPAY CLIENT_BENCH WORK_DIR [SIZES] [SAMPLES]"""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import urllib.parse
from typing import Any

KEY = "sandbox-demo-key"


class Connection:
    """One kept-alive HTTP/1.1 connection to the sandbox, with the API key or a dashboard cookie."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = headers

    def get(self, path: str) -> tuple[float, int, bytes]:
        start = time.perf_counter()
        self.http.request("GET", path, headers=self.headers)
        answer = self.http.getresponse()
        body = answer.read()
        return (time.perf_counter() - start) * 1e6, answer.status, body


def start(sandbox: str, database: pathlib.Path, seed: int, log: pathlib.Path) -> tuple[subprocess.Popen[bytes], int, float]:
    """The sandbox on `database`, after it added `seed` payments; its port and the seconds the seed took."""
    began = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen([sandbox, "--port", "0", "--db", str(database), "--bulk-seed", str(seed)],
                                   stdout=out, stderr=subprocess.STDOUT)
    while True:
        match = re.search(r"listening on http://[^:]+:(\d+)", log.read_text())
        if match:
            return process, int(match.group(1)), time.perf_counter() - began
        if process.poll() is not None:
            raise SystemExit(f"bench: the sandbox stopped: {log.read_text()}")
        time.sleep(0.05)


def sign_in(port: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("POST", "/sign-in", body=f"api_key={KEY}",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    cookie = answer.getheader("Set-Cookie") or ""
    return cookie.split(";", 1)[0]


def requests_at(api: Connection) -> dict[str, str]:
    """The requests timed, by name: first and last pages, each filter, the searches."""
    def total(path: str) -> int:
        return int(json.loads(api.get(path)[2])["total_entries"])

    def last(path: str, per_page: int = 100) -> str:
        pages = max(1, -(-total(path) // per_page))
        return f"{path}&page={pages}"

    payments = json.loads(api.get("/payments/v1/payments?per_page=1&page=7")[2])["payments"][0]
    reference = payments["payment_id"]
    refunded = json.loads(api.get("/payments/v1/refunds?per_page=1&page=3")[2])["refunds"][0]["payment_id"]
    dashboard_pages = max(1, -(-total("/payments/v1/payments?per_page=1") // 20))
    return {
        "payments, first page": "/payments/v1/payments?per_page=100",
        "payments, last page": last("/payments/v1/payments?per_page=100"),
        "payments ?status=guaranteed": "/payments/v1/payments?per_page=100&status=guaranteed",
        "payments ?recipient=FWU, last page": last("/payments/v1/payments?per_page=100&recipient=FWU"),
        "payments ?recipient=ETM&status=delivered": "/payments/v1/payments?per_page=100&recipient=ETM&status=delivered",
        "payments ?external_reference=": "/payments/v1/payments?per_page=100&external_reference=BULK-7",
        "orders, first page": "/payments/v1/orders?per_page=100",
        "orders, last page": last("/payments/v1/orders?per_page=100"),
        "orders ?recipient=ETM": "/payments/v1/orders?per_page=100&recipient=ETM",
        "orders ?country=ES&status=charged, last page": last("/payments/v1/orders?per_page=100&country=ES&status=charged"),
        # Pages the smallest size fills too (40 refunds in 4 bundles at 1,000 payments), so that
        # each request carries as much at every size.
        "refunds, first page": "/payments/v1/refunds?per_page=25",
        "refunds, last page": last("/payments/v1/refunds?per_page=25", 25),
        "refunds ?status=finished": "/payments/v1/refunds?per_page=25&status=finished",
        "refunds ?payment_id=": f"/payments/v1/refunds?per_page=25&payment_id={refunded}",
        "refund_bundles, first page": "/payments/v1/refund_bundles?per_page=4",
        "refund_bundles, last page": last("/payments/v1/refund_bundles?per_page=4", 4),
        "notifications, first page": "/sandbox/notifications?per_page=100",
        "notifications, last page": last("/sandbox/notifications?per_page=100"),
        "notifications ?resource_id=": f"/sandbox/notifications?per_page=100&resource_id={reference}",
        "recipients": "/payments/v1/recipients?per_page=100",
        "dashboard, first page": "/dashboard",
        "dashboard, last page": f"/dashboard?page={dashboard_pages}",
        "dashboard ?status=failed": "/dashboard?status=failed",
        "dashboard ?recipient=TKU&status=delivered, page 3": "/dashboard?recipient=TKU&status=delivered&page=3",
        "dashboard search, one match": f"/dashboard?q={urllib.parse.quote(reference[3:].lower())}",
        "dashboard search, 1 in 90 match": "/dashboard?q=BULK-12",
        "dashboard payment page": f"/dashboard/payments/{reference}",
    }


def measure(port: int, samples: int) -> dict[str, dict[str, Any]]:
    api = Connection(port, {"X-Authentication-Key": KEY, "Accept": "application/json"})
    page = Connection(port, {"Cookie": sign_in(port)})
    wanted = requests_at(api)
    latencies: dict[str, list[float]] = {name: [] for name in wanted}
    for name, path in wanted.items():  # warm-up, and every answer must be a success
        connection = page if path.startswith("/dashboard") else api
        for _ in range(3):
            _, status, _ = connection.get(path)
            if status != 200:
                raise SystemExit(f"bench: {path} answered {status}")
    for _ in range(samples):
        for name, path in wanted.items():
            latencies[name].append((page if path.startswith("/dashboard") else api).get(path)[0])
    return {name: {"path": wanted[name], "latencies": values} for name, values in latencies.items()}


def peak_of(command: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Runs `command` to the end; its peak RSS (KiB), seconds, and what it printed last."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    count = 0
    last = b""
    assert process.stdout is not None
    for line in process.stdout:
        count += 1
        last = line
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"bench: {command[0]} failed: {process.stderr.read().decode() if process.stderr else ''}")
    return {"peak_rss_kib": usage.ru_maxrss, "seconds": time.perf_counter() - began, "lines": count, "last": last.decode().strip()}


PYTHON_ITERATOR = """
import resource, sys, fwpay
client = fwpay.Client(api_key=sys.argv[1], base_url=sys.argv[2])
count, first = 0, 0
for payment in client.payments.list(per_page=100):
    count += 1
    if count == 100:
        first = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f'{{"items": {count}, "peak_rss_after_first_page_kib": {first}}}')
"""


def walks(base: str, fwpay: str, client_bench: str) -> dict[str, Any]:
    env = {**os.environ, "FWPAY_API_KEY": KEY, "FWPAY_BASE_URL": base, "PYTHONPATH": "bindings/python"}
    shell = peak_of([fwpay, "payments", "list", "--all"], env)
    python = peak_of([sys.executable, "-c", PYTHON_ITERATOR, KEY, base], env)
    c = peak_of([client_bench, base, KEY, "iterate", "10", "-"], env)
    return {"fwpay --all": {**shell, "items": shell["lines"]},
            "python iterator": {**python, **json.loads(python["last"])},
            "c iterator": {**c, **json.loads(c["last"])}}


def main() -> None:
    sandbox, fwpay, client_bench, work = sys.argv[1], sys.argv[2], sys.argv[3], pathlib.Path(sys.argv[4])
    sizes = [int(size) for size in (sys.argv[5] if len(sys.argv) > 5 else "1000,10000,100000,1000000").split(",")]
    samples = int(sys.argv[6]) if len(sys.argv) > 6 else 100
    work.mkdir(parents=True, exist_ok=True)
    database = work / "lists.sqlite"
    for leftover in work.glob("lists.sqlite*"):
        leftover.unlink()
    result: dict[str, Any] = {"sizes": {}, "samples": samples}
    seeded = 0
    for size in sizes:
        process, port, seconds = start(sandbox, database, size - seeded, work / f"lists-{size}.log")
        try:
            print(f"bench: lists at {size:,} payments (seeded {size - seeded:,} in {seconds:.1f} s)", file=sys.stderr)
            entry: dict[str, Any] = {"seed_seconds": seconds, "seeded": size - seeded,
                                     "requests": measure(port, samples)}
            if size in (sizes[0], sizes[-1]) or size == 10_000:
                entry["walks"] = walks(f"http://127.0.0.1:{port}/payments/v1", fwpay, client_bench)
            entry["database_bytes"] = sum(path.stat().st_size for path in work.glob("lists.sqlite*"))
            result["sizes"][str(size)] = entry
        finally:
            process.terminate()
            process.wait(30)
        seeded = size
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
