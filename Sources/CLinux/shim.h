/* Linux calls Swift's Glibc module leaves out: eventfd (a completion queue's descriptor) and
 * naming a thread. Static inline: nothing is added to libfwpay.so's exports. */
#ifndef FWPAY_CLINUX_SHIM_H
#define FWPAY_CLINUX_SHIM_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sys/eventfd.h>

/* A non-blocking, close-on-exec eventfd, or -1 with errno set. */
static inline int fwp_eventfd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/* Names the calling thread (at most 15 bytes), as ps and debuggers show it. */
static inline void fwp_name_thread(const char *name) {
    pthread_setname_np(pthread_self(), name);
}
#endif
