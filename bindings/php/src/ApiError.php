<?php

declare(strict_types=1);

namespace Fwpay;

/** An error answer of the server. */
class ApiError extends Error
{
}
