package dev.fwpay;

import java.time.Duration;
import java.util.Map;

/** Settings for one call: the POST's Idempotency-Key, a timeout, retries. Immutable. */
public final class CallOptions {
    public static final CallOptions DEFAULT = new CallOptions(null, null, null);
    private final String idempotencyKey;
    private final Duration timeout;
    private final Integer maxRetries;

    private CallOptions(String idempotencyKey, Duration timeout, Integer maxRetries) {
        this.idempotencyKey = idempotencyKey;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
    }

    /** Your own key (e.g. your order number), so that a retry after OutcomeUnknown carries it. */
    public static CallOptions idempotencyKey(String key) { return DEFAULT.withIdempotencyKey(key); }
    public CallOptions withIdempotencyKey(String key) { return new CallOptions(key, timeout, maxRetries); }
    public CallOptions withTimeout(Duration value) { return new CallOptions(idempotencyKey, value, maxRetries); }
    public CallOptions withMaxRetries(int value) { return new CallOptions(idempotencyKey, timeout, value); }

    void addTo(Map<String, Object> arguments) {
        if (idempotencyKey != null) arguments.put("idempotency_key", idempotencyKey);
        if (timeout != null) arguments.put("timeout_ms", timeout.toMillis());
        if (maxRetries != null) arguments.put("max_retries", maxRetries);
    }
}
