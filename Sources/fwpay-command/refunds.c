/* fwpay refunds create|get|list|cancel */
#include "cli.h"

static int create(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);
static int list(struct cli *, fwp_client *, int, char **);
static int cancel(struct cli *, fwp_client *, int, char **);

static const struct option_doc create_options[] = {
    { "--amount", "SUBUNITS", "the amount to refund, in subunits of the payment's currency" },
    { "--external-reference", "REF", "your own reference for the refund (with --amount)" },
    { "--data", "JSON|@FILE|@-", "the request body: JSON text, @file.json, or @- for standard input" },
    { NULL, NULL, NULL },
};
static const struct option_doc list_filters[] = {
    { "--payment-id", "REF", "only refunds of this payment" },
    { "--status", "STATUS", "only refunds in this status" },
    { NULL, NULL, NULL },
};

const struct action refunds_actions[] = {
    { "create", create, "refunds create <payment-reference> (--amount SUBUNITS [--external-reference R] | --data <json | @file | @->)",
      ACTION_WRITE, HELP_REFUND_CREATE,
      create_options, "fwpay refunds create FWU123456789 --amount 5000 --idempotency-key refund-42",
      "{\"amount\": 5000, \"external_reference\": \"your own reference\"}" },
    { "get", get, "refunds get <refund-id>", ACTION_READ, HELP_REFUND_GET,
      NULL, "fwpay refunds get RFND-ID --jq .status", NULL },
    { "list", list, "refunds list [--payment-id REF] [--status S] [--page N] [--per-page N] [--all]", ACTION_LIST,
      HELP_REFUND_LIST, list_filters, "fwpay refunds list --payment-id FWU123456789 --all", NULL },
    { "cancel", cancel, "refunds cancel <refund-id>", ACTION_WRITE, HELP_REFUND_CANCEL,
      NULL, "fwpay refunds cancel RFND-ID", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int create(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL, *amount_text = NULL, *reference = NULL;
    if (take_option(&argc, argv, "--data", &spec) < 0 || take_option(&argc, argv, "--amount", &amount_text) < 0 ||
        take_option(&argc, argv, "--external-reference", &reference) < 0)
        return usage_error("refunds", refunds_actions, "an option is missing its value");
    if (!spec == !amount_text) return usage_error("refunds", refunds_actions, "create needs --amount or --data (one of them)");
    if (argc < 1) return usage_error("refunds", refunds_actions, "create needs a payment reference");
    if (check_no_more("refunds", refunds_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    json_t *body = NULL, *result = NULL;
    if (spec) {
        int status = read_body(spec, &body);
        if (status != 0) return status;
    } else {
        int64_t amount = 0;
        if (parse_amount("refunds", refunds_actions, amount_text, &amount)) return CLI_EXIT_USAGE;
        body = json_pack("{s:I}", "amount", (json_int_t)amount);
        if (reference) json_object_set_new(body, "external_reference", json_string(reference));
    }
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_refund_create(client, argv[0], body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "refunds", refunds_actions, "a refund id", fwp_refund_get);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const filters[] = { "payment_id", "status", NULL };
    return list_action(cli, client, argc, argv, "refunds", refunds_actions, "refunds", filters, fwp_refund_list);
}

static int cancel(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "refunds", refunds_actions, "a refund id", fwp_refund_cancel);
}

int cmd_refunds(struct cli *cli) {
    return run_action(cli, "refunds", refunds_actions);
}
