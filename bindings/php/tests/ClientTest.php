<?php

declare(strict_types=1);

namespace Fwpay\Tests;

use Fwpay\AuthenticationError;
use Fwpay\Client;
use Fwpay\ConnectionError;
use Fwpay\InvalidArgumentError;
use Fwpay\InvalidRequestError;
use Fwpay\Notifications;
use Fwpay\NotFoundError;
use Fwpay\OutcomeUnknownError;
use Fwpay\SignatureError;
use Fwpay\Version;
use PHPUnit\Framework\TestCase;

/** The PHP binding against a fresh fwpay-sandbox (tests/bindings/run.sh starts it). */
final class ClientTest extends TestCase
{
    private static function client(): Client
    {
        return new Client(apiKey: getenv('FWPAY_API_KEY'), baseUrl: getenv('FWPAY_BASE_URL'));
    }

    private static function orderBody(Client $client, string $firstName = 'Peter'): array
    {
        $offer = $client->offers->list('FWU', 120000, 'ES')['offers'][0];
        return ['payer' => ['first_name' => $firstName, 'last_name' => 'Payer', 'country' => 'ES', 'email' => 'peter@example.com'],
            'recipient' => ['id' => 'FWU', 'fields' => [['id' => 'custom_field_1', 'value' => 'R-1']]],
            'items' => [['id' => 'tuition', 'amount' => 120000]], 'offer' => ['id' => $offer['id']]];
    }

    public function testAClientCannotBeClonedAndStillWorks(): void
    {
        $client = self::client();
        try {
            $copy = clone $client;
            self::fail('a clone shares the native client');
        } catch (\Error $e) {
            self::assertStringContainsString('__clone', $e->getMessage());
        }
        self::assertSame('FWU', $client->recipients->get('FWU')['id']);
    }

    public function testAClosedClientIsRefusedByTheLibrary(): void
    {
        $client = self::client();
        $client->close();
        $client->close(); // harmless
        try {
            $client->recipients->get('FWU');
            self::fail('a closed client answered');
        } catch (\Fwpay\InvalidArgumentError $e) {
            self::assertStringContainsString('was freed', $e->getMessage());
        }
    }

    public function testLogLinesReachTheCallable(): void
    {
        $lines = [];
        $client = new Client(getenv('FWPAY_API_KEY'), getenv('FWPAY_BASE_URL'), logLevel: 'info',
            log: function (string $level, string $line) use (&$lines): void { $lines[] = "$level $line"; });
        $client->recipients->get('FWU');
        try {
            $client->payments->get('FWU000000001');
            self::fail('found');
        } catch (\Fwpay\NotFoundError) {
        }
        $match = fn (string $start) => array_filter($lines, fn ($line) => str_starts_with($line, $start)) !== [];
        self::assertTrue($match('info GET /recipients/FWU -> 200'), implode("\n", $lines));
        self::assertTrue($match('warning GET /payments/FWU000000001 -> 404'), implode("\n", $lines));
        self::assertSame([], array_filter($lines, fn ($line) => str_contains($line, getenv('FWPAY_API_KEY'))));
    }

    public function testAProxySettingSendsTheCallThroughTheProxy(): void
    {
        $base = getenv('FWPAY_BASE_URL');
        $client = new Client(getenv('FWPAY_API_KEY'), $base, proxy: getenv('FWPAY_PROXY_URL'), noProxy: '');
        self::assertSame('FWU', $client->recipients->get('FWU')['id']);
        $seen = file(getenv('FWPAY_PROXY_SEEN'), FILE_IGNORE_NEW_LINES);
        self::assertContains("GET $base/recipients/FWU -", $seen);
    }

    public function testAnUntrustedCertificateIsATlsErrorNamingTheFix(): void
    {
        $client = new Client(getenv('FWPAY_API_KEY'), getenv('FWPAY_TLS_BASE_URL'), maxRetries: 3);
        try {
            $client->recipients->get('FWU');
            self::fail('an untrusted certificate answered');
        } catch (\Fwpay\TLSError $e) {
            self::assertInstanceOf(\Fwpay\ConnectionError::class, $e);
            self::assertMatchesRegularExpression('/TLS with localhost.*ca_bundle.*FWPAY_CA_BUNDLE/s', $e->getMessage());
        }
    }

    public function testVersionsMatch(): void
    {
        $client = self::client();
        $this->assertSame('FWU', $client->recipients->get('FWU')['id']);
        $this->assertMatchesRegularExpression('/^\d+\.\d+\.\d+$/', Version::STRING);
    }

    public function testOrderFlowWithAnIdempotencyKey(): void
    {
        $client = self::client();
        $order = $client->orders->create(self::orderBody($client));
        $key = 'php-order-' . $order['id'];
        $payment = $client->orders->charge($order['id'], ['idempotency_key' => $key]);
        $this->assertMatchesRegularExpression('/^FWU\d{9}$/', $payment['payment_reference']);
        $again = $client->orders->charge($order['id'], ['idempotency_key' => $key]);
        $this->assertSame($payment['payment_reference'], $again['payment_reference']);
        $this->assertSame('FWU', $client->payments->get($payment['payment_reference'])['recipient_id']);
    }

    public function testPreauthorizationIsHeldThenCaptured(): void
    {
        $client = self::client();
        $session = $client->sessions->create(['type' => 'one_off', 'recipient_id' => 'FWU', 'schema' => 'cards',
            'charge_intent' => ['capture' => 'manual', 'authorization' => 'preauth', 'mode' => 'one_off'],
            'recipient' => ['fields' => [['id' => 'custom_field_1', 'value' => 'ROOM-7']]],
            'items' => [['id' => 'default', 'amount' => 60000]]]);
        $form = json_encode(['first_name' => 'Peter', 'last_name' => 'Payer', 'email' => 'peter@example.com', 'country' => 'US',
            'card_holder' => 'Peter Payer', 'card_number' => '4111 1111 1111 1111', 'card_expiration' => '03/30', 'cvv' => '737']);
        $answer = file_get_contents($session['hosted_form']['url'], false, stream_context_create(['http' => [
            'method' => 'POST', 'header' => 'Content-Type: application/json', 'content' => $form]]));
        $held = $client->sessions->confirm(json_decode($answer, true)['confirm_url']['url']);
        $reference = $held['payment_reference'];
        $this->assertSame('authorized', $client->payments->get($reference)['status']);
        $capture = $client->payments->capture($reference, 50000, ['idempotency_key' => "capture-$reference"]);
        $this->assertSame('received', $capture['charge_result']['status']);
        $this->assertSame(50000, $client->payments->get($reference)['amount_to']);
    }

    public function testRefundAndItsBundle(): void
    {
        $client = self::client();
        $order = $client->orders->create(self::orderBody($client, 'SANDBOX_TO_DELIVERED_STATUS'));
        $reference = $client->orders->charge($order['id'])['payment_reference'];
        $refund = $client->refunds->create($reference, ['amount' => 20000], ['idempotency_key' => "refund-$reference"]);
        $this->assertSame(20000, $refund['amount']);
        $bundle = $client->bundles->approve($refund['bundle_id']);
        $this->assertSame([$refund['refund_id']], array_column($bundle['refunds'], 'refund_id'));
        $listed = iterator_to_array($client->refunds->list(['payment_id' => $reference]), false);
        $this->assertSame([$refund['refund_id']], array_column($listed, 'refund_id'));
    }

    public function testPagesAreWalkedOneByOne(): void
    {
        $client = self::client();
        for ($i = 0; $i < 3; $i++) {
            $client->orders->charge($client->orders->create(self::orderBody($client))['id']);
        }
        $first = $client->payments->page([], null, 1);
        $this->assertGreaterThanOrEqual(3, $first['total_entries']);
        $seen = array_column(iterator_to_array($client->payments->list([], 1), false), 'payment_id');
        $this->assertCount($first['total_entries'], $seen);
        $this->assertSame(array_values(array_unique($seen)), $seen);
    }

    public function testErrorClasses(): void
    {
        $client = self::client();
        try {
            $client->payments->get('FWU000000001');
            $this->fail('no NotFoundError');
        } catch (NotFoundError $error) {
            $this->assertSame(404, $error->httpStatus());
            $this->assertStringStartsWith('req_', (string) $error->requestId());
        }
        try {
            $client->orders->create(['payer' => ['first_name' => 'P']]);
            $this->fail('no InvalidRequestError');
        } catch (InvalidRequestError $error) {
            $this->assertNotEmpty($error->errors());
        }
        $this->expectExceptionThrown(InvalidArgumentError::class, fn () => $client->payments->get(''));
        $this->expectExceptionThrown(InvalidArgumentError::class, fn () => $client->call('payment_get', ['typo' => 1]));
        $this->expectExceptionThrown(AuthenticationError::class,
            fn () => (new Client(apiKey: 'wrong-key', baseUrl: getenv('FWPAY_BASE_URL')))->recipients->get('FWU'));
        $this->expectExceptionThrown(ConnectionError::class,
            fn () => (new Client(apiKey: 'key', baseUrl: 'http://127.0.0.1:1/payments/v1', maxRetries: 0))->recipients->get('FWU'));
    }

    public function testOutcomeUnknownCarriesTheIdempotencyKey(): void
    {
        $client = self::client();
        $control = new Client(apiKey: getenv('FWPAY_API_KEY'), baseUrl: getenv('FWPAY_SANDBOX_ROOT'));
        $control->request('POST', '/sandbox/faults', ['path' => '/orders', 'method' => 'POST', 'kind' => 'drop_after', 'count' => 1]);
        try {
            $client->orders->create(self::orderBody($client), ['idempotency_key' => 'php-unknown-1', 'max_retries' => 0]);
            $this->fail('no OutcomeUnknownError');
        } catch (OutcomeUnknownError $error) {
            $this->assertSame('php-unknown-1', $error->idempotencyKey());
        } finally {
            $control->request('DELETE', '/sandbox/faults');
        }
        $this->assertNotEmpty($client->orders->create(self::orderBody($client), ['idempotency_key' => 'php-unknown-1'])['id']);
    }

    public function testNotificationsAreVerifiedAndParsed(): void
    {
        $body = '{"event_type":"guaranteed","event_resource":"payments","event_date":"2026-12-01T10:00:00Z",'
            . '"data":{"payment_id":"FWU123456789","status":"guaranteed","amount_from":"120000","currency_from":"EUR"}}';
        $digest = Notifications::sign($body, 'secret');
        Notifications::verify($body, $digest, 'secret');
        $this->assertFalse(Notifications::isValid($body . ' ', $digest, 'secret'));
        $this->expectExceptionThrown(SignatureError::class, fn () => Notifications::verify($body, $digest, 'other'));
        // A NUL would end the C string: refused, never cut short (security-findings-3.md I1).
        $this->expectExceptionThrown(InvalidArgumentError::class, fn () => Notifications::isValid($body, $digest . "\0junk", 'secret'));
        $this->expectExceptionThrown(InvalidArgumentError::class, fn () => Notifications::verify($body, $digest, "secret\0other"));
        $this->expectExceptionThrown(InvalidArgumentError::class, fn () => self::client()->call("recipient_get\0x", ['recipient_id' => 'FWU']));
        $parsed = Notifications::parse($body);
        $this->assertSame(['FWU123456789', 'guaranteed', 120000], [$parsed['payment_id'], $parsed['status'], $parsed['amount_from']]);
    }

    private function expectExceptionThrown(string $class, callable $call): void
    {
        try {
            $call();
        } catch (\Throwable $error) {
            $this->assertInstanceOf($class, $error);
            return;
        }
        $this->fail("no $class");
    }
}
