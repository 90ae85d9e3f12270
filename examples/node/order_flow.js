'use strict';
// One payment through an order, from Node.js: recipient -> offer -> order -> charge.
// Reads FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
//   node examples/node/order_flow.js      (after `make node-addon`)
const fwpay = require('../../bindings/node');

async function main() {
  const client = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: process.env.FWPAY_BASE_URL || fwpay.PRODUCTION_BASE_URL });
  const recipient = await client.recipients.get('FWU');
  console.log(`recipient: ${recipient.name} (${recipient.currency})`);
  const offer = (await client.offers.list({ recipient: 'FWU', amount: 120000, country: 'ES' })).offers[0];
  const order = await client.orders.create({
    payer: { first_name: 'Peter', last_name: 'Payer', country: 'ES', email: 'peter@example.com' },
    recipient: { id: 'FWU', fields: [{ id: 'custom_field_1', value: 'ID12345' }] },
    items: [{ id: 'tuition', amount: 80000 }, { id: 'housing', amount: 40000 }],
    offer: { id: offer.id }, external_reference: 'node-example',
  });
  console.log(`order: ${order.id}`);
  try {
    // Your own order number as the key: a retry after OutcomeUnknownError cannot charge twice.
    const payment = await client.orders.charge(order.id, { idempotencyKey: `order-${order.id}` });
    console.log(`payment reference: ${payment.payment_reference}`);
  } catch (error) {
    if (error instanceof fwpay.OutcomeUnknownError) {
      console.error(`the charge may have happened: retry with key ${error.idempotencyKey}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

main().catch((error) => {
  console.error(`order_flow: ${error.message}`);
  for (const problem of error.errors || []) console.error(`  ${problem.source}: ${problem.message}`);
  process.exitCode = 1;
});
