"""fwpay.Client: a connection to Flywire's Payments API."""
from __future__ import annotations

import ctypes
import math
from types import TracebackType
from typing import Any

from . import _errors
from ._bridge import call_options, c_string, call, release, to_json
from ._native import FwpClientOptions, FwpError, lib
from ._offers import Offers
from ._orders import Orders
from ._recipients import Recipients

PRODUCTION_BASE_URL = "https://api-platform.flywire.com/payments/v1"
SANDBOX_BASE_URL = "https://api-platform-sandbox.flywire.com/payments/v1"


def _milliseconds(seconds: object, name: str) -> int:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
        raise TypeError(f"{name} must be a number of seconds, not {type(seconds).__name__}")
    if not math.isfinite(seconds) or not 0 < seconds <= 3600:
        raise _errors.InvalidArgumentError(f"{name} must be more than 0 and at most 3600 seconds",
                                           code=_errors.INVALID_ARGUMENT)
    return max(1, int(seconds * 1000))


class Client:
    """A client of the Payments API. Thread-safe: share one between threads (calls release
    the GIL and run in parallel). Use it as a context manager, or call ``close()``.

    >>> client = fwpay.Client(api_key="...", base_url="http://127.0.0.1:8080/payments/v1")
    >>> client.orders.charge(order_id)["payment_reference"]
    """

    def __init__(self, *, api_key: str, base_url: str = PRODUCTION_BASE_URL, timeout: float = 80.0,
                 connect_timeout: float = 30.0, max_retries: int = 2, allow_insecure_http: bool = False) -> None:
        self._handle = ctypes.c_void_p()
        options = FwpClientOptions()
        lib.fwp_client_options_init(ctypes.byref(options))
        # Keep the encoded strings alive until the call has copied them.
        key = c_string(api_key, "api_key")
        url = c_string(base_url, "base_url")
        options.api_key = key
        options.base_url = url
        options.timeout_ms = _milliseconds(timeout, "timeout")
        options.connect_timeout_ms = _milliseconds(connect_timeout, "connect_timeout")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int):
            raise TypeError(f"max_retries must be an int, not {type(max_retries).__name__}")
        if not 0 <= max_retries <= 10:
            raise _errors.InvalidArgumentError("max_retries must be between 0 and 10", code=_errors.INVALID_ARGUMENT)
        options.max_retries = max_retries
        options.allow_insecure_http = 1 if allow_insecure_http else 0
        err = FwpError()
        code = lib.fwp_client_new_with_options(ctypes.byref(options), ctypes.byref(self._handle), ctypes.byref(err))
        if code != 0:
            message = err.message.decode("utf-8", "replace")
            lib.fwp_error_clear(ctypes.byref(err))
            raise _errors.error_for(code, message)
        self.recipients = Recipients(self._handle)
        self.offers = Offers(self._handle)
        self.orders = Orders(self._handle)

    def request(self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None,
                timeout: float | None = None) -> Any:
        """Any other call of the API: ``method`` ("GET", "POST", "PATCH", "DELETE") to
        ``path`` below the base URL (e.g. "/payments/FWU123456789"), with an optional body."""
        verb, target = c_string(method, "method"), c_string(path, "path")
        value = to_json(body, "body") if body is not None else ctypes.c_void_p()
        try:
            return call(lib.fwp_request, self._handle, verb, target, value, options=call_options(idempotency_key, timeout))
        finally:
            release(value)

    def close(self) -> None:
        """Releases the client and its connections; it cannot be used afterwards."""
        if getattr(self, "_handle", None):
            lib.fwp_client_free(self._handle)
            # Zero the pointer in place: the resource objects share this c_void_p, and a
            # stale copy would be a use-after-free instead of a clear error.
            self._handle.value = None

    def __enter__(self) -> Client:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<fwpay.Client>"  # never the key
