"""Crossing the C boundary: Python values to C arguments (refused clearly when C would
misread them), JSON both ways, and the one place where a code becomes an exception."""
from __future__ import annotations

import ctypes
import json
import math
from dataclasses import dataclass
from typing import Any

from . import _abi, _errors, _native
from ._native import FwpError, lib



@dataclass(frozen=True)
class Response:
    """What the server's answer to a successful call said besides its body."""

    #: The server's X-Request-Id ("" when it sent none): quote it to support.
    request_id: str
    #: The Idempotency-Key the request was sent with, generated or yours ("" for GETs): keep it
    #: with what the call did (a charge, a refund) to reconcile later.
    idempotency_key: str
    #: The HTTP status of the answer (200, 201...).
    http_status: int
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _raise_error(code: int, err: FwpError) -> None:
    """Raises the exception for a failed call, releasing what `err` holds."""
    raise error_of(code, err)


def error_of(code: int, err: FwpError) -> Exception:
    """The exception for a failed call, releasing what `err` holds."""
    try:
        detail = _detail(err)
        errors = detail.get("errors")
        message = err.message.decode("utf-8", "replace") or lib.fwp_strerror(code).decode()
        error = _errors.error_for(str(detail.get("kind", "")), code, message, http_status=err.http_status,
                                  request_id=err.request_id.decode("utf-8", "replace"),
                                  idempotency_key=err.idempotency_key.decode("utf-8", "replace"),
                                  errors=errors if isinstance(errors, list) else [])
    finally:
        lib.fwp_error_clear(ctypes.byref(err))
    return error


def _detail(err: FwpError) -> dict[str, Any]:
    """The failure as the core describes it for every binding (fwp_error_json): its kind,
    refined (permission, idempotency_conflict, ...), and the server's errors."""
    text = ctypes.c_void_p()
    if lib.fwp_error_json(ctypes.byref(err), ctypes.byref(text)) != 0 or not text.value:
        return {}
    try:
        value = json.loads(ctypes.string_at(text.value).decode())
        return value if isinstance(value, dict) else {}
    finally:
        lib.fwp_free(text)


def _check(result: int, function: Any, arguments: tuple[Any, ...]) -> int:
    """ctypes' errcheck of every function returning an FWP_ code: `arguments` are those the
    caller passed, the last an FwpError (passed as is: ctypes takes its address)."""
    if result != 0:
        err = arguments[-1]
        _raise_error(result, err if isinstance(err, FwpError) else FwpError())
    return result


for _name in _native.CHECKED:
    getattr(lib, _name).errcheck = _check


class ClientHandle(ctypes.c_void_p):
    """A client's fwp_client handle. The library makes it safe on its own: a call after close,
    or one another thread has in flight when close frees the handle, gets InvalidArgumentError
    or its answer, never a crash (security-findings-3.md N1), as in every binding."""

    def close(self) -> None:
        """Frees the handle once; later calls are refused by the library."""
        if self.value and not getattr(self, "_freed", False):
            self._freed = True
            lib.fwp_client_free(self)


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


def text(value: object, name: str) -> str:
    """A str argument checked as c_string checks it (str, no NUL, valid Unicode)."""
    c_string(value, name)
    return value  # type: ignore[return-value]


def c_bytes(value: object, name: str) -> bytes:
    """Raw bytes (a notification body): bytes, bytearray or memoryview."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{name} must be bytes (the raw body as received), not {type(value).__name__}")


def c_int64(value: object, name: str) -> int:
    """An int for an int64_t argument; a whole float (33000.0) is the same amount."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not _INT64_MIN <= value <= _INT64_MAX:
        raise invalid(f"{name} is out of range for a 64-bit integer")
    return value


def json_text(value: Any, name: str) -> bytes:
    """`value` as the JSON text the library reads, refused here when it cannot be JSON."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a ValueError too: test it first
        raise invalid(f"{name} holds text that is not valid Unicode (lone surrogate)") from None
    except (TypeError, ValueError) as error:
        raise invalid(f"{name} cannot be sent as JSON: {error}") from None
    except RecursionError:
        raise invalid(f"{name} nests too deeply to be sent as JSON") from None
    # A NUL inside a string, or a key named twice, is the library's to refuse (one rule for
    # every binding): json.dumps writes the NUL as \u0000, which the library reads and refuses.
    return text


def whole(value: object, name: str) -> int:
    """A count the library bounds itself (max_in_flight...): refused here only when C's int
    could not hold it."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not -(2**31) <= value < 2**31:
        raise invalid(f"{name} is out of range")
    return value


def retries(value: object, name: str = "max_retries") -> int:
    """A retry count within the library's limit (from the C header)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not 0 <= value <= _abi.FWP_MAX_RETRIES_MAX:
        raise invalid(f"{name} must be between 0 and {_abi.FWP_MAX_RETRIES_MAX}")
    return value


def milliseconds(seconds: object, name: str, maximum_ms: int = _abi.FWP_TIMEOUT_MS_MAX) -> int:
    """Seconds as the library's milliseconds, within its limit (from the C header)."""
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or not 0 < seconds <= maximum_ms / 1000:
        raise invalid(f"{name} must be more than 0 and at most {maximum_ms // 1000} seconds")
    return max(1, int(seconds * 1000))


class Result(dict):  # type: ignore[type-arg]
    """A JSON object the server answered: a dict, with the answer's ``response`` beside it."""

    response: Response


def response_of(result: object) -> Response:
    """The metadata of the answer a result came from: ``fwpay.response_of(charge).idempotency_key``.
    (The same as ``result.response``, for results typed as TypedDicts, which mypy sees as
    plain dicts.) ValueError for a value that no call returned."""
    response = getattr(result, "response", None)
    if not isinstance(response, Response):
        raise ValueError("not a result of an fwpay call (results that are JSON objects carry a response)")
    return response


def with_response(value: Any, err: FwpError) -> Any:
    """`value` (a dict) as a Result carrying what `err` says of the answer after a success."""
    if not isinstance(value, dict):
        return value
    result = Result(value)
    result.response = Response(request_id=err.request_id.decode("utf-8", "replace"),
                               idempotency_key=err.idempotency_key.decode("utf-8", "replace"),
                               http_status=err.http_status)
    return result


def arguments_text(arguments: dict[str, Any], idempotency_key: str | None, timeout: float | None,
                   max_retries: int | None) -> bytes:
    """An operation's arguments (None members left out) and the per-call options as the JSON
    text fwp_call and fwp_call_start take."""
    given = {name: value for name, value in arguments.items() if value is not None}
    if idempotency_key is not None:
        given["idempotency_key"] = text(idempotency_key, "idempotency_key")
    if timeout is not None:
        given["timeout_ms"] = milliseconds(timeout, "timeout")
    if max_retries is not None:
        given["max_retries"] = retries(max_retries)
    return json_text(given, "body" if "body" in given else "arguments")


def call_text(handle: ClientHandle, operation: str, arguments: dict[str, Any], idempotency_key: str | None,
              timeout: float | None, max_retries: int | None) -> Any:
    """One operation through the text interface (fwp_call), as every binding calls it: the
    arguments (None members left out) and the per-call options as one JSON object, the answer
    as a Python value with its ``response``."""
    request = arguments_text(arguments, idempotency_key, timeout, max_retries)
    out = ctypes.c_void_p()
    err = FwpError()
    lib.fwp_call(handle, operation.encode(), request, len(request), ctypes.byref(out), err)
    try:
        value = json.loads(ctypes.string_at(out.value)) if out.value else None
        return with_response(value, err)
    finally:
        lib.fwp_free(out)
        lib.fwp_error_clear(ctypes.byref(err))
