/* OpenSSL's libcrypto for the sandbox: SHA-256 and HMAC-SHA256 (notification digests,
 * idempotency request hashes). The client library has its own, separate binding. */
#ifndef FWPAY_SANDBOX_OPENSSL_SHIM_H
#define FWPAY_SANDBOX_OPENSSL_SHIM_H
#include <openssl/evp.h>
#include <openssl/hmac.h>
#endif
