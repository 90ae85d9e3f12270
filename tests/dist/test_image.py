"""The sandbox's OCI image (make image): built by buildah without a Docker engine, run here by
podman (daemonless) from the OCI archive in dist/, published on loopback only. It serves a
whole flow, keeps its database in its volume across containers, answers a compose service's
name only when FWPAY_SANDBOX_ALLOWED_HOSTS lists it, and runs the Testcontainers example
(examples/python/test_with_testcontainers.py) through podman's Docker-compatible API.

This machine's cgroups are v1 and v2 at once ("hybrid"), which crun refuses; runc runs the
containers, and the containers' ulimits stay within this machine's hard limits (no
CAP_SYS_RESOURCE here): tests/dist's containers.conf says both."""
from __future__ import annotations

import json
import os
import pathlib
import re
import resource
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()
ARCHIVE = ROOT / "dist" / f"fwpay-sandbox-{VERSION}.oci.tar"
IMAGE = f"localhost/fwpay-sandbox:{VERSION}"


@pytest.fixture(scope="module")
def podman(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment podman runs in here, with the image loaded from dist/'s archive."""
    where = tmp_path_factory.mktemp("podman")
    _, hard_files = resource.getrlimit(resource.RLIMIT_NOFILE)
    _, hard_processes = resource.getrlimit(resource.RLIMIT_NPROC)
    conf = where / "containers.conf"
    conf.write_text(f'[containers]\ndefault_ulimits = ["nofile={min(hard_files, 65536)}:{min(hard_files, 65536)}", '
                    f'"nproc={min(hard_processes, 4096)}:{min(hard_processes, 4096)}"]\n[engine]\nruntime = "runc"\n')
    env = {**os.environ, "CONTAINERS_CONF": str(conf)}
    subprocess.run(["podman", "rmi", "--force", IMAGE], env=env, capture_output=True, timeout=120)
    loaded = subprocess.run(["podman", "load", "--quiet", "--input", str(ARCHIVE)], env=env, capture_output=True,
                            text=True, timeout=300)
    assert loaded.returncode == 0 and IMAGE in loaded.stdout, loaded.stdout + loaded.stderr
    yield env


def podman_run(env: dict[str, str], *arguments: str) -> str:
    run = subprocess.run(["podman", "run", "--detach", "--publish", "127.0.0.1::8080", *arguments, IMAGE], env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return run.stdout.strip()


def url_of(env: dict[str, str], container: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        logs = subprocess.run(["podman", "logs", container], env=env, capture_output=True, text=True).stdout
        if "listening on" in logs:
            port = subprocess.run(["podman", "port", container, "8080"], env=env, capture_output=True, text=True,
                                  check=True).stdout.strip().rsplit(":", 1)[1]
            return f"http://127.0.0.1:{port}"
        time.sleep(0.2)
    raise AssertionError(f"the container did not start: {logs}")


def remove(env: dict[str, str], container: str) -> None:
    subprocess.run(["podman", "rm", "--force", "--time", "5", container], env=env, capture_output=True, timeout=120)


def test_the_image_is_small_and_runs_as_nobody(podman: dict[str, str]) -> None:
    seen = json.loads(subprocess.run(["podman", "image", "inspect", IMAGE], env=podman, capture_output=True, text=True,
                                     check=True).stdout)[0]
    config = seen["Config"]
    assert config["User"] == "65534:65534" and "8080/tcp" in config["ExposedPorts"] and "/data" in config["Volumes"], config
    assert seen["Labels"]["org.opencontainers.image.version"] == VERSION
    assert seen["Size"] < 120_000_000, seen["Size"]
    print(f"{IMAGE}: {seen['Size'] / 1e6:.0f} MB unpacked, {ARCHIVE.stat().st_size / 1e6:.0f} MB as an OCI archive")


def test_the_container_pays_an_order_and_keeps_its_database(podman: dict[str, str]) -> None:
    volume = f"fwpay-test-{os.getpid()}"
    container = podman_run(podman, "--volume", f"{volume}:/data")
    try:
        url = url_of(podman, container)
        env = {"PATH": os.environ["PATH"], "FWPAY_BASE_URL": url + "/payments/v1", "FWPAY_API_KEY": "sandbox-demo-key",
               "PYTHONPATH": str(ROOT / "bindings" / "python")}
        flow = subprocess.run([sys.executable, str(ROOT / "examples" / "python" / "order_flow.py")], env=env,
                              capture_output=True, text=True, timeout=120)
        assert flow.returncode == 0, flow.stderr
        reference = re.search(r"payment reference: (FWU\d{9})", flow.stdout)
        assert reference, flow.stdout
    finally:
        remove(podman, container)
    again = podman_run(podman, "--volume", f"{volume}:/data")
    try:
        url = url_of(podman, again)
        request = urllib.request.Request(f"{url}/payments/v1/payments/{reference.group(1)}",
                                         headers={"X-Authentication-Key": "sandbox-demo-key"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.load(answer)["payment_id"] == reference.group(1)
    finally:
        remove(podman, again)
        subprocess.run(["podman", "volume", "rm", "--force", volume], env=podman, capture_output=True, timeout=60)


def test_a_service_name_is_answered_only_when_allowed(podman: dict[str, str]) -> None:
    container = podman_run(podman, "--env", "FWPAY_SANDBOX_ALLOWED_HOSTS=fwpay-sandbox")
    try:
        url = url_of(podman, container)
        for host, expected in (("fwpay-sandbox:8080", 200), ("elsewhere:8080", 421)):
            request = urllib.request.Request(f"{url}/payments/v1/recipients/FWU",
                                             headers={"X-Authentication-Key": "sandbox-demo-key", "Host": host})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    status = answer.status
            except urllib.error.HTTPError as error:
                status = error.code
            assert status == expected, (host, status)
    finally:
        remove(podman, container)


def test_the_testcontainers_example(podman: dict[str, str], tmp_path: pathlib.Path) -> None:
    socket = tmp_path / "podman.sock"
    service = subprocess.Popen(["podman", "system", "service", "--time=0", f"unix://{socket}"], env=podman,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not socket.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        # Ryuk, Testcontainers' reaper, is an image from Docker Hub, which is out of reach here;
        # the example's containers are removed by its own with-block. This machine is itself a
        # container (/.dockerenv), so Testcontainers would look for the containers it starts
        # behind a gateway: they are published on this machine's loopback (docker_host mode).
        env = {**podman, "DOCKER_HOST": f"unix://{socket}", "TESTCONTAINERS_RYUK_DISABLED": "true",
               "TESTCONTAINERS_CONNECTION_MODE": "docker_host",
               "PYTHONPATH": str(ROOT / "bindings" / "python")}
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-c", os.devnull,
                              str(ROOT / "examples" / "python" / "test_with_testcontainers.py")], env=env,
                             capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert run.returncode == 0 and "1 passed" in run.stdout, run.stdout + run.stderr
    finally:
        service.terminate()
        service.wait(timeout=30)
