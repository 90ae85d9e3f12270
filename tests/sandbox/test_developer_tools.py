"""The sandbox as a developer's tool, end to end on private sandboxes: the request log (API,
dashboard data, `--log-requests`), reset, resending a notification, `fwpay listen` registering
itself as the client's notifications URL, the `fwpay sandbox` command, Python's client.sandbox,
and the fwpay.testing pytest fixture."""
from __future__ import annotations

import http.server
import json
import os
import pathlib
import select
import subprocess
import sys
import threading
import time
from typing import Any, Callable

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))

import fwpay  # noqa: E402
from conftest import start_sandbox, stop_sandbox  # noqa: E402
from helpers import PREAUTH, order_body, preauthorization  # noqa: E402

FWPAY = str(ROOT / "build" / "bin" / "fwpay")
SANDBOX = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))


def cli(sandbox: Any, *args: str, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": key or sandbox.api_key,
           "FWPAY_SHARED_SECRET": "sandbox-demo-secret"}
    return subprocess.run([FWPAY, *args], capture_output=True, text=True, env=env, timeout=60)


def ok(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class Receiver:
    """A notifications receiver on 127.0.0.1 that keeps every (digest, body) it is sent."""

    def __init__(self) -> None:
        received = self.received = []  # type: list[tuple[str, bytes]]

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                received.append((self.headers.get("X-Flywire-Digest", ""), body))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait_for(self, count: int, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(self.received) >= count, self.received


def test_the_request_log_finds_a_request_by_the_id_an_error_quotes(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        body = order_body(client)
        with pytest.raises(fwpay.InvalidRequestError) as refused:
            client.orders.create({**body, "items": [{"amount": 100}]})
        request_id = refused.value.request_id
        [entry] = client.sandbox.requests(request_id=request_id)
        assert entry["method"] == "POST" and entry["path"] == "/payments/v1/orders" and entry["status"] == 422
        assert entry["problem"]["errors"][0]["source"] == "/recipient/items"
        assert entry["idempotency_key"] == refused.value.idempotency_key and entry["replayed"] is False
        assert entry["duration_ms"] >= 0
        client.orders.create(body, idempotency_key="log-1")
        client.orders.create(body, idempotency_key="log-1")  # answered from the stored answer
        newest = client.sandbox.requests(limit=2)
        assert [e["replayed"] for e in newest] == [True, False] and {e["idempotency_key"] for e in newest} == {"log-1"}
        assert [e["status"] for e in newest] == [201, 201]
        # The command shows the same, and another client sees none of it.
        shown = ok(cli(sandbox, "sandbox", "requests", "--request-id", request_id))
        assert shown["requests"][0]["status"] == 422
        assert ok(cli(sandbox, "sandbox", "requests", key=sandbox.second_api_key))["requests"] == []
        assert cli(sandbox, "sandbox", "requests", "--limit", "0").returncode == 3
        assert cli(sandbox, "sandbox", "requests", "--limit", "many").returncode == 3


def test_log_requests_writes_one_line_per_request(tmp_path: pathlib.Path) -> None:
    log = (tmp_path / "stderr").open("w+")
    process = subprocess.Popen([SANDBOX, "--port", "0", "--db", str(tmp_path / "db.sqlite"), "--log-requests"],
                               stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert process.stdout is not None and select.select([process.stdout], [], [], 60)[0]
        base_url = process.stdout.readline().split("listening on ", 1)[1].strip() + "/payments/v1"
        with fwpay.Client(api_key="sandbox-demo-key", base_url=base_url) as client:
            client.recipients.get("FWU")
            with pytest.raises(fwpay.NotFoundError) as missing:
                client.payments.get("FWU000000000")
        time.sleep(0.2)
        lines = [line for line in pathlib.Path(log.name).read_text().splitlines() if line.startswith("fwpay-sandbox: req_")]
        assert len(lines) == 2
        assert " GET /payments/v1/recipients/FWU 200 " in lines[0] and lines[0].endswith(" ms")
        assert lines[1].startswith(f"fwpay-sandbox: {missing.value.request_id} GET /payments/v1/payments/FWU000000000 404 ")
        assert "sandbox-demo-key" not in pathlib.Path(log.name).read_text()
    finally:
        process.terminate()
        process.wait(10)


def test_the_control_api_is_refused_for_flywires_base_urls() -> None:
    # The library refuses before sending: Flywire has no /sandbox (sandbox-only).
    for base_url in (fwpay.PRODUCTION_BASE_URL, fwpay.SANDBOX_BASE_URL):
        with fwpay.Client(api_key="k", base_url=base_url) as client:
            with pytest.raises(fwpay.InvalidArgumentError, match="fwpay-sandbox's"):
                client.sandbox.clock()


def test_reset_deletes_only_the_calling_clients_data(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client, \
            fwpay.Client(api_key=sandbox.second_api_key, base_url=sandbox.base_url) as other:
        for _ in range(3):
            reference = client.orders.charge(client.orders.create(order_body(client))["id"])["payment_reference"]
        client.sandbox.transition(reference, "guaranteed")
        client.sandbox.transition(reference, "delivered")
        client.refunds.create(reference, {"amount": 1000})
        theirs = other.orders.create(order_body(other))
        client.sandbox.add_fault(kind="error", path="/nowhere", status=503)
        deleted = client.sandbox.reset()["deleted"]
        assert deleted["orders"] == 3 and deleted["payments"] == 3 and deleted["refunds"] == 1 and deleted["refund_bundles"] == 1
        assert client.orders.page()["total_entries"] == 0 and client.payments.page()["total_entries"] == 0
        assert client.refunds.page()["total_entries"] == 0 and client.sandbox.notifications() == []
        assert client.sandbox.faults() == []
        logged = client.sandbox.requests()  # newest first: nothing from before the reset but the reset itself
        assert logged[-1]["method"] == "POST" and logged[-1]["path"] == "/sandbox/reset"
        with pytest.raises(fwpay.NotFoundError):
            client.payments.get(reference)
        assert other.orders.get(theirs["id"])["id"] == theirs["id"]  # the other client's data stays
        # The sandbox works on as before: a new order, a new payment.
        assert client.orders.charge(client.orders.create(order_body(client))["id"])["payment_reference"].startswith("FWU")
        assert ok(cli(sandbox, "sandbox", "reset"))["deleted"]["orders"] == 1


def test_a_notification_is_resent_with_the_same_body_and_digest(sandbox: Any) -> None:
    receiver = Receiver()
    try:
        with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            order = client.orders.create({**order_body(client), "notifications_url": receiver.url})
            reference = client.orders.charge(order["id"])["payment_reference"]
            receiver.wait_for(1)
            [sent] = client.sandbox.notifications(resource_id=reference)
            again = client.sandbox.resend(sent["id"])
            assert again["id"] != sent["id"] and again["state"] == "pending"
            receiver.wait_for(2)
            assert receiver.received[1] == receiver.received[0]  # byte for byte, digest included
            fwpay.notifications.verify(receiver.received[1][1], receiver.received[1][0], "sandbox-demo-secret")
            ok(cli(sandbox, "sandbox", "resend", str(sent["id"])))
            receiver.wait_for(3)
            assert cli(sandbox, "sandbox", "resend", "999999").returncode == 5
            with fwpay.Client(api_key=sandbox.second_api_key, base_url=sandbox.base_url) as other:
                with pytest.raises(fwpay.NotFoundError):
                    other.sandbox.resend(sent["id"])  # not its notification
    finally:
        receiver.server.shutdown()


def test_fwpay_listen_receives_a_triggered_event_without_a_url_set_by_hand(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
           "FWPAY_SHARED_SECRET": "sandbox-demo-secret"}
    listen = subprocess.Popen([FWPAY, "listen", "--count", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert listen.stderr is not None and listen.stdout is not None
        lines = [listen.stderr.readline(), listen.stderr.readline()]
        assert "listening on http://127.0.0.1:" in lines[0] and "registered with the sandbox" in lines[1], lines
        with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            assert ok(cli(sandbox, "sandbox", "listener"))["url"].startswith("http://127.0.0.1:")
            # No notifications_url anywhere: the payment's notifications go to the listener.
            triggered = ok(cli(sandbox, "trigger", "payment.guaranteed"))
            events = [json.loads(listen.stdout.readline()) for _ in range(2)]
            assert {e["event_type"] for e in events} == {"initiated", "guaranteed"}
            assert {e["id"] for e in events} == {triggered["payment_reference"]}
            assert listen.wait(30) == 0
            assert "unregistered" in listen.stderr.read()
            assert client.sandbox.listener() is None
    finally:
        if listen.poll() is None:
            listen.kill()


def test_fwpay_listen_takes_its_registration_back_when_interrupted(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
           "FWPAY_SHARED_SECRET": "sandbox-demo-secret"}
    listen = subprocess.Popen([FWPAY, "listen"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert listen.stderr is not None
    assert "registered" in listen.stderr.readline() + listen.stderr.readline()
    listen.send_signal(2)  # SIGINT, as Ctrl-C
    assert listen.wait(30) == 0
    assert ok(cli(sandbox, "sandbox", "listener"))["url"] is None
    unregistered = subprocess.run([FWPAY, "listen", "--count", "0", "--no-register"], capture_output=True, text=True, env=env, timeout=30)
    assert unregistered.returncode == 0 and "registered" not in unregistered.stderr


def listening_sockets(pid: int) -> list[str]:
    """The TCP sockets process pid holds in the LISTEN state."""
    inodes = set()
    for fd in pathlib.Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in pathlib.Path(table).read_text().splitlines()[1:]:
            fields = row.split()
            if fields[3] == "0A" and fields[9] in inodes:
                listening.append(fields[1])
    return listening


def test_fwpay_listen_pull_opens_no_port_filters_and_forwards(sandbox: Any) -> None:
    """`fwpay listen --pull`: no inbound port; the sandbox keeps the notifications of a client
    with no notifications URL while it polls (listen_only), --events keeps the asked ones, and
    --forward-to gets each with the digest the sandbox signed. Another client sees none."""
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
           "FWPAY_SHARED_SECRET": "sandbox-demo-secret"}
    receiver = Receiver()
    listen = subprocess.Popen([FWPAY, "listen", "--pull", "--events", "guaranteed,delivered", "--forward-to", receiver.url,
                               "--count", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert listen.stderr is not None and listen.stdout is not None
        assert "pulling this client's notifications" in listen.stderr.readline()
        assert listening_sockets(listen.pid) == []
        with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            assert client.sandbox.listener() is None  # nothing registered: no URL at all
            triggered = ok(cli(sandbox, "trigger", "payment.guaranteed"))
            reference = triggered["payment_reference"]
            first = json.loads(listen.stdout.readline())
            assert (first["event_type"], first["id"]) == ("guaranteed", reference)  # initiated was left out
            client.sandbox.transition(reference, status="delivered")
            second = json.loads(listen.stdout.readline())
            assert (second["event_type"], second["id"]) == ("delivered", reference)
            assert listen.wait(30) == 0
            receiver.wait_for(2)
            for digest, body in receiver.received:
                fwpay.notifications.verify(body, digest, "sandbox-demo-secret")
            assert [fwpay.notifications.parse(body)["event_type"] for _, body in receiver.received] == ["guaranteed", "delivered"]
            kept = client.sandbox.notifications(resource_id=reference)
            assert {(n["event_type"], n["state"], n["url"]) for n in kept} == {
                ("initiated", "listen_only", ""), ("guaranteed", "listen_only", ""), ("delivered", "listen_only", "")}
        with fwpay.Client(api_key=sandbox.second_api_key, base_url=sandbox.base_url.removesuffix("/payments/v1")) as other:
            assert other.request("GET", "/sandbox/notifications/poll?after=0&wait=0")["notifications"] == []
    finally:
        if listen.poll() is None:
            listen.kill()
        receiver.server.shutdown()


def test_fwpay_listen_events_filters_pushed_notifications_too(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
           "FWPAY_SHARED_SECRET": "sandbox-demo-secret"}
    listen = subprocess.Popen([FWPAY, "listen", "--events", "guaranteed", "--count", "1"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert listen.stderr is not None and listen.stdout is not None
        assert "registered" in listen.stderr.readline() + listen.stderr.readline()
        ok(cli(sandbox, "trigger", "payment.guaranteed"))  # initiated, then guaranteed, both pushed here
        assert listen.wait(30) == 0
        printed = [json.loads(line) for line in listen.stdout.read().splitlines()]
        assert [event["event_type"] for event in printed] == ["guaranteed"], printed
    finally:
        if listen.poll() is None:
            listen.kill()


def test_fwpay_listen_pull_needs_a_sandbox(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": "https://api-platform.flywire.com/payments/v1",
           "FWPAY_API_KEY": "some-key"}
    refused = subprocess.run([FWPAY, "listen", "--pull"], capture_output=True, text=True, env=env, timeout=30)
    assert refused.returncode == 64 and "fwpay-sandbox" in refused.stderr, refused.stderr
    env.update(FWPAY_BASE_URL=sandbox.base_url, FWPAY_API_KEY="not-a-key")
    refused = subprocess.run([FWPAY, "listen", "--pull"], capture_output=True, text=True, env=env, timeout=30)
    assert refused.returncode != 0 and "pulling" in refused.stderr, refused.stderr
    bad = subprocess.run([FWPAY, "listen", "--pull", "--events", "a b"], capture_output=True, text=True, env=env, timeout=30)
    assert bad.returncode == 64 and "--events" in bad.stderr


@pytest.mark.parametrize("event, status", [
    ("payment.initiated", "initiated"), ("payment.guaranteed", "guaranteed"), ("payment.delivered", "delivered"),
    ("payment.failed", "failed"), ("preauth.authorized", "authorized"), ("preauth.captured", None),
    ("preauth.expired", "expired"), ("refund.finished", "finished"),
])
def test_trigger_makes_each_event(sandbox: Any, event: str, status: str | None) -> None:
    result = ok(cli(sandbox, "trigger", event))
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        if event.startswith("refund."):
            assert client.refunds.get(result["refund_id"])["status"] == status
            return
        payment = client.payments.get(result["payment_reference"])
        if status:
            assert payment["status"] == status and result["status"] == status
        else:
            assert payment["charge_intent"]["captured_amount"] == 50000


def test_trigger_lists_runs_user_fixtures_and_refuses_flywire(sandbox: Any, tmp_path: pathlib.Path) -> None:
    listing = cli(sandbox, "trigger", "--list").stdout
    for event in ("payment.guaranteed", "payment.delivered", "payment.failed", "preauth.authorized", "preauth.captured",
                  "preauth.expired", "refund.finished"):
        assert event in listing
    # A new event is a file: here, a recipient looked up and searched, naming the first step's result.
    (tmp_path / "recipient.found.json").write_text(json.dumps({
        "event": "recipient.found", "description": "a lookup",
        "steps": [{"name": "one", "method": "GET", "path": "/recipients/FWU"},
                  {"name": "search", "method": "GET", "path": "/recipients?per_page=${.one.settings.min_amount / 1000}"}],
        "result": "{name: .one.name, per_page: .search.per_page}"}))
    found = ok(cli(sandbox, "trigger", "recipient.found", "--fixtures", str(tmp_path)))
    assert found == {"name": "Flywire University", "per_page": 5}
    assert cli(sandbox, "trigger", "no.such.event").returncode == 64
    # An expression too long for the command is refused, never cut short and run.
    long = ".one.id" + " " * 600  # cut at 511 bytes it would still run, as .one.id
    (tmp_path / "too.long.json").write_text(json.dumps({
        "event": "too.long", "steps": [{"name": "one", "method": "GET", "path": "/recipients/FWU"},
                                       {"name": "two", "method": "GET", "path": "/recipients/${" + long + "}"}]}))
    refused = cli(sandbox, "trigger", "too.long", "--fixtures", str(tmp_path))
    assert refused.returncode == 64 and "step 2 (two) cannot be made" in refused.stderr, refused.stderr
    flywire = subprocess.run([FWPAY, "trigger", "payment.guaranteed"], capture_output=True, text=True, timeout=30,
                             env={"PATH": "", "FWPAY_API_KEY": "k", "FWPAY_BASE_URL": fwpay.PRODUCTION_BASE_URL})
    assert flywire.returncode == 64 and "fwpay-sandbox only" in flywire.stderr and "POST" not in flywire.stderr


def test_the_sandbox_command(sandbox: Any) -> None:
    assert ok(cli(sandbox, "sandbox", "clock"))["offset_seconds"] == 0
    moved = ok(cli(sandbox, "sandbox", "advance", "--hours", "2", "--minutes=30"))
    assert moved["offset_seconds"] == 9000
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        reference = client.orders.charge(client.orders.create(order_body(client))["id"])["payment_reference"]
    assert ok(cli(sandbox, "sandbox", "transition", reference, "--status", "guaranteed"))["status"] == "guaranteed"
    refused = cli(sandbox, "sandbox", "transition", reference, "--status", "initiated")
    assert refused.returncode == 3
    added = ok(cli(sandbox, "sandbox", "fault", "--data", '{"path": "/recipients", "kind": "error", "status": 503, "count": 5}'))
    assert added["kind"] == "error" and ok(cli(sandbox, "sandbox", "faults"))["faults"][0]["remaining"] == 5
    assert ok(cli(sandbox, "sandbox", "clear-faults"))["faults"] == []
    events = ok(cli(sandbox, "sandbox", "notifications", "--resource-id", reference))
    assert events["total_entries"] == 0  # no notifications URL: nothing queued
    assert cli(sandbox, "sandbox", "advance").returncode == 64
    assert cli(sandbox, "sandbox", "transition", "../x", "--status", "guaranteed").returncode == 64
    flywire = subprocess.run([FWPAY, "sandbox", "clock"], capture_output=True, text=True, timeout=30,
                             env={"PATH": "", "FWPAY_API_KEY": "k", "FWPAY_BASE_URL": fwpay.SANDBOX_BASE_URL})
    assert flywire.returncode == 64 and "not Flywire's" in flywire.stderr
    assert "--status STATUS" in subprocess.run([FWPAY, "sandbox", "transition", "--help"], capture_output=True, text=True).stdout
    # fwpay request reaches the control API too: /sandbox paths go beside /payments/v1.
    assert ok(cli(sandbox, "request", "GET", "/sandbox/clock"))["offset_seconds"] == 9000
    assert ok(cli(sandbox, "request", "POST", "/sandbox/clock/advance", "--data", '{"seconds": 1}'))["offset_seconds"] == 9001


def test_client_sandbox_refuses_flywires_base_url() -> None:
    with fwpay.Client(api_key="k", base_url=fwpay.SANDBOX_BASE_URL) as client:
        with pytest.raises(fwpay.InvalidArgumentError, match="control API"):
            client.sandbox.clock()


def test_client_sandbox_moves_the_clock_and_payments(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        reference = client.orders.charge(client.orders.create(order_body(client))["id"])["payment_reference"]
        assert client.sandbox.transition(reference, "guaranteed")["status"] == "guaranteed"
        assert client.sandbox.advance(days=1)["offset_seconds"] == 86400
        assert client.sandbox.clock()["offset_seconds"] == 86400
        assert client.sandbox.settings(notification_format="classic")["notification_format"] == "classic"
        fault = client.sandbox.add_fault(kind="error", path="/recipients/FWU", status=503, count=1)
        assert fault["remaining"] == 1
        with pytest.raises(fwpay.APIError):
            client.recipients.get("FWU", max_retries=0)


def test_each_client_has_its_own_clock(sandbox: Any) -> None:
    """One client advancing its clock changes only its own payments; each clock survives a restart."""
    first = sandbox
    with fwpay.Client(api_key=first.api_key, base_url=first.base_url) as client, \
            fwpay.Client(api_key=first.second_api_key, base_url=first.base_url) as other:
        mine = client.orders.charge(client.orders.create(order_body(client))["id"])["payment_reference"]
        theirs = other.orders.charge(other.orders.create(order_body(other))["id"])["payment_reference"]
        their_hold = preauthorization(other)["payment_reference"]
        their_session = other.sessions.create(PREAUTH)["id"]
        # A bank transfer nobody pays is cancelled after 8 days on its client's clock; a hold
        # expires after 7, a session after 30 minutes.
        assert client.sandbox.advance(days=9)["transitions"] >= 1
        assert client.payments.get(mine)["status"] == "cancelled"
        assert other.payments.get(theirs)["status"] == "initiated"
        assert other.payments.get(their_hold)["status"] == "authorized"
        assert other.request("GET", f"/checkout/sessions/{their_session}")["status"] == "open"
        assert client.sandbox.clock()["offset_seconds"] == 9 * 86400 and other.sandbox.clock()["offset_seconds"] == 0
        assert ok(cli(first, "sandbox", "clock", key=first.second_api_key))["offset_seconds"] == 0
    stop_sandbox(first)
    again = start_sandbox(first.database.parent)
    try:
        with fwpay.Client(api_key=again.api_key, base_url=again.base_url) as client, \
                fwpay.Client(api_key=again.second_api_key, base_url=again.base_url) as other:
            assert client.sandbox.clock()["offset_seconds"] == 9 * 86400 and other.sandbox.clock()["offset_seconds"] == 0
            # A reset puts the client's clock back to real time.
            client.sandbox.reset()
            assert client.sandbox.clock()["offset_seconds"] == 0
    finally:
        stop_sandbox(again)


def test_fwpay_testing_fixture_in_a_users_own_tests(tmp_path: pathlib.Path) -> None:
    (tmp_path / "test_mine.py").write_text('''
def test_my_checkout(fwpay_sandbox):
    with fwpay_sandbox.client() as client:
        offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]
        order = client.orders.create({"payer": {"first_name": "P", "country": "ES"},
                                      "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "x"}]},
                                      "items": [{"id": "t", "amount": 120000}], "offer": {"id": offer["id"]}})
        reference = client.orders.charge(order["id"])["payment_reference"]
        assert client.sandbox.transition(reference, "guaranteed")["status"] == "guaranteed"

def test_each_test_gets_a_fresh_database(fwpay_sandbox):
    with fwpay_sandbox.client() as client:
        assert client.orders.page()["total_entries"] == 0
''')
    # As from a source tree: -p loads the plugin (autoloading is off, so that an installed fwpay
    # registering the same plugin by its entry point does not load it twice).
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT / "bindings" / "python"), "FWPAY_SANDBOX": SANDBOX,
           "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "fwpay.testing", "-p", "no:cacheprovider",
                             str(tmp_path / "test_mine.py")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout
