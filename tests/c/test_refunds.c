/* End to end: refunds and refund bundles, with the sandbox's clock moving them on. */
#include <string.h>

#include "harness.h"

static fwp_client *client, *root;

/* A delivered payment of FWU from Spain (magic value), its reference in `reference`. */
static void delivered_payment(char reference[32]) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *offers = NULL, *order = NULL, *payment = NULL;
    CHECK(fwp_offer_list(client, "FWU", 100000, "ES", NULL, &offers, &err) == FWP_OK, "%s", ERR(err));
    json_t *body = json_pack("{s:{s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:i}], s:{s:O}, s:s}",
                             "payer", "first_name", "SANDBOX_TO_DELIVERED_STATUS", "country", "ES",
                             "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "X", "items", "amount", 100000,
                             "offer", "id", json_object_get(json_array_get(json_object_get(offers, "offers"), 0), "id"),
                             "external_reference", "refund-me");
    CHECK(fwp_order_create(client, body, NULL, &order, &err) == FWP_OK, "%s", ERR(err));
    CHECK(fwp_order_charge(client, text_of(order, "id"), NULL, NULL, &payment, &err) == FWP_OK, "%s", ERR(err));
    snprintf(reference, 32, "%s", text_of(payment, "payment_reference"));
    json_decref(payment);
    json_decref(order);
    json_decref(body);
    json_decref(offers);
    fwp_error_clear(&err);
}

static void refunds(void) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL;
    char payment[32], other[32];
    delivered_payment(payment);
    delivered_payment(other);

    json_t *body = parse("{\"amount\": 40000, \"external_reference\": \"refund-1\"}");
    CHECK(fwp_refund_create(client, payment, body, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    char refund[32], bundle[32];
    snprintf(refund, sizeof refund, "%s", text_of(out, "refund_id"));
    snprintf(bundle, sizeof bundle, "%s", text_of(out, "bundle_id"));
    CHECK(strncmp(refund, "RFWU", 4) == 0 && strncmp(bundle, "BUDR", 4) == 0, "%s in %s", refund, bundle);
    CHECK(strcmp(text_of(out, "status"), "pending") == 0, "pending");
    json_decref(out);
    CHECK(fwp_refund_create(client, payment, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "one active refund");
    CHECK(strcmp(first_error_field(&err, "type"), "already_refund") == 0, "%s", ERR(err));
    json_decref(body);

    body = parse("{\"amount\": 100001}");
    CHECK(fwp_refund_create(client, other, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "over the payment");
    CHECK(strcmp(first_error_field(&err, "type"), "amount_over_remaining_balance") == 0, "%s", ERR(err));
    json_decref(body);
    body = parse("{\"amount\": \"100\"}");
    CHECK(fwp_refund_create(client, other, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST && err.http_status == 0, "string amount");
    json_decref(body);
    body = parse("{}");
    /* Whether an amount is required is the server's to say. */
    CHECK(fwp_refund_create(client, other, body, NULL, &out, &err) == FWP_E_INVALID_REQUEST && err.http_status == 422, "no amount");
    CHECK(fwp_refund_create(client, NULL, body, NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "NULL payment");
    json_decref(body);

    body = parse("{\"amount\": 2500}");
    CHECK(fwp_refund_create(client, other, body, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    char cancelled[32];
    snprintf(cancelled, sizeof cancelled, "%s", text_of(out, "refund_id"));
    CHECK(strcmp(text_of(out, "bundle_id"), bundle) == 0, "same open bundle");
    json_decref(out);
    json_decref(body);
    CHECK(fwp_refund_cancel(client, cancelled, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "status"), "cancelled") == 0, "cancel");
    json_decref(out);

    CHECK(fwp_refund_get(client, refund, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "payment_id"), payment) == 0, "get");
    json_decref(out);
    CHECK(fwp_refund_get(client, "RFWU000000000", NULL, &out, &err) == FWP_E_NOT_FOUND, "unknown refund");
    json_t *filters = json_pack("{s:s}", "payment_id", payment);
    CHECK(fwp_refund_list(client, filters, 0, 0, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_integer_value(json_object_get(out, "total_entries")) == 1, "one refund of that payment");
    json_decref(out);
    json_decref(filters);

    CHECK(fwp_bundle_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_array_size(json_object_get(out, "refund_bundles")) == 1, "one bundle");
    json_decref(out);
    CHECK(fwp_bundle_get(client, bundle, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_array_size(json_object_get(out, "refunds")) == 2 && strcmp(text_of(out, "status"), "pending") == 0, "bundle");
    json_decref(out);
    CHECK(fwp_bundle_approve(client, bundle, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "status"), "approved") == 0, "approve");
    json_decref(out);
    CHECK(fwp_bundle_approve(client, bundle, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "approved once");
    CHECK(fwp_refund_get(client, refund, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "status"), "initiated") == 0, "initiated");
    json_decref(out);

    CHECK(sandbox_control(root, "clock/advance", "{\"days\": 4}") == FWP_OK, "clock");
    CHECK(fwp_refund_get(client, refund, NULL, &out, &err) == FWP_OK && strcmp(text_of(out, "status"), "finished") == 0,
          "finished: %s", text_of(out, "status"));
    json_decref(out);
    CHECK(fwp_refund_cancel(client, refund, NULL, &out, &err) == FWP_E_INVALID_REQUEST, "finished refunds cannot be cancelled");
    CHECK(fwp_bundle_get(client, "BUDR000000XX", NULL, &out, &err) == FWP_E_NOT_FOUND, "unknown bundle");
    fwp_error_clear(&err);
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    client = sandbox_client(&sandbox, NULL);
    root = sandbox_root_client(&sandbox);
    if (client && root) refunds();
    fwp_client_free(client);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    return harness_finish("test_refunds");
}
