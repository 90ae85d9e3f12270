/* Shared declarations of the fwpay command. It uses nothing but the public header. */
#ifndef FWPAY_CLI_H
#define FWPAY_CLI_H

#include <stdio.h>

#include "fwpay.h"

/** Exit status for a command-line mistake (sysexits' EX_USAGE); library errors exit with
 *  the absolute value of their FWP_E_ code, which stays below 64. */
#define CLI_EXIT_USAGE 64

/** What every subcommand receives: the options common to all, and its own arguments. */
struct jq_state;

struct cli {
    const char *base_url;
    const char *api_key;
    const char *shared_secret;     /* $FWPAY_SHARED_SECRET or the profile's (notifications, listen) */
    const char *ca_bundle;         /* --ca-bundle or the profile's; NULL: the library's choice */
    const char *proxy;             /* --proxy; NULL: $HTTPS_PROXY and $NO_PROXY, as curl reads them */
    int pretty;                    /* 1 pretty, 0 compact */
    struct jq_state *jq;           /* the compiled --jq filter, or NULL */
    int argc;                      /* arguments after the subcommand's name */
    char **argv;
    fwp_call_options options;      /* --idempotency-key, --timeout of the action */
    int has_options;
};

/** Exit status when the request succeeded but --jq failed on its answer (then printed to stderr). */
#define CLI_EXIT_JQ 65

/** An option of an action, for its --help and the completion scripts. */
struct option_doc {
    const char *flag;              /* "--data" */
    const char *value;             /* "JSON|@FILE|@-", or NULL for a flag without a value */
    const char *help;              /* one sentence */
};

/** What an action does, which decides the options every action of its kind takes. */
enum action_kind {
    ACTION_READ,                   /* a GET: --timeout */
    ACTION_WRITE,                  /* a POST or PATCH: --idempotency-key, --timeout */
    ACTION_LIST,                   /* a list: --page, --per-page, --all, --array, --timeout */
    ACTION_LOCAL,                  /* no server (notifications, listen) */
};

/** A subcommand's action, e.g. "create" of "orders". */
struct action {
    const char *name;
    int (*run)(struct cli *cli, fwp_client *client, int argc, char **argv);
    const char *usage;             /* one line, after "fwpay " */
    enum action_kind kind;
    const char *help;              /* what it does, for its --help */
    const struct option_doc *options; /* its own options, ending with { NULL }; NULL for none */
    const char *example;           /* a command line */
    const char *skeleton;          /* creates: a request body to start from; else NULL */
};

/** A command: a group of actions, or (listen, request) one action of the same name. */
struct command {
    const char *name;
    int (*run)(struct cli *cli);
    const char *summary;
    const struct action *actions;  /* ending with { NULL } */
};

/* Every command, in the order of `fwpay --help` (main.c). */
extern const struct command commands[];
extern const struct option_doc global_options[];

/* How an action that is an operation of the API takes an argument (its row in operations.c,
 * which scripts/gen-faces.py writes from api/operations.json). */
enum argument_type { ARGUMENT_STRING, ARGUMENT_AMOUNT, ARGUMENT_BODY };
struct operation_argument {
    const char *member;            /* fwp_call's member: "order_id" */
    const char *flag;              /* "--amount", "--data" for a body; NULL for a positional argument */
    const char *what;              /* for a missing positional one: "an order id" */
    enum argument_type type;
    int optional;
    int in_body;                   /* a field of the body before it, a flag that builds the body instead of --data */
};

/** An operation of the API as an action: fwp_call's name and how its arguments are read. */
struct operation {
    const char *name;              /* fwp_call's: "order_charge" */
    const char *group;             /* "orders" */
    const char *action;            /* "charge" */
    const struct action *actions;  /* the group's, for usage errors */
    const struct operation_argument *arguments; /* ending with { NULL } */
    const char *const *filters;    /* a list's filters ending with NULL; NULL when it is not a list */
};

/* Runs an operation's action (operation.c): its arguments, then fwp_call, or fwp_iter for --all. */
int run_operation(struct cli *cli, fwp_client *client, int argc, char **argv, const struct operation *operation);

/* The help of every --data option that takes a request body. */
#define DATA_HELP "the request body: JSON text, @file.json, or @- for standard input"

/* The commands of the API's resources (generated), then the others, one file each. */
#include "operations.h"

extern const struct action notifications_actions[], listen_actions[], request_actions[], completion_actions[],
    sandbox_actions[], trigger_actions[];
int cmd_notifications(struct cli *cli);
int cmd_listen(struct cli *cli);
int cmd_request(struct cli *cli);
int cmd_completion(struct cli *cli);
int cmd_sandbox(struct cli *cli);
int cmd_trigger(struct cli *cli);
/* fwpay listen's way with one notification, pushed or pulled (listen.c). check_notification
 * verifies the digest when there is a secret, then parses (fwp_ codes). pass_on_notification
 * takes the parsed event: one of `events` (comma-separated; NULL for all) is forwarded to
 * `target` when given and printed as a JSON line (1); another is left out (0).
 * forward_notification POSTs the raw body, with its digest, to a plain-http URL: the HTTP
 * status or -1. */
int check_notification(const char *body, size_t length, const char *digest, const char *secret, json_t **event,
                       fwp_error *err);
int pass_on_notification(struct cli *cli, json_t *event, const char *events, const char *target, const char *body,
                         size_t length, const char *digest);
int forward_notification(const char *url, const char *body, size_t length, const char *digest);
/* fwpay listen --pull (listen_pull.c): events is NULL or comma-separated; count -1 for no end. */
int listen_pull(struct cli *cli, const char *secret, const char *target, const char *events, long count);

/* Helpers (util.c). */
/* Whether cli has an API key; says on stderr how to give one when it has not. */
int has_api_key(const struct cli *cli);
/* A client of base_url with the command's key and CA bundle, whose User-Agent names the command
 * (fwp_client_new's codes). */
int open_client(const struct cli *cli, const char *base_url, fwp_client **out, fwp_error *err);
int run_action(struct cli *cli, const char *group, const struct action *actions);
/* "--help" or "-h". */
int is_help(const char *arg);
int run_offline(struct cli *cli, const char *group, const struct action *actions);
int usage_error(const char *group, const struct action *actions, const char *fmt, ...);
int print_result(struct cli *cli, int rc, json_t *result, fwp_error *err);
/* Writes length bytes of server-chosen text with C0, DEL and C1 control characters escaped as \xHH. */
void put_terminal_safe(FILE *to, const char *text, size_t length);
int read_body(const char *spec, json_t **out);
int read_stdin(char **text, size_t *length);
int take_option(int *argc, char **argv, const char *name, const char **value);
int take_flag(int *argc, char **argv, const char *name);
int check_no_more(const char *group, const struct action *actions, int argc, char **argv);
const fwp_call_options *call_options(const struct cli *cli);
int parse_amount(const char *group, const struct action *actions, const char *text, int64_t *amount);

int read_secret_file(const char *path, char *out, size_t size);
/* The root of a sandbox's base URL (without /payments/v1), where its /sandbox control API is;
 * -1 for no URL or Flywire's own (sandbox.c). */
int sandbox_root(const char *base_url, char *root, size_t size);
/* Whether a sandbox serves `path` at its root rather than below /payments/v1: its control API
 * (/sandbox/...) and the payer's form (/checkout/form). */
int at_sandbox_root(const char *path);
/* A client of the sandbox's root with the command's key: FWP_OK, an FWP_E_ code of
 * fwp_client_new, or 1 when there is no key or the base URL is not a sandbox's. */
int sandbox_client(const struct cli *cli, fwp_client **out, fwp_error *err);

/* Options every action of a kind takes (util.c), ending with { NULL }. */
const struct option_doc *common_options(enum action_kind kind);
/* Whether `flag` is an option, of any action or global, that takes a value. */
int takes_value(const char *flag);
void print_action_help(FILE *to, const struct action *action);

/* Output (output.c): JSON as the server sent its numbers, or through --jq. */
int filter_compile(struct cli *cli, const char *program);
void filter_release(struct cli *cli);
/* The first result of a jq expression over `input` (fwpay trigger's ${...}); NULL when none. */
json_t *jq_first(const char *program, json_t *input);
/* Prints one value (pretty or compact, or the --jq results) and releases it; the exit status. */
int print_value(struct cli *cli, json_t *value, int one_line);
/* Loads the profile (profile.c): fills cli's base_url, api_key and shared_secret. */
int load_profile(struct cli *cli, const char *name, int named);

#endif
