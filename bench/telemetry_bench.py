"""What telemetry costs a Python GET, in alternating rounds on one sandbox: a client with
telemetry off (no event callback given to the library); the default with opentelemetry-api
importable but no SDK set up (OpenTelemetry's no-op); and with the SDK's TracerProvider and
MeterProvider, spans going through a SimpleSpanProcessor to an exporter that drops them.
Also what the SDK itself costs per call, outside any HTTP: one span with the same
attributes started and ended, and one histogram measurement (what any instrumentation of a
call pays). Prints JSON of latencies in microseconds.

    python3 bench/telemetry_bench.py BASE_URL API_KEY PAYMENT_REF ITERATIONS"""
from __future__ import annotations

import json
import sys
import time
from typing import Any, Callable, Sequence

ROUNDS = 10


def main() -> None:
    base_url, api_key, reference, iterations = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    import fwpay
    from opentelemetry import metrics, trace
    from opentelemetry.sdk.metrics import MeterProvider
    from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor, SpanExporter, SpanExportResult

    class DroppingExporter(SpanExporter):
        def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
            return SpanExportResult.SUCCESS

    off = fwpay.Client(api_key=api_key, base_url=base_url, telemetry=False)
    default = fwpay.Client(api_key=api_key, base_url=base_url)
    calls: dict[str, Callable[[], Any]] = {
        "telemetry_off": lambda: off.payments.get(reference),
        "opentelemetry_api_no_sdk": lambda: default.payments.get(reference),
    }
    latencies: dict[str, list[float]] = {name: [] for name in calls}
    per_round = max(1, iterations // ROUNDS)

    def rounds(names: list[str]) -> None:
        for name in names:
            for _ in range(20):
                calls[name]()
        for _ in range(ROUNDS):
            for name in names:
                call, into = calls[name], latencies[name]
                for _ in range(per_round):
                    start = time.perf_counter()
                    call()
                    into.append((time.perf_counter() - start) * 1e6)

    rounds(list(calls))
    # The SDK is process-wide once set: the first rounds ran without it, these run with it,
    # beside telemetry off again so that the ratio is taken in the same minutes.
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(DroppingExporter()))
    trace.set_tracer_provider(provider)
    metrics.set_meter_provider(MeterProvider())
    calls["telemetry_off_beside_sdk"] = calls["telemetry_off"]
    calls["opentelemetry_sdk_dropping_exporter"] = lambda: default.payments.get(reference)
    latencies["telemetry_off_beside_sdk"] = []
    latencies["opentelemetry_sdk_dropping_exporter"] = []
    rounds(["telemetry_off_beside_sdk", "opentelemetry_sdk_dropping_exporter"])

    tracer = trace.get_tracer("bench")
    histogram = metrics.get_meter("bench").create_histogram("http.client.request.duration", unit="s")
    attributes = {"http.request.method": "GET", "url.template": "/payments/{payment_reference}",
                  "server.address": "127.0.0.1", "server.port": 8080, "http.response.status_code": 200}
    alone: list[float] = []
    for _ in range(per_round * ROUNDS):
        start = time.perf_counter()
        span = tracer.start_span("GET /payments/{payment_reference}", kind=trace.SpanKind.CLIENT, attributes=attributes)
        span.end()
        histogram.record(0.001, attributes)
        alone.append((time.perf_counter() - start) * 1e6)
    latencies["sdk_span_and_measurement_alone"] = alone
    json.dump(latencies, sys.stdout)


if __name__ == "__main__":
    main()
