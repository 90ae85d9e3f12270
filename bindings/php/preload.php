<?php

declare(strict_types=1);

// opcache.preload file of the fwpay package, for php-fpm (docs/bindings.md, "php-fpm"): it
// compiles the package's classes into the server's memory when the server starts. Under
// ffi.enable=preload (php-fpm's default) only preloaded code may use FFI's static helpers
// (FFI::string, FFI::addr...), and the classes reach libfwpay through the "fwpay" scope that
// ffi.preload=<package>/lib/fwpay_scope.h loads. php.ini (or the pool's php_admin_value):
//
//     ffi.preload = /path/to/fwpay/lib/fwpay_scope.h
//     opcache.preload = /path/to/fwpay/preload.php
//     opcache.preload_user = www-data        ; when the master runs as root
//
// Nothing here touches libfwpay: the library is loaded by ffi.preload, in the master.
spl_autoload_register(static function (string $class): void {
    if (str_starts_with($class, 'Fwpay\\')) {
        $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen('Fwpay\\'))) . '.php';
        if (is_file($file)) {
            require_once $file;
        }
    }
});
foreach (glob(__DIR__ . '/src/*.php') as $file) {
    $class = 'Fwpay\\' . basename($file, '.php');
    if (!class_exists($class) && !interface_exists($class)) {
        throw new RuntimeException("fwpay preload: $file declares no class $class");
    }
}
