/* fwpay offers list */
#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);

static const struct option_doc list_options[] = {
    { "--recipient", "ID", "the recipient (portal) to pay" },
    { "--amount", "SUBUNITS", "the amount owed, in subunits of the recipient's currency" },
    { "--country", "CC", "the payer's country (ISO 3166 alpha-2)" },
    { NULL, NULL, NULL },
};

const struct action offers_actions[] = {
    { "list", list, "offers list --recipient ID --amount SUBUNITS --country CC", ACTION_READ,
      HELP_OFFER_LIST,
      list_options, "fwpay offers list --recipient FWU --amount 120000 --country ES --jq '.offers[0].id'", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *recipient = NULL, *amount_text = NULL, *country = NULL;
    if (take_option(&argc, argv, "--recipient", &recipient) < 0 || take_option(&argc, argv, "--amount", &amount_text) < 0 ||
        take_option(&argc, argv, "--country", &country) < 0)
        return usage_error("offers", offers_actions, "an option is missing its value");
    if (!recipient || !amount_text || !country)
        return usage_error("offers", offers_actions, "list needs --recipient, --amount and --country");
    if (check_no_more("offers", offers_actions, argc, argv)) return CLI_EXIT_USAGE;
    int64_t amount = 0;
    if (parse_amount("offers", offers_actions, amount_text, &amount)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_offer_list(client, recipient, amount, country, call_options(cli), &result, &err);
    return print_result(cli, rc, result, &err);
}

int cmd_offers(struct cli *cli) {
    return run_action(cli, "offers", offers_actions);
}
