/* adjust_cancel: raise a pre-authorization's hold, then cancel it (the guest left early).
 * Reads FWPAY_BASE_URL and FWPAY_API_KEY; against fwpay-sandbox it also plays the payer. */
#include <stdio.h>
#include <stdlib.h>

#include "fwpay.h"
#include "sandbox_payer.h"

static int fail(const char *step, int rc, fwp_error *err) {
    fprintf(stderr, "adjust_cancel: %s: %s (%s)\n", step, err->message, fwp_strerror(rc));
    fwp_error_clear(err);
    return 1;
}

int main(void) {
    const char *api_key = getenv("FWPAY_API_KEY");
    if (!api_key) { fprintf(stderr, "adjust_cancel: set FWPAY_API_KEY and FWPAY_BASE_URL\n"); return 2; }
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = NULL;
    int rc = fwp_client_new(getenv("FWPAY_BASE_URL"), api_key, &client, &err);
    if (rc != FWP_OK) return fail("client", rc, &err);

    json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:{s:[{s:s, s:s}]}, s:[{s:s, s:i}]}",
                             "type", "tokenization_and_pay", "recipient_id", "FWU", "schema", "cards",
                             "charge_intent", "capture", "manual", "authorization", "preauth", "mode", "unscheduled",
                             "recipient", "fields", "id", "custom_field_1", "value", "ROOM-102",
                             "items", "id", "default", "amount", 45000);
    json_t *session = NULL, *confirmed = NULL, *payment = NULL;
    rc = fwp_session_create(client, body, NULL, &session, &err);
    json_decref(body);
    if (rc != FWP_OK) return fail("fwp_session_create", rc, &err);
    json_t *message = sandbox_payer_sends_form(json_string_value(json_object_get(json_object_get(session, "hosted_form"), "url")), api_key);
    if (!message) return 1;
    rc = fwp_session_confirm(client, json_string_value(json_object_get(json_object_get(message, "confirm_url"), "url")), NULL,
                             &confirmed, &err);
    json_decref(message);
    json_decref(session);
    if (rc != FWP_OK) return fail("fwp_session_confirm", rc, &err);
    const char *reference = json_string_value(json_object_get(confirmed, "payment_reference"));
    printf("held 45000 on %s\n", reference);

    /* The stay got longer: raise the hold (only upward; the same amount extends it). */
    rc = fwp_payment_adjust(client, reference, 60000, NULL, &payment, &err);
    if (rc != FWP_OK) return fail("fwp_payment_adjust", rc, &err);
    printf("adjusted: %s\n", json_string_value(json_object_get(json_object_get(payment, "charge_result"), "status")));
    json_decref(payment);

    /* A lower amount is refused, before the holding period ends or after. */
    rc = fwp_payment_adjust(client, reference, 10000, NULL, &payment, &err);
    printf("lowering the hold: %s\n", rc == FWP_E_INVALID_REQUEST ? err.message : "unexpectedly accepted");

    /* The guest left without using the room: cancel releases the hold at once. */
    rc = fwp_payment_cancel(client, reference, NULL, &payment, &err);
    if (rc != FWP_OK) return fail("fwp_payment_cancel", rc, &err);
    printf("cancelled: %s is %s\n", reference, json_string_value(json_object_get(payment, "status")));
    json_decref(payment);
    json_decref(confirmed);
    fwp_error_clear(&err);
    fwp_client_free(client);
    return 0;
}
