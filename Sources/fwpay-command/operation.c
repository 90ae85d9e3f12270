/* Runs an action that is an operation of the API, from its generated row (operations.c): reads
 * the arguments as the row says (positional, --flag, --data or the body's field flags, a list's
 * filters and pages), then sends them through fwp_call, or walks every page with fwp_iter. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int positive(const char *text, int maximum, int *out) {
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (!*text || *end || value < 1 || value > maximum) return -1;
    *out = (int)value;
    return 0;
}

/* The value of one argument as fwp_call's member; 0, or the exit status after saying why. */
static int member_value(const struct operation *op, const struct operation_argument *argument, const char *text, json_t **out) {
    if (argument->type == ARGUMENT_BODY) return read_body(text, out);
    if (argument->type == ARGUMENT_AMOUNT) {
        int64_t amount = 0;
        if (parse_amount(op->group, op->actions, text, &amount)) return CLI_EXIT_USAGE;
        *out = json_integer((json_int_t)amount);
        return 0;
    }
    *out = json_string(text);
    return *out ? 0 : usage_error(op->group, op->actions, "%s must be UTF-8 text", argument->what);
}

/* Adds `flag` to the list of what is missing ("--recipient, --amount and --country"). */
static void add_missing(char *list, size_t size, size_t *count, const char *flag, int last) {
    size_t used = strlen(list);
    snprintf(list + used, size - used, "%s%s", *count == 0 ? "" : last ? " and " : ", ", flag);
    (*count)++;
}

/* The arguments of an operation that is not a list, as fwp_call's members in `args`: each
 * --flag, then the positional ones in order. A body comes whole with --data or is built from
 * its field flags (refunds create --amount), not both. */
static int read_arguments(const struct operation *op, int *argc, char **argv, json_t *args) {
    enum { MAX = 16 };
    const char *given[MAX] = { NULL };
    size_t count = 0, body = MAX, required_flags = 0;
    int fields = 0;
    for (; count < MAX && op->arguments[count].member; count++) {
        const struct operation_argument *argument = &op->arguments[count];
        if (argument->type == ARGUMENT_BODY) body = count;
        if (argument->flag && !argument->optional && !argument->in_body && argument->type != ARGUMENT_BODY) required_flags++;
        if (!argument->flag) continue;
        int found = take_option(argc, argv, argument->flag, &given[count]);
        if (found < 0) return usage_error(op->group, op->actions, "%s needs a value", argument->flag);
        if (found && argument->in_body) fields++;
    }
    if (fields && given[body]) return usage_error(op->group, op->actions, "%s and %s do not go together", op->arguments[body].flag, op->arguments[body + 1].flag);
    /* When one is missing, every required flag is named: "list needs --recipient, --amount and --country". */
    int body_missing = body < MAX && !op->arguments[body].optional && !given[body] && !fields;
    int lacking = body_missing;
    for (size_t i = 0; i < count; i++)
        if (op->arguments[i].flag && !op->arguments[i].optional && !op->arguments[i].in_body && op->arguments[i].type != ARGUMENT_BODY && !given[i]) lacking = 1;
    if (lacking) {
        char missing[256] = "";
        size_t named = 0, total = required_flags + (body < MAX && !op->arguments[body].optional);
        for (size_t i = 0; i < count; i++) {
            const struct operation_argument *argument = &op->arguments[i];
            if (!argument->flag || argument->optional || argument->in_body) continue;
            char either[96];
            int built = argument->type == ARGUMENT_BODY && i + 1 < count && op->arguments[i + 1].in_body;
            snprintf(either, sizeof either, "%s%s%s", built ? op->arguments[i + 1].flag : "", built ? " or " : "", argument->flag);
            add_missing(missing, sizeof missing, &named, either, named + 1 == total);
        }
        return total == 1 ? usage_error(op->group, op->actions, "%s is required", missing)
                          : usage_error(op->group, op->actions, "%s needs %s", op->action, missing);
    }
    /* The positional arguments, in the row's order, are what the flags left. */
    int next = 0;
    for (size_t i = 0; i < count; i++) {
        if (op->arguments[i].flag) continue;
        if (next < *argc) given[i] = argv[next++];
        else if (!op->arguments[i].optional) return usage_error(op->group, op->actions, "%s is required", op->arguments[i].what);
    }
    if (check_no_more(op->group, op->actions, *argc - next, argv + next)) return CLI_EXIT_USAGE;
    json_t *built = fields ? json_object() : NULL;
    for (size_t i = 0; i < count; i++) {
        const struct operation_argument *argument = &op->arguments[i];
        if (!given[i] && argument->in_body && fields && !argument->optional) {
            json_decref(built);
            return usage_error(op->group, op->actions, "%s is required without %s", argument->flag, op->arguments[body].flag);
        }
        if (!given[i]) continue;
        json_t *value = NULL;
        int status = member_value(op, argument, given[i], &value);
        if (status != 0) { json_decref(built); return status; }
        json_object_set_new(argument->in_body ? built : args, argument->member, value);
    }
    if (built) json_object_set_new(args, op->arguments[body].member, built);
    return 0;
}

/* The per-call options as fwp_call's members. */
static void add_options(const struct cli *cli, json_t *args) {
    const fwp_call_options *options = call_options(cli);
    if (!options) return;
    if (options->idempotency_key) json_object_set_new(args, "idempotency_key", json_string(options->idempotency_key));
    if (options->timeout_ms > 0) json_object_set_new(args, "timeout_ms", json_integer(options->timeout_ms));
    if (options->max_retries >= 0) json_object_set_new(args, "max_retries", json_integer(options->max_retries));
}

static int call(struct cli *cli, fwp_client *client, const struct operation *op, json_t *args) {
    add_options(cli, args);
    char *text = json_dumps(args, JSON_COMPACT);
    json_decref(args);
    if (!text) { fprintf(stderr, "fwpay: out of memory\n"); return -FWP_E_NO_MEMORY; }
    char *answer = NULL;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_call(client, op->name, text, strlen(text), &answer, &err);
    free(text);
    if (rc == FWP_OK) rc = fwp_json_parse(answer, strlen(answer), &result, &err);
    fwp_free(answer);
    return print_result(cli, rc, result, &err);
}

/* --all: every item of every page, one per line as the pages arrive (memory stays that of one
 * page), or with --array one JSON array at the end. */
static int walk(struct cli *cli, fwp_client *client, const struct operation *op, json_t *args, int per_page, int array) {
    add_options(cli, args);
    json_object_del(args, "idempotency_key");  /* a list reads: its pages take no key */
    char *text = json_dumps(args, JSON_COMPACT);
    json_decref(args);
    if (!text) { fprintf(stderr, "fwpay: out of memory\n"); return -FWP_E_NO_MEMORY; }
    fwp_error err = FWP_ERROR_INIT;
    fwp_iter *iter = NULL;
    int rc = fwp_iter_new_json(client, op->name, text, strlen(text), &iter, &err);
    free(text);
    json_t *items = array ? json_array() : NULL;
    int counter = isatty(STDERR_FILENO), status = 0;
    long count = 0, size = per_page ? per_page : 100;
    char *item_text = NULL;
    while (rc == FWP_OK && (rc = fwp_iter_next_json(iter, &item_text, &err)) == FWP_OK && item_text) {
        json_t *item = NULL;
        rc = fwp_json_parse(item_text, strlen(item_text), &item, &err);
        fwp_free(item_text);
        if (rc != FWP_OK) break;
        if (counter && count % size == 0) fprintf(stderr, "\rfwpay: page %ld", count / size + 1);
        count++;
        if (items) json_array_append_new(items, item);
        else if ((status = print_value(cli, item, 1)) != 0) break;
    }
    fwp_iter_free(iter);
    if (counter && count) fprintf(stderr, "\rfwpay: %ld items in %ld pages\n", count, (count + size - 1) / size);
    if (rc != FWP_OK) { json_decref(items); return print_result(cli, rc, NULL, &err); }
    fwp_error_clear(&err);
    if (status != 0) return status;
    return items ? print_value(cli, items, 0) : 0;
}

/* A list: its filters as --flags, --page/--per-page, or --all for every page. */
static int list(struct cli *cli, fwp_client *client, int argc, char **argv, const struct operation *op, json_t *args) {
    const char *page_text = NULL, *per_page_text = NULL;
    int page = 0, per_page = 0;
    if (take_option(&argc, argv, "--page", &page_text) < 0 || take_option(&argc, argv, "--per-page", &per_page_text) < 0)
        return usage_error(op->group, op->actions, "an option is missing its value");
    int all = take_flag(&argc, argv, "--all"), array = take_flag(&argc, argv, "--array");
    if (array && !all) return usage_error(op->group, op->actions, "--array goes with --all");
    if ((page_text && positive(page_text, 1000000, &page)) || (per_page_text && positive(per_page_text, 100, &per_page)))
        return usage_error(op->group, op->actions, "--page takes a positive number and --per-page 1 to 100");
    if (all && page_text) return usage_error(op->group, op->actions, "--all and --page do not go together");
    json_t *chosen = json_object();
    for (int f = 0; op->filters[f]; f++) {
        char flag[64];
        snprintf(flag, sizeof flag, "--%s", op->filters[f]);
        for (char *c = flag; *c; c++) if (*c == '_') *c = '-';
        const char *value = NULL;
        if (take_option(&argc, argv, flag, &value) < 0) { json_decref(chosen); return usage_error(op->group, op->actions, "%s needs a value", flag); }
        if (value) json_object_set_new(chosen, op->filters[f], json_string(value));
    }
    if (check_no_more(op->group, op->actions, argc, argv)) { json_decref(chosen); return CLI_EXIT_USAGE; }
    if (op->filters[0]) json_object_set_new(args, "filters", chosen);
    else json_decref(chosen);
    if (per_page) json_object_set_new(args, "per_page", json_integer(per_page));
    if (all) return walk(cli, client, op, args, per_page, array);
    if (page) json_object_set_new(args, "page", json_integer(page));
    return call(cli, client, op, args);
}

int run_operation(struct cli *cli, fwp_client *client, int argc, char **argv, const struct operation *op) {
    json_t *args = json_object();
    if (!args) { fprintf(stderr, "fwpay: out of memory\n"); return -FWP_E_NO_MEMORY; }
    if (op->filters) return list(cli, client, argc, argv, op, args);
    int status = read_arguments(op, &argc, argv, args);
    if (status != 0) { json_decref(args); return status; }
    return call(cli, client, op, args);
}
