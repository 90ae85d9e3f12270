"""fwpay: Flywire's Payments API from Python, over the libfwpay C library.

    import fwpay
    with fwpay.Client(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
        payment = client.orders.charge(order_id)

Resources: ``client.recipients``, ``offers``, ``orders``, ``sessions``, ``payments``,
``refunds``, ``bundles``; ``client.request`` for anything else; ``fwpay.notifications`` for
the notifications Flywire sends you. ``fwpay.AsyncClient`` has the same namespaces, awaitable;
``fwpay.types`` the TypedDicts of bodies and results. A result is a dict whose ``response``
holds the request id, the idempotency key and the HTTP status.
"""
from . import _abi, notifications, types
from ._async import AsyncClient
from ._pages import AsyncPageIterator
from ._bridge import Response, Result, response_of
from ._client import PRODUCTION_BASE_URL, SANDBOX_BASE_URL, Client
from ._errors import (
    APIError,
    AuthenticationError,
    ConnectionError,
    TLSError,
    Error,
    IdempotencyError,
    InvalidArgumentError,
    InvalidRequestError,
    NotFoundError,
    OutcomeUnknownError,
    PermissionError,
    RateLimitError,
    SignatureError,
)
from ._native import lib as _lib
from ._pages import PageIterator

#: The package's version (the library's major.minor is checked to match on import).
__version__: str = _abi.FWP_VERSION_STRING
#: The version of the libfwpay actually loaded (the package carries the one it was built with).
library_version: str = _lib.fwp_version().decode()

__all__ = [
    "APIError", "AsyncClient", "AsyncPageIterator", "AuthenticationError", "Client", "ConnectionError", "Error",
    "IdempotencyError", "InvalidArgumentError", "InvalidRequestError", "NotFoundError", "OutcomeUnknownError",
    "PageIterator", "PermissionError", "TLSError", "PRODUCTION_BASE_URL", "RateLimitError", "Response", "Result",
    "SANDBOX_BASE_URL", "SignatureError", "__version__", "library_version", "notifications", "response_of", "types",
]
