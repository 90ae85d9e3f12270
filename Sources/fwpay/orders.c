/* fwpay orders create|update|charge|get */
#include "cli.h"

static int create(struct cli *, fwp_client *, int, char **);
static int update(struct cli *, fwp_client *, int, char **);
static int charge(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);

static const struct action actions[] = {
    { "create", create, "orders create --data <json | @file | @->" },
    { "update", update, "orders update <order-id> --data <json | @file | @->" },
    { "charge", charge, "orders charge <order-id>" },
    { "get",    get,    "orders get <order-id>" },
    { NULL, NULL, NULL },
};

/* Reads the required --data option. */
static int data_option(int *argc, char **argv, json_t **body) {
    const char *spec = NULL;
    int found = take_option(argc, argv, "--data", &spec);
    if (found < 0) return usage_error("orders", actions, "--data needs a value");
    if (found == 0) return usage_error("orders", actions, "--data is required");
    return read_body(spec, body);
}

static int create(struct cli *cli, fwp_client *client, int argc, char **argv) {
    json_t *body = NULL;
    int status = data_option(&argc, argv, &body);
    if (status == 0 && check_no_more("orders", actions, argc, argv)) status = CLI_EXIT_USAGE;
    if (status != 0) { json_decref(body); return status; }
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_order_create(client, body, NULL, &result, &err);
    status = print_result(cli, rc, result, &err);
    json_decref(body);
    return status;
}

static int update(struct cli *cli, fwp_client *client, int argc, char **argv) {
    json_t *body = NULL;
    int status = data_option(&argc, argv, &body);
    if (status != 0) return status;
    if (argc < 1) status = usage_error("orders", actions, "update needs an order id");
    else if (check_no_more("orders", actions, argc - 1, argv + 1)) status = CLI_EXIT_USAGE;
    if (status != 0) { json_decref(body); return status; }
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_order_update(client, argv[0], body, NULL, &result, &err);
    status = print_result(cli, rc, result, &err);
    json_decref(body);
    return status;
}

static int with_order_id(struct cli *cli, fwp_client *client, int argc, char **argv,
                         int (*call)(fwp_client *, const char *, json_t **, fwp_error *)) {
    if (argc < 1) return usage_error("orders", actions, "an order id is required");
    if (check_no_more("orders", actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = call(client, argv[0], &result, &err);
    return print_result(cli, rc, result, &err);
}

static int charge_without_body(fwp_client *client, const char *id, json_t **out, fwp_error *err) {
    return fwp_order_charge(client, id, NULL, NULL, out, err);
}

static int charge(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_order_id(cli, client, argc, argv, charge_without_body);
}

static int get_order(fwp_client *client, const char *id, json_t **out, fwp_error *err) {
    return fwp_order_get(client, id, NULL, out, err);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_order_id(cli, client, argc, argv, get_order);
}

int cmd_orders(struct cli *cli) {
    return run_action(cli, "orders", actions, "create, update, charge and show orders");
}
