<?php

declare(strict_types=1);

namespace Fwpay;

final class Payments extends Resource
{
    public function get(string $reference, array $options = []): array
    {
        return $this->call('payment_get', ['payment_reference' => $reference], $options);
    }

    public function receipt(string $reference, array $options = []): array
    {
        return $this->call('payment_receipt', ['payment_reference' => $reference], $options);
    }

    public function process(string $reference, array $options = []): array
    {
        return $this->call('payment_process', ['payment_reference' => $reference], $options);
    }

    public function cancel(string $reference, array $options = []): array
    {
        return $this->call('payment_cancel', ['payment_reference' => $reference], $options);
    }

    public function capture(string $reference, int $amount, array $options = []): array
    {
        return $this->call('payment_capture', ['payment_reference' => $reference, 'amount' => $amount], $options);
    }

    public function adjust(string $reference, int $amount, array $options = []): array
    {
        return $this->call('payment_adjust', ['payment_reference' => $reference, 'amount' => $amount], $options);
    }

    public function charge(array $body, array $options = []): array
    {
        return $this->call('payment_charge', ['body' => $body], $options);
    }

    /** @param array<string, string> $filters recipient, status, external_reference @return \Generator<int, array<string, mixed>> */
    public function list(array $filters = [], int $perPage = 100, array $options = []): \Generator
    {
        return $this->client->items('payment_list', 'payments', ['filters' => (object) $filters], $perPage, $options);
    }

    public function page(array $filters = [], ?int $page = null, ?int $perPage = null, array $options = []): array
    {
        return $this->call('payment_list', ['filters' => (object) $filters, 'page' => $page, 'per_page' => $perPage], $options);
    }
}
