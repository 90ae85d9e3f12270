/* Money is never moved twice: every money-moving call (token charge, order charge, session
 * confirm, capture, refund) with the connection dropped after the server committed, on a
 * kept-alive connection that libcurl would otherwise resend on. Against a server that ignores
 * Idempotency-Key the outcome is FWP_E_OUTCOME_UNKNOWN and the effect happened once, and so
 * it is against one that echoes every key when the client was not told it deduplicates;
 * against one the client knows honours keys, the call is retried safely and succeeds once. Also: idle connections
 * are retired before the server's keep-alive, per-call timeouts, 429 and 5xx, and no secret
 * in any log line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static char log_lines[400][512];
static int log_count;

static void capture_log(int level, const char *line, void *userdata) {
    (void)level;
    (void)userdata;
    if (log_count < 400) snprintf(log_lines[log_count++], 512, "%s", line);
}

static int logged(const char *text) {
    for (int i = 0; i < log_count; i++)
        if (strstr(log_lines[i], text)) return 1;
    return 0;
}

static fwp_client *logging_client(const struct sandbox *sandbox, long max_idle_ms, int server_deduplicates) {
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.server_deduplicates = server_deduplicates;
    options.base_url = sandbox->base_url;
    options.api_key = "sandbox-demo-key";
    options.log_callback = capture_log;
    options.log_level = FWP_LOG_DEBUG;
    options.max_idle_connection_ms = max_idle_ms;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "%s", ERR(err));
    fwp_error_clear(&err);
    return client;
}

/* Makes the next request to `path` commit and then lose its connection unanswered. */
static void drop_after(fwp_client *root, const char *path) {
    char body[256];
    snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"drop_after\"}", path);
    CHECK(sandbox_control(root, "faults", body) == FWP_OK, "fault on %s", path);
}

/* A GET right before, so that the next request reuses a kept-alive connection. */
static void warm(fwp_client *client) {
    json_t *out = NULL;
    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, NULL) == FWP_OK, "warm-up");
    json_decref(out);
}

static long long total(fwp_client *client, const char *path) {
    json_t *out = NULL;
    fwp_error err = FWP_ERROR_INIT;
    long long count = -1;
    if (fwp_request(client, "GET", path, NULL, NULL, &out, &err) == FWP_OK)
        count = json_integer_value(json_object_get(out, "total_entries"));
    else
        fprintf(stderr, "GET %s: %s\n", path, err.message);
    json_decref(out);
    fwp_error_clear(&err);
    return count;
}

struct fixtures {
    char token[64], mandate[64], order[64], session[64], hosted_form[256], preauth[32], delivered[32];
};

/* What the money-moving calls act on: a saved card, an open order, a sent session, a hold,
 * a delivered payment. */
static void prepare(fwp_client *client, fwp_client *root, struct fixtures *f) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    const char *preauth =
        "{\"type\": \"tokenization_and_pay\", \"recipient_id\": \"FWU\", \"schema\": \"cards\","
        " \"charge_intent\": {\"capture\": \"manual\", \"authorization\": \"preauth\", \"mode\": \"unscheduled\"},"
        " \"recipient\": {\"fields\": [{\"id\": \"custom_field_1\", \"value\": \"X\"}]}, \"items\": [{\"id\": \"default\", \"amount\": 60000}]}";
    for (int round = 0; round < 2; round++) {
        json_t *body = parse(preauth), *session = NULL;
        CHECK(fwp_session_create(client, body, NULL, &session, &err) == FWP_OK, "%s", ERR(err));
        json_t *message = sandbox_pay_form(root, text_of(json_object_get(session, "hosted_form"), "url"), "US", "Peter Payer");
        if (round == 0) {
            CHECK(fwp_session_confirm(client, text_of(session, "id"), NULL, &out, &err) == FWP_OK, "%s", ERR(err));
            snprintf(f->token, sizeof f->token, "%s", text_of(json_object_get(out, "payment_method"), "token"));
            snprintf(f->mandate, sizeof f->mandate, "%s", text_of(json_object_get(out, "mandate"), "id"));
            snprintf(f->preauth, sizeof f->preauth, "%s", text_of(out, "payment_reference"));
            json_decref(out);
        } else {
            snprintf(f->session, sizeof f->session, "%s", text_of(session, "id"));  /* sent, not confirmed */
        }
        json_decref(message);
        json_decref(session);
        json_decref(body);
    }
    json_t *offers = NULL, *order = NULL;
    CHECK(fwp_offer_list(client, "FWU", 100000, "ES", NULL, &offers, &err) == FWP_OK, "%s", ERR(err));
    for (int round = 0; round < 2; round++) {
        json_t *body = json_pack("{s:{s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:i}], s:{s:O}}",
                                 "payer", "first_name", round ? "SANDBOX_TO_DELIVERED_STATUS" : "Peter", "country", "ES",
                                 "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "X", "items", "amount", 100000,
                                 "offer", "id", json_object_get(json_array_get(json_object_get(offers, "offers"), 0), "id"));
        CHECK(fwp_order_create(client, body, NULL, &order, &err) == FWP_OK, "%s", ERR(err));
        if (round == 0) {
            snprintf(f->order, sizeof f->order, "%s", text_of(order, "id"));
        } else {
            CHECK(fwp_order_charge(client, text_of(order, "id"), NULL, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
            snprintf(f->delivered, sizeof f->delivered, "%s", text_of(out, "payment_reference"));
            json_decref(out);
        }
        json_decref(order);
        json_decref(body);
    }
    json_decref(offers);
    fwp_error_clear(&err);
}

static json_t *token_charge_body(const struct fixtures *f) {
    return json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:[{s:i}]}", "payment_method_token", f->token, "mandate_id", f->mandate,
                     "charge_intent", "mode", "unscheduled", "recipient", "id", "FWU", "items", "amount", 12000);
}

/* Against a server that ignores Idempotency-Key (Flywire does not document it). */
static void server_without_idempotency(void) {
    struct sandbox sandbox;
    const char *flags[] = { "--ignore-idempotency-keys", NULL };
    if (sandbox_start_with(&sandbox, flags) != 0) { harness_failed++; return; }
    fwp_client *client = logging_client(&sandbox, 20000, 0), *root = sandbox_root_client(&sandbox);
    struct fixtures f;
    prepare(client, root, &f);
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    char path[256];

    long long payments = total(client, "/payments?per_page=1");
    json_t *body = token_charge_body(&f);
    drop_after(root, "/payments/charge");
    warm(client);
    CHECK(fwp_payment_charge(client, body, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "token charge: %d %s", err.code, ERR(err));
    CHECK(out == NULL && err.http_status == 0 && strlen(err.idempotency_key) == 36, "reported with its key '%s'", err.idempotency_key);
    CHECK(total(client, "/payments?per_page=1") == payments + 1, "the card was charged once, not twice");
    json_decref(body);

    snprintf(path, sizeof path, "/orders/%s/charge", f.order);
    drop_after(root, path);
    warm(client);
    CHECK(fwp_order_charge(client, f.order, NULL, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "order charge: %s", ERR(err));
    CHECK(fwp_order_get(client, f.order, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "status"), "charged") == 0, "charged");
    json_decref(out);
    CHECK(total(client, "/payments?per_page=1") == payments + 2, "one payment for the order");

    snprintf(path, sizeof path, "/checkout/sessions/%s/confirm", f.session);
    drop_after(root, path);
    warm(client);
    CHECK(fwp_session_confirm(client, f.session, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "confirm: %s", ERR(err));
    /* The session's payment was made when the payer sent the form (before `payments` was
     * counted): the unanswered confirm makes no second one. */
    CHECK(total(client, "/payments?per_page=1") == payments + 2, "still one payment for the session");

    snprintf(path, sizeof path, "/payments/%s/captures", f.preauth);
    drop_after(root, path);
    warm(client);
    CHECK(fwp_payment_capture(client, f.preauth, 50000, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "capture: %s", ERR(err));
    CHECK(fwp_payment_get(client, f.preauth, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_integer_value(json_object_get(json_object_get(out, "charge_intent"), "captured_amount")) == 50000, "captured once");
    json_decref(out);

    snprintf(path, sizeof path, "/payments/%s/refunds", f.delivered);
    drop_after(root, path);
    warm(client);
    body = parse("{\"amount\": 1000}");
    CHECK(fwp_refund_create(client, f.delivered, body, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "refund: %s", ERR(err));
    json_decref(body);
    snprintf(path, sizeof path, "/refunds?payment_id=%s", f.delivered);
    CHECK(total(client, path) == 1, "one refund");

    CHECK(logged("used a kept-alive connection"), "the POSTs went out on reused connections");
    CHECK(logged("connection closed after the request was sent"), "libcurl's own resend was refused");
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    fwp_error_clear(&err);
}

/* Against a server that deduplicates, and a client told so (server_deduplicates): an unanswered
 * POST is retried with the same key and the server replays its answer. */
static void server_with_idempotency(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) { harness_failed++; return; }
    fwp_client *client = logging_client(&sandbox, 20000, 1), *root = sandbox_root_client(&sandbox);
    struct fixtures f;
    prepare(client, root, &f);
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL, *again = NULL;
    char path[256];

    long long payments = total(client, "/payments?per_page=1");
    json_t *body = token_charge_body(&f);
    fwp_call_options options = FWP_CALL_OPTIONS_INIT;
    options.idempotency_key = "my-charge-0001";
    drop_after(root, "/payments/charge");
    warm(client);
    CHECK(fwp_payment_charge(client, body, &options, &out, &err) == FWP_OK, "retried safely: %s", ERR(err));
    CHECK(strcmp(err.idempotency_key, "my-charge-0001") == 0, "the caller's key, read back: %s", err.idempotency_key);
    CHECK(fwp_payment_charge(client, body, &options, &again, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "payment_reference"), text_of(again, "payment_reference")) == 0, "the same key is the same charge");
    CHECK(total(client, "/payments?per_page=1") == payments + 1, "charged once");
    json_decref(out);
    json_decref(again);
    json_decref(body);

    snprintf(path, sizeof path, "/orders/%s/charge", f.order);
    drop_after(root, path);
    warm(client);
    CHECK(fwp_order_charge(client, f.order, NULL, NULL, &out, &err) == FWP_OK, "order charge retried: %s", ERR(err));
    json_decref(out);
    snprintf(path, sizeof path, "/payments/%s/refunds", f.delivered);
    drop_after(root, path);
    body = parse("{\"amount\": 1000}");
    CHECK(fwp_refund_create(client, f.delivered, body, NULL, &out, &err) == FWP_OK, "refund retried: %s", ERR(err));
    json_decref(out);
    json_decref(body);
    snprintf(path, sizeof path, "/refunds?payment_id=%s", f.delivered);
    CHECK(total(client, path) == 1, "one refund");

    /* A bad per-call key is refused before sending. */
    options.idempotency_key = "has spaces";
    CHECK(fwp_order_charge(client, f.order, NULL, &options, &out, &err) == FWP_E_INVALID_ARGUMENT, "bad key");
    fwp_call_options future = FWP_CALL_OPTIONS_INIT;
    future.version = 7;
    CHECK(fwp_recipient_get(client, "FWU", &future, &out, &err) == FWP_E_INVALID_ARGUMENT, "unknown options version");
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    fwp_error_clear(&err);
}

/* The client retires idle connections before the server would close them. */
static void idle_connections(void) {
    struct sandbox sandbox;
    /* The server would keep the connection 4 s; the client gives it 1 s. */
    const char *flags[] = { "--idle-timeout", "4", "--ignore-idempotency-keys", NULL };
    if (sandbox_start_with(&sandbox, flags) != 0) { harness_failed++; return; }
    log_count = 0;
    fwp_client *client = logging_client(&sandbox, 1000, 0), *root = sandbox_root_client(&sandbox);
    struct fixtures f;
    prepare(client, root, &f);
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL, *body = token_charge_body(&f);
    warm(client);
    struct timespec pause = { 1, 500000000L };
    nanosleep(&pause, NULL);
    log_count = 0;
    CHECK(fwp_payment_charge(client, body, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(logged("POST /payments/charge used a new connection"), "an idle connection older than 1 s is not reused");
    json_decref(out);
    json_decref(body);
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    fwp_error_clear(&err);
}

/* A server's echoed Idempotency-Key never makes a POST repeatable (security-findings-3.md N4):
 * the sandbox echoes every key, but a client not told that it deduplicates reports the
 * unanswered charge as an unknown outcome and sends it once. */
static void echoed_keys_are_not_trusted(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) { harness_failed++; return; }
    fwp_client *client = logging_client(&sandbox, 20000, 0), *root = sandbox_root_client(&sandbox);
    struct fixtures f;
    prepare(client, root, &f);  /* answers that echoed their keys */
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    long long payments = total(client, "/payments?per_page=1");
    json_t *body = token_charge_body(&f);
    drop_after(root, "/payments/charge");
    warm(client);
    CHECK(fwp_payment_charge(client, body, NULL, &out, &err) == FWP_E_OUTCOME_UNKNOWN, "not retried: %s", ERR(err));
    CHECK(total(client, "/payments?per_page=1") == payments + 1, "charged once");
    json_decref(body);
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    fwp_error_clear(&err);
}

static void timeouts_and_statuses(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) { harness_failed++; return; }
    log_count = 0;
    fwp_client *client = logging_client(&sandbox, 20000, 0), *root = sandbox_root_client(&sandbox);
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    fwp_call_options quick = FWP_CALL_OPTIONS_INIT;
    quick.timeout_ms = 300;
    quick.max_retries = 0;

    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"latency\", \"latency_ms\": 1500}") == FWP_OK, "fault");
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK(fwp_recipient_get(client, "FWU", &quick, &out, &err) == FWP_E_TIMEOUT, "GET timed out: %s", ERR(err));
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    CHECK(seconds < 1.2, "the per-call timeout applied: %.2f s", seconds);
    CHECK(err.curl_code == 28, "curl code %d", err.curl_code);

    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"rate_limit\"}") == FWP_OK, "fault");
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_E_RATE_LIMITED, "429 is not retried: %s", ERR(err));
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "the next call works");
    json_decref(out);

    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"error\", \"status\": 503}") == FWP_OK, "fault");
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "a GET is retried after 503: %s", ERR(err));
    json_decref(out);
    CHECK(logged("retry 1 of 2"), "the retry was logged");

    CHECK(sandbox_control(root, "faults", "{\"path\": \"/orders\", \"method\": \"POST\", \"kind\": \"error\", \"status\": 503}") == FWP_OK, "f");
    json_t *body = parse("{\"items\": [{\"amount\": 100}]}");
    CHECK(fwp_order_create(client, body, NULL, &out, &err) == FWP_E_SERVER && err.http_status == 503, "a POST's 503 is reported");
    json_decref(body);

    for (int i = 0; i < log_count; i++) {
        CHECK(strstr(log_lines[i], "sandbox-demo-key") == NULL && strstr(log_lines[i], "sandbox-demo-secret") == NULL,
              "no secret in log line: %s", log_lines[i]);
    }
    CHECK(log_count > 5, "lines were logged: %d", log_count);
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    fwp_error_clear(&err);
}

int main(void) {
    server_without_idempotency();
    server_with_idempotency();
    echoed_keys_are_not_trusted();
    idle_connections();
    timeouts_and_statuses();
    return harness_finish("test_safety");
}
