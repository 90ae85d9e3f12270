/* Helpers of the fwpay command: action dispatch, option parsing, bodies, output, errors. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void print_actions(FILE *to, const char *group, const struct action *actions, const char *summary) {
    fprintf(to, "fwpay %s: %s\n\nusage:\n", group, summary);
    for (const struct action *a = actions; a->name; a++) fprintf(to, "  fwpay %s\n", a->usage);
    fprintf(to, "\nGlobal options (--api-key, --base-url, --pretty, --compact) go before the command.\n");
}

int usage_error(const char *group, const struct action *actions, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "fwpay %s: ", group);
    vfprintf(stderr, fmt, args);
    fputc('\n', stderr);
    va_end(args);
    fputc('\n', stderr);
    print_actions(stderr, group, actions, "usage");
    return CLI_EXIT_USAGE;
}

int run_action(struct cli *cli, const char *group, const struct action *actions, const char *summary) {
    if (cli->argc < 1) return usage_error(group, actions, "which action?");
    const char *name = cli->argv[0];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        print_actions(stdout, group, actions, summary);
        return 0;
    }
    for (const struct action *a = actions; a->name; a++) {
        if (strcmp(a->name, name) != 0) continue;
        for (int i = 1; i < cli->argc; i++) {
            if (strcmp(cli->argv[i], "--help") == 0 || strcmp(cli->argv[i], "-h") == 0) {
                printf("usage: fwpay %s\n", a->usage);
                return 0;
            }
        }
        if (!cli->api_key || !*cli->api_key) {
            fprintf(stderr, "fwpay: no API key: pass --api-key or set FWPAY_API_KEY\n");
            return CLI_EXIT_USAGE;
        }
        fwp_client *client = NULL;
        fwp_error err = FWP_ERROR_INIT;
        int rc = fwp_client_new(cli->base_url, cli->api_key, &client, &err);
        if (rc != FWP_OK) return print_result(cli, rc, NULL, &err);
        rc = a->run(cli, client, cli->argc - 1, cli->argv + 1);
        fwp_client_free(client);
        return rc;
    }
    return usage_error(group, actions, "'%s' is not an action of %s", name, group);
}

/* Removes "--name VALUE" (or "--name=VALUE") from argv; 1 if found, 0 if not, -1 if the
 * value is missing. */
int take_option(int *argc, char **argv, const char *name, const char **value) {
    size_t length = strlen(name);
    for (int i = 0; i < *argc; i++) {
        int consumed = 0;
        if (strcmp(argv[i], name) == 0) {
            if (i + 1 >= *argc) return -1;
            *value = argv[i + 1];
            consumed = 2;
        } else if (strncmp(argv[i], name, length) == 0 && argv[i][length] == '=') {
            *value = argv[i] + length + 1;
            consumed = 1;
        }
        if (consumed) {
            memmove(argv + i, argv + i + consumed, (size_t)(*argc - i - consumed) * sizeof *argv);
            *argc -= consumed;
            return 1;
        }
    }
    return 0;
}

int check_no_more(const char *group, const struct action *actions, int argc, char **argv) {
    if (argc == 0) return 0;
    if (argv[0][0] == '-') return usage_error(group, actions, "unknown option '%s'", argv[0]);
    return usage_error(group, actions, "unexpected argument '%s'", argv[0]);
}

/* Reads a --data value: JSON text, @file, or @- for stdin. Returns 0, or an exit status after
 * printing why. */
int read_body(const char *spec, json_t **out) {
    fwp_error err = FWP_ERROR_INIT;
    *out = NULL;
    if (spec[0] != '@') {
        int rc = fwp_json_parse(spec, strlen(spec), out, &err);
        if (rc != FWP_OK) fprintf(stderr, "fwpay: --data: %s\n", err.message);
        fwp_error_clear(&err);
        return rc == FWP_OK ? 0 : -rc;
    }
    const char *path = spec + 1;
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "fwpay: cannot read %s: %s\n", path, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    size_t size = 0, capacity = 4096;
    char *text = malloc(capacity);
    while (text) {
        size_t got = fread(text + size, 1, capacity - size, file);
        size += got;
        if (got == 0) break;
        if (size == capacity) {
            char *bigger = capacity > ((size_t)64 << 20) ? NULL : realloc(text, capacity * 2);
            if (!bigger) { free(text); text = NULL; break; }
            text = bigger;
            capacity *= 2;
        }
    }
    int failed = ferror(file);
    if (file != stdin) fclose(file);
    if (!text || failed) {
        fprintf(stderr, "fwpay: cannot read %s: %s\n", path, text ? "read error" : "larger than 64 MiB");
        free(text);
        return CLI_EXIT_USAGE;
    }
    int rc = fwp_json_parse(text, size, out, &err);
    free(text);
    if (rc != FWP_OK) fprintf(stderr, "fwpay: %s: %s\n", path, err.message);
    fwp_error_clear(&err);
    return rc == FWP_OK ? 0 : -rc;
}

/* Prints a result (JSON on stdout) or an error (stderr), releases the result and the
 * error, and returns the exit status. */
int print_result(struct cli *cli, int rc, json_t *result, fwp_error *err) {
    if (rc == FWP_OK) {
        if (json_dumpf(result, stdout, (cli->pretty ? JSON_INDENT(2) : JSON_COMPACT) | JSON_ENCODE_ANY) == 0)
            fputc('\n', stdout);
        json_decref(result);
        fwp_error_clear(err);
        return fflush(stdout) == 0 ? 0 : CLI_EXIT_USAGE;
    }
    fprintf(stderr, "fwpay: %s\n", err->message[0] ? err->message : fwp_strerror(rc));
    if (err->errors) {
        size_t index;
        json_t *entry;
        json_array_foreach(err->errors, index, entry) {
            const char *source = json_string_value(json_object_get(entry, "source"));
            const char *message = json_string_value(json_object_get(entry, "message"));
            const char *type = json_string_value(json_object_get(entry, "type"));
            fprintf(stderr, "  %s: %s%s%s%s\n", source ? source : "-", message ? message : "-",
                    type ? " (" : "", type ? type : "", type ? ")" : "");
        }
    }
    if (err->request_id[0]) fprintf(stderr, "  request id: %s\n", err->request_id);
    if (rc == FWP_E_OUTCOME_UNKNOWN && err->idempotency_key[0])
        fprintf(stderr, "  idempotency key: %s\n", err->idempotency_key);
    fwp_error_clear(err);
    return -rc;
}
