#!/usr/bin/env python3
"""Fault-injection run through the Python package (the C run is faults.c): token charges,
order charges and refunds while the sandbox drops connections before and after commit,
answers 503 or 429, or stalls past the call's timeout; half against a sandbox that ignores
Idempotency-Key, half against one that honours it. Reads the server's records afterwards:
duplicates and acknowledged-but-missing results must both be 0.

With --started, each sandbox's calls are made all at once through fwpay.AsyncClient (started in
the library, sent side by side from its I/O thread), under the same faults.

    faults.py [CALLS] [--started]     (default 1000)
"""
from __future__ import annotations

import asyncio
import logging
import pathlib
import sys
import tempfile
import time
from collections import Counter
from typing import Any, Awaitable, Callable

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bindings" / "python"), str(ROOT / "bindings" / "python" / "tests")]

import fwpay  # noqa: E402
from conftest import start_sandbox, stop_sandbox  # noqa: E402
from helpers import PREAUTH, control, order_body, pay_form  # noqa: E402

FAULTS = [None, {"kind": "drop_before"}, {"kind": "drop_after"}, {"kind": "error", "status": 503},
          {"kind": "rate_limit"}, {"kind": "latency", "latency_ms": 700}]


class RetryCounter(logging.Handler):
    retries = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("retry "):
            RetryCounter.retries += 1


def outcome_of(call: Callable[[], Any]) -> str:
    try:
        call()
        return "ok"
    except fwpay.OutcomeUnknownError:
        return "ambiguous"
    except fwpay.Error:
        return "refused"


async def outcomes_at_once(calls: list[Callable[[fwpay.AsyncClient], Awaitable[Any]]], settings: dict[str, Any]) -> list[str]:
    async with fwpay.AsyncClient(**settings) as client:
        results = await asyncio.gather(*(call(client) for call in calls), return_exceptions=True)
    return ["ok" if not isinstance(r, BaseException) else "ambiguous" if isinstance(r, fwpay.OutcomeUnknownError)
            else "refused" if isinstance(r, fwpay.Error) else f"unexpected {r!r}" for r in results]


def phase(flags: tuple[str, ...], calls: int, label: str, started: bool) -> Counter[str]:
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as directory:
        sandbox = start_sandbox(pathlib.Path(directory), flags)
        try:
            RetryCounter.retries = 0
            # The client is told the truth about the server: it deduplicates unless its keys are ignored.
            settings = {"api_key": sandbox.api_key, "base_url": sandbox.base_url, "timeout": 0.4, "server_deduplicates": not flags}
            with fwpay.Client(**settings) as client:
                session = client.sessions.create({**PREAUTH, "charge_intent": {"capture": "automatic", "mode": "unscheduled"}})
                card = client.sessions.confirm(pay_form(session["hosted_form"]["url"])["confirm_url"]["url"])
                records: list[tuple[str, str, Any, str]] = []
                later: list[Callable[[fwpay.AsyncClient], Awaitable[Any]]] = []
                for i in range(calls):
                    op, fault = ("token", "order", "refund")[i % 3], FAULTS[(i // 3) % len(FAULTS)]
                    reference = f"py-{label}-{i}"
                    payment = ""
                    if op == "token":
                        path = "/payments/charge"
                    elif op == "order":
                        order = client.orders.create({**order_body(client), "external_reference": reference})
                        path = f"/orders/{order['id']}/charge"
                    else:
                        order = client.orders.create({**order_body(client, "SANDBOX_TO_DELIVERED_STATUS"), "external_reference": f"paid-{reference}"})
                        payment = client.orders.charge(order["id"])["payment_reference"]
                        path = f"/payments/{payment}/refunds"
                    if fault:
                        control(sandbox, "faults", {"path": path, **fault})
                        counts[f"fault {fault['kind']}"] += 1
                    # The same call for either client: made now (blocking) or later, all at once.
                    def call(api: Any, op: str = op, reference: str = reference, payment: str = payment,
                             order_id: str = order["id"] if op == "order" else "") -> Any:
                        if op == "token":
                            return api.payments.charge({"payment_method_token": card["payment_method"]["token"],
                                                        "mandate_id": card["mandate"]["id"], "charge_intent": {"mode": "unscheduled"},
                                                        "recipient": {"id": "FWU"}, "items": [{"amount": 10000}],
                                                        "external_reference": reference})
                        if op == "order":
                            return api.orders.charge(order_id)
                        return api.refunds.create(payment, {"amount": 5000, "external_reference": reference})
                    if started:
                        later.append(call)
                        records.append((op, reference, None, payment))
                        continue
                    outcome = outcome_of(lambda: call(client))
                    records.append((op, reference, outcome, payment))
                if started:
                    outcomes = asyncio.run(outcomes_at_once(later, settings))
                    records = [(op, reference, outcome, payment) for (op, reference, _, payment), outcome in zip(records, outcomes)]
                for _, _, outcome, _ in records:
                    counts[outcome] += 1
                time.sleep(1.5)  # stalled requests commit late
                payments = Counter(p["external_reference"] for p in client.payments.list(per_page=100))
                refunds = Counter(r["external_reference"] for r in client.refunds.list(per_page=100) if r["status"] != "cancelled")
                for op, reference, outcome, _ in records:
                    effects = (refunds if op == "refund" else payments)[reference]
                    counts["duplicates"] += effects > 1
                    counts["lost"] += outcome == "ok" and effects == 0
                    counts["ambiguous took effect"] += outcome == "ambiguous" and effects > 0
            counts["retries"] = RetryCounter.retries
        finally:
            stop_sandbox(sandbox)
    faults = sum(v for k, v in counts.items() if k.startswith("fault "))
    print(f"{('Python started, ' if started else 'Python, ') + label:22} calls {calls} | faults {faults} | ok {counts['ok']}, ambiguous {counts['ambiguous']} "
          f"({counts['ambiguous took effect']} took effect), refused {counts['refused']} | duplicates {counts['duplicates']}, "
          f"lost {counts['lost']} | retries {counts['retries']}", flush=True)
    return counts


def main() -> int:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    started = "--started" in sys.argv[2:]
    logging.getLogger("fwpay").addHandler(RetryCounter())
    logging.getLogger("fwpay").setLevel(logging.INFO)
    total = (phase(("--ignore-idempotency-keys",), calls // 2, "keys ignored", started)
             + phase((), calls - calls // 2, "keys honoured", started))
    unexpected = [k for k in total if k.startswith("unexpected")]
    if unexpected:
        print(f"unexpected failures: {unexpected}")
    failed = total["duplicates"] > 0 or total["lost"] > 0 or bool(unexpected)
    print(f"reliability (Python): {0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
