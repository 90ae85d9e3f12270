<?php

declare(strict_types=1);

namespace Fwpay;

final class Offers extends Resource
{
    /** $amount in subunits (USD 120.25 is 12025); $country: the payer's, ISO 3166 alpha-2. */
    public function list(string $recipient, int $amount, string $country, array $options = []): array
    {
        return $this->call('offer_list', ['recipient_id' => $recipient, 'amount' => $amount, 'country' => $country], $options);
    }
}
