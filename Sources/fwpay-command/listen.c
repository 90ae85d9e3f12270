/* fwpay listen: a local notification receiver, in the manner of `stripe listen`. Each POST's
 * X-Flywire-Digest is verified over the raw body; a valid notification is printed (one JSON
 * line on stdout, in the shape of `notifications parse`), forwarded if asked, and answered
 * 200; an invalid one is answered 401 and reported on stderr. Plain http on loopback only.
 * With --pull there is no port at all: listen_pull.c takes them from the sandbox instead. */
#include <arpa/inet.h>
#include <signal.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <sys/time.h>
#include <time.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli.h"

#define MAX_HEADERS 16384
#define MAX_BODY (1 << 20)
/* Connections served at once, each on its own thread. A connection has HEAD_DEADLINE_MS from
 * accept to send its whole head and REQUEST_DEADLINE_MS for head and body: a peer that drips
 * bytes cannot keep its thread (each read was bounded, the connection was not: finding N3;
 * M5 before it). Forwarding is bounded too: FORWARD_TIMEOUT_SECONDS to connect, to send and to
 * read the target's answer, so a target that never answers frees its slot. */
#define MAX_CONNECTIONS 32
#define HEAD_DEADLINE_MS 2000
#define REQUEST_DEADLINE_MS 10000
#define FORWARD_TIMEOUT_SECONDS 5

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
/* Set by SIGINT and SIGTERM: stop listening, and take the registration back. */
static volatile sig_atomic_t stopping = 0;
/* --events: the event types printed and forwarded (NULL for every one); set before serving. */
static const char *events = NULL;
static long received_total = 0;
static int serving = 0;

static int listen_run(struct cli *, fwp_client *, int, char **);

static const struct option_doc listen_options[] = {
    { "--pull", NULL, "no inbound port: take the client's notifications from the fwpay-sandbox (long polling)" },
    { "--events", "LIST", "only these event types, comma-separated (initiated,guaranteed,delivered,...)" },
    { "--port", "N", "the port on 127.0.0.1 (default: any free one, printed on stderr)" },
    { "--secret", "S", "the shared secret (prefer $FWPAY_SHARED_SECRET or a profile: ps shows arguments)" },
    { "--secret-file", "PATH", "read the shared secret from the first line of PATH (- for standard input)" },
    { "--forward-to", "URL", "also POST each valid notification, with its digest, to this plain-http URL" },
    { "--forward", "URL", "the same as --forward-to" },
    { "--count", "N", "stop after N notifications" },
    { "--no-register", NULL, "do not become the client's notifications URL on the sandbox while listening" },
    { NULL, NULL, NULL },
};

const struct action listen_actions[] = {
    { "listen", listen_run, "listen [--pull | --port N] [--events LIST] [--secret S | --secret-file PATH] [--forward-to http://127.0.0.1:PORT/PATH] [--count N]",
      ACTION_LOCAL,
      "Receives notifications on 127.0.0.1, verifies each X-Flywire-Digest, prints each valid one as a JSON line, "
      "answers 200 (401 for a bad digest), and forwards it to --forward-to when given. With the key and base URL of a "
      "fwpay-sandbox, it makes itself the client's notifications URL while it runs (payments without their own "
      "notifications_url notify it) and takes that back when it stops. With --pull it opens no port: it takes the "
      "client's notifications from the sandbox over its control API (SANDBOX-ONLY long polling), each with the body "
      "and digest the sandbox signed, verified when the shared secret is known; pushed delivery to a notifications "
      "URL goes on as before.",
      listen_options, "fwpay listen --pull --events guaranteed,delivered --forward-to http://127.0.0.1:3000/flywire", NULL },
    { NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL },
};


/* The value of header `name` (copied into `value`); 0 if absent. */
static int header(const char *headers, const char *name, char *value, size_t size) {
    size_t length = strlen(name);
    for (const char *line = headers; line && *line; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : NULL) {
        if (strncasecmp(line, name, length) == 0 && line[length] == ':') {
            const char *start = line + length + 1;
            while (*start == ' ') start++;
            snprintf(value, size, "%.*s", (int)strcspn(start, "\r\n"), start);
            return 1;
        }
    }
    return 0;
}

static void answer(int connection, int status, const char *reason) {
    char response[160];
    int length = snprintf(response, sizeof response, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status, reason);
    if (write(connection, response, (size_t)length) < 0) perror("fwpay listen");
}

/* Whether a parsed notification is one of `events` (comma-separated; NULL for every one). */
static int wanted(const char *events, json_t *event) {
    if (!events) return 1;
    const char *type = json_string_value(json_object_get(event, "event_type"));
    if (!type) type = json_string_value(json_object_get(event, "status"));
    size_t length = type ? strlen(type) : 0;
    for (const char *at = events; type && *at; at += strcspn(at, ",") + (at[strcspn(at, ",")] == ',')) {
        if (strcspn(at, ",") == length && strncmp(at, type, length) == 0) return 1;
    }
    return 0;
}

int forward_notification(const char *url, const char *body, size_t length, const char *digest) {
    char host[256] = "", path[1024] = "/";
    int port = 80;
    if (sscanf(url, "http://%255[^:/]:%d%1023s", host, &port, path) < 2 && sscanf(url, "http://%255[^/]%1023s", host, path) < 1)
        return -1;
    struct addrinfo hints, *found = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_STREAM;
    char service[16];
    snprintf(service, sizeof service, "%d", port);
    if (getaddrinfo(host, service, &hints, &found) != 0) return -1;
    int sock = socket(AF_INET, SOCK_STREAM, 0), status = -1;
    struct timeval timeout = { FORWARD_TIMEOUT_SECONDS, 0 };
    /* On Linux SO_SNDTIMEO bounds connect() too. */
    if (sock >= 0 && (setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout) != 0 ||
                      setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0)) {
        close(sock);
        sock = -1;
    }
    if (sock >= 0 && connect(sock, found->ai_addr, found->ai_addrlen) == 0) {
        char head[2048];
        int size = snprintf(head, sizeof head, "POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n"
                            "X-Flywire-Digest: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n", path, host, port, digest, length);
        if (write(sock, head, (size_t)size) == size && write(sock, body, length) == (ssize_t)length) {
            char reply[64] = "";
            if (read(sock, reply, sizeof reply - 1) > 12) sscanf(reply, "HTTP/%*s %d", &status);
        }
    }
    if (sock >= 0) close(sock);
    freeaddrinfo(found);
    return status;
}

int check_notification(const char *body, size_t length, const char *digest, const char *secret, json_t **event,
                       fwp_error *err) {
    int rc = secret ? fwp_notification_verify(body, length, digest, secret, err) : FWP_OK;
    return rc == FWP_OK ? fwp_notification_parse(body, length, event, err) : rc;
}

int pass_on_notification(struct cli *cli, json_t *event, const char *events, const char *target, const char *body,
                         size_t length, const char *digest) {
    if (!wanted(events, event)) {  /* not counted: --count counts what is printed */
        json_decref(event);
        return 0;
    }
    if (target) {
        int status = forward_notification(target, body, length, digest);
        fprintf(stderr, "fwpay listen: forwarded %s to %s: %d\n", json_string_value(json_object_get(event, "dedup_key")),
                target, status);
    }
    pthread_mutex_lock(&lock);  /* also serialises the --jq filter, which is not thread-safe */
    print_value(cli, event, 1);  /* one line per notification, so that it can be piped */
    fflush(stdout);
    pthread_mutex_unlock(&lock);
    return 1;
}

/* A whole request: verified, answered, then passed on; 1 when it was a valid notification of
 * the --events asked for. */
static int received(struct cli *cli, int connection, const char *secret, const char *target, const char *head,
                    const char *body, size_t length) {
    char digest[256] = "";
    header(head, "X-Flywire-Digest", digest, sizeof digest);
    fwp_error err = FWP_ERROR_INIT;
    json_t *event = NULL;
    if (check_notification(body, length, digest, secret, &event, &err) != FWP_OK) {
        fprintf(stderr, "fwpay listen: refused: %s\n", err.message);
        answer(connection, err.code == FWP_E_SIGNATURE ? 401 : 400, err.code == FWP_E_SIGNATURE ? "Unauthorized" : "Bad Request");
        fwp_error_clear(&err);
        return 0;
    }
    answer(connection, 200, "OK");
    return pass_on_notification(cli, event, events, target, body, length, digest);
}

static long milliseconds_now(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000L + now.tv_nsec / 1000000L;
}

/* Reads what is there before `deadline` (monotonic ms): bytes read, 0 at the end of the
 * stream, -1 on an error, -2 when the deadline passed first. */
static ssize_t read_before(int connection, char *into, size_t size, long deadline) {
    long left = deadline - milliseconds_now();
    if (left <= 0) return -2;
    struct pollfd ready = { connection, POLLIN, 0 };
    int polled = poll(&ready, 1, (int)left);
    if (polled == 0) return -2;
    if (polled < 0) return -1;
    return read(connection, into, size);
}

/* One connection, accepted at `accepted` (monotonic ms); 1 when a valid notification was
 * received. `head` holds MAX_HEADERS + 1 bytes; the body is allocated once its length is known. */
static int handle(struct cli *cli, int connection, const char *secret, const char *target, char *head, long accepted) {
    size_t used = 0;
    char *end = NULL;
    while (!end && used < MAX_HEADERS) {
        ssize_t got = read_before(connection, head + used, MAX_HEADERS - used, accepted + HEAD_DEADLINE_MS);
        if (got == -2) { answer(connection, 408, "Request Timeout"); return 0; }
        if (got <= 0) return 0;
        used += (size_t)got;
        head[used] = 0;
        end = strstr(head, "\r\n\r\n");
    }
    char value[256];
    long length = end && header(head, "Content-Length", value, sizeof value) ? strtol(value, NULL, 10) : -1;
    if (!end || strncmp(head, "POST ", 5) != 0 || length < 0 || length > MAX_BODY) { answer(connection, 400, "Bad Request"); return 0; }
    *end = 0;
    char *body = malloc((size_t)length + 1);
    if (!body) { answer(connection, 503, "Service Unavailable"); return 0; }
    size_t have = used - (size_t)(end + 4 - head);
    if (have > (size_t)length) have = (size_t)length;
    memcpy(body, end + 4, have);
    while (have < (size_t)length) {
        ssize_t got = read_before(connection, body + have, (size_t)length - have, accepted + REQUEST_DEADLINE_MS);
        if (got == -2) answer(connection, 408, "Request Timeout");
        if (got <= 0) { free(body); return 0; }
        have += (size_t)got;
    }
    body[length] = 0;
    int valid = received(cli, connection, secret, target, head, body, (size_t)length);
    free(body);
    return valid;
}

struct connection_job {
    struct cli *cli;
    int connection;
    const char *secret, *target;
    long accepted;
};

static void *serve(void *argument) {
    struct connection_job *job = argument;
    char *buffer = malloc(MAX_HEADERS + 1);
    int valid = buffer ? handle(job->cli, job->connection, job->secret, job->target, buffer, job->accepted) : 0;
    if (!buffer) answer(job->connection, 503, "Service Unavailable");
    free(buffer);
    close(job->connection);
    pthread_mutex_lock(&lock);
    received_total += valid;
    serving--;
    pthread_mutex_unlock(&lock);
    free(job);
    return NULL;
}

static void stop(int signal_number) {
    (void)signal_number;
    stopping = 1;
}

/* Makes http://127.0.0.1:PORT/ the client's notifications URL on a fwpay-sandbox (sandbox-only,
 * like `stripe listen`); the client to take it back with, or NULL when there is no sandbox. */
static fwp_client *register_listener(struct cli *cli, int port) {
    fwp_client *client = NULL;
    fwp_error err = FWP_ERROR_INIT;
    int rc = sandbox_client(cli, &client, &err);
    if (rc == 1) return NULL;  /* no key, or not a sandbox's base URL */
    char url[64];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
    json_t *body = json_pack("{s:s}", "url", url), *result = NULL;
    if (rc == FWP_OK) rc = fwp_request(client, "POST", "/sandbox/listener", body, NULL, &result, &err);
    json_decref(body);
    json_decref(result);
    if (rc == FWP_OK) {
        fprintf(stderr, "fwpay listen: registered with the sandbox: this client's notifications come here until it stops\n");
    } else {
        fprintf(stderr, "fwpay listen: not registered (%s): give the URL above as notifications_url\n",
                err.http_status == 404 ? "not a fwpay-sandbox" : err.message);
        fwp_client_free(client);
        client = NULL;
    }
    fwp_error_clear(&err);
    return client;
}

/* Takes back this listener's own registration only: a listener started before it gets the
 * notifications again (finding N11). */
static void unregister_listener(fwp_client *client, int port) {
    if (!client) return;
    json_t *result = NULL;
    fwp_error err = FWP_ERROR_INIT;
    char path[96];
    snprintf(path, sizeof path, "/sandbox/listener?url=http%%3A%%2F%%2F127.0.0.1%%3A%d%%2F", port);
    if (fwp_request(client, "DELETE", path, NULL, NULL, &result, &err) == FWP_OK)
        fprintf(stderr, "fwpay listen: unregistered: this client's notifications go to %s\n",
                json_is_string(json_object_get(result, "url")) ? "the listener started before this one" : "its own URL again");
    else fprintf(stderr, "fwpay listen: could not unregister: %s\n", err.message);
    json_decref(result);
    fwp_error_clear(&err);
    fwp_client_free(client);
}

/* Event types are words: the list goes into a query string as it is. */
static int valid_events(const char *events) {
    return *events && strspn(events, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-,") == strlen(events) &&
           strlen(events) <= 256;
}

static int listen_run(struct cli *cli, fwp_client *client, int argc, char **argv) {
    (void)client;
    int no_register = take_flag(&argc, argv, "--no-register"), pull = take_flag(&argc, argv, "--pull");
    const char *port_text = NULL, *secret = NULL, *target = NULL, *count_text = NULL, *forward_to = NULL;
    if (take_option(&argc, argv, "--port", &port_text) < 0 || take_option(&argc, argv, "--secret", &secret) < 0 ||
        take_option(&argc, argv, "--forward", &target) < 0 || take_option(&argc, argv, "--count", &count_text) < 0 ||
        take_option(&argc, argv, "--forward-to", &forward_to) < 0 || take_option(&argc, argv, "--events", &events) < 0)
        return usage_error("listen", listen_actions, "an option is missing its value");
    if (forward_to) target = forward_to;
    if (events && !valid_events(events))
        return usage_error("listen", listen_actions, "--events takes event types separated by commas (letters, digits, _ . -)");
    const char *secret_file = NULL;
    if (take_option(&argc, argv, "--secret-file", &secret_file) < 0) return usage_error("listen", listen_actions, "an option is missing its value");
    static char secret_text[1024];
    if (secret_file) {
        if (read_secret_file(secret_file, secret_text, sizeof secret_text) != 0) return CLI_EXIT_USAGE;
        secret = secret_text;
    }
    if (!secret) secret = cli->shared_secret;
    if (secret && !*secret) secret = NULL;
    if (target && strncmp(target, "http://", 7) != 0) return usage_error("listen", listen_actions, "--forward-to takes an http:// URL");
    if (check_no_more("listen", listen_actions, argc, argv)) return CLI_EXIT_USAGE;
    long count = count_text ? strtol(count_text, NULL, 10) : -1;
    if (pull) {
        if (port_text || no_register) return usage_error("listen", listen_actions, "--pull opens no port: drop --port and --no-register");
        return listen_pull(cli, secret, target, events, count);
    }
    /* A receiver must tell a notification from a forgery: the digest is all it has. */
    if (!secret) return usage_error("listen", listen_actions, "--secret-file, FWPAY_SHARED_SECRET or a profile's shared_secret is required");
    int port = port_text ? atoi(port_text) : 0;
    if (port < 0 || port > 65535) return usage_error("listen", listen_actions, "--port must be 0 to 65535");
    int server = socket(AF_INET, SOCK_STREAM, 0), yes = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons((unsigned short)port);
    socklen_t size = sizeof address;
    if (server < 0 || bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0 ||
        getsockname(server, (struct sockaddr *)&address, &size) != 0) {
        perror("fwpay listen");
        return 9;
    }
    fprintf(stderr, "fwpay listen: listening on http://127.0.0.1:%d/ (give it as notifications_url)\n", ntohs(address.sin_port));
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = stop;  /* no SA_RESTART: poll returns, and the loop sees `stopping` */
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    fwp_client *registration = no_register ? NULL : register_listener(cli, ntohs(address.sin_port));
    fflush(stderr);
    for (;;) {
        pthread_mutex_lock(&lock);
        int done = (count >= 0 && received_total >= count) || stopping, busy = serving;
        pthread_mutex_unlock(&lock);
        if (done) break;
        struct pollfd ready = { server, POLLIN, 0 };
        if (poll(&ready, 1, 200) <= 0) continue;
        int connection = accept(server, NULL, NULL);
        if (connection < 0) continue;
        long accepted = milliseconds_now();
        /* Answers are small; a peer that reads nothing cannot hold a write for long either. */
        struct timeval timeout = { FORWARD_TIMEOUT_SECONDS, 0 };
        setsockopt(connection, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
        struct connection_job *job = busy < MAX_CONNECTIONS ? malloc(sizeof *job) : NULL;
        pthread_t thread;
        pthread_attr_t attributes;
        pthread_attr_init(&attributes);
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (job) {
            *job = (struct connection_job){ cli, connection, secret, target, accepted };
            pthread_mutex_lock(&lock);
            serving++;
            pthread_mutex_unlock(&lock);
            if (pthread_create(&thread, &attributes, serve, job) != 0) {
                pthread_mutex_lock(&lock);
                serving--;
                pthread_mutex_unlock(&lock);
                free(job);
                job = NULL;
            }
        }
        pthread_attr_destroy(&attributes);
        if (!job) {
            answer(connection, 503, "Service Unavailable");
            close(connection);
        }
    }
    close(server);
    unregister_listener(registration, ntohs(address.sin_port));
    /* Let the connections still being answered finish (each is bounded by its timeouts). */
    for (int waited = 0; waited < 100; waited++) {
        pthread_mutex_lock(&lock);
        int busy = serving;
        pthread_mutex_unlock(&lock);
        if (!busy) break;
        nanosleep(&(struct timespec){ 0, 100000000L }, NULL);
    }
    return 0;
}

int cmd_listen(struct cli *cli) {
    for (int i = 0; i < cli->argc; i++)
        if (is_help(cli->argv[i])) { print_action_help(stdout, &listen_actions[0]); return 0; }
    return listen_run(cli, NULL, cli->argc, cli->argv);
}
