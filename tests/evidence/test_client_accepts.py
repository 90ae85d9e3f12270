"""The request bodies of real integrations (bodies.json) pass the client's checks unchanged,
from Python and from the fwpay command, and the notifications real receivers meet parse."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import urllib.request
from typing import Any

import pytest

import conftest
import fwpay

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
import helpers  # noqa: E402
BODIES = json.loads((pathlib.Path(__file__).parent / "bodies.json").read_text())
FWPAY = str(ROOT / "build" / "bin" / "fwpay")
CLASSIC = b'{"id":"FWU123456789","callback_id":"cb-9","status":"delivered","amount":"1500.00"}'


def fwpay_command(sandbox: conftest.Sandbox, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    environment = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key}
    return subprocess.run([FWPAY, *args], input=stdin, capture_output=True, text=True, env=environment, timeout=60)


@pytest.mark.parametrize("name", sorted(BODIES["sessions"]))
def test_sessions_from_python_and_the_shell(sandbox: conftest.Sandbox, name: str) -> None:
    body = BODIES["sessions"][name]
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        assert client.sessions.create(body)["expires_in_seconds"] == 1800
    result = fwpay_command(sandbox, "sessions", "create", "--data", "@-", stdin=json.dumps(body))
    assert result.returncode == 0, result.stderr
    assert "expires_at" in json.loads(result.stdout)


def test_token_charges_with_float_amounts(sandbox: conftest.Sandbox) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        session = client.sessions.create(BODIES["sessions"]["am_tokenization_and_pay"])
        message = helpers.pay_form(session["hosted_form"]["url"])
        saved = client.sessions.confirm(message["confirm_url"]["url"])
        for name, body in BODIES["token_charges"].items():
            charge = {**body, "payment_method_token": saved["payment_method"]["token"], "mandate_id": saved["mandate"]["id"]}
            assert client.payments.charge(charge)["charge_result"]["status"] == "success", name
            result = fwpay_command(sandbox, "payments", "charge", "--data", "@-", stdin=json.dumps(charge))
            assert result.returncode == 0 and json.loads(result.stdout)["charge_result"]["status"] == "success", result.stderr
        # A capture amount written as a whole float is the same amount.
        held = client.sessions.create(BODIES["sessions"]["cal_preauth_one_off"])
        reference = client.sessions.confirm(helpers.pay_form(held["hosted_form"]["url"])["confirm_url"]["url"])["payment_reference"]
        assert client.payments.capture(reference, amount=50000.0)["charge_result"]["status"] == "received"


def test_classic_callbacks_parse_from_python_and_the_shell(sandbox: conftest.Sandbox) -> None:
    event = fwpay.notifications.parse(CLASSIC)
    assert event["format"] == "classic" and event["id"] == "FWU123456789" and event["status"] == "delivered"
    assert event["amount"] is None and event["amount_text"] == "1500.00"  # no currency: the text is kept
    with_currency = fwpay.notifications.parse(CLASSIC.replace(b'"}', b'","currency":"USD"}'))
    assert with_currency["amount"] == 150000
    result = fwpay_command(sandbox, "notifications", "parse", stdin=CLASSIC.decode())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["amount_text"] == "1500.00"


def test_two_adjustments_are_two_events(sandbox_factory: Any) -> None:
    """M6: a receiver deduplicating on dedup_key keeps the second adjustment of a hold."""
    sandbox = sandbox_factory("--notifications-url", "http://127.0.0.1:9/hook")
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        reference = helpers.preauthorization(client)["payment_reference"]
        for amount in (70000, 90000):
            client.payments.adjust(reference, amount=amount)
    root = sandbox.base_url.removesuffix("/payments/v1")
    request = urllib.request.Request(f"{root}/sandbox/notifications?resource_id={reference}&per_page=100",
                                     headers={"X-Authentication-Key": sandbox.api_key})
    with urllib.request.urlopen(request, timeout=30) as response:
        bodies = [entry["body"].encode() for entry in json.load(response)["notifications"]]
    adjusted = [fwpay.notifications.parse(body) for body in bodies]
    adjusted = [event for event in adjusted if event["event_type"] == "adjusted" and event["resource"] == "payments"]
    assert sorted(event["amount_to"] for event in adjusted) == [70000, 90000]
    assert len({event["dedup_key"] for event in adjusted}) == 2
