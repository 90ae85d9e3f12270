/* preauth_capture: a hotel's pre-authorization (seed 003), from C.
 *
 *   check-in:  hold USD 600.00 on the guest's card (checkout session, manual capture)
 *   check-out: capture the final bill, USD 500.00; the other USD 100.00 is released
 *
 * Reads FWPAY_BASE_URL and FWPAY_API_KEY. Against fwpay-sandbox the example also plays the
 * payer (sandbox_payer.h). */
#include <stdio.h>
#include <stdlib.h>

#include "fwpay.h"
#include "sandbox_payer.h"

static int fail(const char *step, int rc, fwp_error *err) {
    fprintf(stderr, "preauth_capture: %s: %s (%s)\n", step, err->message, fwp_strerror(rc));
    fwp_error_clear(err);
    return 1;
}

int main(void) {
    const char *api_key = getenv("FWPAY_API_KEY");
    if (!api_key) { fprintf(stderr, "preauth_capture: set FWPAY_API_KEY and FWPAY_BASE_URL\n"); return 2; }
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = NULL;
    int rc = fwp_client_new(getenv("FWPAY_BASE_URL"), api_key, &client, &err);
    if (rc != FWP_OK) return fail("client", rc, &err);

    /* 1. A one_off session with manual capture: a pre-authorization, as real integrations make
     *    them (tokenization_and_pay works too, and also saves the card). */
    json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:{s:[{s:s, s:s}]}, s:[{s:s, s:i}], s:s}",
                             "type", "one_off", "recipient_id", "FWU", "schema", "cards",
                             "charge_intent", "capture", "manual", "authorization", "preauth", "mode", "one_off",
                             "recipient", "fields", "id", "custom_field_1", "value", "ROOM-101",
                             "items", "id", "default", "amount", 60000, "external_reference", "stay-2026-0042");
    json_t *session = NULL;
    rc = fwp_session_create(client, body, NULL, &session, &err);
    json_decref(body);
    if (rc != FWP_OK) return fail("fwp_session_create", rc, &err);
    const char *form_url = json_string_value(json_object_get(json_object_get(session, "hosted_form"), "url"));
    printf("session: %s\nshow the payer: %s\n", json_string_value(json_object_get(session, "id")), form_url);

    /* 2. The payer sends the form; your page gets the confirm URL in the postMessage. */
    json_t *message = sandbox_payer_sends_form(form_url, api_key);
    json_decref(session);
    if (!message) return 1;
    const char *confirm_url = json_string_value(json_object_get(json_object_get(message, "confirm_url"), "url"));

    /* 3. Confirm: the hold was placed when the payer sent the form; the confirm answers it. */
    json_t *confirmed = NULL;
    rc = fwp_session_confirm(client, confirm_url, NULL, &confirmed, &err);
    json_decref(message);
    if (rc != FWP_OK) return fail("fwp_session_confirm", rc, &err);
    const char *reference = json_string_value(json_object_get(confirmed, "payment_reference"));
    json_t *payment = NULL;
    rc = fwp_payment_get(client, reference, NULL, &payment, &err);
    if (rc != FWP_OK) return fail("fwp_payment_get", rc, &err);
    printf("held: %s, status %s\n", reference, json_string_value(json_object_get(payment, "status")));
    json_decref(payment);

    /* 4. Check-out: capture the final bill; the rest of the hold is released at once. */
    json_t *capture = NULL;
    rc = fwp_payment_capture(client, reference, 50000, NULL, &capture, &err);
    if (rc == FWP_E_OUTCOME_UNKNOWN) {
        fprintf(stderr, "the capture may have happened: look at %s before capturing again\n", reference);
        return 1;
    }
    if (rc != FWP_OK) return fail("fwp_payment_capture", rc, &err);
    /* Flywire answers charge_result {"status": "received"} and processes the capture on its
     * own; the payment then shows what was taken. */
    printf("capture %s\n", json_string_value(json_object_get(json_object_get(capture, "charge_result"), "status")));
    json_decref(capture);
    rc = fwp_payment_get(client, reference, NULL, &payment, &err);
    if (rc != FWP_OK) return fail("fwp_payment_get", rc, &err);
    printf("captured %lld %s; payment reference: %s, status %s\n", (long long)json_integer_value(json_object_get(payment, "amount_to")),
           json_string_value(json_object_get(payment, "currency_to")), reference, json_string_value(json_object_get(payment, "status")));
    json_decref(payment);
    json_decref(confirmed);
    fwp_client_free(client);
    return 0;
}
