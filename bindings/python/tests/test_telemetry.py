"""Telemetry: with opentelemetry installed, each call is exactly one CLIENT span (retries inside
it) with the HTTP semantic conventions' attributes, and one measurement of
http.client.request.duration; an in-memory exporter and reader see them."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import Any, Iterator

import pytest

import fwpay

trace = pytest.importorskip("opentelemetry.trace")
from opentelemetry import metrics  # noqa: E402
from opentelemetry.sdk.metrics import MeterProvider  # noqa: E402
from opentelemetry.sdk.metrics.export import InMemoryMetricReader  # noqa: E402
from opentelemetry.sdk.trace import TracerProvider  # noqa: E402
from opentelemetry.sdk.trace.export import SimpleSpanProcessor  # noqa: E402
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter  # noqa: E402
from opentelemetry.semconv._incubating.attributes.url_attributes import URL_TEMPLATE  # noqa: E402
from opentelemetry.semconv.attributes.error_attributes import ERROR_TYPE  # noqa: E402
from opentelemetry.semconv.attributes.http_attributes import (  # noqa: E402
    HTTP_REQUEST_METHOD, HTTP_REQUEST_RESEND_COUNT, HTTP_RESPONSE_STATUS_CODE)
from opentelemetry.semconv.attributes.server_attributes import SERVER_ADDRESS, SERVER_PORT  # noqa: E402
from opentelemetry.semconv.metrics.http_metrics import HTTP_CLIENT_REQUEST_DURATION  # noqa: E402
from opentelemetry.trace import SpanKind, StatusCode  # noqa: E402

# A process has one global provider of each kind: these, set once for this module's worker.
_exporter = InMemorySpanExporter()
_reader = InMemoryMetricReader()


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider()
        provider.add_span_processor(SimpleSpanProcessor(_exporter))
        trace.set_tracer_provider(provider)
        metrics.set_meter_provider(MeterProvider(metric_readers=[_reader]))
    _exporter.clear()
    _reader.get_metrics_data()  # forget earlier measurements (cumulative points stay; counted below)
    yield _exporter


def fwpay_spans(exporter: InMemorySpanExporter) -> list[Any]:
    return [span for span in exporter.get_finished_spans() if span.instrumentation_scope.name == "fwpay"]


def duration_points() -> list[Any]:
    data = _reader.get_metrics_data()
    points = []
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == HTTP_CLIENT_REQUEST_DURATION:
                    assert metric.unit == "s"
                    points += metric.data.data_points
    return points


def port_of(url: str) -> int:
    return int(url.split(":")[2].split("/")[0])


def test_one_span_per_call_with_the_conventions_attributes(sandbox: Any, spans: InMemorySpanExporter) -> None:
    tracer = trace.get_tracer("checkout")
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        with tracer.start_as_current_span("checkout") as parent:
            assert client.recipients.get("FWU")["id"] == "FWU"
    [span] = fwpay_spans(spans)
    assert span.name == "GET /recipients/{recipient_id}"
    assert span.kind == SpanKind.CLIENT
    assert span.parent is not None and span.parent.span_id == parent.get_span_context().span_id
    assert span.context.trace_id == parent.get_span_context().trace_id
    conventional = {name: value for name, value in span.attributes.items() if not name.startswith("fwpay.")}
    assert conventional == {
        HTTP_REQUEST_METHOD: "GET", URL_TEMPLATE: "/recipients/{recipient_id}", SERVER_ADDRESS: "127.0.0.1",
        SERVER_PORT: port_of(sandbox.base_url), HTTP_RESPONSE_STATUS_CODE: 200}
    assert span.attributes["fwpay.request_id"]
    assert span.status.status_code == StatusCode.UNSET
    assert 0 < span.end_time - span.start_time < 10 * 10**9
    assert sandbox.api_key not in str(span.to_json())


def test_retries_are_inside_the_one_span(sandbox: Any, spans: InMemorySpanExporter) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        client.sandbox.add_fault(kind="error", path="/recipients", status=503)
        assert next(iter(client.recipients.list()))["id"]
    [listed] = [span for span in fwpay_spans(spans) if span.name == "GET /recipients"]
    assert listed.attributes[HTTP_REQUEST_RESEND_COUNT] == 1
    assert listed.attributes[HTTP_RESPONSE_STATUS_CODE] == 200 and ERROR_TYPE not in listed.attributes
    # The control call is a span of its own, named by its template (sandbox-only).
    assert [span.name for span in fwpay_spans(spans)] == ["POST /sandbox/faults", "GET /recipients"]


def test_failures_set_error_type_and_status(sandbox: Any, spans: InMemorySpanExporter) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        with pytest.raises(fwpay.NotFoundError):
            client.recipients.get("XYZ")
    with fwpay.Client(api_key="k", base_url="http://127.0.0.1:9/payments/v1", max_retries=0) as unreachable:
        with pytest.raises(fwpay.ConnectionError):
            unreachable.orders.get("ORD1")
    missing, refused = fwpay_spans(spans)
    assert missing.attributes[ERROR_TYPE] == "404" and missing.attributes[HTTP_RESPONSE_STATUS_CODE] == 404
    assert missing.status.status_code == StatusCode.ERROR
    assert refused.name == "GET /orders/{order_id}"
    assert refused.attributes[ERROR_TYPE] == "connection" and HTTP_RESPONSE_STATUS_CODE not in refused.attributes
    assert refused.attributes[SERVER_PORT] == 9 and refused.status.status_code == StatusCode.ERROR


def test_the_duration_histogram(sandbox: Any, spans: InMemorySpanExporter) -> None:
    def answered() -> list[Any]:
        return [point for point in duration_points() if point.attributes.get(URL_TEMPLATE) == "/recipients/{recipient_id}"
                and point.attributes.get(HTTP_RESPONSE_STATUS_CODE) == 200]

    before = sum(point.count for point in answered())  # the points are cumulative
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
        for _ in range(3):
            client.recipients.get("FWU")
    points = answered()
    assert sum(point.count for point in points) - before == 3
    assert all(0 < point.min and point.max < 10 for point in points)
    assert points[0].attributes[HTTP_REQUEST_METHOD] == "GET" and points[0].attributes[SERVER_ADDRESS] == "127.0.0.1"
    assert points[0].explicit_bounds[0] == 0.005


def test_async_calls_are_children_of_the_callers_span(sandbox: Any, spans: InMemorySpanExporter) -> None:
    tracer = trace.get_tracer("checkout")

    async def main() -> list[int]:
        async with fwpay.AsyncClient(api_key=sandbox.api_key, base_url=sandbox.base_url) as client:
            ids = []
            for name in ("first", "second"):
                with tracer.start_as_current_span(name) as parent:
                    await asyncio.gather(client.recipients.get("FWU"), client.offers.list(recipient="FWU", amount=1000, country="ES"))
                    ids.append(parent.get_span_context().span_id)
            return ids

    first, second = asyncio.run(main())
    parents = sorted(span.parent.span_id == first for span in fwpay_spans(spans))
    assert parents == [False, False, True, True]
    assert all(span.parent.span_id in (first, second) for span in fwpay_spans(spans))


def test_telemetry_false_makes_no_span(sandbox: Any, spans: InMemorySpanExporter) -> None:
    with fwpay.Client(api_key=sandbox.api_key, base_url=sandbox.base_url, telemetry=False) as client:
        client.recipients.get("FWU")
    assert fwpay_spans(spans) == []


def test_without_opentelemetry_no_callback_is_given(sandbox: Any) -> None:
    script = ("import sys; sys.modules['opentelemetry'] = None\n"
              "import fwpay, fwpay._telemetry as t\n"
              "assert t.EVENT_CALLBACK is None\n"
              f"c = fwpay.Client(api_key={sandbox.api_key!r}, base_url={sandbox.base_url!r})\n"
              "print(c.recipients.get('FWU')['id'])\n")
    package = os.path.dirname(os.path.dirname(os.path.abspath(fwpay.__file__)))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": package})
    assert done.returncode == 0 and done.stdout.strip() == "FWU", done.stderr
