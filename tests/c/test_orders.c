/* End to end against a private sandbox: recipients, offers, the order flow, the server's
 * rules, and bad input to every order function. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static const char *valid_order_template =
    "{\"payer\": {\"first_name\": \"Peter\", \"last_name\": \"Payer\", \"country\": \"ES\"},"
    " \"recipient\": {\"id\": \"FWU\", \"fields\": [{\"id\": \"custom_field_1\", \"value\": \"ID1\"}]},"
    " \"items\": [{\"id\": \"tuition\", \"amount\": 80000}, {\"id\": \"housing\", \"amount\": 40000}],"
    " \"offer\": {\"id\": \"%s\"}, \"external_reference\": \"c-test\"}";

/* A valid order body for FWU from Spain, with a fresh offer. */
static json_t *valid_order(fwp_client *client) {
    json_t *offers = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_offer_list(client, "FWU", 120000, "ES", NULL, &offers, &err) != FWP_OK) {
        fprintf(stderr, "offers: %s\n", err.message);
        return NULL;
    }
    char text[1024];
    snprintf(text, sizeof text, valid_order_template,
             text_of(json_array_get(json_object_get(offers, "offers"), 0), "id"));
    json_decref(offers);
    return parse(text);
}

static void recipients_and_offers(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_array_size(json_object_get(out, "recipients")) == 5, "five seeded recipients");
    CHECK(json_integer_value(json_object_get(out, "total_entries")) == 5, "total_entries");
    json_decref(out);
    CHECK(fwp_recipient_list(client, 2, 3, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_array_size(json_object_get(out, "recipients")) == 2, "page 2 of 3 per page has two");
    json_decref(out);
    CHECK(fwp_recipient_list(client, -1, 0, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "negative page");
    CHECK(fwp_recipient_list(client, 1, 101, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "per_page 101");

    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "name"), "Flywire University") == 0, "%s", text_of(out, "name"));
    json_t *field = json_array_get(json_object_get(out, "fields"), 0);
    CHECK(strcmp(text_of(field, "id"), "custom_field_1") == 0 && json_is_true(json_object_get(field, "required")),
          "custom_field_1 is required");
    CHECK(json_integer_value(json_object_get(json_object_get(out, "settings"), "min_amount")) == 5000, "limits");
    json_decref(out);
    CHECK(fwp_recipient_get(client, "XYZ", NULL, &out, &err) == FWP_E_NOT_FOUND, "unknown recipient: %d", err.code);
    CHECK(err.http_status == 404, "404");
    CHECK(err.request_id[0] != 0, "request id reported");
    CHECK(fwp_recipient_get(client, "../orders", NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "path traversal refused");
    CHECK(fwp_recipient_get(client, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL id");

    const char *subunit_cases[][3] = { { "FWU", "ES", "EUR" }, { "TKU", "JP", "JPY" }, { "BHU", "BH", "BHD" }, { "ETM", "US", "USD" } };
    for (size_t i = 0; i < 4; i++) {
        CHECK(fwp_offer_list(client, subunit_cases[i][0], 500000, subunit_cases[i][1], NULL, &out, &err) == FWP_OK, "%s", ERR(err));
        json_t *offer = json_array_get(json_object_get(out, "offers"), 0);
        CHECK(strcmp(text_of(json_object_get(offer, "price"), "currency"), subunit_cases[i][2]) == 0, "priced in %s", subunit_cases[i][2]);
        CHECK(json_integer_value(json_object_get(json_object_get(offer, "price"), "value")) > 0, "positive price");
        json_decref(out);
    }
    CHECK(fwp_offer_list(client, "FWU", 0, "ES", NULL, &out, &err) == FWP_E_INVALID_REQUEST, "zero amount");
    CHECK(strcmp(first_error_field(&err, "source"), "/amount") == 0, "%s", first_error_field(&err, "source"));
    CHECK(err.http_status == 0, "refused before sending");
    CHECK(fwp_offer_list(client, "FWU", 100, "spain", NULL, &out, &err) == FWP_E_INVALID_REQUEST, "bad country");
    CHECK(fwp_offer_list(client, "FWU", 100, "ZZ", NULL, &out, &err) == FWP_E_INVALID_REQUEST, "unsupported country");
    CHECK(err.http_status == 400, "server says 400 (status as a string in its body): %d", err.http_status);
    CHECK(strcmp(first_error_field(&err, "source"), "country") == 0, "%s", first_error_field(&err, "source"));
    fwp_error_clear(&err);
}

static void order_flow(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *body = valid_order(client), *order = NULL, *out = NULL;
    CHECK(fwp_order_create(client, body, NULL, &order, &err) == FWP_OK, "%s", ERR(err));
    json_decref(body);
    char id[64];
    snprintf(id, sizeof id, "%s", text_of(order, "id"));
    CHECK(strlen(id) == 36, "order id is a UUID: %s", id);
    CHECK(strcmp(text_of(order, "status"), "open") == 0, "open");
    json_decref(order);

    /* Editing keeps the id; the recipient id cannot change, even to the same value. */
    json_t *changes = parse("{\"metadata\": {\"invoice\": \"INV-1\"}, \"recipient\": {\"fields\": [{\"id\": \"custom_field_1\", \"value\": \"ID2\"}]}}");
    CHECK(fwp_order_update(client, id, changes, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "id"), id) == 0, "same id after an edit");
    CHECK(strcmp(text_of(json_object_get(out, "metadata"), "invoice"), "INV-1") == 0, "metadata edited");
    CHECK(strcmp(text_of(json_object_get(out, "recipient"), "id"), "FWU") == 0, "recipient kept");
    json_decref(out);
    json_decref(changes);
    changes = parse("{\"recipient\": {\"id\": \"FWU\"}}");
    CHECK(fwp_order_update(client, id, changes, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "recipient id refused");
    CHECK(strcmp(first_error_field(&err, "source"), "/recipient/id") == 0, "source");
    CHECK(strcmp(first_error_field(&err, "message"), "cannot be updated") == 0, "message");
    CHECK(err.http_status == 0, "refused locally, before sending");
    json_decref(changes);
    /* The server refuses it too: send it raw, past the local check. */
    char path[128];
    snprintf(path, sizeof path, "/orders/%s", id);
    changes = parse("{\"recipient\": {\"id\": \"FWU\"}}");
    CHECK(fwp_request(client, "PATCH", path, changes, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "server refuses too");
    CHECK(err.http_status == 422 && strcmp(first_error_field(&err, "message"), "cannot be updated") == 0, "422 cannot be updated");
    json_decref(changes);

    /* Charge once: a payment reference like FWU123456789, stored. */
    json_t *payment = NULL;
    CHECK(fwp_order_charge(client, id, NULL, NULL, &payment, &err) == FWP_OK, "%s", ERR(err));
    const char *reference = text_of(payment, "payment_reference");
    CHECK(strlen(reference) == 12 && strncmp(reference, "FWU", 3) == 0, "reference %s", reference);
    CHECK(json_integer_value(json_object_get(payment, "amount_to")) == 120000, "amount_to");
    CHECK(strcmp(text_of(payment, "currency_to"), "USD") == 0 && strcmp(text_of(payment, "currency_from"), "EUR") == 0, "currencies");
    snprintf(path, sizeof path, "/payments/%s", reference);
    CHECK(fwp_request(client, "GET", path, NULL, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "payment_id"), reference) == 0, "payment stored");
    CHECK(strcmp(text_of(out, "order_id"), id) == 0, "payment linked to its order");
    json_decref(out);

    /* A second charge is refused and names the payment; so is an edit. */
    CHECK(fwp_order_charge(client, id, NULL, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "second charge refused");
    CHECK(strstr(first_error_field(&err, "message"), reference) != NULL, "names %s: %s", reference, first_error_field(&err, "message"));
    CHECK(strlen(err.idempotency_key) == 36, "the charge carried an idempotency key");
    changes = parse("{\"metadata\": {\"a\": \"b\"}}");
    CHECK(fwp_order_update(client, id, changes, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "edit after charge refused");
    json_decref(changes);
    CHECK(fwp_order_get(client, id, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(strcmp(text_of(out, "status"), "charged") == 0 && strcmp(text_of(out, "payment_reference"), reference) == 0, "charged");
    json_decref(out);
    json_decref(payment);
    fwp_error_clear(&err);
}

static void server_rules(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL, *body = valid_order(client);

    /* Below the recipient's minimum: seed 002's exact error. */
    json_object_set_new(json_array_get(json_object_get(body, "items"), 0), "amount", json_integer(1000));
    json_array_remove(json_object_get(body, "items"), 1);
    CHECK(fwp_order_create(client, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "under the minimum: %s", ERR(err));
    CHECK(err.http_status == 422, "422");
    CHECK(strcmp(first_error_field(&err, "source"), "/recipient/items") == 0, "source %s", first_error_field(&err, "source"));
    CHECK(strcmp(first_error_field(&err, "message"), "Amount must be greater than $50.00") == 0, "%s", first_error_field(&err, "message"));
    json_decref(body);

    /* The offer was made for Spain; a payer in France cannot use it. */
    body = valid_order(client);
    json_object_set_new(json_object_get(body, "payer"), "country", json_string("FR"));
    CHECK(fwp_order_create(client, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "country mismatch");
    CHECK(strcmp(first_error_field(&err, "source"), "/offer/id") == 0 && strcmp(first_error_field(&err, "message"), "is invalid") == 0,
          "offer invalid: %s", ERR(err));
    json_decref(body);

    /* A required recipient field is missing. */
    body = valid_order(client);
    json_object_set_new(json_object_get(body, "recipient"), "fields", json_array());
    CHECK(fwp_order_create(client, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "missing field");
    CHECK(strcmp(first_error_field(&err, "source"), "/recipient/fields/custom_field_1") == 0, "%s", ERR(err));
    CHECK(strcmp(first_error_field(&err, "type"), "missing_param") == 0, "missing_param");
    json_decref(body);

    CHECK(fwp_order_get(client, "00000000-0000-4000-8000-000000000000", NULL, &out, &err) == FWP_E_NOT_FOUND, "unknown order");
    CHECK(fwp_order_charge(client, "00000000-0000-4000-8000-000000000000", NULL, NULL, &out, &err) == FWP_E_NOT_FOUND, "charge unknown");
    fwp_error_clear(&err);
}

static void bad_input(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = (json_t *)1, *body = valid_order(client);
    const char *uuid = "00000000-0000-4000-8000-000000000000";

    /* NULL for each pointer argument. */
    CHECK(fwp_order_create(NULL, body, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT && out == NULL, "NULL client");
    CHECK(strstr(err.message, "client") != NULL, "%s", ERR(err));
    CHECK(fwp_order_create(client, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL body");
    CHECK(fwp_order_create(client, body, NULL, NULL, &err) == FWP_E_INVALID_ARGUMENT, "NULL out");
    CHECK(fwp_order_create(client, NULL, NULL, &out, NULL) == FWP_E_INVALID_ARGUMENT, "NULL err is fine");
    CHECK(fwp_order_update(client, NULL, body, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL order id");
    CHECK(fwp_order_update(client, uuid, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL changes");
    CHECK(fwp_order_charge(client, NULL, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL charge id");
    CHECK(fwp_order_charge(NULL, uuid, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL charge client");
    CHECK(fwp_order_get(client, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL get id");
    CHECK(fwp_offer_list(client, NULL, 100, "ES", NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL recipient");
    CHECK(fwp_offer_list(client, "FWU", 100, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL country");
    CHECK(fwp_recipient_list(NULL, 0, 0, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL list client");
    CHECK(fwp_request(client, NULL, "/x", NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL method");
    CHECK(fwp_request(client, "GET", NULL, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL path");
    CHECK(fwp_request(client, "BREW", "/x", NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "unknown method");
    CHECK(fwp_request(client, "GET", "/a/../b", NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "dot segments");
    CHECK(fwp_request(client, "GET", "/a b", NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "space in path");
    CHECK(fwp_request(client, "GET", "recipients", NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "relative path");

    /* Wrong JSON types. */
    json_t *array = json_array();
    CHECK(fwp_order_create(client, array, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "body is an array");
    CHECK(strstr(err.message, "must be a JSON object, not an array") != NULL, "%s", ERR(err));
    json_decref(array);
    json_t *wrong = json_deep_copy(body);
    json_object_set_new(json_array_get(json_object_get(wrong, "items"), 0), "amount", json_string("80000"));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "string amount");
    CHECK(strcmp(first_error_field(&err, "source"), "/items/0/amount") == 0, "%s", ERR(err));
    json_object_set_new(json_array_get(json_object_get(wrong, "items"), 0), "amount", json_real(800.5));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "real amount");
    json_object_set_new(json_array_get(json_object_get(wrong, "items"), 0), "amount", json_integer(-5));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "negative amount");
    CHECK(strstr(first_error_field(&err, "message"), "positive integer") != NULL, "%s", ERR(err));
    json_object_set_new(wrong, "items", json_array());
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "no items");
    json_object_del(wrong, "items");
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "items missing");
    CHECK(strcmp(first_error_field(&err, "type"), "missing_param") == 0, "missing_param");
    json_decref(wrong);

    /* Metadata limits: 20 pairs, keys of 40, values of 500 characters (not bytes). */
    wrong = json_deep_copy(body);
    json_t *metadata = json_object();
    char key[64];
    for (int i = 0; i < 21; i++) { snprintf(key, sizeof key, "key%d", i); json_object_set_new(metadata, key, json_string("v")); }
    json_object_set_new(wrong, "metadata", metadata);
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "21 pairs");
    CHECK(strstr(err.message, "at most 20 pairs (has 21)") != NULL, "%s", ERR(err));
    json_object_del(metadata, "key20");
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_OK, "20 pairs are fine: %s", ERR(err));
    json_decref(out);
    json_decref(wrong);

    wrong = json_deep_copy(body);
    metadata = json_object();
    memset(key, 'k', 41);
    key[41] = 0;
    json_object_set_new(metadata, key, json_string("v"));
    json_object_set_new(wrong, "metadata", metadata);
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "41-character key");
    CHECK(strstr(err.message, "keys are at most 40") != NULL, "%s", ERR(err));
    json_object_clear(metadata);
    char value[1200] = "";
    for (int i = 0; i < 500; i++) strcat(value, "\xc3\xa9"); /* 500 characters, 1000 bytes */
    json_object_set_new(metadata, "note", json_string(value));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_OK, "500 characters are fine: %s", ERR(err));
    json_decref(out);
    strcat(value, "x");
    json_object_set_new(metadata, "note", json_string(value));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "501 characters");
    CHECK(strcmp(first_error_field(&err, "source"), "/metadata/note") == 0, "%s", ERR(err));
    json_object_set_new(metadata, "note", json_integer(5));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "non-string value");

    /* A 10 MB string: as an id, as a metadata value. */
    size_t huge = 10u << 20;
    char *big = malloc(huge + 1);
    memset(big, 'a', huge);
    big[huge] = 0;
    CHECK(fwp_order_charge(client, big, NULL, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "10 MB order id");
    CHECK(strstr(err.message, "order_id is longer than 64 bytes") != NULL, "%s", ERR(err));
    /* A value past the metadata rule; then one past the request-body limit, refused while the
     * value is read, before any field rule (security-findings-3.md N12). */
    big[600] = 0;
    json_object_set_new(metadata, "note", json_string(big));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "600-character metadata value");
    CHECK(strstr(err.message, "600 characters long") != NULL, "%s", ERR(err));
    big[600] = 'a';
    json_object_set_new(metadata, "note", json_string(big));
    CHECK(fwp_order_create(client, wrong, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "10 MB metadata value");
    CHECK(strstr(err.message, "larger than the 1048576 bytes a request body may be") != NULL, "%s", ERR(err));
    free(big);
    json_decref(wrong);

    /* Invalid UTF-8 in an id. */
    CHECK(fwp_order_get(client, "abc\xff", NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "invalid UTF-8");
    CHECK(strstr(err.message, "UTF-8") != NULL, "%s", ERR(err));
    /* JSON nested deeper than the library accepts. */
    json_t *deep = json_object(), *cursor = deep;
    for (int i = 0; i < 100; i++) { json_t *next = json_object(); json_object_set_new(cursor, "x", next); cursor = next; }
    CHECK(fwp_order_create(client, deep, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "deep JSON");
    json_decref(deep);

    json_decref(body);
    fwp_error_clear(&err);
}

static void authentication(const struct sandbox *sandbox) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    fwp_client *wrong = sandbox_client(sandbox, "not-a-real-key");
    CHECK(fwp_recipient_list(wrong, 0, 0, NULL, &out, &err) == FWP_E_AUTHENTICATION, "wrong key: %d", err.code);
    CHECK(err.http_status == 401, "401");
    CHECK(strstr(err.message, "not-a-real-key") == NULL, "the key is not in the message");
    fwp_client_free(wrong);

    /* Another client cannot see the first one's orders. */
    fwp_client *first = sandbox_client(sandbox, NULL), *second = sandbox_client(sandbox, "second-client-key");
    json_t *body = valid_order(first), *order = NULL;
    CHECK(fwp_order_create(first, body, NULL, &order, &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_order_get(second, text_of(order, "id"), NULL, &out, &err) == FWP_E_NOT_FOUND, "other client's order: %d", err.code);
    CHECK(fwp_order_charge(second, text_of(order, "id"), NULL, NULL, &out, &err) == FWP_E_NOT_FOUND, "cannot charge it");
    json_decref(order);
    json_decref(body);
    fwp_client_free(first);
    fwp_client_free(second);
    fwp_error_clear(&err);
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    fwp_client *client = sandbox_client(&sandbox, NULL);
    CHECK(client != NULL, "client");
    if (client) {
        recipients_and_offers(client);
        order_flow(client);
        server_rules(client);
        bad_input(client);
        authentication(&sandbox);
    }
    fwp_client_free(client);
    sandbox_stop(&sandbox);
    return harness_finish("test_orders");
}
