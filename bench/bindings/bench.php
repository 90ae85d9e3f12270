<?php
// GET /payments/{ref} through the PHP binding; prints the latencies in microseconds as JSON.
//   php bench.php BASE_URL API_KEY REF ITERATIONS
require __DIR__ . '/../../bindings/php/tests/bootstrap.php';
[, $base, $key, $reference, $iterations] = $argv;
$client = new Fwpay\Client(apiKey: $key, baseUrl: $base);
$client->payments->get($reference);
$latencies = [];
for ($i = 0; $i < (int) $iterations; $i++) {
    $started = hrtime(true);
    $client->payments->get($reference);
    $latencies[] = (hrtime(true) - $started) / 1000;
}
echo json_encode(['language' => 'php', 'version' => PHP_VERSION, 'latencies' => $latencies]), "\n";
