/* Client and iterator handles (security-findings-3.md N1, N2): a client freed while six threads
 * call it, a client freed twice, and a handle that was never a client give errors, never a
 * crash; the calls in flight when it was freed finish with their answers. The same for an
 * iterator: freed, freed twice, made up, freed while a page is on its way, or read by a second
 * thread at once. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

#define THREADS 6

static fwp_client *shared;
static int answered[THREADS], refused[THREADS], other[THREADS];

static fwp_iter *walked;
static int walked_rc;
static char *walked_item;

/* One fwp_iter_next_json on `walked`, from a thread of its own. */
static void *walk(void *argument) {
    (void)argument;
    fwp_error err = FWP_ERROR_INIT;
    walked_rc = fwp_iter_next_json(walked, &walked_item, &err);
    fwp_error_clear(&err);
    return NULL;
}

static void pause_ms(long ms) {
    struct timespec pause = { ms / 1000, (ms % 1000) * 1000 * 1000 };
    nanosleep(&pause, NULL);
}

/* Iterators are handles too. */
static void iterators(const struct sandbox *sandbox) {
    fwp_client *client = sandbox_client(sandbox, NULL), *root = sandbox_root_client(sandbox);
    fwp_error err = FWP_ERROR_INIT;
    char *item = NULL;
    fwp_iter *iter = NULL;
    CHECK(fwp_iter_new_json(client, "recipient_list", "{\"per_page\":1}", 14, &iter, &err) == FWP_OK, "iterator: %s", err.message);
    CHECK(fwp_iter_next_json(iter, &item, &err) == FWP_OK && item, "the first item");
    fwp_free(item);
    item = NULL;
    fwp_iter_free(iter);
    CHECK(fwp_iter_next_json(iter, &item, &err) == FWP_E_INVALID_ARGUMENT && strstr(err.message, "was freed") && !item,
          "a freed iterator is refused: %s", err.message);
    fwp_error_clear(&err);
    fwp_iter_free(iter);  /* a second free is a no-op */
    fwp_iter *made_up = (fwp_iter *)(uintptr_t)0x7f0000004560u;
    json_t *value = NULL;
    CHECK(fwp_iter_next(made_up, &value, &err) == FWP_E_INVALID_ARGUMENT && !value, "a made-up iterator is refused");
    fwp_error_clear(&err);
    fwp_iter_free(made_up);
    CHECK(fwp_iter_next_json((fwp_iter *)client, &item, &err) == FWP_E_INVALID_ARGUMENT, "a client is not an iterator");
    fwp_error_clear(&err);

    /* A page that takes 800 ms: a second thread reading the same iterator meanwhile is refused,
     * and freeing it meanwhile lets the page arrive to the first. */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"latency\", \"latency_ms\": 800, \"count\": 1}") == FWP_OK,
          "latency fault");
    CHECK(fwp_iter_new_json(client, "recipient_list", NULL, 0, &walked, &err) == FWP_OK, "iterator: %s", err.message);
    pthread_t first;
    pthread_create(&first, NULL, walk, NULL);
    pause_ms(200);
    CHECK(fwp_iter_next_json(walked, &item, &err) == FWP_E_INVALID_ARGUMENT && strstr(err.message, "another thread") && !item,
          "a second reader is refused: %s", err.message);
    fwp_error_clear(&err);
    fwp_iter_free(walked);  /* while the first thread waits for its page */
    pthread_join(first, NULL);
    CHECK(walked_rc == FWP_OK && walked_item && walked_item[0] == '{', "the page in flight arrived (%d)", walked_rc);
    fwp_free(walked_item);
    CHECK(fwp_iter_next_json(walked, &item, &err) == FWP_E_INVALID_ARGUMENT, "then the iterator is gone");
    fwp_error_clear(&err);
    fwp_client_free(client);
    fwp_client_free(root);
}

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

    iterators(&sandbox);

    sandbox_stop(&sandbox);
    return harness_finish("test_handles");
}
