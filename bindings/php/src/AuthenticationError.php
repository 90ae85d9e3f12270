<?php

declare(strict_types=1);

namespace Fwpay;

/** 401: the API key was rejected. */
class AuthenticationError extends ApiError
{
}
