/* The payer's part of a checkout, for the examples only. In production the payer fills in
 * the hosted form in a browser and your page receives its postMessage; against
 * fwpay-sandbox the examples play the payer themselves by posting the form (the sandbox
 * serves it under its own root, next to /payments/v1). */
#ifndef FWPAY_EXAMPLE_SANDBOX_PAYER_H
#define FWPAY_EXAMPLE_SANDBOX_PAYER_H

#include <stdio.h>
#include <string.h>

#include "fwpay.h"

/* Posts the hosted form of `hosted_form_url` with a test card; returns the postMessage
 * ({"confirm_url": {"url", "method"}, ...}, a new reference) or NULL. */
static json_t *sandbox_payer_sends_form(const char *hosted_form_url, const char *api_key) {
    char root[512];
    const char *form = strstr(hosted_form_url, "/checkout/form");
    if (!form || (size_t)(form - hosted_form_url) >= sizeof root) return NULL;
    snprintf(root, sizeof root, "%.*s", (int)(form - hosted_form_url), hosted_form_url);
    fwp_client *browser = NULL;
    fwp_error err = FWP_ERROR_INIT;
    json_t *fields = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "first_name", "Peter", "last_name", "Payer",
                               "email", "peter@example.com", "country", "US", "card_holder", "Peter Payer",
                               "card_number", "4111 1111 1111 1111", "card_expiration", "03/30", "cvv", "737");
    json_t *message = NULL;
    if (fwp_client_new(root, api_key, &browser, &err) != FWP_OK ||
        fwp_request(browser, "POST", form, fields, NULL, &message, &err) != FWP_OK)
        fprintf(stderr, "the payer's form: %s\n", err.message);
    json_decref(fields);
    fwp_client_free(browser);
    fwp_error_clear(&err);
    return message;
}

#endif
