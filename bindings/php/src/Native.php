<?php

declare(strict_types=1);

namespace Fwpay;

use FFI;

/**
 * libfwpay through PHP's FFI, declared from fwpay_ffi.h (generated with the C header, so no
 * declaration is copied here). Only the text interface is used: fwp_client_new_json,
 * fwp_call, fwp_error_json.
 *
 * Under php-fpm (ffi.enable=preload, its default) the declarations come from the "fwpay" scope
 * that ffi.preload loaded at the server's start (lib/fwpay_scope.h), and the package's classes
 * must be preloaded too (preload.php), since FFI's static helpers serve only preloaded code:
 * docs/bindings.md, "php-fpm". Elsewhere (the CLI, ffi.enable=true) the package declares them
 * itself: the library is $FWPAY_LIBRARY, else the copy inside the package (lib/native, with the
 * libraries it needs beside it, in the Composer package `make packages` builds), else the
 * system's (libfwpay0.2); the declarations are $FWPAY_FFI_HEADER, else the package's lib/fwpay_scope.h
 * (the same declarations, its FFI_SCOPE and FFI_LIB lines left out), else the installed
 * include/fwpay_ffi.h.
 * @internal
 */
final class Native
{
    /** The name of the preloaded scope (FFI_SCOPE in lib/fwpay_scope.h). */
    public const SCOPE = 'fwpay';

    private static ?FFI $ffi = null;

    public static function ffi(): FFI
    {
        if (self::$ffi === null) {
            $ffi = self::preloadedScope() ?? self::declared();
            $loaded = (string) $ffi->fwp_version(); // const char * comes back as a PHP string
            if (array_slice(explode('.', $loaded), 0, 2) !== array_slice(explode('.', Version::STRING), 0, 2)) {
                throw new \RuntimeException(sprintf('fwpay %s needs libfwpay %s.x, but %s is libfwpay %s', Version::STRING,
                    implode('.', array_slice(explode('.', Version::STRING), 0, 2)), self::library(), $loaded));
            }
            self::$ffi = $ffi;
        }
        return self::$ffi;
    }

    private static function preloadedScope(): ?FFI
    {
        try {
            return FFI::scope(self::SCOPE);
        } catch (FFI\Exception) {
            return null; // no ffi.preload of lib/fwpay_scope.h: declare the functions here
        }
    }

    private static function declared(): FFI
    {
        try {
            // FFI::cdef reads no preprocessor lines: the scope file's two #defines are ffi.preload's.
            $declarations = preg_replace('/^#define FFI_(SCOPE|LIB) .*$/m', '', (string) file_get_contents(self::header()));
            return FFI::cdef((string) $declarations, self::library());
        } catch (FFI\Exception $e) {
            if (str_contains($e->getMessage(), 'restricted')) {
                throw new \RuntimeException('FFI is open only to preloaded code here (ffi.enable=preload, php-fpm\'s '
                    . 'default): preload the fwpay scope and classes, with ffi.preload=' . dirname(__DIR__)
                    . '/lib/fwpay_scope.h and opcache.preload=' . dirname(__DIR__) . '/preload.php '
                    . '(docs/bindings.md, "php-fpm")', 0, $e);
            }
            if (str_contains($e->getMessage(), 'Failed loading')) {
                throw new \RuntimeException(sprintf('fwpay: %s could not be loaded (%s): install the fwpay Composer '
                    . 'package built for linux-x86_64, which carries it, or the system\'s %s (apt install libfwpay%s), or '
                    . 'set FWPAY_LIBRARY', self::library(), $e->getMessage(), Version::LIBRARY_SONAME,
                    substr(Version::LIBRARY_SONAME, strlen('libfwpay.so.'))), 0, $e);
            }
            throw $e;
        }
    }

    private static function library(): string
    {
        $given = getenv('FWPAY_LIBRARY');
        if (is_string($given) && $given !== '') {
            return $given;
        }
        $bundled = __DIR__ . '/../lib/native/libfwpay.so';
        if (is_file($bundled)) {
            return $bundled;
        }
        return Version::LIBRARY_SONAME;
    }

    private static function header(): string
    {
        $candidates = [getenv('FWPAY_FFI_HEADER') ?: '', __DIR__ . '/../lib/fwpay_scope.h',
            '/usr/include/fwpay_ffi.h', '/usr/local/include/fwpay_ffi.h'];
        foreach ($candidates as $path) {
            if ($path !== '' && is_file($path)) {
                return $path;
            }
        }
        throw new \RuntimeException('fwpay_ffi.h was not found: set FWPAY_FFI_HEADER or install libfwpay-dev');
    }

    /** Runs $call with a fresh fwp_error and throws the class of its code unless it succeeded. */
    /** Runs $call with a fresh fwp_error, and throws its class unless it succeeded. */
    public static function check(callable $call): void
    {
        self::run($call, fn ($err) => null);
    }

    /**
     * As check, and returns what the error says after the success: the request id, the key
     * sent and the status (three fields without JSON).
     * @return array{request_id: string, idempotency_key: string, http_status: int}
     */
    public static function checkAnswered(callable $call): array
    {
        $ffi = self::ffi();
        return self::run($call, fn ($err) => ['request_id' => self::text($ffi->fwp_error_request_id($err)),
            'idempotency_key' => self::text($ffi->fwp_error_idempotency_key($err)),
            'http_status' => $ffi->fwp_error_http_status($err)]);
    }

    private static function run(callable $call, callable $success): mixed
    {
        $ffi = self::ffi();
        $err = $ffi->fwp_error_new();
        try {
            $code = $call($err);
            if ($code !== 0) {
                throw Error::fromDetail(self::detail($err));
            }
            return $success($err);
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

    /** A borrowed `const char *` the library returned (FFI may hand it over as a string already). */
    private static function text(mixed $value): string
    {
        return is_string($value) ? $value : FFI::string($value);
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

    /**
     * $value for a const char * parameter: refused when it holds a NUL, which C would take
     * for its end (a digest or secret cut short, an operation name with a tail).
     */
    public static function cString(string $value, string $name): string
    {
        if (str_contains($value, "\0")) {
            throw new InvalidArgumentError(['kind' => 'invalid_argument', 'message' => "$name must not contain a NUL character"]);
        }
        return $value;
    }

    /** Bytes in a C buffer, for functions that take a pointer and a length. */
    public static function bytes(string $data): FFI\CData
    {
        $buffer = self::ffi()->new('char[' . max(1, strlen($data)) . ']');
        FFI::memcpy($buffer, $data, strlen($data));
        return $buffer;
    }
}
