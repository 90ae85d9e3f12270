/* Telemetry events (fwp_event): one start, one end per attempt and one end per call, with the
 * path's template, the server, statuses, error kinds and libcurl's timings; through the
 * options struct and the text interface's hooks. */
#include <stdio.h>
#include <string.h>

#include "harness.h"

#define MAX_EVENTS 64

struct recorded {
    int type, attempt, http_status, error, server_port, new_connection, version;
    long long call_id, time_unix_nano;
    double duration_ms, dns_ms, connect_ms, tls_ms, first_byte_ms;
    char method[8], url_template[128], server_address[64], error_type[32], request_id[128];
};

static struct recorded events[MAX_EVENTS];
static int event_count;
static int strings_hold_the_key;

static void copy(char *into, size_t size, const char *text) {
    snprintf(into, size, "%s", text ? text : "(null)");
}

static void record(const fwp_event *event, void *userdata) {
    CHECK(userdata == (void *)events, "userdata is passed as is");
    const char *strings[] = { event->method, event->url_template, event->server_address, event->error_type, event->request_id };
    for (size_t i = 0; i < sizeof strings / sizeof *strings; i++)
        if (strings[i] && strstr(strings[i], "sandbox-demo-key")) strings_hold_the_key = 1;
    if (event_count == MAX_EVENTS) return;
    struct recorded *r = &events[event_count++];
    r->version = event->version;
    r->type = event->type;
    r->call_id = event->call_id;
    r->time_unix_nano = event->time_unix_nano;
    r->attempt = event->attempt;
    r->http_status = event->http_status;
    r->error = event->error;
    r->server_port = event->server_port;
    r->new_connection = event->new_connection;
    r->duration_ms = event->duration_ms;
    r->dns_ms = event->dns_ms;
    r->connect_ms = event->connect_ms;
    r->tls_ms = event->tls_ms;
    r->first_byte_ms = event->first_byte_ms;
    copy(r->method, sizeof r->method, event->method);
    copy(r->url_template, sizeof r->url_template, event->url_template);
    copy(r->server_address, sizeof r->server_address, event->server_address);
    copy(r->error_type, sizeof r->error_type, event->error_type);
    copy(r->request_id, sizeof r->request_id, event->request_id);
}

static fwp_client *observed_client(const char *base_url, int max_retries) {
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = base_url;
    options.api_key = "sandbox-demo-key";
    options.max_retries = max_retries;
    options.event_callback = record;
    options.event_userdata = events;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "%s", ERR(err));
    fwp_error_clear(&err);
    return client;
}

static void a_call_that_succeeds(const struct sandbox *sandbox) {
    fwp_client *client = observed_client(sandbox->base_url, 2);
    json_t *out = NULL;
    fwp_error err = FWP_ERROR_INIT;
    event_count = 0;
    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    json_decref(out);
    CHECK(event_count == 3, "start, attempt, end: %d events", event_count);
    const struct recorded *start = &events[0], *attempt = &events[1], *end = &events[2];
    CHECK(start->version == FWP_EVENT_VERSION, "version %d", start->version);
    CHECK(start->type == FWP_EVENT_CALL_START && attempt->type == FWP_EVENT_ATTEMPT_END && end->type == FWP_EVENT_CALL_END,
          "types %d %d %d", start->type, attempt->type, end->type);
    CHECK(start->call_id > 0 && start->call_id == attempt->call_id && attempt->call_id == end->call_id, "one call id");
    CHECK(strcmp(start->method, "GET") == 0 && strcmp(end->method, "GET") == 0, "%s", start->method);
    CHECK(strcmp(start->url_template, "/recipients/{recipient_id}") == 0, "template %s", start->url_template);
    CHECK(strcmp(start->server_address, "127.0.0.1") == 0, "server %s", start->server_address);
    int port = 0;
    sscanf(sandbox->base_url, "http://127.0.0.1:%d", &port);
    CHECK(start->server_port == port && port > 0, "port %d, sandbox's %d", start->server_port, port);
    CHECK(start->attempt == 0 && start->http_status == 0 && start->error == FWP_OK, "start");
    CHECK(strcmp(start->error_type, "(null)") == 0, "no error type: %s", start->error_type);
    CHECK(start->dns_ms == -1 && start->first_byte_ms == -1, "no timings at the start");
    CHECK(end->first_byte_ms == attempt->first_byte_ms && end->new_connection == 1, "the end repeats the last attempt's timings");
    CHECK(attempt->attempt == 1 && attempt->http_status == 200 && attempt->error == FWP_OK, "attempt %d status %d",
          attempt->attempt, attempt->http_status);
    CHECK(attempt->new_connection == 1, "the first call opens a connection");
    CHECK(attempt->first_byte_ms > 0 && attempt->first_byte_ms >= attempt->connect_ms && attempt->connect_ms >= attempt->dns_ms,
          "timings: dns %.3f connect %.3f first byte %.3f", attempt->dns_ms, attempt->connect_ms, attempt->first_byte_ms);
    CHECK(attempt->tls_ms == 0, "no TLS on plain http: %.3f", attempt->tls_ms);
    CHECK(strncmp(attempt->request_id, "(null)", 6) != 0 && strcmp(attempt->request_id, end->request_id) == 0,
          "request id %s / %s", attempt->request_id, end->request_id);
    CHECK(end->attempt == 1 && end->http_status == 200 && end->error == FWP_OK, "end");
    CHECK(end->duration_ms >= attempt->duration_ms && end->duration_ms > 0, "durations %.3f %.3f", end->duration_ms,
          attempt->duration_ms);
    CHECK(end->time_unix_nano >= start->time_unix_nano && start->time_unix_nano > 1700000000LL * 1000000000LL, "times");

    long long first = end->call_id;
    event_count = 0;
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    json_decref(out);
    CHECK(event_count == 3 && events[0].call_id > first, "a new call id: %lld after %lld", events[0].call_id, first);
    CHECK(strcmp(events[0].url_template, "/recipients") == 0, "a list's template has no query: %s", events[0].url_template);
    CHECK(events[1].new_connection == 0, "the second call reuses the connection");

    event_count = 0;
    CHECK(fwp_recipient_get(client, "XYZ", NULL, &out, &err) == FWP_E_NOT_FOUND, "%s", ERR(err));
    CHECK(event_count == 3, "%d events", event_count);
    CHECK(events[1].http_status == 404 && events[1].error == FWP_E_NOT_FOUND && strcmp(events[1].error_type, "not_found") == 0,
          "attempt: %d %d %s", events[1].http_status, events[1].error, events[1].error_type);
    CHECK(events[2].http_status == 404 && events[2].error == FWP_E_NOT_FOUND && strcmp(events[2].error_type, "not_found") == 0,
          "end: %d %s", events[2].http_status, events[2].error_type);

    event_count = 0;
    CHECK(fwp_recipient_get(client, "../x", NULL, &out, &err) == FWP_E_INVALID_ARGUMENT, "refused before sending");
    CHECK(event_count == 0, "a call refused before sending has no events: %d", event_count);

    event_count = 0;
    CHECK(fwp_request(client, "GET", "/recipients/FWU?x=1", NULL, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    json_decref(out);
    CHECK(event_count == 3 && strcmp(events[0].url_template, "(null)") == 0, "a raw request has no template: %s",
          events[0].url_template);
    CHECK(!strings_hold_the_key, "no event string holds the API key");
    fwp_error_clear(&err);
    fwp_client_free(client);
}

static void retries_are_attempts_of_one_call(const struct sandbox *sandbox) {
    fwp_client *client = observed_client(sandbox->base_url, 2);
    fwp_client *root = sandbox_root_client(sandbox);
    json_t *out = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(sandbox_control(root, "faults", "{\"path\": \"/recipients\", \"kind\": \"error\", \"status\": 503}") == FWP_OK, "fault");
    event_count = 0;
    CHECK(fwp_recipient_list(client, 0, 0, NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    json_decref(out);
    CHECK(event_count == 4, "start, two attempts, end: %d", event_count);
    CHECK(events[1].type == FWP_EVENT_ATTEMPT_END && events[1].attempt == 1 && events[1].http_status == 503
          && strcmp(events[1].error_type, "server") == 0, "first attempt: %d %s", events[1].http_status, events[1].error_type);
    CHECK(events[2].type == FWP_EVENT_ATTEMPT_END && events[2].attempt == 2 && events[2].http_status == 200, "second attempt");
    CHECK(events[3].type == FWP_EVENT_CALL_END && events[3].attempt == 2 && events[3].error == FWP_OK, "end: %d attempts",
          events[3].attempt);
    CHECK(events[0].call_id == events[3].call_id, "one call");
    CHECK(events[3].duration_ms >= events[1].duration_ms + events[2].duration_ms, "the call's time holds its attempts");
    fwp_client_free(root);
    fwp_client_free(client);

    /* Nothing listens on port 9: no answer, no status, a connection error on each attempt. */
    client = observed_client("http://127.0.0.1:9/payments/v1", 1);
    event_count = 0;
    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, &err) == FWP_E_CONNECTION, "%s", ERR(err));
    CHECK(event_count == 4, "start, two attempts, end: %d", event_count);
    CHECK(events[1].http_status == 0 && events[1].error == FWP_E_CONNECTION && strcmp(events[1].error_type, "connection") == 0,
          "attempt: %d %s", events[1].error, events[1].error_type);
    CHECK(events[3].error == FWP_E_CONNECTION && events[3].attempt == 2 && events[3].server_port == 9, "end");
    fwp_error_clear(&err);
    fwp_client_free(client);
}

static void text_interface_hooks(const struct sandbox *sandbox) {
    char settings[512];
    snprintf(settings, sizeof settings, "{\"base_url\": \"%s\", \"api_key\": \"sandbox-demo-key\"}", sandbox->base_url);
    fwp_client_hooks hooks = FWP_CLIENT_HOOKS_INIT;
    hooks.event_callback = record;
    hooks.event_userdata = events;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new_json_hooked(settings, strlen(settings), &hooks, &client, &err) == FWP_OK, "%s", ERR(err));
    char *answer = NULL;
    event_count = 0;
    const char *arguments = "{\"recipient_id\": \"FWU\"}";
    CHECK(fwp_call(client, "recipient_get", arguments, strlen(arguments), &answer, &err) == FWP_OK, "%s", ERR(err));
    fwp_free(answer);
    CHECK(event_count == 3 && strcmp(events[0].url_template, "/recipients/{recipient_id}") == 0, "fwp_call's events: %d", event_count);
    fwp_client_free(client);

    hooks.version = 99;
    client = NULL;
    CHECK(fwp_client_new_json_hooked(settings, strlen(settings), &hooks, &client, &err) == FWP_E_INVALID_ARGUMENT && client == NULL,
          "an unknown hooks version is refused");
    CHECK(strstr(err.message, "hooks.version") != NULL, "%s", ERR(err));
    CHECK(fwp_client_new_json_hooked(settings, strlen(settings), NULL, &client, &err) == FWP_OK, "no hooks: %s", ERR(err));
    fwp_client_free(client);

    /* Only the call's end, when asked: a binding whose callbacks are dear. */
    hooks.version = FWP_CLIENT_HOOKS_VERSION;
    hooks.event_types = FWP_EVENTS_CALL_END;
    CHECK(fwp_client_new_json_hooked(settings, strlen(settings), &hooks, &client, &err) == FWP_OK, "%s", ERR(err));
    event_count = 0;
    CHECK(fwp_call(client, "recipient_get", arguments, strlen(arguments), &answer, &err) == FWP_OK, "%s", ERR(err));
    fwp_free(answer);
    CHECK(event_count == 1 && events[0].type == FWP_EVENT_CALL_END && events[0].first_byte_ms > 0,
          "the end alone, with the attempt's timings: %d events", event_count);
    fwp_client_free(client);
    hooks.event_types = 1;
    client = NULL;
    CHECK(fwp_client_new_json_hooked(settings, strlen(settings), &hooks, &client, &err) == FWP_E_INVALID_ARGUMENT && client == NULL,
          "an unknown event type bit is refused");
    CHECK(strstr(err.message, "event_types") != NULL, "%s", ERR(err));

    /* A version-5 caller's struct ends before event_callback: nothing past it is read. */
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.version = 5;
    options.base_url = sandbox->base_url;
    options.api_key = "sandbox-demo-key";
    options.event_callback = record;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "%s", ERR(err));
    event_count = 0;
    json_t *out = NULL;
    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, &err) == FWP_OK, "%s", ERR(err));
    json_decref(out);
    CHECK(event_count == 0, "a version-5 struct has no event callback: %d events", event_count);
    fwp_client_free(client);
    fwp_error_clear(&err);
}

int main(void) {
    struct sandbox sandbox;
    if (sandbox_start(&sandbox) != 0) return 1;
    a_call_that_succeeds(&sandbox);
    retries_are_attempts_of_one_call(&sandbox);
    text_interface_hooks(&sandbox);
    sandbox_stop(&sandbox);
    return harness_finish("test_telemetry");
}
