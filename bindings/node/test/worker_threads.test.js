'use strict';
// worker_threads: each worker loads the addon and makes a client of its own; the workers'
// calls run side by side, and each gets the answers to its own calls.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');

const WORKERS = 4;
const ORDERS = 8;

const work = `
const { parentPort, workerData } = require('node:worker_threads');
const fwpay = require(workerData.binding);
(async () => {
  const client = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: process.env.FWPAY_BASE_URL });
  const answers = await Promise.all(Array.from({ length: workerData.orders }, async (_, n) => {
    const reference = 'worker' + workerData.index + '-' + n;
    const offer = (await client.offers.list({ recipient: 'FWU', amount: 120000, country: 'ES' })).offers[0];
    const order = await client.orders.create({ payer: { first_name: 'Peter', country: 'ES' },
      recipient: { id: 'FWU', fields: [{ id: 'custom_field_1', value: 'ID1' }] },
      items: [{ id: 'tuition', amount: 120000 }], offer: { id: offer.id }, external_reference: reference });
    return { reference, got: order.external_reference, id: order.id };
  }));
  parentPort.postMessage(answers);
})().catch((error) => parentPort.postMessage({ failed: String(error) }));
`;

function runWorker(index) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(work, { eval: true,
      workerData: { index, orders: ORDERS, binding: path.resolve(__dirname, '..') } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => { if (code !== 0) reject(new Error(`worker ${index} exited with ${code}`)); });
  });
}

test('a client in each of 4 worker threads, calls side by side, each answer its own', async () => {
  const results = await Promise.all(Array.from({ length: WORKERS }, (_, index) => runWorker(index)));
  const answers = results.flatMap((result) => {
    assert.ok(Array.isArray(result), `a worker failed: ${JSON.stringify(result)}`);
    return result;
  });
  assert.equal(answers.length, WORKERS * ORDERS);
  for (const answer of answers) assert.equal(answer.got, answer.reference);
  assert.equal(new Set(answers.map((answer) => answer.id)).size, answers.length);
});
