<?php

declare(strict_types=1);

namespace Fwpay;

final class Sessions extends Resource
{
    public function create(array $body, array $options = []): array
    {
        return $this->call('session_create', ['body' => $body], $options);
    }

    /** $session: the session id, or the confirm URL the payer's form handed your page. */
    public function confirm(string $session, array $options = []): array
    {
        return $this->call('session_confirm', ['session' => $session], $options);
    }
}
