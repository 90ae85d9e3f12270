<?php

declare(strict_types=1);

namespace Fwpay;

/**
 * Every failure of the library: its kind (fwp_error_json's name of the FWP_E_ code), the
 * HTTP status, the server's request id (quote it to support), the idempotency key the
 * request carried, and the server's errors ([{source, param, type, message}]).
 */
class Error extends \RuntimeException
{
    /** @param array<string, mixed> $detail */
    public function __construct(public readonly array $detail)
    {
        $message = (string) ($detail['message'] ?? '');
        if (($detail['request_id'] ?? '') !== '') {
            $message .= ' (request id: ' . $detail['request_id'] . ')';
        }
        parent::__construct($message, (int) ($detail['code'] ?? 0));
    }

    public function kind(): string { return (string) ($this->detail['kind'] ?? ''); }
    public function httpStatus(): ?int { return ($this->detail['http_status'] ?? 0) ?: null; }
    public function requestId(): ?string { return ($this->detail['request_id'] ?? '') ?: null; }
    public function idempotencyKey(): ?string { return ($this->detail['idempotency_key'] ?? '') ?: null; }
    /** @return list<array<string, mixed>> */
    public function errors(): array { return $this->detail['errors'] ?? []; }

    /** @param array<string, mixed> $detail */
    public static function fromDetail(array $detail): self
    {
        $class = match ($detail['kind'] ?? '') {
            'invalid_argument', 'invalid_json' => InvalidArgumentError::class,
            'invalid_request' => InvalidRequestError::class,
            'idempotency_conflict' => IdempotencyError::class,
            'authentication' => AuthenticationError::class,
            'permission' => PermissionError::class,
            'not_found' => NotFoundError::class,
            'rate_limited' => RateLimitError::class,
            'server', 'http', 'bad_response' => ApiError::class,
            'connection', 'timeout' => ConnectionError::class,
            'tls' => TLSError::class,
            'outcome_unknown' => OutcomeUnknownError::class,
            'signature' => SignatureError::class,
            default => self::class,
        };
        return new $class($detail);
    }
}
