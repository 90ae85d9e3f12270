/* Code that runs when libfwpay is loaded, before the Swift runtime linked into it. */
#include "fwpay_loader.h"

#include <stddef.h>

extern char **environ;

/* The Swift runtime reads the environment while the library loads (its debugging
 * variables), walking `environ` without checking it for NULL. A host that called clearenv(),
 * or php-fpm's workers with clear_env = yes under a uid that /etc/passwd does not list, have
 * a NULL environ: loading the library would crash them. This constructor runs first (a
 * priority constructor precedes the runtime's plain one) and gives such a host an empty
 * environment, which is what NULL means; getenv and setenv work on it as before. */
static char *empty_environment[1] = {NULL};

__attribute__((constructor(101))) static void fwp_environment_guard(void) {
    if (environ == NULL) environ = empty_environment;
}
