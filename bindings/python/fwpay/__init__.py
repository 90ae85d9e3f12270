"""fwpay: Flywire's Payments API from Python, over the libfwpay C library.

    import fwpay
    with fwpay.Client(api_key="...", base_url=fwpay.SANDBOX_BASE_URL) as client:
        payment = client.orders.charge(order_id)
"""
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
)
from ._native import lib as _lib

#: The version of the loaded libfwpay (the package carries the library it was built with).
__version__: str = _lib.fwp_version().decode()

__all__ = [
    "APIError", "AuthenticationError", "Client", "ConnectionError", "Error", "InvalidArgumentError",
    "InvalidRequestError", "NotFoundError", "OutcomeUnknownError", "PRODUCTION_BASE_URL", "RateLimitError",
    "SANDBOX_BASE_URL", "__version__",
]
