'use strict';
// Telemetry: each call's events reach onEvent; with @opentelemetry/api importable, each call is
// one CLIENT span (retries inside it) with the HTTP semantic conventions' attributes, and one
// http.client.request.duration measurement. tests/bindings/run.sh starts the sandbox.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const fwpay = require('..');

const BASE = process.env.FWPAY_BASE_URL;
const KEY = process.env.FWPAY_API_KEY;
const PORT = Number(new URL(BASE).port);

test('onEvent receives a start, each attempt and the end of every call', async () => {
  const events = [];
  const client = new fwpay.Client({ apiKey: KEY, baseUrl: BASE, onEvent: (event) => {
    events.push(event);
    throw new Error('a throwing listener is ignored');
  } });
  const recipient = await client.recipients.get('FWU');
  assert.equal(recipient.id, 'FWU');
  assert.deepEqual(events.map((event) => event.type), ['callStart', 'attemptEnd', 'callEnd']);
  const [start, attempt, end] = events;
  assert.ok(start.callId > 0 && start.callId === end.callId && attempt.callId === end.callId);
  assert.equal(start.urlTemplate, '/recipients/{recipient_id}');
  assert.equal(start.method, 'GET');
  assert.equal(start.serverAddress, '127.0.0.1');
  assert.equal(start.serverPort, PORT);
  assert.equal(typeof start.timeUnixNano, 'bigint');
  assert.ok(end.timeUnixNano >= start.timeUnixNano);
  assert.equal(attempt.attempt, 1);
  assert.equal(attempt.httpStatus, 200);
  assert.ok(attempt.firstByteMs > 0 && attempt.newConnection === true, JSON.stringify(attempt, (k, v) => typeof v === 'bigint' ? String(v) : v));
  assert.ok(end.durationMs >= attempt.durationMs);
  assert.equal(end.requestId, recipient.response.requestId);

  events.length = 0;
  await assert.rejects(client.payments.get('FWU000000001'), fwpay.NotFoundError);
  assert.equal(events.at(-1).type, 'callEnd');
  assert.equal(events.at(-1).errorType, 'not_found');
  assert.equal(events.at(-1).httpStatus, 404);

  events.length = 0;
  const pages = [];
  for await (const item of client.recipients.list({ perPage: 100 })) pages.push(item.id);
  assert.ok(pages.includes('FWU'));
  assert.equal(events[0].urlTemplate, '/recipients');
  assert.equal(events.filter((event) => event.type === 'callEnd').length, events.filter((event) => event.type === 'callStart').length);
  assert.throws(() => new fwpay.Client({ apiKey: KEY, baseUrl: BASE, onEvent: 'spans' }), TypeError);
});

test('without @opentelemetry/api, a client made without onEvent reports nothing', async () => {
  assert.equal(require('../telemetry').available, false);
  const client = new fwpay.Client({ apiKey: KEY, baseUrl: BASE });
  const recipient = await client.recipients.get('FWU');
  assert.equal(recipient.id, 'FWU');
  assert.equal(client._traced, false);
});

test('with @opentelemetry/api, one CLIENT span per call and the duration histogram', () => {
  const fixtures = path.join(__dirname, '..', '..', '..', 'tests', 'bindings', 'node_otel');
  const output = execFileSync(process.execPath, [path.join(fixtures, 'otel-child.js')], {
    env: { ...process.env, NODE_PATH: path.join(fixtures, 'otel-api') }, encoding: 'utf8', timeout: 60000 });
  const { parentId, spans, measurements, instruments } = JSON.parse(output);
  assert.deepEqual(spans.map((span) => span.name), ['GET /recipients/{recipient_id}', 'POST /sandbox/faults', 'GET /recipients',
    'GET /recipients/{recipient_id}', 'GET /orders/{order_id}']);  // telemetry: false made none
  const CLIENT = 2;
  const [get, , listed, missing, refused] = spans;
  assert.ok(spans.every((span) => span.kind === CLIENT));
  assert.ok(spans.slice(0, 4).every((span) => span.parentId === parentId), 'children of the span active at the call');
  assert.deepEqual(get.attributes, { 'http.request.method': 'GET', 'url.template': '/recipients/{recipient_id}',
    'server.address': '127.0.0.1', 'server.port': PORT, 'http.response.status_code': 200,
    'fwpay.request_id': get.attributes['fwpay.request_id'] });
  assert.ok(get.attributes['fwpay.request_id']);
  assert.equal(get.status.code, 0);
  assert.equal(get.events.length, 1);
  assert.ok(get.events[0].attributes['fwpay.first_byte_ms'] > 0);
  const nanos = ([seconds, nanoseconds]) => BigInt(seconds) * 1000000000n + BigInt(nanoseconds);
  assert.ok(nanos(get.startTime) <= nanos(get.events[0].time) && nanos(get.events[0].time) <= nanos(get.endTime));

  assert.equal(listed.attributes['http.request.resend_count'], 1);
  assert.deepEqual(listed.events.map((event) => event.attributes['http.response.status_code']), [503, 200]);
  assert.equal(listed.events[0].attributes['error.type'], '503');
  assert.equal(listed.attributes['error.type'], undefined);

  assert.equal(missing.attributes['error.type'], '404');
  assert.equal(missing.status.code, 2);
  assert.equal(refused.attributes['error.type'], 'connection');
  assert.equal(refused.attributes['http.response.status_code'], undefined);
  assert.equal(refused.parentId, null);
  assert.ok(!JSON.stringify(spans).includes(KEY));

  assert.deepEqual(instruments.map((instrument) => [instrument.meter, instrument.name, instrument.options.unit]),
    [['fwpay', 'http.client.request.duration', 's']]);
  assert.equal(measurements.length, spans.length);
  const measured = measurements[0];
  assert.ok(measured.value > 0 && measured.value < 10);
  assert.deepEqual(Object.keys(measured.attributes).sort(), ['http.request.method', 'http.response.status_code', 'server.address',
    'server.port', 'url.template']);
});
