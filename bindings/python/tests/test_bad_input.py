"""Bad input raises a clear exception and never crashes the interpreter."""
from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

import fwpay


@pytest.fixture
def client(sandbox: Any) -> Any:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        yield client


@pytest.mark.parametrize("arguments, exception, message", [
    ({"api_key": None}, TypeError, "api_key must be a str"),
    ({"api_key": "k\x00ey"}, fwpay.InvalidArgumentError, "NUL"),
    ({"api_key": "key", "base_url": "http://example.com"}, fwpay.InvalidArgumentError, "loopback"),
    ({"api_key": "key", "base_url": "x" * 10_000_000}, fwpay.InvalidArgumentError, "longer than 2048"),
    ({"api_key": "key", "timeout": 0}, fwpay.InvalidArgumentError, "timeout"),
    ({"api_key": "key", "timeout": "5"}, TypeError, "timeout"),
    ({"api_key": "key", "max_retries": 99}, fwpay.InvalidArgumentError, "max_retries"),
    ({"api_key": "key with spaces"}, fwpay.InvalidArgumentError, "printable ASCII"),
])
def test_bad_client_arguments(arguments: dict[str, Any], exception: type, message: str) -> None:
    with pytest.raises(exception, match=message):
        fwpay.Client(**arguments)


def test_bad_call_arguments(client: fwpay.Client) -> None:
    with pytest.raises(TypeError, match="body must be a dict"):
        client.orders.create([1, 2])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="order_id must be a str"):
        client.orders.charge(42)  # type: ignore[arg-type]
    with pytest.raises(fwpay.InvalidArgumentError, match=r"order_id is .*\b64\b"):
        client.orders.charge("a" * 10_000_000)
    with pytest.raises(fwpay.InvalidArgumentError, match="NUL"):
        client.orders.get("abc\x00def")
    with pytest.raises(fwpay.InvalidArgumentError, match="may only contain"):
        client.recipients.get("../../etc")
    with pytest.raises(fwpay.InvalidArgumentError, match="cannot be sent as JSON"):
        client.orders.create({"amount": float("nan")})
    with pytest.raises(fwpay.InvalidArgumentError, match="cannot be sent as JSON"):
        client.orders.create({"when": object()})
    with pytest.raises(fwpay.InvalidArgumentError, match="not valid Unicode"):
        client.orders.create({"text": "\ud800"})
    with pytest.raises(TypeError, match="amount must be an int"):
        client.offers.list(recipient="FWU", amount="100", country="ES")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="amount must be an int"):
        client.offers.list(recipient="FWU", amount=True, country="ES")
    with pytest.raises(fwpay.InvalidArgumentError, match="out of range"):
        client.offers.list(recipient="FWU", amount=2**70, country="ES")
    with pytest.raises(fwpay.InvalidArgumentError):
        client.recipients.page(page=0)
    with pytest.raises(fwpay.InvalidRequestError, match="positive integer"):
        client.orders.create({"items": [{"amount": "100"}]})
    with pytest.raises(fwpay.InvalidRequestError, match="at most 500"):
        client.orders.create({"items": [{"amount": 100}], "metadata": {"k": "v" * 600}})
    # A body past the 1 MiB limit is refused while it is read, before any field rule (N12).
    with pytest.raises(fwpay.InvalidArgumentError, match="larger than the 1048576 bytes a request body may be"):
        client.orders.create({"items": [{"amount": 100}], "metadata": {"k": "v" * 10_000_000}})
    with pytest.raises(fwpay.InvalidArgumentError, match="too deeply nested"):
        deep: dict[str, Any] = {}
        cursor = deep
        for _ in range(100):
            cursor["x"] = {}
            cursor = cursor["x"]
        client.orders.create({"items": [{"amount": 100}], "deep": deep})


def test_every_exception_is_an_fwpay_error() -> None:
    for cls in (fwpay.InvalidArgumentError, fwpay.APIError, fwpay.InvalidRequestError, fwpay.AuthenticationError,
                fwpay.NotFoundError, fwpay.RateLimitError, fwpay.ConnectionError, fwpay.OutcomeUnknownError):
        assert issubclass(cls, fwpay.Error)
    assert issubclass(fwpay.InvalidRequestError, fwpay.APIError)


def test_unreachable_server_is_a_connection_error() -> None:
    with fwpay.Client(api_key="key", base_url="http://127.0.0.1:1/payments/v1", max_retries=0) as client:
        with pytest.raises(fwpay.ConnectionError, match="could not reach the server"):
            client.orders.charge("00000000-0000-4000-8000-000000000000")


def test_closed_client_is_an_error_not_a_crash(sandbox: Any) -> None:
    # Run in a child interpreter, so that a crash would show as a signal, not kill pytest.
    script = (
        "import fwpay\n"
        f"c = fwpay.Client(api_key='k', base_url={sandbox.base_url!r})\n"
        "c.close(); c.close()\n"
        "try:\n    c.recipients.list()\nexcept fwpay.InvalidArgumentError as e:\n    print('ok', e)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                            env={"PYTHONPATH": str(fwpay.__file__).rsplit("/fwpay/", 1)[0]})
    assert result.returncode == 0, result.stderr
    assert "ok client is not a client of fwp_client_new, or was freed" in result.stdout


def test_closing_a_client_while_threads_use_it(sandbox: Any) -> None:
    """Calls other threads have in flight when close() frees the handle get their answers, and
    later calls raise (security-findings-3.md N1): the library's handles make it so; in a child
    interpreter, so that a crash shows as a signal."""
    script = (
        "import random, threading, time, fwpay\n"
        "answers = closed = 0\nlock = threading.Lock()\n"
        "def work(c):\n"
        "    global answers, closed\n"
        "    for _ in range(20):\n"
        "        try:\n            c.recipients.get('FWU'); n = 'a'\n"
        "        except fwpay.InvalidArgumentError as e:\n            assert 'was freed' in str(e), e; n = 'c'\n"
        "        with lock:\n            answers += n == 'a'; closed += n == 'c'\n"
        "for _ in range(40):\n"
        f"    c = fwpay.Client(api_key='sandbox-demo-key', base_url={sandbox.base_url!r})\n"
        "    ts = [threading.Thread(target=work, args=(c,)) for _ in range(6)]\n"
        "    [t.start() for t in ts]; time.sleep(random.random() * 0.015); c.close(); [t.join() for t in ts]\n"
        "print(answers, closed)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            env={"PYTHONPATH": str(fwpay.__file__).rsplit("/fwpay/", 1)[0]})
    assert result.returncode == 0, result.stderr
    answers, closed = map(int, result.stdout.split())
    assert answers > 0 and closed > 0 and answers + closed == 40 * 6 * 20
