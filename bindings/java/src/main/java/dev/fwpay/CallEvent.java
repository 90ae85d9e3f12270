package dev.fwpay;

/**
 * One telemetry event of a call (the library's fwp_event): its start, the end of each attempt
 * (one HTTP exchange, with libcurl's timings), its end. A listener (Client.Builder.onEvent)
 * receives them, in order, on the thread running the call, and may bridge them to
 * OpenTelemetry, Micrometer or its own metrics. No string holds the API key, a body or a query string.
 *
 * @param callId       the same for every event of one call; unique within the process
 * @param urlTemplate  "/recipients/{recipient_id}", or null for Client.request's own path
 * @param attempt      the attempt ended (ATTEMPT_END), the attempts made (CALL_END), 0 (CALL_START)
 * @param httpStatus   0 when there was no answer
 * @param error        0, or the FWP_E_ code of the failure
 * @param errorType    the failure's kind ("timeout", "not_found", "tls"...), or null
 * @param durationMs   the attempt's, or the whole call's with its pauses (CALL_END)
 * @param dnsMs        ATTEMPT_END: milliseconds from the attempt's start until the name was
 *                     resolved (and so on for connectMs, tlsMs, firstByteMs); -1 otherwise
 */
public record CallEvent(Type type, long callId, long timeUnixNano, String method, String urlTemplate,
                        String serverAddress, int serverPort, int attempt, int httpStatus, int error, String errorType,
                        String requestId, double durationMs, double dnsMs, double connectMs, double tlsMs,
                        double firstByteMs, boolean newConnection) {
    public enum Type { CALL_START, ATTEMPT_END, CALL_END }

    /** Receives a client's events; an exception it throws is dropped. */
    @FunctionalInterface
    public interface Listener {
        void onEvent(CallEvent event);
    }
}
