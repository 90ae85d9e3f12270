<?php

declare(strict_types=1);

namespace Fwpay;

/** Sent, but no answer came: it may have taken effect. Retry only with the same idempotencyKey(). */
class OutcomeUnknownError extends Error
{
}
