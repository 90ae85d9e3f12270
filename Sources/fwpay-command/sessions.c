/* fwpay sessions create|confirm */
#include "cli.h"

static int create(struct cli *, fwp_client *, int, char **);
static int confirm(struct cli *, fwp_client *, int, char **);

static const struct option_doc data_options[] = { { "--data", "JSON|@FILE|@-", "the request body: JSON text, @file.json, or @- for standard input" }, { NULL, NULL, NULL } };

const struct action sessions_actions[] = {
    { "create", create, "sessions create --data <json | @file | @->", ACTION_WRITE,
      HELP_SESSION_CREATE,
      data_options, "fwpay sessions create --data @session.json --jq .hosted_form.url",
      "{\n"
      "  \"type\": \"tokenization_and_pay\", \"recipient_id\": \"FWU\", \"schema\": \"cards\",\n"
      "  \"charge_intent\": {\"capture\": \"manual\", \"authorization\": \"preauth\", \"mode\": \"unscheduled\"},\n"
      "  \"recipient\": {\"fields\": [{\"id\": \"custom_field_1\", \"value\": \"ROOM-101\"}]},\n"
      "  \"items\": [{\"id\": \"default\", \"amount\": 60000}],\n"
      "  \"notifications_url\": \"https://example.com/flywire\"\n"
      "}" },
    { "confirm", confirm, "sessions confirm <session-id | confirm-url>   (after the payer sent the form)", ACTION_WRITE,
      HELP_SESSION_CONFIRM,
      NULL, "fwpay sessions confirm \"$CONFIRM_URL\" --jq .payment_reference", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int create(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    int found = take_option(&argc, argv, "--data", &spec);
    if (found <= 0) return usage_error("sessions", sessions_actions, "--data is required");
    if (check_no_more("sessions", sessions_actions, argc, argv)) return CLI_EXIT_USAGE;
    json_t *body = NULL, *result = NULL;
    int status = read_body(spec, &body);
    if (status != 0) return status;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_session_create(client, body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int confirm(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "sessions", sessions_actions, "a session id or confirm URL", fwp_session_confirm);
}

int cmd_sessions(struct cli *cli) {
    return run_action(cli, "sessions", sessions_actions);
}
