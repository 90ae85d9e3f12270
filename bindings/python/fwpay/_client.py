"""fwpay.Client: a connection to Flywire's Payments API."""
from __future__ import annotations

import ctypes
import logging
import os
import platform
from types import TracebackType
from typing import Any

from . import _abi
from ._bridge import ClientHandle, c_string, call_text, milliseconds, retries, text, whole
from ._native import LOG_CALLBACK, FwpClientOptions, FwpError, lib
from ._offers import Offers
from ._orders import Orders
from ._payments import Payments
from ._recipients import Recipients
from ._bundles import Bundles
from ._refunds import Refunds
from ._sandbox import Sandbox
from ._sessions import Sessions
from ._telemetry import EVENT_CALLBACK

PRODUCTION_BASE_URL = _abi.FWP_BASE_URL_PRODUCTION
SANDBOX_BASE_URL = _abi.FWP_BASE_URL_SANDBOX

_LEVELS = {0: logging.ERROR, 1: logging.WARNING, 2: logging.INFO, 3: logging.DEBUG}
_logger = logging.getLogger("fwpay")
# After "fwpay/VERSION" in the User-Agent: the language and its runtime.
_USER_AGENT = f"python/{platform.python_version()}".encode()
# A library stays silent in a program that configured no logging (without this, Python's
# last-resort handler prints the library's warnings, e.g. of a 422, on stderr).
_logger.addHandler(logging.NullHandler())


def _log_from_environment() -> None:
    """FWPAY_LOG=debug or info: the fwpay logger writes that level and above to stderr, without
    the program configuring logging (as STRIPE_LOG does for stripe-python)."""
    level = {"debug": logging.DEBUG, "info": logging.INFO}.get(os.environ.get("FWPAY_LOG", "").strip().lower())
    if level is None:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("fwpay %(levelname)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(level)


_log_from_environment()


def _log_line(level: int, line: bytes, userdata: Any) -> None:
    # Called from the thread making the request; logging is thread-safe. Lines never carry
    # the API key (the library removes it).
    _logger.log(_LEVELS.get(level, logging.DEBUG), "%s", line.decode("utf-8", "replace"))


# Kept at module level: the C library calls it for as long as clients live.
_log_callback = LOG_CALLBACK(_log_line)


def _ca_bundle(given: str | os.PathLike[str] | None) -> bytes | None:
    """The CA bundle to name: the caller's; else None when the library finds one itself
    ($FWPAY_CA_BUNDLE or the system's); else certifi's when it is installed."""
    if given is not None:
        return c_string(os.fspath(given), "ca_bundle")
    found = lib.fwp_ca_bundle()
    if found:
        lib.fwp_free(found)
        return None
    try:
        import certifi  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    return c_string(str(certifi.where()), "ca_bundle")


class Client:
    """A client of the Payments API, with a namespace per resource::

        with fwpay.Client(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
            order = client.orders.create({...})
            payment = client.orders.charge(order["id"])

    Thread-safe: share one client between threads (calls release the GIL and run in
    parallel). Log lines go to the ``fwpay`` logger. TLS trusts ``ca_bundle`` (a PEM file)
    when given, else $FWPAY_CA_BUNDLE, else the system's bundle (found at run time on Debian,
    Ubuntu, Fedora, RHEL, SUSE and Alpine), else certifi's when certifi is installed.

    ``proxy`` ("http://proxy.example:3128", credentials allowed and never logged; "" for none)
    sends every request through a proxy, except to the hosts of ``no_proxy`` ("localhost,
    .internal"); unset, $HTTPS_PROXY and $NO_PROXY decide, as in curl. ``client_cert`` and
    ``client_key`` (PEM files; the key unencrypted, or in the certificate's file) are for mutual
    TLS.

    ``server_deduplicates=True`` says the server deduplicates POSTs by Idempotency-Key
    (fwpay-sandbox does; Flywire documents no idempotency): a POST sent but unanswered is then
    retried with the same key instead of raising OutcomeUnknownError. Off by default, and no
    answer of a server turns it on.

    ``max_requests_per_minute`` (default: no bound) keeps the client under a server's limit: a
    request past it waits its turn, or raises RateLimitError unsent when the wait would outlast
    its timeout. ``max_in_flight`` and ``max_host_connections`` bound the calls an AsyncClient
    sends at once (docs/python.md).

    When ``opentelemetry-api`` is installed, each call is one CLIENT span ("GET
    /recipients/{recipient_id}", retries inside it) and a measurement of the
    ``http.client.request.duration`` histogram, sent to the providers the program set up
    (docs/production.md, "Telemetry"); ``telemetry=False`` turns that off for this client.
    """

    def __init__(self, *, api_key: str, base_url: str | None = None, timeout: float | None = None,
                 connect_timeout: float | None = None, max_retries: int | None = None, allow_insecure_http: bool = False,
                 ca_bundle: str | os.PathLike[str] | None = None, server_deduplicates: bool = False,
                 proxy: str | None = None, no_proxy: str | None = None,
                 client_cert: str | os.PathLike[str] | None = None, client_key: str | os.PathLike[str] | None = None,
                 telemetry: bool = True, max_in_flight: int | None = None, max_host_connections: int | None = None,
                 max_requests_per_minute: int | None = None) -> None:
        self._handle = ClientHandle()
        options = FwpClientOptions()
        lib.fwp_client_options_init(ctypes.byref(options))
        # The encoded strings must live until the call has copied them.
        # What is not given (None) keeps the library's default (fwp_client_options_init): defaults live there only.
        key = c_string(api_key, "api_key")
        url = None if base_url is None else c_string(base_url, "base_url")
        options.api_key, options.base_url = key, url
        through = None if proxy is None else c_string(proxy, "proxy")
        bypass = None if no_proxy is None else c_string(no_proxy, "no_proxy")
        options.proxy, options.no_proxy = through, bypass
        certificate = None if client_cert is None else c_string(os.fspath(client_cert), "client_cert")
        private_key = None if client_key is None else c_string(os.fspath(client_key), "client_key")
        options.client_cert, options.client_key = certificate, private_key
        bundle = _ca_bundle(ca_bundle)
        if bundle is not None:
            options.ca_bundle = bundle
        if timeout is not None:
            options.timeout_ms = milliseconds(timeout, "timeout")
        if connect_timeout is not None:
            options.connect_timeout_ms = milliseconds(connect_timeout, "connect_timeout", _abi.FWP_CONNECT_TIMEOUT_MS_MAX)
        if max_retries is not None:
            options.max_retries = retries(max_retries)
        if max_in_flight is not None:
            options.max_in_flight = whole(max_in_flight, "max_in_flight")
        if max_host_connections is not None:
            options.max_host_connections = whole(max_host_connections, "max_host_connections")
        if max_requests_per_minute is not None:
            options.max_requests_per_minute = whole(max_requests_per_minute, "max_requests_per_minute")
        options.allow_insecure_http = 1 if allow_insecure_http else 0
        options.server_deduplicates = 1 if server_deduplicates else 0
        options.user_agent = _USER_AGENT
        options.log_callback = _log_callback
        if telemetry and EVENT_CALLBACK is not None:
            options.event_callback = EVENT_CALLBACK
            options.event_types = _abi.FWP_EVENTS_CALL_END
        options.log_level = 3 if _logger.isEnabledFor(logging.DEBUG) else 2 if _logger.isEnabledFor(logging.INFO) else 1
        lib.fwp_client_new_with_options(ctypes.byref(options), ctypes.byref(self._handle), FwpError())
        self.recipients = Recipients(self._handle, self)
        self.offers = Offers(self._handle, self)
        self.orders = Orders(self._handle, self)
        self.sessions = Sessions(self._handle, self)
        self.payments = Payments(self._handle, self)
        self.refunds = Refunds(self._handle, self)
        self.bundles = Bundles(self._handle, self)
        #: fwpay-sandbox's control API (clock, transitions, faults, reset, requests, resend);
        #: sandbox-only: with Flywire's base URL its calls raise InvalidArgumentError.
        self.sandbox = Sandbox(self._handle, self)

    def request(self, method: str, path: str, body: Any = None, *, idempotency_key: str | None = None,
                timeout: float | None = None, max_retries: int | None = None) -> Any:
        """Any other call: ``method`` ("GET", "POST", "PATCH", "DELETE") to ``path`` below the
        base URL (e.g. "/payments/FWU123456789"), with an optional JSON body. Each method also
        takes ``timeout`` and ``max_retries`` for that call, and POSTs ``idempotency_key``. With a client of
        fwpay-sandbox's root it also reaches the sandbox-only control API under ``/sandbox``."""
        arguments = {"method": text(method, "method"), "path": text(path, "path"), "body": body}
        return call_text(self._handle, "request", arguments, idempotency_key, timeout, max_retries)

    def close(self) -> None:
        """Releases the client and its connections; using it afterwards raises InvalidArgumentError."""
        if getattr(self, "_handle", None) is not None:
            # Calls other threads have in flight finish first; the resource objects share the
            # handle, and the library refuses their later calls.
            self._handle.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<fwpay.Client>"  # never the key
