/* fwpay sessions create|confirm */
#include "cli.h"

static int create(struct cli *, fwp_client *, int, char **);
static int confirm(struct cli *, fwp_client *, int, char **);

static const struct action actions[] = {
    { "create",  create,  "sessions create --data <json | @file | @->" },
    { "confirm", confirm, "sessions confirm <session-id | confirm-url>   (after the payer sent the form)" },
    { NULL, NULL, NULL },
};

static int create(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    int found = take_option(&argc, argv, "--data", &spec);
    if (found <= 0) return usage_error("sessions", actions, "--data is required");
    if (check_no_more("sessions", actions, argc, argv)) return CLI_EXIT_USAGE;
    json_t *body = NULL, *result = NULL;
    int status = read_body(spec, &body);
    if (status != 0) return status;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_session_create(client, body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int confirm(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "sessions", actions, "a session id or confirm URL", fwp_session_confirm);
}

int cmd_sessions(struct cli *cli) {
    return run_action(cli, "sessions", actions, "create and confirm checkout sessions");
}
