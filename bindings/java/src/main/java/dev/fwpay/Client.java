package dev.fwpay;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A client of Flywire's Payments API, over libfwpay. Thread-safe: share one between threads,
 * platform or virtual (a virtual thread's calls run on the binding's platform threads, so they
 * never pin a carrier: docs/servers.md). Calls in flight when {@link #close} runs still finish.
 * Results are Map<String, Object> as the server sent them (integers as Long); failures
 * throw FwpayException subclasses.
 *
 * <pre>
 * try (Client client = Client.builder(System.getenv("FWPAY_API_KEY")).baseUrl(Client.SANDBOX_BASE_URL).build()) {
 *     Map&lt;String, Object&gt; payment = client.orders.charge(orderId, CallOptions.idempotencyKey("order-" + orderId));
 * }
 * </pre>
 */
public final class Client implements AutoCloseable {
    public static final String PRODUCTION_BASE_URL = BaseUrl.PRODUCTION;
    public static final String SANDBOX_BASE_URL = BaseUrl.SANDBOX;

    public final Recipients recipients = new Recipients(this);
    public final Offers offers = new Offers(this);
    public final Orders orders = new Orders(this);
    public final Sessions sessions = new Sessions(this);
    public final Payments payments = new Payments(this);
    public final Refunds refunds = new Refunds(this);
    public final Bundles bundles = new Bundles(this);
    /** fwpay-sandbox's control API (sandbox-only). */
    public final Sandbox sandbox = new Sandbox(this);
    /**
     * The library's handle: a number it looks up on every call, so that a call after close, or
     * one in flight when close frees it, gets an error or its answer, never a crash (the same
     * in every binding).
     */
    private final Pointer handle;

    /** Settings of a new client: the API key, then what differs from the defaults. */
    public static final class Builder {
        private final Map<String, Object> settings = new LinkedHashMap<>();

        private Builder(String apiKey) {
            settings.put("api_key", apiKey);
            settings.put("user_agent", "java/" + System.getProperty("java.version"));
        }
        public Builder baseUrl(String url) { settings.put("base_url", url); return this; }
        public Builder timeout(Duration value) { settings.put("timeout_ms", value.toMillis()); return this; }
        public Builder connectTimeout(Duration value) { settings.put("connect_timeout_ms", value.toMillis()); return this; }
        public Builder maxRetries(int value) { settings.put("max_retries", value); return this; }
        /** Requests a minute this client sends at most, retries included; past it a request waits its turn,
         *  or fails with RateLimited unsent when the wait would outlast its timeout. Default: no bound. */
        public Builder maxRequestsPerMinute(int value) { settings.put("max_requests_per_minute", value); return this; }
        /** Requests of ...Async calls sent at once (default 1000); more wait in the library, holding no thread. */
        public Builder maxInFlight(int value) { settings.put("max_in_flight", value); return this; }
        /** Connections to the server at once for ...Async calls (default 0: no bound but maxInFlight). */
        public Builder maxHostConnections(int value) { settings.put("max_host_connections", value); return this; }
        public Builder allowInsecureHttp(boolean value) { settings.put("allow_insecure_http", value); return this; }
        /**
         * The server deduplicates POSTs by Idempotency-Key (fwpay-sandbox does; Flywire documents
         * no idempotency): an unanswered POST is retried with the same key. Default false.
         */
        public Builder serverDeduplicates(boolean value) { settings.put("server_deduplicates", value); return this; }
        /** A PEM file TLS trusts instead of the system's ($FWPAY_CA_BUNDLE otherwise). */
        public Builder caBundle(String path) { settings.put("ca_bundle", path); return this; }
        /**
         * The proxy of every request ("http://proxy.example:3128"; credentials are never logged),
         * "" for none; unset, $HTTPS_PROXY and $NO_PROXY decide, as in curl.
         */
        public Builder proxy(String url) { settings.put("proxy", url); return this; }
        /** Hosts reached without the proxy ("localhost,.internal", "*"). */
        public Builder noProxy(String hosts) { settings.put("no_proxy", hosts); return this; }
        /** Mutual TLS: the client's certificate and its unencrypted key (PEM files; key may be null when the certificate's file holds it). */
        public Builder clientCertificate(String certificate, String key) {
            settings.put("client_cert", certificate);
            if (key != null) settings.put("client_key", key);
            return this;
        }
        /**
         * Log lines of {@code level} ("error", "warning", "info" or "debug") and above go to
         * {@code handler} (instead of $FWPAY_LOG's stderr), from the thread making the request;
         * they never hold the API key. An exception the handler throws is dropped.
         */
        public Builder log(String level, LogHandler handler) {
            settings.put("log_level", level);
            this.log = java.util.Objects.requireNonNull(handler, "handler");
            return this;
        }
        private LogHandler log;
        /**
         * Each call's telemetry events (CallEvent: its start, each attempt with libcurl's
         * timings, its end) go to {@code listener}, on the thread running the call (the binding's
         * platform thread when called from a virtual thread): bridge them
         * to OpenTelemetry or your metrics. An exception the listener throws is dropped.
         */
        public Builder onEvent(CallEvent.Listener listener) {
            this.events = java.util.Objects.requireNonNull(listener, "listener");
            return this;
        }
        private CallEvent.Listener events;
        public Client build() { return new Client(settings, log, events); }
    }

    public static Builder builder(String apiKey) { return new Builder(apiKey); }

    /** The version of the libfwpay loaded (its major.minor is checked against the package's). */
    public static String libraryVersion() { return Native.Lib.fwp_version(); }

    /** Receives the library's log lines (Builder.log). */
    @FunctionalInterface
    public interface LogHandler {
        void log(String level, String line);
    }

    private static final String[] LEVELS = {"error", "warning", "info", "debug"};
    /** Log callbacks stay reachable for the process: the library may call one as long as any
     *  iterator of its client lives, past the Client object. */
    private static final java.util.Set<com.sun.jna.Callback> CALLBACKS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Client(Map<String, Object> settings, LogHandler log, CallEvent.Listener events) {
        byte[] text = Native.utf8(Json.write(settings));
        PointerByReference out = new PointerByReference();
        Native.LogCallback callback = log == null ? null : (level, line, userdata) -> {
            try {
                log.log(level >= 0 && level < LEVELS.length ? LEVELS[level] : String.valueOf(level), line);
            } catch (RuntimeException dropped) {
                // the handler's own failure must not unwind through the library
            }
        };
        Native.EventCallback eventCallback = events == null ? null : (event, userdata) -> {
            try {
                events.onEvent(new Native.Event(event).toCallEvent());
            } catch (RuntimeException dropped) {
                // the listener's own failure must not unwind through the library
            }
        };
        if (callback != null) CALLBACKS.add(callback);
        if (eventCallback != null) CALLBACKS.add(eventCallback);
        Native.Hooks hooks = new Native.Hooks();
        hooks.log_callback = callback;
        hooks.event_callback = eventCallback;
        try {
            Native.check(err -> callback == null && eventCallback == null
                    ? Native.Lib.fwp_client_new_json(text, Native.length(text), out, err)
                    : Native.Lib.fwp_client_new_json_hooked(text, Native.length(text), hooks, out, err));
        } finally {
            java.util.Arrays.fill(text, (byte) 0); // the settings hold the API key
        }
        handle = out.getValue();
    }

    /**
     * Releases the client's connections once the calls other threads have in flight are
     * answered; calls made afterwards throw InvalidArgument. Closing twice is harmless.
     */
    @Override
    public void close() {
        Native.Lib.fwp_client_free(handle);
    }

    @Override
    public String toString() { return "fwpay.Client"; } // never the key

    /** Any other call: method ("GET", "POST", "PATCH", "DELETE") to path below the base URL. */
    public Object request(String method, String path, Object body, CallOptions options) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        arguments.put("method", method);
        arguments.put("path", path);
        arguments.put("body", body);
        return call("request", arguments, options);
    }

    /**
     * One operation of fwp_call (its name and arguments as fwpay.h documents them). On a
     * virtual thread the call is started in the library and awaited, so the virtual thread is
     * unmounted while it waits, never pinned to its carrier.
     */
    public Object call(String operation, Map<String, Object> arguments, CallOptions options) {
        byte[] text = argumentsText(operation, arguments, options);
        if (VirtualThreads.current()) return Completions.awaited(callAsync(operation, text));
        PointerByReference out = new PointerByReference();
        Map<String, Object> detail = Native.checkAnswered(err -> Native.Lib.fwp_call(handle, operation, text, Native.length(text), out, err));
        return Result.of(Json.read(Native.take(out)), detail);
    }

    /**
     * One operation of fwp_call, started without a thread: the library sends it from the
     * client's I/O thread, and the future completes on the "fwpay-completions" thread with the
     * answer or the FwpayException. Cancelling the future cancels the call (a money-moving
     * request already sent then ends outcome-unknown in the library: look it up before
     * retrying, with the same idempotency key).
     */
    public java.util.concurrent.CompletableFuture<Object> callAsync(String operation, Map<String, Object> arguments,
                                                                    CallOptions options) {
        return callAsync(operation, argumentsText(operation, arguments, options));
    }

    private java.util.concurrent.CompletableFuture<Object> callAsync(String operation, byte[] text) {
        return Completions.start(handle, operation, text, (answer, detail) -> Result.of(Json.read(answer), detail));
    }

    private static byte[] argumentsText(String operation, Map<String, Object> arguments, CallOptions options) {
        Native.cString(operation, "operation");
        Map<String, Object> given = new LinkedHashMap<>(arguments);
        (options == null ? CallOptions.DEFAULT : options).addTo(given);
        return Native.utf8(Json.write(given));
    }

    /** A call whose answer is a JSON object, as a Result. */
    Result object(String operation, Map<String, Object> arguments, CallOptions options) {
        Object answer = call(operation, arguments, options);
        if (answer instanceof Result result) return result;
        throw FwpayException.of(Map.of("kind", "bad_response", "message", operation + " answered " + Json.write(answer) + ", not a JSON object"));
    }

    /** A started call whose answer is a JSON object, as a Result. */
    java.util.concurrent.CompletableFuture<Result> objectAsync(String operation, Map<String, Object> arguments, CallOptions options) {
        return Completions.start(handle, operation, argumentsText(operation, arguments, options), (text, detail) -> {
            if (Result.of(Json.read(text), detail) instanceof Result result) return result;
            throw FwpayException.of(Map.of("kind", "bad_response", "message", operation + " answered " + text + ", not a JSON object"));
        });
    }

    static Map<String, Object> arguments(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    /**
     * Every item of a list, page after page, fetched as the iteration goes: the library walks
     * the pages (fwp_iter_new_json). Each iteration has its own native iterator, released at
     * the end of the list (or by the garbage collector when the loop stops early).
     */
    Iterable<Map<String, Object>> items(String operation, Map<String, Object> base, int perPage,
                                        CallOptions options) {
        Map<String, Object> given = new LinkedHashMap<>(base);
        given.put("per_page", perPage);
        (options == null ? CallOptions.DEFAULT : options).addTo(given);
        given.remove("idempotency_key"); // a list is a GET: nothing to key
        byte[] text = Native.utf8(Json.write(given));
        return () -> new Iterator<>() {
            private final NativeIterator iter = new NativeIterator(open(operation, text));
            private final java.lang.ref.Cleaner.Cleanable cleanable = CLEANER.register(this, iter);
            private Map<String, Object> next;

            @SuppressWarnings("unchecked")
            @Override
            public boolean hasNext() {
                if (next != null) return true;
                Pointer pointer = iter.pointer;
                if (pointer == null) return false;
                String item;
                if (VirtualThreads.current()) {  // awaited unmounted, never pinned
                    item = Completions.awaited(Completions.step(pointer));
                    if ("null".equals(item)) item = null;
                } else {
                    PointerByReference out = new PointerByReference();
                    Native.check(err -> Native.Lib.fwp_iter_next_json(pointer, out, err));
                    item = Native.take(out);
                }
                if (item == null) {
                    cleanable.clean();
                    return false;
                }
                next = (Map<String, Object>) Json.read(item);
                return true;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) throw new NoSuchElementException();
                Map<String, Object> item = next;
                next = null;
                return item;
            }
        };
    }

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** A native iterator, freed once: at the end of its list, or when its Iterator is collected. */
    private static final class NativeIterator implements Runnable {
        volatile Pointer pointer;

        NativeIterator(Pointer pointer) { this.pointer = pointer; }

        @Override
        public void run() {
            Pointer current = pointer;
            pointer = null;
            if (current != null) Native.Lib.fwp_iter_free(current);
        }
    }

    private Pointer open(String operation, byte[] text) {
        PointerByReference out = new PointerByReference();
        Native.check(err -> Native.Lib.fwp_iter_new_json(handle, operation, text, Native.length(text), out, err));
        return out.getValue();
    }
}
