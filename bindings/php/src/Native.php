<?php

declare(strict_types=1);

namespace Fwpay;

use FFI;

/**
 * libfwpay through PHP's FFI, declared from include/fwpay_ffi.h (generated with the C header,
 * so no declaration is copied here). Only the text interface is used: fwp_client_new_json,
 * fwp_call, fwp_error_json.
 *
 * The library is $FWPAY_LIBRARY, else the copy inside the package, else the system's
 * (libfwpay0.2); the declarations are $FWPAY_FFI_HEADER, else the package's copy, else the
 * installed include/fwpay_ffi.h.
 * @internal
 */
final class Native
{
    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        if (self::$ffi === null) {
            $ffi = FFI::cdef((string) file_get_contents(self::header()), self::library());
            $loaded = (string) $ffi->fwp_version(); // const char * comes back as a PHP string
            if (array_slice(explode('.', $loaded), 0, 2) !== array_slice(explode('.', Version::STRING), 0, 2)) {
                throw new \RuntimeException(sprintf('fwpay %s needs libfwpay %s.x, but %s is libfwpay %s', Version::STRING,
                    implode('.', array_slice(explode('.', Version::STRING), 0, 2)), self::library(), $loaded));
            }
            self::$ffi = $ffi;
        }
        return self::$ffi;
    }

    private static function library(): string
    {
        $given = getenv('FWPAY_LIBRARY');
        if (is_string($given) && $given !== '') {
            return $given;
        }
        $bundled = __DIR__ . '/../lib/libfwpay.so';
        if (is_file($bundled)) {
            return $bundled;
        }
        return Version::LIBRARY_SONAME;
    }

    private static function header(): string
    {
        $candidates = [getenv('FWPAY_FFI_HEADER') ?: '', __DIR__ . '/../lib/fwpay_ffi.h',
            '/usr/include/fwpay_ffi.h', '/usr/local/include/fwpay_ffi.h'];
        foreach ($candidates as $path) {
            if ($path !== '' && is_file($path)) {
                return $path;
            }
        }
        throw new \RuntimeException('fwpay_ffi.h was not found: set FWPAY_FFI_HEADER or install libfwpay-dev');
    }

    /** Runs $call with a fresh fwp_error and throws the class of its code unless it succeeded. */
    public static function check(callable $call): void
    {
        $ffi = self::ffi();
        $err = $ffi->fwp_error_new();
        try {
            $code = $call($err);
            if ($code !== 0) {
                throw Error::fromDetail(self::detail($err));
            }
        } finally {
            $ffi->fwp_error_free($err);
        }
    }

    /** @return array<string, mixed> */
    private static function detail(FFI\CData $err): array
    {
        $ffi = self::ffi();
        $out = $ffi->new('char *');
        $ffi->fwp_error_json($err, FFI::addr($out));
        $text = self::take($out);
        return $text === null ? ['kind' => 'no_memory', 'message' => 'out of memory'] : json_decode($text, true);
    }

    /** The text a char * received, freed with fwp_free. */
    public static function take(FFI\CData $text): ?string
    {
        if (FFI::isNull($text)) {
            return null;
        }
        try {
            return FFI::string($text);
        } finally {
            self::ffi()->fwp_free($text);
        }
    }

    public static function encode(mixed $value): string
    {
        return json_encode($value, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION);
    }

    /** Bytes in a C buffer, for functions that take a pointer and a length. */
    public static function bytes(string $data): FFI\CData
    {
        $buffer = self::ffi()->new('char[' . max(1, strlen($data)) . ']');
        FFI::memcpy($buffer, $data, strlen($data));
        return $buffer;
    }
}
