/* fwpay_ffi.h: the declarations of libfwpay for foreign-function interfaces that parse C
 * declarations (LuaJIT's ffi.cdef, PHP's FFI::cdef, Python's cffi, JNA and ruby-ffi by
 * hand): no includes, no macros, no nullability annotations. json_t and fwp_error are
 * opaque (fwp_error_new, fwp_error_json and fwp_error_free read an error without its
 * layout); the numeric constants are enums. Written by scripts/gen-header.py from the same
 * sources as fwpay.h, whose comments document every function; checked for drift in make test.
 */
typedef struct json_t json_t;
typedef struct fwp_error fwp_error;
enum {
    FWP_VERSION_MAJOR = 0,
    FWP_VERSION_MINOR = 2,
    FWP_VERSION_PATCH = 0,
    FWP_VERSION_NUM = 200,
    FWP_IDENTIFIER_MAX = 64,
    FWP_API_KEY_MAX = 256,
    FWP_IDEMPOTENCY_KEY_MAX = 100,
    FWP_CONNECT_TIMEOUT_MS_MAX = 600000,
    FWP_TIMEOUT_MS_MAX = 3600000,
    FWP_MAX_RETRIES_MAX = 10,
    FWP_IDLE_CONNECTION_MS_MIN = 1000,
    FWP_IDLE_CONNECTION_MS_MAX = 3600000,
    FWP_ERROR_MESSAGE_SIZE = 512,
    FWP_ERROR_ID_SIZE = 128,
    FWP_CLIENT_OPTIONS_VERSION = 7,
    FWP_EVENT_VERSION = 2,
    FWP_CLIENT_HOOKS_VERSION = 1,
    FWP_CALL_OPTIONS_VERSION = 1,
    FWP_COMPLETION_VERSION = 1
};

enum fwp_code {
    FWP_OK = 0,
    FWP_E_INVALID_ARGUMENT = -1,
    FWP_E_INVALID_JSON = -2,
    FWP_E_INVALID_REQUEST = -3,
    FWP_E_AUTHENTICATION = -4,
    FWP_E_NOT_FOUND = -5,
    FWP_E_RATE_LIMITED = -6,
    FWP_E_SERVER = -7,
    FWP_E_HTTP = -8,
    FWP_E_CONNECTION = -9,
    FWP_E_TIMEOUT = -10,
    FWP_E_OUTCOME_UNKNOWN = -11,
    FWP_E_BAD_RESPONSE = -12,
    FWP_E_NO_MEMORY = -13,
    FWP_E_SIGNATURE = -14,
    FWP_E_TLS = -15,
    FWP_E_CANCELLED = -16
};

enum fwp_log_level {
    FWP_LOG_ERROR = 0,
    FWP_LOG_WARNING = 1,
    FWP_LOG_INFO = 2,
    FWP_LOG_DEBUG = 3
};

typedef void (*fwp_log_callback)(int level, const char *line, void *userdata);

enum fwp_event_type {
    FWP_EVENT_CALL_START = 1,
    FWP_EVENT_ATTEMPT_END = 2,
    FWP_EVENT_CALL_END = 3
};

enum fwp_event_types {
    FWP_EVENTS_ALL = 0,
    FWP_EVENTS_CALL_START = 2,
    FWP_EVENTS_ATTEMPT_END = 4,
    FWP_EVENTS_CALL_END = 8
};

typedef struct fwp_event {
    int version;
    int type;
    long long call_id;
    long long time_unix_nano;
    const char *method;
    const char *url_template;
    const char *server_address;
    int server_port;
    int attempt;
    int http_status;
    int error;
    const char *error_type;
    const char *request_id;
    double duration_ms;
    double dns_ms;
    double connect_ms;
    double tls_ms;
    double first_byte_ms;
    int new_connection;
    uint64_t tag;
} fwp_event;

typedef void (*fwp_event_callback)(const fwp_event *event, void *userdata);

typedef struct fwp_client_options {
    int version;
    const char *base_url;
    const char *api_key;
    long connect_timeout_ms;
    long timeout_ms;
    int max_retries;
    int allow_insecure_http;
    fwp_log_callback log_callback;
    void *log_userdata;
    int log_level;
    long max_idle_connection_ms;
    const char *ca_bundle;
    int server_deduplicates;
    const char *user_agent;
    const char *proxy;
    const char *no_proxy;
    const char *client_cert;
    const char *client_key;
    fwp_event_callback event_callback;
    void *event_userdata;
    int event_types;
    int max_in_flight;
    int max_host_connections;
    int max_requests_per_minute;
} fwp_client_options;

typedef struct fwp_client_hooks {
    int version;
    fwp_log_callback log_callback;
    void *log_userdata;
    fwp_event_callback event_callback;
    void *event_userdata;
    int event_types;
} fwp_client_hooks;

typedef struct fwp_call_options {
    int version;
    const char *idempotency_key;
    long timeout_ms;
    int max_retries;
} fwp_call_options;

typedef struct fwp_iter fwp_iter;

typedef struct fwp_client fwp_client;

typedef struct fwp_queue fwp_queue;

int fwp_bundle_approve(fwp_client * client, char const * bundle_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_bundle_get(fwp_client * client, char const * bundle_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_bundle_list(fwp_client * client, int page, int per_page, fwp_call_options const * options, json_t * * out, fwp_error * err);
char * fwp_ca_bundle(void);
int fwp_call(fwp_client * client, char const * operation, char const * args, size_t len, char * * out, fwp_error * err);
int fwp_call_cancel(fwp_client * client, uint64_t call);
int fwp_call_start(fwp_client * client, char const * operation, char const * args, size_t len, fwp_queue * queue, uint64_t tag, uint64_t * out_call, fwp_error * err);
void fwp_client_free(fwp_client * client);
int fwp_client_new(char const * base_url, char const * api_key, fwp_client * * out_client, fwp_error * err);
int fwp_client_new_json(char const * settings, size_t len, fwp_client * * out_client, fwp_error * err);
int fwp_client_new_json_hooked(char const * settings, size_t len, fwp_client_hooks const * hooks, fwp_client * * out_client, fwp_error * err);
int fwp_client_new_json_logged(char const * settings, size_t len, fwp_log_callback log_callback, void * log_userdata, fwp_client * * out_client, fwp_error * err);
int fwp_client_new_with_options(fwp_client_options const * options, fwp_client * * out_client, fwp_error * err);
int fwp_client_options_init(fwp_client_options * options);
void fwp_error_clear(fwp_error * err);
void fwp_error_free(fwp_error * err);
int fwp_error_http_status(fwp_error const * err);
char const * fwp_error_idempotency_key(fwp_error const * err);
int fwp_error_json(fwp_error const * err, char * * out);
fwp_error * fwp_error_new(void);
char const * fwp_error_request_id(fwp_error const * err);
void fwp_free(void * pointer);
int fwp_global_init(void);
void fwp_iter_free(fwp_iter * iter);
int fwp_iter_new(fwp_client * client, char const * list, json_t const * filters, int per_page, fwp_call_options const * options, fwp_iter * * out_iter, fwp_error * err);
int fwp_iter_new_json(fwp_client * client, char const * operation, char const * args, size_t len, fwp_iter * * out_iter, fwp_error * err);
int fwp_iter_next(fwp_iter * iter, json_t * * out, fwp_error * err);
int fwp_iter_next_json(fwp_iter * iter, char * * out, fwp_error * err);
int fwp_iter_next_start(fwp_iter * iter, fwp_queue * queue, uint64_t tag, fwp_error * err);
int fwp_json_dump(json_t const * value, char * * out, fwp_error * err);
int fwp_json_parse(char const * text, size_t len, json_t * * out, fwp_error * err);
void fwp_json_release(json_t * value);
int fwp_notification_parse(char const * body, size_t len, json_t * * out, fwp_error * err);
int fwp_notification_parse_json(char const * body, size_t len, char * * out, fwp_error * err);
int fwp_notification_sign(char const * body, size_t len, char const * secret, char * * out, fwp_error * err);
int fwp_notification_verify(char const * body, size_t len, char const * digest, char const * secret, fwp_error * err);
int fwp_offer_list(fwp_client * client, char const * recipient_id, int64_t amount, char const * country, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_charge(fwp_client * client, char const * order_id, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_check(fwp_client * client, char const * order_id, char const * portal_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_create(fwp_client * client, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_get(fwp_client * client, char const * order_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_list(fwp_client * client, json_t const * filters, int page, int per_page, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_order_update(fwp_client * client, char const * order_id, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_adjust(fwp_client * client, char const * payment_reference, int64_t amount, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_cancel(fwp_client * client, char const * payment_reference, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_capture(fwp_client * client, char const * payment_reference, int64_t amount, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_charge(fwp_client * client, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_get(fwp_client * client, char const * payment_reference, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_list(fwp_client * client, json_t const * filters, int page, int per_page, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_process(fwp_client * client, char const * payment_reference, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_payment_receipt(fwp_client * client, char const * payment_reference, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_queue_fd(fwp_queue * queue);
void fwp_queue_free(fwp_queue * queue);
int fwp_queue_new(fwp_queue * * out_queue, fwp_error * err);
int fwp_queue_take_text(fwp_queue * queue, uint64_t * out_tag, int * out_code, char * * out, fwp_error * err);
int fwp_queue_wait(fwp_queue * queue, int timeout_ms);
int fwp_recipient_get(fwp_client * client, char const * recipient_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_recipient_list(fwp_client * client, int page, int per_page, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_recipient_search(fwp_client * client, char const * name, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_refund_cancel(fwp_client * client, char const * refund_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_refund_create(fwp_client * client, char const * payment_reference, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_refund_get(fwp_client * client, char const * refund_id, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_refund_list(fwp_client * client, json_t const * filters, int page, int per_page, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_request(fwp_client * client, char const * method, char const * path, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_session_confirm(fwp_client * client, char const * session, fwp_call_options const * options, json_t * * out, fwp_error * err);
int fwp_session_create(fwp_client * client, json_t const * body, fwp_call_options const * options, json_t * * out, fwp_error * err);
char const * fwp_strerror(int code);
char const * fwp_version(void);
