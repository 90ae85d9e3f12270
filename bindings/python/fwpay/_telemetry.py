"""The library's call events (fwp_event) as OpenTelemetry spans and a duration histogram.

When ``opentelemetry-api`` is importable, each call of a client becomes one CLIENT span named
after the operation ("GET /recipients/{recipient_id}"), its retries inside it
(``http.request.resend_count``), with the HTTP semantic conventions' attributes, and its duration is recorded in the
``http.client.request.duration`` histogram. Spans and metrics go to whatever provider the
program set up (none set: OpenTelemetry's no-op). Without the package, no callback is given
to the library and telemetry costs nothing.
"""
from __future__ import annotations

import logging
from typing import Any

from . import _abi
from ._started import started_contexts

try:
    from opentelemetry import metrics, trace
    from opentelemetry.trace import SpanKind, Status, StatusCode

    # The API's stand-ins until a program sets its providers: then there is nothing to record.
    _UNSET_PROVIDERS: tuple[type, ...] = (trace.ProxyTracerProvider, trace.NoOpTracerProvider, metrics.NoOpMeterProvider)
    try:
        from opentelemetry.metrics._internal import _ProxyMeterProvider
        _UNSET_PROVIDERS += (_ProxyMeterProvider,)
    except ImportError:  # another layout of the API: the check below then never skips
        pass
except ImportError:  # the optional dependency is absent: no telemetry
    trace = None  # type: ignore[assignment]

_logger = logging.getLogger("fwpay")

# HTTP semantic conventions' advice for http.client.request.duration, in seconds.
_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0]


def _attributes(event: Any) -> dict[str, Any]:
    """What every span and measurement of the call names: method, template, server."""
    attributes = {"http.request.method": event.method.decode(),
                  "server.address": event.server_address.decode(),
                  "server.port": event.server_port}
    if event.url_template:
        attributes["url.template"] = event.url_template.decode()
    return attributes


def _error_type(event: Any) -> str | None:
    """error.type as the conventions say: the status code of an error answer, else the kind."""
    if event.http_status >= 400:
        return str(event.http_status)
    if event.error != _abi.FWP_OK:
        return event.error_type.decode() if event.error_type else "_OTHER"
    return None


class _OpenTelemetry:
    """Turns a call's end (the one event asked of the library: each ctypes callback costs) into
    its span and measurement, on the thread making the call, in the caller's context."""

    def __init__(self) -> None:
        self.tracer = trace.get_tracer("fwpay", _abi.FWP_VERSION_STRING)
        meter = metrics.get_meter("fwpay", _abi.FWP_VERSION_STRING)
        self.duration = meter.create_histogram(
            "http.client.request.duration", unit="s", description="Duration of HTTP client requests.",
            explicit_bucket_boundaries_advisory=_DURATION_BUCKETS)

    def __call__(self, address: int, _userdata: Any) -> None:
        try:
            # No provider set up yet (the API alone): skip the mapping, which would record nothing.
            if isinstance(trace.get_tracer_provider(), _UNSET_PROVIDERS) and isinstance(metrics.get_meter_provider(), _UNSET_PROVIDERS):
                return
            event = _abi.fwp_event.from_address(address)
            # A started call's end comes on the library's I/O thread: its span belongs in the
            # context the call was started in (AsyncClient), found by the call's tag.
            context = started_contexts.get(event.tag) if event.tag else None
            if context is not None:
                context.run(self.ended, event)
            else:
                self.ended(event)
        except Exception:  # telemetry must never break a payment call
            _logger.debug("fwpay telemetry failed", exc_info=True)

    def ended(self, event: Any) -> None:
        attributes = _attributes(event)
        if event.http_status:
            attributes["http.response.status_code"] = event.http_status
        error = _error_type(event)
        if error is not None:
            attributes["error.type"] = error
        self.duration.record(event.duration_ms / 1000, attributes)
        method = attributes["http.request.method"]
        name = f"{method} {attributes['url.template']}" if "url.template" in attributes else method
        # Everything the span says is given when it starts (each later change takes the span's
        # lock), in a dict of its own: the measurement may keep the one it was given. The SDK
        # checks every attribute of every span, so the span carries the conventions' and the
        # request id only; libcurl's timings stay in the events (fwp_event, Node's onEvent).
        described = dict(attributes)
        if event.attempt > 1:
            described["http.request.resend_count"] = event.attempt - 1
        if event.request_id:
            described["fwpay.request_id"] = event.request_id.decode()
        finished = event.time_unix_nano
        # The span starts when the call did (its measured duration before the end), as a child
        # of the caller's current span: this runs on the caller's thread, in its context.
        span = self.tracer.start_span(name, kind=SpanKind.CLIENT, attributes=described,
                                      start_time=finished - int(event.duration_ms * 1_000_000))
        if error is not None:
            span.set_status(Status(StatusCode.ERROR))
        span.end(end_time=finished)


# Kept at module level: the library calls it for as long as clients (and their iterators) live.
EVENT_CALLBACK = _abi.fwp_event_callback(_OpenTelemetry()) if trace is not None else None
