/* fwpay bundles list|get|approve */
#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);
static int approve(struct cli *, fwp_client *, int, char **);

const struct action bundles_actions[] = {
    { "list", list, "bundles list [--page N] [--per-page N] [--all]", ACTION_LIST,
      HELP_BUNDLE_LIST, NULL, "fwpay bundles list --all --jq 'select(.status == \"pending\") | .id'", NULL },
    { "get", get, "bundles get <bundle-id>", ACTION_READ, HELP_BUNDLE_GET,
      NULL, "fwpay bundles get BUNDLE-ID", NULL },
    { "approve", approve, "bundles approve <bundle-id>       (sends its refunds on)", ACTION_WRITE,
      HELP_BUNDLE_APPROVE,
      NULL, "fwpay bundles approve BUNDLE-ID", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int page(fwp_client *client, const json_t *filters, int page, int per_page, const fwp_call_options *options,
                json_t **out, fwp_error *err) {
    (void)filters;
    return fwp_bundle_list(client, page, per_page, options, out, err);
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return list_action(cli, client, argc, argv, "bundles", bundles_actions, "refund_bundles", NULL, page);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "bundles", bundles_actions, "a bundle id", fwp_bundle_get);
}

static int approve(struct cli *cli, fwp_client *client, int argc, char **argv) {
    return with_id(cli, client, argc, argv, "bundles", bundles_actions, "a bundle id", fwp_bundle_approve);
}

int cmd_bundles(struct cli *cli) {
    return run_action(cli, "bundles", bundles_actions);
}
