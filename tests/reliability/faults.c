/* Fault-injection run (make reliability; a shorter one in make test): money-moving calls
 * through the C library (token charges, order charges, session confirms, captures, refunds)
 * while the sandbox drops connections before and after commit, answers 503 or 429, or stalls
 * past the call's timeout. Half the calls go to a sandbox that ignores Idempotency-Key (as
 * Flywire may), half to one that honours it. Afterwards the server's own records are read:
 *   duplicates: a logical call (one external_reference) that took effect twice  -> must be 0
 *   lost:       a call acknowledged with FWP_OK whose effect is not on the server  -> must be 0
 * and the rest is counted: faults, ambiguous outcomes (and whether they happened), retries.
 *
 * With --started, each sandbox's calls are made all at once, from this one thread, through
 * fwp_call_start and a completion queue watched with poll(2) (the library's I/O thread sends
 * them side by side), under the same faults; the same two counts must be 0.
 *
 *   faults [CALLS] [--started]   (default 1000; prints one summary line per sandbox and a total) */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../c/harness.h"

enum { OP_TOKEN, OP_ORDER, OP_CONFIRM, OP_CAPTURE, OP_REFUND, OPS };
static const char *op_names[OPS] = { "token charge", "order charge", "confirm", "capture", "refund" };
enum { F_NONE, F_DROP_BEFORE, F_DROP_AFTER, F_ERROR, F_RATE_LIMIT, F_LATENCY, FAULTS };

struct totals {
    long calls, faults[FAULTS], ok, ambiguous, ambiguous_happened, refused, duplicates, lost, retries;
};

static long retries;
static void count_retries(int level, const char *line, void *userdata) {
    (void)level;
    (void)userdata;
    if (strncmp(line, "retry ", 6) == 0) retries++;
}

struct record {
    int op;
    char reference[64];   /* external_reference of the logical call */
    char result[64];      /* payment or refund id when acknowledged */
    char payment[32];     /* the payment a capture or refund acted on */
    int code;
    /* With --started: the operation and arguments of the text interface, started later. */
    const char *operation;
    char *args;
};

static int started_mode;

static fwp_client *client, *root;

/* The result of a setup call that must succeed. `out` is read after the call (an argument
 * `out` by value could be read before the call fills it). */
static json_t *must(int rc, json_t **out, fwp_error *err, const char *what) {
    if (rc != FWP_OK) { fprintf(stderr, "setup %s: %s\n", what, err->message); exit(2); }
    return *out;
}

/* Setup steps never get a fault: they prepare what the measured call acts on. */
static json_t *open_session(const char *reference, const char *capture) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL, *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}, s:{s:[{s:s, s:s}]}, s:[{s:s, s:i}], s:s}",
        "type", "tokenization_and_pay", "recipient_id", "FWU", "schema", "cards",
        "charge_intent", "capture", capture, "authorization", "preauth", "mode", "unscheduled",
        "recipient", "fields", "id", "custom_field_1", "value", "X", "items", "id", "default", "amount", 20000,
        "external_reference", reference);
    json_t *session = must(fwp_session_create(client, body, NULL, &out, &err), &out, &err, "session");
    json_decref(body);
    json_t *message = sandbox_pay_form(root, text_of(json_object_get(session, "hosted_form"), "url"), "US", "Peter Payer");
    if (!message) { fprintf(stderr, "setup: the payer's form failed\n"); exit(2); }
    json_decref(message);
    fwp_error_clear(&err);
    return session;
}

static void new_order(const char *reference, const char *first_name, const char *offer, char id[64]) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *out = NULL, *body = json_pack("{s:{s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:i}], s:{s:s}, s:s}",
        "payer", "first_name", first_name, "country", "ES", "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "X",
        "items", "amount", 100000, "offer", "id", offer, "external_reference", reference);
    json_t *order = must(fwp_order_create(client, body, NULL, &out, &err), &out, &err, "order");
    snprintf(id, 64, "%s", text_of(order, "id"));
    json_decref(order);
    json_decref(body);
}

static void inject(int fault, const char *path) {
    char body[512];
    switch (fault) {
    case F_NONE: return;
    case F_DROP_BEFORE: snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"drop_before\"}", path); break;
    case F_DROP_AFTER: snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"drop_after\"}", path); break;
    case F_ERROR: snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"error\", \"status\": 503}", path); break;
    case F_RATE_LIMIT: snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"rate_limit\"}", path); break;
    default: snprintf(body, sizeof body, "{\"path\": \"%s\", \"kind\": \"latency\", \"latency_ms\": 700}", path); break;
    }
    if (sandbox_control(root, "faults", body) != FWP_OK) { fprintf(stderr, "setup: the fault was refused\n"); exit(2); }
}

/* Every item of a list, as one array. */
static json_t *everything(const char *list) {
    fwp_iter *iter = NULL;
    fwp_error err = FWP_ERROR_INIT;
    json_t *items = json_array(), *item = NULL;
    if (fwp_iter_new(client, list, NULL, 100, NULL, &iter, &err) != FWP_OK) { fprintf(stderr, "list: %s\n", err.message); exit(2); }
    while (fwp_iter_next(iter, &item, &err) == FWP_OK && item) json_array_append_new(items, item);
    fwp_iter_free(iter);
    fwp_error_clear(&err);
    return items;
}

static int count_with(json_t *items, const char *field, const char *value, const char *skip_status) {
    int count = 0;
    size_t index;
    json_t *item;
    json_array_foreach(items, index, item) {
        if (strcmp(text_of(item, field), value) == 0 && (!skip_status || strcmp(text_of(item, "status"), skip_status) != 0)) count++;
    }
    return count;
}

/* --started: every prepared call at once, from this thread; their ends taken as the queue's
 * descriptor becomes readable. The result's id is read from the answer as the blocking calls do. */
static void start_all(struct record *records, long calls) {
    fwp_queue *queue = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_queue_new(&queue, &err) != FWP_OK) { fprintf(stderr, "queue: %s\n", err.message); exit(2); }
    long waiting = 0;
    for (long i = 0; i < calls; i++) {
        struct record *r = &records[i];
        r->code = fwp_call_start(client, r->operation, r->args, strlen(r->args), queue, (uint64_t)i, NULL, &err);
        if (r->code == FWP_OK) waiting++;
    }
    struct pollfd watched = { .fd = fwp_queue_fd(queue), .events = POLLIN, .revents = 0 };
    fwp_completion done = FWP_COMPLETION_INIT;
    while (waiting > 0 && poll(&watched, 1, 60000) > 0) {
        while (fwp_queue_take(queue, &done) == 1) {
            struct record *r = &records[done.tag];
            r->code = done.code;
            json_t *answer = done.answer ? parse(done.answer) : NULL;
            const char *id = r->op == OP_CAPTURE ? r->payment
                : text_of(answer, r->op == OP_REFUND ? "refund_id" : "payment_reference");
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", id);
            json_decref(answer);
            waiting--;
        }
    }
    if (waiting > 0) { fprintf(stderr, "started: %ld calls never completed\n", waiting); exit(2); }
    fwp_completion_clear(&done);
    fwp_queue_free(queue);
    fwp_error_clear(&err);
    for (long i = 0; i < calls; i++) free(records[i].args);
}

static void run_phase(const char *flag, long calls, const char *label, struct totals *all) {
    struct sandbox sandbox;
    const char *flags[] = { flag, NULL };
    if (sandbox_start_with(&sandbox, flag ? flags : NULL) != 0) exit(2);
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = sandbox.base_url;
    options.api_key = "sandbox-demo-key";
    options.log_callback = count_retries;
    options.log_level = FWP_LOG_INFO;
    options.timeout_ms = 400;  /* the latency fault (700 ms) outlasts it */
    options.server_deduplicates = flag == NULL;  /* the truth about this server */
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_client_new_with_options(&options, &client, &err) != FWP_OK) { fprintf(stderr, "client: %s\n", err.message); exit(2); }
    root = sandbox_root_client(&sandbox);
    retries = 0;

    /* What the token charges use: one saved card. */
    json_t *out = NULL, *card_session = open_session("card", "automatic");
    json_t *card = must(fwp_session_confirm(client, text_of(card_session, "id"), NULL, &out, &err), &out, &err, "card");
    json_t *offers = must(fwp_offer_list(client, "FWU", 100000, "ES", NULL, &out, &err), &out, &err, "offers");
    const char *offer = text_of(json_array_get(json_object_get(offers, "offers"), 0), "id");

    struct totals phase;
    memset(&phase, 0, sizeof phase);
    struct record *records = calloc((size_t)calls, sizeof *records);
    for (long i = 0; i < calls; i++) {
        struct record *r = &records[i];
        r->op = (int)(i % OPS);
        int fault = (int)((i / OPS) % FAULTS);
        snprintf(r->reference, sizeof r->reference, "rel-%s-%ld", label, i);
        char path[256], id[64];
        json_t *body = NULL, *result = NULL, *session = NULL;
        fwp_call_options call = FWP_CALL_OPTIONS_INIT;
        switch (r->op) {
        case OP_TOKEN:
            body = json_pack("{s:s, s:s, s:{s:s}, s:{s:s}, s:[{s:i}], s:s}", "payment_method_token",
                             text_of(json_object_get(card, "payment_method"), "token"), "mandate_id",
                             text_of(json_object_get(card, "mandate"), "id"), "charge_intent", "mode", "unscheduled",
                             "recipient", "id", "FWU", "items", "amount", 10000, "external_reference", r->reference);
            inject(fault, "/payments/charge");
            if (started_mode) {
                json_t *args = json_pack("{s:O}", "body", body);
                r->operation = "payment_charge";
                r->args = json_dumps(args, JSON_COMPACT);
                json_decref(args);
                break;
            }
            r->code = fwp_payment_charge(client, body, &call, &result, &err);
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", text_of(result, "payment_reference"));
            break;
        case OP_ORDER:
            new_order(r->reference, "Peter", offer, id);
            snprintf(path, sizeof path, "/orders/%s/charge", id);
            inject(fault, path);
            if (started_mode) {
                json_t *args = json_pack("{s:s}", "order_id", id);
                r->operation = "order_charge";
                r->args = json_dumps(args, JSON_COMPACT);
                json_decref(args);
                break;
            }
            r->code = fwp_order_charge(client, id, NULL, &call, &result, &err);
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", text_of(result, "payment_reference"));
            break;
        case OP_CONFIRM:
            session = open_session(r->reference, "automatic");
            snprintf(path, sizeof path, "/checkout/sessions/%s/confirm", text_of(session, "id"));
            inject(fault, path);
            if (started_mode) {
                json_t *args = json_pack("{s:s}", "session", text_of(session, "id"));
                r->operation = "session_confirm";
                r->args = json_dumps(args, JSON_COMPACT);
                json_decref(args);
                break;
            }
            r->code = fwp_session_confirm(client, text_of(session, "id"), &call, &result, &err);
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", text_of(result, "payment_reference"));
            break;
        case OP_CAPTURE:
            session = open_session(r->reference, "manual");
            out = NULL;
            json_t *held = must(fwp_session_confirm(client, text_of(session, "id"), NULL, &out, &err), &out, &err, "hold");
            snprintf(r->payment, sizeof r->payment, "%s", text_of(held, "payment_reference"));
            json_decref(held);
            snprintf(path, sizeof path, "/payments/%s/captures", r->payment);
            inject(fault, path);
            if (started_mode) {
                json_t *args = json_pack("{s:s, s:i}", "payment_reference", r->payment, "amount", 15000);
                r->operation = "payment_capture";
                r->args = json_dumps(args, JSON_COMPACT);
                json_decref(args);
                break;
            }
            r->code = fwp_payment_capture(client, r->payment, 15000, &call, &result, &err);
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", r->payment);
            break;
        default: {
            new_order(r->reference, "SANDBOX_TO_DELIVERED_STATUS", offer, id);
            out = NULL;
            json_t *paid = must(fwp_order_charge(client, id, NULL, NULL, &out, &err), &out, &err, "paid");
            snprintf(r->payment, sizeof r->payment, "%s", text_of(paid, "payment_reference"));
            json_decref(paid);
            body = json_pack("{s:i, s:s}", "amount", 5000, "external_reference", r->reference);
            snprintf(path, sizeof path, "/payments/%s/refunds", r->payment);
            inject(fault, path);
            if (started_mode) {
                json_t *args = json_pack("{s:s, s:O}", "payment_reference", r->payment, "body", body);
                r->operation = "refund_create";
                r->args = json_dumps(args, JSON_COMPACT);
                json_decref(args);
                break;
            }
            r->code = fwp_refund_create(client, r->payment, body, &call, &result, &err);
            if (r->code == FWP_OK) snprintf(r->result, sizeof r->result, "%s", text_of(result, "refund_id"));
        }
        }
        phase.calls++;
        if (fault != F_NONE) phase.faults[fault]++;
        json_decref(body);
        json_decref(result);
        json_decref(session);
    }
    if (started_mode) start_all(records, calls);
    for (long i = 0; i < calls; i++) {
        if (records[i].code == FWP_OK) phase.ok++;
        else if (records[i].code == FWP_E_OUTCOME_UNKNOWN) phase.ambiguous++;
        else phase.refused++;
    }

    /* Stalled requests commit late: let them land, then read the server's records. */
    struct timespec settle = { 1, 500000000L };
    nanosleep(&settle, NULL);
    json_t *payments = everything("payments"), *refunds = everything("refunds");
    for (long i = 0; i < calls; i++) {
        struct record *r = &records[i];
        int effects;
        if (r->op == OP_REFUND) {
            effects = count_with(refunds, "external_reference", r->reference, "cancelled");
        } else if (r->op == OP_CAPTURE) {
            /* A capture's effect: the held payment was captured (guaranteed), exactly once by rule. */
            effects = 0;
            size_t index;
            json_t *p;
            json_array_foreach(payments, index, p)
                if (strcmp(text_of(p, "payment_id"), r->payment) == 0 &&
                    json_integer_value(json_object_get(json_object_get(p, "charge_intent"), "captured_amount")) > 0) effects++;
        } else {
            effects = count_with(payments, "external_reference", r->reference, NULL);
        }
        if (effects > 1) { phase.duplicates++; fprintf(stderr, "DUPLICATE: %s %s (%d effects)\n", op_names[r->op], r->reference, effects); }
        if (r->code == FWP_OK && effects == 0) { phase.lost++; fprintf(stderr, "LOST: %s %s\n", op_names[r->op], r->reference); }
        if (r->code == FWP_E_OUTCOME_UNKNOWN && effects > 0) phase.ambiguous_happened++;
    }
    phase.retries = retries;
    printf("%-22s calls %ld | faults: drop_before %ld, drop_after %ld, 503 %ld, 429 %ld, latency %ld | ok %ld, "
           "ambiguous %ld (%ld took effect), refused %ld | duplicates %ld, lost %ld | retries %ld\n",
           label, phase.calls, phase.faults[F_DROP_BEFORE], phase.faults[F_DROP_AFTER], phase.faults[F_ERROR],
           phase.faults[F_RATE_LIMIT], phase.faults[F_LATENCY], phase.ok, phase.ambiguous, phase.ambiguous_happened,
           phase.refused, phase.duplicates, phase.lost, phase.retries);
    fflush(stdout);
    all->calls += phase.calls;
    for (int f = 0; f < FAULTS; f++) all->faults[f] += phase.faults[f];
    all->ok += phase.ok;
    all->ambiguous += phase.ambiguous;
    all->ambiguous_happened += phase.ambiguous_happened;
    all->refused += phase.refused;
    all->duplicates += phase.duplicates;
    all->lost += phase.lost;
    all->retries += phase.retries;
    free(records);
    json_decref(payments);
    json_decref(refunds);
    json_decref(offers);
    json_decref(card);
    json_decref(card_session);
    fwp_client_free(client);
    fwp_client_free(root);
    fwp_error_clear(&err);
    sandbox_stop(&sandbox);
}

int main(int argc, char **argv) {
    long calls = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    if (calls < 2) calls = 2;
    started_mode = argc > 2 && strcmp(argv[2], "--started") == 0;
    struct totals all;
    memset(&all, 0, sizeof all);
    run_phase("--ignore-idempotency-keys", calls / 2, started_mode ? "C started, keys ignored" : "C, keys ignored", &all);
    run_phase(NULL, calls - calls / 2, started_mode ? "C started, keys honoured" : "C, keys honoured", &all);
    long faults = 0;
    for (int f = 1; f < FAULTS; f++) faults += all.faults[f];
    printf("%-22s calls %ld | faults %ld | ok %ld, ambiguous %ld (%ld took effect), refused %ld | duplicates %ld, lost %ld | retries %ld\n",
           "C, total", all.calls, faults, all.ok, all.ambiguous, all.ambiguous_happened, all.refused, all.duplicates, all.lost, all.retries);
    int failed = all.duplicates != 0 || all.lost != 0;
    printf("reliability (C): %d passed, %d failed\n", failed ? 0 : 1, failed ? 1 : 0);
    return failed;
}
