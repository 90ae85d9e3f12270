"""A forward proxy for plain http on loopback, for the tests of the proxy settings: it notes
each request line (with its Proxy-Authorization) and passes the request on to the absolute URL
it was given. conftest.forward_proxy serves it in-process; run as a script, it prints its URL
and appends what it sees to the file named by its argument (tests/bindings/run.sh).

    python3 tests/forward_proxy.py SEEN_FILE
"""
from __future__ import annotations

import http.client
import http.server
import sys
import urllib.parse


class ForwardProxy(http.server.BaseHTTPRequestHandler):
    """A forward proxy for plain http: it notes each request line (with its Proxy-Authorization)
    and passes the request on to the absolute URL it was given."""
    seen: list[str] = []
    seen_file = ""

    def _relay(self) -> None:
        line = f"{self.command} {self.path} {self.headers.get('Proxy-Authorization', '-')}"
        type(self).seen.append(line)
        if type(self).seen_file:
            with open(type(self).seen_file, "a") as seen:
                seen.write(line + "\n")
        target = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        upstream = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "proxy-authorization")}
        upstream.request(self.command, target.path + (f"?{target.query}" if target.query else ""), body=body, headers=headers)
        answer = upstream.getresponse()
        data = answer.read()
        self.send_response(answer.status)
        for name, value in answer.getheaders():
            if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_DELETE = _relay

    def log_message(self, *args: object) -> None:
        pass


if __name__ == "__main__":
    ForwardProxy.seen_file = sys.argv[1]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ForwardProxy)
    print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()
