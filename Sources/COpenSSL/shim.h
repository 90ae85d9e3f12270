/* OpenSSL's libcrypto for the client core: HMAC-SHA256 and constant-time comparison for
 * verifying X-Flywire-Digest, SHA-256 for the dedup keys of notifications. */
#ifndef FWPAY_COPENSSL_SHIM_H
#define FWPAY_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#endif
