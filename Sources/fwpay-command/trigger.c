/* fwpay trigger EVENT: makes a sandbox emit an event (payment.guaranteed, preauth.captured,
 * refund.finished...) by running the steps of a fixture file, in the manner of `stripe trigger`.
 * A fixture is JSON: {"event", "description", "steps": [{"name", "method", "path", "body"}],
 * "result"}; a string "${EXPR}" in a path or body is the jq expression EXPR (libjq)
 * over the results of the earlier steps, by name ({"order": {...}, "charge": {...}}); a path
 * under /sandbox or /checkout/form goes to the sandbox's root, as `fwpay request` sends it. New
 * events need a file, no code. Sandbox-only: Flywire's own base URLs are refused. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static int trigger_run(struct cli *, fwp_client *, int, char **);

static const struct option_doc trigger_options[] = {
    { "--fixtures", "DIR", "the fixture files' directory (default: $FWPAY_FIXTURES, else the installed ones)" },
    { "--list", NULL, "list the events the fixtures can trigger" },
    { NULL, NULL, NULL },
};

const struct action trigger_actions[] = {
    { "trigger", trigger_run, "trigger EVENT [--fixtures DIR] | trigger --list", ACTION_LOCAL,
      "Makes a fwpay-sandbox emit EVENT (e.g. payment.guaranteed, preauth.captured, refund.finished) by running the "
      "steps of its fixture file: the payments it makes notify the client (fwpay listen receives them). Sandbox-only.",
      trigger_options, "fwpay trigger payment.delivered --jq .payment_reference", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};

/* The fixtures' directory: --fixtures, $FWPAY_FIXTURES, else beside the program (installed:
 * PREFIX/share/fwpay/fixtures; in the build tree: the repository's share/fwpay/fixtures). */
static int fixtures_dir(const char *given, char *out, size_t size) {
    const char *chosen = given ? given : getenv("FWPAY_FIXTURES");
    if (chosen && *chosen) return snprintf(out, size, "%s", chosen) < (int)size ? 0 : -1;
    char program[PATH_MAX];
    ssize_t length = readlink("/proc/self/exe", program, sizeof program - 1);
    if (length <= 0) return -1;
    program[length] = 0;
    char *slash = strrchr(program, '/');
    if (!slash) return -1;
    *slash = 0;
    const char *const relative[] = { "/../share/fwpay/fixtures", "/../../share/fwpay/fixtures" };
    for (size_t i = 0; i < 2; i++) {
        if (snprintf(out, size, "%s%s", program, relative[i]) >= (int)size) continue;
        DIR *dir = opendir(out);
        if (dir) { closedir(dir); return 0; }
    }
    return -1;
}

static int list_events(const char *dir) {
    DIR *listing = opendir(dir);
    if (!listing) { fprintf(stderr, "fwpay trigger: cannot read %s\n", dir); return CLI_EXIT_USAGE; }
    struct dirent *entry;
    char path[PATH_MAX];
    while ((entry = readdir(listing))) {
        size_t length = strlen(entry->d_name);
        if (length < 6 || strcmp(entry->d_name + length - 5, ".json") != 0) continue;
        if (snprintf(path, sizeof path, "%s/%s", dir, entry->d_name) >= (int)sizeof path) continue;
        json_t *fixture = json_load_file(path, 0, NULL);
        const char *event = json_string_value(json_object_get(fixture, "event"));
        const char *description = json_string_value(json_object_get(fixture, "description"));
        printf("%-22s %s\n", event ? event : "?", description ? description : "");
        json_decref(fixture);
    }
    closedir(listing);
    return 0;
}

/* A copy of `value` with each "${EXPR}" replaced: a string that is one whole "${EXPR}" takes
 * the value's own type; inside longer text, strings go in as they are and other values as JSON. */
/* The '}' that closes the ${ at `start`: braces inside the jq expression nest, and those in
 * its string literals do not count (finding I4: the first '}' cut `${ {a:"FWU"} | .a }`). */
static const char *closing_brace(const char *start) {
    int depth = 1, quoted = 0;
    for (const char *at = start + 2; *at; at++) {
        if (quoted) {
            if (*at == '\\' && at[1]) at++;
            else if (*at == '"') quoted = 0;
        } else if (*at == '"') {
            quoted = 1;
        } else if (*at == '{') {
            depth++;
        } else if (*at == '}' && --depth == 0) {
            return at;
        }
    }
    return NULL;
}

static json_t *expand(json_t *value, json_t *context) {
    if (json_is_object(value) || json_is_array(value)) {
        json_t *copy = json_is_object(value) ? json_object() : json_array();
        const char *key;
        size_t index;
        json_t *member;
        if (json_is_object(value)) {
            json_object_foreach(value, key, member) {
                json_t *expanded = expand(member, context);
                if (!expanded) { json_decref(copy); return NULL; }
                json_object_set_new(copy, key, expanded);
            }
        } else {
            json_array_foreach(value, index, member) {
                json_t *expanded = expand(member, context);
                if (!expanded) { json_decref(copy); return NULL; }
                json_array_append_new(copy, expanded);
            }
        }
        return copy;
    }
    const char *text = json_string_value(value);
    if (!text || !strstr(text, "${")) return json_deep_copy(value);
    size_t length = strlen(text);
    if (strncmp(text, "${", 2) == 0 && closing_brace(text) == text + length - 1) {
        char program[512];
        if (length - 3 >= sizeof program) return NULL;  /* never a cut expression */
        snprintf(program, sizeof program, "%.*s", (int)(length - 3), text + 2);
        return jq_first(program, context);
    }
    char out[4096];
    size_t used = 0;
    for (const char *at = text; *at;) {
        const char *start = strstr(at, "${"), *end = start ? closing_brace(start) : NULL;
        size_t plain = start && end ? (size_t)(start - at) : strlen(at);
        if (used + plain >= sizeof out) return NULL;
        memcpy(out + used, at, plain);
        used += plain;
        if (!start || !end) break;
        char program[512];
        if ((size_t)(end - start - 2) >= sizeof program) return NULL;
        snprintf(program, sizeof program, "%.*s", (int)(end - start - 2), start + 2);
        json_t *found = jq_first(program, context);
        if (!found) return NULL;
        char *piece = json_is_string(found) ? strdup(json_string_value(found)) : json_dumps(found, JSON_COMPACT | JSON_ENCODE_ANY);
        json_decref(found);
        size_t size = piece ? strlen(piece) : 0;
        if (!piece || used + size >= sizeof out) { free(piece); return NULL; }
        memcpy(out + used, piece, size);
        used += size;
        free(piece);
        at = end + 1;
    }
    out[used] = 0;
    return json_string(out);
}

static int run_steps(struct cli *cli, json_t *fixture, fwp_client *api, fwp_client *root) {
    json_t *context = json_object(), *steps = json_object_get(fixture, "steps"), *step;
    size_t index;
    int status = 0;
    json_array_foreach(steps, index, step) {
        const char *name = json_string_value(json_object_get(step, "name"));
        const char *method = json_string_value(json_object_get(step, "method"));
        json_t *path = expand(json_object_get(step, "path"), context);
        json_t *body = json_object_get(step, "body") ? expand(json_object_get(step, "body"), context) : NULL;
        if (!method || !json_is_string(path) || (json_object_get(step, "body") && !body)) {
            fprintf(stderr, "fwpay trigger: step %zu (%s) cannot be made\n", index + 1, name ? name : "unnamed");
            json_decref(path);
            json_decref(body);
            status = CLI_EXIT_USAGE;
            break;
        }
        fprintf(stderr, "fwpay trigger: %s %s\n", method, json_string_value(path));
        json_t *result = NULL;
        fwp_error err = FWP_ERROR_INIT;
        int rc = fwp_request(at_sandbox_root(json_string_value(path)) ? root : api, method, json_string_value(path), body,
                             NULL, &result, &err);
        json_decref(path);
        json_decref(body);
        if (rc != FWP_OK) { status = print_result(cli, rc, NULL, &err); break; }
        fwp_error_clear(&err);
        if (name) json_object_set_new(context, name, result);
        else json_decref(result);
    }
    if (status == 0) {
        const char *wanted = json_string_value(json_object_get(fixture, "result"));
        json_t *result = wanted ? jq_first(wanted, context) : json_incref(context);
        status = result ? print_value(cli, result, 0) : CLI_EXIT_USAGE;
    }
    json_decref(context);
    return status;
}

static int trigger_run(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)client;
    const char *given = NULL;
    if (take_option(&argc, argv, "--fixtures", &given) < 0) return usage_error("trigger", trigger_actions, "--fixtures needs a value");
    int list = take_flag(&argc, argv, "--list");
    char dir[PATH_MAX];
    if (fixtures_dir(given, dir, sizeof dir) != 0) {
        fprintf(stderr, "fwpay trigger: no fixtures found: give --fixtures DIR or set FWPAY_FIXTURES\n");
        return CLI_EXIT_USAGE;
    }
    if (list || argc == 0) return check_no_more("trigger", trigger_actions, argc, argv) ? CLI_EXIT_USAGE : list_events(dir);
    if (check_no_more("trigger", trigger_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    const char *event = argv[0];
    if (strcspn(event, "/") != strlen(event) || event[0] == '.') return usage_error("trigger", trigger_actions, "'%s' is not an event", event);
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s.json", dir, event) >= (int)sizeof path)
        return usage_error("trigger", trigger_actions, "'%s' is not an event", event);
    json_error_t problem;
    json_t *fixture = json_load_file(path, JSON_REJECT_DUPLICATES, &problem);
    if (!fixture) {
        fprintf(stderr, "fwpay trigger: no event %s (%s); `fwpay trigger --list` lists them\n", event, problem.text);
        return CLI_EXIT_USAGE;
    }
    if (!json_is_array(json_object_get(fixture, "steps"))) {
        fprintf(stderr, "fwpay trigger: %s has no \"steps\" array\n", path);
        json_decref(fixture);
        return CLI_EXIT_USAGE;
    }
    if (!has_api_key(cli)) {
        json_decref(fixture);
        return CLI_EXIT_USAGE;
    }
    fwp_client *api = NULL, *root = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int status, rc = sandbox_client(cli, &root, &err);
    if (rc == 1) {
        fprintf(stderr, "fwpay trigger: triggers make payments on a fwpay-sandbox only: set FWPAY_BASE_URL (or --base-url, or a "
                        "profile) to a sandbox's, not Flywire's\n");
        status = CLI_EXIT_USAGE;
    } else if (rc != FWP_OK || open_client(cli, cli->base_url, &api, &err) != FWP_OK) {
        status = print_result(cli, err.code, NULL, &err);
    } else {
        status = run_steps(cli, fixture, api, root);
    }
    fwp_client_free(api);
    fwp_client_free(root);
    json_decref(fixture);
    return status;
}

int cmd_trigger(struct cli *cli) {
    for (int i = 0; i < cli->argc; i++)
        if (is_help(cli->argv[i])) { print_action_help(stdout, &trigger_actions[0]); return 0; }
    return trigger_run(cli, NULL, cli->argc, cli->argv);
}
