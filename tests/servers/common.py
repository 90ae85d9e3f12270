"""Steps shared by the server tests: free ports, servers waited for, and requests that each
ask for their own order, checked against what they asked."""
from __future__ import annotations

import json
import os
import pathlib
import socket
import subprocess
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = pathlib.Path(__file__).resolve().parent / "apps"
VERSION = (ROOT / "VERSION").read_text().strip()
LIBRARY = ROOT / "build" / "lib" / f"libfwpay.so.{VERSION}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def app_environment(sandbox: Any, **more: str) -> dict[str, str]:
    """The environment of a server whose app loads fwpay from the build."""
    return {**os.environ, "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_API_KEY": sandbox.api_key,
            "FWPAY_LIBRARY": os.environ.get("FWPAY_LIBRARY", str(LIBRARY)),
            "PYTHONPATH": os.pathsep.join([str(ROOT / "bindings" / "python"), str(APPS)]), **more}


def wait_until_serving(url: str, process: subprocess.Popen[Any], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before it served")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing served {url} within {timeout} s")


def stop(process: subprocess.Popen[Any], signal_number: int | None = None) -> None:
    if process.poll() is None:
        if signal_number is None:
            process.terminate()
        else:
            process.send_signal(signal_number)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def fetch_order(url: str, reference: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"{url}?ref={reference}", timeout=60) as response:
            return {"reference": reference, **json.loads(response.read())}
    except urllib.error.HTTPError as error:
        return {"reference": reference, "failed": f"{error.code}: {error.read()[:300]!r}"}
    except OSError as error:
        return {"reference": reference, "failed": repr(error)}


def order_requests(url: str, count: int, prefix: str, threads: int = 8) -> list[dict[str, Any]]:
    """count requests for /order?ref=PREFIX-N, threads at a time."""
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda n: fetch_order(url, f"{prefix}-{n}"), range(count)))


def serve_orders(command: list[str], env: dict[str, str], port: int, log: pathlib.Path, count: int, workers: int,
                 stop_signal: int | None = None, cwd: pathlib.Path | None = None) -> None:
    """Starts a server whose app answers /order on `port`, sends it `count` order requests and
    checks every answer; stops the server (with `stop_signal`, else SIGTERM) whatever happened."""
    server = subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    try:
        url = f"http://127.0.0.1:{port}/order"
        wait_until_serving(url + "?ref=warm-up", server)
        results = order_requests(url, count, log.stem)
        assert_each_answer_is_its_own_order(results, count, workers=workers)
    finally:
        stop(server, stop_signal)


def assert_each_answer_is_its_own_order(results: list[dict[str, Any]], count: int, workers: int = 2) -> None:
    """Every request answered with the order it asked for; orders all distinct; served by
    more than one worker (else the test proved nothing about forking)."""
    failed = [r for r in results if "failed" in r]
    assert not failed, f"{len(failed)} of {count} requests failed, e.g. {failed[:3]}"
    wrong = [r for r in results if r.get("external_reference") != r["reference"]]
    assert not wrong, f"{len(wrong)} of {count} answers were another request's order, e.g. {wrong[:3]}"
    assert len({r["id"] for r in results}) == count, "two requests were answered with the same order"
    assert len({r["pid"] for r in results}) >= workers, "one worker served every request"
