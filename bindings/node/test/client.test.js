'use strict';
// The Node binding against a fresh fwpay-sandbox (tests/bindings/run.sh starts it and sets
// FWPAY_BASE_URL, FWPAY_API_KEY and FWPAY_SANDBOX_ROOT).
const test = require('node:test');
const assert = require('node:assert/strict');
const fwpay = require('..');

const BASE = process.env.FWPAY_BASE_URL;
const KEY = process.env.FWPAY_API_KEY;
const ROOT = process.env.FWPAY_SANDBOX_ROOT;
const client = new fwpay.Client({ apiKey: KEY, baseUrl: BASE });

async function orderBody(firstName = 'Peter') {
  const offer = (await client.offers.list({ recipient: 'FWU', amount: 120000, country: 'ES' })).offers[0];
  return { payer: { first_name: firstName, last_name: 'Payer', country: 'ES', email: 'peter@example.com' },
    recipient: { id: 'FWU', fields: [{ id: 'custom_field_1', value: 'R-1' }] },
    items: [{ id: 'tuition', amount: 120000 }], offer: { id: offer.id } };
}

test('the API key never shows', () => {
  assert.ok(!require('node:util').inspect(client, { showHidden: true, depth: 5 }).includes(KEY));
});

test('log lines reach the function on the event loop', async () => {
  const lines = [];
  const logged = new fwpay.Client({ apiKey: KEY, baseUrl: BASE, logLevel: 'info', log: (level, line) => {
    lines.push(`${level} ${line}`);
    if (line.includes('404')) throw new Error('a throwing handler is dropped');
  } });
  await logged.recipients.get('FWU');
  await assert.rejects(logged.payments.get('FWU000000001'), fwpay.NotFoundError);
  await new Promise((resolve) => setImmediate(resolve));  // the lines are queued to the loop
  assert.ok(lines.some((line) => line.startsWith('info GET /recipients/FWU -> 200')), lines.join('\n'));
  assert.ok(lines.some((line) => line.startsWith('warning GET /payments/FWU000000001 -> 404')), lines.join('\n'));
  assert.ok(!lines.some((line) => line.includes(KEY)));
  assert.throws(() => new fwpay.Client({ apiKey: KEY, baseUrl: BASE, logLevel: 'loud', log: () => {} }), fwpay.InvalidArgumentError);
  assert.throws(() => new fwpay.Client({ apiKey: KEY, baseUrl: BASE, log: 'stderr' }), TypeError);
});

test('a proxy setting sends the call through the proxy', async () => {
  const proxied = new fwpay.Client({ apiKey: KEY, baseUrl: BASE, proxy: process.env.FWPAY_PROXY_URL, noProxy: '' });
  const recipient = await proxied.recipients.get('FWU');
  const seen = require('node:fs').readFileSync(process.env.FWPAY_PROXY_SEEN, 'utf8').split('\n');
  assert.equal(recipient.id, 'FWU');
  assert.ok(seen.includes(`GET ${BASE}/recipients/FWU -`), seen.join('\n'));
});

test('an untrusted certificate is a TLSError at once, naming the fix', async () => {
  const lines = [];
  const tls = new fwpay.Client({ apiKey: KEY, baseUrl: process.env.FWPAY_TLS_BASE_URL, maxRetries: 3,
    logLevel: 'debug', log: (level, line) => lines.push(line) });
  const error = await tls.recipients.get('FWU').then(() => null, (e) => e);
  assert.ok(error instanceof fwpay.TLSError && error instanceof fwpay.ConnectionError, String(error));
  assert.match(error.message, /TLS with localhost.*ca_bundle.*FWPAY_CA_BUNDLE/s);
  await new Promise((resolve) => setImmediate(resolve));  // the log lines are queued to the loop
  assert.equal(lines.filter((line) => line.startsWith('GET /recipients/FWU failed')).length, 1, lines.join('\n'));
  assert.ok(!lines.some((line) => line.startsWith('retry')), lines.join('\n'));
});

test('versions match', () => {
  assert.equal(fwpay.libraryVersion.split('.').slice(0, 2).join('.'), fwpay.version.split('.').slice(0, 2).join('.'));
});

test('order flow with an idempotency key', async () => {
  const order = await client.orders.create(await orderBody());
  const key = `node-order-${order.id}`;
  const payment = await client.orders.charge(order.id, { idempotencyKey: key });
  assert.match(payment.payment_reference, /^FWU\d{9}$/);
  const again = await client.orders.charge(order.id, { idempotencyKey: key });
  assert.equal(again.payment_reference, payment.payment_reference);
  assert.equal((await client.payments.get(payment.payment_reference)).recipient_id, 'FWU');
});

test('a pre-authorization is held, then captured', async () => {
  const session = await client.sessions.create({ type: 'one_off', recipient_id: 'FWU', schema: 'cards',
    charge_intent: { capture: 'manual', authorization: 'preauth', mode: 'one_off' },
    recipient: { fields: [{ id: 'custom_field_1', value: 'ROOM-7' }] }, items: [{ id: 'default', amount: 60000 }] });
  const answer = await fetch(session.hosted_form.url, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ first_name: 'Peter', last_name: 'Payer', email: 'peter@example.com', country: 'US',
      card_holder: 'Peter Payer', card_number: '4111 1111 1111 1111', card_expiration: '03/30', cvv: '737' }) });
  assert.equal(answer.status, 200);
  const held = await client.sessions.confirm((await answer.json()).confirm_url.url);
  const reference = held.payment_reference;
  assert.equal((await client.payments.get(reference)).status, 'authorized');
  const capture = await client.payments.capture(reference, { amount: 50000, idempotencyKey: `capture-${reference}` });
  assert.equal(capture.charge_result.status, 'received');
  assert.equal((await client.payments.get(reference)).amount_to, 50000);
});

test('a refund and its bundle', async () => {
  const order = await client.orders.create(await orderBody('SANDBOX_TO_DELIVERED_STATUS'));
  const reference = (await client.orders.charge(order.id)).payment_reference;
  const refund = await client.refunds.create(reference, { amount: 20000 }, { idempotencyKey: `refund-${reference}` });
  assert.equal(refund.amount, 20000);
  const bundle = await client.bundles.approve(refund.bundle_id);
  assert.deepEqual(bundle.refunds.map((each) => each.refund_id), [refund.refund_id]);
  const listed = [];
  for await (const each of client.refunds.list({ payment_id: reference })) listed.push(each.refund_id);
  assert.deepEqual(listed, [refund.refund_id]);
});

test('pages are walked one by one', async () => {
  for (let i = 0; i < 3; i += 1) await client.orders.charge((await client.orders.create(await orderBody())).id);
  const first = await client.payments.page({ perPage: 1 });
  assert.ok(first.total_entries >= 3);
  const seen = [];
  for await (const payment of client.payments.list({ perPage: 1 })) seen.push(payment.payment_id);
  assert.equal(seen.length, first.total_entries);
  assert.equal(new Set(seen).size, seen.length);
});

test('error classes', async () => {
  await assert.rejects(client.payments.get('FWU000000001'), (error) => error instanceof fwpay.NotFoundError
    && error instanceof fwpay.APIError && error.httpStatus === 404 && error.requestId.startsWith('req_'));
  await assert.rejects(client.orders.create({ payer: { first_name: 'P' } }),
    (error) => error instanceof fwpay.InvalidRequestError && error.errors.length > 0);
  await assert.rejects(client.payments.get(''), fwpay.InvalidArgumentError);
  await assert.rejects(client._call('payment_get', { typo: 1 }), fwpay.InvalidArgumentError);
  await assert.rejects(new fwpay.Client({ apiKey: 'wrong-key', baseUrl: BASE }).recipients.get('FWU'), fwpay.AuthenticationError);
  await assert.rejects(new fwpay.Client({ apiKey: KEY, baseUrl: 'http://127.0.0.1:1/payments/v1', maxRetries: 0 })
    .recipients.get('FWU'), fwpay.ConnectionError);
  assert.throws(() => new fwpay.Client({ apiKey: '' }), fwpay.InvalidArgumentError);
});

test('an unknown outcome carries the idempotency key', async () => {
  const control = new fwpay.Client({ apiKey: KEY, baseUrl: ROOT });
  await control.request('POST', '/sandbox/faults', { path: '/orders', method: 'POST', kind: 'drop_after', count: 1 });
  // A client of its own: one that has seen this server honour idempotency keys lets libcurl
  // resend on a kept-alive connection that died, and the replay answers.
  const fresh = new fwpay.Client({ apiKey: KEY, baseUrl: BASE });
  try {
    await assert.rejects(fresh.orders.create(await orderBody(), { idempotencyKey: 'node-unknown-1', maxRetries: 0 }),
      (error) => error instanceof fwpay.OutcomeUnknownError && error.idempotencyKey === 'node-unknown-1');
  } finally {
    await control.request('DELETE', '/sandbox/faults');
  }
  assert.ok((await client.orders.create(await orderBody(), { idempotencyKey: 'node-unknown-1' })).id);
});

test('notifications are verified and parsed', () => {
  const body = Buffer.from('{"event_type":"guaranteed","event_resource":"payments","event_date":"2026-12-01T10:00:00Z",'
    + '"data":{"payment_id":"FWU123456789","status":"guaranteed","amount_from":"120000","currency_from":"EUR"}}');
  const digest = fwpay.notifications.sign(body, 'secret');
  fwpay.notifications.verify(body, digest, 'secret');
  assert.equal(fwpay.notifications.isValid(Buffer.concat([body, Buffer.from(' ')]), digest, 'secret'), false);
  assert.throws(() => fwpay.notifications.verify(body, digest, 'other'), fwpay.SignatureError);
  // A NUL would end the C string: refused, never cut short (security-findings-3.md I1).
  assert.throws(() => fwpay.notifications.isValid(body, `${digest}\0junk`, 'secret'), /NUL/);
  assert.throws(() => fwpay.notifications.verify(body, digest, 'secret\0other'), /NUL/);
  const parsed = fwpay.notifications.parse(body);
  assert.deepEqual([parsed.payment_id, parsed.status, parsed.amount_from], ['FWU123456789', 'guaranteed', 120000]);
});

test('50 concurrent calls do not block the event loop', async () => {
  // Each call waits 200 ms in the sandbox (an injected latency); the timer must keep ticking
  // meanwhile, and the calls run side by side on the thread pool, not one after the other.
  const control = new fwpay.Client({ apiKey: KEY, baseUrl: ROOT });
  await control.request('POST', '/sandbox/faults', { path: '/recipients', method: 'GET', kind: 'latency', latency_ms: 200, count: 50 });
  let ticks = 0;
  const timer = setInterval(() => { ticks += 1; }, 10);
  const started = Date.now();
  try {
    const names = await Promise.all(Array.from({ length: 50 }, () => client.recipients.get('FWU')));
    const elapsed = Date.now() - started;
    assert.deepEqual(new Set(names.map((recipient) => recipient.name)), new Set(['Flywire University']));
    // libuv's pool has 4 threads by default (UV_THREADPOOL_SIZE): 50 calls of 200 ms take
    // about 50 / 4 * 200 ms side by side, against 10 s one after the other.
    assert.ok(elapsed < 50 * 200 / 2, `50 calls took ${elapsed} ms`);
    assert.ok(ticks >= elapsed / 10 / 3, `the timer ticked ${ticks} times in ${elapsed} ms`);
  } finally {
    clearInterval(timer);
    await control.request('DELETE', '/sandbox/faults');
  }
});
