"""The exceptions fwpay raises, and the one function that maps library codes to them."""
from __future__ import annotations

import builtins
from typing import Any

from . import _abi

# FWP_E_ codes of include/fwpay.h, by their Python names.
INVALID_ARGUMENT = _abi.FWP_E_INVALID_ARGUMENT
INVALID_JSON = _abi.FWP_E_INVALID_JSON
INVALID_REQUEST = _abi.FWP_E_INVALID_REQUEST
AUTHENTICATION = _abi.FWP_E_AUTHENTICATION
NOT_FOUND = _abi.FWP_E_NOT_FOUND
RATE_LIMITED = _abi.FWP_E_RATE_LIMITED
SERVER = _abi.FWP_E_SERVER
HTTP = _abi.FWP_E_HTTP
CONNECTION = _abi.FWP_E_CONNECTION
TIMEOUT = _abi.FWP_E_TIMEOUT
OUTCOME_UNKNOWN = _abi.FWP_E_OUTCOME_UNKNOWN
BAD_RESPONSE = _abi.FWP_E_BAD_RESPONSE
NO_MEMORY = _abi.FWP_E_NO_MEMORY
SIGNATURE = _abi.FWP_E_SIGNATURE


class Error(Exception):
    """Base of every fwpay failure. str() starts with the request id when there is one.

    Attributes: ``code`` (the library's FWP_E_ code), ``http_status`` (0 when no answer came
    or the request was refused before sending), ``request_id``, ``idempotency_key``, and
    ``errors``: the problem's list of ``{source, param, type, message}``. Never the API key.
    """

    def __init__(self, message: str, *, code: int, http_status: int = 0, request_id: str = "",
                 idempotency_key: str = "", errors: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status
        self.request_id = request_id
        self.idempotency_key = idempotency_key
        self.errors: list[dict[str, Any]] = list(errors or [])

    def __str__(self) -> str:
        return f"Request {self.request_id}: {self.message}" if self.request_id else self.message

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(message={self.message!r}, code={self.code}, "
                f"http_status={self.http_status}, request_id={self.request_id!r})")

    @property
    def status(self) -> int:
        """The HTTP status (alias of ``http_status``)."""
        return self.http_status


class InvalidArgumentError(Error, ValueError):
    """An argument is unusable (too long, out of range, not valid text); nothing was sent."""


class APIError(Error):
    """The server answered with an error status (or an answer that is not JSON)."""


class InvalidRequestError(APIError):
    """The request breaks a rule: 400/422, or the same rule checked before sending (then
    ``http_status`` is 0). ``errors`` lists each problem."""


class AuthenticationError(APIError):
    """The API key was rejected (401)."""


class PermissionError(APIError, builtins.PermissionError):
    """The API key is valid but may not do this (403). Shadows the builtin: write
    ``fwpay.PermissionError``."""


class IdempotencyError(InvalidRequestError):
    """The Idempotency-Key was already used with another request (422 naming the key), or the
    first request with it is still being handled (409). Nothing new was done: use a new key for
    a new request, or wait and retry the same one."""


class NotFoundError(APIError):
    """The resource does not exist, or not for this API key (404)."""


class RateLimitError(APIError):
    """Too many requests (429). Never retried automatically: wait before trying again."""


class ConnectionError(Error, builtins.ConnectionError):
    """The server could not be reached, or a GET timed out. Shadows the builtin: write
    ``fwpay.ConnectionError``."""


class TLSError(ConnectionError):
    """TLS failed: the server's certificate is not trusted (a proxy or a private CA signed it:
    pass its CA file as ``ca_bundle``, or set FWPAY_CA_BUNDLE or SSL_CERT_FILE), names another
    host, or the handshake failed. Nothing was sent; never retried. A ConnectionError too."""


class OutcomeUnknownError(Error):
    """A request that may move money was sent but no answer came back. It may have taken
    effect: look it up, or retry with the same ``idempotency_key``, never a new one."""


class SignatureError(Error):
    """A notification's X-Flywire-Digest does not match its body and the shared secret."""


#: The classes of the kinds the core names (fwp_error_json), the same in every binding.
_BY_KIND: dict[str, type[Error]] = {
    "invalid_argument": InvalidArgumentError,
    "invalid_json": InvalidArgumentError,
    "invalid_request": InvalidRequestError,
    "idempotency_conflict": IdempotencyError,
    "authentication": AuthenticationError,
    "permission": PermissionError,
    "not_found": NotFoundError,
    "rate_limited": RateLimitError,
    "server": APIError,
    "http": APIError,
    "connection": ConnectionError,
    "timeout": ConnectionError,
    "tls": TLSError,
    "outcome_unknown": OutcomeUnknownError,
    "bad_response": APIError,
    "no_memory": Error,
    "signature": SignatureError,
    # A started call cancelled (fwp_call_cancel): an AsyncClient call's task gets asyncio's own
    # CancelledError instead, so this is only seen by code driving the C API itself.
    "cancelled": Error,
}


def error_for(kind: str, code: int, message: str, *, http_status: int = 0, request_id: str = "",
              idempotency_key: str = "", errors: list[dict[str, Any]] | None = None) -> Error:
    """The exception of a failure's kind (pygit2's check_error, in one place)."""
    cls = _BY_KIND.get(kind, Error)
    return cls(message, code=code, http_status=http_status, request_id=request_id,
               idempotency_key=idempotency_key, errors=errors)
