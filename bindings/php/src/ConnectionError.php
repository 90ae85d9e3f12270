<?php

declare(strict_types=1);

namespace Fwpay;

/** The server could not be reached or did not answer in time: nothing happened. */
class ConnectionError extends Error
{
}
