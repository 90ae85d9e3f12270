"""The C boundary of the package: JSON values released whatever happens, NUL found in the text
and not in its escapes, limits and codes read from the C header."""
from __future__ import annotations

import ctypes
from typing import Any, Iterator

import pytest

import conftest
import fwpay
from fwpay import _abi, _bridge, _errors, _native
from fwpay._native import lib


@pytest.fixture
def client(sandbox: Any) -> Iterator[fwpay.Client]:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        yield client


@pytest.fixture
def json_values(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the json_t values the package makes (fwp_json_parse): none, since every call and
    list goes through the text interface."""
    counts = {"made": 0}
    parse = lib.fwp_json_parse

    def counting_parse(text: bytes, length: int, out: Any, err: Any) -> int:
        result: int = parse(text, length, out, err)
        counts["made"] += 1
        return result

    monkeypatch.setattr(lib, "fwp_json_parse", counting_parse)
    return counts


def order(sandbox: Any) -> dict[str, Any]:
    return {"payer": {"first_name": "P", "country": "US"}, "recipient": {"id": "FWU", "fields": [{"id": "custom_field_1", "value": "X"}]},
            "items": [{"id": "t", "amount": 120000}], "offer": {"id": "x"}}


def test_calls_and_lists_make_no_json_value(client: fwpay.Client, sandbox: Any, json_values: dict[str, int]) -> None:
    # Calls go through the text interface: a body is JSON text, never a json_t to release.
    with pytest.raises(fwpay.InvalidArgumentError, match="timeout"):
        client.orders.create(order(sandbox), timeout=-1)
    with pytest.raises(TypeError, match="idempotency_key"):
        client.payments.charge({"items": []}, idempotency_key=42)  # type: ignore[arg-type]
    with pytest.raises(fwpay.InvalidArgumentError, match="page"):
        client.payments.page(status="delivered", page=-3)
    with pytest.raises(TypeError, match="path"):
        client.request("POST", 7, {"a": 1})  # type: ignore[arg-type]
    # Lists too: the library walks the pages (fwp_iter_new_json) and checks per_page itself.
    with pytest.raises(fwpay.InvalidArgumentError, match="per_page"):
        client.payments.list(status="delivered", per_page=500)
    assert len(list(client.recipients.list(per_page=1))) >= 1
    assert json_values["made"] == 0


def test_text_that_spells_an_escaped_nul_is_sent(client: fwpay.Client, sandbox: Any) -> None:
    # The six characters \u0000 are ordinary text, sent (the server judges the order); only a
    # real NUL cannot be sent, and the library, not the binding, refuses it.
    spelt = {**order(sandbox), "external_reference": "a literal \\u0000 in text"}
    with pytest.raises(fwpay.InvalidRequestError) as sent:
        client.orders.create(spelt)
    assert sent.value.request_id
    with pytest.raises(fwpay.InvalidArgumentError, match="NUL character"):
        client.orders.create({**order(sandbox), "external_reference": "a real \x00 here"})
    with pytest.raises(fwpay.InvalidArgumentError, match="NUL character"):
        client.orders.create({**order(sandbox), "key\x00": 1})


def test_limits_come_from_the_c_header(sandbox: Any) -> None:
    # The core refuses connect timeouts above FWP_CONNECT_TIMEOUT_MS_MAX; so does Python, with
    # the same bound, before calling it.
    limit = _abi.FWP_CONNECT_TIMEOUT_MS_MAX // 1000
    with pytest.raises(fwpay.InvalidArgumentError, match=f"at most {limit} seconds"):
        fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, connect_timeout=limit + 1)
    fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, connect_timeout=limit).close()
    with pytest.raises(fwpay.InvalidArgumentError, match=f"between 0 and {_abi.FWP_MAX_RETRIES_MAX}"):
        fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, max_retries=_abi.FWP_MAX_RETRIES_MAX + 1)
    assert fwpay.PRODUCTION_BASE_URL == "https://api-platform.flywire.com/payments/v1"


def test_every_code_of_the_header_has_an_exception_and_a_name() -> None:
    codes = {name: value for name, value in vars(_abi).items() if name.startswith("FWP_E_")}
    assert len(codes) == 16
    for name, code in codes.items():
        err = _abi.fwp_error(code=code)
        kind = _bridge._detail(err).get("kind", "")
        assert kind in _errors._BY_KIND, f"{name}: the core names it {kind!r}, which no class takes"
        assert _errors.error_for(kind, code, "m").code == code
        assert lib.fwp_strerror(code).decode() not in ("", f"unknown error code {code}"), name
    assert fwpay.__version__ == _abi.FWP_VERSION_STRING


def test_an_answer_is_handed_on_as_the_bytes_the_server_sent() -> None:
    # fwp_call gives the server's own text once validated (no second writing of it), unless an
    # object names a member twice: then the value kept (the last) is written out.
    bodies = {"/exact": b'{"amount": 1.10, "big": 1E2, "name": "caf\\u00e9",  "list": [ ]}',
              "/twice": b'{"a": 1, "a": 2}', "/broken": b'{"a": '}
    server = conftest.stand_in_server({path: (200, body) for path, body in bodies.items()})
    try:
        with fwpay.Client(api_key="k", base_url=f"http://127.0.0.1:{server.server_port}", max_retries=0) as client:
            def text(path: str) -> bytes:
                request = _bridge.json_text({"method": "GET", "path": path}, "arguments")
                out = ctypes.c_void_p()
                lib.fwp_call(client._handle, b"request", request, len(request), ctypes.byref(out), _native.FwpError())
                try:
                    return ctypes.string_at(out.value) if out.value else b""
                finally:
                    lib.fwp_free(out)
            assert text("/exact") == bodies["/exact"]
            assert text("/twice") == b'{"a":2}'
            with pytest.raises(fwpay.APIError, match="is not JSON"):
                text("/broken")
    finally:
        server.shutdown()


def test_a_bare_404_suggests_checking_the_base_url(sandbox: Any) -> None:
    # What a wrong base path gets (a bare "Not Found") says so; a missing resource is named as is.
    bare = b'{"type":"https://developers.flywire.com","title":"Not Found","status":404,"detail":"Not Found"}'
    server = conftest.stand_in_server({"/payments/v2/recipients/json": (404, bare), "/payments/v2/recipients/empty": (404, b"")})
    try:
        with fwpay.Client(api_key="bare-404-key", base_url=f"http://127.0.0.1:{server.server_port}/payments/v2", max_retries=0) as client:
            for path in ("/recipients/json", "/recipients/empty"):
                with pytest.raises(fwpay.NotFoundError, match="check the base URL, which ends in /payments/v1"):
                    client.request("GET", path)
    finally:
        server.shutdown()
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        with pytest.raises(fwpay.NotFoundError) as missing:
            client.payments.get("FWU000000001")
    assert "Payment FWU000000001 not found" in str(missing.value) and "base URL" not in str(missing.value)
