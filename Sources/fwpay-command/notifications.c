/* fwpay notifications verify|parse|sign: no server needed. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int verify(struct cli *, fwp_client *, int, char **);
static int parse(struct cli *, fwp_client *, int, char **);
static int sign(struct cli *, fwp_client *, int, char **);

static const struct option_doc verify_options[] = {
    { "--digest", "D", "the X-Flywire-Digest header that came with the body" },
    { "--secret", "S", "the shared secret (prefer $FWPAY_SHARED_SECRET or a profile: ps shows arguments)" },
    { NULL, NULL, NULL },
};
static const struct option_doc sign_options[] = { { "--secret", "S", "the shared secret (prefer $FWPAY_SHARED_SECRET or a profile: ps shows arguments)" }, { NULL, NULL, NULL } };

const struct action notifications_actions[] = {
    { "verify", verify, "notifications verify --digest D [--secret S] < body   (exit 0: valid, 1: not)", ACTION_LOCAL,
      "Checks a notification's X-Flywire-Digest over its raw body (standard input): exit 0 when valid, 1 when not.",
      verify_options, "fwpay notifications verify --digest \"$DIGEST\" < body.json", NULL },
    { "parse", parse, "notifications parse < body                           (v2 or classic, one shape)", ACTION_LOCAL,
      "Reads a notification body (v2 or classic) from standard input and prints it in one shape.",
      NULL, "fwpay notifications parse < body.json --jq .status", NULL },
    { "sign", sign, "notifications sign [--secret S] < body               (the X-Flywire-Digest to send)", ACTION_LOCAL,
      "Prints the X-Flywire-Digest of a body read from standard input, as Flywire would send it.",
      sign_options, "fwpay notifications sign < body.json", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


/* --secret, else $FWPAY_SHARED_SECRET or the profile's; never printed. */
static const char *secret_option(struct cli *cli, int *argc, char **argv) {
    const char *secret = NULL;
    if (take_option(argc, argv, "--secret", &secret) < 0) return NULL;
    return secret ? secret : cli->shared_secret;
}

static int verify(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)client;
    const char *digest = NULL;
    if (take_option(&argc, argv, "--digest", &digest) <= 0) return usage_error("notifications", notifications_actions, "--digest is required");
    const char *secret = secret_option(cli, &argc, argv);
    if (!secret || !*secret) return usage_error("notifications", notifications_actions, "FWPAY_SHARED_SECRET, a profile's shared_secret or --secret is required");
    if (check_no_more("notifications", notifications_actions, argc, argv)) return CLI_EXIT_USAGE;
    char *body = NULL;
    size_t length = 0;
    if (read_stdin(&body, &length) != 0) return CLI_EXIT_USAGE;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_notification_verify(body, length, digest, secret, &err);
    free(body);
    if (rc == FWP_OK) fprintf(stderr, "fwpay: the digest is valid\n");
    else fprintf(stderr, "fwpay: %s\n", err.message);
    fwp_error_clear(&err);
    return rc == FWP_OK ? 0 : rc == FWP_E_SIGNATURE ? 1 : -rc;
}

static int parse(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)client;
    if (check_no_more("notifications", notifications_actions, argc, argv)) return CLI_EXIT_USAGE;
    char *body = NULL;
    size_t length = 0;
    if (read_stdin(&body, &length) != 0) return CLI_EXIT_USAGE;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_notification_parse(body, length, &result, &err);
    free(body);
    return print_result(cli, rc, result, &err);
}

static int sign(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)client;
    const char *secret = secret_option(cli, &argc, argv);
    if (!secret || !*secret) return usage_error("notifications", notifications_actions, "FWPAY_SHARED_SECRET, a profile's shared_secret or --secret is required");
    if (check_no_more("notifications", notifications_actions, argc, argv)) return CLI_EXIT_USAGE;
    char *body = NULL, *digest = NULL;
    size_t length = 0;
    if (read_stdin(&body, &length) != 0) return CLI_EXIT_USAGE;
    fwp_error err = FWP_ERROR_INIT;
    int rc = fwp_notification_sign(body, length, secret, &digest, &err);
    free(body);
    if (rc == FWP_OK) printf("%s\n", digest);
    else fprintf(stderr, "fwpay: %s\n", err.message);
    fwp_free(digest);
    fwp_error_clear(&err);
    return -rc;
}

int cmd_notifications(struct cli *cli) {
    return run_offline(cli, "notifications", notifications_actions);
}
