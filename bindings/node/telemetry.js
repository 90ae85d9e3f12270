'use strict';
// The library's call events (fwp_event) as OpenTelemetry spans and the
// http.client.request.duration histogram, when @opentelemetry/api can be required (an optional
// dependency: without it nothing is recorded and the library is given no event callback).
// A call's events come with its answer, after the fact, so each span is made with the times
// the library measured and the context that was active when the call was made.

let api = null;
try {
  api = require('@opentelemetry/api');
} catch {
  api = null;
}

// HTTP semantic conventions' advice for http.client.request.duration, in seconds.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

let instruments = null;
function instrumentsOf(version) {
  if (!instruments) {
    instruments = {
      tracer: api.trace.getTracer('fwpay', version),
      duration: api.metrics.getMeter('fwpay', version).createHistogram('http.client.request.duration', {
        unit: 's', description: 'Duration of HTTP client requests.', advice: { explicitBucketBoundaries: DURATION_BUCKETS } }),
    };
  }
  return instruments;
}

/** [seconds, nanoseconds] since the epoch: OpenTelemetry's HrTime, exact to the nanosecond. */
function hrTime(nanoseconds) {
  return [Number(nanoseconds / 1000000000n), Number(nanoseconds % 1000000000n)];
}

/** error.type as the conventions say: the status code of an error answer, else the kind. */
function errorType(event) {
  if (event.httpStatus >= 400) return String(event.httpStatus);
  if (event.error !== 0) return event.errorType || '_OTHER';
  return undefined;
}

function callAttributes(event) {
  const attributes = { 'http.request.method': event.method, 'server.address': event.serverAddress, 'server.port': event.serverPort };
  if (event.urlTemplate) attributes['url.template'] = event.urlTemplate;
  return attributes;
}

function outcome(attributes, event) {
  if (event.httpStatus) attributes['http.response.status_code'] = event.httpStatus;
  const error = errorType(event);
  if (error !== undefined) attributes['error.type'] = error;
  return error;
}

/** One call's span and measurement, from its start, attempts and end. */
function emit({ tracer, duration }, start, attempts, end, parent) {
  const attributes = callAttributes(start);
  const name = start.urlTemplate ? `${start.method} ${start.urlTemplate}` : start.method;
  const span = tracer.startSpan(name, { kind: api.SpanKind.CLIENT, startTime: hrTime(start.timeUnixNano), attributes }, parent);
  const ended = { ...attributes };
  const error = outcome(ended, end);
  duration.record(end.durationMs / 1000, ended);
  if (!span.isRecording()) {
    span.end(hrTime(end.timeUnixNano));
    return;
  }
  for (const attempt of attempts) {
    const detail = { 'fwpay.attempt': attempt.attempt, 'fwpay.new_connection': attempt.newConnection,
      'fwpay.dns_ms': attempt.dnsMs, 'fwpay.connect_ms': attempt.connectMs, 'fwpay.tls_ms': attempt.tlsMs,
      'fwpay.first_byte_ms': attempt.firstByteMs };
    outcome(detail, attempt);
    span.addEvent('fwpay.attempt', detail, hrTime(attempt.timeUnixNano));
  }
  if (end.attempt > 1) ended['http.request.resend_count'] = end.attempt - 1;
  if (end.requestId) ended['fwpay.request_id'] = end.requestId;
  span.setAttributes(ended);
  if (error !== undefined) span.setStatus({ code: api.SpanStatusCode.ERROR });
  span.end(hrTime(end.timeUnixNano));
}

/** The events of one fwp_call (several calls when it walks pages), in order, as spans. */
function record(events, parent, version) {
  const open = new Map();
  for (const event of events) {
    if (event.type === 'callStart') {
      open.set(event.callId, { start: event, attempts: [] });
    } else if (event.type === 'attemptEnd') {
      const call = open.get(event.callId);
      if (call) call.attempts.push(event);
    } else if (event.type === 'callEnd') {
      const call = open.get(event.callId);
      if (!call) continue;
      open.delete(event.callId);
      emit(instrumentsOf(version), call.start, call.attempts, event, parent);
    }
  }
}

module.exports = {
  /** Whether @opentelemetry/api was found. */
  available: api !== null,
  /** The context a call is made in: its spans are children of the span active there. */
  activeContext: () => (api ? api.context.active() : undefined),
  record,
};
