package dev.fwpay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Java binding against a fresh fwpay-sandbox (tests/bindings/run.sh starts it and sets
 * FWPAY_BASE_URL, FWPAY_API_KEY, FWPAY_SANDBOX_ROOT, FWPAY_LIBRARY). Each test is a method;
 * main runs them all and exits non-zero on the first failure.
 */
public final class ClientTest {
    static final String BASE = System.getenv("FWPAY_BASE_URL");
    static final String KEY = System.getenv("FWPAY_API_KEY");
    static final String ROOT = System.getenv("FWPAY_SANDBOX_ROOT");

    static void check(boolean condition, String what) {
        if (!condition) throw new AssertionError(what);
    }

    static <T extends Throwable> T expect(Class<T> kind, Runnable call) {
        try {
            call.run();
        } catch (Throwable error) {
            check(kind.isInstance(error), "expected " + kind.getSimpleName() + ", got " + error);
            return kind.cast(error);
        }
        throw new AssertionError("expected " + kind.getSimpleName());
    }

    static Client client() {
        return Client.builder(KEY).baseUrl(BASE).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> orderBody(Client client, String firstName) {
        Map<String, Object> offer = ((List<Map<String, Object>>) client.offers.list("FWU", 120000, "ES").get("offers")).get(0);
        return Map.of("payer", Map.of("first_name", firstName, "last_name", "Payer", "country", "ES", "email", "peter@example.com"),
                "recipient", Map.of("id", "FWU", "fields", List.of(Map.of("id", "custom_field_1", "value", "R-1"))),
                "items", List.of(Map.of("id", "tuition", "amount", 120000)), "offer", Map.of("id", offer.get("id")));
    }

    static void versionsMatch() {
        String[] mine = Version.STRING.split("\\."), loaded = Client.libraryVersion().split("\\.");
        check(mine[0].equals(loaded[0]) && mine[1].equals(loaded[1]), "versions " + Version.STRING + " " + Client.libraryVersion());
    }

    static void orderFlowWithAnIdempotencyKey() {
        try (Client client = client()) {
            Map<String, Object> order = client.orders.create(orderBody(client, "Peter"));
            CallOptions key = CallOptions.idempotencyKey("java-order-" + order.get("id"));
            Map<String, Object> payment = client.orders.charge((String) order.get("id"), key);
            check(((String) payment.get("payment_reference")).matches("FWU\\d{9}"), "payment reference " + payment);
            Map<String, Object> again = client.orders.charge((String) order.get("id"), key);
            check(payment.get("payment_reference").equals(again.get("payment_reference")), "one charge per key");
            check("FWU".equals(client.payments.get((String) payment.get("payment_reference")).get("recipient_id")), "recipient");
        }
    }

    @SuppressWarnings("unchecked")
    static void preauthorizationIsHeldThenCaptured() throws Exception {
        try (Client client = client()) {
            Map<String, Object> session = client.sessions.create(Map.of("type", "one_off", "recipient_id", "FWU", "schema", "cards",
                    "charge_intent", Map.of("capture", "manual", "authorization", "preauth", "mode", "one_off"),
                    "recipient", Map.of("fields", List.of(Map.of("id", "custom_field_1", "value", "ROOM-7"))),
                    "items", List.of(Map.of("id", "default", "amount", 60000))));
            String form = Json.write(Map.of("first_name", "Peter", "last_name", "Payer", "email", "peter@example.com",
                    "country", "US", "card_holder", "Peter Payer", "card_number", "4111 1111 1111 1111",
                    "card_expiration", "03/30", "cvv", "737"));
            String url = (String) ((Map<String, Object>) session.get("hosted_form")).get("url");
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            check(answer.statusCode() == 200, "the payer's form answered " + answer.statusCode());
            Map<String, Object> message = Json.object(answer.body());
            Map<String, Object> held = client.sessions.confirm((String) ((Map<String, Object>) message.get("confirm_url")).get("url"));
            String reference = (String) held.get("payment_reference");
            check("authorized".equals(client.payments.get(reference).get("status")), "authorized");
            Map<String, Object> capture = client.payments.capture(reference, 50000, CallOptions.idempotencyKey("capture-" + reference));
            check("received".equals(((Map<String, Object>) capture.get("charge_result")).get("status")), "capture received");
            check(Long.valueOf(50000).equals(client.payments.get(reference).get("amount_to")), "captured 50000");
        }
    }

    @SuppressWarnings("unchecked")
    static void refundAndItsBundle() {
        try (Client client = client()) {
            Map<String, Object> order = client.orders.create(orderBody(client, "SANDBOX_TO_DELIVERED_STATUS"));
            String reference = (String) client.orders.charge((String) order.get("id"), null).get("payment_reference");
            Map<String, Object> refund = client.refunds.create(reference, Map.of("amount", 20000), CallOptions.idempotencyKey("refund-" + reference));
            check(Long.valueOf(20000).equals(refund.get("amount")), "refund amount");
            Map<String, Object> bundle = client.bundles.approve((String) refund.get("bundle_id"));
            check(((List<Map<String, Object>>) bundle.get("refunds")).get(0).get("refund_id").equals(refund.get("refund_id")), "bundle");
            List<Object> listed = new ArrayList<>();
            for (Map<String, Object> each : client.refunds.list(Map.of("payment_id", reference))) listed.add(each.get("refund_id"));
            check(listed.equals(List.of(refund.get("refund_id"))), "refunds of the payment " + listed);
        }
    }

    static void pagesAreWalkedOneByOne() {
        try (Client client = client()) {
            for (int i = 0; i < 3; i++) client.orders.charge((String) client.orders.create(orderBody(client, "Peter")).get("id"), null);
            long total = ((Number) client.payments.page(null, 1, 1).get("total_entries")).longValue();
            check(total >= 3, "at least 3 payments");
            List<Object> seen = new ArrayList<>();
            for (Map<String, Object> payment : client.items("payment_list", Map.of(), 1, null)) seen.add(payment.get("payment_id"));
            check(seen.size() == total && new HashSet<>(seen).size() == seen.size(), "every payment once: " + seen.size() + " of " + total);
        }
    }

    static void errorClasses() {
        Client client = client();
        {
            FwpayException.NotFound missing = expect(FwpayException.NotFound.class, () -> client.payments.get("FWU000000001"));
            check(Integer.valueOf(404).equals(missing.httpStatus()) && missing.requestId().startsWith("req_"), "404 with a request id");
            FwpayException.InvalidRequest refused = expect(FwpayException.InvalidRequest.class,
                    () -> client.orders.create(Map.of("payer", Map.of("first_name", "P"))));
            check(!refused.errors().isEmpty(), "the server's errors");
            expect(FwpayException.InvalidArgument.class, () -> client.payments.get(""));
            expect(FwpayException.InvalidArgument.class, () -> client.call("payment_get", Map.of("typo", 1), null));
            expect(FwpayException.Authentication.class, () -> Client.builder("wrong-key").baseUrl(BASE).build().recipients.get("FWU"));
            expect(FwpayException.Connection.class,
                    () -> Client.builder(KEY).baseUrl("http://127.0.0.1:1/payments/v1").maxRetries(0).build().recipients.get("FWU"));
            client.close();
            client.close(); // harmless
            FwpayException.InvalidArgument closed = expect(FwpayException.InvalidArgument.class, () -> client.recipients.get("FWU"));
            check(closed.getMessage().contains("was freed"), "the library refuses the freed handle: " + closed.getMessage());
        }
    }

    static void outcomeUnknownCarriesTheIdempotencyKey() {
        try (Client client = client(); Client control = Client.builder(KEY).baseUrl(ROOT).build()) {
            control.request("POST", "/sandbox/faults", Map.of("path", "/orders", "method", "POST", "kind", "drop_after", "count", 1), null);
            try {
                FwpayException.OutcomeUnknown unknown = expect(FwpayException.OutcomeUnknown.class,
                        () -> client.orders.create(orderBody(client, "Peter"), CallOptions.idempotencyKey("java-unknown-1").withMaxRetries(0)));
                check("java-unknown-1".equals(unknown.idempotencyKey()), "the key is reported");
            } finally {
                control.request("DELETE", "/sandbox/faults", null, null);
            }
            check(client.orders.create(orderBody(client, "Peter"), CallOptions.idempotencyKey("java-unknown-1")).get("id") != null, "retried");
        }
    }

    static void aProxySettingSendsTheCallThroughTheProxy() {
        try (Client proxied = Client.builder(KEY).baseUrl(BASE).proxy(System.getenv("FWPAY_PROXY_URL")).noProxy("").build()) {
            check("FWU".equals(proxied.recipients.get("FWU").get("id")), "answered through the proxy");
            List<String> seen;
            try {
                seen = java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getenv("FWPAY_PROXY_SEEN")));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            check(seen.contains("GET " + BASE + "/recipients/FWU -"), "the proxy saw it: " + seen);
        }
    }

    static void anUntrustedCertificateIsATlsError() {
        try (Client tls = Client.builder(KEY).baseUrl(System.getenv("FWPAY_TLS_BASE_URL")).maxRetries(3).build()) {
            FwpayException.Tls error = expect(FwpayException.Tls.class, () -> tls.recipients.get("FWU"));
            check(error instanceof FwpayException.Connection, "a Connection too");
            check(error.getMessage().matches("(?s).*TLS with localhost.*ca_bundle.*FWPAY_CA_BUNDLE.*"), error.getMessage());
        }
    }

    static void logLinesReachTheHandler() {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Client client = Client.builder(KEY).baseUrl(BASE).log("info", (level, line) -> lines.add(level + " " + line)).build()) {
            client.recipients.get("FWU");
            expect(FwpayException.NotFound.class, () -> client.payments.get("FWU000000001"));
        }
        check(lines.stream().anyMatch(l -> l.startsWith("info GET /recipients/FWU -> 200")), "the call's line: " + lines);
        check(lines.stream().anyMatch(l -> l.startsWith("warning GET /payments/FWU000000001 -> 404")), "the failure's line: " + lines);
        check(lines.stream().noneMatch(l -> l.contains(KEY)), "never the key");
        expect(FwpayException.InvalidArgument.class, () -> Client.builder(KEY).baseUrl(BASE).log("loud", (level, line) -> {}).build());
    }

    static void eventsReachTheListener() {
        List<CallEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Client client = Client.builder(KEY).baseUrl(BASE).onEvent(event -> {
            events.add(event);
            throw new IllegalStateException("a throwing listener is dropped");
        }).build()) {
            client.recipients.get("FWU");
            check(events.size() == 3, "start, attempt, end: " + events);
            CallEvent start = events.get(0), attempt = events.get(1), end = events.get(2);
            check(start.type() == CallEvent.Type.CALL_START && attempt.type() == CallEvent.Type.ATTEMPT_END
                    && end.type() == CallEvent.Type.CALL_END, "types: " + events);
            check(start.callId() > 0 && start.callId() == end.callId(), "one call id");
            check("/recipients/{recipient_id}".equals(start.urlTemplate()) && "GET".equals(start.method()), "template: " + start);
            check("127.0.0.1".equals(start.serverAddress()) && BASE.contains(":" + start.serverPort() + "/"), "server: " + start);
            check(attempt.attempt() == 1 && attempt.httpStatus() == 200 && attempt.firstByteMs() > 0, "attempt: " + attempt);
            check(end.attempt() == 1 && end.error() == 0 && end.errorType() == null && end.requestId() != null, "end: " + end);
            check(end.timeUnixNano() >= start.timeUnixNano() && start.timeUnixNano() > 1_700_000_000_000_000_000L, "times");
            events.clear();
            client.sandbox.addFault(Map.of("kind", "error", "path", "/recipients", "status", 503), null);
            events.clear();
            for (Map<String, Object> recipient : client.recipients.list()) { check(recipient.get("id") != null, "an item"); break; }
            check(events.size() == 4 && events.get(1).httpStatus() == 503 && "server".equals(events.get(1).errorType())
                    && events.get(3).attempt() == 2 && events.get(3).httpStatus() == 200, "a retry inside one call: " + events);
            events.clear();
            expect(FwpayException.NotFound.class, () -> client.payments.get("FWU000000001"));
            CallEvent failed = events.get(events.size() - 1);
            check(failed.httpStatus() == 404 && "not_found".equals(failed.errorType()), "the failure: " + failed);
        }
        check(events.stream().noneMatch(e -> e.toString().contains(KEY)), "never the key");
    }

    static void notificationsAreVerifiedAndParsed() {
        byte[] body = ("{\"event_type\":\"guaranteed\",\"event_resource\":\"payments\",\"event_date\":\"2026-12-01T10:00:00Z\","
                + "\"data\":{\"payment_id\":\"FWU123456789\",\"status\":\"guaranteed\",\"amount_from\":\"120000\",\"currency_from\":\"EUR\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String digest = Notifications.sign(body, "secret");
        Notifications.verify(body, digest, "secret");
        check(!Notifications.isValid((new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8), digest, "secret"), "tampered");
        expect(FwpayException.Signature.class, () -> Notifications.verify(body, digest, "other"));
        // A NUL would end the C string: refused, never cut short (security-findings-3.md I1).
        expect(FwpayException.InvalidArgument.class, () -> Notifications.isValid(body, digest + "\0junk", "secret"));
        expect(FwpayException.InvalidArgument.class, () -> Notifications.verify(body, digest, "secret\0other"));
        Map<String, Object> parsed = Notifications.parse(body);
        check("FWU123456789".equals(parsed.get("payment_id")) && Long.valueOf(120000).equals(parsed.get("amount_from")), "parsed " + parsed);
    }

    static void threadsShareOneClient() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Client client = client()) {
            List<Future<Object>> names = new ArrayList<>();
            for (int i = 0; i < 40; i++) names.add(pool.submit(() -> client.recipients.get("FWU").get("name")));
            for (Future<Object> name : names) check("Flywire University".equals(name.get()), "every thread's answer");
        } finally {
            pool.shutdown();
        }
    }

    static int threads() {
        String[] tasks = new java.io.File("/proc/self/task").list();
        return tasks == null ? -1 : tasks.length;
    }

    /** 200 calls at once from one thread through CompletableFutures: two threads added in all. */
    static void startedCallsHoldNoThreadEach() throws Exception {
        try (Client client = client(); Client control = Client.builder(KEY).baseUrl(ROOT).build()) {
            client.recipients.getAsync("FWU").get();  // the I/O and completion threads exist from here
            int before = threads();
            control.request("POST", "/sandbox/faults", Map.of("path", "/recipients/ETM", "kind", "latency", "latency_ms", 500,
                                                               "count", 200), null);
            long started = System.nanoTime();
            List<java.util.concurrent.CompletableFuture<Result>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) calls.add(client.recipients.getAsync("ETM"));
            int during = threads();
            for (java.util.concurrent.CompletableFuture<Result> call : calls) check("ETM".equals(call.get().get("id")), "each answer");
            long elapsed = (System.nanoTime() - started) / 1_000_000;
            check(during - before <= 0, "no thread per call: " + before + " then " + during);
            check(elapsed < 5000, "200 calls of 500 ms at once took " + elapsed + " ms");
            check(calls.get(0).get().response().httpStatus() == 200, "the response's status");
            java.util.concurrent.ExecutionException missing = null;
            try {
                client.payments.getAsync("FWU000000000").get();
            } catch (java.util.concurrent.ExecutionException e) {
                missing = e;
            }
            check(missing != null && missing.getCause() instanceof FwpayException.NotFound, "a 404 fails the future: " + missing);
            java.util.concurrent.CompletionException refused = expect(java.util.concurrent.CompletionException.class,
                                                                      () -> client.recipients.getAsync("").join());
            check(refused.getCause() instanceof FwpayException.InvalidArgument, "refused before sending: " + refused.getCause());
        }
    }

    /** A cancelled future cancels its call; the others are answered. */
    static void aCancelledFutureCancelsItsCall() throws Exception {
        try (Client client = client(); Client control = Client.builder(KEY).baseUrl(ROOT).build()) {
            control.request("POST", "/sandbox/faults", Map.of("path", "/recipients/FLW", "kind", "latency", "latency_ms", 1500,
                                                               "count", 4), null);
            List<java.util.concurrent.CompletableFuture<Result>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) calls.add(client.recipients.getAsync("FLW"));
            Thread.sleep(200);
            check(calls.get(0).cancel(true) && calls.get(2).cancel(true), "cancelled");
            check("FLW".equals(calls.get(1).get().get("id")) && "FLW".equals(calls.get(3).get().get("id")), "the others answer");
            check(calls.get(0).isCancelled(), "the cancelled one stays cancelled");
        }
    }

    interface Test {
        void run() throws Exception;
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, Test> tests = new java.util.LinkedHashMap<>();
        tests.put("versionsMatch", ClientTest::versionsMatch);
        tests.put("orderFlowWithAnIdempotencyKey", ClientTest::orderFlowWithAnIdempotencyKey);
        tests.put("preauthorizationIsHeldThenCaptured", ClientTest::preauthorizationIsHeldThenCaptured);
        tests.put("refundAndItsBundle", ClientTest::refundAndItsBundle);
        tests.put("pagesAreWalkedOneByOne", ClientTest::pagesAreWalkedOneByOne);
        tests.put("errorClasses", ClientTest::errorClasses);
        tests.put("outcomeUnknownCarriesTheIdempotencyKey", ClientTest::outcomeUnknownCarriesTheIdempotencyKey);
        tests.put("notificationsAreVerifiedAndParsed", ClientTest::notificationsAreVerifiedAndParsed);
        tests.put("threadsShareOneClient", ClientTest::threadsShareOneClient);
        tests.put("startedCallsHoldNoThreadEach", ClientTest::startedCallsHoldNoThreadEach);
        tests.put("aCancelledFutureCancelsItsCall", ClientTest::aCancelledFutureCancelsItsCall);
        tests.put("logLinesReachTheHandler", ClientTest::logLinesReachTheHandler);
        tests.put("eventsReachTheListener", ClientTest::eventsReachTheListener);
        tests.put("anUntrustedCertificateIsATlsError", ClientTest::anUntrustedCertificateIsATlsError);
        tests.put("aProxySettingSendsTheCallThroughTheProxy", ClientTest::aProxySettingSendsTheCallThroughTheProxy);
        for (Map.Entry<String, Test> test : tests.entrySet()) {
            test.getValue().run();
            System.out.println("ok " + test.getKey());
        }
        System.out.println("java: " + tests.size() + " tests passed");
    }
}
