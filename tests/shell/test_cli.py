"""The fwpay command against a private sandbox: every subcommand, output, exit codes, and
bad input (unknown command, missing argument, invalid JSON, unreadable file, wrong key)."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FWPAY = os.environ.get("FWPAY_CLI", str(ROOT / "build" / "bin" / "fwpay"))


def run(sandbox: Any, *args: str, stdin: str | None = None, key: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url,
           "FWPAY_API_KEY": key if key is not None else sandbox.api_key}
    return subprocess.run([FWPAY, *args], input=stdin, capture_output=True, text=True, env=env, timeout=60)


def ok(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def order_json(sandbox: Any) -> str:
    offers = ok(run(sandbox, "offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES"))
    return json.dumps({
        "payer": {"first_name": "Peter", "country": "ES"},
        "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "ID1"}]},
        "items": [{"id": "tuition", "amount": 120000}],
        "offer": {"id": offers["offers"][0]["id"]},
    })


def test_version_and_help() -> None:
    result = subprocess.run([FWPAY, "--version"], capture_output=True, text=True)
    version = (pathlib.Path(__file__).resolve().parents[2] / "VERSION").read_text().strip()
    assert result.returncode == 0 and result.stdout.startswith(f"fwpay {version} (libfwpay {version})")
    result = subprocess.run([FWPAY, "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for text in ("orders", "recipients", "offers", "request", "Exit status", "64  usage error", "11  outcome unknown"):
        assert text in result.stdout
    result = subprocess.run([FWPAY, "orders", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "fwpay orders charge <order-id>" in result.stdout
    result = subprocess.run([FWPAY, "help", "orders"], capture_output=True, text=True)
    assert result.returncode == 0 and "fwpay orders create" in result.stdout


def test_recipients_and_offers(sandbox: Any) -> None:
    listing = ok(run(sandbox, "recipients", "list", "--per-page", "2"))
    assert len(listing["recipients"]) == 2 and listing["total_pages"] == 3
    assert ok(run(sandbox, "recipients", "get", "FWU"))["name"] == "Flywire University"
    offers = ok(run(sandbox, "offers", "list", "--recipient", "BHU", "--amount", "50000", "--country", "JP"))
    assert offers["offers"][0]["price"]["currency"] == "JPY"


def test_order_flow_from_a_file_and_stdin(sandbox: Any, tmp_path: pathlib.Path) -> None:
    body = tmp_path / "order.json"
    body.write_text(order_json(sandbox))
    order = ok(run(sandbox, "orders", "create", "--data", f"@{body}"))
    assert ok(run(sandbox, "orders", "update", order["id"], "--data", "@-", stdin='{"metadata": {"a": "b"}}'))["metadata"] == {"a": "b"}
    payment = ok(run(sandbox, "orders", "charge", order["id"]))
    assert payment["payment_reference"].startswith("FWU")
    assert ok(run(sandbox, "orders", "get", order["id"]))["status"] == "charged"
    stored = ok(run(sandbox, "request", "GET", f"/payments/{payment['payment_reference']}"))
    assert stored["order_id"] == order["id"]
    again = run(sandbox, "orders", "charge", order["id"])
    assert again.returncode == 3
    assert "has already been charged as payment " + payment["payment_reference"] in again.stderr
    assert "request id: req_" in again.stderr
    assert again.stdout == ""


def test_output_is_compact_unless_asked(sandbox: Any) -> None:
    compact = run(sandbox, "recipients", "get", "FWU")
    assert compact.stdout.count("\n") == 1
    pretty = run(sandbox, "--pretty", "recipients", "get", "FWU")
    assert pretty.stdout.count("\n") > 5 and json.loads(pretty.stdout) == json.loads(compact.stdout)


@pytest.mark.parametrize("args, code, message", [
    (["bogus"], 64, "'bogus' is not a command"),
    (["orders"], 64, "which action?"),
    (["orders", "explode"], 64, "'explode' is not an action of orders"),
    (["orders", "charge"], 64, "an order id is required"),
    (["orders", "create"], 64, "--data is required"),
    (["orders", "create", "--data"], 64, "--data needs a value"),
    (["orders", "create", "--data", "{bad"], 2, "invalid JSON at line 1"),
    (["orders", "create", "--data", "@/nonexistent/order.json"], 64, "cannot read /nonexistent/order.json"),
    (["orders", "create", "--data", "[1, 2]"], 1, "must be a JSON object, not an array"),
    (["orders", "update", "x", "--data", '{"recipient": {"id": "FWU"}}'], 3, "/recipient/id: cannot be updated"),
    (["orders", "charge", "a" * 100], 1, "order_id is 100 bytes long; identifiers are at most 64"),
    (["orders", "get", "00000000-0000-4000-8000-000000000000"], 5, "not found"),
    (["offers", "list", "--recipient", "FWU"], 64, "needs --recipient, --amount and --country"),
    (["offers", "list", "--recipient", "FWU", "--amount", "12.5", "--country", "ES"], 64, "whole number of subunits"),
    (["recipients", "get", "FWU", "extra"], 64, "unexpected argument 'extra'"),
    (["refunds", "create", "FWU1", "--amount", "5", "--data", "{}"], 64, "--data and --amount do not go together"),
    (["refunds", "create", "FWU1", "--external-reference", "r"], 64, "--amount is required without --data"),
    (["payments", "get", "FWU1", "--retries", "11"], 1, "max_retries must be -1 (the client's) or 0 to 10 (got 11)"),
    (["payments", "get", "FWU1", "--retries", "many"], 64, "--retries takes a whole number, not 'many'"),
    (["request", "BREW", "/x"], 1, "is not one of GET, POST, PATCH, DELETE"),
    (["--frobnicate"], 64, "unknown option '--frobnicate'"),
])
def test_bad_input(sandbox: Any, args: list[str], code: int, message: str) -> None:
    result = run(sandbox, *args)
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_metadata_over_the_limit_is_refused_before_sending(sandbox: Any) -> None:
    body = json.loads(order_json(sandbox))
    body["metadata"] = {f"k{i}": "v" for i in range(21)}
    result = run(sandbox, "orders", "create", "--data", json.dumps(body))
    assert result.returncode == 3 and "at most 20 pairs (has 21)" in result.stderr


def test_wrong_or_missing_key(sandbox: Any) -> None:
    result = run(sandbox, "recipients", "list", key="wrong-secret-key")
    assert result.returncode == 4 and "401" in result.stderr
    assert "wrong-secret-key" not in result.stderr + result.stdout
    result = run(sandbox, "recipients", "list", key="")
    assert result.returncode == 64 and "no API key" in result.stderr
    result = subprocess.run([FWPAY, "--api-key", "flag-key", "--base-url", sandbox.base_url, "recipients", "list"],
                            capture_output=True, text=True, env={"PATH": os.environ.get("PATH", "")})
    assert result.returncode == 4  # the flag is used, and the server refuses that key
    assert "flag-key" not in result.stderr


@pytest.mark.parametrize("args", [
    ["recipients", "get", "FWU"],
    ["orders", "update", "x", "--data", '{"recipient": {"id": "FWU"}}'],
    ["orders", "create", "--data", "{bad"],
    ["orders", "get", "00000000-0000-4000-8000-000000000000"],
    ["request", "GET", "/recipients?per_page=2"],
    ["payments", "list", "--all"],
    ["recipients", "list", "--all", "--per-page", "2", "--jq", ".name"],
    ["recipients", "list", "--all", "--array", "--pretty"],
    ["recipients", "get", "FWU", "--jq", ".fields[] | .id | ascii_upcase"],
    ["recipients", "get", "FWU", "--jq", ".name | .x"],
    ["offers", "list", "--recipient", "FWU", "--amount", "120000", "--country", "ES", "--pretty"],
    ["recipients", "search", "university"],
    ["refunds", "create", "FWU000000000", "--amount", "100"],
])
def test_no_memory_errors_or_leaks(sandbox: Any, args: list[str]) -> None:
    # Definite and indirect leaks only: the Swift runtime keeps a few one-time caches.
    env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key}
    result = subprocess.run(["valgrind", "-q", "--leak-check=full", "--errors-for-leak-kinds=definite,indirect",
                             "--show-leak-kinds=definite,indirect", "--error-exitcode=99", FWPAY, *args],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode != 99, result.stderr
    assert "definitely lost" not in result.stderr and "Invalid read" not in result.stderr
