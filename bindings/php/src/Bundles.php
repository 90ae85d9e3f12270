<?php

declare(strict_types=1);

namespace Fwpay;

final class Bundles extends Resource
{
    /** @return \Generator<int, array<string, mixed>> */
    public function list(int $perPage = 100, array $options = []): \Generator
    {
        return $this->client->items('bundle_list', 'refund_bundles', [], $perPage, $options);
    }

    public function page(?int $page = null, ?int $perPage = null, array $options = []): array
    {
        return $this->call('bundle_list', array_filter(['page' => $page, 'per_page' => $perPage]), $options);
    }

    public function get(string $id, array $options = []): array
    {
        return $this->call('bundle_get', ['bundle_id' => $id], $options);
    }

    public function approve(string $id, array $options = []): array
    {
        return $this->call('bundle_approve', ['bundle_id' => $id], $options);
    }
}
