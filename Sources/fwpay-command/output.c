/* The command's output: JSON with its numbers as the server wrote them, or what a --jq filter
 * (libjq: the jq language itself) makes of it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jq.h>

#include "cli.h"

/* A real in the fewest digits that read back as the same double (0.9292, not jansson's
 * 0.92920000000000003): what the server sent, for every number a double holds exactly enough
 * to round-trip. Integers are json_int_t and print exactly. */
static void put_real(FILE *to, double value) {
    char text[32];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(text, sizeof text, "%.*g", digits, value);
        if (strtod(text, NULL) == value) break;
    }
    fputs(text, to);
    if (!strpbrk(text, ".eE")) fputs(".0", to);  /* stays a real, as jansson writes it */
}

static void put_indent(FILE *to, int pretty, int depth) {
    if (!pretty) return;
    fputc('\n', to);
    for (int i = 0; i < depth; i++) fputs("  ", to);
}

/* jansson's layout (JSON_INDENT(2) or JSON_COMPACT); strings are escaped by jansson itself.
 * Depth is bounded by the library, which refuses answers nested deeper than 2048 levels. */
static void put_json(FILE *to, json_t *value, int pretty, int depth) {
    switch (json_typeof(value)) {
    case JSON_OBJECT: {
        if (json_object_size(value) == 0) { fputs("{}", to); return; }
        const char *key;
        json_t *member;
        int first = 1;
        fputc('{', to);
        json_object_foreach(value, key, member) {
            if (!first) fputc(',', to);
            first = 0;
            put_indent(to, pretty, depth + 1);
            json_t *name = json_string(key);
            json_dumpf(name, to, JSON_ENCODE_ANY);
            json_decref(name);
            fputs(pretty ? ": " : ":", to);
            put_json(to, member, pretty, depth + 1);
        }
        put_indent(to, pretty, depth);
        fputc('}', to);
        return;
    }
    case JSON_ARRAY: {
        if (json_array_size(value) == 0) { fputs("[]", to); return; }
        size_t index;
        json_t *item;
        fputc('[', to);
        json_array_foreach(value, index, item) {
            if (index) fputc(',', to);
            put_indent(to, pretty, depth + 1);
            put_json(to, item, pretty, depth + 1);
        }
        put_indent(to, pretty, depth);
        fputc(']', to);
        return;
    }
    case JSON_REAL:
        put_real(to, json_real_value(value));
        return;
    default:
        json_dumpf(value, to, JSON_ENCODE_ANY);
    }
}

static void report_jq(void *data, jv message) {
    (void)data;
    if (jv_get_kind(message) == JV_KIND_STRING) {
        const char *text = jv_string_value(message);
        if (strncmp(text, "jq: ", 4) == 0) text += 4;
        fprintf(stderr, "fwpay: --jq: %s\n", text);
    }
    else fprintf(stderr, "fwpay: --jq: the expression does not compile\n");
    jv_free(message);
}

/* The first result of jq expression `program` over `input`, as jansson; NULL (said on stderr)
 * when it does not compile or yields nothing. */
static void report_expression(void *data, jv message) {
    if (jv_get_kind(message) == JV_KIND_STRING) fprintf(stderr, "fwpay: ${%s}: %s\n", (const char *)data, jv_string_value(message));
    jv_free(message);
}

json_t *jq_first(const char *program, json_t *input) {
    jq_state *jq = jq_init();
    if (!jq) return NULL;
    jq_set_error_cb(jq, report_expression, (void *)program);
    json_t *value = NULL;
    char *text = json_dumps(input, JSON_COMPACT | JSON_ENCODE_ANY);
    if (text && jq_compile(jq, program)) {
        jq_start(jq, jv_parse(text), 0);
        jv result = jq_next(jq);
        if (jv_is_valid(result) && jv_get_kind(result) != JV_KIND_NULL) {
            jv dumped = jv_dump_string(result, 0);
            value = json_loads(jv_string_value(dumped), JSON_DECODE_ANY, NULL);
            jv_free(dumped);
        } else {
            jv_free(result);
        }
    }
    free(text);
    jq_teardown(&jq);
    if (!value) fprintf(stderr, "fwpay: ${%s} has no value here\n", program);
    return value;
}

/* Compiled before anything is sent: a mistyped filter must not cost a request that moves money. */
int filter_compile(struct cli *cli, const char *program) {
    cli->jq = jq_init();
    if (!cli->jq) { fprintf(stderr, "fwpay: --jq: out of memory\n"); return CLI_EXIT_USAGE; }
    jq_set_error_cb(cli->jq, report_jq, NULL);
    if (!jq_compile(cli->jq, program)) { filter_release(cli); return CLI_EXIT_USAGE; }
    return 0;
}

void filter_release(struct cli *cli) {
    if (cli->jq) jq_teardown(&cli->jq);
    cli->jq = NULL;
}

/* Runs the filter over `value`: each result on its own line, strings raw (as gh --jq prints
 * them; on a terminal with their control characters escaped, since a payer's name comes from
 * an unauthenticated form: finding I2), other values as jq writes JSON. */
static int run_jq(struct cli *cli, json_t *value, int one_line) {
    /* jansson's text keeps every digit (17 significant), so jq reads the same numbers. */
    char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!text) { fprintf(stderr, "fwpay: out of memory\n"); return -FWP_E_NO_MEMORY; }
    jv input = jv_parse(text);
    jq_start(cli->jq, input, 0);
    int flags = cli->pretty && !one_line ? JV_PRINT_INDENT_FLAGS(2) : 0, status = 0;
    jv result;
    while (jv_is_valid(result = jq_next(cli->jq))) {
        if (jv_get_kind(result) == JV_KIND_STRING) {
            size_t length = (size_t)jv_string_length_bytes(jv_copy(result));
            if (isatty(fileno(stdout))) put_terminal_safe(stdout, jv_string_value(result), length);
            else fwrite(jv_string_value(result), 1, length, stdout);
            jv_free(result);
        } else {
            jv_dumpf(result, stdout, flags);
        }
        fputc('\n', stdout);
    }
    if (jv_invalid_has_msg(jv_copy(result))) {
        jv message = jv_invalid_get_msg(result);
        const char *said = jv_get_kind(message) == JV_KIND_STRING ? jv_string_value(message) : "the filter failed";
        /* The request did succeed: its answer goes to stderr rather than being lost. */
        fprintf(stderr, "fwpay: --jq: %s; the request succeeded, and its answer was:\n%s\n", said, text);
        jv_free(message);
        status = CLI_EXIT_JQ;
    } else {
        jv_free(result);
    }
    free(text);
    return status;
}

int print_value(struct cli *cli, json_t *value, int one_line) {
    int status = 0;
    if (cli->jq) {
        status = run_jq(cli, value, one_line);
    } else {
        put_json(stdout, value, cli->pretty && !one_line, 0);
        fputc('\n', stdout);
    }
    json_decref(value);
    if (fflush(stdout) != 0 && status == 0) status = CLI_EXIT_USAGE;
    return status;
}
