<?php

declare(strict_types=1);

namespace Fwpay;

use FFI;

/**
 * A client of the Payments API. Results are arrays as the server sent them; failures throw
 * Fwpay\Error subclasses.
 *
 *     $client = new Fwpay\Client(apiKey: getenv('FWPAY_API_KEY'), baseUrl: Fwpay\Client::SANDBOX_BASE_URL);
 *     $payment = $client->orders->charge($orderId, ['idempotency_key' => "order-$orderId"]);
 *
 * Every method takes an $options array after its required arguments: idempotency_key
 * (POSTs), timeout (seconds), max_retries; optional arguments come after it, by name
 * ($client->orders->charge($orderId, body: [...])).
 */
final class Client
{
    public const PRODUCTION_BASE_URL = BaseUrl::PRODUCTION;
    public const SANDBOX_BASE_URL = BaseUrl::SANDBOX;

    public readonly Recipients $recipients;
    public readonly Offers $offers;
    public readonly Orders $orders;
    public readonly Sessions $sessions;
    public readonly Payments $payments;
    public readonly Refunds $refunds;
    public readonly Bundles $bundles;
    /** fwpay-sandbox's control API (sandbox-only). */
    public readonly Sandbox $sandbox;
    private ?FFI\CData $handle = null;
    /** @var array{request_id: ?string, idempotency_key: ?string, http_status: ?int}|null */
    private ?array $lastResponse = null;

    private const LOG_LEVELS = ['error', 'warning', 'info', 'debug'];
    /** @var ?\Closure the log callback handed to the library, kept as long as the client */
    private ?\Closure $logCallback = null;

    /**
     * timeout and connectTimeout in seconds; caBundle: a PEM file TLS trusts instead of the system's;
     * serverDeduplicates: the server deduplicates POSTs by Idempotency-Key (fwpay-sandbox does;
     * Flywire documents no idempotency), so an unanswered POST is retried with the same key.
     * log: a callable taking (string $level, string $line) that receives the library's log lines
     * of logLevel ('error', 'warning' (the default), 'info' or 'debug') and above, during the
     * call, instead of $FWPAY_LOG's stderr; lines never hold the API key. proxy: the proxy of every
     * request ('' for none; unset: $HTTPS_PROXY and $NO_PROXY decide), except to noProxy's hosts.
     */
    public function __construct(string $apiKey, ?string $baseUrl = null, ?float $timeout = null,
                                ?float $connectTimeout = null, ?int $maxRetries = null, ?bool $allowInsecureHttp = null,
                                ?string $caBundle = null, ?bool $serverDeduplicates = null, ?callable $log = null,
                                ?string $logLevel = null, ?string $proxy = null, ?string $noProxy = null,
                                ?string $clientCert = null, ?string $clientKey = null)
    {
        // What is not given (null) keeps the library's default: defaults live there only.
        $settings = array_filter(['api_key' => $apiKey, 'base_url' => $baseUrl,
            'timeout_ms' => $timeout === null ? null : (int) round($timeout * 1000),
            'connect_timeout_ms' => $connectTimeout === null ? null : (int) round($connectTimeout * 1000),
            'max_retries' => $maxRetries, 'allow_insecure_http' => $allowInsecureHttp, 'ca_bundle' => $caBundle,
            'server_deduplicates' => $serverDeduplicates, 'user_agent' => 'php/' . PHP_VERSION, 'log_level' => $logLevel,
            'proxy' => $proxy, 'no_proxy' => $noProxy, 'client_cert' => $clientCert, 'client_key' => $clientKey],
            fn ($value) => $value !== null);
        $ffi = Native::ffi();
        $text = Native::encode($settings);
        $out = $ffi->new('fwp_client *');
        if ($log === null) {
            Native::check(fn ($err) => $ffi->fwp_client_new_json($text, strlen($text), FFI::addr($out), $err));
        } else {
            $this->logCallback = static function (int $level, $line, $userdata) use ($log): void {
                try {
                    $log(self::LOG_LEVELS[$level] ?? (string) $level, is_string($line) ? $line : FFI::string($line));
                } catch (\Throwable) {
                    // the handler's own failure must not unwind through the library
                }
            };
            $callback = $this->logCallback;
            Native::check(fn ($err) => $ffi->fwp_client_new_json_logged($text, strlen($text), $callback, null, FFI::addr($out), $err));
        }
        $this->handle = $out;
        $this->recipients = new Recipients($this);
        $this->offers = new Offers($this);
        $this->orders = new Orders($this);
        $this->sessions = new Sessions($this);
        $this->payments = new Payments($this);
        $this->refunds = new Refunds($this);
        $this->bundles = new Bundles($this);
        $this->sandbox = new Sandbox($this);
    }

    public function __destruct()
    {
        $this->close();
    }

    /**
     * A client cannot be cloned: a copy would hold the same native client, and the two
     * destructors would free it twice (security-findings-3.md N2). Share the one client.
     * (Private rather than throwing: PHP runs the destructor of a half-made clone.)
     */
    private function __clone()
    {
    }

    /**
     * Releases the client's connections; later calls throw InvalidArgumentError. The library
     * refuses a freed handle itself (as in every binding), so closing twice is harmless.
     */
    public function close(): void
    {
        if ($this->handle !== null) {
            Native::ffi()->fwp_client_free($this->handle);
        }
    }

    /** @return array<string, mixed> never the key */
    public function __debugInfo(): array
    {
        return [];
    }

    /** Any other call: $method ('GET', 'POST', 'PATCH', 'DELETE') to $path below the base URL. */
    public function request(string $method, string $path, mixed $body = null, array $options = []): mixed
    {
        return $this->call('request', ['method' => $method, 'path' => $path, 'body' => $body], $options);
    }

    /**
     * One operation of fwp_call.
     * @param array<string, mixed> $arguments
     * @param array<string, mixed> $options idempotency_key, timeout (seconds), max_retries
     */
    public function call(string $operation, array $arguments, array $options = []): mixed
    {
        $arguments = self::withOptions($arguments, $options);
        $ffi = Native::ffi();
        $operation = Native::cString($operation, 'operation');
        $text = Native::encode((object) $arguments);
        $out = $ffi->new('char *');
        $detail = Native::checkAnswered(fn ($err) => $ffi->fwp_call($this->handle, $operation, $text, strlen($text), FFI::addr($out), $err));
        $this->lastResponse = ['request_id' => ($detail['request_id'] ?? '') ?: null,
            'idempotency_key' => ($detail['idempotency_key'] ?? '') ?: null, 'http_status' => ($detail['http_status'] ?? 0) ?: null];
        return json_decode((string) Native::take($out), true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    }

    /**
     * The arguments with the per-call options as fwp_call reads them; an unknown option is refused.
     * @param array<string, mixed> $arguments
     * @param array<string, mixed> $options idempotency_key, timeout (seconds), max_retries
     * @return array<string, mixed>
     */
    private static function withOptions(array $arguments, array $options): array
    {
        foreach ($options as $name => $value) {
            match ($name) {
                'idempotency_key', 'max_retries' => $arguments[$name] = $value,
                'timeout' => $arguments['timeout_ms'] = (int) round($value * 1000),
                default => throw new InvalidArgumentError(['kind' => 'invalid_argument',
                    'message' => "option \"$name\" is not one of idempotency_key, timeout, max_retries"]),
            };
        }
        return $arguments;
    }

    /**
     * What the last successful call's answer said besides its body (arrays cannot carry it):
     * request_id (quote it to support), idempotency_key (the key sent), http_status.
     * @return array{request_id: ?string, idempotency_key: ?string, http_status: ?int}|null
     */
    public function lastResponse(): ?array
    {
        return $this->lastResponse;
    }

    /**
     * Every item of a list, page after page, fetched as the generator is read: the library
     * walks the pages (fwp_iter_new_json).
     * @param array<string, mixed> $arguments
     * @param array<string, mixed> $options timeout (seconds), max_retries
     * @return \Generator<int, array<string, mixed>>
     */
    public function items(string $operation, array $arguments, int $perPage, array $options): \Generator
    {
        $arguments = self::withOptions($arguments + ['per_page' => $perPage], $options);
        unset($arguments['idempotency_key']); // a list is a GET: nothing to key
        $ffi = Native::ffi();
        $operation = Native::cString($operation, 'operation');
        $text = Native::encode((object) $arguments);
        $iter = $ffi->new('fwp_iter *');
        Native::check(fn ($err) => $ffi->fwp_iter_new_json($this->handle, $operation, $text, strlen($text), FFI::addr($iter), $err));
        try {
            while (true) {
                $out = $ffi->new('char *');
                Native::check(fn ($err) => $ffi->fwp_iter_next_json($iter, FFI::addr($out), $err));
                $item = Native::take($out);
                if ($item === null) {
                    return;
                }
                yield json_decode($item, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
            }
        } finally {
            $ffi->fwp_iter_free($iter);
        }
    }
}
