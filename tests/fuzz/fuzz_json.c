/* libFuzzer harness: fwp_json_parse (then fwp_json_dump of what parsed) on arbitrary bytes.
 * Nothing may crash, leak or read out of bounds; every failure must be a code and a message. */
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
    return 0;
}
