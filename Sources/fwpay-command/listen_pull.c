/* fwpay listen --pull: a fwpay-sandbox client's notifications with no inbound port, in the
 * manner of `stripe listen`. It long-polls the sandbox's control API (GET
 * /sandbox/notifications/poll, SANDBOX-ONLY) through fwp_request; each notification comes with
 * the exact body and X-Flywire-Digest the sandbox signed, is verified when the shared secret is
 * known, printed as a JSON line (the shape of `notifications parse`), and forwarded if asked. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* Seconds the sandbox holds each poll open when nothing comes (its maximum is 25). */
#define POLL_WAIT_SECONDS 25
/* A poll's own timeout: the wait and room for the answer. */
#define POLL_TIMEOUT_MS ((POLL_WAIT_SECONDS + 15) * 1000L)

/* One notification of a poll's answer: checked, then passed on as a pushed one is (the
 * sandbox already kept only the --events asked for); 1 when it was printed. */
static int take(struct cli *cli, json_t *entry, const char *secret, const char *target) {
    const char *body = json_string_value(json_object_get(entry, "body"));
    const char *digest = json_string_value(json_object_get(entry, "digest"));
    if (!body || !digest) {
        fprintf(stderr, "fwpay listen: a notification without its body or digest was skipped\n");
        return 0;
    }
    size_t length = strlen(body);
    fwp_error err = FWP_ERROR_INIT;
    json_t *event = NULL;
    if (check_notification(body, length, digest, secret, &event, &err) != FWP_OK) {
        fprintf(stderr, "fwpay listen: refused notification %lld: %s\n",
                (long long)json_integer_value(json_object_get(entry, "id")), err.message);
        fwp_error_clear(&err);
        return 0;
    }
    return pass_on_notification(cli, event, NULL, target, body, length, digest);
}

int listen_pull(struct cli *cli, const char *secret, const char *target, const char *events, long count) {
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = sandbox_client(cli, &client, &err);
    if (rc == 1)
        return usage_error("listen", listen_actions, "--pull takes the notifications from a fwpay-sandbox: set "
                           "FWPAY_API_KEY and FWPAY_BASE_URL (or a profile) to a sandbox's");
    if (rc != FWP_OK) return print_result(cli, rc, NULL, &err);
    fprintf(stderr, "fwpay listen: pulling this client's notifications from the sandbox (no inbound port)%s\n",
            secret ? "" : "; their digests are not verified: no shared secret given");
    fflush(stderr);
    fwp_call_options options = FWP_CALL_OPTIONS_INIT;
    options.timeout_ms = POLL_TIMEOUT_MS;
    long long after = -1; /* the first poll starts after the newest notification there is */
    long received = 0;
    int failures = 0;
    while (count < 0 || received < count) {
        char path[512];
        int size = snprintf(path, sizeof path, "/sandbox/notifications/poll?wait=%d", POLL_WAIT_SECONDS);
        if (after >= 0) size += snprintf(path + size, sizeof path - (size_t)size, "&after=%lld", after);
        if (events) snprintf(path + size, sizeof path - (size_t)size, "&events=%s", events);
        json_t *answer = NULL;
        rc = fwp_request(client, "GET", path, NULL, &options, &answer, &err);
        if (rc != FWP_OK) {
            /* A key or a URL the sandbox refuses does not mend itself; a sandbox restarting does. */
            int lasting = err.http_status == 401 || err.http_status == 403 || err.http_status == 404 ||
                          err.http_status == 422 || rc == FWP_E_INVALID_ARGUMENT;
            if (lasting || ++failures > 30) {
                fwp_client_free(client);
                return print_result(cli, rc, NULL, &err);
            }
            fprintf(stderr, "fwpay listen: %s; polling again in 1 s\n", err.message);
            fwp_error_clear(&err);
            nanosleep(&(struct timespec){ 1, 0 }, NULL);
            continue;
        }
        failures = 0;
        json_t *notifications = json_object_get(answer, "notifications");
        size_t index;
        json_t *entry;
        json_array_foreach(notifications, index, entry) {
            if (count >= 0 && received >= count) break;
            received += take(cli, entry, secret, target);
            after = json_integer_value(json_object_get(entry, "id"));
        }
        if (json_array_size(notifications) == 0 && json_is_integer(json_object_get(answer, "after")))
            after = json_integer_value(json_object_get(answer, "after"));
        json_decref(answer);
    }
    fwp_client_free(client);
    return 0;
}
