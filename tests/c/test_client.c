/* The library without a server: versions, error names, JSON helpers, client options, and
 * bad arguments to every function (NULL, too long, not UTF-8, out of range). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static void versions_and_names(void) {
    CHECK(strcmp(fwp_version(), FWP_VERSION_STRING) == 0, "library %s, header %s", fwp_version(), FWP_VERSION_STRING);
    CHECK(FWP_VERSION_NUM == FWP_VERSION_MAJOR * 10000 + FWP_VERSION_MINOR * 100 + FWP_VERSION_PATCH, "FWP_VERSION_NUM");
    CHECK(fwp_global_init() == FWP_OK, "global init");
    CHECK(fwp_global_init() == FWP_OK, "global init twice");
    CHECK(strcmp(fwp_strerror(FWP_OK), "success") == 0, "%s", fwp_strerror(FWP_OK));
    CHECK(strstr(fwp_strerror(FWP_E_OUTCOME_UNKNOWN), "outcome unknown") != NULL, "%s", fwp_strerror(FWP_E_OUTCOME_UNKNOWN));
    CHECK(strstr(fwp_strerror(-999), "unknown") != NULL, "%s", fwp_strerror(-999));
    CHECK(strstr(fwp_strerror(42), "unknown") != NULL, "%s", fwp_strerror(42));
    fwp_error_clear(NULL);
    fwp_client_free(NULL);
    fwp_json_release(NULL);
    fwp_free(NULL);
}

static void json_helpers(void) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *value = NULL;
    const char *text = "{\"amount\": 12025, \"name\": \"J\\u00f6rg\", \"list\": [1, 2.5, null, true]}";
    CHECK(fwp_json_parse(text, strlen(text), &value, &err) == FWP_OK, "%s", ERR(err));
    CHECK(json_integer_value(json_object_get(value, "amount")) == 12025, "amount");
    char *dumped = NULL;
    CHECK(fwp_json_dump(value, &dumped, &err) == FWP_OK && dumped, "%s", ERR(err));
    CHECK(dumped && strstr(dumped, "\"amount\":12025"), "%s", dumped ? dumped : "(null)");
    fwp_free(dumped);
    fwp_json_release(value);

    value = (json_t *)1;
    CHECK(fwp_json_parse("{bad", 4, &value, &err) == FWP_E_INVALID_JSON, "code %d", err.code);
    CHECK(value == NULL, "out is NULL after a failure");
    CHECK(strstr(err.message, "line 1") != NULL, "%s", ERR(err));
    CHECK(err.code == FWP_E_INVALID_JSON, "err.code");
    CHECK(fwp_json_parse("{\"a\":1,\"a\":2}", 13, &value, &err) == FWP_E_INVALID_JSON, "duplicate keys refused");
    CHECK(fwp_json_parse("\"\xff\xfe\"", 4, &value, &err) == FWP_E_INVALID_JSON, "invalid UTF-8 refused");
    CHECK(fwp_json_parse(NULL, 3, &value, &err) == FWP_E_INVALID_ARGUMENT, "NULL text");
    CHECK(strstr(err.message, "text") != NULL, "%s", ERR(err));
    CHECK(fwp_json_parse("{}", 2, NULL, &err) == FWP_E_INVALID_ARGUMENT, "NULL out");
    CHECK(fwp_json_parse("{}", (size_t)-1, &value, &err) == FWP_E_INVALID_ARGUMENT, "huge len");
    CHECK(fwp_json_dump(NULL, &dumped, &err) == FWP_E_INVALID_ARGUMENT, "dump NULL value");
    CHECK(fwp_json_dump(NULL, &dumped, NULL) == FWP_E_INVALID_ARGUMENT, "err may be NULL");

    /* A value 100,000 levels deep crashed json_dumps (finding L13); one that holds itself was
     * "out of memory". Both are invalid arguments now. */
    json_t *deep = json_array(), *inner = deep;
    for (int level = 0; level < 100000; level++) {
        json_t *next = json_array();
        json_array_append_new(inner, next);
        inner = next;
    }
    CHECK(fwp_json_dump(deep, &dumped, &err) == FWP_E_INVALID_ARGUMENT && dumped == NULL, "deep value refused: %s", ERR(err));
    CHECK(strstr(err.message, "deeper than 2048") != NULL, "%s", ERR(err));
    json_decref(deep);
    json_t *cycle = json_array(), *member = json_array();
    json_array_append_new(cycle, member);
    json_array_append(member, cycle);  /* cycle holds member, which holds cycle */
    dumped = NULL;
    CHECK(fwp_json_dump(cycle, &dumped, &err) == FWP_E_INVALID_ARGUMENT, "a value holding itself is refused: %s", ERR(err));
    fwp_free(dumped);
    json_array_clear(member);
    json_decref(cycle);
    fwp_error_clear(&err);
}

static void client_options(void) {
    fwp_error err = FWP_ERROR_INIT;
    fwp_client *client = (fwp_client *)1;
    CHECK(fwp_client_new("http://127.0.0.1:1/payments/v1", NULL, &client, &err) == FWP_E_INVALID_ARGUMENT, "NULL key");
    CHECK(client == NULL, "out_client NULL after failure");
    CHECK(strstr(err.message, "api_key") != NULL, "%s", ERR(err));
    CHECK(fwp_client_new("http://127.0.0.1:1", "key", NULL, &err) == FWP_E_INVALID_ARGUMENT, "NULL out_client");
    CHECK(fwp_client_new("http://example.com/v1", "key", &client, &err) == FWP_E_INVALID_ARGUMENT, "plain http refused");
    CHECK(strstr(err.message, "loopback") != NULL, "%s", ERR(err));
    CHECK(fwp_client_new("ftp://127.0.0.1", "key", &client, &err) == FWP_E_INVALID_ARGUMENT, "ftp refused");
    CHECK(fwp_client_new("http://127.0.0.1", "key with space", &client, &err) == FWP_E_INVALID_ARGUMENT, "key with space");
    CHECK(strstr(err.message, "key with space") == NULL, "the key is not echoed: %s", ERR(err));
    CHECK(fwp_client_new("http://127.0.0.1", "bad\r\nX-Injected: 1", &client, &err) == FWP_E_INVALID_ARGUMENT, "header injection");
    CHECK(fwp_client_new("http://127.0.0.1", "k\xff\xfe", &client, &err) == FWP_E_INVALID_ARGUMENT, "key not UTF-8");

    /* A 10 MB string is refused without being read to its end. */
    size_t huge = 10u << 20;
    char *big = malloc(huge + 1);
    memset(big, 'a', huge);
    big[huge] = 0;
    CHECK(fwp_client_new(big, "key", &client, &err) == FWP_E_INVALID_ARGUMENT, "10 MB base_url");
    CHECK(strstr(err.message, "base_url is longer than") != NULL, "%s", ERR(err));
    CHECK(fwp_client_new("http://127.0.0.1", big, &client, &err) == FWP_E_INVALID_ARGUMENT, "10 MB api_key");
    CHECK(strlen(err.message) < 200, "short message");
    free(big);

    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    fwp_client_options initialised;
    CHECK(fwp_client_options_init(&initialised) == FWP_OK, "options init");
    CHECK(options.version == initialised.version && options.base_url == initialised.base_url &&
          options.api_key == initialised.api_key && options.connect_timeout_ms == initialised.connect_timeout_ms &&
          options.timeout_ms == initialised.timeout_ms && options.max_retries == initialised.max_retries &&
          options.allow_insecure_http == initialised.allow_insecure_http,
          "FWP_CLIENT_OPTIONS_INIT == fwp_client_options_init");
    CHECK(fwp_client_options_init(NULL) == FWP_E_INVALID_ARGUMENT, "options init NULL");
    options.api_key = "key";
    options.base_url = "http://127.0.0.1:1";
    options.timeout_ms = 0;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "timeout 0");
    CHECK(strstr(err.message, "timeout_ms") != NULL, "%s", ERR(err));
    options.timeout_ms = 80000;
    options.max_retries = 11;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "11 retries");
    options.max_retries = -1;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "-1 retries");
    options.max_retries = 2;
    options.version = 99;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "unknown version");
    CHECK(strstr(err.message, "version") != NULL, "%s", ERR(err));
    CHECK(fwp_client_new_with_options(NULL, &client, &err) == FWP_E_INVALID_ARGUMENT, "NULL options");
    options.version = FWP_CLIENT_OPTIONS_VERSION;
    options.base_url = "http://example.com";
    options.allow_insecure_http = 1;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "plain http allowed by opt-in: %s", ERR(err));
    fwp_client_free(client);
    options.base_url = NULL; /* production */
    options.allow_insecure_http = 0;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "default base URL: %s", ERR(err));
    fwp_client_free(client);
    CHECK(initialised.ca_bundle == NULL && options.ca_bundle == NULL, "no CA bundle by default");
    options.ca_bundle = "/nonexistent/ca.pem";
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "unreadable CA bundle");
    CHECK(strstr(err.message, "ca_bundle") != NULL && strstr(err.message, "/nonexistent/ca.pem") != NULL, "%s", ERR(err));
    /* A version-1 struct ends before ca_bundle: the library must not read past it. The bytes
     * where ca_bundle would be hold a bad pointer here, and are ignored. */
    struct { fwp_client_options options; } padded;
    memset(&padded, 0xA5, sizeof padded);
    memcpy(&padded.options, &options, offsetof(fwp_client_options, ca_bundle));
    padded.options.version = 1;
    CHECK(fwp_client_new_with_options(&padded.options, &client, &err) == FWP_OK, "a version-1 struct: %s", ERR(err));
    fwp_client_free(client);
    /* user_agent (version 4): printable ASCII of at most 128 bytes; a version-3 struct ends before it. */
    options.ca_bundle = NULL;
    options.user_agent = "lua/5.1\r\nX-Injected: 1";
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT, "a user agent with CR LF");
    CHECK(strstr(err.message, "user_agent") != NULL, "%s", ERR(err));
    memset(&padded, 0xA5, sizeof padded);
    memcpy(&padded.options, &options, offsetof(fwp_client_options, user_agent));
    padded.options.version = 3;
    CHECK(fwp_client_new_with_options(&padded.options, &client, &err) == FWP_OK, "a version-3 struct: %s", ERR(err));
    fwp_client_free(client);
    options.user_agent = "lua/5.1";
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "a user agent: %s", ERR(err));
    fwp_client_free(client);
    /* proxy (version 5): a URL of a scheme libcurl speaks to proxies, refused otherwise without
     * its value (it may hold a password); a version-4 struct ends before it. */
    options.proxy = "ftp://user:s3cret@proxy.example";
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_E_INVALID_ARGUMENT && !strstr(err.message, "s3cret"),
          "a proxy of another scheme: %s", ERR(err));
    memset(&padded, 0xA5, sizeof padded);
    memcpy(&padded.options, &options, offsetof(fwp_client_options, proxy));
    padded.options.version = 4;
    CHECK(fwp_client_new_with_options(&padded.options, &client, &err) == FWP_OK, "a version-4 struct: %s", ERR(err));
    fwp_client_free(client);
    options.proxy = "http://user:s3cret@127.0.0.1:3128";
    options.no_proxy = "localhost,.internal";
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "a proxy: %s", ERR(err));
    fwp_client_free(client);
    options.proxy = options.no_proxy = NULL;
    options.user_agent = NULL;
    char *bundle = fwp_ca_bundle();
    CHECK(bundle != NULL && access(bundle, R_OK) == 0, "fwp_ca_bundle finds this machine's bundle: %s", bundle ? bundle : "NULL");
    fwp_free(bundle);
    fwp_error_clear(&err);
}

/* Nothing listens on port 1: the request never reaches a server, so even a POST is safe to
 * retry, and the failure is FWP_E_CONNECTION, not an unknown outcome. */
static void unreachable_server(void) {
    fwp_error err = FWP_ERROR_INIT;
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = "http://127.0.0.1:1/payments/v1";
    options.api_key = "key";
    options.max_retries = 1;
    fwp_client *client = NULL;
    CHECK(fwp_client_new_with_options(&options, &client, &err) == FWP_OK, "%s", ERR(err));
    json_t *out = NULL;
    CHECK(fwp_order_charge(client, "8b0f7c3e-0d5e-4c1a-9a53-1f5d2a1b7e10", NULL, NULL, &out, &err) == FWP_E_CONNECTION,
          "code %d: %s", err.code, ERR(err));
    CHECK(strstr(err.message, "after 2 attempts") != NULL, "%s", ERR(err));
    CHECK(err.curl_code == 7, "curl code %d", err.curl_code);
    CHECK(strlen(err.idempotency_key) == 36, "idempotency key reported: '%s'", err.idempotency_key);
    CHECK(fwp_recipient_get(client, "FWU", NULL, &out, &err) == FWP_E_CONNECTION, "GET: %s", ERR(err));
    CHECK(strstr(err.message, "key") == NULL || strstr(err.message, "Idempotency") != NULL, "no key in %s", ERR(err));
    fwp_client_free(client);
    fwp_error_clear(&err);
}

int main(void) {
    versions_and_names();
    json_helpers();
    client_options();
    unreachable_server();
    return harness_finish("test_client");
}
