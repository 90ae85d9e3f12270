#!/usr/bin/env python3
"""Fault-injection run through the Python package (the C run is faults.c): token charges,
order charges and refunds while the sandbox drops connections before and after commit,
answers 503 or 429, or stalls past the call's timeout; half against a sandbox that ignores
Idempotency-Key, half against one that honours it. Reads the server's records afterwards:
duplicates and acknowledged-but-missing results must both be 0.

    faults.py [CALLS]     (default 1000)
"""
from __future__ import annotations

import logging
import pathlib
import sys
import tempfile
import time
from collections import Counter
from typing import Any

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


def phase(flags: tuple[str, ...], calls: int, label: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as directory:
        sandbox = start_sandbox(pathlib.Path(directory), flags)
        try:
            RetryCounter.retries = 0
            # The client is told the truth about the server: it deduplicates unless its keys are ignored.
            with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, timeout=0.4,
                              server_deduplicates=not flags) as client:
                session = client.sessions.create({**PREAUTH, "charge_intent": {"capture": "automatic", "mode": "unscheduled"}})
                card = client.sessions.confirm(pay_form(session["hosted_form"]["url"])["confirm_url"]["url"])
                records: list[tuple[str, str, Any, str]] = []
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
                    try:
                        if op == "token":
                            client.payments.charge({"payment_method_token": card["payment_method"]["token"], "mandate_id": card["mandate"]["id"],
                                                    "charge_intent": {"mode": "unscheduled"}, "recipient": {"id": "FWU"},
                                                    "items": [{"amount": 10000}], "external_reference": reference})
                        elif op == "order":
                            client.orders.charge(order["id"])
                        else:
                            client.refunds.create(payment, {"amount": 5000, "external_reference": reference})
                        outcome = "ok"
                    except fwpay.OutcomeUnknownError:
                        outcome = "ambiguous"
                    except fwpay.Error:
                        outcome = "refused"
                    counts[outcome] += 1
                    records.append((op, reference, outcome, payment))
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
    print(f"{'Python, ' + label:22} calls {calls} | faults {faults} | ok {counts['ok']}, ambiguous {counts['ambiguous']} "
          f"({counts['ambiguous took effect']} took effect), refused {counts['refused']} | duplicates {counts['duplicates']}, "
          f"lost {counts['lost']} | retries {counts['retries']}", flush=True)
    return counts


def main() -> int:
    calls = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    logging.getLogger("fwpay").addHandler(RetryCounter())
    logging.getLogger("fwpay").setLevel(logging.INFO)
    total = phase(("--ignore-idempotency-keys",), calls // 2, "keys ignored") + phase((), calls - calls // 2, "keys honoured")
    failed = total["duplicates"] > 0 or total["lost"] > 0
    print(f"reliability (Python): {0 if failed else 1} passed, {1 if failed else 0} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
