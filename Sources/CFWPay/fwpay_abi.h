/* The C types of fwpay's public ABI.
 *
 * The Swift core compiles against this file, and scripts/gen-header.py copies the part
 * between the BEGIN and END markers into include/fwpay.h, so the types the library uses
 * and the types its users see are the same text. Codes are only ever appended: a released
 * FWP_E_ value never changes meaning. */
#ifndef FWPAY_ABI_H
#define FWPAY_ABI_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

/* BEGIN PUBLIC ABI */
/* ---- Version ------------------------------------------------------------------------ */

/* BEGIN VERSION (scripts/version.py writes it from VERSION) */
#define FWP_VERSION_MAJOR 0
#define FWP_VERSION_MINOR 2
#define FWP_VERSION_PATCH 0
/** The version as one number: major * 10000 + minor * 100 + patch. */
#define FWP_VERSION_NUM 200
/** The version as text; fwp_version() returns the version of the library actually loaded. */
#define FWP_VERSION_STRING "0.2.0"
/* END VERSION */

/** Flywire's production and sandbox base URLs (fwp_client_options.base_url). */
#define FWP_BASE_URL_PRODUCTION "https://api-platform.flywire.com/payments/v1"
#define FWP_BASE_URL_SANDBOX "https://api-platform-sandbox.flywire.com/payments/v1"

/* ---- Limits -------------------------------------------------------------------------
 * What the library accepts, defined once here: the core checks against these, and the
 * Python package and the fwpay command read the same values (scripts/gen-header.py writes
 * them into bindings/python/fwpay/_abi.py). */

/** Bytes of an identifier argument (order id, payment reference, recipient id...). */
#define FWP_IDENTIFIER_MAX 64
/** Bytes of an API key. */
#define FWP_API_KEY_MAX 256
/** Characters of a caller-chosen Idempotency-Key. */
#define FWP_IDEMPOTENCY_KEY_MAX 100
/** The longest connect timeout, in milliseconds (10 minutes). */
#define FWP_CONNECT_TIMEOUT_MS_MAX 600000L
/** The longest timeout of a whole request, in milliseconds (1 hour). */
#define FWP_TIMEOUT_MS_MAX 3600000L
/** The most retries of one call. */
#define FWP_MAX_RETRIES_MAX 10
/** Bounds of max_idle_connection_ms, in milliseconds. */
#define FWP_IDLE_CONNECTION_MS_MIN 1000L
#define FWP_IDLE_CONNECTION_MS_MAX 3600000L

/* ---- Result codes --------------------------------------------------------------------
 * Every function returns FWP_OK (0) or one of these negative codes. fwp_strerror() names
 * them. Their absolute values stay below 64 so that the fwpay command can exit with them. */
enum fwp_code {
    /** Success. */
    FWP_OK = 0,
    /** An argument was NULL, too long, not UTF-8, or out of range; nothing was sent. */
    FWP_E_INVALID_ARGUMENT = -1,
    /** Text given to fwp_json_parse() is not valid JSON; nothing was sent. */
    FWP_E_INVALID_JSON = -2,
    /** The request was refused as invalid: by local validation before sending (http_status 0)
     *  or by the server (400 or 422). err->errors lists each problem. */
    FWP_E_INVALID_REQUEST = -3,
    /** The server rejected the API key (401). */
    FWP_E_AUTHENTICATION = -4,
    /** The resource does not exist or is not visible to this API key (404). */
    FWP_E_NOT_FOUND = -5,
    /** Too many requests (429). Never retried automatically: wait before trying again. */
    FWP_E_RATE_LIMITED = -6,
    /** The server failed (5xx). */
    FWP_E_SERVER = -7,
    /** Another HTTP error status (for example 403, 405, 409, 413). */
    FWP_E_HTTP = -8,
    /** The request never reached the server (DNS, connection refused, TLS handshake). */
    FWP_E_CONNECTION = -9,
    /** A request that changes nothing (GET) timed out. */
    FWP_E_TIMEOUT = -10,
    /** A request that may move money was sent but no answer came back: it may or may not
     *  have taken effect. err->idempotency_key identifies it; reconcile before retrying. */
    FWP_E_OUTCOME_UNKNOWN = -11,
    /** The server answered 2xx with a body that is not the JSON expected. */
    FWP_E_BAD_RESPONSE = -12,
    /** Memory could not be allocated. */
    FWP_E_NO_MEMORY = -13,
    /** A notification's X-Flywire-Digest does not match its body and the shared secret. */
    FWP_E_SIGNATURE = -14,
    /** TLS failed: the server's certificate is not trusted (a proxy or a private CA signed it:
     *  give that CA as ca_bundle, $FWPAY_CA_BUNDLE or $SSL_CERT_FILE), names another host, or
     *  the handshake failed. Nothing was sent; never retried. Since 0.3. */
    FWP_E_TLS = -15,
    /** The call was cancelled (fwp_call_cancel) before its answer came, and either nothing was
     *  sent or the request changes nothing. A money-moving request that may have been sent
     *  completes with FWP_E_OUTCOME_UNKNOWN instead. Since 0.3. */
    FWP_E_CANCELLED = -16
};

/* ---- Error detail --------------------------------------------------------------------- */

/** Sizes of the text fields of fwp_error, terminating NUL included. */
#define FWP_ERROR_MESSAGE_SIZE 512
#define FWP_ERROR_ID_SIZE 128

/** Detail of a failed call, filled by any function that takes an fwp_error *err.
 *
 * Allocate it yourself (on the stack is fine) and initialise it with FWP_ERROR_INIT or
 * memset to zero before its first use. Each call that receives it first clears what a
 * previous call left in it, so one fwp_error can serve many calls; call fwp_error_clear()
 * once when you are done with it to release `errors`. Text is UTF-8, NUL-terminated, and
 * never contains the API key. */
typedef struct fwp_error {
    /** The FWP_E_ code the call returned (FWP_OK after a successful call). */
    int code;
    /** HTTP status of the server's answer, or 0 when no answer was received or the
     *  request was refused locally before sending. */
    int http_status;
    /** libcurl's CURLcode for transport failures, else 0. */
    int curl_code;
    /** What went wrong, in one sentence that names the bad argument or field. */
    char message[FWP_ERROR_MESSAGE_SIZE];
    /** The server's X-Request-Id, when it sent one ("" otherwise): quote it to support. */
    char request_id[FWP_ERROR_ID_SIZE];
    /** The Idempotency-Key the request was sent with ("" for requests without one). */
    char idempotency_key[FWP_ERROR_ID_SIZE];
    /** The problem's errors array, [{"source", "param", "type", "message"}, ...], as the
     *  server sent it or as local validation built it; NULL when there is none. Owned by
     *  this struct: released by fwp_error_clear() and by the next call that reuses it. */
    json_t *errors;
} fwp_error;

/** Initialiser for fwp_error: fwp_error err = FWP_ERROR_INIT; */
#define FWP_ERROR_INIT { 0, 0, 0, { 0 }, { 0 }, { 0 }, NULL }

/* ---- Client options --------------------------------------------------------------------- */

/** The version of fwp_client_options this header describes (2 added ca_bundle, 3
 *  server_deduplicates, 4 user_agent, 5 proxy, no_proxy, client_cert and client_key, 6
 *  event_callback and event_userdata, 7 max_in_flight, max_host_connections and
 *  max_requests_per_minute). */
#define FWP_CLIENT_OPTIONS_VERSION 7

/* ---- Logging --------------------------------------------------------------------------- */

/** Log levels, most severe first; a client logs lines at or above its log_level. */
enum fwp_log_level {
    FWP_LOG_ERROR = 0,
    FWP_LOG_WARNING = 1,
    FWP_LOG_INFO = 2,
    FWP_LOG_DEBUG = 3
};

/** Receives one log line (NUL-terminated, without newline, never containing the API key or a
 *  shared secret). Called from the thread making the request: it must be thread-safe when
 *  the client is shared. The line is only valid during the call. */
typedef void (*fwp_log_callback)(int level, const char *line, void *userdata);

/* ---- Telemetry -------------------------------------------------------------------------- */

/** The version of fwp_event this header describes (2 added tag). */
#define FWP_EVENT_VERSION 2

/** What an fwp_event reports. Each call (one operation, its retries included) gives one
 *  FWP_EVENT_CALL_START, one FWP_EVENT_ATTEMPT_END per HTTP exchange tried, then one
 *  FWP_EVENT_CALL_END; a call refused before anything was sent (a bad argument) gives none. */
enum fwp_event_type {
    FWP_EVENT_CALL_START = 1,
    FWP_EVENT_ATTEMPT_END = 2,
    FWP_EVENT_CALL_END = 3
};

/** Bits of fwp_client_options.event_types and fwp_client_hooks.event_types. */
enum fwp_event_types {
    FWP_EVENTS_ALL = 0,
    FWP_EVENTS_CALL_START = 2,
    FWP_EVENTS_ATTEMPT_END = 4,
    FWP_EVENTS_CALL_END = 8
};

/** One telemetry event, for tracing and metrics (docs/production.md, "Telemetry"). Its strings
 *  are valid only during the callback; none holds the API key, a body, or a query string. */
typedef struct fwp_event {
    /** FWP_EVENT_VERSION: later versions may add fields at the end. */
    int version;
    /** FWP_EVENT_CALL_START, FWP_EVENT_ATTEMPT_END or FWP_EVENT_CALL_END. */
    int type;
    /** The same for every event of one call, and unique within the process. */
    long long call_id;
    /** When the event happened: nanoseconds since the Unix epoch (CLOCK_REALTIME). */
    long long time_unix_nano;
    /** "GET", "POST", "PATCH" or "DELETE". */
    const char *method;
    /** The path's template below the base URL, without the query ("/recipients/{id}"), or NULL
     *  for a call whose template the library does not know (fwp_request's own path). */
    const char *url_template;
    /** The host and port of the base URL (the server, not a proxy). */
    const char *server_address;
    int server_port;
    /** The attempt this event ends, from 1 (FWP_EVENT_ATTEMPT_END); the attempts made
     *  (FWP_EVENT_CALL_END); 0 (FWP_EVENT_CALL_START). */
    int attempt;
    /** The HTTP status answered, or 0 when there was no answer (or at the start). */
    int http_status;
    /** FWP_OK, or the FWP_E_ code of this attempt's failure or of the call's. */
    int error;
    /** The error's kind as fwp_error_json names it ("timeout", "not_found", "tls"...), or NULL
     *  when error is FWP_OK. */
    const char *error_type;
    /** The server's X-Request-Id, or NULL. */
    const char *request_id;
    /** How long the attempt took (FWP_EVENT_ATTEMPT_END), or the whole call with its pauses
     *  between retries (FWP_EVENT_CALL_END), in milliseconds; 0 at the start. */
    double duration_ms;
    /** libcurl's timings of the attempt (FWP_EVENT_ATTEMPT_END), or of the last attempt
     *  (FWP_EVENT_CALL_END), in milliseconds from its start until the name was resolved, the
     *  connection made, the TLS handshake done (0 for plain http) and the first byte of the
     *  answer came (0 when none came); -1 at the start. A reused connection resolves and
     *  connects in 0. */
    double dns_ms;
    double connect_ms;
    double tls_ms;
    double first_byte_ms;
    /** 1 when the attempt (or the last one) opened a new connection, 0 when it reused one. */
    int new_connection;
    /** The tag given to fwp_call_start for a started call's events, 0 for a blocking call's:
     *  a binding finds the context the call was started in by it. Since version 2 (0.3). */
    uint64_t tag;
} fwp_event;

/** Receives one telemetry event. Called on the thread making the request (a started call's
 *  on the client's I/O thread), synchronously: it
 *  must be quick and thread-safe when the client is shared, and must not call the client. */
typedef void (*fwp_event_callback)(const fwp_event *event, void *userdata);

/** Settings for fwp_client_new_with_options(). Fill it with fwp_client_options_init() (or
 *  FWP_CLIENT_OPTIONS_INIT), then change what you need. Strings are copied by the call. */
typedef struct fwp_client_options {
    /** FWP_CLIENT_OPTIONS_VERSION; lets later versions of the library add fields. */
    int version;
    /** Base URL of the API, without a trailing slash needed; NULL means
     *  FWP_BASE_URL_PRODUCTION. Plain http is refused unless the host is loopback
     *  (127.0.0.0/8, localhost, [::1]) or allow_insecure_http is set. */
    const char *base_url;
    /** The X-Authentication-Key sent with every request. Required. */
    const char *api_key;
    /** Time allowed to establish a connection, in milliseconds (default 30000, at most
     *  FWP_CONNECT_TIMEOUT_MS_MAX). */
    long connect_timeout_ms;
    /** Time allowed for a whole request, in milliseconds (default 80000, at most
     *  FWP_TIMEOUT_MS_MAX). */
    long timeout_ms;
    /** Retries after failures that are safe to retry (default 2, at most FWP_MAX_RETRIES_MAX). */
    int max_retries;
    /** Non-zero to allow plain http to a host that is not loopback (default 0). */
    int allow_insecure_http;
    /** Receives log lines; NULL (default): $FWPAY_LOG (debug, info, warning or error) writes
     *  the lines of that level and above to stderr, and unset, nothing is logged. */
    fwp_log_callback log_callback;
    /** Passed to log_callback as is. */
    void *log_userdata;
    /** The most detailed level logged (default FWP_LOG_WARNING). */
    int log_level;
    /** Kept-alive connections idle longer than this are closed instead of reused, in
     *  milliseconds (default 20000; keep it below the server's keep-alive timeout). */
    long max_idle_connection_ms;
    /** A file of PEM CA certificates that TLS trusts instead of the system's; NULL (default)
     *  for $FWPAY_CA_BUNDLE, else $SSL_CERT_FILE, else the system's bundle, found at run time on Debian, Ubuntu,
     *  Fedora, RHEL, SUSE and Alpine (see fwp_ca_bundle). Since version 2 (0.2). */
    const char *ca_bundle;
    /** Non-zero when the server is known to deduplicate POSTs by Idempotency-Key (fwpay-sandbox
     *  does; Flywire documents no idempotency): a POST sent but unanswered is then retried with
     *  the same key, and libcurl may resend it on a new connection. 0 (default): such a POST
     *  returns FWP_E_OUTCOME_UNKNOWN and is never sent twice. Only this setting decides: no
     *  answer of a server (an echoed Idempotency-Key included) changes it. Since version 3. */
    int server_deduplicates;
    /** What follows "fwpay/VERSION" in the User-Agent: a binding's language and runtime
     *  ("python/3.11.7"), or NULL (default) for nothing. Printable ASCII, at most 128 bytes.
     *  Since version 4 (0.3). */
    const char *user_agent;
    /** The proxy every request goes through ("http://proxy.example:3128", "https://...",
     *  "socks5h://..."; credentials may be in it and are never logged), "" for none at all, or
     *  NULL (default) for libcurl's environment: $HTTPS_PROXY, $https_proxy, $ALL_PROXY with
     *  $NO_PROXY. Since version 5 (0.3). */
    const char *proxy;
    /** Hosts reached without the proxy: comma-separated names or domains ("localhost,
     *  .internal"), or "*" for all; NULL (default) for $NO_PROXY. Since version 5 (0.3). */
    const char *no_proxy;
    /** For mutual TLS: a PEM file of the client's certificate (and chain), and of its private
     *  key (unencrypted; it may be the same file), both or neither; NULL (default) for none.
     *  Since version 5 (0.3). */
    const char *client_cert;
    const char *client_key;
    /** Receives telemetry events (fwp_event); NULL (default) for none, at no cost. Since
     *  version 6 (0.3). */
    fwp_event_callback event_callback;
    /** Passed to event_callback as is. */
    void *event_userdata;
    /** The events event_callback receives: FWP_EVENTS_ALL (0, the default), or an OR of
     *  FWP_EVENTS_CALL_START, FWP_EVENTS_ATTEMPT_END and FWP_EVENTS_CALL_END (a binding whose
     *  callbacks are dear may take the call's end alone, which holds the last attempt's
     *  timings). Since version 6 (0.3). */
    int event_types;
    /** Started calls' requests (fwp_call_start) in flight at once, 1 to 100000 (default 1000);
     *  more wait their turn in a list, not on threads. Since version 7 (0.3). */
    int max_in_flight;
    /** Connections to one host at once for started calls; 0 (default) for no bound but
     *  max_in_flight. Since version 7 (0.3). */
    int max_host_connections;
    /** Requests a minute the client sends at most, retries included, 0 (default) for no bound:
     *  a request beyond it waits its turn (a blocking call sleeps; a started call waits in the
     *  library), or fails with FWP_E_RATE_LIMITED, unsent, when the wait would outlast its
     *  timeout. A third-party profile says Flywire blocks an IP for 10 minutes past 500 requests
     *  a minute. At most 100000. Since version 7 (0.3). */
    int max_requests_per_minute;
} fwp_client_options;

/** Initialiser for fwp_client_options with the defaults. */
#define FWP_CLIENT_OPTIONS_INIT { FWP_CLIENT_OPTIONS_VERSION, NULL, NULL, 30000L, 80000L, 2, 0, NULL, NULL, FWP_LOG_WARNING, 20000L, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 1000, 0, 0 }

/** The version of fwp_client_hooks this header describes. */
#define FWP_CLIENT_HOOKS_VERSION 1

/** The callbacks of a client made from JSON settings (fwp_client_new_json_hooked), for
 *  bindings: what cannot be JSON. Each NULL callback is not called. */
typedef struct fwp_client_hooks {
    /** FWP_CLIENT_HOOKS_VERSION. */
    int version;
    /** Receives log lines at or above the settings' "log_level" (as fwp_client_options). */
    fwp_log_callback log_callback;
    void *log_userdata;
    /** Receives telemetry events, those of event_types (as fwp_client_options). */
    fwp_event_callback event_callback;
    void *event_userdata;
    int event_types;
} fwp_client_hooks;

/** Initialiser for fwp_client_hooks: no callbacks. */
#define FWP_CLIENT_HOOKS_INIT { FWP_CLIENT_HOOKS_VERSION, NULL, NULL, NULL, NULL, 0 }

/* ---- Per-call options -------------------------------------------------------------------- */

/** The version of fwp_call_options this header describes. */
#define FWP_CALL_OPTIONS_VERSION 1

/** Settings for one call, passed as the options argument of an operation (NULL for the
 *  client's settings). Initialise with FWP_CALL_OPTIONS_INIT. */
typedef struct fwp_call_options {
    /** FWP_CALL_OPTIONS_VERSION. */
    int version;
    /** The Idempotency-Key of a POST (1 to 100 printable ASCII characters), e.g. your own
     *  order number, so that a retry you make after FWP_E_OUTCOME_UNKNOWN carries the same
     *  key; NULL for a random UUID. Ignored for GETs. The key sent is reported back in
     *  err->idempotency_key. */
    const char *idempotency_key;
    /** Time allowed for this call, in milliseconds; 0 for the client's timeout_ms. */
    long timeout_ms;
    /** Retries for this call; -1 for the client's max_retries. */
    int max_retries;
} fwp_call_options;

/** Initialiser for fwp_call_options: the client's settings and a random idempotency key. */
#define FWP_CALL_OPTIONS_INIT { FWP_CALL_OPTIONS_VERSION, NULL, 0L, -1 }

/** Opaque page iterator: create with fwp_iter_new(), release with fwp_iter_free(). */
typedef struct fwp_iter fwp_iter;

/** Opaque client handle: create with fwp_client_new(), release with fwp_client_free(). */
typedef struct fwp_client fwp_client;

/* ---- Calls without a thread each ------------------------------------------------------ */

/** Opaque completion queue: where started calls (fwp_call_start) end. Create with
 *  fwp_queue_new(), release with fwp_queue_free(). Its descriptor (fwp_queue_fd) is readable
 *  exactly while a completion waits: watch it with poll(2), epoll, libuv's uv_poll or asyncio's
 *  add_reader, then take the completions with fwp_queue_take(). Since 0.3. */
typedef struct fwp_queue fwp_queue;

/** The version of fwp_completion this header describes. */
#define FWP_COMPLETION_VERSION 1

/** A started call's end, filled by fwp_queue_take(). Initialise it with FWP_COMPLETION_INIT;
 *  release what it holds with fwp_completion_clear() (each take clears it first, so one
 *  struct can serve many takes). Since 0.3. */
typedef struct fwp_completion {
    /** FWP_COMPLETION_VERSION: later versions may add fields at the end. */
    int version;
    /** The tag given to fwp_call_start(). */
    uint64_t tag;
    /** FWP_OK, or the FWP_E_ code the call ended with (as fwp_call would have returned). */
    int code;
    /** On FWP_OK, the answer as NUL-terminated JSON text (as fwp_call's out); NULL otherwise. */
    char *answer;
    /** The failure's detail, or after FWP_OK the request id, the idempotency key sent and
     *  the HTTP status, as fwp_call's err. */
    fwp_error error;
} fwp_completion;

/** Initialiser for fwp_completion: fwp_completion done = FWP_COMPLETION_INIT; */
#define FWP_COMPLETION_INIT { FWP_COMPLETION_VERSION, 0, 0, NULL, FWP_ERROR_INIT }
/* END PUBLIC ABI */

#endif /* FWPAY_ABI_H */
