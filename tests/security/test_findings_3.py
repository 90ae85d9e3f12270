"""Findings of the third security review (../shared/docs/security-findings-3.md) that the
client answered wrongly on main at eb9795d, reproduced as the review did. (N1 and N2 are
tested in the bindings' own suites and tests/servers/test_java.py.)"""
from __future__ import annotations

import http.server
import os
import pathlib
import socket
import subprocess
import threading
import time
from typing import Any

import pytest

import fwpay


class ChargeCounter(http.server.BaseHTTPRequestHandler):
    """Echoes a request's Idempotency-Key on a 404 of /unrelated/echo; stalls past the
    client's timeout on /payments/charge, counting each POST it receives there."""
    charges = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path.endswith("/payments/charge"):
            type(self).charges += 1
            time.sleep(2.5)
            body, status = b'{"payment_reference": "FWU000000001"}', 200
        else:
            body, status = b'{"type": "not_found"}', 404
        try:
            self.send_response(status)
            if self.headers.get("Idempotency-Key"):
                self.send_header("Idempotency-Key", self.headers["Idempotency-Key"])
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up waiting

    def log_message(self, *args: Any) -> None:
        pass


def test_n4_an_echoed_key_never_makes_a_post_repeatable() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ChargeCounter)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/payments/v1"
    try:
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=2) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            assert ChargeCounter.charges == 1
            with pytest.raises(fwpay.NotFoundError):
                client.request("POST", "/unrelated/echo", {})  # its 404 echoes the key
            with pytest.raises(fwpay.OutcomeUnknownError) as raised:
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2, "a timed-out charge was sent again after a server echoed a key"
            assert raised.value.idempotency_key
        # Told that the server deduplicates, the client retries under the same key.
        ChargeCounter.charges = 0
        with fwpay.Client(api_key="k", base_url=base, timeout=1.0, max_retries=1, server_deduplicates=True) as client:
            with pytest.raises(fwpay.OutcomeUnknownError):
                client.request("POST", "/payments/charge", {})
            time.sleep(0.2)
            assert ChargeCounter.charges == 2
    finally:
        server.shutdown()


ROOT = pathlib.Path(__file__).resolve().parents[2]
FWPAY = str(ROOT / "build" / "bin" / "fwpay")


@pytest.mark.parametrize("base_url", ["https://api-platform.FLYWIRE.com/payments/v1",
                                      "https://API-PLATFORM-SANDBOX.FlyWire.com./payments/v1",
                                      "https://user@api-platform.flywire.com:443/payments/v1", "https://FLYWIRE.COM"])
def test_n6_sandbox_commands_refuse_flywire_however_spelled(base_url: str) -> None:
    # A proxy that would see any request leave: nothing may reach it.
    with socket.socket() as proxy:
        proxy.bind(("127.0.0.1", 0))
        proxy.listen(8)
        proxy.settimeout(0.5)
        env = {"PATH": os.environ.get("PATH", ""), "FWPAY_BASE_URL": base_url, "FWPAY_API_KEY": "k",
               "HTTPS_PROXY": f"http://127.0.0.1:{proxy.getsockname()[1]}", "NO_PROXY": ""}
        for command in (["sandbox", "reset"], ["trigger", "payment.delivered"]):
            done = subprocess.run([FWPAY, *command], env=env, capture_output=True, text=True, timeout=30)
            assert done.returncode == 64, (command, done.returncode, done.stderr)
        with pytest.raises(socket.timeout):
            proxy.accept()


def test_n7_bash_completion_never_runs_a_profile_name(tmp_path: pathlib.Path) -> None:
    marker = tmp_path / "PWNED"
    config = tmp_path / "config"
    config.write_text(f"[default]\napi_key = x\n[$(touch {marker})]\n[`touch {marker}`]\n[prod]\napi_key = y\n")
    config.chmod(0o600)
    script = tmp_path / "completion.bash"
    script.write_text(subprocess.run([FWPAY, "completion", "bash"], capture_output=True, text=True, check=True).stdout)
    complete = (f'source {script}; COMP_WORDS=(fwpay --profile "$CUR"); COMP_CWORD=2; _fwpay; '
                'printf "%s\\n" "${COMPREPLY[@]}"')

    def offered(cur: str, mode: int = 0o600) -> list[str]:
        config.chmod(mode)
        done = subprocess.run(["bash", "-c", complete], env={"PATH": os.environ.get("PATH", ""), "FWPAY_CONFIG": str(config),
                                                          "CUR": cur}, capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stderr
        return [line for line in done.stdout.splitlines() if line]

    assert offered("") == ["default", f"$(touch {marker})", f"`touch {marker}`", "prod"]
    assert offered("pr") == ["prod"]
    assert not marker.exists(), "completing --profile ran a profile name as shell code"
    # A file others may write is one fwpay refuses: its names are not offered either.
    assert offered("", 0o664) == []
