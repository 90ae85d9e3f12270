<?php

declare(strict_types=1);

namespace Fwpay;

/** The Idempotency-Key was used with another request, or its first request is still being handled. */
class IdempotencyError extends InvalidRequestError
{
}
