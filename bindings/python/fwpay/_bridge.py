"""Crossing the C boundary: Python values to C arguments, JSON both ways, and codes to
exceptions. Every call into libfwpay goes through `call`."""
from __future__ import annotations

import ctypes
import json
from typing import Any, Callable

from . import _errors
from ._native import CALL_OPTIONS_VERSION, FwpCallOptions, FwpError, lib

_INT32_MAX = 2**31 - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def c_string(value: object, name: str) -> bytes:
    """A str argument as UTF-8 bytes for a `const char *`, refused when C would misread it."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\x00" in value:
        raise _errors.InvalidArgumentError(f"{name} must not contain NUL characters",
                                           code=_errors.INVALID_ARGUMENT)
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise _errors.InvalidArgumentError(f"{name} is not valid Unicode text (lone surrogate)",
                                           code=_errors.INVALID_ARGUMENT) from None


def c_int64(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise _errors.InvalidArgumentError(f"{name} is out of range for a 64-bit integer",
                                           code=_errors.INVALID_ARGUMENT)
    return value


def c_count(value: object, name: str) -> int:
    """An optional positive count (page numbers): None means the server's default (0)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
    if not 1 <= value <= _INT32_MAX:
        raise _errors.InvalidArgumentError(f"{name} must be between 1 and {_INT32_MAX}",
                                           code=_errors.INVALID_ARGUMENT)
    return value


def to_json(value: Any, name: str) -> ctypes.c_void_p:
    """A new json_t holding `value`; release it with `release`."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a ValueError too: test it first
        raise _errors.InvalidArgumentError(f"{name} holds text that is not valid Unicode (lone surrogate)",
                                           code=_errors.INVALID_ARGUMENT) from None
    except (TypeError, ValueError) as error:
        raise _errors.InvalidArgumentError(f"{name} cannot be sent as JSON: {error}",
                                           code=_errors.INVALID_ARGUMENT) from None
    out = ctypes.c_void_p()
    err = FwpError()
    code = lib.fwp_json_parse(text, len(text), ctypes.byref(out), ctypes.byref(err))
    if code != 0:
        raise _take_error(code, err)
    return out


def release(value: ctypes.c_void_p) -> None:
    if value:
        lib.fwp_json_release(value)


def from_json(value: ctypes.c_void_p) -> Any:
    """The Python value of a json_t (borrowed)."""
    text = ctypes.c_void_p()
    err = FwpError()
    code = lib.fwp_json_dump(value, ctypes.byref(text), ctypes.byref(err))
    if code != 0:
        raise _take_error(code, err)
    try:
        return json.loads(ctypes.string_at(text.value).decode("utf-8"))
    finally:
        lib.fwp_free(text)


def _take_error(code: int, err: FwpError) -> _errors.Error:
    """The exception for a failed call; releases what `err` holds."""
    try:
        errors = from_json(ctypes.c_void_p(err.errors)) if err.errors else []
        return _errors.error_for(
            code,
            err.message.decode("utf-8", "replace") or lib.fwp_strerror(code).decode(),
            http_status=err.http_status,
            request_id=err.request_id.decode("utf-8", "replace"),
            idempotency_key=err.idempotency_key.decode("utf-8", "replace"),
            errors=errors if isinstance(errors, list) else [],
        )
    finally:
        lib.fwp_error_clear(ctypes.byref(err))


def call_options(idempotency_key: str | None = None, timeout: float | None = None) -> FwpCallOptions | None:
    """The fwp_call_options of keyword arguments (None when all are defaults)."""
    if idempotency_key is None and timeout is None:
        return None
    options = FwpCallOptions(CALL_OPTIONS_VERSION, None, 0, -1)
    if idempotency_key is not None:
        options.idempotency_key = c_string(idempotency_key, "idempotency_key")
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout <= 3600:
            raise _errors.InvalidArgumentError("timeout must be a number of seconds, more than 0 and at most 3600",
                                               code=_errors.INVALID_ARGUMENT)
        options.timeout_ms = max(1, int(timeout * 1000))
    return options


def call(function: Callable[..., int], *args: Any, options: FwpCallOptions | None = None) -> Any:
    """Calls a libfwpay operation (arguments, then options, `out` and an fwp_error) and
    returns its result as a Python value."""
    out = ctypes.c_void_p()
    err = FwpError()
    code = function(*args, ctypes.byref(options) if options is not None else None, ctypes.byref(out), ctypes.byref(err))
    if code != 0:
        raise _take_error(code, err)
    try:
        return from_json(out)
    finally:
        release(out)
