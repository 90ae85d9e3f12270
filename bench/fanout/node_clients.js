'use strict';
// One fan-out of the benchmark's section 10 from Node: N GETs at once through one client,
// each held HOLD ms by the stand-in server, while a 5 ms timer measures the event loop's lag.
// Prints one JSON object: wall seconds, threads added, peak RSS, the timer's p99 lateness.
//
//     node node_clients.js fwpay|fetch BASE_URL N BINDING_DIR
const fs = require('node:fs');

const threads = () => fs.readdirSync('/proc/self/task').length;
const BEFORE = threads();  // before any client: what a client adds includes its own threads

async function measure(one, n) {
  await one();  // one call first: what a warm client costs, not its set-up
  const lags = [];
  let peakThreads = BEFORE;
  let running = true;
  const ticker = (async () => {
    while (running) {
      const planned = performance.now() + 5;
      await new Promise((resolve) => setTimeout(resolve, 5));
      lags.push(Math.max(0, performance.now() - planned));
      peakThreads = Math.max(peakThreads, threads());
    }
  })();
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: n }, one));
  const wall = (performance.now() - started) / 1000;
  running = false;
  await ticker;
  lags.sort((a, b) => a - b);
  return { wall_s: wall, ok: answers.filter((id) => id === 'FWU').length, threads_added: peakThreads - BEFORE,
           peak_rss_mb: process.resourceUsage().maxRSS / 1024,
           loop_lag_p99_ms: lags.length ? lags[Math.max(0, Math.ceil(lags.length * 0.99) - 1)] : 0 };
}

async function main() {
  const [which, base, count, binding] = process.argv.slice(2);
  const n = Number(count);
  let one;
  if (which === 'fwpay') {
    const fwpay = require(binding);
    const client = new fwpay.Client({ apiKey: 'standin', baseUrl: base, maxInFlight: n, maxRetries: 0, telemetry: false });
    one = async () => (await client.recipients.get('FWU')).id;
  } else {
    one = async () => (await (await fetch(base + '/recipients/FWU', { headers: { 'X-Authentication-Key': 'standin' } })).json()).id;
  }
  console.log(JSON.stringify({ client: which, n, ...(await measure(one, n)) }));
}

main().catch((error) => { console.error(error); process.exit(1); });
