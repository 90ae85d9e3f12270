/* fwpay offers list */
#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);

static const struct action actions[] = {
    { "list", list, "offers list --recipient ID --amount SUBUNITS --country CC" },
    { NULL, NULL, NULL },
};

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *recipient = NULL, *amount_text = NULL, *country = NULL;
    if (take_option(&argc, argv, "--recipient", &recipient) < 0 || take_option(&argc, argv, "--amount", &amount_text) < 0 ||
        take_option(&argc, argv, "--country", &country) < 0)
        return usage_error("offers", actions, "an option is missing its value");
    if (!recipient || !amount_text || !country)
        return usage_error("offers", actions, "list needs --recipient, --amount and --country");
    if (check_no_more("offers", actions, argc, argv)) return CLI_EXIT_USAGE;
    int64_t amount = 0;
    if (parse_amount("offers", actions, amount_text, &amount)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_offer_list(client, recipient, amount, country, call_options(cli), &result, &err);
    return print_result(cli, rc, result, &err);
}

int cmd_offers(struct cli *cli) {
    return run_action(cli, "offers", actions, "list the offers for an amount, a payer country and a recipient");
}
