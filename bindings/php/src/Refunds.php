<?php

declare(strict_types=1);

namespace Fwpay;

final class Refunds extends Resource
{
    public function create(string $paymentReference, array $body, array $options = []): array
    {
        return $this->call('refund_create', ['payment_reference' => $paymentReference, 'body' => $body], $options);
    }

    public function get(string $id, array $options = []): array
    {
        return $this->call('refund_get', ['refund_id' => $id], $options);
    }

    public function cancel(string $id, array $options = []): array
    {
        return $this->call('refund_cancel', ['refund_id' => $id], $options);
    }

    /** @param array<string, string> $filters payment_id, status @return \Generator<int, array<string, mixed>> */
    public function list(array $filters = [], int $perPage = 100, array $options = []): \Generator
    {
        return $this->client->items('refund_list', 'refunds', ['filters' => (object) $filters], $perPage, $options);
    }

    public function page(array $filters = [], ?int $page = null, ?int $perPage = null, array $options = []): array
    {
        return $this->call('refund_list', ['filters' => (object) $filters, 'page' => $page, 'per_page' => $perPage], $options);
    }
}
