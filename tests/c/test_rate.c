/* Rates: the client's own max_requests_per_minute refuses, unsent, a request whose turn is
 * further away than its timeout (blocking and started calls alike); fwpay-sandbox's
 * --rate-limit (sandbox-only) emulates Flywire's reported block with 429 and Retry-After. */
#include <poll.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static int get(fwp_client *client, fwp_error *err) {
    json_t *out = NULL;
    int code = fwp_recipient_get(client, "FWU", NULL, &out, err);
    json_decref(out);
    return code;
}

int main(void) {
    /* The client's own bound: 3 a minute, then a request that would wait a minute (more than
     * its 2 s timeout) fails at once, and the server never sees it. */
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = sandbox.base_url;
    options.api_key = "sandbox-demo-key";
    options.timeout_ms = 2000;
    options.max_requests_per_minute = 3;
    fwp_client *bounded = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new_with_options(&options, &bounded, &err) == FWP_OK, "client: %s", ERR(err));
    for (int i = 0; i < 3; i++) CHECK(get(bounded, &err) == FWP_OK, "request %d within the bound: %s", i + 1, ERR(err));
    CHECK(get(bounded, &err) == FWP_E_RATE_LIMITED && err.http_status == 0, "the fourth is refused unsent (%d, %d)", err.code,
          err.http_status);
    CHECK(strstr(err.message, "max_requests_per_minute (3)") != NULL, "and says why: %s", ERR(err));
    /* Started calls share the bound. */
    fwp_queue *queue = NULL;
    CHECK(fwp_queue_new(&queue, &err) == FWP_OK, "queue");
    CHECK(fwp_call_start(bounded, "recipient_get", "{\"recipient_id\": \"ETM\"}", 23, queue, 1, NULL, &err) == FWP_OK, "started");
    CHECK(fwp_queue_wait(queue, 10000) == 1, "it completes");
    fwp_completion done = FWP_COMPLETION_INIT;
    CHECK(fwp_queue_take(queue, &done) == 1 && done.code == FWP_E_RATE_LIMITED, "a started call is refused too (%d)", done.code);
    fwp_completion_clear(&done);
    fwp_queue_free(queue);
    options.max_requests_per_minute = 100001;
    fwp_client *wrong = NULL;
    CHECK(fwp_client_new_with_options(&options, &wrong, &err) == FWP_E_INVALID_ARGUMENT, "an out-of-range bound is refused");
    /* The server saw the three requests only. */
    fwp_client *root = sandbox_root_client(&sandbox);
    json_t *log = NULL;
    CHECK(fwp_request(root, "GET", "/sandbox/requests", NULL, NULL, &log, &err) == FWP_OK, "request log: %s", ERR(err));
    size_t index;
    json_t *entry;
    int seen = 0;
    json_array_foreach(json_object_get(log, "requests"), index, entry)
        if (strstr(text_of(entry, "path"), "/recipients/") != NULL) seen++;
    CHECK(seen == 3, "the server saw %d requests of recipients, not 3", seen);
    json_decref(log);
    fwp_client_free(root);
    fwp_client_free(bounded);
    sandbox_stop(&sandbox);

    /* The sandbox's emulation of Flywire's block: past 5 a minute, 429 with Retry-After. */
    const char *flags[] = { "--rate-limit", "5", "--rate-limit-block", "120", NULL };
    if (sandbox_start_with(&sandbox, flags) != 0) return 1;
    fwp_client *client = sandbox_client(&sandbox, NULL);
    for (int i = 0; i < 5; i++) CHECK(get(client, &err) == FWP_OK, "request %d within the sandbox's limit: %s", i + 1, ERR(err));
    CHECK(get(client, &err) == FWP_E_RATE_LIMITED && err.http_status == 429, "the sixth is answered 429 (%d)", err.http_status);
    CHECK(strstr(err.message, "Sandbox-only") != NULL || strstr(err.message, "Too Many") != NULL, "marked: %s", ERR(err));
    CHECK(get(client, &err) == FWP_E_RATE_LIMITED, "and the client stays blocked");
    fwp_client_free(client);
    fwp_error_clear(&err);
    sandbox_stop(&sandbox);
    return harness_finish("test_rate");
}
