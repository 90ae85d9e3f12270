/* Helpers of the fwpay command: action dispatch, option parsing, bodies, output, errors. */
#include <errno.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static void print_actions(FILE *to, const char *group, const struct action *actions, const char *summary) {
    fprintf(to, "fwpay %s: %s\n\nusage:\n", group, summary);
    for (const struct action *a = actions; a->name; a++) fprintf(to, "  fwpay %s\n", a->usage);
    fprintf(to, "\n`fwpay %s ACTION --help` describes an action's options, with an example.\n"
                "Global options (--profile, --api-key-file, --base-url, --jq, --pretty, --compact) go anywhere.\n", group);
}

#define TEXT_OF_(x) #x
#define TEXT_OF(x) TEXT_OF_(x)

static const struct option_doc read_options[] = {
    { "--timeout", "SECONDS", "time allowed for the call (default: the client's 80 s)" },
    { "--retries", "N", "retries after a failure that is safe to retry, 0 to " TEXT_OF(FWP_MAX_RETRIES_MAX) " (default: the client's 2)" },
    { NULL, NULL, NULL },
};
static const struct option_doc write_options[] = {
    { "--idempotency-key", "KEY", "your own key for this request (e.g. your order number), so that a retry "
      "after exit status 11 cannot take effect twice; default: a new random key" },
    { "--timeout", "SECONDS", "time allowed for the call (default: the client's 80 s)" },
    { "--retries", "N", "retries after a failure that is safe to retry, 0 to " TEXT_OF(FWP_MAX_RETRIES_MAX) " (default: the client's 2)" },
    { NULL, NULL, NULL },
};
static const struct option_doc list_options[] = {
    { "--page", "N", "the page to show (default: 1), as the API's envelope with total_entries" },
    { "--per-page", "N", "items per page, 1 to 100" },
    { "--all", NULL, "every item of every page, one JSON object per line as pages arrive" },
    { "--array", NULL, "with --all: one JSON array at the end instead" },
    { "--timeout", "SECONDS", "time allowed for each page's call (default: the client's 80 s)" },
    { "--retries", "N", "retries of each page after a failure that is safe to retry, 0 to " TEXT_OF(FWP_MAX_RETRIES_MAX) " (default: the client's 2)" },
    { NULL, NULL, NULL },
};
static const struct option_doc no_options[] = { { NULL, NULL, NULL } };

const struct option_doc *common_options(enum action_kind kind) {
    switch (kind) {
    case ACTION_READ: return read_options;
    case ACTION_WRITE: return write_options;
    case ACTION_LIST: return list_options;
    case ACTION_LOCAL: break;
    }
    return no_options;
}

static int listed(const struct option_doc *options, const char *flag) {
    for (; options && options->flag; options++)
        if (options->value && strcmp(options->flag, flag) == 0) return 1;
    return 0;
}

int takes_value(const char *flag) {
    if (listed(global_options, flag) || listed(write_options, flag) || listed(list_options, flag)) return 1;
    for (const struct command *c = commands; c->name; c++)
        for (const struct action *a = c->actions; a->name; a++)
            if (listed(a->options, flag)) return 1;
    return 0;
}

/* Writes `text` in lines of at most 100 columns, each after `indent` spaces but the first,
 * which continues the current line (at column `column`). */
static void print_wrapped(FILE *to, const char *text, int column, int indent) {
    while (*text) {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + (int)word > 100) {
            fprintf(to, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', to);
            column++;
        }
        fwrite(text, 1, word, to);
        column += (int)word;
        text += word;
        while (*text == ' ') text++;
    }
    fputc('\n', to);
}

static void print_options(FILE *to, const struct option_doc *options) {
    for (; options && options->flag; options++) {
        char left[64];
        snprintf(left, sizeof left, "%s%s%s", options->flag, options->value ? " " : "", options->value ? options->value : "");
        if (strlen(left) > 24) fprintf(to, "  %s\n%27s", left, "");
        else fprintf(to, "  %-24s ", left);
        print_wrapped(to, options->help, 27, 27);
    }
}

void print_action_help(FILE *to, const struct action *action) {
    fprintf(to, "usage: fwpay %s\n\n", action->usage);
    print_wrapped(to, action->help, 0, 0);
    const struct option_doc *common = common_options(action->kind);
    if ((action->options && action->options->flag) || common->flag) {
        fprintf(to, "\nOptions:\n");
        print_options(to, action->options);
        print_options(to, common);
    }
    if (action->skeleton) fprintf(to, "\nA body to start from:\n%s\n", action->skeleton);
    if (action->example) fprintf(to, "\nExample:\n  %s\n", action->example);
    fprintf(to, "\nGlobal options (fwpay --help): --profile NAME, --api-key-file PATH, --base-url URL, --jq EXPR,\n"
                "--pretty, --compact; they go anywhere on the line.\n");
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

/* Takes --idempotency-key, --timeout SECONDS and --retries N, which every action accepts. */
static int take_call_options(struct cli *cli, const char *group, const struct action *actions) {
    const char *key = NULL, *timeout = NULL, *retries = NULL;
    int found_key = take_option(&cli->argc, cli->argv, "--idempotency-key", &key);
    int found_timeout = take_option(&cli->argc, cli->argv, "--timeout", &timeout);
    int found_retries = take_option(&cli->argc, cli->argv, "--retries", &retries);
    if (found_key < 0 || found_timeout < 0 || found_retries < 0) return usage_error(group, actions, "an option is missing its value");
    fwp_call_options defaults = FWP_CALL_OPTIONS_INIT;
    cli->options = defaults;
    if (key) { cli->options.idempotency_key = key; cli->has_options = 1; }
    if (timeout) {
        char *end = NULL;
        double seconds = strtod(timeout, &end);
        if (!*timeout || *end || !(seconds > 0 && seconds <= FWP_TIMEOUT_MS_MAX / 1000))
            return usage_error(group, actions, "--timeout takes seconds, more than 0 and at most %ld, not '%s'", FWP_TIMEOUT_MS_MAX / 1000, timeout);
        cli->options.timeout_ms = (long)(seconds * 1000) > 0 ? (long)(seconds * 1000) : 1;
        cli->has_options = 1;
    }
    if (retries) {
        char *end = NULL;
        long count = strtol(retries, &end, 10);
        /* The range is the library's to check (FWP_MAX_RETRIES_MAX); here only a number is read. */
        if (!*retries || *end || count < 0 || count > 1000)
            return usage_error(group, actions, "--retries takes a whole number, not '%s'", retries);
        cli->options.max_retries = (int)count;
        cli->has_options = 1;
    }
    return 0;
}

const fwp_call_options *call_options(const struct cli *cli) {
    return cli->has_options ? &cli->options : NULL;
}

int is_help(const char *arg) {
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The action argv[0] names. NULL when there is none to run, with *status set: 0 after the
 * help that was asked for, the usage error's status otherwise. */
/* A command's summary, written once in main.c's table. */
static const char *summary_of(const char *group) {
    for (const struct command *c = commands; c->name; c++)
        if (strcmp(c->name, group) == 0) return c->summary;
    return "";
}

static const struct action *find_action(struct cli *cli, const char *group, const struct action *actions, int *status) {
    const char *summary = summary_of(group);
    if (cli->argc < 1) {
        *status = usage_error(group, actions, "which action?");
        return NULL;
    }
    const char *name = cli->argv[0];
    if (is_help(name) || strcmp(name, "help") == 0) {
        print_actions(stdout, group, actions, summary);
        *status = 0;
        return NULL;
    }
    for (const struct action *a = actions; a->name; a++) {
        if (strcmp(a->name, name) != 0) continue;
        for (int i = 1; i < cli->argc; i++) {
            if (is_help(cli->argv[i])) {
                print_action_help(stdout, a);
                *status = 0;
                return NULL;
            }
        }
        return a;
    }
    *status = usage_error(group, actions, "'%s' is not an action of %s", name, group);
    return NULL;
}

/* Runs an action that needs no server (notifications verify, listen, ...). */
int run_offline(struct cli *cli, const char *group, const struct action *actions) {
    int status;
    const struct action *a = find_action(cli, group, actions, &status);
    return a ? a->run(cli, NULL, cli->argc - 1, cli->argv + 1) : status;
}

int open_client(const struct cli *cli, const char *base_url, fwp_client **out, fwp_error *err) {
    fwp_client_options options = FWP_CLIENT_OPTIONS_INIT;
    options.base_url = base_url;
    options.api_key = cli->api_key;
    options.ca_bundle = cli->ca_bundle;
    options.proxy = cli->proxy;
    options.user_agent = "cli/" FWP_VERSION_STRING;  /* the server's logs tell the command's calls apart */
    return fwp_client_new_with_options(&options, out, err);
}

int has_api_key(const struct cli *cli) {
    if (cli->api_key && *cli->api_key) return 1;
    fprintf(stderr, "fwpay: no API key: set FWPAY_API_KEY, choose a profile (--profile, see fwpay --help) "
                    "or pass --api-key-file PATH\n");
    return 0;
}

int run_action(struct cli *cli, const char *group, const struct action *actions) {
    int status;
    const struct action *a = find_action(cli, group, actions, &status);
    if (!a) return status;
    if (take_call_options(cli, group, actions) != 0) return CLI_EXIT_USAGE;
    if (!has_api_key(cli)) return CLI_EXIT_USAGE;
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = open_client(cli, cli->base_url, &client, &err);
    if (rc != FWP_OK) return print_result(cli, rc, NULL, &err);
    rc = a->run(cli, client, cli->argc - 1, cli->argv + 1);
    fwp_client_free(client);
    return rc;
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

/* Reads all of `file` (at most 64 MiB) into a malloc'd buffer. */
static int read_file(FILE *file, const char *name, char **text, size_t *length) {
    size_t size = 0, capacity = 4096;
    char *buffer = malloc(capacity);
    while (buffer) {
        size_t got = fread(buffer + size, 1, capacity - size, file);
        size += got;
        if (got == 0) break;
        if (size == capacity) {
            char *bigger = capacity > ((size_t)64 << 20) ? NULL : realloc(buffer, capacity * 2);
            if (!bigger) { free(buffer); buffer = NULL; break; }
            buffer = bigger;
            capacity *= 2;
        }
    }
    if (!buffer || ferror(file)) {
        fprintf(stderr, "fwpay: cannot read %s: %s\n", name, buffer ? "read error" : "larger than 64 MiB");
        free(buffer);
        return CLI_EXIT_USAGE;
    }
    *text = buffer;
    *length = size;
    return 0;
}

int read_stdin(char **text, size_t *length) {
    return read_file(stdin, "standard input", text, length);
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
    char *text = NULL;
    size_t size = 0;
    int status = read_file(file, path, &text, &size);
    if (file != stdin) fclose(file);
    if (status != 0) return status;
    int rc = fwp_json_parse(text, size, out, &err);
    free(text);
    if (rc != FWP_OK) fprintf(stderr, "fwpay: %s: %s\n", path, err.message);
    fwp_error_clear(&err);
    return rc == FWP_OK ? 0 : -rc;
}


/* Writes `length` bytes of text a server chose with its control characters escaped (C0, DEL
 * and C1, as \xHH), so that an answer cannot move the cursor, clear the screen or retitle the
 * terminal (security findings L12, I2). */
void put_terminal_safe(FILE *to, const char *text, size_t length) {
    const unsigned char *byte = (const unsigned char *)text, *end = byte + length;
    for (; byte < end; byte++) {
        if (*byte < 0x20 || *byte == 0x7f) fprintf(to, "\\x%02x", *byte);
        else if (*byte == 0xc2 && byte + 1 < end && byte[1] >= 0x80 && byte[1] <= 0x9f) { fprintf(to, "\\x%02x", byte[1]); byte++; }
        else fputc(*byte, to);
    }
}

static void put_safe(const char *text) {
    text = text ? text : "-";
    put_terminal_safe(stderr, text, strlen(text));
}

/* Prints a result (JSON on stdout) or an error (stderr), releases the result and the
 * error, and returns the exit status. */
int print_result(struct cli *cli, int rc, json_t *result, fwp_error *err) {
    if (rc == FWP_OK) {
        fwp_error_clear(err);
        return print_value(cli, result, 0);
    }
    fputs("fwpay: ", stderr);
    put_safe(err->message[0] ? err->message : fwp_strerror(rc));
    fputc('\n', stderr);
    if (err->errors) {
        size_t index;
        json_t *entry;
        json_array_foreach(err->errors, index, entry) {
            const char *source = json_string_value(json_object_get(entry, "source"));
            const char *message = json_string_value(json_object_get(entry, "message"));
            const char *type = json_string_value(json_object_get(entry, "type"));
            fputs("  ", stderr);
            put_safe(source);
            fputs(": ", stderr);
            put_safe(message);
            if (type) { fputs(" (", stderr); put_safe(type); fputc(')', stderr); }
            fputc('\n', stderr);
        }
    }
    if (err->request_id[0]) { fputs("  request id: ", stderr); put_safe(err->request_id); fputc('\n', stderr); }
    if (rc == FWP_E_OUTCOME_UNKNOWN && err->idempotency_key[0])
        fprintf(stderr, "  idempotency key: %s\n", err->idempotency_key);
    fwp_error_clear(err);
    return -rc;
}

/* Removes the flag `name` from argv; 1 if it was there. */
int take_flag(int *argc, char **argv, const char *name) {
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], name) == 0) {
            memmove(argv + i, argv + i + 1, (size_t)(*argc - i - 1) * sizeof *argv);
            (*argc)--;
            return 1;
        }
    }
    return 0;
}

int parse_amount(const char *group, const struct action *actions, const char *text, int64_t *amount) {
    char *end = NULL;
    errno = 0;
    long long value = strtoll(text, &end, 10);
    /* A whole number written with a zero fraction ("33000.0") is the same amount. */
    if (end != text && *end == '.') {
        const char *rest = end + 1;
        while (*rest == '0') rest++;
        if (!*rest && rest != end + 1) end = (char *)rest;
    }
    if (!*text || *end || errno == ERANGE)
        return usage_error(group, actions, "--amount takes a whole number of subunits (USD 120.25 is 12025), not '%s'", text);
    *amount = (int64_t)value;
    return 0;
}

/* Reads a secret from the first line of `path` ("-": standard input) into `out`, so that it
 * need not sit on a command line that ps shows (security finding L11). 0 on success. */
int read_secret_file(const char *path, char *out, size_t size) {
    FILE *file = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!file) { fprintf(stderr, "fwpay: cannot read the key file '%s'\n", path); return -1; }
    int ok = fgets(out, (int)size, file) != NULL;
    if (file != stdin) fclose(file);
    size_t length = ok ? strcspn(out, "\r\n") : 0;
    if (!ok || length == 0) { fprintf(stderr, "fwpay: the key file '%s' is empty\n", path); return -1; }
    out[length] = 0;
    return 0;
}
