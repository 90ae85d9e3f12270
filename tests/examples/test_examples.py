"""The order_flow examples in C, Python and the shell each pay an order on a fresh sandbox."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

EXAMPLES = {
    "c": [str(ROOT / "build" / "examples" / "order_flow")],
    "python": [sys.executable, str(ROOT / "examples" / "python" / "order_flow.py")],
    "shell": ["sh", str(ROOT / "examples" / "shell" / "order_flow.sh")],
}


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_example_pays_an_order(sandbox: Any, language: str) -> None:
    env = dict(os.environ, FWPAY_BASE_URL=sandbox.base_url, FWPAY_API_KEY=sandbox.api_key,
               PYTHONPATH=str(ROOT / "bindings" / "python"), FWPAY=str(ROOT / "build" / "bin" / "fwpay"))
    result = subprocess.run(EXAMPLES[language], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    match = re.search(r"payment reference: (FWU\d{9})", result.stdout)
    assert match, result.stdout
    # The payment the example reports exists on the server, linked to an order.
    check = subprocess.run([str(ROOT / "build" / "bin" / "fwpay"), "request", "GET", f"/payments/{match.group(1)}"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert check.returncode == 0, check.stderr
    assert '"order_id"' in check.stdout and match.group(1) in check.stdout


def run_example(sandbox: Any, name: str, *args: str) -> str:
    env = dict(os.environ, FWPAY_BASE_URL=sandbox.base_url, FWPAY_API_KEY=sandbox.api_key)
    result = subprocess.run([str(ROOT / "build" / "examples" / name), *args], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def delivered_payment(sandbox: Any, notifications_url: str | None = None) -> str:
    import fwpay
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        offer = client.offers.list(recipient="FWU", amount=120000, country="ES")["offers"][0]
        body: dict[str, Any] = {"payer": {"first_name": "SANDBOX_TO_DELIVERED_STATUS", "country": "ES"},
                                "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
                                "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offer["id"]}}
        if notifications_url:
            body["notifications_url"] = notifications_url
        order = client.orders.create(body)
        return str(client.orders.charge(order["id"])["payment_reference"])


def test_preauth_capture(sandbox: Any) -> None:
    output = run_example(sandbox, "preauth_capture")
    assert "held: FWU" in output and "status authorized" in output and "capture received" in output
    assert "captured 50000 USD" in output and "status guaranteed" in output
    reference = re.search(r"payment reference: (FWU\d{9})", output).group(1)  # type: ignore[union-attr]
    import fwpay
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        payment = client.request("GET", f"/payments/{reference}")
    assert payment["status"] == "guaranteed" and payment["charge_intent"]["captured_amount"] == 50000


def test_adjust_cancel(sandbox: Any) -> None:
    output = run_example(sandbox, "adjust_cancel")
    assert "adjusted: received" in output
    assert "lowering the hold: Invalid parameters" in output or "can only be raised" in output
    assert re.search(r"cancelled: FWU\d{9} is cancelled", output)


def test_refund(sandbox: Any) -> None:
    reference = delivered_payment(sandbox)
    output = run_example(sandbox, "refund", reference)
    assert re.search(r"refund RFWU\d{9} of 20000 USD is pending, in bundle BUDR\d{6}[A-Z]{2}", output), output
    assert "approved: 1 refund(s) sent on" in output


def test_notification_receiver(sandbox: Any) -> None:
    env = dict(os.environ, FWPAY_SHARED_SECRET="sandbox-demo-secret")
    receiver = subprocess.Popen([str(ROOT / "build" / "examples" / "notification_receiver"), "0", "4"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert receiver.stdout is not None
        url = receiver.stdout.readline().split("listening on ")[1].strip()
        # A forged notification is refused.
        import urllib.error
        import urllib.request
        forged = urllib.request.Request(url, data=b'{"payment_id":"FWU1","status":"delivered"}', method="POST",
                                        headers={"X-Flywire-Digest": "bm90IHRoZSBkaWdlc3Q=", "Content-Type": "application/json"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=10)
        assert refused.value.code == 401
        reference = delivered_payment(sandbox, notifications_url=url)
        output, _ = receiver.communicate(timeout=60)
    finally:
        receiver.kill()
    assert receiver.returncode == 0
    assert "rejected: X-Flywire-Digest does not match" in output
    for status in ("initiated", "processed", "guaranteed", "delivered"):
        assert f"payments {reference} {status}: payments:{reference}:{status}" in output


def run_python_example(sandbox: Any, name: str, *args: str) -> str:
    env = dict(os.environ, FWPAY_BASE_URL=sandbox.base_url, FWPAY_API_KEY=sandbox.api_key,
               PYTHONPATH=str(ROOT / "bindings" / "python"))
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / name), *args], capture_output=True,
                            text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_python_preauth_capture(sandbox: Any) -> None:
    output = run_python_example(sandbox, "preauth_capture.py")
    assert "status authorized" in output and "capture received" in output and "captured 50000 USD" in output


def test_python_refund_and_list(sandbox: Any) -> None:
    reference = delivered_payment(sandbox)
    output = run_python_example(sandbox, "refund.py", reference)
    assert re.search(r"refund RFWU\d{9} of 20000 USD is pending", output) and "approved: 1 refund(s)" in output
    listing = run_python_example(sandbox, "list_payments.py", "delivered")
    assert reference in listing and "total USD: 120000" in listing


def test_python_notification_receiver(sandbox: Any) -> None:
    env = dict(os.environ, FWPAY_SHARED_SECRET="sandbox-demo-secret", PYTHONPATH=str(ROOT / "bindings" / "python"))
    receiver = subprocess.Popen([sys.executable, str(ROOT / "examples" / "python" / "notification_receiver.py"), "0", "4"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert receiver.stdout is not None
        url = receiver.stdout.readline().split("listening on ")[1].strip()
        reference = delivered_payment(sandbox, notifications_url=url)
        output, errors = receiver.communicate(timeout=60)
    finally:
        receiver.kill()
    assert receiver.returncode == 0, errors
    for status in ("initiated", "processed", "guaranteed", "delivered"):
        assert f"payments {reference} {status}" in output


def test_event_loop(sandbox: Any) -> None:
    """Calls started from one thread and taken as poll(2) reports them, while the loop ticks."""
    import fwpay
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        client.sandbox.add_fault(kind="latency", path="/recipients", latency_ms=300, count=100)
    output = run_example(sandbox, "event_loop", "20")
    assert "started 100 calls" in output
    for recipient in ("FWU: Flywire University", "ETM: ", "TKU: ", "BHU: ", "FLW: "):
        assert recipient in output, output
    ticks = re.search(r"100 calls ended \(0 failed\); the loop ticked (\d+) times meanwhile", output)
    assert ticks and int(ticks.group(1)) >= 3, output  # 300 ms in flight: the loop kept turning
