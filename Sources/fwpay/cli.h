/* Shared declarations of the fwpay command. It uses nothing but the public header. */
#ifndef FWPAY_CLI_H
#define FWPAY_CLI_H

#include "fwpay.h"

/** Exit status for a command-line mistake (sysexits' EX_USAGE); library errors exit with
 *  the absolute value of their FWP_E_ code, which stays below 64. */
#define CLI_EXIT_USAGE 64

/** What every subcommand receives: the options common to all, and its own arguments. */
struct cli {
    const char *base_url;
    const char *api_key;
    int pretty;            /* 1 pretty, 0 compact */
    int argc;              /* arguments after the subcommand's name */
    char **argv;
};

/** A subcommand's action, e.g. "create" of "orders". */
struct action {
    const char *name;
    int (*run)(struct cli *cli, fwp_client *client, int argc, char **argv);
    const char *usage;     /* one line, after "fwpay " */
};

/* The resources, one file each. */
int cmd_recipients(struct cli *cli);
int cmd_offers(struct cli *cli);
int cmd_orders(struct cli *cli);
int cmd_request(struct cli *cli);

/* Helpers (util.c). */
int run_action(struct cli *cli, const char *group, const struct action *actions, const char *summary);
int usage_error(const char *group, const struct action *actions, const char *fmt, ...);
int print_result(struct cli *cli, int rc, json_t *result, fwp_error *err);
int read_body(const char *spec, json_t **out);
int take_option(int *argc, char **argv, const char *name, const char **value);
int check_no_more(const char *group, const struct action *actions, int argc, char **argv);

#endif
