<?php

declare(strict_types=1);

namespace Fwpay;

/** 403: the API key is valid but may not do this. */
class PermissionError extends ApiError
{
}
