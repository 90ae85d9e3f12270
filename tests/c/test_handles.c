/* Client handles (security-findings-3.md N1, N2): a client freed while six threads call it, a
 * client freed twice, and a handle that was never a client give errors, never a crash; the
 * calls in flight when it was freed finish with their answers. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define THREADS 6

static fwp_client *shared;
static int answered[THREADS], refused[THREADS], other[THREADS];

static void *work(void *argument) {
    long index = (long)argument;
    for (int i = 0; i < 400; i++) {
        json_t *out = NULL;
        fwp_error err = FWP_ERROR_INIT;
        int rc = fwp_recipient_get(shared, "FWU", NULL, &out, &err);
        if (rc == FWP_OK) answered[index]++;
        else if (rc == FWP_E_INVALID_ARGUMENT && strstr(err.message, "freed")) refused[index]++;
        else other[index]++;
        json_decref(out);
        fwp_error_clear(&err);
        if (refused[index] >= 3) break;
    }
    return NULL;
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    CHECK(fwp_global_init() == FWP_OK, "global init before threads");
    shared = sandbox_client(&sandbox, NULL);

    pthread_t threads[THREADS];
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, work, (void *)t);
    for (int wait = 0; wait < 2000 && answered[0] + answered[THREADS - 1] < 20; wait++) {
        struct timespec pause = { 0, 5 * 1000 * 1000 };
        nanosleep(&pause, NULL);
    }
    fwp_client_free(shared);   /* while the threads call */
    int total_answered = 0, total_refused = 0, total_other = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        total_answered += answered[t];
        total_refused += refused[t];
        total_other += other[t];
    }
    CHECK(total_answered >= 20, "calls were answered before the free (%d)", total_answered);
    CHECK(total_refused == 3 * THREADS, "every thread's later calls are refused (%d of %d)", total_refused, 3 * THREADS);
    CHECK(total_other == 0, "no call failed otherwise (%d)", total_other);

    fwp_client_free(shared);   /* a second free is a no-op */
    json_t *out = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_recipient_get(shared, "FWU", NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "a freed client is refused");
    fwp_error_clear(&err);
    fwp_client *made_up = (fwp_client *)(uintptr_t)0x7f0000001230u;
    char *text = NULL;
    CHECK(fwp_call(made_up, "recipient_get", "{\"recipient_id\":\"FWU\"}", 22, &text, &err)
          == FWP_E_INVALID_ARGUMENT, "a handle that was never a client is refused");
    fwp_error_clear(&err);
    fwp_client_free(made_up);  /* not a client: nothing happens */

    sandbox_stop(&sandbox);
    return harness_finish("test_handles");
}
