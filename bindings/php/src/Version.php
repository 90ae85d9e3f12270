<?php

declare(strict_types=1);

namespace Fwpay;

/** Written by scripts/version.py from VERSION; do not edit. */
final class Version
{
    public const STRING = '0.2.0';
    /** The SONAME of the library this version loads. */
    public const LIBRARY_SONAME = 'libfwpay.so.0.2';
}
