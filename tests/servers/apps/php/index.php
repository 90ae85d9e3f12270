<?php

declare(strict_types=1);

// The app php-fpm serves in tests/servers/test_php_fpm.py: the fwpay classes are preloaded
// (opcache.preload), libfwpay reached through the preloaded "fwpay" scope; the sandbox's
// address and key come as FastCGI parameters (clear_env = yes passes no environment).
// GET ?ref=R creates an order with external reference R and answers it with the worker's pid.
header('Content-Type: application/json');
$reference = (string) ($_GET['ref'] ?? '');
try {
    $client = new Fwpay\Client(apiKey: (string) $_SERVER['FWPAY_API_KEY'], baseUrl: (string) $_SERVER['FWPAY_BASE_URL']);
    $offer = $client->offers->list('FWU', 120000, 'ES')['offers'][0];
    $order = $client->orders->create([
        'payer' => ['first_name' => 'Peter', 'country' => 'ES'],
        'recipient' => ['id' => 'FWU', 'fields' => [['id' => 'custom_field_1', 'value' => 'ID1']]],
        'items' => [['id' => 'tuition', 'amount' => 120000]], 'offer' => ['id' => $offer['id']],
        'external_reference' => $reference,
    ]);
    echo json_encode(['id' => $order['id'], 'external_reference' => $order['external_reference'] ?? null,
        'pid' => getmypid(), 'user' => posix_getuid(), 'ffi' => ini_get('ffi.enable')]);
} catch (Throwable $e) {
    http_response_code(500);
    echo json_encode(['failed' => get_class($e) . ': ' . $e->getMessage()]);
}
