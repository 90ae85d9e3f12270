<?php

declare(strict_types=1);

// What Composer's autoloader does for this package (composer.json, PSR-4), for running the
// tests without Composer: Fwpay\X is src/X.php, Fwpay\Tests\X is tests/X.php.
spl_autoload_register(static function (string $class): void {
    foreach (['Fwpay\\Tests\\' => __DIR__ . '/', 'Fwpay\\' => __DIR__ . '/../src/'] as $prefix => $directory) {
        if (str_starts_with($class, $prefix)) {
            $file = $directory . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});
