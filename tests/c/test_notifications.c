/* Notifications: X-Flywire-Digest verification (checked against the RFC 4231 vector and
 * against the sandbox's own, independent signatures), signing, and parsing of both formats. */
#include <string.h>

#include "harness.h"

static void signatures(void) {
    fwp_error err = FWP_ERROR_INIT;
    /* RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?"), base64. */
    const char *body = "what do ya want for nothing?";
    const char *expected = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=";
    char *digest = NULL;
    CHECK(fwp_notification_sign(body, strlen(body), "Jefe", &digest, &err) == FWP_OK, "%s", ERR(err));
    CHECK(digest && strcmp(digest, expected) == 0, "%s", digest ? digest : "(null)");
    fwp_free(digest);
    CHECK(fwp_notification_verify(body, strlen(body), expected, "Jefe", &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_notification_verify(body, strlen(body), " W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=\r\n", "Jefe", &err) == FWP_OK,
          "header whitespace");
    CHECK(fwp_notification_verify(body, strlen(body), expected, "jefe", &err) == FWP_E_SIGNATURE, "wrong secret");
    CHECK(strstr(err.message, "Jefe") == NULL && strstr(err.message, "jefe") == NULL, "no secret in %s", ERR(err));
    CHECK(fwp_notification_verify(body, strlen(body) - 1, expected, "Jefe", &err) == FWP_E_SIGNATURE, "changed body");
    CHECK(fwp_notification_verify(body, strlen(body), "W9zB", "Jefe", &err) == FWP_E_SIGNATURE, "short digest");
    CHECK(fwp_notification_verify(body, strlen(body), "", "Jefe", &err) == FWP_E_SIGNATURE, "empty digest");
    CHECK(fwp_notification_verify(NULL, 3, expected, "Jefe", &err) == FWP_E_INVALID_ARGUMENT, "NULL body");
    CHECK(fwp_notification_verify(body, strlen(body), NULL, "Jefe", &err) == FWP_E_INVALID_ARGUMENT, "NULL digest");
    CHECK(fwp_notification_verify(body, strlen(body), expected, NULL, &err) == FWP_E_INVALID_ARGUMENT, "NULL secret");
    CHECK(fwp_notification_verify(body, strlen(body), expected, "", &err) == FWP_E_INVALID_ARGUMENT, "empty secret");
    CHECK(fwp_notification_verify(body, (size_t)-1, expected, "Jefe", &err) == FWP_E_INVALID_ARGUMENT, "huge len");
    /* Raw bytes, NUL included, are what is signed. */
    const char with_nul[] = { '{', '}', 0, 'x' };
    CHECK(fwp_notification_sign(with_nul, sizeof with_nul, "s", &digest, &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_notification_verify(with_nul, sizeof with_nul, digest, "s", &err) == FWP_OK, "NUL in body");
    CHECK(fwp_notification_verify(with_nul, 2, digest, "s", &err) == FWP_E_SIGNATURE, "prefix only");
    fwp_free(digest);
    CHECK(strcmp(fwp_strerror(FWP_E_SIGNATURE), "the notification's signature does not match") == 0, "strerror");
    fwp_error_clear(&err);
}

static void parsing(void) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    const char *v2 = "{\"event_type\":\"guaranteed\",\"event_date\":\"2024-05-20T10:15:00Z\",\"event_resource\":\"payments\","
                     "\"data\":{\"payment_id\":\"FWU125675432\",\"status\":\"guaranteed\",\"external_reference\":\"x1\","
                     "\"amount_from\":\"30000\",\"currency_from\":\"USD\",\"amount_to\":\"30000\",\"currency_to\":\"USD\"}}";
    CHECK(fwp_notification_parse(v2, strlen(v2), &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "format"), "v2") == 0 && strcmp(text_of(out, "id"), "FWU125675432") == 0, "v2");
    CHECK(json_integer_value(json_object_get(out, "amount_from")) == 30000 && json_is_integer(json_object_get(out, "amount_to")),
          "amounts as integers");
    CHECK(strncmp(text_of(out, "dedup_key"), "payments:FWU125675432:guaranteed:", strlen("payments:FWU125675432:guaranteed:")) == 0, "%s", text_of(out, "dedup_key"));
    CHECK(strcmp(text_of(out, "event_date"), "2024-05-20T10:15:00Z") == 0, "date");
    json_decref(out);

    const char *classic = "{\"payment_id\":\"FWU125675432\",\"status\":\"delivered\",\"amount_from\":30000,\"currency_from\":\"USD\","
                          "\"amount_to\":\"29000\",\"currency_to\":\"EUR\",\"external_reference\":\"x1\"}";
    CHECK(fwp_notification_parse(classic, strlen(classic), &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "format"), "classic") == 0 && strcmp(text_of(out, "event_type"), "delivered") == 0, "classic");
    CHECK(json_integer_value(json_object_get(out, "amount_to")) == 29000, "string amount read");
    CHECK(strncmp(text_of(out, "dedup_key"), "payments:FWU125675432:delivered:", strlen("payments:FWU125675432:delivered:")) == 0, "dedup");
    json_decref(out);

    const char *refund = "{\"event_type\":\"received\",\"event_resource\":\"refunds\",\"data\":{\"refund_id\":\"RFWU123456789\","
                         "\"payment_id\":\"FWU125675432\",\"status\":\"received\",\"amount\":\"1000\",\"currency\":\"USD\"}}";
    CHECK(fwp_notification_parse(refund, strlen(refund), &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "id"), "RFWU123456789") == 0 && strcmp(text_of(out, "payment_id"), "FWU125675432") == 0, "refund");
    CHECK(json_integer_value(json_object_get(out, "amount")) == 1000, "refund amount");
    json_decref(out);

    /* A member that cannot be read never fails a notification; only a body that is not a
     * JSON object does. */
    const char *odd[] = { "{\"status\":\"x\"}", "{\"payment_id\":\"F\",\"status\":\"x\",\"amount_to\":\"12.50\"}", "{\"payment_id\":\"F\"}" };
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
        CHECK(fwp_notification_parse(odd[i], strlen(odd[i]), &out, &err) == FWP_OK, "odd case %zu: %s", i, ERR(err));
        json_decref(out);
    }
    const char *bad[] = { "{bad", "[1,2]" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        out = (json_t *)1;
        int rc = fwp_notification_parse(bad[i], strlen(bad[i]), &out, &err);
        CHECK(rc != FWP_OK && out == NULL, "case %zu: %s", i, bad[i]);
        CHECK(err.message[0] != 0, "case %zu has a message", i);
    }
    fwp_error_clear(&err);
}

/* The sandbox signs what it sends with its own HMAC (a different implementation, in the
 * sandbox): every queued notification must verify with the demo secret, and none with another. */
static void sandbox_signatures(const struct sandbox *sandbox) {
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = sandbox_client(sandbox, NULL), *root = sandbox_root_client(sandbox);
    json_t *offers = NULL, *order = NULL, *payment = NULL, *log = NULL;
    CHECK(fwp_offer_list(client, "FWU", 100000, "ES", NULL, &offers, &err) == FWP_OK, "%s", ERR(err));
    json_t *body = json_pack("{s:{s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:i}], s:{s:O}, s:s}",
                             "payer", "first_name", "SANDBOX_TO_DELIVERED_STATUS", "country", "ES",
                             "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "X", "items", "amount", 100000,
                             "offer", "id", json_object_get(json_array_get(json_object_get(offers, "offers"), 0), "id"),
                             "notifications_url", "http://127.0.0.1:9/nobody-listens");
    CHECK(fwp_order_create(client, body, NULL, &order, &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_order_charge(client, text_of(order, "id"), NULL, NULL, &payment, &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_request(root, "GET", "/sandbox/notifications?per_page=100", NULL, NULL, &log, &err) == FWP_OK, "%s", ERR(err));
    size_t index;
    json_t *entry;
    int verified = 0;
    json_array_foreach(json_object_get(log, "notifications"), index, entry) {
        const char *text = text_of(entry, "body"), *digest = text_of(entry, "digest");
        CHECK(fwp_notification_verify(text, strlen(text), digest, "sandbox-demo-secret", &err) == FWP_OK, "%s", ERR(err));
        CHECK(fwp_notification_verify(text, strlen(text), digest, "another-secret", &err) == FWP_E_SIGNATURE, "other secret");
        json_t *parsed = NULL;
        CHECK(fwp_notification_parse(text, strlen(text), &parsed, &err) == FWP_OK, "%s", ERR(err));
        CHECK(strcmp(text_of(parsed, "id"), text_of(payment, "payment_reference")) == 0, "names the payment");
        json_decref(parsed);
        verified++;
    }
    CHECK(verified == 4, "initiated, processed, guaranteed, delivered: %d", verified);
    json_decref(log);
    json_decref(payment);
    json_decref(order);
    json_decref(body);
    json_decref(offers);
    fwp_client_free(client);
    fwp_client_free(root);
    fwp_error_clear(&err);
}

int main(void) {
    signatures();
    parsing();
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    sandbox_signatures(&sandbox);
    sandbox_stop(&sandbox);
    return harness_finish("test_notifications");
}
