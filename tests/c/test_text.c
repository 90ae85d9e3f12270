/* The text interface for FFIs: fwp_client_new_json, fwp_call, fwp_error_new/json/free and
 * fwp_notification_parse_json, against a private sandbox, under valgrind (tests/c/run.sh). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

/* fwp_error_json of err, parsed (new reference). */
static json_t *detail(fwp_error *err) {
    char *text = NULL;
    CHECK(fwp_error_json(err, &text) == FWP_OK && text != NULL, "fwp_error_json");
    json_t *value = parse(text ? text : "{}");
    fwp_free(text);
    return value;
}

static int call(fwp_client *client, const char *operation, const char *args, json_t **answer, fwp_error *err) {
    char *text = NULL;
    int rc = fwp_call(client, operation, args, args ? strlen(args) : 0, &text, err);
    *answer = rc == FWP_OK ? parse(text) : NULL;
    if (rc != FWP_OK) CHECK(text == NULL, "out is NULL on failure");
    fwp_free(text);
    return rc;
}

static void settings_are_checked(const struct sandbox *sandbox) {
    fwp_error *err = fwp_error_new();
    fwp_client *client = NULL;
    const char *typo = "{\"api_key\":\"k\",\"timeout\":5}";
    CHECK(fwp_client_new_json(typo, strlen(typo), &client, err) == FWP_E_INVALID_ARGUMENT && client == NULL, "unknown setting");
    json_t *d = detail(err);
    CHECK(strstr(text_of(d, "message"), "\"timeout\"") != NULL && strcmp(text_of(d, "kind"), "invalid_argument") == 0,
          "names the member: %s", text_of(d, "message"));
    json_decref(d);
    const char *broken = "{\"api_key\":";
    CHECK(fwp_client_new_json(broken, strlen(broken), &client, err) == FWP_E_INVALID_JSON, "broken JSON");
    CHECK(fwp_client_new_json(NULL, 0, &client, err) == FWP_E_INVALID_ARGUMENT, "no settings: no api_key");
    CHECK(fwp_client_new_json("{}", 2, NULL, err) == FWP_E_INVALID_ARGUMENT, "NULL out_client");
    char settings[512];
    snprintf(settings, sizeof settings, "{\"api_key\":\"sandbox-demo-key\",\"base_url\":\"%s\",\"max_retries\":0}", sandbox->base_url);
    CHECK(fwp_client_new_json(settings, strlen(settings), &client, err) == FWP_OK && client != NULL, "a client");
    fwp_client_free(client);
    fwp_error_free(err);
    fwp_error_free(NULL);
}

static void operations_answer_text(const struct sandbox *sandbox) {
    fwp_error *err = fwp_error_new();
    char settings[512];
    snprintf(settings, sizeof settings, "{\"api_key\":\"sandbox-demo-key\",\"base_url\":\"%s\"}", sandbox->base_url);
    fwp_client *client = NULL;
    CHECK(fwp_client_new_json(settings, strlen(settings), &client, err) == FWP_OK, "client");
    json_t *answer = NULL;
    CHECK(call(client, "recipient_get", "{\"recipient_id\":\"FWU\"}", &answer, err) == FWP_OK, "recipient_get");
    CHECK(strcmp(text_of(answer, "name"), "Flywire University") == 0, "the recipient");
    json_decref(answer);
    json_t *d = detail(err);
    CHECK(strncmp(text_of(d, "request_id"), "req_", 4) == 0 && json_integer_value(json_object_get(d, "http_status")) == 200,
          "after a success the error says the request id and status");
    json_decref(d);
    CHECK(strcmp(fwp_error_request_id(err), text_of(d = detail(err), "request_id")) == 0 && fwp_error_http_status(err) == 200
          && strcmp(fwp_error_idempotency_key(err), "") == 0, "the same fields without JSON");
    json_decref(d);
    CHECK(strcmp(fwp_error_request_id(NULL), "") == 0 && fwp_error_http_status(NULL) == 0, "a NULL error holds nothing");

    CHECK(call(client, "offer_list", "{\"recipient_id\":\"FWU\",\"amount\":120000,\"country\":\"ES\"}", &answer, err) == FWP_OK, "offers");
    const char *offer = text_of(json_array_get(json_object_get(answer, "offers"), 0), "id");
    char args[1024];
    snprintf(args, sizeof args, "{\"body\":{\"payer\":{\"first_name\":\"P\",\"last_name\":\"Q\",\"country\":\"ES\"},"
             "\"recipient\":{\"id\":\"FWU\",\"fields\":[{\"id\":\"custom_field_1\",\"value\":\"X\"}]},"
             "\"items\":[{\"id\":\"tuition\",\"amount\":120000}],\"offer\":{\"id\":\"%s\"}},\"idempotency_key\":\"text-order-1\"}", offer);
    json_decref(answer);
    CHECK(call(client, "order_create", args, &answer, err) == FWP_OK, "order_create");
    d = detail(err);
    CHECK(strcmp(text_of(d, "idempotency_key"), "text-order-1") == 0, "the key sent is reported");
    json_decref(d);
    snprintf(args, sizeof args, "{\"order_id\":\"%s\",\"body\":null,\"timeout_ms\":20000,\"max_retries\":1}", text_of(answer, "id"));
    json_decref(answer);
    CHECK(call(client, "order_charge", args, &answer, err) == FWP_OK, "order_charge with null body and call options");
    CHECK(strncmp(text_of(answer, "payment_reference"), "FWU", 3) == 0, "a payment reference");
    json_decref(answer);

    /* Every item of a list, the library walking the pages, one item per page here. */
    fwp_iter *iter = NULL;
    const char *walk = "{\"filters\":{\"recipient\":\"FWU\"},\"per_page\":1,\"timeout_ms\":20000}";
    CHECK(fwp_iter_new_json(client, "payment_list", walk, strlen(walk), &iter, err) == FWP_OK && iter, "fwp_iter_new_json");
    int items = 0;
    for (char *item = NULL; fwp_iter_next_json(iter, &item, err) == FWP_OK && item; item = NULL) {
        json_t *payment = parse(item);
        items += strncmp(text_of(payment, "payment_id"), "FWU", 3) == 0;
        json_decref(payment);
        fwp_free(item);
    }
    fwp_iter_free(iter);
    CHECK(items >= 1, "the payment made above, walked page by page (%d)", items);
    iter = (fwp_iter *)1;
    CHECK(fwp_iter_new_json(client, "payment_get", "{}", 2, &iter, err) == FWP_E_INVALID_ARGUMENT && iter == NULL, "not a list");
    CHECK(fwp_iter_new_json(client, "recipient_list", "{\"filters\":{}}", 14, &iter, err) == FWP_E_INVALID_ARGUMENT,
          "recipients take no filters");
    CHECK(fwp_iter_new_json(client, "order_list", "{\"per_page\":500}", 16, &iter, err) == FWP_E_INVALID_ARGUMENT, "per_page 500");

    /* Refused before sending: unknown operation, unknown member, wrong types, not an object. */
    CHECK(call(client, "order_delete", "{}", &answer, err) == FWP_E_INVALID_ARGUMENT, "unknown operation");
    d = detail(err);
    CHECK(strstr(text_of(d, "message"), "order_delete") && strstr(text_of(d, "message"), "order_charge"), "%s", text_of(d, "message"));
    CHECK(strcmp(text_of(d, "request_id"), "") == 0 && json_integer_value(json_object_get(d, "http_status")) == 0, "nothing sent");
    json_decref(d);
    CHECK(call(client, "payment_get", "{\"payment_reference\":\"FWU1\",\"idempotency_keys\":\"k\"}", &answer, err) == FWP_E_INVALID_ARGUMENT,
          "a misspelt call option is refused");
    CHECK(call(client, "payment_capture", "{\"payment_reference\":\"FWU1\",\"amount\":\"100\"}", &answer, err) == FWP_E_INVALID_ARGUMENT,
          "an amount as text");
    CHECK(call(client, "payment_get", "[]", &answer, err) == FWP_E_INVALID_ARGUMENT, "args not an object");
    CHECK(call(client, "payment_get", NULL, &answer, err) == FWP_E_INVALID_ARGUMENT, "a required member missing");
    CHECK(call(client, "recipient_list", "{\"page\":0}", &answer, err) == FWP_E_INVALID_ARGUMENT, "page 0");
    CHECK(call(client, "payment_get", "{\"payment_reference\":\"FWU1\",\"timeout_ms\":-5}", &answer, err) == FWP_E_INVALID_ARGUMENT,
          "a negative timeout");
    CHECK(fwp_call(NULL, "payment_get", "{}", 2, NULL, err) == FWP_E_INVALID_ARGUMENT, "NULL client and out");
    /* The caller's JSON is read as fwp_json_parse reads it: a repeated member (a second
     * idempotency_key would silently replace the first) and NUL in a string are refused. */
    CHECK(call(client, "order_charge", "{\"order_id\":\"O1\",\"idempotency_key\":\"a\",\"idempotency_key\":\"b\"}", &answer, err)
          == FWP_E_INVALID_JSON, "a member named twice");
    d = detail(err);
    CHECK(strstr(text_of(d, "message"), "duplicate") != NULL && json_integer_value(json_object_get(d, "http_status")) == 0, "%s",
          text_of(d, "message"));
    json_decref(d);
    const char *nul = "{\"recipient_id\":\"FW\\u0000U\"}", *twice = "{\"api_key\":\"a\",\"api_key\":\"b\"}";
    CHECK(call(client, "recipient_get", nul, &answer, err) == FWP_E_INVALID_JSON, "NUL in a string");
    fwp_client *unmade = NULL;
    CHECK(fwp_client_new_json(twice, strlen(twice), &unmade, err) == FWP_E_INVALID_JSON && unmade == NULL,
          "settings with a member named twice");

    /* The server's errors come through with their kind and entries. */
    CHECK(call(client, "payment_get", "{\"payment_reference\":\"FWU000000001\"}", &answer, err) == FWP_E_NOT_FOUND, "404");
    d = detail(err);
    CHECK(strcmp(text_of(d, "kind"), "not_found") == 0 && json_integer_value(json_object_get(d, "http_status")) == 404, "not found");
    json_decref(d);
    CHECK(call(client, "order_create", "{\"body\":{\"payer\":{}}}", &answer, err) == FWP_E_INVALID_REQUEST, "422");
    d = detail(err);
    CHECK(json_array_size(json_object_get(d, "errors")) > 0 && strcmp(text_of(d, "kind"), "invalid_request") == 0, "errors array");
    json_decref(d);
    fwp_client_free(client);
    fwp_error_free(err);
}

static void notifications_as_text(void) {
    const char *body = "{\"event_type\":\"guaranteed\",\"event_resource\":\"payments\",\"data\":{\"payment_id\":\"FWU1\",\"status\":\"guaranteed\"}}";
    char *text = NULL;
    CHECK(fwp_notification_parse_json(body, strlen(body), &text, NULL) == FWP_OK && text, "parse as text");
    json_t *parsed = parse(text);
    CHECK(strcmp(text_of(parsed, "status"), "guaranteed") == 0 && strcmp(text_of(parsed, "payment_id"), "FWU1") == 0, "parsed");
    json_decref(parsed);
    fwp_free(text);
    text = (char *)1;
    CHECK(fwp_notification_parse_json("[1]", 3, &text, NULL) == FWP_E_BAD_RESPONSE && text == NULL, "not an object");
    CHECK(fwp_error_json(NULL, &text) == FWP_E_INVALID_ARGUMENT && text == NULL, "fwp_error_json(NULL)");
}

/* The sandbox's control API through fwp_call: beside the base URL, never to Flywire's. */
static void sandbox_control_as_text(const struct sandbox *sandbox) {
    fwp_client *client = sandbox_client(sandbox, NULL), *flywire = NULL;
    fwp_error *err = fwp_error_new();
    json_t *answer = NULL;
    CHECK(call(client, "sandbox_add_fault", "{\"parameters\":{\"path\":\"/nowhere\",\"kind\":\"latency\",\"latency_ms\":1}}",
               &answer, err) == FWP_OK, "a fault added");
    json_decref(answer);
    CHECK(call(client, "sandbox_faults", NULL, &answer, err) == FWP_OK
          && strcmp(text_of(json_array_get(json_object_get(answer, "faults"), 0), "path"), "/nowhere") == 0, "the fault is listed");
    json_decref(answer);
    CHECK(call(client, "sandbox_requests", "{\"parameters\":{\"limit\":1}}", &answer, err) == FWP_OK
          && json_array_size(json_object_get(answer, "requests")) == 1, "the request log, limited by the query");
    json_decref(answer);
    CHECK(call(client, "sandbox_resend", "{\"notification_id\":\"7\"}", &answer, err) == FWP_E_INVALID_ARGUMENT, "an id is a number");
    const char *settings = "{\"api_key\":\"k\",\"base_url\":\"" FWP_BASE_URL_SANDBOX "\"}";
    CHECK(fwp_client_new_json(settings, strlen(settings), &flywire, err) == FWP_OK, "a client of Flywire's sandbox");
    CHECK(call(flywire, "sandbox_clock", NULL, &answer, err) == FWP_E_INVALID_ARGUMENT, "refused before sending");
    json_t *d = detail(err);
    CHECK(strstr(text_of(d, "message"), "fwpay-sandbox's") != NULL, "%s", text_of(d, "message"));
    json_decref(d);
    fwp_client_free(flywire);
    fwp_client_free(client);
    fwp_error_free(err);
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    settings_are_checked(&sandbox);
    operations_answer_text(&sandbox);
    sandbox_control_as_text(&sandbox);
    notifications_as_text();
    sandbox_stop(&sandbox);
    return harness_finish("test_text");
}
