/* Profiles: named settings in an INI file, read with inih (libinih), e.g.
 *
 *   [default]
 *   base_url = https://api-platform-sandbox.flywire.com/payments/v1
 *   api_key_file = /home/me/.config/fwpay/sandbox.key
 *
 *   [local]
 *   base_url = http://127.0.0.1:8080/payments/v1
 *   api_key = sandbox-demo-key
 *
 * The file may hold secrets, so it must be private to its owner (mode 0600, as ssh insists). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <ini.h>

#include "cli.h"

struct profile {
    const char *wanted;
    int found;
    char *api_key, *api_key_file, *base_url, *shared_secret, *ca_bundle;
    char unknown[64];              /* the first setting that is not one of the above */
};

static int on_setting(void *user, const char *section, const char *name, const char *value) {
    struct profile *profile = user;
    if (strcmp(section, profile->wanted) != 0) return 1;
    profile->found = 1;
    char **slot = strcmp(name, "api_key") == 0 ? &profile->api_key
                : strcmp(name, "api_key_file") == 0 ? &profile->api_key_file
                : strcmp(name, "base_url") == 0 ? &profile->base_url
                : strcmp(name, "ca_bundle") == 0 ? &profile->ca_bundle
                : strcmp(name, "shared_secret") == 0 ? &profile->shared_secret : NULL;
    if (!slot) {
        snprintf(profile->unknown, sizeof profile->unknown, "%s", name);
        return 0;                  /* inih reports the line */
    }
    free(*slot);
    *slot = strdup(value);
    return *slot != NULL;
}

/* $FWPAY_CONFIG, else $XDG_CONFIG_HOME/fwpay/config, else ~/.config/fwpay/config. */
static int config_path(char *path, size_t size) {
    const char *given = getenv("FWPAY_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int length;
    if (given && *given) length = snprintf(path, size, "%s", given);
    else if (xdg && *xdg) length = snprintf(path, size, "%s/fwpay/config", xdg);
    else if (home && *home) length = snprintf(path, size, "%s/.config/fwpay/config", home);
    else return -1;
    return length > 0 && (size_t)length < size ? 0 : -1;
}

/* Sets *slot to value: always for a profile chosen by name (it is what was asked for), only
 * where nothing is set for the default profile (the environment comes first). */
static void apply(const char **slot, char *value, int named) {
    if (value && (named || !*slot)) *slot = value;
}

int load_profile(struct cli *cli, const char *name, int named) {
    char path[4096];
    if (config_path(path, sizeof path) != 0) {
        if (!named) return 0;
        fprintf(stderr, "fwpay: --profile %s: no configuration file (set HOME or FWPAY_CONFIG)\n", name);
        return CLI_EXIT_USAGE;
    }
    FILE *file = fopen(path, "r");
    if (!file) {
        if (!named && errno == ENOENT) return 0;
        fprintf(stderr, "fwpay: cannot read %s: %s\n", path, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    struct stat info;
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode)) {
        fprintf(stderr, "fwpay: %s is not a regular file\n", path);
        fclose(file);
        return CLI_EXIT_USAGE;
    }
    if (info.st_mode & (S_IRWXG | S_IRWXO)) {
        fprintf(stderr, "fwpay: %s may hold API keys but others can read or write it (mode %03o): "
                        "run chmod 600 %s\n", path, (unsigned)(info.st_mode & 0777), path);
        fclose(file);
        return CLI_EXIT_USAGE;
    }
    struct profile profile = { name, 0, NULL, NULL, NULL, NULL, NULL, "" };
    int line = ini_parse_file(file, on_setting, &profile);
    fclose(file);
    if (line != 0) {
        if (profile.unknown[0])
            fprintf(stderr, "fwpay: %s:%d: '%s' is not a setting (api_key, api_key_file, base_url, ca_bundle, shared_secret)\n",
                    path, line, profile.unknown);
        else fprintf(stderr, "fwpay: %s:%d: not an INI line (name = value, or [profile])\n", path, line > 0 ? line : 0);
        return CLI_EXIT_USAGE;
    }
    if (!profile.found) {
        if (!named) return 0;
        fprintf(stderr, "fwpay: %s has no profile [%s]\n", path, name);
        return CLI_EXIT_USAGE;
    }
    if (profile.api_key && profile.api_key_file) {
        fprintf(stderr, "fwpay: %s: profile [%s] sets both api_key and api_key_file\n", path, name);
        return CLI_EXIT_USAGE;
    }
    if (profile.api_key_file && (named || !cli->api_key)) {
        static char key[1024];
        if (read_secret_file(profile.api_key_file, key, sizeof key) != 0) return CLI_EXIT_USAGE;
        cli->api_key = key;
    }
    apply(&cli->api_key, profile.api_key, named);
    apply(&cli->base_url, profile.base_url, named);
    apply(&cli->ca_bundle, profile.ca_bundle, named);
    apply(&cli->shared_secret, profile.shared_secret, named);
    return 0;
}
