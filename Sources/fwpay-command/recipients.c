/* fwpay recipients list|get|search */
#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);
static int search(struct cli *, fwp_client *, int, char **);

static const struct action actions[] = {
    { "list",   list,   "recipients list [--page N] [--per-page N] [--all]" },
    { "get",    get,    "recipients get <recipient-id>" },
    { "search", search, "recipients search <name>          (case and accents ignored)" },
    { NULL, NULL, NULL },
};

static int page(fwp_client *client, const json_t *filters, int page, int per_page, const fwp_call_options *options,
                json_t **out, fwp_error *err) {
    (void)filters;
    return fwp_recipient_list(client, page, per_page, options, out, err);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return list_action(cli, client, argc, argv, "recipients", actions, "recipients", NULL, page);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "recipients", actions, "a recipient id", fwp_recipient_get);
}

static int search(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "recipients", actions, "a name", fwp_recipient_search);
}

int cmd_recipients(struct cli *cli) {
    return run_action(cli, "recipients", actions, "list, show and search recipients (portals)");
}
