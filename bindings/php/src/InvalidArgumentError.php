<?php

declare(strict_types=1);

namespace Fwpay;

/** Refused before sending: nothing reached the server. */
class InvalidArgumentError extends Error
{
}
