/* fwpay orders create|update|charge|get|list|check */
#include <string.h>

#include "cli.h"

static int create(struct cli *, fwp_client *, int, char **);
static int update(struct cli *, fwp_client *, int, char **);
static int charge(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);
static int list(struct cli *, fwp_client *, int, char **);
static int check(struct cli *, fwp_client *, int, char **);

static const struct option_doc data_options[] = { { "--data", "JSON|@FILE|@-", "the request body: JSON text, @file.json, or @- for standard input" }, { NULL, NULL, NULL } };
static const struct option_doc list_filters[] = {
    { "--recipient", "ID", "only orders for this recipient (portal)" },
    { "--country", "CC", "only orders of recipients in this country (ISO 3166 alpha-2)" },
    { "--status", "open|charged", "only open or only charged orders" },
    { NULL, NULL, NULL },
};
static const struct option_doc check_options[] = {
    { "--portal", "ID", "the recipient (portal) to check the order against" },
    { NULL, NULL, NULL },
};

const struct action orders_actions[] = {
    { "create", create, "orders create --data <json | @file | @->", ACTION_WRITE,
      HELP_ORDER_CREATE,
      data_options, "fwpay orders create --data @order.json --jq .id",
      "{\n"
      "  \"payer\": {\"first_name\": \"Peter\", \"last_name\": \"Payer\", \"country\": \"ES\",\n"
      "            \"email\": \"peter@example.com\"},\n"
      "  \"recipient\": {\"id\": \"FWU\", \"fields\": [{\"id\": \"custom_field_1\", \"value\": \"ID12345\"}]},\n"
      "  \"items\": [{\"id\": \"tuition\", \"amount\": 120000}],\n"
      "  \"offer\": {\"id\": \"OFFER-ID from fwpay offers list\"},\n"
      "  \"external_reference\": \"your own reference\"\n"
      "}" },
    { "update", update, "orders update <order-id> --data <json | @file | @->", ACTION_WRITE,
      HELP_ORDER_UPDATE,
      data_options, "fwpay orders update ORDER-ID --data '{\"metadata\": {\"invoice\": \"INV-42\"}}'", NULL },
    { "charge", charge, "orders charge <order-id>           (creates the payment)", ACTION_WRITE,
      HELP_ORDER_CHARGE,
      NULL, "fwpay orders charge ORDER-ID --idempotency-key order-42 --jq .payment_reference", NULL },
    { "get", get, "orders get <order-id>   (sandbox-only: GET /orders/{id} is fwpay-sandbox's, not Flywire's)", ACTION_READ,
      HELP_ORDER_GET,
      NULL, "fwpay orders get ORDER-ID", NULL },
    { "list", list, "orders list [--recipient ID] [--country CC] [--status open|charged] [--page N] [--per-page N] [--all]   (sandbox-only)",
      ACTION_LIST, HELP_ORDER_LIST,
      list_filters, "fwpay orders list --status open --all --jq .id", NULL },
    { "check", check, "orders check <order-id> --portal <recipient-id>   (sandbox-only: reads GET /orders/{id})", ACTION_READ,
      HELP_ORDER_CHECK,
      check_options, "fwpay orders check ORDER-ID --portal FWU", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


/* Reads the required --data option. */
static int data_option(int *argc, char **argv, json_t **body) {
    const char *spec = NULL;
    int found = take_option(argc, argv, "--data", &spec);
    if (found < 0) return usage_error("orders", orders_actions, "--data needs a value");
    if (found == 0) return usage_error("orders", orders_actions, "--data is required");
    return read_body(spec, body);
}

static int create(struct cli *cli, fwp_client *client, int argc, char **argv) {
    json_t *body = NULL;
    int status = data_option(&argc, argv, &body);
    if (status == 0 && check_no_more("orders", orders_actions, argc, argv)) status = CLI_EXIT_USAGE;
    if (status != 0) { json_decref(body); return status; }
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_order_create(client, body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int update(struct cli *cli, fwp_client *client, int argc, char **argv) {
    json_t *body = NULL;
    int status = data_option(&argc, argv, &body);
    if (status != 0) return status;
    if (argc < 1) status = usage_error("orders", orders_actions, "update needs an order id");
    else if (check_no_more("orders", orders_actions, argc - 1, argv + 1)) status = CLI_EXIT_USAGE;
    if (status != 0) { json_decref(body); return status; }
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_order_update(client, argv[0], body, call_options(cli), &result, &err);
    json_decref(body);
    return print_result(cli, rc, result, &err);
}

static int charge_order(fwp_client *client, const char *id, const fwp_call_options *options, json_t **out, fwp_error *err) {
    return fwp_order_charge(client, id, NULL, options, out, err);
}

static int charge(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "orders", orders_actions, "an order id", charge_order);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "orders", orders_actions, "an order id", fwp_order_get);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    static const char *const filters[] = { "recipient", "country", "status", NULL };
    return list_action(cli, client, argc, argv, "orders", orders_actions, "orders", filters, fwp_order_list);
}

static int check(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *portal = NULL;
    if (take_option(&argc, argv, "--portal", &portal) <= 0) return usage_error("orders", orders_actions, "check needs --portal <recipient-id>");
    if (argc < 1) return usage_error("orders", orders_actions, "check needs an order id");
    if (check_no_more("orders", orders_actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_order_check(client, argv[0], portal, call_options(cli), &result, &err);
    return print_result(cli, rc, result, &err);
}

int cmd_orders(struct cli *cli) {
    return run_action(cli, "orders", orders_actions);
}
