"""Everyday ergonomics of the Python package against a private sandbox: the answer's metadata
after a success, max_retries per call, PermissionError and IdempotencyError, silence without
logging configured (and FWPAY_LOG), fwpay.AsyncClient, and the TypedDicts under mypy."""
from __future__ import annotations

import asyncio
import builtins
import json
import os
import pathlib
import subprocess
import sys
import time
from typing import Any

import pytest

import fwpay
from helpers import control, order_body

ROOT = pathlib.Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "bindings" / "python"


def test_results_carry_the_answers_metadata(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        order = client.orders.create(order_body(client))
        assert isinstance(order, dict) and json.loads(json.dumps(order)) == dict(order)  # still a plain dict
        created = fwpay.response_of(order)
        assert created is order.response  # type: ignore[attr-defined]
        assert created.request_id.startswith("req_") and created.http_status == 201
        assert len(created.idempotency_key) == 36  # the random key the library generated
        charge = client.orders.charge(order["id"], idempotency_key="charge-order-1")
        assert fwpay.response_of(charge).idempotency_key == "charge-order-1"
        # A retry with the same key is answered from the server's record: the same payment.
        again = client.orders.charge(order["id"], idempotency_key="charge-order-1")
        assert again == charge
        fetched = client.payments.get(charge["payment_reference"])
        assert fwpay.response_of(fetched).idempotency_key == "" and fwpay.response_of(fetched).http_status == 200
        assert fwpay.response_of(client.orders.page()).request_id.startswith("req_")
        with pytest.raises(ValueError):
            fwpay.response_of({"not": "a result"})


def test_max_retries_per_call(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=2) as client:
        control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "error", "status": 503, "count": 1})
        with pytest.raises(fwpay.APIError) as failed:
            client.recipients.get("FWU", max_retries=0)
        assert failed.value.status == 503
        control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "error", "status": 503, "count": 1})
        assert client.recipients.get("FWU")["id"] == "FWU"  # the client's two retries get past it
        control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "error", "status": 503, "count": 2})
        assert client.recipients.get("FWU", max_retries=3)["id"] == "FWU"
        with pytest.raises(fwpay.InvalidArgumentError):
            client.recipients.get("FWU", max_retries=-1)
        with pytest.raises(TypeError):
            client.recipients.get("FWU", max_retries="2")  # type: ignore[arg-type]


def test_permission_and_idempotency_errors(sandbox: Any) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "error", "status": 403, "count": 1})
        with pytest.raises(fwpay.PermissionError) as denied:
            client.recipients.get("FWU", max_retries=0)
        assert denied.value.status == 403
        assert isinstance(denied.value, fwpay.APIError) and isinstance(denied.value, builtins.PermissionError)
        body = order_body(client)
        client.orders.create(body, idempotency_key="order-key-1")
        with pytest.raises(fwpay.IdempotencyError) as reused:
            client.orders.create({**body, "external_reference": "another"}, idempotency_key="order-key-1")
        assert isinstance(reused.value, fwpay.InvalidRequestError) and reused.value.status == 422
        assert reused.value.errors[0]["source"] == "Idempotency-Key"
        with pytest.raises(fwpay.InvalidRequestError) as invalid:
            client.orders.create({**body, "items": [{"amount": 100}]})
        assert not isinstance(invalid.value, fwpay.IdempotencyError)


PROGRAM = """
import fwpay, sys
with fwpay.Client(api_key=sys.argv[1], base_url=sys.argv[2]) as client:
    try:
        client.orders.create({"items": [{"amount": 100}]})
    except fwpay.InvalidRequestError:
        print("refused")
"""


def test_silent_without_logging_configured_and_fwpay_log(sandbox: Any) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PACKAGE)}
    quiet = subprocess.run([sys.executable, "-c", PROGRAM, sandbox.api_key, sandbox.base_url], capture_output=True,
                           text=True, env=env, timeout=60)
    assert quiet.returncode == 0 and quiet.stdout == "refused\n"
    assert quiet.stderr == ""  # no WARNING line from Python's last-resort handler
    loud = subprocess.run([sys.executable, "-c", PROGRAM, sandbox.api_key, sandbox.base_url], capture_output=True,
                          text=True, env={**env, "FWPAY_LOG": "debug"}, timeout=60)
    assert loud.returncode == 0 and "fwpay DEBUG" in loud.stderr and "POST /orders" in loud.stderr
    assert sandbox.api_key not in loud.stderr
    info = subprocess.run([sys.executable, "-c", PROGRAM, sandbox.api_key, sandbox.base_url], capture_output=True,
                          text=True, env={**env, "FWPAY_LOG": "info"}, timeout=60)
    assert "fwpay DEBUG" not in info.stderr and "fwpay" in info.stderr


def test_async_client_runs_calls_at_once_without_blocking_the_loop(sandbox: Any) -> None:
    control(sandbox, "faults", {"path": "/recipients/FWU", "kind": "latency", "latency_ms": 400, "count": 50})

    async def scenario() -> tuple[float, int, list[Any]]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.02)
                ticks += 1

        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            timer = asyncio.create_task(ticker())
            started = time.monotonic()
            results = await asyncio.gather(*(client.recipients.get("FWU") for _ in range(50)))
            elapsed = time.monotonic() - started
            timer.cancel()
            return elapsed, ticks, results

    elapsed, ticks, results = asyncio.run(scenario())
    assert [r["id"] for r in results] == ["FWU"] * 50
    # Each call waits 0.4 s on the server: one after another they would take 20 s.
    assert 0.4 <= elapsed < 2.5, elapsed
    assert ticks >= elapsed / 0.02 * 0.5, (ticks, elapsed)  # the loop kept running meanwhile


def test_async_client_namespaces_pages_and_errors(sandbox: Any) -> None:
    async def scenario() -> None:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url, max_concurrency=4) as client:
            offers = await client.offers.list(recipient="FWU", amount=120000, country="ES")
            body = {**order_body_of(offers), "external_reference": "async"}
            order = await client.orders.create(body)
            charge = await client.orders.charge(order["id"])
            assert fwpay.response_of(charge).http_status in (200, 201)
            ids = [recipient["id"] async for recipient in client.recipients.list(per_page=2)]
            assert ids == ["BHU", "ETM", "FLW", "FWU", "TKU"]
            payments = [payment async for payment in client.payments.list()]
            assert [p["payment_id"] for p in payments] == [charge["payment_reference"]]
            with pytest.raises(fwpay.NotFoundError):
                await client.payments.get("FWU000000000")
            page = await client.request("GET", "/recipients?per_page=1")
            assert page["total_entries"] == 5
            assert set(dir(client.orders)) >= {"create", "update", "charge", "get", "list", "page", "check"}
            assert "sandbox-demo-key" not in repr(client)
    asyncio.run(scenario())


def order_body_of(offers: Any) -> dict[str, Any]:
    return {"payer": {"first_name": "Peter", "country": "ES"},
            "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
            "items": [{"id": "tuition", "amount": 120000}], "offer": {"id": offers["offers"][0]["id"]}}


def mypy(path: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)], capture_output=True,
                          text=True, env={**os.environ, "MYPYPATH": str(PACKAGE)}, timeout=300)


def test_typed_example_passes_mypy_and_a_misspelt_field_does_not(tmp_path: pathlib.Path) -> None:
    example = ROOT / "examples" / "python" / "typed_order.py"
    checked = mypy(example)
    assert checked.returncode == 0, checked.stdout
    text = example.read_text()
    for right, wrong, complaint in (('"external_reference": reference', '"external_refrence": reference', '"external_refrence"'),
                                    ("payment['payment_id']", "payment['payment_idd']", '"payment_idd"'),
                                    ('"amount": 120000', '"amount": "120000"', 'TypedDict item "amount" has type "int"')):
        assert right in text
        misspelt = tmp_path / "misspelt.py"
        misspelt.write_text(text.replace(right, wrong))
        result = mypy(misspelt)
        assert result.returncode == 1 and complaint in result.stdout, result.stdout


@pytest.mark.parametrize("example", ["typed_order.py", "async_orders.py"])
def test_python_examples_run(sandbox: Any, example: str) -> None:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(PACKAGE), "FWPAY_BASE_URL": sandbox.base_url,
           "FWPAY_API_KEY": sandbox.api_key}
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / example)], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "payment reference: FWU" in result.stdout or "listed 10 of them" in result.stdout
