/* libFuzzer harness: fwp_json_parse (then fwp_json_dump of what parsed) on arbitrary bytes, and
 * the same bytes as the text interface's arguments: fwp_client_new_json's settings and
 * fwp_iter_new_json's (which fetches nothing until fwp_iter_next_json). Nothing may crash, leak
 * or read out of bounds; every failure must be a code and a message. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fwpay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    fwp_error err = FWP_ERROR_INIT;
    json_t *value = NULL;
    if (fwp_json_parse((const char *)data, size, &value, &err) == FWP_OK) {
        char *text = NULL;
        if (fwp_json_dump(value, &text, &err) != FWP_OK || !text) __builtin_trap();
        fwp_free(text);
        fwp_json_release(value);
    } else if (value != NULL || err.message[0] == 0) {
        __builtin_trap();  /* a failure leaves out NULL and says why */
    }
    fwp_error_clear(&err);

    fwp_client *client = NULL;
    if (fwp_client_new_json((const char *)data, size, &client, &err) == FWP_OK) fwp_client_free(client);
    else if (client != NULL || err.message[0] == 0) __builtin_trap();
    fwp_error_clear(&err);

    static fwp_client *unreachable;
    if (!unreachable && fwp_client_new("http://127.0.0.1:1/payments/v1", "key", &unreachable, NULL) != FWP_OK) __builtin_trap();
    fwp_iter *iter = NULL;
    if (fwp_iter_new_json(unreachable, "payment_list", (const char *)data, size, &iter, &err) == FWP_OK) fwp_iter_free(iter);
    else if (iter != NULL || err.message[0] == 0) __builtin_trap();
    fwp_error_clear(&err);
    return 0;
}
