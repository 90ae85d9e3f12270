/* fwpay payments get|list|charge|capture|adjust|cancel|process|receipt */
#include "cli.h"

static int get(struct cli *, fwp_client *, int, char **);
static int list(struct cli *, fwp_client *, int, char **);
static int charge(struct cli *, fwp_client *, int, char **);
static int capture(struct cli *, fwp_client *, int, char **);
static int adjust(struct cli *, fwp_client *, int, char **);
static int cancel(struct cli *, fwp_client *, int, char **);
static int process(struct cli *, fwp_client *, int, char **);
static int receipt(struct cli *, fwp_client *, int, char **);

static const struct option_doc list_filters[] = {
    { "--recipient", "ID", "only payments to this recipient" },
    { "--status", "STATUS", "only payments in this status (initiated, guaranteed, delivered, cancelled, ...)" },
    { "--external-reference", "REF", "only payments with your own reference REF" },
    { NULL, NULL, NULL },
};
static const struct option_doc charge_options[] = { { "--data", "JSON|@FILE|@-", "the request body: JSON text, @file.json, or @- for standard input" }, { NULL, NULL, NULL } };
static const struct option_doc amount_options[] = {
    { "--amount", "SUBUNITS", "the amount in subunits of the payment's currency (USD 120.25 is 12025)" },
    { NULL, NULL, NULL },
};

const struct action payments_actions[] = {
    { "get", get, "payments get <reference>", ACTION_READ,
      HELP_PAYMENT_GET,
      NULL, "fwpay payments get FWU123456789 --jq .status", NULL },
    { "list", list, "payments list [--recipient ID] [--status S] [--external-reference R] [--page N] [--per-page N] [--all]",
      ACTION_LIST, HELP_PAYMENT_LIST,
      list_filters, "fwpay payments list --status guaranteed --all --jq .reference", NULL },
    { "charge", charge, "payments charge --data <json | @file | @->   (a saved card: token, mandate_id, ...)", ACTION_WRITE,
      HELP_PAYMENT_CHARGE,
      charge_options, "fwpay payments charge --data @charge.json --idempotency-key invoice-42",
      "{\n"
      "  \"payment_method_token\": \"TOKEN from the confirmed session's payment_method.token\",\n"
      "  \"mandate_id\": \"MANDATE from the confirmed session's mandate.id\",\n"
      "  \"charge_intent\": {\"mode\": \"unscheduled\"},\n"
      "  \"recipient\": {\"id\": \"FWU\"},\n"
      "  \"items\": [{\"amount\": 9900}],\n"
      "  \"external_reference\": \"your own reference\"\n"
      "}" },
    { "capture", capture, "payments capture <reference> --amount SUBUNITS   (at most the hold)", ACTION_WRITE,
      HELP_PAYMENT_CAPTURE,
      amount_options, "fwpay payments capture FWU123456789 --amount 50000 --idempotency-key capture-42", NULL },
    { "adjust", adjust, "payments adjust <reference> --amount SUBUNITS    (raise or extend a preauth hold)", ACTION_WRITE,
      HELP_PAYMENT_ADJUST,
      amount_options, "fwpay payments adjust FWU123456789 --amount 60000", NULL },
    { "cancel", cancel, "payments cancel <reference>", ACTION_WRITE,
      HELP_PAYMENT_CANCEL,
      NULL, "fwpay payments cancel FWU123456789", NULL },
    { "process", process, "payments process <reference>      (a 529 payment)", ACTION_WRITE,
      HELP_PAYMENT_PROCESS,
      NULL, "fwpay payments process FWU123456789", NULL },
    { "receipt", receipt, "payments receipt <reference>", ACTION_READ,
      HELP_PAYMENT_RECEIPT,
      NULL, "fwpay payments receipt FWU123456789", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", payments_actions, "a payment reference", fwp_payment_get);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const filters[] = { "recipient", "status", "external_reference", NULL };
    return list_action(cli, client, argc, argv, "payments", payments_actions, "payments", filters, fwp_payment_list);
}

static int charge(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    if (take_option(&argc, argv, "--data", &spec) <= 0) return usage_error("payments", payments_actions, "--data is required");
    if (check_no_more("payments", payments_actions, argc, argv)) return CLI_EXIT_USAGE;
    json_t *body = NULL, *result = NULL;
    int status = read_body(spec, &body);
    if (status != 0) return status;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_payment_charge(client, body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int with_amount(struct cli *cli, fwp_client *client, int argc, char **argv,
                       int (*call)(fwp_client *, const char *, int64_t, const fwp_call_options *, json_t **, fwp_error *)) {
    const char *amount_text = NULL;
    if (take_option(&argc, argv, "--amount", &amount_text) <= 0) return usage_error("payments", payments_actions, "--amount is required");
    if (argc < 1) return usage_error("payments", payments_actions, "a payment reference is required");
    if (check_no_more("payments", payments_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    int64_t amount = 0;
    if (parse_amount("payments", payments_actions, amount_text, &amount)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = call(client, argv[0], amount, call_options(cli), &result, &err);
    return print_result(cli, rc, result, &err);
}

static int capture(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_amount(cli, client, argc, argv, fwp_payment_capture);
}

static int adjust(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_amount(cli, client, argc, argv, fwp_payment_adjust);
}

static int cancel(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", payments_actions, "a payment reference", fwp_payment_cancel);
}

static int process(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", payments_actions, "a payment reference", fwp_payment_process);
}

static int receipt(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", payments_actions, "a payment reference", fwp_payment_receipt);
}

int cmd_payments(struct cli *cli) {
    return run_action(cli, "payments", payments_actions);
}
