// Type-checks the package's declarations (index.d.ts and the generated resources.d.ts) as a
// TypeScript user meets them: tsc --strict over calls of each kind (make test-bindings).
import * as fwpay from '../../../bindings/node/index';
async function main(): Promise<void> {
  const client = new fwpay.Client({ apiKey: 'k', baseUrl: fwpay.SANDBOX_BASE_URL });
  const order = await client.orders.create({ items: [] }, { idempotencyKey: 'k1' });
  const charged = await client.orders.charge(String(order.id), { idempotencyKey: 'k2', body: { a: 1 } });
  void charged.response.requestId;
  await client.payments.adjust('FWU1', { amount: 100, idempotencyKey: 'k3', timeout: 5, maxRetries: 1 });
  for await (const payment of client.payments.list({ status: 'delivered', perPage: 10 })) void payment.id;
  await client.offers.list({ recipient: 'FWU', amount: 1, country: 'US' });
  try { await client.recipients.get('FWU'); } catch (error) { if (error instanceof fwpay.PermissionError) void error.httpStatus; }
}
main();
