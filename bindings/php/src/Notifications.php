<?php

declare(strict_types=1);

namespace Fwpay;

use FFI;

/** The notifications Flywire sends to your notifications_url. $body: the raw bytes as received. */
final class Notifications
{
    /** Throws SignatureError unless $digest (X-Flywire-Digest) matches $body and $secret. */
    public static function verify(string $body, string $digest, string $secret): void
    {
        $ffi = Native::ffi();
        $raw = Native::bytes($body);
        $digest = Native::cString($digest, 'digest');
        $secret = Native::cString($secret, 'secret');
        Native::check(fn ($err) => $ffi->fwp_notification_verify($raw, strlen($body), $digest, $secret, $err));
    }

    public static function isValid(string $body, string $digest, string $secret): bool
    {
        try {
            self::verify($body, $digest, $secret);
            return true;
        } catch (SignatureError) {
            return false;
        }
    }

    /** The X-Flywire-Digest of $body (to test a receiver). */
    public static function sign(string $body, string $secret): string
    {
        $ffi = Native::ffi();
        $raw = Native::bytes($body);
        $out = $ffi->new('char *');
        $secret = Native::cString($secret, 'secret');
        Native::check(fn ($err) => $ffi->fwp_notification_sign($raw, strlen($body), $secret, FFI::addr($out), $err));
        return (string) Native::take($out);
    }

    /** Any notification format in one shape (see fwp_notification_parse in fwpay.h). Verify first. */
    public static function parse(string $body): array
    {
        $ffi = Native::ffi();
        $raw = Native::bytes($body);
        $out = $ffi->new('char *');
        Native::check(fn ($err) => $ffi->fwp_notification_parse_json($raw, strlen($body), FFI::addr($out), $err));
        return json_decode((string) Native::take($out), true, 512, JSON_THROW_ON_ERROR);
    }
}
