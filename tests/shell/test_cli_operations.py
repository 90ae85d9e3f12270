"""Every subcommand of fwpay against a private sandbox, as a user who read only `--help`
would run them: a pre-authorization (session, confirm, capture), a refund, lists with --all,
per-call options, notifications verify/parse/sign, and `fwpay listen` with --forward."""
from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FWPAY = os.environ.get("FWPAY_CLI", str(ROOT / "build" / "bin" / "fwpay"))
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
from helpers import control, pay_form  # noqa: E402


def run(sandbox: Any, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
                   **(env or {})}
    return subprocess.run([FWPAY, *args], input=stdin, capture_output=True, text=True, env=environment, timeout=60)


def ok(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def items(result: subprocess.CompletedProcess[str]) -> list[Any]:
    """The items --all streams, one JSON value per line."""
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_help_lists_every_command_and_action() -> None:
    top = subprocess.run([FWPAY, "--help"], capture_output=True, text=True).stdout
    for command in ("recipients", "offers", "orders", "sessions", "payments", "refunds", "bundles", "notifications", "listen", "request"):
        assert f"  {command}" in top
        result = subprocess.run([FWPAY, command, "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage" in result.stdout, command
    payments = subprocess.run([FWPAY, "help", "payments"], capture_output=True, text=True).stdout
    for action in ("get", "list", "charge", "capture", "adjust", "cancel", "process", "receipt"):
        assert f"fwpay payments {action}" in payments
    action_help = subprocess.run([FWPAY, "payments", "capture", "--help"], capture_output=True, text=True)
    assert action_help.returncode == 0 and "--amount SUBUNITS" in action_help.stdout


def test_preauthorization_from_the_terminal(sandbox: Any) -> None:
    session = ok(run(sandbox, "sessions", "create", "--data", json.dumps({
        "type": "tokenization_and_pay", "recipient_id": "FWU", "schema": "cards",
        "charge_intent": {"capture": "manual", "authorization": "preauth", "mode": "unscheduled"},
        "recipient": {"fields": [{"id": "custom_field_1", "value": "R1"}]}, "items": [{"id": "default", "amount": 60000}]})))
    early = run(sandbox, "sessions", "confirm", session["id"])
    assert early.returncode == 3 and "before the payer has sent the form" in early.stderr
    message = pay_form(session["hosted_form"]["url"])
    confirmed = ok(run(sandbox, "sessions", "confirm", message["confirm_url"]["url"]))
    reference = confirmed["payment_reference"]
    assert ok(run(sandbox, "payments", "adjust", reference, "--amount", "70000"))["status"] == "adjusted"
    refused = run(sandbox, "payments", "capture", reference, "--amount", "70001")
    assert refused.returncode == 3 and "more than the authorized amount" in refused.stderr
    captured = ok(run(sandbox, "payments", "capture", reference, "--amount", "50000", "--idempotency-key", f"checkout-{reference}"))
    assert captured["captured_amount"] == 50000 and captured["released_amount"] == 20000
    assert ok(run(sandbox, "payments", "get", reference))["status"] == "guaranteed"
    assert ok(run(sandbox, "payments", "receipt", reference))["payment_id"] == reference
    # A saved card, charged again.
    charge = {"payment_method_token": confirmed["payment_method"]["token"], "mandate_id": confirmed["mandate"]["id"],
              "charge_intent": {"mode": "unscheduled"}, "recipient": {"id": "FWU"}, "items": [{"amount": 9900}]}
    assert ok(run(sandbox, "payments", "charge", "--data", "@-", stdin=json.dumps(charge)))["charge_result"]["status"] == "success"


def paid_order(sandbox: Any, first_name: str = "Peter") -> str:
    offer = ok(run(sandbox, "offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES"))["offers"][0]
    order = ok(run(sandbox, "orders", "create", "--data", json.dumps({
        "payer": {"first_name": first_name, "country": "ES"}, "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
        "items": [{"amount": 120000}], "offer": {"id": offer["id"]}})))
    return str(ok(run(sandbox, "orders", "charge", order["id"]))["payment_reference"])


def test_refund_and_bundle(sandbox: Any) -> None:
    reference = paid_order(sandbox, "SANDBOX_TO_DELIVERED_STATUS")
    refund = ok(run(sandbox, "refunds", "create", reference, "--amount", "20000", "--external-reference", "r1"))
    assert refund["status"] == "pending" and refund["external_reference"] == "r1"
    again = run(sandbox, "refunds", "create", reference, "--amount", "100")
    assert again.returncode == 3 and "already_refund" in again.stderr
    assert ok(run(sandbox, "refunds", "get", refund["refund_id"]))["amount"] == 20000
    assert [r["refund_id"] for r in items(run(sandbox, "refunds", "list", "--payment-id", reference, "--all"))] == [refund["refund_id"]]
    assert ok(run(sandbox, "bundles", "get", refund["bundle_id"]))["status"] == "pending"
    assert len(items(run(sandbox, "bundles", "list", "--all"))) == 1
    assert ok(run(sandbox, "bundles", "approve", refund["bundle_id"]))["status"] == "approved"
    control(sandbox, "clock/advance", {"days": 4})
    assert ok(run(sandbox, "refunds", "get", refund["refund_id"]))["status"] == "finished"
    other = ok(run(sandbox, "refunds", "create", reference, "--data", '{"amount": 1000}'))
    assert ok(run(sandbox, "refunds", "cancel", other["refund_id"]))["status"] == "cancelled"
    usage = run(sandbox, "refunds", "create", reference)
    assert usage.returncode == 64 and "--amount or --data" in usage.stderr


def test_lists_search_orders_and_payment_actions(sandbox: Any) -> None:
    references = [paid_order(sandbox) for _ in range(3)]
    assert ok(run(sandbox, "payments", "process", references[0]))["status"] == "processed"
    assert ok(run(sandbox, "payments", "cancel", references[1]))["status"] == "cancelled"
    everything = items(run(sandbox, "payments", "list", "--all", "--per-page", "1"))
    assert sorted(p["payment_id"] for p in everything) == sorted(references)
    page = ok(run(sandbox, "payments", "list", "--status", "initiated", "--per-page", "1"))
    assert page["total_entries"] == 1 and page["payments"][0]["payment_id"] == references[2]
    assert len(items(run(sandbox, "recipients", "list", "--all"))) == 5
    assert len(ok(run(sandbox, "recipients", "list", "--all", "--array"))) == 5
    assert [r["id"] for r in ok(run(sandbox, "recipients", "search", "tecnica"))["recipients"]] == ["ETM"]
    orders = items(run(sandbox, "orders", "list", "--country", "US", "--all"))
    assert len(orders) == 3
    assert ok(run(sandbox, "orders", "check", orders[0]["id"], "--portal", "FWU"))["compatible"] is True
    incompatible = run(sandbox, "orders", "check", orders[0]["id"], "--portal", "TKU")
    assert incompatible.returncode == 3 and "portal TKU is in JP" in incompatible.stderr
    both = run(sandbox, "payments", "list", "--all", "--page", "2")
    assert both.returncode == 64 and "do not go together" in both.stderr


def test_per_call_options(sandbox: Any) -> None:
    # A GET that times out is retried (twice by default): slow down every attempt.
    control(sandbox, "faults", {"path": "/recipients", "kind": "latency", "latency_ms": 1500, "count": 3})
    slow = run(sandbox, "recipients", "get", "FWU", "--timeout", "0.3")
    assert slow.returncode == 10 and "timed out" in slow.stderr
    bad = run(sandbox, "recipients", "get", "FWU", "--timeout", "soon")
    assert bad.returncode == 64 and "--timeout takes seconds" in bad.stderr
    key = run(sandbox, "orders", "charge", "00000000-0000-4000-8000-000000000000", "--idempotency-key", "has space")
    assert key.returncode == 1 and "idempotency_key" in key.stderr


BODY = b'{"event_type":"guaranteed","event_resource":"payments","data":{"payment_id":"FWU125675432","status":"guaranteed","amount_to":"30000"}}'


def test_notifications_verify_parse_sign(sandbox: Any) -> None:
    digest = base64.b64encode(hmac.new(b"s3cret", BODY, hashlib.sha256).digest()).decode()
    signed = run(sandbox, "notifications", "sign", "--secret", "s3cret", stdin=BODY.decode())
    assert signed.returncode == 0 and signed.stdout.strip() == digest
    valid = run(sandbox, "notifications", "verify", "--digest", digest, stdin=BODY.decode(), env={"FWPAY_SHARED_SECRET": "s3cret"})
    assert valid.returncode == 0 and "valid" in valid.stderr
    forged = run(sandbox, "notifications", "verify", "--digest", digest, "--secret", "other", stdin=BODY.decode())
    assert forged.returncode == 1 and "does not match" in forged.stderr and "other" not in forged.stderr + forged.stdout
    missing = run(sandbox, "notifications", "verify", "--secret", "s3cret", stdin=BODY.decode())
    assert missing.returncode == 64 and "--digest is required" in missing.stderr
    parsed = ok(run(sandbox, "notifications", "parse", stdin=BODY.decode()))
    assert parsed["amount_to"] == 30000 and parsed["dedup_key"].startswith("payments:FWU125675432:guaranteed:")
    assert run(sandbox, "notifications", "parse", stdin="{bad").returncode == 2


class Forwarded(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        Forwarded.received.append((self.headers["X-Flywire-Digest"], self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()


def test_listen_verifies_prints_and_forwards(sandbox: Any) -> None:
    target = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Forwarded)
    threading.Thread(target=target.serve_forever, daemon=True).start()
    forward = f"http://127.0.0.1:{target.server_address[1]}/hook"
    listener = subprocess.Popen([FWPAY, "listen", "--port", "0", "--secret", "sandbox-demo-secret", "--forward", forward, "--count", "4"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert listener.stderr is not None
        url = re.search(r"listening on (http://\S+)", listener.stderr.readline()).group(1)  # type: ignore[union-attr]
        forged = urllib.request.Request(url, data=BODY, method="POST", headers={"X-Flywire-Digest": "bm9wZQ=="})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=10)
        assert refused.value.code == 401
        offer = ok(run(sandbox, "offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES"))["offers"][0]
        order = ok(run(sandbox, "orders", "create", "--data", json.dumps({
            "payer": {"first_name": "SANDBOX_TO_DELIVERED_STATUS", "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
            "items": [{"amount": 120000}], "offer": {"id": offer["id"]}, "notifications_url": url})))
        reference = ok(run(sandbox, "orders", "charge", order["id"]))["payment_reference"]
        output, errors = listener.communicate(timeout=60)
    finally:
        listener.kill()
        target.shutdown()
    assert listener.returncode == 0, errors
    events = [json.loads(line) for line in output.splitlines()]
    assert sorted(e["event_type"] for e in events) == ["delivered", "guaranteed", "initiated", "processed"]
    assert all(e["id"] == reference for e in events)
    assert "refused: X-Flywire-Digest does not match" in errors
    assert len(Forwarded.received) == 4
    for digest, body in Forwarded.received:  # forwarded with the original digest, still valid
        assert hmac.compare_digest(digest, base64.b64encode(hmac.new(b"sandbox-demo-secret", body, hashlib.sha256).digest()).decode())


def test_shell_examples(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key, "FWPAY": FWPAY}
    preauth = subprocess.run(["sh", str(ROOT / "examples" / "shell" / "preauth_capture.sh")], capture_output=True, text=True, env=env, timeout=60)
    assert preauth.returncode == 0, preauth.stderr
    assert re.search(r"captured 50000; payment reference: FWU\d{9} \(guaranteed\)", preauth.stdout)
    reference = paid_order(sandbox, "SANDBOX_TO_DELIVERED_STATUS")
    refund = subprocess.run(["sh", str(ROOT / "examples" / "shell" / "refund.sh"), reference], capture_output=True, text=True, env=env, timeout=60)
    assert refund.returncode == 0, refund.stderr
    assert re.search(r"refund RFWU\d{9} is pending, in bundle BUDR", refund.stdout) and "is approved" in refund.stdout
    assert re.search(r"^RFWU\d{9} 20000 \w+$", refund.stdout, re.M)  # the streamed list, through --jq
