<?php
// One payment through an order, from PHP: recipient -> offer -> order -> charge.
// Reads FWPAY_BASE_URL and FWPAY_API_KEY; prints the payment reference.
//   php examples/php/order_flow.php      (with Composer: require 'vendor/autoload.php')

declare(strict_types=1);

require __DIR__ . '/../../bindings/php/tests/bootstrap.php';

use Fwpay\Client;
use Fwpay\Error;
use Fwpay\OutcomeUnknownError;

$client = new Client(apiKey: (string) getenv('FWPAY_API_KEY'), baseUrl: getenv('FWPAY_BASE_URL') ?: Client::PRODUCTION_BASE_URL);
try {
    $recipient = $client->recipients->get('FWU');
    echo "recipient: {$recipient['name']} ({$recipient['currency']})\n";
    $offer = $client->offers->list('FWU', 120000, 'ES')['offers'][0];
    $order = $client->orders->create([
        'payer' => ['first_name' => 'Peter', 'last_name' => 'Payer', 'country' => 'ES', 'email' => 'peter@example.com'],
        'recipient' => ['id' => 'FWU', 'fields' => [['id' => 'custom_field_1', 'value' => 'ID12345']]],
        'items' => [['id' => 'tuition', 'amount' => 80000], ['id' => 'housing', 'amount' => 40000]],
        'offer' => ['id' => $offer['id']], 'external_reference' => 'php-example',
    ]);
    echo "order: {$order['id']}\n";
    // Your own order number as the key: a retry after OutcomeUnknownError cannot charge twice.
    $payment = $client->orders->charge($order['id'], ['idempotency_key' => "order-{$order['id']}"]);
    echo "payment reference: {$payment['payment_reference']}\n";
} catch (OutcomeUnknownError $error) {
    fwrite(STDERR, "the charge may have happened: retry with key {$error->idempotencyKey()}\n");
    exit(1);
} catch (Error $error) {
    fwrite(STDERR, "order_flow: {$error->getMessage()}\n");
    foreach ($error->errors() as $problem) {
        fwrite(STDERR, "  {$problem['source']}: {$problem['message']}\n");
    }
    exit(1);
}
