<?php

declare(strict_types=1);

namespace Fwpay;

/** What every resource shares: its client. @internal */
abstract class Resource
{
    public function __construct(protected readonly Client $client)
    {
    }

    /** @param array<string, mixed> $arguments @param array<string, mixed> $options */
    protected function call(string $operation, array $arguments, array $options): mixed
    {
        return $this->client->call($operation, $arguments, $options);
    }
}
