/* A host program that empties its environment, then loads libfwpay and makes a call, as a
 * process that called clearenv() does, or php-fpm's workers under clear_env = yes.
 *   environment MODE LIBRARY BASE_URL
 * MODE: clearenv (glibc sets environ to NULL), null (environ = NULL by hand), or asis (the
 * environment the program was started with: empty, huge, not UTF-8). Prints the recipient's
 * answer; exits 0 when the call succeeded and the host's environment is as it left it
 * (a NULL environ may have become an empty one) and still takes new variables. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

typedef int (*client_new_json_fn)(const char *, size_t, void **, void *);
typedef int (*call_fn)(void *, const char *, const char *, size_t, char **, void *);
typedef void (*free_fn)(void *);

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: environment clearenv|null|asis LIBRARY BASE_URL\n");
        return 64;
    }
    const char *mode = argv[1];
    if (strcmp(mode, "clearenv") == 0) {
        clearenv();
    } else if (strcmp(mode, "null") == 0) {
        environ = NULL;
    } else if (strcmp(mode, "asis") != 0) {
        fprintf(stderr, "environment: no mode %s\n", mode);
        return 64;
    }
    char **before = environ;

    void *library = dlopen(argv[2], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "environment: %s\n", dlerror());
        return 2;
    }
    client_new_json_fn client_new_json = (client_new_json_fn)dlsym(library, "fwp_client_new_json");
    call_fn call = (call_fn)dlsym(library, "fwp_call");
    free_fn client_free = (free_fn)dlsym(library, "fwp_client_free");
    free_fn text_free = (free_fn)dlsym(library, "fwp_free");
    if (!client_new_json || !call || !client_free || !text_free) {
        fprintf(stderr, "environment: a function is missing from the library\n");
        return 2;
    }
    char settings[1024];
    snprintf(settings, sizeof settings, "{\"api_key\":\"sandbox-demo-key\",\"base_url\":\"%s\"}", argv[3]);
    void *client = NULL;
    if (client_new_json(settings, strlen(settings), &client, NULL) != 0) {
        fprintf(stderr, "environment: fwp_client_new_json failed\n");
        return 3;
    }
    const char *args = "{\"recipient_id\":\"FWU\"}";
    char *answer = NULL;
    int code = call(client, "recipient_get", args, strlen(args), &answer, NULL);
    if (code != 0) {
        fprintf(stderr, "environment: fwp_call failed with %d\n", code);
        return 4;
    }
    printf("%s\n", answer);
    text_free(answer);
    client_free(client);
    /* A NULL environ may become an empty one (the same environment); nothing else changes. */
    if (environ != before && !(before == NULL && environ != NULL && environ[0] == NULL)) {
        fprintf(stderr, "environment: the library changed the host's environment\n");
        return 5;
    }
    if (setenv("FWPAY_AFTER", "1", 1) != 0 || getenv("FWPAY_AFTER") == NULL) {
        fprintf(stderr, "environment: the host cannot set a variable after loading the library\n");
        return 5;
    }
    return 0;
}
