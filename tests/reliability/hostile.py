"""Figures for make reliability: the sandbox against hostile peers and hostile amounts
(security-findings.md H1, H2, M1, M2, M4, L10). Prints one line per measure; exits 1 when one
fails. Every load is bounded in count and time, on loopback."""
from __future__ import annotations

import json
import pathlib
import socket
import sqlite3
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "security"), str(ROOT / "bindings" / "python")]
import conftest  # noqa: E402
import test_findings as findings  # noqa: E402
from test_hostile_peers import HostileReceiver, call, charge_order, resident_kib, start, stop  # noqa: E402

failed = 0


def report(name: str, figure: str, ok: bool) -> None:
    global failed
    failed += 0 if ok else 1
    print(f"{name}: {figure} [{'ok' if ok else 'FAILED'}]")


def flood() -> None:
    with tempfile.TemporaryDirectory() as directory:
        process, root = start(pathlib.Path(directory), "--head-timeout", "2", descriptors=1024)
        port, sockets = int(root.rsplit(":", 1)[1]), []
        try:
            for _ in range(1500):
                try:
                    sockets.append(socket.create_connection(("127.0.0.1", port), timeout=2))
                except OSError:
                    break
            time.sleep(4)
            alive = process.poll() is None and call(root, "GET", "/health") == {"status": "ok"}
        finally:
            for each in sockets:
                each.close()
            stop(process)
        report("connection flood under ulimit -n 1024", f"{len(sockets)} connections held 4 s; sandbox {'up, answering' if alive else 'DOWN'}", alive)


def receivers() -> None:
    with tempfile.TemporaryDirectory() as directory:
        stream, drip, fine = HostileReceiver("stream", 8), HostileReceiver("drip", 20), HostileReceiver("ok")
        process, root = start(pathlib.Path(directory), "--notifications-url", f"http://127.0.0.1:{stream.port}/hook",
                              "--client", f"key-slow:s:http://127.0.0.1:{drip.port}/drip",
                              "--client", f"key-b:secret-b:http://127.0.0.1:{fine.port}/ok")
        try:
            charge_order(root)
            before = resident_kib(process)
            for _ in range(20):
                charge_order(root, key="key-slow")
            started = time.monotonic()
            reference = charge_order(root, key="key-b")
            delivered_after = None
            while time.monotonic() - started < 8 and delivered_after is None:
                notifications = call(root, "GET", f"/sandbox/notifications?resource_id={reference}", key="key-b")["notifications"]
                if notifications and all(n["state"] == "delivered" for n in notifications):
                    delivered_after = time.monotonic() - started
                time.sleep(0.1)
            time.sleep(3)
            grown = resident_kib(process) - before
        finally:
            stop(process)
            for receiver in (stream, drip, fine):
                receiver.close()
        report("memory while a receiver streams and 20 drip", f"+{grown // 1024} MiB", grown < 64 * 1024)
        report("another client's notification delivered, beside them, after",
               f"{delivered_after * 1000:.0f} ms" if delivered_after is not None else "never (8 s)",
               delivered_after is not None and delivered_after < 5)


def amounts_and_cards() -> None:
    with tempfile.TemporaryDirectory() as directory:
        sandbox = conftest.start_sandbox(pathlib.Path(directory))
        refused = tried = 0
        try:
            reference = findings.preauth(sandbox)
            for amount in (5_000_001, 9_223_372_036_854_775_807, 10**15):
                tried += 1
                refused += findings.call(sandbox, "POST", f"/payments/{reference}/authorization_adjustments", {"amount": amount})[0] == 422
            order = findings.order(sandbox)
            tried += 1
            refused += findings.call(sandbox, "POST", "/checkout/sessions", {"type": "one_off", "recipient_id": "FWU", "order_id": order,
                                                                             "items": [{"id": "x", "amount": 5000}]})[0] == 422
            findings.paid_session(sandbox, {"type": "tokenization_and_pay", "recipient_id": "FWU", "recipient": findings.FIELDS,
                                            "charge_intent": {"mode": "unscheduled"}, "items": [{"id": "default", "amount": 60000}]})
            with sqlite3.connect(sandbox.database) as database:
                stored = json.dumps([list(map(str, row)) for table in ("session", "payment", "payment_method_token")
                                     for row in database.execute(f'SELECT * FROM "{table}"')])
            exposures = sum(stored.count(text) for text in ("4111 1111 1111 1111", "4111111111111111", '\\"cvv\\"'))
        finally:
            conftest.stop_sandbox(sandbox)
        report("hostile amounts refused (adjustments past the maximum, order sessions of another amount)", f"{refused} of {tried}",
               refused == tried)
        report("card data at rest (full numbers or CVVs in SQLite)", f"{exposures}", exposures == 0)


flood()
receivers()
amounts_and_cards()
sys.exit(1 if failed else 0)
