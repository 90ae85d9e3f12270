#include "harness.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int harness_passed, harness_failed;

void harness_report(const char *file, int line, const char *condition, const char *format, ...) {
    va_list args;
    va_start(args, format);
    fprintf(stderr, "FAIL %s:%d: %s: ", file, line, condition);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

int harness_finish(const char *name) {
    printf("%s: %d passed, %d failed\n", name, harness_passed, harness_failed);
    return harness_failed == 0 ? 0 : 1;
}

int sandbox_start(struct sandbox *sandbox) {
    return sandbox_start_with(sandbox, NULL);
}

/* The sandboxes still running, stopped at exit whatever the path to it, so that a test
 * that gives up early never leaves a server behind (holding its output pipe open). */
static struct sandbox *running[8];

static void stop_running_sandboxes(void) {
    for (int i = 0; i < 8; i++)
        if (running[i]) sandbox_stop(running[i]);
}

int sandbox_start_with(struct sandbox *sandbox, const char *const *flags) {
    static int registered;
    if (!registered) { atexit(stop_running_sandboxes); registered = 1; }
    memset(sandbox, 0, sizeof *sandbox);
    const char *program = getenv("FWPAY_SANDBOX");
    if (!program) program = "build/bin/fwpay-sandbox";
    strcpy(sandbox->directory, "/tmp/fwpay-c-test-XXXXXX");
    if (!mkdtemp(sandbox->directory)) { perror("mkdtemp"); return -1; }
    char database[300];
    snprintf(database, sizeof database, "%s/sandbox.sqlite", sandbox->directory);
    int pipefd[2];
    if (pipe(pipefd) != 0) { perror("pipe"); return -1; }
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return -1; }
    if (pid == 0) {
        dup2(pipefd[1], STDOUT_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        const char *argv[32] = { program, "--port", "0", "--db", database, "--client", "second-client-key:second-secret",
                                 "--notification-retry-seconds", "0.1" };
        int count = 9;
        for (int i = 0; flags && flags[i] && count < 31; i++) argv[count++] = flags[i];
        argv[count] = NULL;
        execv(program, (char *const *)argv);
        perror("exec fwpay-sandbox");
        _exit(127);
    }
    close(pipefd[1]);
    sandbox->pid = (int)pid;
    FILE *output = fdopen(pipefd[0], "r");
    char line[512] = "";
    if (!output || !fgets(line, sizeof line, output)) {
        fprintf(stderr, "fwpay-sandbox did not start\n");
        sandbox_stop(sandbox);
        return -1;
    }
    fclose(output); /* the sandbox prints this one line only */
    for (int i = 0; i < 8; i++) if (!running[i]) { running[i] = sandbox; break; }
    const char *address = strstr(line, "http://");
    if (!address) { fprintf(stderr, "unexpected sandbox output: %s", line); sandbox_stop(sandbox); return -1; }
    size_t length = strcspn(address, "\r\n");
    snprintf(sandbox->base_url, sizeof sandbox->base_url, "%.*s/payments/v1", (int)length, address);
    return 0;
}

void sandbox_stop(struct sandbox *sandbox) {
    for (int i = 0; i < 8; i++) if (running[i] == sandbox) running[i] = NULL;
    if (sandbox->pid > 0) {
        kill((pid_t)sandbox->pid, SIGTERM);
        waitpid((pid_t)sandbox->pid, NULL, 0);
        sandbox->pid = 0;
    }
    if (sandbox->directory[0]) {
        char command[300];
        snprintf(command, sizeof command, "rm -rf '%s'", sandbox->directory);
        if (system(command) != 0) fprintf(stderr, "could not remove %s\n", sandbox->directory);
        sandbox->directory[0] = 0;
    }
}

fwp_client *sandbox_client(const struct sandbox *sandbox, const char *api_key) {
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_client_new(sandbox->base_url, api_key ? api_key : "sandbox-demo-key", &client, &err) != FWP_OK)
        fprintf(stderr, "fwp_client_new: %s\n", err.message);
    fwp_error_clear(&err);
    return client;
}

const char *text_of(const json_t *object, const char *key) {
    const char *text = json_string_value(json_object_get(object, key));
    return text ? text : "";
}

const char *first_error_field(const fwp_error *err, const char *field) {
    return text_of(json_array_get(err->errors, 0), field);
}

fwp_client *sandbox_root_client(const struct sandbox *sandbox) {
    char root[256];
    snprintf(root, sizeof root, "%s", sandbox->base_url);
    char *api = strstr(root, "/payments/v1");
    if (api) *api = 0;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_client_new(root, "sandbox-demo-key", &client, &err) != FWP_OK) fprintf(stderr, "root client: %s\n", err.message);
    fwp_error_clear(&err);
    return client;
}

json_t *parse(const char *text) {
    json_error_t error;
    json_t *value = json_loads(text, 0, &error);
    if (!value) fprintf(stderr, "test JSON is invalid: %s (%s)\n", error.text, text);
    return value;
}

int sandbox_control(fwp_client *root, const char *path, const char *json_body) {
    char full[256];
    snprintf(full, sizeof full, "/sandbox/%s", path);
    json_t *body = parse(json_body), *out = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_request(root, "POST", full, body, NULL, &out, &err);
    if (rc != FWP_OK) fprintf(stderr, "control %s: %s\n", path, err.message);
    json_decref(body);
    json_decref(out);
    fwp_error_clear(&err);
    return rc;
}

json_t *sandbox_pay_form(fwp_client *root, const char *hosted_form_url, const char *country, const char *holder) {
    const char *path = strstr(hosted_form_url, "/checkout/form");
    if (!path) { fprintf(stderr, "form: no /checkout/form in '%s'\n", hosted_form_url); return NULL; }
    json_t *form = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "first_name", "Peter", "last_name", "Payer",
                             "email", "peter@example.com", "country", country, "card_holder", holder,
                             "card_number", "4111 1111 1111 1111", "card_expiration", "03/30", "cvv", "737");
    json_t *message = NULL;
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_request(root, "POST", path, form, NULL, &message, &err) != FWP_OK) fprintf(stderr, "form: %s\n", err.message);
    json_decref(form);
    fwp_error_clear(&err);
    return message;
}
