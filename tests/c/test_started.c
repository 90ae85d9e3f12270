/* Calls without a thread each: fwp_call_start, a completion queue watched with poll(2),
 * fwp_queue_take; hundreds in flight from one thread, errors, retries, an operation of several
 * requests, money moved once, cancellation (a GET is cancelled, a sent POST is outcome-unknown),
 * and bad handles refused. */
#include <dirent.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#define MANY 300
#define HALVED 1000

/* Threads of this process (/proc/self/task) whose name starts with `prefix` ("" for all;
 * sanitizers start threads of their own, so the library's are counted by name). */
static int threads(const char *prefix) {
    DIR *tasks = opendir("/proc/self/task");
    int count = 0;
    if (!tasks) return -1;
    for (struct dirent *entry; (entry = readdir(tasks)) != NULL;) {
        if (entry->d_name[0] == '.') continue;
        char path[300], name[32] = "";
        snprintf(path, sizeof path, "/proc/self/task/%s/comm", entry->d_name);
        FILE *comm = fopen(path, "r");
        if (comm) {
            if (!fgets(name, sizeof name, comm)) name[0] = '\0';
            fclose(comm);
        }
        if (strncmp(name, prefix, strlen(prefix)) == 0) count++;
    }
    closedir(tasks);
    return count;
}

/* Waits on the queue's descriptor, as an event loop would, and takes up to `wanted`
 * completions into `done` (indexed by tag); returns how many came within 20 s. */
static int take_all(fwp_queue *queue, fwp_completion *done, int wanted) {
    struct pollfd watched = { .fd = fwp_queue_fd(queue), .events = POLLIN, .revents = 0 };
    int taken = 0;
    fwp_completion one = FWP_COMPLETION_INIT;
    while (taken < wanted && poll(&watched, 1, 20000) > 0) {
        while (fwp_queue_take(queue, &one) == 1) {
            fwp_completion *slot = &done[one.tag];
            fwp_completion_clear(slot);
            *slot = one;  /* the slot now owns the answer and the error */
            one = (fwp_completion)FWP_COMPLETION_INIT;
            taken++;
        }
    }
    fwp_completion_clear(&one);
    return taken;
}

static void clear_all(fwp_completion *done, int count) {
    for (int i = 0; i < count; i++) fwp_completion_clear(&done[i]);
}

static int start(fwp_client *client, fwp_queue *queue, const char *operation, const char *args, uint64_t tag,
                 uint64_t *call) {
    fwp_error err = FWP_ERROR_INIT;
    int code = fwp_call_start(client, operation, args, strlen(args), queue, tag, call, &err);
    CHECK(code == FWP_OK, "%s: %s", operation, ERR(err));
    fwp_error_clear(&err);
    return code;
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    fwp_client *client = sandbox_client(&sandbox, NULL);
    fwp_client *root = sandbox_root_client(&sandbox);
    fwp_queue *queue = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_queue_new(&queue, &err) == FWP_OK && queue, "fwp_queue_new: %s", ERR(err));
    CHECK(fwp_queue_fd(queue) >= 0, "the queue has a descriptor");
    static fwp_completion done[HALVED];
    for (int i = 0; i < HALVED; i++) done[i] = (fwp_completion)FWP_COMPLETION_INIT;

    /* Hundreds in flight from this one thread; the client adds one thread, its I/O thread. */
    int before = threads("fwpay");
    for (int i = 0; i < MANY; i++) start(client, queue, "recipient_get", "{\"recipient_id\": \"FWU\"}", (uint64_t)i, NULL);
    CHECK(take_all(queue, done, MANY) == MANY, "every started call completes");
    int ok = 0;
    for (int i = 0; i < MANY; i++)
        if (done[i].code == FWP_OK && done[i].answer && strstr(done[i].answer, "\"FWU\"") && done[i].error.http_status == 200)
            ok++;
    CHECK(ok == MANY, "%d of %d answers are the recipient", ok, MANY);
    CHECK(before == 0 && threads("fwpay-io") == 1 && threads("fwpay") == 1, "one thread added, the client's I/O thread (%d before, %d after)",
          before, threads("fwpay"));
    CHECK(fwp_queue_take(queue, &done[0]) == 0, "nothing left to take");
    clear_all(done, MANY);

    /* Errors come as completions with their detail; bad arguments are refused at the start. */
    start(client, queue, "recipient_get", "{\"recipient_id\": \"NOPE\"}", 0, NULL);
    CHECK(take_all(queue, done, 1) == 1, "the 404 completes");
    CHECK(done[0].code == FWP_E_NOT_FOUND && done[0].error.http_status == 404 && done[0].answer == NULL,
          "a 404 is FWP_E_NOT_FOUND (%d, %d)", done[0].code, done[0].error.http_status);
    CHECK(done[0].error.request_id[0] != '\0', "with the request id");
    CHECK(fwp_call_start(client, "no_such_operation", "{}", 2, queue, 1, NULL, &err) == FWP_E_INVALID_ARGUMENT,
          "an unknown operation is refused at once");
    CHECK(fwp_call_start(client, "recipient_get", "{\"recipient_id\": \"\"}", 20, queue, 1, NULL, &err) == FWP_E_INVALID_ARGUMENT,
          "an empty id is refused at once: %s", ERR(err));
    CHECK(fwp_call_start(client, "recipient_get", "{}", 2, NULL, 1, NULL, &err) == FWP_E_INVALID_ARGUMENT, "a NULL queue");
    CHECK(fwp_call_start(NULL, "recipient_get", "{}", 2, queue, 1, NULL, &err) == FWP_E_INVALID_ARGUMENT, "a NULL client");
    CHECK(fwp_queue_wait(queue, 200) == 0, "a refused start completes nothing");
    fwp_error_clear(&err);

    /* An operation of several requests (a search walks the pages) and a retried 503. */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"error\", \"status\": 503, \"count\": 1}") == FWP_OK,
          "fault");
    start(client, queue, "recipient_search", "{\"name\": \"tokyo\"}", 0, NULL);
    CHECK(take_all(queue, done, 1) == 1, "the search completes");
    CHECK(done[0].code == FWP_OK && done[0].answer && strstr(done[0].answer, "\"TKU\"") && !strstr(done[0].answer, "\"FWU\""),
          "the search finds TKU alone after a retried 503: %s", done[0].answer ? done[0].answer : done[0].error.message);
    clear_all(done, 1);

    /* Money: an order charged through started calls, once; the key comes back. */
    json_t *offers = NULL;
    CHECK(fwp_offer_list(client, "FWU", 120000, "ES", NULL, &offers, &err) == FWP_OK, "%s", ERR(err));
    char order_args[1024];
    snprintf(order_args, sizeof order_args,
             "{\"body\": {\"payer\": {\"country\": \"ES\"}, \"recipient\": {\"id\": \"FWU\", \"fields\": [{\"id\": \"custom_field_1\", "
             "\"value\": \"T\"}]}, \"items\": [{\"id\": \"tuition\", \"amount\": 120000}], \"offer\": {\"id\": \"%s\"}}}",
             text_of(json_array_get(json_object_get(offers, "offers"), 0), "id"));
    json_decref(offers);
    start(client, queue, "order_create", order_args, 0, NULL);
    CHECK(take_all(queue, done, 1) == 1 && done[0].code == FWP_OK, "order created: %s", done[0].error.message);
    json_t *order = parse(done[0].answer ? done[0].answer : "{}");
    CHECK(done[0].error.idempotency_key[0] != '\0', "the POST carried a key");
    char charge_args[256];
    snprintf(charge_args, sizeof charge_args, "{\"order_id\": \"%s\"}", text_of(order, "id"));
    json_decref(order);
    clear_all(done, 1);
    start(client, queue, "order_charge", charge_args, 0, NULL);
    CHECK(take_all(queue, done, 1) == 1 && done[0].code == FWP_OK && strstr(done[0].answer, "payment_reference"),
          "charged: %s", done[0].error.message);
    clear_all(done, 1);
    start(client, queue, "order_charge", charge_args, 0, NULL);
    CHECK(take_all(queue, done, 1) == 1 && done[0].code != FWP_OK, "a second charge is refused by the server (%d)", done[0].code);
    clear_all(done, 1);

    /* Cancellation: 10 slow GETs, 5 cancelled: those end at once as cancelled, the rest answer. */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"latency\", \"latency_ms\": 1500, \"count\": 10}") == FWP_OK,
          "latency fault");
    uint64_t calls[10];
    for (int i = 0; i < 10; i++) start(client, queue, "recipient_get", "{\"recipient_id\": \"FWU\"}", (uint64_t)i, &calls[i]);
    for (int i = 0; i < 10; i += 2) CHECK(fwp_call_cancel(client, calls[i]) == FWP_OK, "cancel");
    CHECK(take_all(queue, done, 5) >= 5, "the cancelled calls complete");
    int cancelled = 0;
    for (int i = 0; i < 10; i += 2) cancelled += done[i].code == FWP_E_CANCELLED;
    CHECK(cancelled == 5, "the 5 cancelled GETs end as FWP_E_CANCELLED before the others (%d)", cancelled);
    CHECK(take_all(queue, done, 5) == 5, "the others complete too");
    int answered = 0;
    for (int i = 1; i < 10; i += 2) answered += done[i].code == FWP_OK;
    CHECK(answered == 5, "the 5 others are answered (%d)", answered);
    CHECK(fwp_call_cancel(client, calls[1]) == FWP_OK, "cancelling an ended call is ignored");
    CHECK(fwp_queue_wait(queue, 200) == 0, "and completes nothing more");
    clear_all(done, 10);

    /* Half of 1,000 calls in flight cancelled: every outcome comes (valgrind finds no leak). */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients/TKU\", \"kind\": \"latency\", \"latency_ms\": 2000, \"count\": 1000}") == FWP_OK,
          "latency fault for 1,000");
    static uint64_t many_calls[HALVED];
    for (int i = 0; i < HALVED; i++) start(client, queue, "recipient_get", "{\"recipient_id\": \"TKU\"}", (uint64_t)i, &many_calls[i]);
    for (int i = 0; i < HALVED; i += 2) fwp_call_cancel(client, many_calls[i]);
    CHECK(take_all(queue, done, HALVED) == HALVED, "all 1,000 complete");
    int halves[2] = { 0, 0 };
    for (int i = 0; i < HALVED; i++) {
        if (i % 2 == 0) halves[0] += done[i].code == FWP_E_CANCELLED || done[i].code == FWP_OK;
        else halves[1] += done[i].code == FWP_OK && done[i].answer && strstr(done[i].answer, "\"TKU\"") != NULL;
    }
    int cancelled_early = 0;
    for (int i = 0; i < HALVED; i += 2) cancelled_early += done[i].code == FWP_E_CANCELLED;
    CHECK(halves[0] == HALVED / 2 && halves[1] == HALVED / 2, "cancelled ones end cancelled (or answered), the others answered (%d, %d)",
          halves[0], halves[1]);
    CHECK(cancelled_early > HALVED / 4, "most cancellations took (%d of %d)", cancelled_early, HALVED / 2);
    clear_all(done, HALVED);

    /* A POST cancelled after it was sent may have moved money: outcome unknown, with its key. */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/orders\", \"kind\": \"latency\", \"latency_ms\": 1500, \"count\": 1}") == FWP_OK,
          "latency fault on orders");
    uint64_t post = 0;
    start(client, queue, "order_create", order_args, 0, &post);
    CHECK(fwp_queue_wait(queue, 500) == 0, "the POST is in flight");
    fwp_call_cancel(client, post);
    CHECK(take_all(queue, done, 1) == 1, "the cancelled POST completes");
    CHECK(done[0].code == FWP_E_OUTCOME_UNKNOWN && done[0].error.idempotency_key[0] != '\0',
          "a sent POST cancelled is outcome-unknown with its key (%d: %s)", done[0].code, done[0].error.message);
    clear_all(done, 1);

    /* An iterator walked by started steps: five recipients, two a page, then the end. */
    fwp_iter *iter = NULL;
    CHECK(fwp_iter_new_json(client, "recipient_list", "{\"per_page\": 2}", 15, &iter, &err) == FWP_OK, "iter: %s", ERR(err));
    char walked[64] = "";
    for (int step = 0; step < 6; step++) {
        CHECK(fwp_iter_next_start(iter, queue, 40 + (uint64_t)step, &err) == FWP_OK, "step %d: %s", step, ERR(err));
        if (step == 0)
            CHECK(fwp_iter_next_start(iter, queue, 99, &err) == FWP_E_INVALID_ARGUMENT, "a second step before the first ends is refused");
        CHECK(fwp_queue_wait(queue, 20000) == 1, "step %d completes", step);
        CHECK(fwp_queue_take(queue, &done[0]) == 1 && done[0].tag == 40 + (uint64_t)step && done[0].code == FWP_OK, "step %d: %d %s",
              step, done[0].code, done[0].error.message);
        json_t *item = json_loads(done[0].answer ? done[0].answer : "0", JSON_DECODE_ANY, NULL);
        if (json_is_object(item)) snprintf(walked + strlen(walked), sizeof walked - strlen(walked), "%s ", text_of(item, "id"));
        else CHECK(step == 5 && json_is_null(item), "the end is null, after five items (step %d)", step);
        json_decref(item);
        fwp_completion_clear(&done[0]);
    }
    CHECK(strcmp(walked, "BHU ETM FLW FWU TKU ") == 0, "walked %s", walked);
    CHECK(fwp_iter_next_start(NULL, queue, 1, &err) == FWP_E_INVALID_ARGUMENT && fwp_iter_next_start(iter, NULL, 1, &err) == FWP_E_INVALID_ARGUMENT,
          "NULL iterator or queue refused");
    fwp_iter_free(iter);
    fwp_error_clear(&err);

    /* The text form for FFIs. */
    start(client, queue, "recipient_get", "{\"recipient_id\": \"ETM\"}", 7, NULL);
    CHECK(fwp_queue_wait(queue, 20000) == 1, "a completion waits");
    uint64_t tag = 0;
    int code = -100;
    char *answer = NULL;
    CHECK(fwp_queue_take_text(queue, &tag, &code, &answer, &err) == 1 && tag == 7 && code == FWP_OK && answer &&
              strstr(answer, "\"ETM\"") && err.http_status == 200,
          "fwp_queue_take_text gives the tag, the code and the answer");
    fwp_free(answer);
    CHECK(fwp_queue_take_text(queue, &tag, &code, &answer, &err) == 0 && answer == NULL, "then nothing");
    CHECK(fwp_queue_take_text(queue, NULL, &code, &answer, &err) == FWP_E_INVALID_ARGUMENT, "NULL out_tag");
    fwp_error_clear(&err);

    /* Freed while calls are in flight: no crash; the client's calls end on their own. */
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"latency\", \"latency_ms\": 300, \"count\": 3}") == FWP_OK,
          "latency");
    fwp_queue *second = NULL;
    CHECK(fwp_queue_new(&second, NULL) == FWP_OK, "a second queue");
    for (int i = 0; i < 3; i++) start(client, second, "recipient_get", "{\"recipient_id\": \"FWU\"}", (uint64_t)i, NULL);
    fwp_queue_free(second);
    fwp_queue_free(second);
    CHECK(fwp_queue_fd(second) == -1, "a freed queue has no descriptor");
    CHECK(fwp_queue_take(second, &done[0]) == FWP_E_INVALID_ARGUMENT, "a freed queue is refused");
    CHECK(fwp_queue_take(NULL, &done[0]) == FWP_E_INVALID_ARGUMENT && fwp_queue_wait(NULL, 0) == FWP_E_INVALID_ARGUMENT,
          "a NULL queue is refused");
    start(client, queue, "recipient_get", "{\"recipient_id\": \"FWU\"}", 0, NULL);
    fwp_client_free(client);
    CHECK(take_all(queue, done, 1) == 1 && done[0].code == FWP_OK, "a call of a freed client still completes (%d)", done[0].code);
    clear_all(done, 1);

    fwp_queue_free(queue);
    fwp_client_free(root);
    sandbox_stop(&sandbox);
    return harness_finish("test_started");
}
