"""TLS and proxies from the shell: an https server whose certificate no bundle trusts
(self-signed, for localhost) fails at once with exit status 15 and the fix named; --ca-bundle,
a profile's ca_bundle, FWPAY_CA_BUNDLE and SSL_CERT_FILE each make it trusted; --proxy sends
the call through a forward proxy on loopback."""
from __future__ import annotations

import http.server
import json
import os
import pathlib
import ssl
import subprocess
import threading
import time
from typing import Any, Iterator

import pytest

from test_cli import FWPAY


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        body = json.dumps({"id": "FWU", "path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def https(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, pathlib.Path]]:
    directory = tmp_path_factory.mktemp("tls")
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"https://localhost:{server.server_address[1]}/payments/v1", certificate
    finally:
        server.shutdown()


def fwpay(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Only what is given: no SSL_CERT_FILE or FWPAY_CA_BUNDLE of the shell around the test.
    return subprocess.run([FWPAY, "--base-url", url, *args, "recipients", "get", "FWU"], capture_output=True, text=True,
                          timeout=60, env={"PATH": os.environ.get("PATH", ""), "FWPAY_API_KEY": "key", **(env or {})})


def test_an_untrusted_certificate_exits_15_at_once_naming_the_fix(https: tuple[str, pathlib.Path]) -> None:
    url, _ = https
    started = time.monotonic()
    result = fwpay(url, env={"FWPAY_LOG": "info"})
    assert result.returncode == 15, result.stderr
    assert "TLS with localhost" in result.stderr and "ca_bundle" in result.stderr and "FWPAY_CA_BUNDLE" in result.stderr
    assert "retry" not in result.stderr and result.stderr.count("GET /recipients/FWU failed") == 1, result.stderr
    assert time.monotonic() - started < 5


def test_each_way_of_naming_the_ca_is_trusted(https: tuple[str, pathlib.Path], tmp_path: pathlib.Path) -> None:
    url, certificate = https
    assert json.loads(fwpay(url, "--ca-bundle", str(certificate)).stdout)["id"] == "FWU"
    assert fwpay(url, env={"FWPAY_CA_BUNDLE": str(certificate)}).returncode == 0
    assert fwpay(url, env={"SSL_CERT_FILE": str(certificate)}).returncode == 0
    config = tmp_path / "config"
    config.write_text(f"[tls]\nca_bundle = {certificate}\n")
    config.chmod(0o600)
    assert fwpay(url, "--profile", "tls", env={"FWPAY_CONFIG": str(config)}).returncode == 0


def test_proxy_sends_the_call_through_it(sandbox: Any, forward_proxy: tuple[str, list[str]]) -> None:
    url, seen = forward_proxy
    result = subprocess.run([FWPAY, "--proxy", url, "--base-url", sandbox.base_url, "recipients", "get", "FWU"],
                            capture_output=True, text=True, timeout=60,
                            env={"PATH": os.environ.get("PATH", ""), "FWPAY_API_KEY": sandbox.api_key, "NO_PROXY": ""})
    assert result.returncode == 0 and json.loads(result.stdout)["id"] == "FWU", result.stderr
    assert f"GET {sandbox.base_url}/recipients/FWU -" in seen, seen
