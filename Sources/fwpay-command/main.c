/* fwpay: Flywire's Payments API from the shell, over libfwpay's public C API.
 *
 *   fwpay [--api-key KEY] [--base-url URL] [--pretty|--compact] <command> <action> [args]
 *
 * JSON goes to stdout, diagnostics to stderr, and the exit status says what happened (see
 * `fwpay --help`). The API key is read from --api-key or FWPAY_API_KEY and never printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct command {
    const char *name;
    int (*run)(struct cli *cli);
    const char *summary;
} commands[] = {
    { "recipients",    cmd_recipients,    "list, show and search recipients (portals)" },
    { "offers",        cmd_offers,        "list the offers for an amount, a payer country and a recipient" },
    { "orders",        cmd_orders,        "create, update, charge, show, list and check orders (get, list, check: sandbox-only)" },
    { "sessions",      cmd_sessions,      "create and confirm checkout sessions" },
    { "payments",      cmd_payments,      "show, list, charge, capture, adjust, cancel, process payments" },
    { "refunds",       cmd_refunds,       "create, show, list and cancel refunds" },
    { "bundles",       cmd_bundles,       "list, show and approve refund bundles" },
    { "notifications", cmd_notifications, "verify, read and sign notifications (no server needed)" },
    { "listen",        cmd_listen,        "receive notifications locally, verify and print them" },
    { "request",       cmd_request,       "send any other request: fwpay request METHOD PATH [--data BODY]" },
};

static void print_help(FILE *to) {
    fprintf(to,
        "usage: fwpay [--api-key KEY] [--base-url URL] [--pretty | --compact] <command> <action> [args]\n"
        "\n"
        "Drive Flywire's Payments API from the shell. Results are JSON on stdout.\n"
        "\n"
        "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(to, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(to,
        "\n"
        "`fwpay <command> --help` (or `fwpay help <command>`) lists a command's actions.\n"
        "\n"
        "Options:\n"
        "  --api-key KEY    API key (default: $FWPAY_API_KEY); never printed. Other processes see it\n"
        "                   in ps: prefer $FWPAY_API_KEY or --api-key-file\n"
        "  --api-key-file PATH  read the API key from the first line of PATH (- for standard input)\n"
        "  --base-url URL   API base URL (default: $FWPAY_BASE_URL, else Flywire production,\n"
        "                   " FWP_BASE_URL_PRODUCTION ")\n"
        "  --pretty         indented JSON (the default on a terminal)\n"
        "  --compact        one-line JSON (the default otherwise)\n"
        "  --version        print the versions of fwpay and libfwpay\n"
        "  -h, --help       this help\n"
        "\n"
        "Every action also takes --idempotency-key KEY (for POSTs: your own key, to retry safely) and\n"
        "--timeout SECONDS. Lists take --page N, --per-page N, or --all for every page.\n"
        "\n"
        "Request bodies: --data '{...}', --data @file.json, or --data @- for stdin.\n"
        "Amounts are whole numbers of subunits: USD 120.25 is 12025.\n"
        "\n"
        "Exit status:\n"
        "   0  success\n"
        "   1  invalid argument (nothing was sent)\n"
        "   2  invalid JSON given with --data\n"
        "   3  invalid request: refused by local checks or by the server (400, 422)\n"
        "   4  authentication failed: the API key was rejected (401)\n"
        "   5  not found (404)\n"
        "   6  rate limited (429): wait before retrying\n"
        "   7  server error (5xx)\n"
        "   8  other HTTP error\n"
        "   9  could not reach the server\n"
        "  10  timed out\n"
        "  11  outcome unknown: the request was sent but no answer came back; it may have\n"
        "      taken effect (the idempotency key is printed to reconcile with)\n"
        "  12  the server's answer is not the JSON expected\n"
        "  13  out of memory\n"
        "  14  a notification's digest does not match (notifications verify exits 1 instead)\n"
        "  64  usage error (unknown command, missing argument, unreadable file)\n"
        "\n"
        "Environment: FWPAY_API_KEY, FWPAY_BASE_URL, FWPAY_SHARED_SECRET (notifications, listen).\n"
        "See also: man fwpay (docs/fwpay.1).\n");
}

int main(int argc, char **argv) {
    struct cli cli;
    memset(&cli, 0, sizeof cli);
    cli.base_url = getenv("FWPAY_BASE_URL");
    cli.api_key = getenv("FWPAY_API_KEY");
    cli.pretty = isatty(STDOUT_FILENO);
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];
        if (is_help(arg)) { print_help(stdout); return 0; }
        if (strcmp(arg, "--version") == 0) {
            printf("fwpay %s (libfwpay %s)\n", FWP_VERSION_STRING, fwp_version());
            return 0;
        }
        if (strcmp(arg, "--pretty") == 0) { cli.pretty = 1; continue; }
        if (strcmp(arg, "--compact") == 0) { cli.pretty = 0; continue; }
        if (strcmp(arg, "--api-key-file") == 0) {
            if (i + 1 >= argc) { fprintf(stderr, "fwpay: %s needs a value\n", arg); return CLI_EXIT_USAGE; }
            static char key[1024];
            if (read_secret_file(argv[++i], key, sizeof key) != 0) return CLI_EXIT_USAGE;
            cli.api_key = key;
            continue;
        }
        if (strcmp(arg, "--api-key") == 0 || strcmp(arg, "--base-url") == 0) {
            if (i + 1 >= argc) { fprintf(stderr, "fwpay: %s needs a value\n", arg); return CLI_EXIT_USAGE; }
            if (arg[2] == 'a') cli.api_key = argv[++i]; else cli.base_url = argv[++i];
            continue;
        }
        fprintf(stderr, "fwpay: unknown option '%s' (see fwpay --help)\n", arg);
        return CLI_EXIT_USAGE;
    }
    if (i >= argc) { print_help(stderr); return CLI_EXIT_USAGE; }
    const char *name = argv[i];
    if (strcmp(name, "help") == 0) {
        if (i + 1 >= argc) { print_help(stdout); return 0; }
        name = argv[i + 1];
        static char help_flag[] = "--help";
        argv[i + 1] = help_flag;       /* fwpay help orders == fwpay orders --help */
        i++;
        for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
            if (strcmp(commands[c].name, name) == 0) { cli.argc = argc - i; cli.argv = argv + i; return commands[c].run(&cli); }
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++) {
        if (strcmp(commands[c].name, name) == 0) {
            cli.argc = argc - i - 1;
            cli.argv = argv + i + 1;
            return commands[c].run(&cli);
        }
    }
    fprintf(stderr, "fwpay: '%s' is not a command (see fwpay --help)\n", name);
    return CLI_EXIT_USAGE;
}
