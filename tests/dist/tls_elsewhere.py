"""Run by test_packages.py in a mount namespace where /etc/ssl holds only cert.pem (where
Alpine keeps its bundle), which is this test's own CA: Debian's path, compiled into the
wheel's libcurl, is gone. A client given no bundle must find cert.pem by itself and complete
a TLS handshake with a server whose certificate that CA signed.

    python tls_elsewhere.py CERTIFICATE KEY
"""
import ctypes
import http.server
import json
import ssl
import sys
import threading

import fwpay
from fwpay._native import lib


class Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def main(certificate: str, key: str) -> int:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    found = lib.fwp_ca_bundle()
    bundle = ctypes.string_at(found).decode() if found else None
    lib.fwp_free(found)
    with fwpay.Client(api_key="key", base_url=f"https://localhost:{server.server_address[1]}", max_retries=0) as client:
        answer = client.request("GET", "/ping")
    server.shutdown()
    print(json.dumps({"bundle": bundle, "answer": answer}))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
