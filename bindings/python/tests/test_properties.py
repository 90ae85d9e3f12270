"""Property tests (Hypothesis) of the Python layer: whatever the input, a value or a clear
fwpay exception, never a crash; JSON survives the trip through the C library unchanged."""
from __future__ import annotations

import base64
import ctypes
import hashlib
import hmac
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fwpay
from fwpay import _bridge
from fwpay._native import FwpError, lib

# The typed JSON functions, for C users: the package itself sends and reads text only.
lib.fwp_json_parse.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(FwpError)]
lib.fwp_json_parse.errcheck = _bridge._check
lib.fwp_json_dump.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(FwpError)]
lib.fwp_json_dump.errcheck = _bridge._check
lib.fwp_json_release.argtypes = [ctypes.c_void_p]
lib.fwp_json_release.restype = None

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_json_round_trip(value: Any) -> None:
    # What a binding sends is JSON text the library reads under its one rule for caller input
    # (fwp_json_parse's, as fwp_call's): a NUL is refused, anything else comes back unchanged.
    text = _bridge.json_text(value, "value")
    parsed, err = ctypes.c_void_p(), FwpError()
    if "\\u0000" in json.dumps(value):
        with pytest.raises(fwpay.InvalidArgumentError, match="NUL character"):
            lib.fwp_json_parse(text, len(text), ctypes.byref(parsed), err)
        return
    lib.fwp_json_parse(text, len(text), ctypes.byref(parsed), err)
    dumped = ctypes.c_void_p()
    try:
        lib.fwp_json_dump(parsed, ctypes.byref(dumped), FwpError())
        back = json.loads(ctypes.string_at(dumped.value or 0))
    finally:
        lib.fwp_free(dumped)
        lib.fwp_json_release(parsed)
    assert json.dumps(back, sort_keys=True) == json.dumps(json.loads(json.dumps(value)), sort_keys=True)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=2048))
def test_parse_never_crashes(body: bytes) -> None:
    try:
        event = fwpay.notifications.parse(body)
    except fwpay.Error as error:
        assert error.message
    else:
        assert isinstance(event["dedup_key"], str)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=1024), st.text(max_size=100), st.text(min_size=1, max_size=50))
def test_verify_is_exact(body: bytes, digest: str, secret: str) -> None:
    try:
        valid = fwpay.notifications.is_valid(body, digest, secret)
    except fwpay.InvalidArgumentError:
        assert "\x00" in digest + secret or any(0xD800 <= ord(c) <= 0xDFFF for c in digest + secret)
        return
    expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()
    assert valid == (digest.strip(" \t\r\n") == expected)
    assert fwpay.notifications.is_valid(body, expected, secret)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), st.integers(), st.none(), st.binary(max_size=20)))
def test_identifiers_never_crash(identifier: Any) -> None:
    with fwpay.Client(api_key="k", base_url="http://127.0.0.1:1/payments/v1", max_retries=0, connect_timeout=1) as client:
        try:
            client.payments.get(identifier)
        except (TypeError, fwpay.InvalidArgumentError, fwpay.ConnectionError):
            pass
