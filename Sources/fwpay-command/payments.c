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

static const struct action actions[] = {
    { "get",     get,     "payments get <reference>" },
    { "list",    list,    "payments list [--recipient ID] [--status S] [--external-reference R] [--page N] [--per-page N] [--all]" },
    { "charge",  charge,  "payments charge --data <json | @file | @->   (a saved card: token, mandate_id, ...)" },
    { "capture", capture, "payments capture <reference> --amount SUBUNITS   (at most the hold)" },
    { "adjust",  adjust,  "payments adjust <reference> --amount SUBUNITS    (raise or extend a preauth hold)" },
    { "cancel",  cancel,  "payments cancel <reference>" },
    { "process", process, "payments process <reference>      (a 529 payment)" },
    { "receipt", receipt, "payments receipt <reference>" },
    { NULL, NULL, NULL },
};

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", actions, "a payment reference", fwp_payment_get);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const filters[] = { "recipient", "status", "external_reference", NULL };
    return list_action(cli, client, argc, argv, "payments", actions, "payments", filters, fwp_payment_list);
}

static int charge(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *spec = NULL;
    if (take_option(&argc, argv, "--data", &spec) <= 0) return usage_error("payments", actions, "--data is required");
    if (check_no_more("payments", actions, argc, argv)) return CLI_EXIT_USAGE;
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
    if (take_option(&argc, argv, "--amount", &amount_text) <= 0) return usage_error("payments", actions, "--amount is required");
    if (argc < 1) return usage_error("payments", actions, "a payment reference is required");
    if (check_no_more("payments", actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    int64_t amount = 0;
    if (parse_amount("payments", actions, amount_text, &amount)) return CLI_EXIT_USAGE;
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
    return with_id(cli, client, argc, argv, "payments", actions, "a payment reference", fwp_payment_cancel);
}

static int process(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", actions, "a payment reference", fwp_payment_process);
}

static int receipt(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "payments", actions, "a payment reference", fwp_payment_receipt);
}

int cmd_payments(struct cli *cli) {
    return run_action(cli, "payments", actions, "show, list, charge, capture, adjust, cancel and process payments");
}
