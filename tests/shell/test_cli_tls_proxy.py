"""TLS and proxies from the shell: an https server whose certificate no bundle trusts
(self-signed, for localhost) fails at once with exit status 15 and the fix named; --ca-bundle,
a profile's ca_bundle, FWPAY_CA_BUNDLE and SSL_CERT_FILE each make it trusted; --proxy sends
the call through a forward proxy on loopback."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import time
from typing import Any

from test_cli import FWPAY


def fwpay(url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    # Only what is given: no SSL_CERT_FILE or FWPAY_CA_BUNDLE of the shell around the test.
    return subprocess.run([FWPAY, "--base-url", url, *args, "recipients", "get", "FWU"], capture_output=True, text=True,
                          timeout=60, env={"PATH": os.environ.get("PATH", ""), "FWPAY_API_KEY": "key", **(env or {})})


def test_an_untrusted_certificate_exits_15_at_once_naming_the_fix(self_signed_https: tuple[str, pathlib.Path]) -> None:
    url, _ = self_signed_https
    started = time.monotonic()
    result = fwpay(url, env={"FWPAY_LOG": "info"})
    assert result.returncode == 15, result.stderr
    assert "TLS with localhost" in result.stderr and "ca_bundle" in result.stderr and "FWPAY_CA_BUNDLE" in result.stderr
    assert "retry" not in result.stderr and result.stderr.count("GET /recipients/FWU failed") == 1, result.stderr
    assert time.monotonic() - started < 5


def test_each_way_of_naming_the_ca_is_trusted(self_signed_https: tuple[str, pathlib.Path], tmp_path: pathlib.Path) -> None:
    url, certificate = self_signed_https
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
