<?php

declare(strict_types=1);

namespace Fwpay;

/** Written by scripts/version.py from VERSION; do not edit. */
final class Version
{
    public const STRING = '0.2.0';
}
