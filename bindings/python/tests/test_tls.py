"""TLS trusts the CA bundle it is told to (ca_bundle=, $FWPAY_CA_BUNDLE, $SSL_CERT_FILE), else
the system's one, found at run time; a bundle that cannot be read is refused before anything is
sent; an untrusted certificate is a TLSError at once; mutual TLS presents the client's
certificate. The servers are local https servers (conftest.self_signed_https)."""
from __future__ import annotations

import os
import pathlib
import ssl
import subprocess
import sys

import pytest

import conftest
import fwpay


def test_the_bundle_given_is_trusted(self_signed_https: tuple[str, pathlib.Path]) -> None:
    url, certificate = self_signed_https
    with fwpay.Client(api_key="key", base_url=url, ca_bundle=certificate, max_retries=0) as client:
        assert client.request("GET", "/ping") == {"ok": True, "id": "FWU", "path": "/payments/v1/ping"}


def test_the_system_bundle_does_not_trust_a_private_ca(self_signed_https: tuple[str, pathlib.Path]) -> None:
    url, _ = self_signed_https
    with fwpay.Client(api_key="key", base_url=url, max_retries=0) as client:
        with pytest.raises(fwpay.ConnectionError) as caught:
            client.request("GET", "/ping")
    assert "certificate" in str(caught.value).lower()


def test_fwpay_ca_bundle_names_a_bundle_for_every_client(self_signed_https: tuple[str, pathlib.Path],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    url, certificate = self_signed_https
    monkeypatch.setenv("FWPAY_CA_BUNDLE", str(certificate))
    with fwpay.Client(api_key="key", base_url=url, max_retries=0) as client:
        assert client.request("GET", "/ping")["ok"] is True


def test_an_unreadable_bundle_is_refused_at_creation(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "missing.pem"
    with pytest.raises(fwpay.InvalidArgumentError, match="ca_bundle names .*missing.pem"):
        fwpay.Client(api_key="key", base_url="https://localhost:1", ca_bundle=missing)
    monkeypatch.setenv("FWPAY_CA_BUNDLE", str(missing))
    with pytest.raises(fwpay.InvalidArgumentError, match="FWPAY_CA_BUNDLE names .*missing.pem"):
        fwpay.Client(api_key="key", base_url="https://localhost:1")


def test_the_library_finds_this_machines_bundle() -> None:
    from fwpay._native import lib
    found = lib.fwp_ca_bundle()
    assert found
    path = __import__("ctypes").string_at(found).decode()
    lib.fwp_free(found)
    assert os.access(path, os.R_OK) and path.startswith("/etc/"), path


def test_certifi_is_the_last_resort_on_a_system_without_a_bundle() -> None:
    """In a mount namespace where /etc/ssl is empty (and no other system path exists), the
    library finds no bundle, and the package gives it certifi's."""
    import certifi  # installed by scripts/install-deps.sh
    if any(os.path.exists(path) for path in ("/etc/pki", "/var/lib/ca-certificates")):
        pytest.fail("this test expects a Debian-like machine, whose only bundle is under /etc/ssl")
    probe = ("import ctypes, fwpay, fwpay._client as c; from fwpay._native import lib; "
             "print(lib.fwp_ca_bundle() is None, c._ca_bundle(None).decode())")
    package = str(pathlib.Path(fwpay.__file__).parents[1])
    run = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c",
                          'mount -t tmpfs -o size=1m none /etc/ssl && exec "$@"', "certifi",
                          sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, PYTHONPATH=package))
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["True", certifi.where()], run.stdout


def test_ssl_cert_file_is_honoured_as_curl_honours_it(self_signed_https: tuple[str, pathlib.Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    url, certificate = self_signed_https
    monkeypatch.delenv("FWPAY_CA_BUNDLE", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate))
    with fwpay.Client(api_key="key", base_url=url, max_retries=0) as client:
        assert client.request("GET", "/ping")["ok"] is True


def test_an_untrusted_certificate_is_a_tls_error_tried_once_with_its_fix_named(
        self_signed_https: tuple[str, pathlib.Path], fwpay_log: list[str]) -> None:
    # Not "could not reach the server (after 3 attempts)": TLSError at once, naming the fix.
    url, _ = self_signed_https
    lines = fwpay_log
    with fwpay.Client(api_key="key", base_url=url, max_retries=3) as client:
        with pytest.raises(fwpay.TLSError) as caught:
            client.request("GET", "/ping")
    message = str(caught.value)
    assert "TLS with localhost" in message and "ca_bundle" in message and "FWPAY_CA_BUNDLE" in message, message
    assert isinstance(caught.value, fwpay.ConnectionError) and caught.value.code == -15
    assert not [line for line in lines if line.startswith("retry")], lines
    assert len([line for line in lines if "GET /ping failed" in line]) == 1, lines


def test_mutual_tls_presents_the_client_certificate(tmp_path: pathlib.Path) -> None:
    # A server that requires a certificate signed by its own CA: refused without one (TLSError,
    # tried once), answered with client_cert and client_key.
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)

    ca_key, ca, server_key, server_cert = (tmp_path / n for n in ("ca.key", "ca.pem", "server.key", "server.pem"))
    client_key, client_request, client_cert = (tmp_path / n for n in ("client.key", "client.csr", "client.pem"))
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=test CA", "-keyout", str(ca_key), "-out", str(ca))
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", str(server_key), "-out", str(server_cert))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=merchant", "-keyout", str(client_key), "-out", str(client_request))
    openssl("x509", "-req", "-in", str(client_request), "-CA", str(ca), "-CAkey", str(ca_key), "-CAcreateserial", "-days", "1",
            "-out", str(client_cert))
    def require_a_client_certificate(context: ssl.SSLContext) -> None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(ca)

    server = conftest.https_server_with(server_cert, server_key, require_a_client_certificate)
    url = f"https://localhost:{server.server_address[1]}/payments/v1"
    try:
        with fwpay.Client(api_key="key", base_url=url, ca_bundle=server_cert, client_cert=client_cert, client_key=client_key) as client:
            assert client.request("GET", "/ping")["ok"] is True
        with fwpay.Client(api_key="key", base_url=url, ca_bundle=server_cert, max_retries=2) as client:
            with pytest.raises(fwpay.ConnectionError):
                client.request("GET", "/ping")
        with pytest.raises(fwpay.InvalidArgumentError, match="client_key needs client_cert"):
            fwpay.Client(api_key="key", base_url=url, client_key=client_key)
        with pytest.raises(fwpay.InvalidArgumentError, match="client_cert names .*missing.pem"):
            fwpay.Client(api_key="key", base_url=url, client_cert=tmp_path / "missing.pem")
    finally:
        server.shutdown()
