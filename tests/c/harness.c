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
        execl(program, program, "--port", "0", "--db", database, "--client", "second-client-key:second-secret",
              (char *)NULL);
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
    const char *address = strstr(line, "http://");
    if (!address) { fprintf(stderr, "unexpected sandbox output: %s", line); sandbox_stop(sandbox); return -1; }
    size_t length = strcspn(address, "\r\n");
    snprintf(sandbox->base_url, sizeof sandbox->base_url, "%.*s/payments/v1", (int)length, address);
    return 0;
}

void sandbox_stop(struct sandbox *sandbox) {
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
