"""Crossing the C boundary: Python values to C arguments (refused clearly when C would
misread them), JSON both ways, and the one place where a code becomes an exception."""
from __future__ import annotations

import ctypes
import json
import math
from typing import Any, Callable

from . import _errors, _native
from ._native import CALL_OPTIONS_VERSION, FwpCallOptions, FwpError, lib

_INT32_MAX = 2**31 - 1
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _raise_error(code: int, err: FwpError) -> None:
    """Raises the exception for a failed call, releasing what `err` holds."""
    try:
        errors: list[dict[str, Any]] = []
        if err.errors:
            value = from_json(ctypes.c_void_p(err.errors))
            errors = value if isinstance(value, list) else []
        message = err.message.decode("utf-8", "replace") or lib.fwp_strerror(code).decode()
        error = _errors.error_for(code, message, http_status=err.http_status,
                                  request_id=err.request_id.decode("utf-8", "replace"),
                                  idempotency_key=err.idempotency_key.decode("utf-8", "replace"), errors=errors)
    finally:
        lib.fwp_error_clear(ctypes.byref(err))
    raise error


_native.raise_error = _raise_error


def invalid(message: str) -> _errors.InvalidArgumentError:
    return _errors.InvalidArgumentError(message, code=_errors.INVALID_ARGUMENT)


def c_string(value: object, name: str) -> bytes:
    """A str argument as UTF-8 bytes for a `const char *`."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if "\x00" in value:
        raise invalid(f"{name} must not contain NUL characters")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise invalid(f"{name} is not valid Unicode text (lone surrogate)") from None


def c_bytes(value: object, name: str) -> bytes:
    """Raw bytes (a notification body): bytes, bytearray or memoryview."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{name} must be bytes (the raw body as received), not {type(value).__name__}")


def c_int64(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise invalid(f"{name} is out of range for a 64-bit integer")
    return value


def c_count(value: object, name: str, maximum: int = _INT32_MAX) -> int:
    """An optional positive count (page, per_page): None means the default (0)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
    if not 1 <= value <= maximum:
        raise invalid(f"{name} must be between 1 and {maximum}")
    return value


def to_json(value: Any, name: str) -> ctypes.c_void_p:
    """A new json_t holding `value`; release it with `release`."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a ValueError too: test it first
        raise invalid(f"{name} holds text that is not valid Unicode (lone surrogate)") from None
    except (TypeError, ValueError) as error:
        raise invalid(f"{name} cannot be sent as JSON: {error}") from None
    except RecursionError:
        raise invalid(f"{name} nests too deeply to be sent as JSON") from None
    if b"\\u0000" in text:  # jansson (and so the library) refuses NUL inside JSON text
        raise invalid(f"{name} holds a NUL character (\\u0000), which cannot be sent")
    out = ctypes.c_void_p()
    lib.fwp_json_parse(text, len(text), ctypes.byref(out), ctypes.byref(FwpError()))
    return out


def optional_json(value: Any, name: str) -> ctypes.c_void_p:
    return to_json(value, name) if value is not None else ctypes.c_void_p()


def release(value: ctypes.c_void_p) -> None:
    if value:
        lib.fwp_json_release(value)


def from_json(value: ctypes.c_void_p) -> Any:
    """The Python value of a json_t (borrowed)."""
    text = ctypes.c_void_p()
    lib.fwp_json_dump(value, ctypes.byref(text), ctypes.byref(FwpError()))
    try:
        return json.loads(ctypes.string_at(text).decode("utf-8"))
    finally:
        lib.fwp_free(text)


def call_options(idempotency_key: str | None = None, timeout: float | None = None) -> FwpCallOptions | None:
    """The fwp_call_options of keyword arguments (None when all are defaults)."""
    if idempotency_key is None and timeout is None:
        return None
    options = FwpCallOptions(CALL_OPTIONS_VERSION, None, 0, -1)
    if idempotency_key is not None:
        options.idempotency_key = c_string(idempotency_key, "idempotency_key")
    if timeout is not None:
        options.timeout_ms = milliseconds(timeout, "timeout")
    return options


def milliseconds(seconds: object, name: str) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or not 0 < seconds <= 3600:
        raise invalid(f"{name} must be more than 0 and at most 3600 seconds")
    return max(1, int(seconds * 1000))


def call(function: Callable[..., int], *args: Any, options: FwpCallOptions | None = None,
         json_args: tuple[ctypes.c_void_p, ...] = ()) -> Any:
    """Calls an operation (arguments, then options, `out` and an fwp_error) and returns its
    result as a Python value; `json_args` are released afterwards, whatever happens."""
    out = ctypes.c_void_p()
    err = FwpError()
    try:
        function(*args, ctypes.byref(options) if options is not None else None, ctypes.byref(out), ctypes.byref(err))
        try:
            return from_json(out)
        finally:
            release(out)
    finally:
        for value in json_args:
            release(value)
