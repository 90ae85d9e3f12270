<?php

declare(strict_types=1);

namespace Fwpay;

final class Orders extends Resource
{
    public function create(array $body, array $options = []): array
    {
        return $this->call('order_create', ['body' => $body], $options);
    }

    public function update(string $id, array $body, array $options = []): array
    {
        return $this->call('order_update', ['order_id' => $id, 'body' => $body], $options);
    }

    /** Creates the order's payment; keep $options['idempotency_key'] to retry safely. */
    public function charge(string $id, ?array $body = null, array $options = []): array
    {
        return $this->call('order_charge', ['order_id' => $id, 'body' => $body], $options);
    }

    public function get(string $id, array $options = []): array
    {
        return $this->call('order_get', ['order_id' => $id], $options);
    }

    public function check(string $id, string $portal, array $options = []): array
    {
        return $this->call('order_check', ['order_id' => $id, 'portal_id' => $portal], $options);
    }

    /** @param array<string, string> $filters recipient, country, status @return \Generator<int, array<string, mixed>> */
    public function list(array $filters = [], int $perPage = 100, array $options = []): \Generator
    {
        return $this->client->items('order_list', 'orders', ['filters' => (object) $filters], $perPage, $options);
    }

    public function page(array $filters = [], ?int $page = null, ?int $perPage = null, array $options = []): array
    {
        return $this->call('order_list', ['filters' => (object) $filters, 'page' => $page, 'per_page' => $perPage], $options);
    }
}
