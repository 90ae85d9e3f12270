'use strict';
// Calls started in the library and settled on the event loop (uv_poll on the completion
// queue): hundreds in flight hold no thread of libuv's pool, so file and crypto work goes on
// beside them; an AbortSignal cancels a call. tests/bindings/run.sh starts the sandbox.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const fwpay = require('..');

const BASE = process.env.FWPAY_BASE_URL;
const KEY = process.env.FWPAY_API_KEY;
const ROOT = process.env.FWPAY_SANDBOX_ROOT;
const client = new fwpay.Client({ apiKey: KEY, baseUrl: BASE });

async function fault(body) {
  const answer = await fetch(`${ROOT}/sandbox/faults`, { method: 'POST', body: JSON.stringify(body),
    headers: { 'X-Authentication-Key': KEY, 'Content-Type': 'application/json' } });
  assert.equal(answer.status, 201, await answer.text());
}

const threads = () => fs.readdirSync('/proc/self/task').length;

test('300 calls in flight leave libuv\'s pool free and add one thread', async () => {
  await client.recipients.get('FWU');  // the client's I/O thread exists from here
  const hash = () => new Promise((resolve, reject) => crypto.pbkdf2('p', 's', 1, 32, 'sha256', (e) => (e ? reject(e) : resolve())));
  await hash();  // libuv starts its pool's 4 threads with its first work
  const before = threads();
  await fault({ path: '/recipients/ETM', kind: 'latency', latency_ms: 800, count: 300 });
  const started = performance.now();
  const calls = Array.from({ length: 300 }, () => client.recipients.get('ETM'));
  // The pool has 4 threads: with a call on each, pbkdf2 would wait 800 ms for one to free.
  const hashed = performance.now();
  await hash();
  const poolWait = performance.now() - hashed;
  const answers = await Promise.all(calls);
  const elapsed = performance.now() - started;
  assert.deepEqual(new Set(answers.map((a) => a.id)), new Set(['ETM']));
  assert.equal(answers[0].response.httpStatus, 200);
  assert.ok(poolWait < 400, `crypto waited ${poolWait} ms for libuv's pool`);
  assert.ok(elapsed < 4000, `300 calls of 800 ms at once took ${elapsed} ms`);
  assert.ok(threads() - before <= 0, `threads: ${before} then ${threads()}`);
});

test('an AbortSignal cancels its call; the others are answered', async () => {
  await fault({ path: '/recipients/FLW', kind: 'latency', latency_ms: 1500, count: 4 });
  const controller = new AbortController();
  const started = performance.now();
  const cancelled = client.recipients.get('FLW', { signal: controller.signal });
  const kept = client.recipients.get('FLW');
  setTimeout(() => controller.abort(), 200);
  await assert.rejects(cancelled, (error) => error.name === 'AbortError');
  assert.ok(performance.now() - started < 1200, 'the cancelled call ended before its answer would have come');
  assert.equal((await kept).id, 'FLW');
  const already = new AbortController();
  already.abort();
  await assert.rejects(client.recipients.get('FWU', { signal: already.signal }), (error) => error.name === 'AbortError');
  await assert.rejects(client.recipients.get('FWU', { signal: 'soon' }), TypeError);
});

test('a POST aborted after it was sent is outcome-unknown, with its key', async () => {
  const offer = (await client.offers.list({ recipient: 'FWU', amount: 120000, country: 'ES' })).offers[0];
  await fault({ path: '/orders', kind: 'latency', latency_ms: 1500, count: 1 });
  const controller = new AbortController();
  const order = client.orders.create({ payer: { first_name: 'Peter', country: 'ES' },
    recipient: { id: 'FWU', fields: [{ id: 'custom_field_1', value: 'R-1' }] },
    items: [{ id: 'tuition', amount: 120000 }], offer: { id: offer.id } }, { signal: controller.signal, idempotencyKey: 'node-aborted-1' });
  setTimeout(() => controller.abort(), 400);
  await assert.rejects(order, (error) => error instanceof fwpay.OutcomeUnknownError && error.idempotencyKey === 'node-aborted-1');
});

test('pages of lists are fetched by the library too: four slow walks leave the pool free', async () => {
  const hash = () => new Promise((resolve, reject) => crypto.pbkdf2('p', 's', 1, 32, 'sha256', (e) => (e ? reject(e) : resolve())));
  await hash();
  await fault({ path: '/recipients', method: 'GET', kind: 'latency', latency_ms: 800, count: 4 });
  const walk = async () => {
    const ids = [];
    for await (const recipient of client.recipients.list({ perPage: 100 })) ids.push(recipient.id);
    return ids;
  };
  const walks = Array.from({ length: 4 }, walk);  // one page each, held 800 ms: once all 4 pool threads
  await new Promise((resolve) => setTimeout(resolve, 100));
  const hashed = performance.now();
  await hash();
  const poolWait = performance.now() - hashed;
  for (const ids of await Promise.all(walks)) assert.deepEqual(ids, ['BHU', 'ETM', 'FLW', 'FWU', 'TKU']);
  assert.ok(poolWait < 400, `crypto waited ${poolWait} ms for libuv's pool`);
});
