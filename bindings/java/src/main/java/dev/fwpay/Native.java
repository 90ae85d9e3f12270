package dev.fwpay;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * libfwpay through JNA: only its text interface (fwp_client_new_json, fwp_call,
 * fwp_call_start, fwp_queue_take_text, fwp_error_json), so no struct layout is copied here
 * but the callbacks'. The library is $FWPAY_LIBRARY, else the copy inside the jar (see
 * {@link Bundled}), else the system's (libfwpay0.2). JNA calls hold no lock: threads share one
 * client in parallel.
 */
final class Native {
    /**
     * The functions, direct-mapped (JNA's Native.register): a call goes straight to its native
     * stub without the reflection proxy an interface mapping costs on every call. size_t is a
     * Java long (64-bit platforms).
     */
    static final class Lib {
        static {
            String given = System.getenv("FWPAY_LIBRARY");
            String name = given != null && !given.isEmpty() ? given
                    : java.util.Objects.requireNonNullElse(Bundled.extract(), Version.LIBRARY_SONAME);
            try {
                com.sun.jna.Native.register(Lib.class, NativeLibrary.getInstance(name,
                        Map.of(com.sun.jna.Library.OPTION_STRING_ENCODING, "UTF-8")));
            } catch (UnsatisfiedLinkError e) {
                UnsatisfiedLinkError named = new UnsatisfiedLinkError("fwpay: " + name + " could not be loaded ("
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "): use the fwpay jar built for linux-x86-64, "
                        + "which carries it, or install the system's " + Version.LIBRARY_SONAME + " (apt install libfwpay"
                        + Version.LIBRARY_SONAME.substring("libfwpay.so.".length()) + "), or set FWPAY_LIBRARY");
                named.initCause(e);
                throw named;
            }
            String[] version = Version.STRING.split("\\.");
            String loaded = fwp_version();
            String[] parts = loaded.split("\\.");
            if (!Arrays.equals(Arrays.copyOf(parts, 2), Arrays.copyOf(version, 2))) {
                throw new UnsatisfiedLinkError("fwpay " + Version.STRING + " needs libfwpay " + version[0] + "." + version[1]
                        + ".x, but " + name + " is libfwpay " + loaded);
            }
        }

        static native String fwp_version();
        static native Pointer fwp_error_new();
        static native void fwp_error_free(Pointer err);
        static native int fwp_error_json(Pointer err, PointerByReference out);
        static native String fwp_error_request_id(Pointer err);
        static native String fwp_error_idempotency_key(Pointer err);
        static native int fwp_error_http_status(Pointer err);
        static native void fwp_free(Pointer pointer);
        static native int fwp_client_new_json(byte[] settings, long len, PointerByReference out, Pointer err);
        static native int fwp_client_new_json_hooked(byte[] settings, long len, Hooks hooks, PointerByReference out, Pointer err);
        static native void fwp_client_free(Pointer client);
        static native int fwp_call(Pointer client, String operation, byte[] args, long len, PointerByReference out, Pointer err);
        static native int fwp_call_start(Pointer client, String operation, byte[] args, long len, Pointer queue, long tag,
                                         com.sun.jna.ptr.LongByReference outCall, Pointer err);
        static native int fwp_call_cancel(Pointer client, long call);
        static native int fwp_iter_next_start(Pointer iter, Pointer queue, long tag, Pointer err);
        static native int fwp_queue_new(PointerByReference out, Pointer err);
        static native int fwp_queue_wait(Pointer queue, int timeoutMs);
        static native int fwp_queue_take_text(Pointer queue, com.sun.jna.ptr.LongByReference tag, com.sun.jna.ptr.IntByReference code,
                                              PointerByReference out, Pointer err);
        static native int fwp_iter_new_json(Pointer client, String operation, byte[] args, long len, PointerByReference out, Pointer err);
        static native int fwp_iter_next_json(Pointer iter, PointerByReference out, Pointer err);
        static native void fwp_iter_free(Pointer iter);
        static native int fwp_notification_verify(byte[] body, long len, String digest, String secret, Pointer err);
        static native int fwp_notification_sign(byte[] body, long len, String secret, PointerByReference out, Pointer err);
        static native int fwp_notification_parse_json(byte[] body, long len, PointerByReference out, Pointer err);

        private Lib() {}
    }

    /** fwp_log_callback: a log line, from the thread making the request. */
    interface LogCallback extends com.sun.jna.Callback {
        void invoke(int level, String line, Pointer userdata);
    }

    /** fwp_event_callback: a telemetry event, from the thread making the request. */
    interface EventCallback extends com.sun.jna.Callback {
        void invoke(Pointer event, Pointer userdata);
    }

    /** fwp_client_hooks (version 1). */
    @com.sun.jna.Structure.FieldOrder({"version", "log_callback", "log_userdata", "event_callback", "event_userdata", "event_types"})
    public static final class Hooks extends com.sun.jna.Structure {
        public int version = 1;
        public LogCallback log_callback;
        public Pointer log_userdata;
        public EventCallback event_callback;
        public Pointer event_userdata;
        public int event_types; // 0: every kind
    }

    /** fwp_event (version 1), read when an event arrives. */
    @com.sun.jna.Structure.FieldOrder({"version", "type", "call_id", "time_unix_nano", "method", "url_template",
            "server_address", "server_port", "attempt", "http_status", "error", "error_type", "request_id", "duration_ms",
            "dns_ms", "connect_ms", "tls_ms", "first_byte_ms", "new_connection"})
    public static final class Event extends com.sun.jna.Structure {
        public int version, type;
        public long call_id, time_unix_nano;
        public String method, url_template, server_address;
        public int server_port, attempt, http_status, error;
        public String error_type, request_id;
        public double duration_ms, dns_ms, connect_ms, tls_ms, first_byte_ms;
        public int new_connection;

        public Event(Pointer pointer) {
            super(pointer);
            read();
        }

        CallEvent toCallEvent() {
            CallEvent.Type kind = CallEvent.Type.values()[Math.max(0, Math.min(2, type - 1))];
            return new CallEvent(kind, call_id, time_unix_nano, method, url_template, server_address, server_port, attempt,
                    http_status, error, error_type, request_id, duration_ms, dns_ms, connect_ms, tls_ms, first_byte_ms,
                    new_connection != 0);
        }
    }

    /** A call that fills an fwp_error: returns its code. */
    interface Call {
        int run(Pointer err);
    }

    /** What to read of an fwp_error after a success. */
    private interface Success<T> {
        T read(Pointer err);
    }

    /** Runs call with a fresh fwp_error, and throws the exception of its code unless it succeeded. */
    static void check(Call call) {
        run(call, err -> null);
    }

    /**
     * As check, and returns what the error says after the success: the request id, the
     * idempotency key sent and the HTTP status (three fields without JSON: this runs on every call).
     */
    static Map<String, Object> checkAnswered(Call call) {
        return run(call, Native::answered);
    }

    /** What an fwp_error says after a success. */
    static Map<String, Object> answered(Pointer err) {
        return Map.of("request_id", Lib.fwp_error_request_id(err), "idempotency_key", Lib.fwp_error_idempotency_key(err),
                      "http_status", Lib.fwp_error_http_status(err));
    }

    /** The exception of a failure an fwp_error describes. */
    static FwpayException failure(Pointer err) {
        PointerByReference out = new PointerByReference();
        Lib.fwp_error_json(err, out);
        String detail = take(out);
        return FwpayException.of(Json.object(detail == null ? "{\"kind\":\"no_memory\",\"message\":\"out of memory\"}" : detail));
    }

    private static <T> T run(Call call, Success<T> success) {
        Pointer err = Lib.fwp_error_new();
        if (err == null) throw new OutOfMemoryError("fwp_error_new");
        try {
            if (call.run(err) != 0) throw failure(err);
            return success.read(err);
        } finally {
            Lib.fwp_error_free(err);
        }
    }

    /** The text a char ** received, freed with fwp_free. */
    static String take(PointerByReference out) {
        Pointer text = out.getValue();
        if (text == null) return null;
        try {
            return text.getString(0, "UTF-8");
        } finally {
            Lib.fwp_free(text);
        }
    }

    /**
     * value for a const char * parameter: refused when it holds a NUL, which C would take for
     * its end (a digest or secret cut short, an operation name with a tail).
     */
    static String cString(String value, String name) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw FwpayException.of(Map.of("kind", "invalid_argument", "message", name + " must not contain a NUL character"));
        }
        return value;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static long length(byte[] bytes) {
        return bytes.length;
    }

    private Native() {}
}
