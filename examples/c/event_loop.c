/* event_loop: many calls in flight from one thread, with poll(2), as any event loop would.
 *
 *   start every call (fwp_call_start) -> poll the queue's descriptor -> take what ended
 *
 * Looks up each recipient given on the command line (default: all five of the sandbox) COUNT
 * times at once, with no thread per call: the library sends them from the client's own I/O
 * thread and hands their ends to the queue. While they are in flight, the loop is free: it
 * ticks every 50 ms to show it. Reads FWPAY_BASE_URL and FWPAY_API_KEY (see README.md).
 * Build: cc event_loop.c -Iinclude -Lbuild/lib -lfwpay -ljansson
 *
 *   event_loop [COUNT [RECIPIENT...]]   (COUNT default 20) */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fwpay.h"

int main(int argc, char **argv) {
    const char *base_url = getenv("FWPAY_BASE_URL");
    const char *api_key = getenv("FWPAY_API_KEY");
    if (!api_key) {
        fprintf(stderr, "event_loop: set FWPAY_API_KEY (and FWPAY_BASE_URL for a sandbox)\n");
        return 2;
    }
    int count = argc > 1 ? atoi(argv[1]) : 20;
    const char *defaults[] = { "FWU", "ETM", "TKU", "BHU", "FLW" };
    const char *const *recipients = argc > 2 ? (const char *const *)&argv[2] : defaults;
    int kinds = argc > 2 ? argc - 2 : 5;
    if (count < 1) count = 1;

    fwp_client *client = NULL;
    fwp_queue *queue = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_client_new(base_url, api_key, &client, &err) != FWP_OK || fwp_queue_new(&queue, &err) != FWP_OK) {
        fprintf(stderr, "event_loop: %s\n", err.message);
        return 1;
    }

    /* Start everything; the tag says which call a completion is (here: its index). */
    int started = 0;
    for (int i = 0; i < count * kinds; i++) {
        char args[128];
        int length = snprintf(args, sizeof args, "{\"recipient_id\": \"%s\"}", recipients[i % kinds]);
        if (fwp_call_start(client, "recipient_get", args, (size_t)length, queue, (uint64_t)i, NULL, &err) == FWP_OK)
            started++;
        else
            fprintf(stderr, "event_loop: call %d refused: %s\n", i, err.message);
    }
    printf("started %d calls\n", started);

    /* The loop: the descriptor becomes readable when calls end; take every one that did. */
    struct pollfd watched = { .fd = fwp_queue_fd(queue), .events = POLLIN, .revents = 0 };
    fwp_completion done = FWP_COMPLETION_INIT;
    int ended = 0, failed = 0, ticks = 0;
    while (ended < started) {
        int ready = poll(&watched, 1, 50);
        if (ready == 0) {
            ticks++;  /* nothing ended within 50 ms: the loop does its other work */
            continue;
        }
        while (fwp_queue_take(queue, &done) == 1) {
            ended++;
            if (done.code == FWP_OK) {
                json_t *recipient = json_loads(done.answer, 0, NULL);
                if (done.tag < (uint64_t)kinds)  /* the first of each kind */
                    printf("%s: %s (request %s)\n", json_string_value(json_object_get(recipient, "id")),
                           json_string_value(json_object_get(recipient, "name")), done.error.request_id);
                json_decref(recipient);
            } else {
                failed++;
                fprintf(stderr, "event_loop: call %llu failed: %s (%s)\n", (unsigned long long)done.tag,
                        done.error.message, fwp_strerror(done.code));
            }
        }
    }
    printf("%d calls ended (%d failed); the loop ticked %d times meanwhile\n", ended, failed, ticks);
    fwp_completion_clear(&done);
    fwp_queue_free(queue);
    fwp_client_free(client);
    return failed == 0 ? 0 : 1;
}
