/* fwpay recipients list|get|search */
#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);
static int search(struct cli *, fwp_client *, int, char **);

const struct action recipients_actions[] = {
    { "list", list, "recipients list [--page N] [--per-page N] [--all]", ACTION_LIST,
      HELP_RECIPIENT_LIST,
      NULL, "fwpay recipients list --all --jq '.id + \"  \" + .name'", NULL },
    { "get", get, "recipients get <recipient-id>", ACTION_READ,
      HELP_RECIPIENT_GET,
      NULL, "fwpay recipients get FWU --jq '.fields[] | select(.required) | .id'", NULL },
    { "search", search, "recipients search <name>          (case and accents ignored)", ACTION_READ,
      HELP_RECIPIENT_SEARCH,
      NULL, "fwpay recipients search 'flywire univ'", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int page(fwp_client *client, const json_t *filters, int page, int per_page, const fwp_call_options *options,
                json_t **out, fwp_error *err) {
    (void)filters;
    return fwp_recipient_list(client, page, per_page, options, out, err);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return list_action(cli, client, argc, argv, "recipients", recipients_actions, "recipients", NULL, page);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "recipients", recipients_actions, "a recipient id", fwp_recipient_get);
}

static int search(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "recipients", recipients_actions, "a name", fwp_recipient_search);
}

int cmd_recipients(struct cli *cli) {
    return run_action(cli, "recipients", recipients_actions);
}
