// GET /payments/{ref} through the Node binding, one call after another; prints the latencies
// in microseconds as JSON.   node bench.js BASE_URL API_KEY REF ITERATIONS
const fwpay = require('../../bindings/node');
const [base, key, reference, iterations] = process.argv.slice(2);
(async () => {
  const client = new fwpay.Client({ apiKey: key, baseUrl: base });
  await client.payments.get(reference);
  const latencies = [];
  for (let i = 0; i < Number(iterations); i += 1) {
    const started = process.hrtime.bigint();
    await client.payments.get(reference);
    latencies.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  console.log(JSON.stringify({ language: 'node', version: process.version, latencies }));
})();
