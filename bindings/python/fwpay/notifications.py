"""Payment status notifications: verify their X-Flywire-Digest and read them.

    body = request.body            # the raw bytes, before any JSON parsing
    event = fwpay.notifications.construct_event(body, request.headers["X-Flywire-Digest"], secret)
    if seen_before(event["dedup_key"]): ...

Flywire retries deliveries and signs no timestamp: remember ``dedup_key``.
"""
from __future__ import annotations

import ctypes
import json
from typing import Any

from . import _errors
from ._bridge import c_bytes, c_string
from ._native import FwpError, lib

__all__ = ["construct_event", "is_valid", "parse", "sign", "verify"]


def verify(body: bytes, digest: str, secret: str) -> None:
    """Raises :class:`fwpay.SignatureError` unless ``digest`` (the X-Flywire-Digest header)
    is Base64(HMAC-SHA256(secret, body)) of the raw ``body`` bytes; compared in constant time."""
    raw = c_bytes(body, "body")
    lib.fwp_notification_verify(raw, len(raw), c_string(digest, "digest"), c_string(secret, "secret"),
                                FwpError())


def is_valid(body: bytes, digest: str, secret: str) -> bool:
    """Whether the digest matches (``verify`` without the exception)."""
    try:
        verify(body, digest, secret)
        return True
    except _errors.SignatureError:
        return False


def parse(body: bytes) -> dict[str, Any]:
    """Reads a notification (v2 envelope, v2 without ``data.status``, or classic v1 callback)
    into one shape: ``format``, ``resource``, ``event_type``, ``event_date``, ``id``,
    ``payment_id``, ``status``, ``external_reference``, amounts as ints in subunits (a classic
    callback's "1500.00" converted by its currency; without one, ``amount`` is None and
    ``amount_text`` keeps the text), currencies, ``dedup_key`` (one per event, the same for its
    retries) and the original ``data``. No member makes it fail; only a body that is not a
    JSON object does."""
    raw = c_bytes(body, "body")
    out = ctypes.c_void_p()
    lib.fwp_notification_parse_json(raw, len(raw), ctypes.byref(out), FwpError())
    if not out.value:  # FWP_OK always comes with the text
        raise _errors.InvalidArgumentError("the library answered no event", code=_errors.INVALID_ARGUMENT)
    try:
        event: dict[str, Any] = json.loads(ctypes.string_at(out.value))
        return event
    finally:
        lib.fwp_free(out)


def construct_event(body: bytes, digest: str, secret: str) -> dict[str, Any]:
    """``verify`` then ``parse``: the way to handle a delivery."""
    verify(body, digest, secret)
    return parse(body)


def sign(body: bytes, secret: str) -> str:
    """The X-Flywire-Digest Flywire would send for ``body`` (to test a receiver)."""
    raw = c_bytes(body, "body")
    text = ctypes.c_void_p()
    lib.fwp_notification_sign(raw, len(raw), c_string(secret, "secret"), ctypes.byref(text), FwpError())
    try:
        return ctypes.string_at(text).decode("ascii")
    finally:
        lib.fwp_free(text)


