/* The request bodies of real Flywire integrations (tests/evidence/bodies.json) pass the
 * library's checks unchanged and the sandbox takes them; every notification format real
 * receivers meet parses (real-api-evidence.md §2). */
#include <stdio.h>
#include <string.h>

#include "harness.h"

static json_t *pay_and_confirm(fwp_client *client, fwp_client *root, const json_t *session) {
    const char *url = json_string_value(json_object_get(json_object_get(session, "hosted_form"), "url"));
    json_t *message = sandbox_pay_form(root, url, "US", "Peter Payer");
    if (!message) return NULL;
    fwp_error err = FWP_ERROR_INIT;
    json_t *confirmed = NULL;
    int rc = fwp_session_confirm(client, json_string_value(json_object_get(json_object_get(message, "confirm_url"), "url")),
                                 NULL, &confirmed, &err);
    CHECK(rc == FWP_OK, "confirm: %s", ERR(err));
    fwp_error_clear(&err);
    json_decref(message);
    return confirmed;
}

static void sessions_and_charges(fwp_client *client, fwp_client *root, const json_t *bodies) {
    const char *name;
    json_t *body;
    json_t *saved = NULL;
    json_object_foreach(json_object_get(bodies, "sessions"), name, body) {
        fwp_error err = FWP_ERROR_INIT;
        json_t *session = NULL;
        int rc = fwp_session_create(client, body, NULL, &session, &err);
        CHECK(rc == FWP_OK, "%s: the session is sent and made (%d: %s)", name, rc, ERR(err));
        if (rc == FWP_OK && strcmp(name, "am_tokenization_and_pay") == 0) {
            CHECK(json_is_string(json_object_get(session, "expires_at")), "%s: the session has expires_at", name);
            saved = pay_and_confirm(client, root, session);
        }
        json_decref(session);
        fwp_error_clear(&err);
    }
    CHECK(saved != NULL, "a card was saved");
    if (!saved) return;
    json_object_foreach(json_object_get(bodies, "token_charges"), name, body) {
        json_t *charge = json_deep_copy(body);
        json_object_set(charge, "payment_method_token", json_object_get(json_object_get(saved, "payment_method"), "token"));
        json_object_set(charge, "mandate_id", json_object_get(json_object_get(saved, "mandate"), "id"));
        fwp_error err = FWP_ERROR_INIT;
        json_t *answer = NULL;
        int rc = fwp_payment_charge(client, charge, NULL, &answer, &err);
        CHECK(rc == FWP_OK, "%s: the charge is sent and made (%d: %s)", name, rc, ERR(err));
        CHECK(strcmp(text_of(json_object_get(answer, "charge_result"), "status"), "success") == 0, "%s: charge_result success", name);
        json_decref(answer);
        json_decref(charge);
        fwp_error_clear(&err);
    }
    json_decref(saved);
}

static void notifications(void) {
    static const struct { const char *body; long long amount; const char *text; } cases[] = {
        { "{\"id\":\"FWU1\",\"callback_id\":\"c1\",\"status\":\"delivered\",\"amount\":\"1500.00\",\"currency\":\"USD\"}", 150000, NULL },
        { "{\"id\":\"FWU1\",\"callback_id\":\"c1\",\"status\":\"delivered\",\"amount\":\"1500.00\"}", -1, "1500.00" },
        { "{\"id\":\"TKU1\",\"callback_id\":\"c2\",\"status\":\"delivered\",\"amount\":\"1500\",\"currency\":\"JPY\"}", 1500, NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fwp_error err = FWP_ERROR_INIT;
        json_t *event = NULL;
        int rc = fwp_notification_parse(cases[i].body, strlen(cases[i].body), &event, &err);
        CHECK(rc == FWP_OK, "classic callback %zu parses (%s)", i, ERR(err));
        json_t *amount = json_object_get(event, "amount");
        if (cases[i].amount >= 0) CHECK(json_integer_value(amount) == cases[i].amount, "classic callback %zu: amount in subunits", i);
        else CHECK(json_is_null(amount) && strcmp(text_of(event, "amount_text"), cases[i].text) == 0, "classic callback %zu: text kept", i);
        CHECK(strcmp(text_of(event, "format"), "classic") == 0, "classic callback %zu: format", i);
        json_decref(event);
        fwp_error_clear(&err);
    }
    const char *no_status = "{\"event_type\":\"guaranteed\",\"event_resource\":\"payments\",\"data\":{\"payment_id\":\"FWU2\",\"amount_to\":\"100\"}}";
    fwp_error err = FWP_ERROR_INIT;
    json_t *event = NULL;
    CHECK(fwp_notification_parse(no_status, strlen(no_status), &event, &err) == FWP_OK, "v2 without data.status parses");
    CHECK(strcmp(text_of(event, "status"), "guaranteed") == 0, "its status is the event type");
    json_decref(event);
    fwp_error_clear(&err);
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    fwp_client *client = sandbox_client(&sandbox, NULL);
    fwp_client *root = sandbox_root_client(&sandbox);
    json_error_t error;
    json_t *bodies = json_load_file("tests/evidence/bodies.json", 0, &error);
    CHECK(bodies != NULL, "bodies.json: %s", error.text);
    if (bodies && client && root) sessions_and_charges(client, root, bodies);
    notifications();
    json_decref(bodies);
    fwp_client_free(root);
    fwp_client_free(client);
    sandbox_stop(&sandbox);
    return harness_finish("test_evidence");
}
