<?php
// Conformance runner: the calls of steps.json through the PHP face (see ../test_conformance.py).
declare(strict_types=1);

spl_autoload_register(function (string $class): void {
    $file = __DIR__ . '/../../../bindings/php/src/' . substr($class, strlen('Fwpay\\')) . '.php';
    if (str_starts_with($class, 'Fwpay\\') && is_file($file)) {
        require $file;
    }
});

$plan = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$saved = $plan['prepared'];
$resolve = function (mixed $value) use (&$resolve, &$saved): mixed {
    if (is_string($value) && str_starts_with($value, '$')) {
        return $saved[substr($value, 1)];
    }
    return is_array($value) ? array_map($resolve, $value) : $value;
};
$camel = fn (string $name): string => lcfirst(str_replace('_', '', ucwords($name, '_')));

$client = new Fwpay\Client(apiKey: getenv('FWPAY_API_KEY'), baseUrl: getenv('FWPAY_BASE_URL'));
foreach ($plan['steps'] as $step) {
    try {
        $resource = $client->{$step['resource']};
        $name = $step['form'] === 'call' ? $step['camel'] : $step['method'];
        if (!method_exists($resource, $name)) {
            throw new RuntimeException("\$client->{$step['resource']}->{$name} does not exist");
        }
        $filters = $resolve($step['filters'] ?? []);
        $options = $step['options'];
        if ($step['form'] === 'list') {
            $named = ($filters !== [] || (new ReflectionMethod($resource, 'list'))->getParameters()[0]->getName() === 'filters')
                ? ['filters' => $filters] : [];
            $answer = iterator_to_array($resource->{$step['method']}(...$named, perPage: 2, options: $options), false);
        } elseif ($step['form'] === 'page') {
            $named = (new ReflectionMethod($resource, 'page'))->getParameters()[0]->getName() === 'filters' ? ['filters' => $filters] : [];
            $answer = $resource->page(...$named, page: 1, perPage: 2, options: $options);
        } else {
            $arguments = [];
            foreach ($step['arguments'] as $argument) {
                $arguments[$camel($argument['face'])] = $resolve($argument['value']);
            }
            $answer = $resource->{$name}(...$arguments, options: $options);
        }
        foreach ($step['save'] as $name => $dotted) {
            $at = $answer;
            foreach (explode('.', $dotted) as $part) {
                $at = $at[is_numeric($part) ? (int) $part : $part];
            }
            $saved[$name] = $at;
        }
        $requestId = $step['form'] === 'list' ? null : ($client->lastResponse()['request_id'] ?? null);
        echo json_encode(['operation' => $step['operation'], 'method' => $step['method'], 'ok' => true, 'request_id' => $requestId]), "\n";
    } catch (Throwable $error) {
        echo json_encode(['operation' => $step['operation'], 'method' => $step['method'], 'ok' => false,
            'class' => (new ReflectionClass($error))->getShortName(), 'error' => $error->getMessage()]), "\n";
    }
}
