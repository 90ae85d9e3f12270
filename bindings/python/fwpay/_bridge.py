"""Crossing the C boundary: Python values to C arguments (refused clearly when C would
misread them), JSON both ways, and the one place where a code becomes an exception."""
from __future__ import annotations

import contextlib
import ctypes
import json
import math
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from . import _abi, _errors, _native
from ._native import FwpCallOptions, FwpError, lib

_INT32_MAX = 2**31 - 1


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
    try:
        errors: list[dict[str, Any]] = []
        if err.errors:
            value = from_json(ctypes.c_void_p(err.errors))
            errors = value if isinstance(value, list) else []
        message = err.message.decode("utf-8", "replace") or lib.fwp_strerror(code).decode()
        error = _errors.error_for(_kind(err), code, message, http_status=err.http_status,
                                  request_id=err.request_id.decode("utf-8", "replace"),
                                  idempotency_key=err.idempotency_key.decode("utf-8", "replace"), errors=errors)
    finally:
        lib.fwp_error_clear(ctypes.byref(err))
    raise error


def _kind(err: FwpError) -> str:
    """The failure's kind as the core names it for every binding (fwp_error_json's "kind")."""
    text = ctypes.c_void_p()
    if lib.fwp_error_json(ctypes.byref(err), ctypes.byref(text)) != 0 or not text.value:
        return ""
    try:
        return str(json.loads(ctypes.string_at(text.value).decode()).get("kind", ""))
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
    """A client's fwp_client *, with the guard that keeps close() from freeing it under a call
    another thread has in flight (security-findings-3.md N1): calls share it, close waits for
    them, and a call after close raises InvalidArgumentError."""

    def __init__(self) -> None:
        super().__init__()
        self._state = threading.Condition()
        self._calls = 0
        self._closed = False

    @contextlib.contextmanager
    def in_use(self) -> Iterator[None]:
        with self._state:
            if self._closed or not self.value:
                raise invalid("the client is closed")
            self._calls += 1
        try:
            yield
        finally:
            with self._state:
                self._calls -= 1
                self._state.notify_all()

    def close(self, free: Callable[[ctypes.c_void_p], None]) -> None:
        """Frees the client with `free` once no call uses it; later calls are refused."""
        with self._state:
            if self._closed:
                return
            self._closed = True
            self._state.wait_for(lambda: self._calls == 0)
        if self.value:
            free(self)
            # Zero the pointer in place: the resource objects share this handle.
            self.value = None


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


def c_count(value: object, name: str, maximum: int = _INT32_MAX) -> int:
    """An optional positive count (page, per_page): None means the default (0)."""
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, not {type(value).__name__}")
    if not 1 <= value <= maximum:
        raise invalid(f"{name} must be between 1 and {maximum}")
    return value


def _holds_nul(value: Any) -> bool:
    """Whether a string (or key) inside `value` holds a NUL character."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return any(_holds_nul(item) for item in value)
    return False


def to_json(value: Any, name: str) -> ctypes.c_void_p:
    """A new json_t holding `value`; release it with `release` (or use `json_value`)."""
    text = json_text(value, name)
    out = ctypes.c_void_p()
    lib.fwp_json_parse(text, len(text), ctypes.byref(out), FwpError())
    return out


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
    # jansson (and so the library) refuses NUL inside strings; look at the text itself, not
    # at its escaped JSON, where a literal backslash-u0000 would look the same.
    try:
        nul = _holds_nul(value)
    except RecursionError:
        raise invalid(f"{name} nests too deeply to be sent as JSON") from None
    if nul:
        raise invalid(f"{name} holds a NUL character (\\u0000), which cannot be sent")
    return text


def release(value: ctypes.c_void_p) -> None:
    if value:
        lib.fwp_json_release(value)


def from_json(value: ctypes.c_void_p) -> Any:
    """The Python value of a json_t (borrowed)."""
    text = ctypes.c_void_p()
    lib.fwp_json_dump(value, ctypes.byref(text), FwpError())
    try:
        return json.loads(ctypes.string_at(text).decode("utf-8"))
    finally:
        lib.fwp_free(text)


def retries(value: object, name: str = "max_retries") -> int:
    """A retry count within the library's limit (from the C header)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if not 0 <= value <= _abi.FWP_MAX_RETRIES_MAX:
        raise invalid(f"{name} must be between 0 and {_abi.FWP_MAX_RETRIES_MAX}")
    return value


def call_options(idempotency_key: str | None = None, timeout: float | None = None,
                 max_retries: int | None = None) -> FwpCallOptions | None:
    """The fwp_call_options of keyword arguments (None when all are defaults)."""
    if idempotency_key is None and timeout is None and max_retries is None:
        return None
    options = FwpCallOptions(_abi.FWP_CALL_OPTIONS_VERSION, None, 0, -1)
    if idempotency_key is not None:
        options.idempotency_key = c_string(idempotency_key, "idempotency_key")
    if timeout is not None:
        options.timeout_ms = milliseconds(timeout, "timeout")
    if max_retries is not None:
        options.max_retries = retries(max_retries)
    return options


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


def call_text(handle: ClientHandle, operation: str, arguments: dict[str, Any], idempotency_key: str | None,
              timeout: float | None, max_retries: int | None) -> Any:
    """One operation through the text interface (fwp_call), as every binding calls it: the
    arguments (None members left out) and the per-call options as one JSON object, the answer
    as a Python value with its ``response``."""
    given = {name: value for name, value in arguments.items() if value is not None}
    if idempotency_key is not None:
        given["idempotency_key"] = text(idempotency_key, "idempotency_key")
    if timeout is not None:
        given["timeout_ms"] = milliseconds(timeout, "timeout")
    if max_retries is not None:
        given["max_retries"] = retries(max_retries)
    request = json_text(given, "body" if "body" in given else "arguments")
    out = ctypes.c_void_p()
    err = FwpError()
    with handle.in_use():
        lib.fwp_call(handle, operation.encode(), request, len(request), ctypes.byref(out), err)
    try:
        value = json.loads(ctypes.string_at(out.value)) if out.value else None
        return with_response(value, err)
    finally:
        lib.fwp_free(out)
        lib.fwp_error_clear(ctypes.byref(err))
