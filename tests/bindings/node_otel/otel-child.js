'use strict';
// Run by bindings/node/test/telemetry.test.js with NODE_PATH naming the @opentelemetry/api stand-in: makes calls
// inside a span of its own and prints what the API recorded.
const api = require('@opentelemetry/api');
const fwpay = require('../../../bindings/node');

async function main() {
  const client = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: process.env.FWPAY_BASE_URL });
  const tracer = api.trace.getTracer('checkout');
  const parent = tracer.startSpan('checkout');
  await api.context.with(api.trace.setSpan(api.context.active(), parent), async () => {
    await client.recipients.get('FWU');
    await client.sandbox.addFault({ kind: 'error', path: '/recipients', status: 503 });
    for await (const recipient of client.recipients.list()) { if (recipient) break; }
    await client.recipients.get('XYZ').catch(() => {});
  });
  parent.end();
  const unreachable = new fwpay.Client({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/payments/v1', maxRetries: 0 });
  await unreachable.orders.get('ORD1').catch(() => {});
  const quiet = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: process.env.FWPAY_BASE_URL, telemetry: false });
  await quiet.recipients.get('FWU');
  const { spans, measurements, instruments } = api.recorded;
  process.stdout.write(JSON.stringify({ parentId: parent.id, instruments, measurements,
    spans: spans.filter((span) => span.scope.name === 'fwpay') }));
}

main().catch((error) => { console.error(error); process.exit(1); });
