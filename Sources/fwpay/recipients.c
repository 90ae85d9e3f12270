/* fwpay recipients list|get */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int list(struct cli *, fwp_client *, int, char **);
static int get(struct cli *, fwp_client *, int, char **);

static const struct action actions[] = {
    { "list", list, "recipients list [--page N] [--per-page N]" },
    { "get",  get,  "recipients get <recipient-id>" },
    { NULL, NULL, NULL },
};

static int number(const char *text, int *out) {
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (!*text || *end || value < 1 || value > 1000000) return -1;
    *out = (int)value;
    return 0;
}

static int list(struct cli *cli, fwp_client *client, int argc, char **argv) {
    const char *page_text = NULL, *per_page_text = NULL;
    int page = 0, per_page = 0;
    if (take_option(&argc, argv, "--page", &page_text) < 0 || take_option(&argc, argv, "--per-page", &per_page_text) < 0)
        return usage_error("recipients", actions, "an option is missing its value");
    if ((page_text && number(page_text, &page)) || (per_page_text && number(per_page_text, &per_page)))
        return usage_error("recipients", actions, "--page and --per-page take a positive number");
    if (check_no_more("recipients", actions, argc, argv)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_recipient_list(client, page, per_page, NULL, &result, &err);
    return print_result(cli, rc, result, &err);
}

static int get(struct cli *cli, fwp_client *client, int argc, char **argv) {
    if (argc < 1) return usage_error("recipients", actions, "get needs a recipient id");
    if (check_no_more("recipients", actions, argc - 1, argv + 1)) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_recipient_get(client, argv[0], NULL, &result, &err);
    return print_result(cli, rc, result, &err);
}

int cmd_recipients(struct cli *cli) {
    return run_action(cli, "recipients", actions, "list recipients and show one");
}
