/* notification_receiver: receives Flywire's payment status notifications, checks each
 * X-Flywire-Digest against the raw body, ignores repeats, and answers at once: 200 when
 * accepted (or already seen), 401 for a bad signature, 400 for what is not a notification.
 *
 *   FWPAY_SHARED_SECRET=... notification_receiver [PORT [COUNT]]
 *
 * Listens on 127.0.0.1:PORT (0 picks one; the address is printed first) and stops after
 * COUNT accepted notifications (default: never). One connection at a time: enough to show
 * the steps; a real receiver sits behind your web server. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fwpay.h"

#define MAX_HEADERS 16384
#define MAX_BODY (1 << 20)
#define REMEMBERED 512

static char seen[REMEMBERED][160];
static int seen_count;

static int already_seen(const char *key) {
    for (int i = 0; i < seen_count && i < REMEMBERED; i++)
        if (strcmp(seen[i], key) == 0) return 1;
    snprintf(seen[seen_count++ % REMEMBERED], sizeof seen[0], "%s", key);
    return 0;
}

static void answer(int connection, int status, const char *reason) {
    char response[160];
    int length = snprintf(response, sizeof response, "HTTP/1.1 %d %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status, reason);
    if (write(connection, response, (size_t)length) < 0) perror("write");
}

/* The value of header `name` in `headers` (copied into `value`), or 0 if absent. */
static int header(const char *headers, const char *name, char *value, size_t size) {
    size_t length = strlen(name);
    for (const char *line = headers; line && *line; line = strstr(line, "\r\n") ? strstr(line, "\r\n") + 2 : NULL) {
        if (strncasecmp(line, name, length) == 0 && line[length] == ':') {
            const char *start = line + length + 1;
            while (*start == ' ') start++;
            size_t end = strcspn(start, "\r\n");
            snprintf(value, size, "%.*s", (int)end, start);
            return 1;
        }
    }
    return 0;
}

/* Handles one connection; returns 1 when a new notification was accepted. */
static int handle(int connection, const char *secret) {
    static char buffer[MAX_HEADERS + MAX_BODY];
    size_t used = 0;
    char *end = NULL;
    while (!end && used < MAX_HEADERS) {
        ssize_t got = read(connection, buffer + used, MAX_HEADERS - used);
        if (got <= 0) return 0;
        used += (size_t)got;
        buffer[used] = 0;
        end = strstr(buffer, "\r\n\r\n");
    }
    if (!end) { answer(connection, 431, "Request Header Fields Too Large"); return 0; }
    *end = 0;
    char value[256];
    long length = header(buffer, "Content-Length", value, sizeof value) ? strtol(value, NULL, 10) : -1;
    if (strncmp(buffer, "POST ", 5) != 0 || length < 0 || length > MAX_BODY) { answer(connection, 400, "Bad Request"); return 0; }
    char *body = end + 4;
    size_t have = used - (size_t)(body - buffer);
    while (have < (size_t)length) {
        ssize_t got = read(connection, body + have, (size_t)length - have);
        if (got <= 0) return 0;
        have += (size_t)got;
    }
    /* 1. Verify the digest over the raw bytes, before reading them as JSON. */
    char digest[256] = "";
    header(buffer, "X-Flywire-Digest", digest, sizeof digest);
    fwp_error err = FWP_ERROR_INIT;
    if (fwp_notification_verify(body, (size_t)length, digest, secret, &err) != FWP_OK) {
        printf("rejected: %s\n", err.message);
        answer(connection, 401, "Unauthorized");
        fwp_error_clear(&err);
        return 0;
    }
    /* 2. Read it (v2 envelope or classic format), 3. ignore repeats: Flywire retries. */
    json_t *notification = NULL;
    if (fwp_notification_parse(body, (size_t)length, &notification, &err) != FWP_OK) {
        printf("not a notification: %s\n", err.message);
        answer(connection, 400, "Bad Request");
        fwp_error_clear(&err);
        return 0;
    }
    const char *key = json_string_value(json_object_get(notification, "dedup_key"));
    int repeat = already_seen(key);
    printf("%s %s %s: %s%s\n", json_string_value(json_object_get(notification, "resource")),
           json_string_value(json_object_get(notification, "id")), json_string_value(json_object_get(notification, "event_type")),
           key, repeat ? " (repeat, ignored)" : "");
    fflush(stdout);
    /* 4. Answer 2xx quickly; do the real work (update your order, email the payer) after. */
    answer(connection, 200, "OK");
    json_decref(notification);
    return !repeat;
}

int main(int argc, char **argv) {
    const char *secret = getenv("FWPAY_SHARED_SECRET");
    if (!secret || !*secret) { fprintf(stderr, "notification_receiver: set FWPAY_SHARED_SECRET\n"); return 2; }
    int port = argc > 1 ? atoi(argv[1]) : 0;
    long count = argc > 2 ? strtol(argv[2], NULL, 10) : -1;
    int server = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons((unsigned short)port);
    socklen_t size = sizeof address;
    if (server < 0 || bind(server, (struct sockaddr *)&address, sizeof address) != 0 || listen(server, 16) != 0 ||
        getsockname(server, (struct sockaddr *)&address, &size) != 0) {
        perror("notification_receiver");
        return 1;
    }
    printf("listening on http://127.0.0.1:%d/notifications\n", ntohs(address.sin_port));
    fflush(stdout);
    for (long accepted = 0; count < 0 || accepted < count;) {
        int connection = accept(server, NULL, NULL);
        if (connection < 0) continue;
        accepted += handle(connection, secret);
        close(connection);
    }
    close(server);
    return 0;
}
