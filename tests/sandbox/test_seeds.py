"""fwpay-sandbox --seed FILE: an integrator's own recipients (fields, limits, currency) and API
clients on top of the defaults, and clear refusals of a bad seed."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys
from typing import Any, Callable

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python" / "tests"))
sys.path.insert(0, str(ROOT))

import fwpay  # noqa: E402
from conftest import start_sandbox, stop_sandbox  # noqa: E402

SEED = {
    "recipients": [
        {"id": "ACME", "name": "Acme University", "country": "CA", "currency": "CAD", "state": "ON",
         "external_code": "acme-university", "min_amount": 10000, "max_amount": 500000,
         "fields": [{"id": "student_id", "label": "Student ID", "required": True},
                    {"id": "program", "label": "Program"}]},
        {"id": "FWU", "name": "Flywire University (seeded)", "country": "US", "currency": "USD",
         "min_amount": 5000, "max_amount": 5000000, "fields": []},
    ],
    "clients": [{"api_key": "acme-test-key", "shared_secret": "acme-secret"}],
}


def seeded(tmp_path: pathlib.Path, seed: Any) -> Any:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    return start_sandbox(tmp_path, ("--seed", str(path)))


def test_seeded_recipients_and_clients(tmp_path: pathlib.Path) -> None:
    sandbox = seeded(tmp_path, SEED)
    try:
        with fwpay.Client(api_key="acme-test-key", base_url=sandbox.base_url) as acme:
            listed = list(acme.recipients.list())
            assert [r["id"] for r in listed] == ["ACME", "BHU", "ETM", "FLW", "FWU", "TKU"]  # the defaults stay
            assert listed[0]["state"] == "ON" and listed[0]["external_code"] == "acme-university"
            recipient = acme.recipients.get("ACME")
            assert recipient["name"] == "Acme University" and recipient["currency"] == "CAD"
            assert [(f["id"], f["required"]) for f in recipient["fields"]] == [("student_id", True), ("program", False)]
            assert acme.recipients.get("FWU")["name"] == "Flywire University (seeded)"
            offer = acme.offers.list(recipient="ACME", amount=100000, country="ES")["offers"][0]
            body = {"payer": {"first_name": "Peter", "country": "ES"}, "recipient": {"id": "ACME", "fields": []},
                    "items": [{"id": "tuition", "amount": 100000}], "offer": {"id": offer["id"]}}
            with pytest.raises(fwpay.InvalidRequestError) as missing:
                acme.orders.create(body)
            assert any("student_id" in (e.get("message", "") + e.get("source", "")) for e in missing.value.errors)
            with pytest.raises(fwpay.InvalidRequestError) as too_much:
                acme.orders.create({**body, "items": [{"id": "tuition", "amount": 600000}],
                                    "recipient": {"id": "ACME", "fields": [{"id": "student_id", "value": "S1"}]}})
            assert too_much.value.errors[0]["source"] == "/recipient/items"
            order = acme.orders.create({**body, "recipient": {"id": "ACME", "fields": [{"id": "student_id", "value": "S1"}]}})
            assert acme.orders.charge(order["id"])["currency_to"] == "CAD"
        with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as demo:
            assert demo.orders.page()["total_entries"] == 0  # the seeded client's order is its own
    finally:
        stop_sandbox(sandbox)


@pytest.mark.parametrize("seed, complaint", [
    ({"recipients": [{"id": "acme", "name": "A", "country": "US", "currency": "USD"}]}, "recipients[0].id"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "USA", "currency": "USD"}]}, "recipients[0].country"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "US", "currency": "XYZ"}]}, "recipients[0].currency: one of USD"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "US", "currency": "USD", "min_amount": 10, "max_amount": 5}]},
     "min_amount <= max_amount"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "US", "currency": "USD", "min_amount": "10"}]},
     "recipients[0].min_amount: a whole number"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "US", "currency": "USD", "fields": [{"id": "x", "required": "yes"}]}]},
     "recipients[0].fields[0].required"),
    ({"recipients": [{"id": "ACME", "name": "A", "country": "US", "currency": "USD", "colour": "red"}]}, "recipients[0].colour"),
    ({"clients": [{"api_key": "k k", "shared_secret": "s"}]}, "clients[0].api_key"),
    ({"clients": [{"api_key": "k", "shared_secret": "s", "notifications_url": "ftp://x"}]}, "clients[0].notifications_url"),
    ({"recipient": []}, "recipient: not a member of a seed"),
])
def test_a_bad_seed_is_refused_naming_the_member(tmp_path: pathlib.Path, seed: Any, complaint: str) -> None:
    path = tmp_path / "seed.json"
    path.write_text(json.dumps(seed))
    program = str(ROOT / "build" / "bin" / "fwpay-sandbox")
    result = subprocess.run([program, "--port", "0", "--db", str(tmp_path / "db.sqlite"), "--seed", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and complaint in result.stderr, result.stderr


def test_a_seed_over_16_mib_is_refused_before_it_is_read(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "seed.json"
    path.write_text('{"recipients": []' + " " * (16 << 20) + "}")
    program = str(ROOT / "build" / "bin" / "fwpay-sandbox")
    result = subprocess.run([program, "--port", "0", "--db", str(tmp_path / "db.sqlite"), "--seed", str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "over 16 MiB" in result.stderr, result.stderr
