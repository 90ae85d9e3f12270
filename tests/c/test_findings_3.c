/* Findings of the third security review (security-findings-3.md) in the C API: a json_t
 * that shares one subtree many times over is refused while it is read, in bounded time and
 * memory (N12); a settings text that is not JSON is not quoted back, so no part of the API key
 * reaches the error (I3). Needs no sandbox: nothing is sent. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static void shared_subtrees_are_refused_in_bounded_time(void) {
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new("http://127.0.0.1:9/payments/v1", "k", &client, &err) == FWP_OK, "%s", ERR(err));
    /* 23 jansson nodes, 2^26 leaves once expanded: about 200 MB as text. */
    json_t *value = json_string("x");
    for (int level = 0; level < 26; level++) {
        json_t *array = json_array();
        json_array_append(array, value);
        json_array_append_new(array, value);
        value = array;
    }
    json_t *body = json_pack("{s:[{s:i}], s:o}", "items", "amount", 100, "metadata", value);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    json_t *out = NULL;
    int code = fwp_order_create(client, body, NULL, &out, &err);
    clock_gettime(CLOCK_MONOTONIC, &end);
    double seconds = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
    CHECK(code == FWP_E_INVALID_ARGUMENT, "refused before sending: %d %s", code, ERR(err));
    CHECK(strstr(err.message, "larger than") != NULL, "the message says why: %s", ERR(err));
    CHECK(seconds < 20, "refused while reading, in %.2f s", seconds);
    json_decref(body);
    fwp_client_free(client);
    fwp_error_clear(&err);
}

static void a_bad_settings_text_is_not_quoted(void) {
    const char settings[] = "{\"api_key\":\"secret-key-XYZ\x01\"}";
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    CHECK(fwp_client_new_json(settings, strlen(settings), &client, &err) == FWP_E_INVALID_JSON, "%s", ERR(err));
    CHECK(strstr(err.message, "secret") == NULL && strstr(err.message, "XYZ") == NULL, "no part of the key: %s", ERR(err));
    CHECK(strstr(err.message, "line 1") != NULL, "where the text is wrong: %s", ERR(err));
    json_t *parsed = NULL;
    CHECK(fwp_json_parse(settings, strlen(settings), &parsed, &err) == FWP_E_INVALID_JSON, "%s", ERR(err));
    CHECK(strstr(err.message, "secret") == NULL, "fwp_json_parse quotes nothing either: %s", ERR(err));
    fwp_error_clear(&err);
}

int main(void) {
    shared_subtrees_are_refused_in_bounded_time();
    a_bad_settings_text_is_not_quoted();
    return harness_finish("test_findings_3");
}
