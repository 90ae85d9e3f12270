/* refund: refund part of a delivered payment, then approve its bundle.
 * Reads FWPAY_BASE_URL, FWPAY_API_KEY, and the payment reference as the first argument. */
#include <stdio.h>
#include <stdlib.h>

#include "fwpay.h"

static int fail(const char *step, int rc, fwp_error *err) {
    fprintf(stderr, "refund: %s: %s (%s)\n", step, err->message, fwp_strerror(rc));
    size_t index;
    json_t *entry;
    json_array_foreach(err->errors, index, entry)
        fprintf(stderr, "  %s: %s\n", json_string_value(json_object_get(entry, "type")), json_string_value(json_object_get(entry, "message")));
    fwp_error_clear(err);
    return 1;
}

int main(int argc, char **argv) {
    const char *api_key = getenv("FWPAY_API_KEY");
    if (argc != 2 || !api_key) { fprintf(stderr, "usage: FWPAY_API_KEY=... refund PAYMENT_REFERENCE\n"); return 2; }
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = NULL;
    int rc = fwp_client_new(getenv("FWPAY_BASE_URL"), api_key, &client, &err);
    if (rc != FWP_OK) return fail("client", rc, &err);

    /* Your own reference as the idempotency key: running this again cannot refund twice on
     * a server that honours keys, and after FWP_E_OUTCOME_UNKNOWN you retry with the same one. */
    char key[64];
    snprintf(key, sizeof key, "refund-%s-1", argv[1]);
    fwp_call_options options = FWP_CALL_OPTIONS_INIT;
    options.idempotency_key = key;
    json_t *body = json_pack("{s:i, s:s}", "amount", 20000, "external_reference", key), *refund = NULL;
    rc = fwp_refund_create(client, argv[1], body, &options, &refund, &err);
    json_decref(body);
    if (rc == FWP_E_OUTCOME_UNKNOWN) {
        fprintf(stderr, "the refund may exist: run again (same key %s) or list the payment's refunds\n", err.idempotency_key);
        return 1;
    }
    if (rc != FWP_OK) return fail("fwp_refund_create", rc, &err);
    printf("refund %s of %lld %s is %s, in bundle %s\n", json_string_value(json_object_get(refund, "refund_id")),
           (long long)json_integer_value(json_object_get(refund, "amount")), json_string_value(json_object_get(refund, "currency")),
           json_string_value(json_object_get(refund, "status")), json_string_value(json_object_get(refund, "bundle_id")));

    json_t *bundle = NULL;
    rc = fwp_bundle_approve(client, json_string_value(json_object_get(refund, "bundle_id")), NULL, &bundle, &err);
    if (rc != FWP_OK) return fail("fwp_bundle_approve", rc, &err);
    printf("bundle %s approved: %zu refund(s) sent on\n", json_string_value(json_object_get(bundle, "bundle_id")),
           json_array_size(json_object_get(bundle, "refunds")));
    json_decref(bundle);
    json_decref(refund);
    fwp_error_clear(&err);
    fwp_client_free(client);
    return 0;
}
