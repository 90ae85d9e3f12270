/* One client shared by several threads: each creates and charges its own orders, all at
 * once; every charge succeeds once and every payment reference is distinct. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define THREADS 8
#define ORDERS_PER_THREAD 5

static fwp_client *shared;
static const char *offer_id;
static char references[THREADS * ORDERS_PER_THREAD][32];

static void *work(void *argument) {
    long index = (long)argument, failures = 0;
    for (int i = 0; i < ORDERS_PER_THREAD; i++) {
        json_t *body = json_pack("{s:{s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:s, s:i}], s:{s:s}}",
                                 "payer", "country", "ES", "recipient", "id", "FWU", "fields", "id", "custom_field_1",
                                 "value", "T", "items", "id", "tuition", "amount", 120000, "offer", "id", offer_id);
        json_t *order = NULL, *payment = NULL;
        fwp_error err = FWP_ERROR_INIT;
        if (fwp_order_create(shared, body, NULL, &order, &err) != FWP_OK ||
            fwp_order_charge(shared, json_string_value(json_object_get(order, "id")), NULL, NULL, &payment, &err) != FWP_OK) {
            fprintf(stderr, "thread %ld: %s\n", index, err.message);
            failures++;
        } else {
            snprintf(references[index * ORDERS_PER_THREAD + i], 32, "%s", text_of(payment, "payment_reference"));
        }
        json_decref(payment);
        json_decref(order);
        json_decref(body);
        fwp_error_clear(&err);
    }
    return (void *)failures;
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    CHECK(fwp_global_init() == FWP_OK, "global init before threads");
    shared = sandbox_client(&sandbox, NULL);
    json_t *offers = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_offer_list(shared, "FWU", 120000, "ES", NULL, &offers, &err) == FWP_OK, "%s", ERR(err));
    offer_id = text_of(json_array_get(json_object_get(offers, "offers"), 0), "id");

    pthread_t threads[THREADS];
    for (long t = 0; t < THREADS; t++) pthread_create(&threads[t], NULL, work, (void *)t);
    long failures = 0;
    for (int t = 0; t < THREADS; t++) {
        void *result = NULL;
        pthread_join(threads[t], &result);
        failures += (long)result;
    }
    CHECK(failures == 0, "%ld calls failed", failures);
    int duplicates = 0;
    for (int a = 0; a < THREADS * ORDERS_PER_THREAD; a++)
        for (int b = a + 1; b < THREADS * ORDERS_PER_THREAD; b++)
            if (references[a][0] && strcmp(references[a], references[b]) == 0) duplicates++;
    CHECK(duplicates == 0, "%d duplicate payment references", duplicates);
    CHECK(references[THREADS * ORDERS_PER_THREAD - 1][0] != 0, "the last thread's payments exist");

    json_decref(offers);
    fwp_client_free(shared);
    sandbox_stop(&sandbox);
    return harness_finish("test_threads");
}
