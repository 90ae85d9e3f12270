/* fwpay against raw libcurl, side by side in one process: the same requests to the same
 * sandbox, in alternating rounds so that drift hurts both alike. Prints one JSON object
 * with every latency (microseconds) per implementation.
 *
 *   client_bench BASE_URL API_KEY create_charge|get ITERATIONS [PAYMENT_REF]
 *   client_bench BASE_URL API_KEY rss ITERATIONS PAYMENT_REF   (RSS after warm-up and at the end)
 *   client_bench BASE_URL API_KEY iterate 10 -   (every payment through fwp_iter: count, peak RSS)
 *   client_bench BASE_URL API_KEY telemetry ITERATIONS PAYMENT_REF   (the GET without and with a no-op event callback)
 *
 * The raw libcurl side is the practical limit: one kept-alive easy handle, the body
 * serialised once, the answer parsed with jansson (the id is needed for the charge), the
 * same headers (X-Authentication-Key, Content-Type, Idempotency-Key) as the library sends. */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "fwpay.h"

#define ROUNDS 10

static const char *base_url, *api_key, *offer_id, *payment_ref;

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

/* The CPU time the calling thread has used, in microseconds. */
static double thread_cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static void die(const char *what) {
    fprintf(stderr, "client_bench: %s\n", what);
    exit(1);
}

static json_t *order_body(void) {
    return json_pack("{s:{s:s, s:s, s:s}, s:{s:s, s:[{s:s, s:s}]}, s:[{s:s, s:i}], s:{s:s}}",
                     "payer", "first_name", "Peter", "last_name", "Payer", "country", "ES",
                     "recipient", "id", "FWU", "fields", "id", "custom_field_1", "value", "B1",
                     "items", "id", "tuition", "amount", 120000, "offer", "id", offer_id);
}

/* ---- through the library ---- */

static void library_create_charge(fwp_client *client, json_t *body) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *order = NULL, *payment = NULL;
    if (fwp_order_create(client, body, NULL, &order, &err) != FWP_OK) die(err.message);
    if (fwp_order_charge(client, json_string_value(json_object_get(order, "id")), NULL, NULL, &payment, &err) != FWP_OK) die(err.message);
    json_decref(order);
    json_decref(payment);
}

static void library_get(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *payment = NULL;
    if (fwp_payment_get(client, payment_ref, NULL, &payment, &err) != FWP_OK) die(err.message);
    json_decref(payment);
}

/* What a binding that only handles text does: through the typed API (the call, then dump,
 * free and release: four FFI calls), or through fwp_call (one, and a free). */
static void typed_text_get(fwp_client *client) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *payment = NULL;
    char *text = NULL;
    if (fwp_payment_get(client, payment_ref, NULL, &payment, &err) != FWP_OK) die(err.message);
    if (fwp_json_dump(payment, &text, &err) != FWP_OK) die(err.message);
    fwp_free(text);
    fwp_json_release(payment);
}

static void call_text_get(fwp_client *client) {
    char args[160], *text = NULL;
    snprintf(args, sizeof args, "{\"payment_reference\":\"%s\"}", payment_ref);
    if (fwp_call(client, "payment_get", args, strlen(args), &text, NULL) != FWP_OK) die("fwp_call");
    fwp_free(text);
}

/* A telemetry event callback that does the least a real one does: read the event. */
static volatile long long events_seen;
static void count_event(const fwp_event *event, void *userdata) {
    (void)userdata;
    events_seen += event->type;
}

/* ---- raw libcurl ---- */

struct buffer { char *data; size_t size; };

static size_t collect(char *chunk, size_t size, size_t count, void *user) {
    struct buffer *buffer = user;
    size_t n = size * count;
    char *grown = realloc(buffer->data, buffer->size + n + 1);
    if (!grown) return 0;
    memcpy(grown + buffer->size, chunk, n);
    buffer->data = grown;
    buffer->size += n;
    buffer->data[buffer->size] = '\0';
    return n;
}

static unsigned long long key_counter;

static json_t *raw_call(CURL *curl, const char *method, const char *path, const char *body) {
    char url[512], auth[300], key[80];
    snprintf(url, sizeof url, "%s%s", base_url, path);
    snprintf(auth, sizeof auth, "X-Authentication-Key: %s", api_key);
    snprintf(key, sizeof key, "Idempotency-Key: raw-%d-%llu", (int)getpid(), ++key_counter);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    headers = curl_slist_append(headers, "Content-Type: application/json");
    headers = curl_slist_append(headers, "Accept: application/json");
    if (body) headers = curl_slist_append(headers, key);
    struct buffer answer = { NULL, 0 };
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
    if (strcmp(method, "POST") == 0) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    } else {
        curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
    }
    long status = 0;
    if (curl_easy_perform(curl) != CURLE_OK) die("curl_easy_perform failed");
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(headers);
    if (status >= 300) die(answer.data ? answer.data : "HTTP error");
    json_t *value = json_loads(answer.data ? answer.data : "null", 0, NULL);
    free(answer.data);
    if (!value) die("invalid JSON");
    return value;
}

static void raw_create_charge(CURL *curl, const char *body_text) {
    json_t *order = raw_call(curl, "POST", "/orders", body_text);
    char path[128];
    snprintf(path, sizeof path, "/orders/%s/charge", json_string_value(json_object_get(order, "id")));
    json_t *payment = raw_call(curl, "POST", path, "{}");
    json_decref(order);
    json_decref(payment);
}

static void raw_get(CURL *curl) {
    char path[128];
    snprintf(path, sizeof path, "/payments/%s", payment_ref);
    json_decref(raw_call(curl, "GET", path, NULL));
}

static long rss_kib(void) {
    FILE *status = fopen("/proc/self/status", "r");
    char line[256];
    long kib = -1;
    while (status && fgets(line, sizeof line, status)) {
        if (strncmp(line, "VmRSS:", 6) == 0) kib = strtol(line + 6, NULL, 10);
    }
    if (status) fclose(status);
    return kib;
}

static long peak_rss_kib(void) {
    struct rusage usage;
    return getrusage(RUSAGE_SELF, &usage) == 0 ? usage.ru_maxrss : -1;
}

static void print_latencies(const char *name, const double *values, int count, int last) {
    printf("\"%s\": [", name);
    for (int i = 0; i < count; i++) printf("%s%.1f", i ? "," : "", values[i]);
    printf("]%s\n", last ? "" : ",");
}

int main(int argc, char **argv) {
    if (argc < 5) die("usage: client_bench BASE_URL API_KEY create_charge|get|text|raw_get|rss|iterate ITERATIONS [PAYMENT_REF]");
    base_url = argv[1];
    api_key = argv[2];
    const char *op = argv[3];
    int iterations = atoi(argv[4]);
    payment_ref = argc > 5 ? argv[5] : NULL;
    if (iterations < ROUNDS || (strcmp(op, "create_charge") != 0 && !payment_ref)) die("bad arguments");

    fwp_global_init();
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = NULL;
    if (fwp_client_new(base_url, api_key, &client, &err) != FWP_OK) die(err.message);
    json_t *offers = NULL;
    if (fwp_offer_list(client, "FWU", 120000, "ES", NULL, &offers, &err) != FWP_OK) die(err.message);
    offer_id = json_string_value(json_object_get(json_array_get(json_object_get(offers, "offers"), 0), "id"));
    if (!offer_id) die("the sandbox offered nothing for USD 1,200.00 from Spain to FWU");

    if (strcmp(op, "text") == 0) {
        /* Alternating rounds of the typed path and fwp_call on one client. */
        double *typed = calloc((size_t)iterations, sizeof *typed), *text = calloc((size_t)iterations, sizeof *text);
        if (!typed || !text) die("out of memory");
        for (int i = 0; i < 20; i++) { typed_text_get(client); call_text_get(client); }
        int per_round = iterations / ROUNDS, done = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < per_round; i++) {
                double start = now_us();
                typed_text_get(client);
                typed[done + i] = now_us() - start;
            }
            for (int i = 0; i < per_round; i++) {
                double start = now_us();
                call_text_get(client);
                text[done + i] = now_us() - start;
            }
            done += per_round;
        }
        printf("{\"op\": \"text\",\n");
        print_latencies("typed", typed, done, 0);
        print_latencies("fwp_call", text, done, 1);
        printf("}\n");
        free(typed);
        free(text);
        json_decref(offers);
        fwp_client_free(client);
        return 0;
    }

    if (strcmp(op, "telemetry") == 0) {
        /* Alternating rounds of the GET on a client without an event callback, on one with a
           no-op callback, and on a second client without (the control: how far two identical
           clients differ in the same run is the noise floor of the ratio). As in section 1,
           each round makes new clients (fresh connections, warmed by one untimed call, opened
           and measured in turn by each first). Besides the wall time, the CPU time of the
           calling thread: what the client itself spends, which the server's noise leaves out. */
        fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
        options.base_url = base_url;
        options.api_key = api_key;
        double *wall[3], *cpu[3];
        for (int c = 0; c < 3; c++)
            if (!(wall[c] = calloc((size_t)iterations, sizeof(double))) || !(cpu[c] = calloc((size_t)iterations, sizeof(double))))
                die("out of memory");
        int per_round = iterations / ROUNDS, done = 0;
        for (int round = 0; round < ROUNDS; round++) {
            fwp_client *clients[3] = { NULL, NULL, NULL };
            for (int k = 0; k < 3; k++) {
                int c = (round + k) % 3;
                options.event_callback = c == 1 ? count_event : NULL;
                if (fwp_client_new_with_options(&options, &clients[c], &err) != FWP_OK) die(err.message);
                library_get(clients[c]);
            }
            for (int k = 0; k < 3; k++) {
                int c = (round + k) % 3;  /* each goes first in turn */
                for (int i = 0; i < per_round; i++) {
                    double start = now_us(), start_cpu = thread_cpu_us();
                    library_get(clients[c]);
                    cpu[c][done + i] = thread_cpu_us() - start_cpu;
                    wall[c][done + i] = now_us() - start;
                }
            }
            for (int c = 0; c < 3; c++) fwp_client_free(clients[c]);
            done += per_round;
        }
        const char *names[3] = { "no_callback", "noop_callback", "no_callback_control" };
        printf("{\"op\": \"telemetry\",\n");
        for (int c = 0; c < 3; c++) {
            char cpu_name[64];
            snprintf(cpu_name, sizeof cpu_name, "%s_cpu", names[c]);
            print_latencies(names[c], wall[c], done, 0);
            print_latencies(cpu_name, cpu[c], done, c == 2);
            free(wall[c]);
            free(cpu[c]);
        }
        printf("}\n");
        json_decref(offers);
        fwp_client_free(client);
        return 0;
    }

    if (strcmp(op, "raw_get") == 0) {
        /* Raw libcurl alone, for the bindings' rounds (bench/bindings/rounds.py). */
        CURL *alone = curl_easy_init();
        if (!alone) die("curl_easy_init failed");
        double *raw = calloc((size_t)iterations, sizeof *raw);
        if (!raw) die("out of memory");
        for (int i = 0; i < 20; i++) raw_get(alone);
        for (int i = 0; i < iterations; i++) {
            double start = now_us();
            raw_get(alone);
            raw[i] = now_us() - start;
        }
        printf("{\n");
        print_latencies("libcurl", raw, iterations, 1);
        printf("}\n");
        free(raw);
        curl_easy_cleanup(alone);
        json_decref(offers);
        fwp_client_free(client);
        return 0;
    }

    if (strcmp(op, "iterate") == 0) {
        /* Every payment of the client, one page of 100 at a time: the peak RSS once the first
           page is read and at the end show whether memory grows with the list. */
        fwp_iter *iter = NULL;
        if (fwp_iter_new(client, "payments", NULL, 100, NULL, &iter, &err) != FWP_OK) die(err.message);
        long items = 0, after_first_page = -1;
        double start = now_us();
        for (;;) {
            json_t *item = NULL;
            if (fwp_iter_next(iter, &item, &err) != FWP_OK) die(err.message);
            if (!item) break;
            json_decref(item);
            if (++items == 100) after_first_page = peak_rss_kib();
        }
        printf("{\"items\": %ld, \"peak_rss_after_first_page_kib\": %ld, \"peak_rss_kib\": %ld, \"seconds\": %.3f}\n",
               items, after_first_page, peak_rss_kib(), (now_us() - start) / 1e6);
        fwp_iter_free(iter);
        json_decref(offers);
        fwp_client_free(client);
        return 0;
    }

    if (strcmp(op, "rss") == 0) {
        int warm = iterations / 10;
        for (int i = 0; i < warm; i++) library_get(client);
        long after_warm_up = rss_kib();
        for (int i = warm; i < iterations; i++) library_get(client);
        printf("{\"calls\": %d, \"rss_after_warm_up_kib\": %ld, \"rss_at_end_kib\": %ld, \"warm_up_calls\": %d}\n",
               iterations, after_warm_up, rss_kib(), warm);
        fwp_client_free(client);
        return 0;
    }

    CURL *curl = curl_easy_init();
    if (!curl) die("curl_easy_init failed");
    json_t *body = order_body();
    char *body_text = json_dumps(body, JSON_COMPACT);
    double *library = calloc((size_t)iterations, sizeof *library), *raw = calloc((size_t)iterations, sizeof *raw);
    if (!library || !raw || !body_text) die("out of memory");
    int is_get = strcmp(op, "get") == 0;
    /* Warm both connections up, then alternate rounds. */
    for (int i = 0; i < 20; i++) {
        if (is_get) { library_get(client); raw_get(curl); } else { library_create_charge(client, body); raw_create_charge(curl, body_text); }
    }
    int per_round = iterations / ROUNDS, done_library = 0, done_raw = 0;
    for (int round = 0; round < ROUNDS; round++) {
        /* Fresh connections each round, warmed by one untimed call, opened in turn first by
           one side and then by the other: the server hands connections to its event loops
           in turn, and which loop serves a connection shifts its latency (by up to 25 % for
           a GET here), so neither side may keep the same loop for the whole run. */
        fwp_client_free(client);
        client = NULL;
        if (fwp_client_new(base_url, api_key, &client, &err) != FWP_OK) die(err.message);
        curl_easy_cleanup(curl);
        if (!(curl = curl_easy_init())) die("curl_easy_init failed");
        for (int side = 0; side < 2; side++) {
            int library_side = (side + round) % 2 == 0;
            if (is_get) {
                if (library_side) library_get(client); else raw_get(curl);
            } else {
                if (library_side) library_create_charge(client, body); else raw_create_charge(curl, body_text);
            }
        }
        for (int i = 0; i < per_round; i++) {
            double start = now_us();
            if (is_get) library_get(client); else library_create_charge(client, body);
            library[done_library++] = now_us() - start;
        }
        for (int i = 0; i < per_round; i++) {
            double start = now_us();
            if (is_get) raw_get(curl); else raw_create_charge(curl, body_text);
            raw[done_raw++] = now_us() - start;
        }
    }
    printf("{\"op\": \"%s\",\n", op);
    print_latencies("fwpay", library, done_library, 0);
    print_latencies("libcurl", raw, done_raw, 1);
    printf("}\n");
    free(library);
    free(raw);
    free(body_text);
    json_decref(body);
    json_decref(offers);
    curl_easy_cleanup(curl);
    fwp_client_free(client);
    return 0;
}
