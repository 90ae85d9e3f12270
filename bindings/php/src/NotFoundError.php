<?php

declare(strict_types=1);

namespace Fwpay;

/** 404. */
class NotFoundError extends ApiError
{
}
