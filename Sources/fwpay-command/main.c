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

const struct command commands[] = {
    API_COMMANDS
    { "notifications", cmd_notifications, "verify, read and sign notifications (no server needed)", notifications_actions },
    { "listen",        cmd_listen,        "receive notifications locally, verify and print them", listen_actions },
    { "request",       cmd_request,       "send any other request: fwpay request METHOD PATH [--data BODY]", request_actions },
    { "sandbox",       cmd_sandbox,       "fwpay-sandbox's control API (sandbox-only): clock, transitions, faults, reset, requests, resend", sandbox_actions },
    { "trigger",       cmd_trigger,       "make a sandbox emit an event: fwpay trigger payment.delivered (--list)", trigger_actions },
    { "completion",    cmd_completion,    "print a completion script: fwpay completion bash|zsh|fish", completion_actions },
    { NULL, NULL, NULL, NULL },
};

/* Options that go anywhere on the line, as --name VALUE or --name=VALUE. */
const struct option_doc global_options[] = {
    { "--profile", "NAME", "the profile of the configuration file to use (default: $FWPAY_PROFILE, else [default])" },
    { "--api-key-file", "PATH", "read the API key from the first line of PATH (- for standard input)" },
    { "--api-key", "KEY", "the API key; other processes see it in ps: prefer a profile, $FWPAY_API_KEY or --api-key-file" },
    { "--base-url", "URL", "the API base URL (default: $FWPAY_BASE_URL, the profile's, else Flywire production)" },
    { "--proxy", "URL", "the proxy of every request, e.g. http://proxy.example:3128 (\"\" for none; default: $HTTPS_PROXY with $NO_PROXY)" },
    { "--ca-bundle", "PATH", "the PEM file of CAs TLS trusts, e.g. a proxy's (default: the profile's, $FWPAY_CA_BUNDLE, $SSL_CERT_FILE, else the system's)" },
    { "--jq", "EXPR", "print what the jq expression EXPR makes of the result (strings raw)" },
    { "--pretty", NULL, "indented JSON (the default on a terminal)" },
    { "--compact", NULL, "one-line JSON (the default otherwise)" },
    { NULL, NULL, NULL },
};

static void print_help(FILE *to) {
    fprintf(to,
        "usage: fwpay [--profile NAME] [--jq EXPR] [--pretty | --compact] <command> <action> [args]\n"
        "\n"
        "Drive Flywire's Payments API from the shell. Results are JSON on stdout.\n"
        "\n"
        "Commands:\n");
    for (const struct command *c = commands; c->name; c++) fprintf(to, "  %-14s %s\n", c->name, c->summary);
    fprintf(to,
        "\n"
        "`fwpay <command> --help` (or `fwpay help <command>`) lists a command's actions, and\n"
        "`fwpay <command> <action> --help` an action's options, with an example.\n"
        "\n"
        "Options (anywhere on the line, as --name VALUE or --name=VALUE):\n");
    for (const struct option_doc *o = global_options; o->flag; o++) {
        char left[40];
        snprintf(left, sizeof left, "%s%s%s", o->flag, o->value ? " " : "", o->value ? o->value : "");
        fprintf(to, "  %-20s %s\n", left, o->help);
    }
    fprintf(to,
        "  --version            print the versions of fwpay and libfwpay\n"
        "  -h, --help           this help\n"
        "\n"
        "Every action also takes --idempotency-key KEY (for POSTs: your own key, to retry safely),\n"
        "--timeout SECONDS and --retries N. Lists take --page N, --per-page N, or --all for every item, one per line\n"
        "as the pages arrive (--all --array: one JSON array).\n"
        "\n"
        "Request bodies: --data '{...}', --data @file.json, or --data @- for stdin.\n"
        "Amounts are whole numbers of subunits: USD 120.25 is 12025.\n"
        "\n"
        "Profiles: an INI file, ~/.config/fwpay/config ($XDG_CONFIG_HOME/fwpay/config, or $FWPAY_CONFIG),\n"
        "mode 0600, with sections of api_key or api_key_file, base_url, ca_bundle and shared_secret:\n"
        "  [default]\n"
        "  base_url = " FWP_BASE_URL_SANDBOX "\n"
        "  api_key_file = /home/me/.config/fwpay/sandbox.key\n"
        "Flags come first, then a profile chosen by --profile or $FWPAY_PROFILE, then the environment,\n"
        "then [default].\n"
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
        "  15  TLS failed: the server's certificate is not trusted (give its CA: FWPAY_CA_BUNDLE or\n"
        "      SSL_CERT_FILE), names another host, or the handshake failed; nothing was sent\n"
        "  64  usage error (unknown command, missing argument, unreadable file, bad --jq)\n"
        "  65  the request succeeded but --jq failed on its answer (printed to stderr)\n"
        "\n"
        "Environment: FWPAY_PROFILE, FWPAY_CONFIG, FWPAY_API_KEY, FWPAY_BASE_URL, FWPAY_SHARED_SECRET\n"
        "(notifications, listen).\n"
        "See also: man fwpay (docs/fwpay.1).\n");
}

/* The value of global option `name` at argv[*i] ("--name VALUE" or "--name=VALUE"): 1 and
 * *value set, 0 when argv[*i] is another option, -1 when the value is missing. */
static int global_value(int argc, char **argv, int *i, const char *name, const char **value) {
    size_t length = strlen(name);
    if (strncmp(argv[*i], name, length) != 0) return 0;
    if (argv[*i][length] == '=') { *value = argv[*i] + length + 1; return 1; }
    if (argv[*i][length] != 0) return 0;
    if (*i + 1 >= argc) { fprintf(stderr, "fwpay: %s needs a value\n", name); return -1; }
    *value = argv[++*i];
    return 1;
}

int main(int argc, char **argv) {
    struct cli cli;
    memset(&cli, 0, sizeof cli);
    cli.pretty = isatty(STDOUT_FILENO);
    const char *api_key = NULL, *api_key_file = NULL, *base_url = NULL, *profile = NULL, *jq = NULL, *ca_bundle = NULL, *proxy = NULL;
    /* The global options come out of the line wherever they are; the rest, in order, is the
     * command and its arguments. An action's option that takes a value keeps it, so that
     * `--data --pretty` sends the text "--pretty". After `--`, nothing is taken. */
    char **rest = calloc((size_t)argc + 1, sizeof *rest);
    if (!rest) { fprintf(stderr, "fwpay: out of memory\n"); return 13; }
    int count = 0, command = -1, ended = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (ended || arg[0] != '-' || arg[1] == 0) {
            if (command < 0) command = count;
            rest[count++] = argv[i];
            continue;
        }
        if (strcmp(arg, "--") == 0) { ended = 1; continue; }
        if (command < 0 && is_help(arg)) { print_help(stdout); return 0; }
        if (command < 0 && strcmp(arg, "--version") == 0) {
            printf("fwpay %s (libfwpay %s)\n", FWP_VERSION_STRING, fwp_version());
            return 0;
        }
        if (strcmp(arg, "--pretty") == 0) { cli.pretty = 1; continue; }
        if (strcmp(arg, "--compact") == 0) { cli.pretty = 0; continue; }
        int found = 0;
        const char *const names[] = { "--api-key", "--api-key-file", "--base-url", "--profile", "--jq", "--ca-bundle", "--proxy" };
        const char **slots[] = { &api_key, &api_key_file, &base_url, &profile, &jq, &ca_bundle, &proxy };
        for (size_t n = 0; n < sizeof names / sizeof names[0] && !found; n++) {
            found = global_value(argc, argv, &i, names[n], slots[n]);
            if (found < 0) return CLI_EXIT_USAGE;
        }
        if (found) continue;
        if (command < 0) { fprintf(stderr, "fwpay: unknown option '%s' (see fwpay --help)\n", arg); return CLI_EXIT_USAGE; }
        rest[count++] = argv[i];
        if (takes_value(arg) && i + 1 < argc) rest[count++] = argv[++i];
    }
    if (command < 0) { print_help(stderr); return CLI_EXIT_USAGE; }

    /* Settings: flags, then a profile chosen by name, then the environment, then [default]. */
    cli.base_url = getenv("FWPAY_BASE_URL");
    cli.api_key = getenv("FWPAY_API_KEY");
    cli.shared_secret = getenv("FWPAY_SHARED_SECRET");
    cli.ca_bundle = getenv("FWPAY_CA_BUNDLE");  /* so that [default]'s ca_bundle comes after it */
    if (!profile) profile = getenv("FWPAY_PROFILE");
    int named = profile && *profile;
    if (load_profile(&cli, named ? profile : "default", named) != 0) return CLI_EXIT_USAGE;
    if (api_key && api_key_file) { fprintf(stderr, "fwpay: --api-key and --api-key-file do not go together\n"); return CLI_EXIT_USAGE; }
    if (api_key_file) {
        static char key[1024];
        if (read_secret_file(api_key_file, key, sizeof key) != 0) return CLI_EXIT_USAGE;
        cli.api_key = key;
    }
    if (api_key) cli.api_key = api_key;
    if (base_url) cli.base_url = base_url;
    if (ca_bundle) cli.ca_bundle = ca_bundle;
    if (proxy) cli.proxy = proxy;
    if (jq && filter_compile(&cli, jq) != 0) return CLI_EXIT_USAGE;

    const char *name = rest[command];
    int first = command + 1;
    if (strcmp(name, "help") == 0) {
        if (first >= count) { print_help(stdout); return 0; }
        name = rest[first];
        static char help_flag[] = "--help";
        rest[count++] = help_flag;   /* fwpay help orders [create] == fwpay orders [create] --help */
        first++;
    }
    int status = -1;
    for (const struct command *c = commands; c->name && status < 0; c++) {
        if (strcmp(c->name, name) != 0) continue;
        cli.argc = count - first;
        cli.argv = rest + first;
        status = c->run(&cli);
    }
    if (status < 0) {
        fprintf(stderr, "fwpay: '%s' is not a command (see fwpay --help)\n", name);
        status = CLI_EXIT_USAGE;
    }
    filter_release(&cli);
    free(rest);
    return status;
}
