/* fwpay sandbox clock|advance|transition|faults|fault|clear-faults|reset|requests|notifications|resend|listener:
 * fwpay-sandbox's control API (sandbox-only, under /sandbox beside the API's /payments/v1),
 * with the same key, base URL and output as every other command. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int clock_show(struct cli *, fwp_client *, int, char **);
static int advance(struct cli *, fwp_client *, int, char **);
static int transition(struct cli *, fwp_client *, int, char **);
static int faults(struct cli *, fwp_client *, int, char **);
static int fault(struct cli *, fwp_client *, int, char **);
static int clear_faults(struct cli *, fwp_client *, int, char **);
static int reset(struct cli *, fwp_client *, int, char **);
static int requests(struct cli *, fwp_client *, int, char **);
static int notifications(struct cli *, fwp_client *, int, char **);
static int resend(struct cli *, fwp_client *, int, char **);
static int listener(struct cli *, fwp_client *, int, char **);

static const struct option_doc advance_options[] = {
    { "--seconds", "N", "seconds to move the clock on" },
    { "--minutes", "N", "minutes to move the clock on" },
    { "--hours", "N", "hours to move the clock on" },
    { "--days", "N", "days to move the clock on (at most 400 in all)" },
    { NULL, NULL, NULL },
};
static const struct option_doc transition_options[] = {
    { "--status", "STATUS", "the status to move to (one the payment's lifecycle allows from where it is)" },
    { "--reason", "TEXT", "the reason a failed or cancelled payment gives" },
    { NULL, NULL, NULL },
};
static const struct option_doc fault_options[] = {
    { "--data", "JSON|@FILE|@-", "the fault: {\"path\", \"method\", \"kind\", \"count\", \"latency_ms\", \"status\"}" },
    { NULL, NULL, NULL },
};
static const struct option_doc requests_options[] = {
    { "--request-id", "ID", "only the request with this id (the id an error quotes)" },
    { "--limit", "N", "at most N requests, newest first (1 to 500)" },
    { NULL, NULL, NULL },
};
static const struct option_doc notifications_options[] = {
    { "--resource-id", "REF", "only the notifications of this payment or refund" },
    { NULL, NULL, NULL },
};

const struct action sandbox_actions[] = {
    { "clock", clock_show, "sandbox clock", ACTION_READ, "Shows the sandbox clock and how far it was moved on.",
      NULL, "fwpay sandbox clock --jq .now", NULL },
    { "advance", advance, "sandbox advance (--seconds N | --minutes N | --hours N | --days N)", ACTION_WRITE,
      "Moves the sandbox clock on and makes every change that falls due (holds expire, payments move on, their "
      "notifications go out).", advance_options, "fwpay sandbox advance --days 7", NULL },
    { "transition", transition, "sandbox transition <payment-reference> --status S [--reason TEXT]", ACTION_WRITE,
      "Moves a payment to a status its lifecycle allows, now, with its notification.",
      transition_options, "fwpay sandbox transition FWU123456789 --status guaranteed", NULL },
    { "faults", faults, "sandbox faults", ACTION_READ, "Lists this client's injected faults.",
      NULL, "fwpay sandbox faults", NULL },
    { "fault", fault, "sandbox fault --data <json | @file | @->", ACTION_WRITE,
      "Injects a fault into this client's next requests: latency, error, rate_limit, drop_before or drop_after.",
      fault_options, "fwpay sandbox fault --data '{\"path\": \"/orders\", \"method\": \"POST\", \"kind\": \"drop_after\"}'",
      "{\"path\": \"/orders\", \"method\": \"POST\", \"kind\": \"error\", \"status\": 503, \"count\": 1}" },
    { "clear-faults", clear_faults, "sandbox clear-faults", ACTION_WRITE, "Removes this client's faults.",
      NULL, "fwpay sandbox clear-faults", NULL },
    { "reset", reset, "sandbox reset", ACTION_WRITE,
      "Deletes this client's data: orders, payments, sessions, saved cards, refunds, bundles, notifications, "
      "idempotency keys, faults and request log. Other clients' data stays.", NULL, "fwpay sandbox reset", NULL },
    { "requests", requests, "sandbox requests [--request-id ID] [--limit N]", ACTION_READ,
      "Shows this client's last requests, newest first: method, path, status, request id, idempotency key, "
      "replayed or not, time taken, and the problem of an error.",
      requests_options, "fwpay sandbox requests --request-id req_0123456789abcdef", NULL },
    { "notifications", notifications, "sandbox notifications [--resource-id REF]", ACTION_READ,
      "Lists this client's notifications, newest first, with each delivery attempt.",
      notifications_options, "fwpay sandbox notifications --resource-id FWU123456789 --jq '.notifications[].state'", NULL },
    { "resend", resend, "sandbox resend <notification-id>", ACTION_WRITE,
      "Sends a notification again, now: the same body and digest to the same URL.",
      NULL, "fwpay sandbox resend 42", NULL },
    { "listener", listener, "sandbox listener", ACTION_READ,
      "Shows the receiver `fwpay listen` registered for this client, if one runs.", NULL, "fwpay sandbox listener", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};

/* Sends one request to the control API and prints its answer. */
static int control(struct cli *cli, fwp_client *client, const char *method, const char *path, json_t *body) {
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_request(client, method, path, body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int no_arguments(struct cli *cli, fwp_client *client, int argc, char **argv, const char *method, const char *path) {
    if (check_no_more("sandbox", sandbox_actions, argc, argv)) return CLI_EXIT_USAGE;
    return control(cli, client, method, path, NULL);
}

static int clock_show(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return no_arguments(cli, client, argc, argv, "GET", "/sandbox/clock");
}

static int advance(struct cli *cli, fwp_client *client, int argc, char **argv) {
    json_t *body = json_object();
    const char *const units[] = { "seconds", "minutes", "hours", "days" };
    for (size_t u = 0; u < 4; u++) {
        char flag[16];
        snprintf(flag, sizeof flag, "--%s", units[u]);
        const char *text = NULL;
        if (take_option(&argc, argv, flag, &text) < 0) { json_decref(body); return usage_error("sandbox", sandbox_actions, "%s needs a value", flag); }
        if (!text) continue;
        char *end = NULL;
        double value = strtod(text, &end);
        if (!*text || *end || !(value > 0)) {
            json_decref(body);
            return usage_error("sandbox", sandbox_actions, "%s takes a positive number, not '%s'", flag, text);
        }
        json_object_set_new(body, units[u], json_real(value));
    }
    if (json_object_size(body) == 0) { json_decref(body); return usage_error("sandbox", sandbox_actions, "advance needs --seconds, --minutes, --hours or --days"); }
    if (check_no_more("sandbox", sandbox_actions, argc, argv)) { json_decref(body); return CLI_EXIT_USAGE; }
    return control(cli, client, "POST", "/sandbox/clock/advance", body);
}

/* "/sandbox/<prefix>/<id><suffix>", or a usage error for an id that cannot be a path segment. */
static int id_path(char *path, size_t size, const char *prefix, const char *id, const char *suffix) {
    if (!*id || strcspn(id, "/?#%") != strlen(id) || strlen(id) > 64)
        return usage_error("sandbox", sandbox_actions, "'%s' is not an id", id);
    snprintf(path, size, "/sandbox/%s/%s%s", prefix, id, suffix);
    return 0;
}

static int transition(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *status = NULL, *reason = NULL;
    if (take_option(&argc, argv, "--status", &status) <= 0 || take_option(&argc, argv, "--reason", &reason) < 0)
        return usage_error("sandbox", sandbox_actions, "transition needs --status S");
    if (argc < 1) return usage_error("sandbox", sandbox_actions, "transition needs a payment reference");
    if (check_no_more("sandbox", sandbox_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    char path[128];
    if (id_path(path, sizeof path, "payments", argv[0], "/transition")) return CLI_EXIT_USAGE;
    json_t *body = json_pack("{s:s}", "status", status);
    if (reason) json_object_set_new(body, "reason", json_string(reason));
    return control(cli, client, "POST", path, body);
}

static int faults(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return no_arguments(cli, client, argc, argv, "GET", "/sandbox/faults");
}

static int fault(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    if (take_option(&argc, argv, "--data", &spec) <= 0) return usage_error("sandbox", sandbox_actions, "fault needs --data");
    if (check_no_more("sandbox", sandbox_actions, argc, argv)) return CLI_EXIT_USAGE;
    json_t *body = NULL;
    int status = read_body(spec, &body);
    return status ? status : control(cli, client, "POST", "/sandbox/faults", body);
}

static int clear_faults(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return no_arguments(cli, client, argc, argv, "DELETE", "/sandbox/faults");
}

static int reset(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return no_arguments(cli, client, argc, argv, "POST", "/sandbox/reset");
}

/* "?name=value" for each option given, values percent-encoded. */
static int query_path(char *path, size_t size, const char *base, int *argc, char **argv, const char *const *names) {
    size_t used = (size_t)snprintf(path, size, "%s", base);
    for (int n = 0; names[n]; n++) {
        char flag[40];
        snprintf(flag, sizeof flag, "--%s", names[n]);
        for (char *c = flag; *c; c++) if (*c == '_') *c = '-';
        const char *value = NULL;
        if (take_option(argc, argv, flag, &value) < 0) return usage_error("sandbox", sandbox_actions, "%s needs a value", flag);
        if (!value) continue;
        used += (size_t)snprintf(path + used, used < size ? size - used : 0, "%c%s=", strchr(path, '?') ? '&' : '?', names[n]);
        for (const unsigned char *c = (const unsigned char *)value; *c && used + 4 < size; c++)
            used += (size_t)snprintf(path + used, size - used, (strchr("-._~", *c) || (*c >= '0' && *c <= '9') ||
                                                               ((*c | 32) >= 'a' && (*c | 32) <= 'z')) ? "%c" : "%%%02X", *c);
        if (used + 4 >= size) return usage_error("sandbox", sandbox_actions, "%s is too long", flag);
    }
    return check_no_more("sandbox", sandbox_actions, *argc, argv);
}

static int requests(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const names[] = { "request_id", "limit", NULL };
    char path[512];
    if (query_path(path, sizeof path, "/sandbox/requests", &argc, argv, names)) return CLI_EXIT_USAGE;
    return control(cli, client, "GET", path, NULL);
}

static int notifications(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const names[] = { "resource_id", NULL };
    char path[512];
    if (query_path(path, sizeof path, "/sandbox/notifications", &argc, argv, names)) return CLI_EXIT_USAGE;
    return control(cli, client, "GET", path, NULL);
}

static int resend(struct cli *cli, fwp_client *client, int argc, char **argv) {
    if (argc < 1) return usage_error("sandbox", sandbox_actions, "resend needs a notification id");
    if (check_no_more("sandbox", sandbox_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    char path[128];
    if (id_path(path, sizeof path, "notifications", argv[0], "/resend")) return CLI_EXIT_USAGE;
    return control(cli, client, "POST", path, NULL);
}

static int listener(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return no_arguments(cli, client, argc, argv, "GET", "/sandbox/listener");
}

/* Whether url's host is flywire.com or one of its subdomains, however it is spelled: host
 * names ignore case, and a trailing dot names the same host. */
static int is_flywire_host(const char *url) {
    const char *start = strstr(url, "://");
    start = start ? start + 3 : url;
    size_t length = strcspn(start, "/?#");
    char host[256];
    if (length >= sizeof host) return 1; /* no such host name: refuse rather than guess */
    memcpy(host, start, length);
    host[length] = 0;
    char *name = strrchr(host, '@');
    name = name ? name + 1 : host;
    if (name[0] == '[') return 0; /* an IPv6 literal */
    char *port = strchr(name, ':');
    if (port) *port = 0;
    size_t n = strlen(name);
    while (n > 0 && name[n - 1] == '.') name[--n] = 0;
    for (size_t i = 0; i < n; i++) name[i] = (char)tolower((unsigned char)name[i]);
    const char *domain = "flywire.com";
    size_t d = strlen(domain);
    return strcmp(name, domain) == 0 || (n > d && name[n - d - 1] == '.' && strcmp(name + n - d, domain) == 0);
}

int sandbox_root(const char *base_url, char *root, size_t size) {
    if (!base_url || is_flywire_host(base_url)) return -1;
    size_t length = strlen(base_url);
    if (length >= size) return -1;
    memcpy(root, base_url, length + 1);
    const char *api = "/payments/v1";
    size_t suffix = strlen(api);
    while (length > 0 && root[length - 1] == '/') root[--length] = 0;
    if (length >= suffix && strcmp(root + length - suffix, api) == 0) root[length - suffix] = 0;
    return 0;
}

int at_sandbox_root(const char *path) {
    return strncmp(path, "/sandbox/", 9) == 0 || strncmp(path, "/checkout/form", 14) == 0;
}

int sandbox_client(const struct cli *cli, fwp_client **out, fwp_error *err) {
    char root[2048];
    *out = NULL;
    if (!cli->api_key || !*cli->api_key || sandbox_root(cli->base_url, root, sizeof root) != 0) return 1;
    return open_client(cli, root, out, err);
}

int cmd_sandbox(struct cli *cli) {
    char root[2048] = "";
    int help = cli->argc == 0 || strcmp(cli->argv[0], "help") == 0;
    for (int i = 0; i < cli->argc; i++) help |= is_help(cli->argv[i]);
    if (!help && sandbox_root(cli->base_url, root, sizeof root) != 0) {
        fprintf(stderr, "fwpay sandbox: the control API is fwpay-sandbox's: set FWPAY_BASE_URL (or --base-url, or a "
                        "profile) to a sandbox's, e.g. http://127.0.0.1:8080/payments/v1, not Flywire's\n");
        return CLI_EXIT_USAGE;
    }
    struct cli inner = *cli;
    inner.base_url = root;
    return run_action(&inner, "sandbox", sandbox_actions);
}
