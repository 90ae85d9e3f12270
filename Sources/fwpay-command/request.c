/* fwpay request METHOD PATH [--data BODY]: any call of the API. */
#include <string.h>

#include "cli.h"

static int send_request(struct cli *, fwp_client *, int, char **);

/* `request` is its own one action. */
static const struct option_doc request_options[] = { { "--data", "JSON|@FILE|@-", DATA_HELP }, { NULL, NULL, NULL } };

const struct action request_actions[] = {
    { "request", send_request, "request <GET|POST|PATCH|DELETE> <path> [--data <json | @file | @->]", ACTION_WRITE,
      "Sends any request; PATH is below the base URL, e.g. /payments/FWU123456789. With a fwpay-sandbox's base URL, a "
      "PATH under /sandbox goes to its control API beside the API (sandbox-only).",
      request_options, "fwpay request GET /payments/FWU123456789/refunds", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int send_request(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    json_t *body = NULL;
    int found = take_option(&argc, argv, "--data", &spec);
    if (found < 0) return usage_error("request", request_actions, "--data needs a value");
    if (argc < 2) return usage_error("request", request_actions, "request needs a method and a path");
    if (check_no_more("request", request_actions, argc - 2, argv + 2)) return CLI_EXIT_USAGE;
    if (found) {
        int status = read_body(spec, &body);
        if (status != 0) return status;
    }
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    /* Flywire's API has no /sandbox; a sandbox serves its control API (and the payer's form)
     * beside /payments/v1: such a path goes to the base URL's root. */
    fwp_client *root = NULL;
    int rc = at_sandbox_root(argv[1]) ? sandbox_client(cli, &root, &err) : FWP_OK;
    if (rc == 1) rc = FWP_OK;  /* not a sandbox: the path goes below the base URL like any other */
    if (rc == FWP_OK) rc = fwp_request(root ? root : client, argv[0], argv[1], body, call_options(cli), &result, &err);
    fwp_client_free(root);
    int status = print_result(cli, rc, result, &err);
    json_decref(body);
    return status;
}

int cmd_request(struct cli *cli) {
    for (int i = 0; i < cli->argc; i++)
        if (is_help(cli->argv[i])) { print_action_help(stdout, &request_actions[0]); return 0; }
    /* Reuse the action runner: insert the action's name in front of the arguments. */
    static char name[] = "request";
    char *args[256];
    if (cli->argc > 254) return usage_error("request", request_actions, "too many arguments");
    args[0] = name;
    for (int i = 0; i < cli->argc; i++) args[i + 1] = cli->argv[i];
    struct cli inner = *cli;
    inner.argc = cli->argc + 1;
    inner.argv = args;
    return run_action(&inner, "request", request_actions);
}
