/* order_flow: one payment through an order, from C.
 *
 *   recipient -> offer -> order -> edit -> charge
 *
 * Reads FWPAY_BASE_URL and FWPAY_API_KEY (see README.md), prints the payment reference.
 * Build: cc order_flow.c -Iinclude -Lbuild/lib -lfwpay -ljansson */
#include <stdio.h>
#include <stdlib.h>

#include "fwpay.h"

/* Prints what went wrong, including each of the server's errors, and returns 1. */
static int fail(const char *step, int rc, fwp_error *err) {
    fprintf(stderr, "order_flow: %s failed: %s (%s)\n", step, err->message, fwp_strerror(rc));
    size_t index;
    json_t *entry;
    json_array_foreach(err->errors, index, entry) {
        fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(entry, "source")),
                json_string_value(json_object_get(entry, "message")));
    }
    fwp_error_clear(err);
    return 1;
}

int main(void) {
    const char *base_url = getenv("FWPAY_BASE_URL");
    const char *api_key = getenv("FWPAY_API_KEY");
    if (!api_key) {
        fprintf(stderr, "order_flow: set FWPAY_API_KEY (and FWPAY_BASE_URL for a sandbox)\n");
        return 2;
    }
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = NULL;
    int rc = fwp_client_new(base_url, api_key, &client, &err);
    if (rc != FWP_OK) return fail("fwp_client_new", rc, &err);

    /* 1. The recipient: Flywire University, which requires custom_field_1. */
    json_t *recipient = NULL;
    if ((rc = fwp_recipient_get(client, "FWU", NULL, &recipient, &err)) != FWP_OK) return fail("fwp_recipient_get", rc, &err);
    printf("recipient: %s (%s)\n", json_string_value(json_object_get(recipient, "name")),
           json_string_value(json_object_get(recipient, "currency")));
    json_decref(recipient);

    /* 2. An offer to pay USD 1,200.00 from Spain. */
    json_t *offers = NULL;
    if ((rc = fwp_offer_list(client, "FWU", 120000, "ES", NULL, &offers, &err)) != FWP_OK) return fail("fwp_offer_list", rc, &err);
    json_t *offer = json_array_get(json_object_get(offers, "offers"), 0);
    json_t *price = json_object_get(offer, "price");
    printf("offer: %s, %lld %s\n", json_string_value(json_object_get(offer, "type")),
           (long long)json_integer_value(json_object_get(price, "value")),
           json_string_value(json_object_get(price, "currency")));

    /* 3. The order. */
    json_t *body = json_pack(
        "{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:s, s:i}, {s:s, s:i}], s:{s:O}, s:s}",
        "payer", "first_name", "Peter", "last_name", "Payer", "country", "ES", "email", "peter@example.com",
        "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "ID12345",
        "items", "id", "tuition", "amount", 80000, "id", "housing", "amount", 40000,
        "offer", "id", json_object_get(offer, "id"),
        "external_reference", "c-example");
    json_decref(offers);
    if (!body) { fprintf(stderr, "order_flow: json_pack failed\n"); return 1; }
    json_t *order = NULL;
    rc = fwp_order_create(client, body, NULL, &order, &err);
    json_decref(body);
    if (rc != FWP_OK) return fail("fwp_order_create", rc, &err);
    const char *order_id = json_string_value(json_object_get(order, "id"));
    printf("order: %s\n", order_id);

    /* 4. Edit it: everything but the recipient id may change. */
    json_t *changes = json_pack("{s:{s:s}}", "metadata", "invoice", "INV-2026-0042");
    json_t *edited = NULL;
    rc = fwp_order_update(client, order_id, changes, NULL, &edited, &err);
    json_decref(changes);
    if (rc != FWP_OK) return fail("fwp_order_update", rc, &err);
    json_decref(edited);

    /* 5. Charge it: this creates the payment. */
    json_t *payment = NULL;
    rc = fwp_order_charge(client, order_id, NULL, NULL, &payment, &err);
    json_decref(order);
    if (rc == FWP_E_OUTCOME_UNKNOWN) {
        fprintf(stderr, "order_flow: the charge may have happened; reconcile with key %s\n", err.idempotency_key);
        return 1;
    }
    if (rc != FWP_OK) return fail("fwp_order_charge", rc, &err);
    printf("payment reference: %s (%lld %s)\n", json_string_value(json_object_get(payment, "payment_reference")),
           (long long)json_integer_value(json_object_get(payment, "amount_from")),
           json_string_value(json_object_get(payment, "currency_from")));
    json_decref(payment);
    fwp_client_free(client);
    return 0;
}
