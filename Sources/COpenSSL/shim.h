/* OpenSSL's libcrypto for the client core: HMAC-SHA256 and constant-time comparison for
 * verifying X-Flywire-Digest. */
#ifndef FWPAY_COPENSSL_SHIM_H
#define FWPAY_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
