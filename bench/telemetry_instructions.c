/* The instructions one GET costs inside the library, without and with a no-op event callback:
 * run under callgrind by bench/run.sh, which reads the inclusive cost of fwp_payment_get. Instruction
 * counts do not vary with the machine's load, unlike times, whose noise here is wider than
 * the difference measured.
 *
 *   telemetry_instructions BASE_URL API_KEY PAYMENT_REF none|events CALLS */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwpay.h"

static volatile long long events_seen;

static void count_event(const fwp_event *event, void *userdata) {
    (void)userdata;
    events_seen += event->type;
}

static void one_get(fwp_client *client, const char *reference) {
    json_t *payment = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_payment_get(client, reference, NULL, &payment, &err) != FWP_OK) {
        fprintf(stderr, "telemetry_instructions: %s\n", err.message);
        exit(1);
    }
    json_decref(payment);
}

int main(int argc, char **argv) {
    if (argc != 6) return 2;
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = argv[1];
    options.api_key = argv[2];
    if (strcmp(argv[4], "events") == 0) options.event_callback = count_event;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_client_new_with_options(&options, &client, &err) != FWP_OK) return 1;
    int calls = atoi(argv[5]);
    for (int i = 0; i < calls; i++) one_get(client, argv[3]);
    fwp_client_free(client);
    return 0;
}
