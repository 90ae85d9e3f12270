"""client.sandbox: fwpay-sandbox's control API (sandbox-only; Flywire's API has none of it)."""
from __future__ import annotations

import urllib.parse
from typing import Any, Callable

from ._bridge import c_string, invalid

Json = dict[str, Any]


def sandbox_root(base_url: str) -> str | None:
    """The root of a sandbox's base URL, where /sandbox is; None for Flywire's own."""
    if "flywire.com" in base_url:
        return None
    root = base_url.rstrip("/")
    return root.removesuffix("/payments/v1")


class Sandbox:
    """The sandbox's clock, transitions, faults, reset, request log and notifications, for a
    client of a fwpay-sandbox (``fwpay.Client(base_url="http://127.0.0.1:8080/payments/v1")``).
    Each call goes to ``/sandbox/...`` beside the API, with the same key."""

    def __init__(self, make_client: Callable[[], Any] | None) -> None:
        self._make_client = make_client
        self._client: Any = None

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        if self._make_client is None:
            raise invalid("client.sandbox is fwpay-sandbox's control API; this client's base URL is Flywire's")
        if self._client is None:
            self._client = self._make_client()
        return self._client.request(method, path, body)

    @staticmethod
    def _segment(value: str, name: str) -> str:
        c_string(value, name)
        return urllib.parse.quote(value, safe="")

    def clock(self) -> Json:
        """``{"now", "offset_seconds"}``: this client's clock (each client of a sandbox has its own)."""
        return self._call("GET", "/sandbox/clock")  # type: ignore[no-any-return]

    def advance(self, *, seconds: float = 0, minutes: float = 0, hours: float = 0, days: float = 0) -> Json:
        """Moves this client's clock on and makes every change of its that falls due (holds expire, payments
        move on, their notifications go out): ``{"now", "offset_seconds", "transitions"}``."""
        body = {unit: value for unit, value in (("seconds", seconds), ("minutes", minutes), ("hours", hours), ("days", days)) if value}
        return self._call("POST", "/sandbox/clock/advance", body)  # type: ignore[no-any-return]

    def transition(self, reference: str, status: str, *, reason: str | None = None) -> Json:
        """Moves a payment to a status its lifecycle allows, now; returns the payment."""
        body: Json = {"status": status}
        if reason is not None:
            body["reason"] = reason
        return self._call("POST", f"/sandbox/payments/{self._segment(reference, 'reference')}/transition", body)  # type: ignore[no-any-return]

    def refund_transition(self, refund_id: str, status: str) -> Json:
        """Moves a refund to a status its lifecycle allows, now; returns the refund."""
        return self._call("POST", f"/sandbox/refunds/{self._segment(refund_id, 'refund_id')}/transition", {"status": status})  # type: ignore[no-any-return]

    def add_fault(self, *, kind: str, path: str = "/", method: str | None = None, count: int = 1,
                  latency_ms: int | None = None, status: int | None = None) -> Json:
        """Injects a fault into this client's next ``count`` requests under ``path``: kind
        ``latency``, ``error``, ``rate_limit``, ``drop_before`` or ``drop_after``."""
        body: Json = {"kind": kind, "path": path, "count": count}
        for name, value in (("method", method), ("latency_ms", latency_ms), ("status", status)):
            if value is not None:
                body[name] = value
        return self._call("POST", "/sandbox/faults", body)  # type: ignore[no-any-return]

    def faults(self) -> list[Json]:
        return self._call("GET", "/sandbox/faults")["faults"]  # type: ignore[no-any-return]

    def clear_faults(self) -> None:
        self._call("DELETE", "/sandbox/faults")

    def reset(self) -> Json:
        """Deletes this client's data (orders, payments, sessions, saved cards, refunds,
        bundles, notifications, idempotency keys, faults, request log) and puts its clock back
        to real time: ``{"deleted": {...}}``."""
        return self._call("POST", "/sandbox/reset")  # type: ignore[no-any-return]

    def requests(self, *, request_id: str | None = None, limit: int | None = None) -> list[Json]:
        """This client's last requests, newest first: method, path, status, request_id,
        idempotency_key, replayed, duration_ms, and the problem of an error."""
        query = urllib.parse.urlencode({k: v for k, v in (("request_id", request_id), ("limit", limit)) if v is not None})
        return self._call("GET", "/sandbox/requests" + (f"?{query}" if query else ""))["requests"]  # type: ignore[no-any-return]

    def notifications(self, *, resource_id: str | None = None) -> list[Json]:
        """This client's notifications, newest first, with their delivery attempts."""
        query = f"?resource_id={urllib.parse.quote(resource_id, safe='')}" if resource_id else ""
        return self._call("GET", "/sandbox/notifications" + query)["notifications"]  # type: ignore[no-any-return]

    def resend(self, notification_id: int) -> Json:
        """Queues a notification again, now (the same body and digest to the same URL)."""
        if isinstance(notification_id, bool) or not isinstance(notification_id, int):
            raise TypeError(f"notification_id must be an int, not {type(notification_id).__name__}")
        return self._call("POST", f"/sandbox/notifications/{notification_id}/resend")  # type: ignore[no-any-return]

    def listener(self) -> str | None:
        """The URL `fwpay listen` registered for this client while it runs, else None."""
        return self._call("GET", "/sandbox/listener")["url"]  # type: ignore[no-any-return]

    def settings(self, **changes: str) -> Json:
        """This client's sandbox settings; keyword arguments change them
        (``notification_format="classic"``)."""
        return self._call("POST" if changes else "GET", "/sandbox/settings", changes or None)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
