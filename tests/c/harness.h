/* A small test harness for the C tests: checks that count, and a private fwpay-sandbox per
 * test program (port 0, fresh database in a temporary directory). */
#ifndef FWPAY_TEST_HARNESS_H
#define FWPAY_TEST_HARNESS_H

#include <stddef.h>

#include "fwpay.h"

extern int harness_passed, harness_failed;

#define CHECK(condition, ...)                                                           \
    do {                                                                                \
        if (condition) {                                                                \
            harness_passed++;                                                           \
        } else {                                                                        \
            harness_failed++;                                                           \
            harness_report(__FILE__, __LINE__, #condition, __VA_ARGS__);                \
        }                                                                               \
    } while (0)

/* A failed call's detail, for CHECK messages. */
#define ERR(err) (err).message

void harness_report(const char *file, int line, const char *condition, const char *format, ...);
/* Prints "N passed, N failed" and returns the exit status. */
int harness_finish(const char *name);

struct sandbox {
    int pid;
    char base_url[256];
    char directory[256];
};

/* Starts $FWPAY_SANDBOX (default build/bin/fwpay-sandbox) and waits until it listens. */
int sandbox_start(struct sandbox *sandbox);
/* The same with extra flags (a NULL-terminated list), e.g. "--ignore-idempotency-keys". */
int sandbox_start_with(struct sandbox *sandbox, const char *const *flags);
void sandbox_stop(struct sandbox *sandbox);

/* A client of the sandbox with the demo key (or `api_key`). */
fwp_client *sandbox_client(const struct sandbox *sandbox, const char *api_key);
/* A client of the sandbox's root ("http://127.0.0.1:PORT"), to reach /sandbox (control API)
 * and /checkout/form (the payer's form) through fwp_request. */
fwp_client *sandbox_root_client(const struct sandbox *sandbox);

/* The control API: POST /sandbox/<path> with a JSON body given as text; 0 on success. */
int sandbox_control(fwp_client *root, const char *path, const char *json_body);
/* The payer fills in the form of hosted_form_url with a test card and `holder`; returns the
 * postMessage (new reference) or NULL. */
json_t *sandbox_pay_form(fwp_client *root, const char *hosted_form_url, const char *country, const char *holder);
/* Parses JSON text (for test bodies); NULL and a message on error. */
json_t *parse(const char *text);

/* Member `key` of an object as text ("" when absent), and an errors[] entry's field. */
const char *text_of(const json_t *object, const char *key);
const char *first_error_field(const fwp_error *err, const char *field);

#endif
