"""Findings of the third security review (../shared/docs/security-findings-3.md) that the
client answered wrongly on main at eb9795d, reproduced as the review did. (N1 and N2 are
tested in the bindings' own suites and tests/servers/test_java.py.)"""
from __future__ import annotations

import http.server
import json
import os
import pathlib
import select
import socket
import subprocess
import threading
import time
from typing import Any

import pytest

import fwpay


class ChargeCounter(http.server.BaseHTTPRequestHandler):
    """Echoes a request's Idempotency-Key on a 404 of /unrelated/echo; stalls past the
    client's timeout on /payments/charge, counting each POST it receives there."""
    charges = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.endswith("/payments/charge"):
            type(self).charges += 1
            time.sleep(2.5)
            body, status = b'{"payment_reference": "FWU000000001"}', 200
        else:
            body, status = b'{"type": "not_found"}', 404
        try:
            self.send_response(status)
            if self.headers.get("Idempotency-Key"):
                self.send_header("Idempotency-Key", self.headers["Idempotency-Key"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args: Any) -> None:
        pass


def test_n4_an_echoed_key_never_makes_a_post_repeatable() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChargeCounter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/payments/v1"
    try:
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=2) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            assert ChargeCounter.charges == 1
            with pytest.raises(fwpay.NotFoundError):
                client.request("POST", "/unrelated/echo", {})  # its 404 echoes the key
            with pytest.raises(fwpay.OutcomeUnknownError) as raised:
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2, "a timed-out charge was sent again after a server echoed a key"
            assert raised.value.idempotency_key
        # Told that the server deduplicates, the client retries under the same key.
        ChargeCounter.charges = 0
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=1, server_deduplicates=True) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2
    finally:
        server.shutdown()


ROOT = pathlib.Path(__file__).resolve().parents[2]
FWPAY = str(ROOT / "build" / "bin" / "fwpay")


@pytest.mark.parametrize("base_url", ["https://api-platform.FLYWIRE.com/payments/v1",
                                      "https://API-PLATFORM-SANDBOX.FlyWire.com./payments/v1",
                                      "https://user@api-platform.flywire.com:443/payments/v1", "https://FLYWIRE.COM"])
def test_n6_sandbox_commands_refuse_flywire_however_spelled(base_url: str) -> None:
    # A proxy that would see any request leave: nothing may reach it.
    with socket.socket() as proxy:
        proxy.bind(("127.0.0.1", 0))
        proxy.listen(8)
        proxy.settimeout(0.5)
        env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": base_url, "FWPAY_API_KEY": "k",
               "HTTPS_PROXY": f"http://127.0.0.1:{proxy.getsockname()[1]}", "NO_PROXY": ""}
        for command in (["sandbox", "reset"], ["trigger", "payment.delivered"]):
            done = subprocess.run([FWPAY, *command], env=env, capture_output=True, text=True, timeout=30)
            assert done.returncode == 64, (command, done.returncode, done.stderr)
        with pytest.raises(socket.timeout):
            proxy.accept()


def test_n7_bash_completion_never_runs_a_profile_name(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "PWNED"
    config = tmp_path / "config"
    config.write_text(f"[default]\napi_key = x\n[$(touch {marker})]\n[`touch {marker}`]\n[prod]\napi_key = y\n")
    config.chmod(0o600)
    script = tmp_path / "completion.bash"
    script.write_text(subprocess.run([FWPAY, "completion", "bash"], capture_output=True, text=True, check=True).stdout)
    complete = (f'source {script}; COMP_WORDS=(fwpay --profile "$CUR"); COMP_CWORD=2; _fwpay; '
                'printf "%s\\n" "${COMPREPLY[@]}"')

    def offered(cur: str, mode: int = 0o600) -> list[str]:
        config.chmod(mode)
        done = subprocess.run(["bash", "-c", complete], env={"PATH": os.environ.get("PATH", ""), "FWPAY_CONFIG": str(config),
                                                          "CUR": cur}, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    assert offered("") == ["default", f"$(touch {marker})", f"`touch {marker}`", "prod"]
    assert offered("pr") == ["prod"]
    assert not marker.exists(), "completing --profile ran a profile name as shell code"
    # A file others may write is one fwpay refuses: its names are not offered either.
    assert offered("", 0o664) == []


# The sandbox's findings, with the first review's helpers (tests/security/test_findings.py).
import http.cookiejar  # noqa: E402
import urllib.error  # noqa: E402
import urllib.parse  # noqa: E402
import urllib.request  # noqa: E402

import conftest  # noqa: E402
from fwpay import testing  # noqa: E402
from test_findings import FIELDS, call, order  # noqa: E402


def delivered(sandbox: conftest.Sandbox) -> str:
    status, charged, _ = call(sandbox, "POST", f"/orders/{order(sandbox)}/charge")
    assert status in (200, 201), charged
    reference = str(charged["payment_reference"])
    for state in ("processed", "guaranteed", "delivered"):
        assert call(sandbox, "POST", f"/sandbox/payments/{reference}/transition", {"status": state}, api=False)[0] == 200
    return reference


def raw_request(sandbox: conftest.Sandbox, host: bytes) -> bytes:
    port = int(sandbox.base_url.split(":")[2].split("/")[0])
    body = json.dumps({"type": "tokenization", "recipient_id": "FWU", "recipient": FIELDS}).encode()
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"POST /payments/v1/checkout/sessions HTTP/1.1\r\nHost: " + host + b"\r\n"
                           b"X-Authentication-Key: sandbox-demo-key\r\nContent-Type: application/json\r\n"
                           b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)
        return connection.recv(8192)


@pytest.mark.parametrize("host", [b"127.0.0.1:1@evil.example", b"127.0.0.1:1/evil", b"localhost:80#@evil.example",
                                  b"localhost:x"])
def test_n5_a_host_header_is_a_host_and_a_port_or_refused(sandbox: conftest.Sandbox, host: bytes) -> None:
    answer = raw_request(sandbox, host)
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"evil" not in answer


def test_n5_a_plain_loopback_host_still_makes_links(sandbox: conftest.Sandbox) -> None:
    answer = raw_request(sandbox, b"localhost:" + sandbox.base_url.split(":")[2].split("/")[0].encode())
    assert answer.startswith(b"HTTP/1.1 201") and b'"url":"http://localhost:' in answer.replace(b" ", b"")


def signed_in(sandbox: conftest.Sandbox, key: str) -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    root = sandbox.base_url.removesuffix("/payments/v1")
    opener.open(urllib.request.Request(root + "/sign-in", data=urllib.parse.urlencode({"api_key": key}).encode(),
                                       method="POST"), timeout=10).close()
    return opener


def dashboard_status(opener: urllib.request.OpenerDirector, sandbox: conftest.Sandbox, query: str = "") -> int:
    root = sandbox.base_url.removesuffix("/payments/v1")
    no_redirect = [h for h in opener.handlers if isinstance(h, urllib.request.HTTPRedirectHandler)]
    for handler in no_redirect:
        handler.max_redirections = 0
    try:
        with opener.open(root + "/dashboard" + query, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_n9_sign_ins_with_one_key_never_sign_another_client_out(sandbox: conftest.Sandbox) -> None:
    other = signed_in(sandbox, sandbox.second_api_key)
    assert dashboard_status(other, sandbox) == 200
    root = sandbox.base_url.removesuffix("/payments/v1")
    for _ in range(260):  # past the per-client bound of 200
        urllib.request.urlopen(urllib.request.Request(root + "/sign-in", data=b"api_key=sandbox-demo-key", method="POST"),
                               timeout=10).close()
    assert dashboard_status(other, sandbox) == 200


def test_n13_a_search_with_nul_characters_is_answered(sandbox: conftest.Sandbox) -> None:
    delivered(sandbox)
    opener = signed_in(sandbox, sandbox.api_key)
    for query in ("?q=%00%00%00", "?q=ab%00", "?q=%00", "?q=FWU%00%01"):
        assert dashboard_status(opener, sandbox, query) == 200, query


def test_n14_an_approved_refund_is_still_the_active_one(sandbox: conftest.Sandbox) -> None:
    reference = delivered(sandbox)
    status, refund, _ = call(sandbox, "POST", f"/payments/{reference}/refunds", {"amount": 10000})
    assert status == 201, refund
    assert call(sandbox, "POST", f"/refund_bundles/{refund['bundle_id']}/approve")[0] == 200
    assert call(sandbox, "POST", f"/sandbox/refunds/{refund['refund_id']}/transition", {"status": "approved"}, api=False)[0] == 200
    status, second, _ = call(sandbox, "POST", f"/payments/{reference}/refunds", {"amount": 10000})
    assert status == 422, second


def test_i5_an_empty_list_of_allowed_origins_is_refused(sandbox: conftest.Sandbox) -> None:
    status, answer, _ = call(sandbox, "POST", "/checkout/sessions", {
        "type": "one_off", "recipient_id": "FWU", "recipient": FIELDS, "items": [{"amount": 60000}],
        "options": {"form": {"allowed_origins": []}}})
    assert status in (400, 422), answer
    assert "allowed_origins" in json.dumps(answer)


def test_n10_a_key_taken_out_of_the_configuration_is_revoked(tmp_path: pathlib.Path) -> None:
    program = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))

    def status_with(running: testing.RunningSandbox, key: str) -> int:
        request = urllib.request.Request(running.base_url + "/orders", headers={"X-Authentication-Key": key})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as error:
            return error.code

    first = testing.start_sandbox(tmp_path, "--client", "keyA:sA", program=program)
    try:
        assert status_with(first, "keyA") == 200
    finally:
        first.stop()
    second = testing.start_sandbox(tmp_path, "--client", "keyC:sC", program=program)
    try:
        assert status_with(second, "keyC") == 200
        assert status_with(second, "keyA") == 401
    finally:
        second.stop()


# fwpay listen (N3, N11).
import base64  # noqa: E402
import hashlib  # noqa: E402
import hmac  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402

NOTIFICATION = json.dumps({"event_type": "guaranteed", "event_resource": "payments", "event_date": "2026-12-01T10:00:00Z",
                           "data": {"payment_id": "FWU123456789", "status": "guaranteed"}}).encode()


def start_listen(*flags: str, env: dict[str, str] | None = None) -> tuple[subprocess.Popen[str], int]:
    process = subprocess.Popen([FWPAY, "listen", "--port", "0", *flags], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, env={"PATH": os.environ.get("PATH", ""), "FWPAY_SHARED_SECRET": "s", **(env or {})})
    assert process.stderr is not None
    port = int(re.search(r"127\.0\.0\.1:(\d+)", process.stderr.readline()).group(1))  # type: ignore[union-attr]
    return process, port


def notify(port: int, secret: bytes = b"s") -> int:
    digest = base64.b64encode(hmac.new(secret, NOTIFICATION, hashlib.sha256).digest())
    with socket.create_connection(("127.0.0.1", port), timeout=15) as connection:
        connection.sendall(b"POST / HTTP/1.1\r\nX-Flywire-Digest: " + digest + b"\r\nContent-Length: "
                           + str(len(NOTIFICATION)).encode() + b"\r\n\r\n" + NOTIFICATION)
        return int(connection.recv(100).split(b" ")[1])


def test_n3_dripping_peers_are_closed_at_their_deadline() -> None:
    listener, port = start_listen("--no-register")
    drips: list[socket.socket] = []
    try:
        for _ in range(32):
            drip = socket.create_connection(("127.0.0.1", port), timeout=10)
            drip.sendall(b"POST / HTTP/1.1\r\n")
            drips.append(drip)
        started = time.monotonic()
        while time.monotonic() - started < 3.5:  # a byte a second, past the 2 s head deadline
            for drip in drips:
                try:
                    drip.sendall(b"X")
                except OSError:
                    pass
            time.sleep(1)
        assert notify(port) == 200, "the drippers still held every connection slot"
        closed = 0
        for drip in drips:
            try:
                answer = drip.recv(100)
            except OSError:
                answer = b""
            closed += answer == b"" or answer.startswith(b"HTTP/1.1 408")
        assert closed == 32
    finally:
        for drip in drips:
            drip.close()
        listener.terminate()
        listener.wait(10)


def test_n3_a_forward_target_that_never_answers_frees_its_slot() -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)  # accepts into its backlog, never reads, never answers
    listener, port = start_listen("--no-register", "--forward", f"http://127.0.0.1:{silent.getsockname()[1]}/hook")
    try:
        statuses = [notify(port) for _ in range(34)]
        assert statuses.count(200) >= 32
        time.sleep(6.5)  # the forwards' 5 s timeouts pass
        assert notify(port) == 200, "forwards to a silent target held their slots"
    finally:
        listener.terminate()
        listener.wait(15)
        silent.close()


def test_n11_registrations_stack_and_a_killed_listener_expires(sandbox: conftest.Sandbox) -> None:
    env = {"FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key}

    def registered() -> Any:
        return call(sandbox, "GET", "/sandbox/listener", api=False)[1]["url"]

    first, first_port = start_listen(env=env)
    second = None
    try:
        assert first.stderr is not None and "registered" in first.stderr.readline()
        assert registered() == f"http://127.0.0.1:{first_port}/"
        second, second_port = start_listen(env=env)
        assert second.stderr is not None and "registered" in second.stderr.readline()
        assert registered() == f"http://127.0.0.1:{second_port}/"
        second.send_signal(signal.SIGINT)
        second.wait(15)
        assert registered() == f"http://127.0.0.1:{first_port}/", "stopping the newest listener unregistered the first"
        first.kill()
        first.wait(10)
        assert registered() is None, "a killed listener stayed registered"
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()


TRICKLING_HEAD = (b"POST /sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 1000000\r\n\r\napi_key=")


def fill_connection_cap(root: str, port: int, cap: int, head: bytes, peers: list[socket.socket], within: float = 10) -> bool:
    """Opens `cap` peers that each send `head`, into `peers`, until the sandbox refuses a new
    connection. A peer's connect() returns once the kernel has queued it, before the sandbox has
    counted it: a probe can take a place first and the peer is then the one refused, so peers the
    sandbox closed are replaced until all of them hold a place."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for peer in [peer for peer in peers if not still_open(peer)]:
            peer.close()
            peers.remove(peer)
        while len(peers) < cap:
            peer = socket.create_connection(("127.0.0.1", port), timeout=10)
            peer.sendall(head)
            peers.append(peer)
        try:
            urllib.request.urlopen(root + "/health", timeout=1).close()
            time.sleep(0.2)
        except OSError:
            if all(still_open(peer) for peer in peers):
                return True
    return False


def still_open(peer: socket.socket) -> bool:
    """Whether the other side has neither closed nor reset the connection (nothing is sent to peers)."""
    if not select.select([peer], [], [], 0)[0]:
        return True
    try:
        return peer.recv(1, socket.MSG_PEEK) != b""
    except OSError:
        return False


def test_n8_a_body_that_trickles_loses_its_connection(sandbox_factory: Any) -> None:
    running = sandbox_factory("--max-connections", "20", "--head-timeout", "2", "--body-timeout", "3")
    port = int(running.base_url.split(":")[2].split("/")[0])
    root = running.base_url.removesuffix("/payments/v1")
    peers: list[socket.socket] = []
    try:
        # The 20 peers hold every connection the sandbox serves: a new one is refused.
        assert fill_connection_cap(root, port, 20, TRICKLING_HEAD, peers), "the trickling peers never filled the connection cap"
        started = time.monotonic()
        while time.monotonic() - started < 4.5:  # a byte a second: past the 3 s body deadline
            for peer in peers:
                try:
                    peer.sendall(b"x")
                except OSError:
                    pass
            time.sleep(1)
        with urllib.request.urlopen(root + "/health", timeout=10) as response:
            assert response.status == 200, "the trickling bodies still held every connection"
    finally:
        for peer in peers:
            peer.close()


def test_i2_jq_strings_are_escaped_on_a_terminal_only() -> None:
    import pty

    class Hostile(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps({"id": "X", "name": "\x1b]0;pwned\x07\x1b[2Jname\u009b"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_API_KEY": "k",
           "FWPAY_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}/payments/v1"}
    command = [FWPAY, "recipients", "get", "X", "--jq", ".name"]
    try:
        primary, secondary = pty.openpty()
        on_terminal = subprocess.run(command, env=env, stdout=secondary, stderr=subprocess.PIPE, timeout=30)
        os.close(secondary)
        shown = b""
        while True:
            try:
                chunk = os.read(primary, 4096)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
        os.close(primary)
        piped = subprocess.run(command, env=env, capture_output=True, timeout=30)
    finally:
        server.shutdown()
    assert on_terminal.returncode == 0, on_terminal.stderr
    assert b"\x1b" not in shown and b"\x07" not in shown and b"\xc2\x9b" not in shown
    assert b"\\x1b]0;pwned\\x07\\x1b[2Jname\\x9b" in shown
    assert piped.stdout == "\x1b]0;pwned\x07\x1b[2Jname\u009b\n".encode(), "piped output is the value as it is"


def test_i4_a_trigger_expression_may_hold_braces(sandbox: conftest.Sandbox, tmp_path: pathlib.Path) -> None:
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "braces.json").write_text(json.dumps({
        "event": "braces", "description": "a jq expression with braces and a '}' in a string",
        "steps": [{"name": "recipient", "method": "GET", "path": "/recipients/${ {a: \"FWU\"} | .a }"},
                  {"name": "again", "method": "GET", "path": "/recipients/${ \"}\" | sub(\"}\"; \"FWU\") }"}],
        "result": ".recipient.id + \"-\" + .again.id"}))
    done = subprocess.run([FWPAY, "trigger", "braces", "--fixtures", str(fixtures)], capture_output=True, text=True, timeout=60,
                          env={"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key})
    assert done.returncode == 0, done.stderr
    assert "FWU-FWU" in done.stdout
