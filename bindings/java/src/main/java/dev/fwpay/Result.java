package dev.fwpay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call's result that is a JSON object: a Map as the server sent it, with {@link #response}
 * beside it (what the answer said besides its body).
 */
public final class Result extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    /** What an answer said besides its body: the request id (quote it to support), the idempotency key sent, the status. */
    public record Response(String requestId, String idempotencyKey, Integer httpStatus) {}

    private final transient Response response;

    private Result(Map<String, Object> body, Response response) {
        super(body);
        this.response = response;
    }

    public Response response() { return response; }

    @SuppressWarnings("unchecked")
    static Object of(Object value, Map<?, ?> detail) {
        if (!(value instanceof Map)) return value;
        Object status = detail.get("http_status");
        return new Result((Map<String, Object>) value, new Response(text(detail.get("request_id")), text(detail.get("idempotency_key")),
                          status instanceof Number number && number.intValue() != 0 ? number.intValue() : null));
    }

    private static String text(Object value) {
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }
}
