"""Figures for make reliability: the sandbox against hostile peers and hostile amounts
(security-findings.md H1, H2, M1, M2, M4, L10), trickling bodies against the connection cap,
`fwpay listen` under dripping peers and a silent forward target, and a json_t of shared
subtrees from C (security-findings-3.md N8, N3, N12). Prints one line per measure; exits 1
when one fails. Every load is bounded in count and time, on loopback."""
from __future__ import annotations

import json
import os
import pathlib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "security"), str(ROOT / "bindings" / "python")]
import conftest  # noqa: E402
import test_findings as findings  # noqa: E402
import test_findings_3 as findings_3  # noqa: E402
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


def trickling_bodies() -> None:
    with tempfile.TemporaryDirectory() as directory:
        process, root = start(pathlib.Path(directory), "--max-connections", "20", "--body-timeout", "3")
        port, peers = int(root.rsplit(":", 1)[1]), []
        try:
            full = findings_3.fill_connection_cap(root, port, 20, findings_3.TRICKLING_HEAD, peers)
            started, answered = time.monotonic(), None
            while full and answered is None and time.monotonic() - started < 20:
                for peer in peers:
                    try:
                        peer.sendall(b"x")
                    except OSError:
                        pass
                try:
                    with urllib.request.urlopen(root + "/health", timeout=1):
                        answered = time.monotonic() - started
                except OSError:
                    time.sleep(0.5)
        finally:
            for peer in peers:
                peer.close()
            stop(process)
        report("20 trickling bodies against --max-connections 20 (--body-timeout 3)",
               "the 20 peers never filled the cap" if not full else
               f"cap full; /health answered again after {answered:.1f} s" if answered is not None else "/health never answered in 20 s",
               full and answered is not None and answered < 6)


def listener_under_flood() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    listener, port = findings_3.start_listen("--no-register", "--forward", f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
    drips = []
    try:
        statuses = [findings_3.notify(port) for _ in range(32)]  # every slot forwarding to a silent target
        for _ in range(32):
            drip = socket.create_connection(("127.0.0.1", port), timeout=5)
            drip.sendall(b"POST / HTTP/1.1\r\n")
            drips.append(drip)
        started, answered = time.monotonic(), None
        while answered is None and time.monotonic() - started < 30:
            for drip in drips:
                try:
                    drip.sendall(b"X")
                except OSError:
                    pass
            if findings_3.notify(port) == 200:
                answered = time.monotonic() - started
            else:
                time.sleep(0.5)
    finally:
        for drip in drips:
            drip.close()
        listener.terminate()
        listener.wait(15)
        silent.close()
    report("fwpay listen with 32 forwards to a silent target, then 32 dripping peers",
           f"{statuses.count(200)} of 32 answered 200; a valid notification answered 200 again after "
           + (f"{answered:.1f} s" if answered is not None else "more than 30 s"), answered is not None and answered < 12)


def shared_subtrees() -> None:
    program = ROOT / "build" / "tests" / "reliability" / "test_findings_3"
    program.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(["gcc", "-std=c99", "-O0", "-D_POSIX_C_SOURCE=200809L", f"-I{ROOT / 'include'}",
                    str(ROOT / "tests" / "c" / "test_findings_3.c"), str(ROOT / "tests" / "c" / "harness.c"), "-o", str(program),
                    f"-L{ROOT / 'build' / 'lib'}", "-lfwpay", "-ljansson", "-lpthread", f"-Wl,-rpath,{ROOT / 'build' / 'lib'}"],
                   check=True)
    started = time.monotonic()
    child = subprocess.Popen([str(program)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the earlier ones'
    seconds = time.monotonic() - started
    report("a json_t of 2^26 shared leaves (23 nodes) from C", f"refused in {seconds:.2f} s, peak RSS {usage.ru_maxrss // 1024} MiB",
           status == 0 and seconds < 20)


if __name__ == "__main__":
    flood()
    receivers()
    amounts_and_cards()
    trickling_bodies()
    listener_under_flood()
    shared_subtrees()
    sys.exit(1 if failed else 0)
