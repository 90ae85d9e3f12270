"""fwpay: Flywire's Payments API from Python, over the libfwpay C library.

    import fwpay
    with fwpay.Client(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
        payment = client.orders.charge(order_id)

Resources: ``client.recipients``, ``offers``, ``orders``, ``sessions``, ``payments``,
``refunds``, ``bundles``; ``client.request`` for anything else; ``fwpay.notifications`` for
the notifications Flywire sends you.
"""
from . import notifications
from ._client import PRODUCTION_BASE_URL, SANDBOX_BASE_URL, Client
from ._errors import (
    APIError,
    AuthenticationError,
    ConnectionError,
    Error,
    InvalidArgumentError,
    InvalidRequestError,
    NotFoundError,
    OutcomeUnknownError,
    RateLimitError,
    SignatureError,
)
from ._native import lib as _lib
from ._pages import PageIterator

#: The version of the loaded libfwpay (the package carries the library it was built with).
__version__: str = _lib.fwp_version().decode()

__all__ = [
    "APIError", "AuthenticationError", "Client", "ConnectionError", "Error", "InvalidArgumentError",
    "InvalidRequestError", "NotFoundError", "OutcomeUnknownError", "PageIterator", "PRODUCTION_BASE_URL",
    "RateLimitError", "SANDBOX_BASE_URL", "SignatureError", "__version__", "notifications",
]
