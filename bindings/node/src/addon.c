/* The Node-API addon of the fwpay package: libfwpay's text interface (fwp_client_new_json,
 * fwp_call_start, fwp_error_json) for index.js. A call is started in the library, which
 * sends it from the client's own I/O thread; its end waits in a completion queue whose
 * descriptor libuv watches (uv_poll, as node-libcurl does), and settles a Promise on the
 * event loop: no thread of libuv's pool is held by a call or a list's page, so a thousand
 * calls in flight leave the pool to file, DNS and crypto work. The rest (client creation,
 * notification digests) does no I/O and is synchronous. Errors reach JavaScript as the JSON text of fwp_error_json, which index.js
 * turns into its error classes. */
/* uv.h needs POSIX's declarations (pthread_rwlock_t, struct addrinfo), which -std=c11 hides. */
#define _GNU_SOURCE
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <uv.h>

#include "fwpay.h"

#define CHECK_NAPI(env, call)                                                    \
    do {                                                                         \
        if ((call) != napi_ok) {                                                 \
            napi_throw_error((env), "FWPAY_NAPI", "Node-API call failed: " #call); \
            return NULL;                                                         \
        }                                                                        \
    } while (0)

/* A JS string argument as a malloc'd UTF-8 copy; NULL (with a TypeError thrown) otherwise. */
static char *string_argument(napi_env env, napi_value value, const char *name, size_t *length) {
    napi_valuetype type;
    if (napi_typeof(env, value, &type) != napi_ok || type != napi_string) {
        char message[96];
        snprintf(message, sizeof message, "%s must be a string", name);
        napi_throw_type_error(env, NULL, message);
        return NULL;
    }
    size_t size = 0;
    if (napi_get_value_string_utf8(env, value, NULL, 0, &size) != napi_ok) return NULL;
    char *text = malloc(size + 1);
    if (!text) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    napi_get_value_string_utf8(env, value, text, size + 1, &size);
    /* Without a length the text goes on as a C string: a NUL would cut it short silently
     * ("recipient_get\0anything" would run recipient_get). */
    if (!length && strlen(text) != size) {
        char message[96];
        snprintf(message, sizeof message, "%s must not contain a NUL character", name);
        memset(text, 0, size);
        free(text);
        napi_throw_type_error(env, NULL, message);
        return NULL;
    }
    if (length) *length = size;
    return text;
}

/* An Error for a failure: its message is the library's, and its fields are properties
 * (`detail`: fwp_error_json's object, parsed with the engine's own JSON.parse), so that
 * index.js makes its class from them without parsing a message. */
/* fwp_error_json's object of err, parsed with the engine's JSON.parse; 0 when there is none. */
static int detail_of(napi_env env, fwp_error *err, napi_value *parsed) {
    char *detail = NULL;
    const char *text = "{\"kind\":\"no_memory\",\"message\":\"out of memory\"}";
    if (err && fwp_error_json(err, &detail) == FWP_OK && detail) text = detail;
    napi_value global, json, parse, source;
    napi_get_global(env, &global);
    napi_get_named_property(env, global, "JSON", &json);
    napi_get_named_property(env, json, "parse", &parse);
    napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &source);
    int ok = napi_call_function(env, json, parse, 1, &source, parsed) == napi_ok;
    fwp_free(detail);
    return ok;
}

static napi_value fwpay_error(napi_env env, fwp_error *err) {
    napi_value parsed = NULL, message = NULL, code, error;
    if (!detail_of(env, err, &parsed)) parsed = NULL;
    if (parsed) napi_get_named_property(env, parsed, "message", &message);
    if (!message) napi_create_string_utf8(env, "fwpay: unknown error", NAPI_AUTO_LENGTH, &message);
    napi_create_string_utf8(env, "FWPAY", NAPI_AUTO_LENGTH, &code);
    napi_create_error(env, code, message, &error);
    if (parsed) napi_set_named_property(env, error, "detail", parsed);
    return error;
}

static void throw_fwpay_error(napi_env env, fwp_error *err) {
    napi_throw(env, fwpay_error(env, err));
}

static void release_client(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    fwp_client_free(data);
}

/* A telemetry event copied off the library's thread (its strings are the copy's own). */
typedef struct recorded_event {
    struct recorded_event *next;
    fwp_event event;
    char *method, *url_template, *server_address, *error_type, *request_id;
} recorded_event;

/* One started call, or an iterator's started step. */
typedef struct {
    napi_deferred deferred;
    napi_ref client_ref; /* keeps the client (or the iterator) alive until the call is done */
    fwp_client *client;
    fwp_iter *iter;      /* set for iterNext: the next item rather than a call */
    char *operation;
    char *args;
    size_t args_length;
    char *answer;
    fwp_error *err;
    int code;
    uint64_t id;         /* the started call's id, for cancel */
    recorded_event *events, *last_event; /* what the call reported, handed to JS when it settles */
} pending_call;

static char *copy_text(const char *text) {
    if (!text) return NULL;
    size_t size = strlen(text) + 1;
    char *copy = malloc(size);
    if (copy) memcpy(copy, text, size);
    return copy;
}

/* fwp_event_callback: keeps a copy of the event with the call that made it. */
static void record_event(const fwp_event *event, void *userdata) {
    (void)userdata;
    /* Every request of this addon is started: its events name their call by the tag. */
    pending_call *call = (pending_call *)(uintptr_t)event->tag;
    recorded_event *copy = call ? calloc(1, sizeof *copy) : NULL;
    if (!copy) return;
    copy->event = *event;
    copy->event.method = copy->method = copy_text(event->method);
    copy->event.url_template = copy->url_template = copy_text(event->url_template);
    copy->event.server_address = copy->server_address = copy_text(event->server_address);
    copy->event.error_type = copy->error_type = copy_text(event->error_type);
    copy->event.request_id = copy->request_id = copy_text(event->request_id);
    if (call->last_event) call->last_event->next = copy; else call->events = copy;
    call->last_event = copy;
}

static void set_string(napi_env env, napi_value object, const char *name, const char *text) {
    napi_value value;
    if (text) napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &value); else napi_get_null(env, &value);
    napi_set_named_property(env, object, name, value);
}

static void set_number(napi_env env, napi_value object, const char *name, double number) {
    napi_value value;
    napi_create_double(env, number, &value);
    napi_set_named_property(env, object, name, value);
}

static const char *const EVENT_TYPES[] = { "", "callStart", "attemptEnd", "callEnd" };

/* The call's events as an array of plain objects (and frees them). */
static napi_value events_of(napi_env env, pending_call *call) {
    napi_value array;
    napi_create_array(env, &array);
    uint32_t index = 0;
    for (recorded_event *entry = call->events, *next; entry; entry = next) {
        next = entry->next;
        const fwp_event *e = &entry->event;
        napi_value object, big;
        napi_create_object(env, &object);
        set_string(env, object, "type", e->type >= 1 && e->type <= 3 ? EVENT_TYPES[e->type] : "unknown");
        set_number(env, object, "callId", (double)e->call_id);
        napi_create_bigint_int64(env, e->time_unix_nano, &big);
        napi_set_named_property(env, object, "timeUnixNano", big);
        set_string(env, object, "method", e->method);
        set_string(env, object, "urlTemplate", e->url_template);
        set_string(env, object, "serverAddress", e->server_address);
        set_number(env, object, "serverPort", e->server_port);
        set_number(env, object, "attempt", e->attempt);
        set_number(env, object, "httpStatus", e->http_status);
        set_number(env, object, "error", e->error);
        set_string(env, object, "errorType", e->error_type);
        set_string(env, object, "requestId", e->request_id);
        set_number(env, object, "durationMs", e->duration_ms);
        if (e->type == FWP_EVENT_ATTEMPT_END) {
            set_number(env, object, "dnsMs", e->dns_ms);
            set_number(env, object, "connectMs", e->connect_ms);
            set_number(env, object, "tlsMs", e->tls_ms);
            set_number(env, object, "firstByteMs", e->first_byte_ms);
            napi_value reused;
            napi_get_boolean(env, e->new_connection != 0, &reused);
            napi_set_named_property(env, object, "newConnection", reused);
        }
        napi_set_element(env, array, index++, object);
        free(entry->method);
        free(entry->url_template);
        free(entry->server_address);
        free(entry->error_type);
        free(entry->request_id);
        free(entry);
    }
    call->events = call->last_event = NULL;
    return array;
}

/* A log line on its way from the thread that made the request to the event loop. */
typedef struct {
    int level;
    char *line;
} log_line;

static const char *const LOG_LEVELS[] = { "error", "warning", "info", "debug" };

/* On the event loop: log(level, line). A throwing handler is cleared, not left pending. */
static void deliver_log(napi_env env, napi_value log, void *context, void *data) {
    (void)context;
    log_line *entry = data;
    if (env && log) {
        napi_value undefined, arguments[2], ignored;
        napi_get_undefined(env, &undefined);
        const char *level = entry->level >= 0 && entry->level < 4 ? LOG_LEVELS[entry->level] : "debug";
        napi_create_string_utf8(env, level, NAPI_AUTO_LENGTH, &arguments[0]);
        napi_create_string_utf8(env, entry->line, NAPI_AUTO_LENGTH, &arguments[1]);
        if (napi_call_function(env, undefined, log, 2, arguments, &ignored) != napi_ok) {
            napi_value exception;
            napi_get_and_clear_last_exception(env, &exception);
        }
    }
    free(entry->line);
    free(entry);
}

/* fwp_log_callback, on the thread making the request: the line goes to the event loop. */
static void queue_log(int level, const char *line, void *userdata) {
    log_line *entry = malloc(sizeof *entry);
    if (!entry) return;
    size_t size = strlen(line) + 1;
    entry->level = level;
    entry->line = malloc(size);
    if (entry->line) memcpy(entry->line, line, size);
    if (!entry->line || napi_call_threadsafe_function(userdata, entry, napi_tsfn_nonblocking) != napi_ok) {
        free(entry->line);
        free(entry);
    }
}

/* newClient(settingsJson[, log[, events]]) -> an external holding the client. With log (a function
 * of level and line), the library's log lines reach it on the event loop. With events true, each
 * call's telemetry events come with its answer or its error (`events`). The log's thread-safe
 * function is never released: the library may log as long as an iterator of the client
 * lives, so it stays (unreferenced: it keeps no process alive) until the environment ends. */
static napi_value new_client(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    CHECK_NAPI(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 1) {
        napi_throw_type_error(env, NULL, "newClient(settings[, log[, events]]) takes one to three arguments");
        return NULL;
    }
    napi_threadsafe_function log = NULL;
    napi_valuetype type = napi_undefined;
    if (argc > 1) napi_typeof(env, argv[1], &type);
    if (type == napi_function) {
        napi_value name;
        napi_create_string_utf8(env, "fwpay.log", NAPI_AUTO_LENGTH, &name);
        CHECK_NAPI(env, napi_create_threadsafe_function(env, argv[1], NULL, name, 0, 1, NULL, NULL, NULL, deliver_log, &log));
        napi_unref_threadsafe_function(env, log);
    } else if (type != napi_undefined) {
        napi_throw_type_error(env, NULL, "log must be a function of (level, line)");
        return NULL;
    }
    bool events = false;
    if (argc > 2) napi_get_value_bool(env, argv[2], &events);
    size_t length = 0;
    char *settings = string_argument(env, argv[0], "settings", &length);
    if (!settings) return NULL;
    fwp_error *err = fwp_error_new();
    fwp_client *client = NULL;
    fwp_client_hooks hooks = FWP_CLIENT_HOOKS_INIT;
    if (log) {
        hooks.log_callback = queue_log;
        hooks.log_userdata = log;
    }
    if (events) hooks.event_callback = record_event;
    int code = !err ? FWP_E_NO_MEMORY : fwp_client_new_json_hooked(settings, length, &hooks, &client, err);
    if (code != FWP_OK && log) napi_release_threadsafe_function(log, napi_tsfn_release);  /* no client uses it */
    /* The settings hold the API key: wipe them before freeing. */
    memset(settings, 0, length);
    free(settings);
    if (code != FWP_OK) {
        if (err) throw_fwpay_error(env, err); else napi_throw_error(env, NULL, "out of memory");
        fwp_error_free(err);
        return NULL;
    }
    fwp_error_free(err);
    napi_value handle;
    if (napi_create_external(env, client, release_client, NULL, &handle) != napi_ok) {
        fwp_client_free(client);
        napi_throw_error(env, NULL, "cannot wrap the client");
        return NULL;
    }
    return handle;
}

/* The arguments of a function whose first is an external (a client or an iterator): fills
 * argv (count of them) and returns that external's pointer; NULL with a TypeError thrown
 * (`usage`) when there are fewer or the first is not one. */
static void *external_arguments(napi_env env, napi_callback_info info, size_t count, napi_value *argv, const char *usage) {
    size_t argc = count;
    napi_valuetype type;
    void *pointer = NULL;
    if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < count ||
        napi_typeof(env, argv[0], &type) != napi_ok || type != napi_external ||
        napi_get_value_external(env, argv[0], &pointer) != napi_ok || !pointer) {
        napi_throw_type_error(env, NULL, usage);
        return NULL;
    }
    return pointer;
}

/* Resolves or rejects the call's Promise and releases it. */
static void settle(napi_env env, pending_call *call) {
    napi_value value;
    if (call->code == FWP_OK) {
        napi_create_string_utf8(env, call->answer ? call->answer : "null", NAPI_AUTO_LENGTH, &value);
        if (!call->iter && call->err) {
            /* A call's answer comes with what the error says after a success: request id, key,
             * status (read from the struct: the addon is C and has the header). */
            napi_value answer = value, request_id, key, http_status;
            napi_create_object(env, &value);
            napi_set_named_property(env, value, "text", answer);
            napi_create_string_utf8(env, call->err->request_id, NAPI_AUTO_LENGTH, &request_id);
            napi_create_string_utf8(env, call->err->idempotency_key, NAPI_AUTO_LENGTH, &key);
            napi_create_int32(env, call->err->http_status, &http_status);
            napi_set_named_property(env, value, "requestId", request_id);
            napi_set_named_property(env, value, "idempotencyKey", key);
            napi_set_named_property(env, value, "httpStatus", http_status);
        }
        if (call->events) {
            if (call->iter) {  /* iterNext resolves with {text, events} when it has events */
                napi_value text = value;
                napi_create_object(env, &value);
                napi_set_named_property(env, value, "text", text);
            }
            napi_set_named_property(env, value, "events", events_of(env, call));
        }
        napi_resolve_deferred(env, call->deferred, value);
    } else {
        napi_value error = fwpay_error(env, call->err);
        if (call->events) napi_set_named_property(env, error, "events", events_of(env, call));
        napi_reject_deferred(env, call->deferred, error);
    }
    napi_delete_reference(env, call->client_ref);
    fwp_free(call->answer);
    fwp_error_free(call->err);
    free(call->operation);
    free(call->args);
    free(call);
}

/* The environment's completion queue, watched by libuv; referenced (keeping the process
 * alive) while calls are in flight, as a socket of Node's own would be. */
typedef struct {
    napi_env env;
    fwp_queue *queue;
    uv_poll_t poll;
    size_t in_flight;
    napi_ref resource;       /* the async resource the settling runs in */
    napi_async_context context;
} completions;

/* On the event loop, when the queue's descriptor is readable: settles every finished call,
 * in a callback scope so that the Promises' reactions run afterwards. */
static void take_completions(uv_poll_t *poll, int status, int events) {
    (void)status;
    (void)events;
    completions *state = poll->data;
    napi_env env = state->env;
    napi_handle_scope handles;
    napi_callback_scope scope;
    napi_value resource;
    napi_open_handle_scope(env, &handles);
    napi_get_reference_value(env, state->resource, &resource);
    napi_open_callback_scope(env, resource, state->context, &scope);
    fwp_completion done = FWP_COMPLETION_INIT;
    while (fwp_queue_take(state->queue, &done) == 1) {
        pending_call *call = (pending_call *)(uintptr_t)done.tag;
        call->code = done.code;
        call->answer = done.answer;
        done.answer = NULL;
        *call->err = done.error;  /* the call's err now owns the error's errors */
        done.error = (fwp_error)FWP_ERROR_INIT;
        if (--state->in_flight == 0) uv_unref((uv_handle_t *)&state->poll);
        settle(env, call);
    }
    fwp_completion_clear(&done);
    napi_close_callback_scope(env, scope);
    napi_close_handle_scope(env, handles);
}

static void free_completions(uv_handle_t *handle) {
    free(handle->data);
}

/* At the environment's end (a worker thread exits): calls still in flight are dropped with the
 * queue; their memory goes with the process or the worker, as do the environment's references
 * (napi_ calls are not made this late). */
static void end_completions(void *data) {
    completions *state = data;
    uv_poll_stop(&state->poll);
    fwp_queue_free(state->queue);
    uv_close((uv_handle_t *)&state->poll, free_completions);
}

/* This environment's completions (the main thread's, or a worker's), made on first use. */
static completions *completions_of(napi_env env) {
    completions *state = NULL;
    if (napi_get_instance_data(env, (void **)&state) == napi_ok && state) return state;
    uv_loop_t *loop = NULL;
    state = calloc(1, sizeof *state);
    if (!state || napi_get_uv_event_loop(env, &loop) != napi_ok || fwp_queue_new(&state->queue, NULL) != FWP_OK) {
        free(state);
        return NULL;
    }
    state->env = env;
    napi_value resource, name;
    napi_create_object(env, &resource);
    napi_create_string_utf8(env, "fwpay.call", NAPI_AUTO_LENGTH, &name);
    napi_create_reference(env, resource, 1, &state->resource);
    napi_async_init(env, resource, name, &state->context);
    uv_poll_init(loop, &state->poll, fwp_queue_fd(state->queue));
    state->poll.data = state;
    uv_poll_start(&state->poll, UV_READABLE, take_completions);
    uv_unref((uv_handle_t *)&state->poll);
    napi_set_instance_data(env, state, NULL, NULL);
    napi_add_env_cleanup_hook(env, end_completions, state);
    return state;
}

/* The Promise of a call or step `start` starts in the library (its tag: the pending call):
 * `keep` (the client or the iterator) lives until it ends; refused, it settles at once,
 * else it counts as in flight (keeping the loop alive) until its completion is taken, and
 * `*started` (optional) receives its id (0 when refused: the call is freed by then). */
static napi_value launch(napi_env env, completions *state, napi_value keep, pending_call *call,
                         int (*start)(pending_call *call, fwp_queue *queue, uint64_t tag), uint64_t *started) {
    napi_value promise;
    napi_create_reference(env, keep, 1, &call->client_ref);
    napi_create_promise(env, &call->deferred, &promise);
    call->code = start(call, state->queue, (uint64_t)(uintptr_t)call);
    if (started) *started = call->code == FWP_OK ? call->id : 0;
    if (call->code != FWP_OK) settle(env, call);
    else if (state->in_flight++ == 0) uv_ref((uv_handle_t *)&state->poll);
    return promise;
}

static int start_call(pending_call *call, fwp_queue *queue, uint64_t tag) {
    return fwp_call_start(call->client, call->operation, call->args, call->args_length, queue, tag, &call->id, call->err);
}

static int start_step(pending_call *call, fwp_queue *queue, uint64_t tag) {
    return fwp_iter_next_start(call->iter, queue, tag, call->err);
}

/* call(client, operation, argsJson) -> Promise of {text, requestId, idempotencyKey, httpStatus},
 * started in the library (fwp_call_start), with its call id as the Promise's `callId` (for
 * cancel). Arguments the library refuses reject at once. */
static napi_value call_operation(napi_env env, napi_callback_info info) {
    napi_value argv[3];
    void *client = external_arguments(env, info, 3, argv, "call(client, operation, args) needs a client made by newClient");
    if (!client) return NULL;
    completions *state = completions_of(env);
    pending_call *call = state ? calloc(1, sizeof *call) : NULL;
    if (!call) {
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    call->client = client;
    call->operation = string_argument(env, argv[1], "operation", NULL);
    call->args = call->operation ? string_argument(env, argv[2], "args", &call->args_length) : NULL;
    call->err = call->args ? fwp_error_new() : NULL;
    if (!call->err) {
        bool thrown = !call->args;  /* string_argument threw its TypeError */
        free(call->operation);
        free(call->args);
        free(call);
        if (!thrown) napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    uint64_t id = 0;
    napi_value promise = launch(env, state, argv[0], call, start_call, &id);
    if (id != 0) {
        napi_value call_id;
        napi_create_double(env, (double)id, &call_id);  /* a counter: exact far past any process's calls */
        napi_set_named_property(env, promise, "callId", call_id);
    }
    return promise;
}

/* cancel(client, callId): cancels a started call (fwp_call_cancel); its Promise then rejects
 * with the library's cancelled error, or outcome-unknown for a money-moving request that may
 * have been sent. A call that already ended is left alone. */
static napi_value cancel_call(napi_env env, napi_callback_info info) {
    napi_value argv[2];
    const char *usage = "cancel(client, callId) needs a client made by newClient and a call's id";
    void *client = external_arguments(env, info, 2, argv, usage);
    double id = 0;
    if (!client) return NULL;
    /* Ids are counters below 2^53; anything else (NaN, a huge number) is no call's. */
    if (napi_get_value_double(env, argv[1], &id) != napi_ok || !(id >= 1 && id < 9007199254740992.0)) {
        napi_throw_type_error(env, NULL, usage);
        return NULL;
    }
    fwp_call_cancel(client, (uint64_t)id);
    return NULL;
}

static void release_iter(napi_env env, void *data, void *hint) {
    (void)env;
    (void)hint;
    fwp_iter_free(data);
}

/* iterNew(client, operation, argsJson) -> an external holding an iterator over every item of
 * a list; nothing is fetched yet. The iterator keeps the client alive. */
static napi_value iter_new(napi_env env, napi_callback_info info) {
    napi_value argv[3];
    void *client = external_arguments(env, info, 3, argv, "iterNew(client, operation, args) needs a client made by newClient");
    if (!client) return NULL;
    size_t length = 0;
    char *operation = string_argument(env, argv[1], "operation", NULL);
    char *args = operation ? string_argument(env, argv[2], "args", &length) : NULL;
    fwp_error *err = args ? fwp_error_new() : NULL;
    fwp_iter *iter = NULL;
    int code = err ? fwp_iter_new_json(client, operation, args, length, &iter, err) : FWP_E_NO_MEMORY;
    free(operation);
    free(args);
    if (code != FWP_OK) {
        if (err) throw_fwpay_error(env, err);
        fwp_error_free(err);
        return NULL;
    }
    fwp_error_free(err);
    napi_value handle;
    if (napi_create_external(env, iter, release_iter, NULL, &handle) != napi_ok) {
        fwp_iter_free(iter);
        napi_throw_error(env, NULL, "cannot wrap the iterator");
        return NULL;
    }
    return handle;
}

/* iterNext(iter) -> Promise<string> of the next item's JSON text, "null" at the end: a step
 * started in the library (fwp_iter_next_start), its page fetched by the client's I/O thread.
 * One step at a time per iterator. */
static napi_value iter_next(napi_env env, napi_callback_info info) {
    napi_value argv[1];
    void *iter = external_arguments(env, info, 1, argv, "iterNext(iter) needs an iterator made by iterNew");
    if (!iter) return NULL;
    completions *state = completions_of(env);
    pending_call *call = state ? calloc(1, sizeof *call) : NULL;
    if (call) call->err = fwp_error_new();
    if (!call || !call->err) {
        free(call);
        napi_throw_error(env, NULL, "out of memory");
        return NULL;
    }
    call->iter = iter;
    return launch(env, state, argv[0], call, start_step, NULL);
}

/* A Buffer or string argument's bytes (borrowed for the duration of the call). */
static int bytes_argument(napi_env env, napi_value value, const char **data, size_t *length) {
    bool is_buffer = false;
    napi_is_buffer(env, value, &is_buffer);
    if (!is_buffer) {
        napi_throw_type_error(env, NULL, "body must be a Buffer (the raw bytes as received)");
        return 0;
    }
    void *raw = NULL;
    napi_get_buffer_info(env, value, &raw, length);
    *data = raw ? raw : "";
    return 1;
}

/* verifyNotification(body: Buffer, digest, secret): throws unless the digest matches. */
static napi_value verify_notification(napi_env env, napi_callback_info info) {
    size_t argc = 3;
    napi_value argv[3];
    CHECK_NAPI(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 3) {
        napi_throw_type_error(env, NULL, "verifyNotification(body, digest, secret)");
        return NULL;
    }
    const char *body;
    size_t length;
    if (!bytes_argument(env, argv[0], &body, &length)) return NULL;
    char *digest = string_argument(env, argv[1], "digest", NULL);
    char *secret = digest ? string_argument(env, argv[2], "secret", NULL) : NULL;
    if (!secret) {
        free(digest);
        return NULL;
    }
    fwp_error *err = fwp_error_new();
    int code = err ? fwp_notification_verify(body, length, digest, secret, err) : FWP_E_NO_MEMORY;
    memset(secret, 0, strlen(secret));
    free(secret);
    free(digest);
    if (code != FWP_OK) throw_fwpay_error(env, err);
    fwp_error_free(err);
    return NULL;
}

/* signNotification(body: Buffer, secret) -> the X-Flywire-Digest value. */
static napi_value sign_notification(napi_env env, napi_callback_info info) {
    size_t argc = 2;
    napi_value argv[2];
    CHECK_NAPI(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 2) {
        napi_throw_type_error(env, NULL, "signNotification(body, secret)");
        return NULL;
    }
    const char *body;
    size_t length;
    if (!bytes_argument(env, argv[0], &body, &length)) return NULL;
    char *secret = string_argument(env, argv[1], "secret", NULL);
    if (!secret) return NULL;
    fwp_error *err = fwp_error_new();
    char *digest = NULL;
    int code = err ? fwp_notification_sign(body, length, secret, &digest, err) : FWP_E_NO_MEMORY;
    memset(secret, 0, strlen(secret));
    free(secret);
    napi_value result = NULL;
    if (code == FWP_OK) napi_create_string_utf8(env, digest, NAPI_AUTO_LENGTH, &result); else throw_fwpay_error(env, err);
    fwp_free(digest);
    fwp_error_free(err);
    return result;
}

/* parseNotification(body: Buffer) -> JSON text of fwp_notification_parse's shape. */
static napi_value parse_notification(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1];
    CHECK_NAPI(env, napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
    if (argc < 1) {
        napi_throw_type_error(env, NULL, "parseNotification(body)");
        return NULL;
    }
    const char *body;
    size_t length;
    if (!bytes_argument(env, argv[0], &body, &length)) return NULL;
    fwp_error *err = fwp_error_new();
    char *text = NULL;
    int code = err ? fwp_notification_parse_json(body, length, &text, err) : FWP_E_NO_MEMORY;
    napi_value result = NULL;
    if (code == FWP_OK) napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &result); else throw_fwpay_error(env, err);
    fwp_free(text);
    fwp_error_free(err);
    return result;
}

static napi_value library_version(napi_env env, napi_callback_info info) {
    (void)info;
    napi_value result;
    CHECK_NAPI(env, napi_create_string_utf8(env, fwp_version(), NAPI_AUTO_LENGTH, &result));
    return result;
}

static napi_value init(napi_env env, napi_value exports) {
    if (fwp_global_init() != FWP_OK) {
        napi_throw_error(env, NULL, "fwp_global_init failed");
        return NULL;
    }
    napi_property_descriptor functions[] = {
        {"newClient", NULL, new_client, NULL, NULL, NULL, napi_default, NULL},
        {"call", NULL, call_operation, NULL, NULL, NULL, napi_default, NULL},
        {"cancel", NULL, cancel_call, NULL, NULL, NULL, napi_default, NULL},
        {"iterNew", NULL, iter_new, NULL, NULL, NULL, napi_default, NULL},
        {"iterNext", NULL, iter_next, NULL, NULL, NULL, napi_default, NULL},
        {"verifyNotification", NULL, verify_notification, NULL, NULL, NULL, napi_default, NULL},
        {"signNotification", NULL, sign_notification, NULL, NULL, NULL, napi_default, NULL},
        {"parseNotification", NULL, parse_notification, NULL, NULL, NULL, napi_default, NULL},
        {"libraryVersion", NULL, library_version, NULL, NULL, NULL, napi_default, NULL},
    };
    CHECK_NAPI(env, napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions));
    return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
