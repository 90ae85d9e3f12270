package dev.fwpay;

import java.util.List;
import java.util.Map;

/**
 * Every failure of the library: its kind (fwp_error_json's name of the FWP_E_ code), the
 * HTTP status, the server's request id (quote it to support), the idempotency key the
 * request carried, and the server's errors ([{source, param, type, message}]). Unchecked,
 * with one subclass per kind of failure.
 */
public class FwpayException extends RuntimeException {
    private final Map<String, Object> detail;

    FwpayException(Map<String, Object> detail) {
        super(String.valueOf(detail.getOrDefault("message", ""))
                + (text(detail, "request_id") != null ? " (request id: " + text(detail, "request_id") + ")" : ""));
        this.detail = detail;
    }

    public String kind() { return String.valueOf(detail.getOrDefault("kind", "")); }
    public int code() { return ((Number) detail.getOrDefault("code", 0L)).intValue(); }
    public Integer httpStatus() {
        int status = ((Number) detail.getOrDefault("http_status", 0L)).intValue();
        return status == 0 ? null : status;
    }
    public String requestId() { return text(detail, "request_id"); }
    public String idempotencyKey() { return text(detail, "idempotency_key"); }
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() { return (List<Map<String, Object>>) detail.getOrDefault("errors", List.of()); }

    private static String text(Map<String, Object> detail, String key) {
        Object value = detail.get(key);
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    static FwpayException of(Map<String, Object> detail) {
        switch (String.valueOf(detail.get("kind"))) {
            case "invalid_argument": case "invalid_json": return new InvalidArgument(detail);
            case "invalid_request": return new InvalidRequest(detail);
            case "idempotency_conflict": return new IdempotencyConflict(detail);
            case "authentication": return new Authentication(detail);
            case "permission": return new Permission(detail);
            case "not_found": return new NotFound(detail);
            case "rate_limited": return new RateLimit(detail);
            case "server": case "http": case "bad_response": return new Api(detail);
            case "connection": case "timeout": return new Connection(detail);
            case "tls": return new Tls(detail);
            case "outcome_unknown": return new OutcomeUnknown(detail);
            case "signature": return new Signature(detail);
            default: return new FwpayException(detail);
        }
    }

    /** Refused before sending: nothing reached the server. */
    public static class InvalidArgument extends FwpayException { InvalidArgument(Map<String, Object> d) { super(d); } }
    /** An error answer of the server. */
    public static class Api extends FwpayException { Api(Map<String, Object> d) { super(d); } }
    /** 400 or 422: see errors() for each field. */
    public static class InvalidRequest extends Api { InvalidRequest(Map<String, Object> d) { super(d); } }
    /** The Idempotency-Key was used with another request, or its first request is still being handled. */
    public static class IdempotencyConflict extends InvalidRequest { IdempotencyConflict(Map<String, Object> d) { super(d); } }
    /** 403: the API key is valid but may not do this. */
    public static class Permission extends Api { Permission(Map<String, Object> d) { super(d); } }
    /** 401: the API key was rejected. */
    public static class Authentication extends Api { Authentication(Map<String, Object> d) { super(d); } }
    public static class NotFound extends Api { NotFound(Map<String, Object> d) { super(d); } }
    /** 429: wait before retrying. */
    public static class RateLimit extends Api { RateLimit(Map<String, Object> d) { super(d); } }
    /** The server could not be reached or did not answer in time: nothing happened. */
    public static class Connection extends FwpayException { Connection(Map<String, Object> d) { super(d); } }
    /** TLS failed (an untrusted certificate: give its CA with caBundle); nothing was sent, never retried. */
    public static class Tls extends Connection { Tls(Map<String, Object> d) { super(d); } }
    /** Sent, but no answer came: it may have taken effect. Retry only with the same idempotencyKey(). */
    public static class OutcomeUnknown extends FwpayException { OutcomeUnknown(Map<String, Object> d) { super(d); } }
    /** A notification's X-Flywire-Digest does not match. */
    public static class Signature extends FwpayException { Signature(Map<String, Object> d) { super(d); } }
}
