"""client.sandbox: fwpay-sandbox's control API (sandbox-only; Flywire's API has none of it),
through the library's sandbox_* operations (the same the other bindings' generated faces call),
with Python's keyword arguments."""
from __future__ import annotations

import ctypes
from typing import Any

from ._bridge import call_text

Json = dict[str, Any]


class Sandbox:
    """The sandbox's clock, transitions, faults, reset, request log and notifications, for a
    client of a fwpay-sandbox (``fwpay.Client(base_url="http://127.0.0.1:8080/payments/v1")``).
    Each call goes to ``/sandbox/...`` beside the API, with the same key; the library refuses
    them for Flywire's base URLs (InvalidArgumentError)."""

    def __init__(self, handle: ctypes.c_void_p, owner: object = None) -> None:
        self._handle = handle
        self._owner = owner  # the Client, kept alive while its namespace is

    def _call(self, operation: str, arguments: dict[str, Any] | None = None) -> Any:
        return call_text(self._handle, operation, arguments or {}, None, None, None)  # type: ignore[arg-type]

    def clock(self) -> Json:
        """``{"now", "offset_seconds"}``: this client's clock (each client of a sandbox has its own)."""
        return self._call("sandbox_clock")  # type: ignore[no-any-return]

    def advance(self, *, seconds: float = 0, minutes: float = 0, hours: float = 0, days: float = 0) -> Json:
        """Moves this client's clock on and makes every change of its that falls due (holds expire, payments
        move on, their notifications go out): ``{"now", "offset_seconds", "transitions"}``."""
        body = {unit: value for unit, value in (("seconds", seconds), ("minutes", minutes), ("hours", hours), ("days", days)) if value}
        return self._call("sandbox_advance", {"parameters": body})  # type: ignore[no-any-return]

    def transition(self, reference: str, status: str, *, reason: str | None = None) -> Json:
        """Moves a payment to a status its lifecycle allows, now; returns the payment."""
        body: Json = {"status": status}
        if reason is not None:
            body["reason"] = reason
        return self._call("sandbox_transition", {"payment_reference": reference, "parameters": body})  # type: ignore[no-any-return]

    def refund_transition(self, refund_id: str, status: str) -> Json:
        """Moves a refund to a status its lifecycle allows, now; returns the refund."""
        return self._call("sandbox_refund_transition", {"refund_id": refund_id, "parameters": {"status": status}})  # type: ignore[no-any-return]

    def add_fault(self, *, kind: str, path: str = "/", method: str | None = None, count: int = 1,
                  latency_ms: int | None = None, status: int | None = None) -> Json:
        """Injects a fault into this client's next ``count`` requests under ``path``: kind
        ``latency``, ``error``, ``rate_limit``, ``drop_before`` or ``drop_after``."""
        body: Json = {"kind": kind, "path": path, "count": count}
        for name, value in (("method", method), ("latency_ms", latency_ms), ("status", status)):
            if value is not None:
                body[name] = value
        return self._call("sandbox_add_fault", {"parameters": body})  # type: ignore[no-any-return]

    def faults(self) -> list[Json]:
        return self._call("sandbox_faults")["faults"]  # type: ignore[no-any-return]

    def clear_faults(self) -> None:
        self._call("sandbox_clear_faults")

    def reset(self) -> Json:
        """Deletes this client's data (orders, payments, sessions, saved cards, refunds,
        bundles, notifications, idempotency keys, faults, request log) and puts its clock back
        to real time: ``{"deleted": {...}}``."""
        return self._call("sandbox_reset")  # type: ignore[no-any-return]

    def requests(self, *, request_id: str | None = None, limit: int | None = None) -> list[Json]:
        """This client's last requests, newest first: method, path, status, request_id,
        idempotency_key, replayed, duration_ms, and the problem of an error."""
        parameters = {k: v for k, v in (("request_id", request_id), ("limit", limit)) if v is not None}
        return self._call("sandbox_requests", {"parameters": parameters})["requests"]  # type: ignore[no-any-return]

    def notifications(self, *, resource_id: str | None = None) -> list[Json]:
        """This client's notifications, newest first, with their delivery attempts."""
        parameters = {"resource_id": resource_id} if resource_id else {}
        return self._call("sandbox_notifications", {"parameters": parameters})["notifications"]  # type: ignore[no-any-return]

    def resend(self, notification_id: int) -> Json:
        """Queues a notification again, now (the same body and digest to the same URL)."""
        if isinstance(notification_id, bool) or not isinstance(notification_id, int):
            raise TypeError(f"notification_id must be an int, not {type(notification_id).__name__}")
        return self._call("sandbox_resend", {"notification_id": notification_id})  # type: ignore[no-any-return]

    def listener(self) -> str | None:
        """The URL `fwpay listen` registered for this client while it runs, else None."""
        return self._call("sandbox_listener")["url"]  # type: ignore[no-any-return]

    def settings(self, **changes: str) -> Json:
        """This client's sandbox settings; keyword arguments change them
        (``notification_format="classic"``)."""
        if changes:
            return self._call("sandbox_change_settings", {"parameters": changes})  # type: ignore[no-any-return]
        return self._call("sandbox_settings")  # type: ignore[no-any-return]
