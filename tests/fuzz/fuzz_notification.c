/* libFuzzer harness: a notification body and digest from arbitrary bytes through
 * fwp_notification_verify, fwp_notification_sign and fwp_notification_parse. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fwpay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fwp_error err = FWP_ERROR_INIT;
    /* The first line (if any) is the digest; the rest is the body. */
    const uint8_t *newline = memchr(data, '\n', size);
    size_t digest_length = newline ? (size_t)(newline - data) : 0;
    char digest[300];
    if (digest_length >= sizeof digest) digest_length = sizeof digest - 1;
    memcpy(digest, data, digest_length);
    digest[digest_length] = 0;
    const char *body = newline ? (const char *)newline + 1 : (const char *)data;
    size_t body_length = newline ? size - (size_t)(newline + 1 - data) : size;

    int rc = fwp_notification_verify(body, body_length, digest, "fuzz-secret", &err);
    if (rc != FWP_OK && rc != FWP_E_SIGNATURE && rc != FWP_E_INVALID_ARGUMENT) __builtin_trap();
    char *signature = NULL;
    if (fwp_notification_sign(body, body_length, "fuzz-secret", &signature, &err) == FWP_OK) {
        /* What we sign must verify. */
        if (fwp_notification_verify(body, body_length, signature, "fuzz-secret", &err) != FWP_OK) __builtin_trap();
        fwp_free(signature);
    }
    json_t *event = NULL;
    if (fwp_notification_parse(body, body_length, &event, &err) == FWP_OK) {
        if (!json_is_string(json_object_get(event, "dedup_key"))) __builtin_trap();
        fwp_json_release(event);
    }
    fwp_error_clear(&err);
    return 0;
}
