<?php

declare(strict_types=1);

namespace Fwpay;

/** A notification's X-Flywire-Digest does not match. */
class SignatureError extends Error
{
}
