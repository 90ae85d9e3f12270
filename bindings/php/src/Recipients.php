<?php

declare(strict_types=1);

namespace Fwpay;

final class Recipients extends Resource
{
    /** @return \Generator<int, array<string, mixed>> */
    public function list(int $perPage = 100, array $options = []): \Generator
    {
        return $this->client->items('recipient_list', 'recipients', [], $perPage, $options);
    }

    public function page(?int $page = null, ?int $perPage = null, array $options = []): array
    {
        return $this->call('recipient_list', array_filter(['page' => $page, 'per_page' => $perPage]), $options);
    }

    public function get(string $id, array $options = []): array
    {
        return $this->call('recipient_get', ['recipient_id' => $id], $options);
    }

    public function search(string $name, array $options = []): array
    {
        return $this->call('recipient_search', ['name' => $name], $options);
    }
}
