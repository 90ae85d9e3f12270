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
    int pretty;                    /* 1 pretty, 0 compact */
    int argc;                      /* arguments after the subcommand's name */
    char **argv;
    fwp_call_options options;      /* --idempotency-key, --timeout of the action */
    int has_options;
};

/** A subcommand's action, e.g. "create" of "orders". */
struct action {
    const char *name;
    int (*run)(struct cli *cli, fwp_client *client, int argc, char **argv);
    const char *usage;             /* one line, after "fwpay " */
};

/* The commands, one file each. */
int cmd_recipients(struct cli *cli);
int cmd_offers(struct cli *cli);
int cmd_orders(struct cli *cli);
int cmd_sessions(struct cli *cli);
int cmd_payments(struct cli *cli);
int cmd_refunds(struct cli *cli);
int cmd_bundles(struct cli *cli);
int cmd_notifications(struct cli *cli);
int cmd_listen(struct cli *cli);
int cmd_request(struct cli *cli);

/* Helpers (util.c). */
int run_action(struct cli *cli, const char *group, const struct action *actions, const char *summary);
/* "--help" or "-h". */
int is_help(const char *arg);
int run_offline(struct cli *cli, const char *group, const struct action *actions, const char *summary);
int usage_error(const char *group, const struct action *actions, const char *fmt, ...);
int print_result(struct cli *cli, int rc, json_t *result, fwp_error *err);
int print_json(struct cli *cli, json_t *value);
int read_body(const char *spec, json_t **out);
int read_stdin(char **text, size_t *length);
int take_option(int *argc, char **argv, const char *name, const char **value);
int take_flag(int *argc, char **argv, const char *name);
int check_no_more(const char *group, const struct action *actions, int argc, char **argv);
const fwp_call_options *call_options(const struct cli *cli);
int parse_amount(const char *group, const struct action *actions, const char *text, int64_t *amount);

/* Actions on one id: "get ID", "cancel ID", ... */
typedef int (*id_call)(fwp_client *client, const char *id, const fwp_call_options *options, json_t **out, fwp_error *err);
int with_id(struct cli *cli, fwp_client *client, int argc, char **argv, const char *group, const struct action *actions,
            const char *what, id_call call);

/* List actions: filters as --flags, --page/--per-page, or --all for every page. */
typedef int (*page_call)(fwp_client *client, const json_t *filters, int page, int per_page,
                         const fwp_call_options *options, json_t **out, fwp_error *err);
int list_action(struct cli *cli, fwp_client *client, int argc, char **argv, const char *group,
                const struct action *actions, const char *list, const char *const *filters, page_call call);

int read_secret_file(const char *path, char *out, size_t size);

#endif
