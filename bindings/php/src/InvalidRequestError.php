<?php

declare(strict_types=1);

namespace Fwpay;

/** 400 or 422: see errors() for each field. */
class InvalidRequestError extends ApiError
{
}
