<?php

declare(strict_types=1);

namespace Fwpay;

/** 429: wait before retrying. */
class RateLimitError extends ApiError
{
}
