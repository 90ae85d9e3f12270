#!/usr/bin/env python3
"""A notification receiver using only the standard library and fwpay: verifies each
X-Flywire-Digest over the raw body, ignores repeats (Flywire retries), answers at once.

    FWPAY_SHARED_SECRET=... python3 notification_receiver.py [PORT [COUNT]]

Listens on 127.0.0.1:PORT (0 picks one; the URL is printed first) and stops after COUNT
new notifications (default: never).
"""
import http.server
import os
import sys
import threading

import fwpay

SECRET = os.environ.get("FWPAY_SHARED_SECRET", "")
seen: set[str] = set()
seen_lock = threading.Lock()
done = threading.Event()
wanted = int(sys.argv[2]) if len(sys.argv) > 2 else -1


class Receiver(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        if not 0 <= length <= 1 << 20:
            self.answer(413)
            return
        body = self.rfile.read(length)  # the raw bytes: the digest signs exactly these
        try:
            event = fwpay.notifications.construct_event(body, self.headers.get("X-Flywire-Digest", ""), SECRET)
        except fwpay.SignatureError:
            print("rejected: bad signature", flush=True)
            self.answer(401)
            return
        except fwpay.Error as error:
            print(f"not a notification: {error}", flush=True)
            self.answer(400)
            return
        with seen_lock:
            repeat = event["dedup_key"] in seen
            seen.add(event["dedup_key"])
            count = len(seen)
        print(f"{event['resource']} {event['id']} {event['event_type']}{' (repeat)' if repeat else ''}", flush=True)
        self.answer(200)  # answer quickly; do the work (update the order, email the payer) afterwards
        if wanted > 0 and count >= wanted:
            done.set()

    def answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()


def main() -> int:
    if not SECRET:
        sys.exit("set FWPAY_SHARED_SECRET")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0), Receiver)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/notifications", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    done.wait()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
