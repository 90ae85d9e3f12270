"""Clean Debian roots for tests/dist/test_clean_roots.py: one bookworm minbase root made by
debootstrap (kept as build/cleanroot/base.tar for a day, so that a second run does not fetch it
again), copied once per package, with only that package's language runtime and package
manager then installed from Debian. Commands run in a root through chroot, in a private mount
namespace with its own /proc; the network is the host's, so a root reaches a sandbox on
loopback."""
from __future__ import annotations

import pathlib
import shutil
import subprocess
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "cleanroot"
BASE = CACHE / "base.tar"
MIRROR = "http://deb.debian.org/debian"
SUITE = "bookworm"
DAY = 24 * 3600
_base_lock = threading.Lock()


def _run(command: list[str], timeout: int, what: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def base_tar() -> pathlib.Path:
    """The minbase root with fresh package lists, as a tar (made at most once a day)."""
    with _base_lock:
        if BASE.exists() and time.time() - BASE.stat().st_mtime < DAY:
            return BASE
        CACHE.mkdir(parents=True, exist_ok=True)
        work = CACHE / "base"
        shutil.rmtree(work, ignore_errors=True)
        _run(["debootstrap", "--variant=minbase", SUITE, str(work), MIRROR], 900, "debootstrap")
        shutil.copy("/etc/resolv.conf", work / "etc" / "resolv.conf")
        # Packages installed in a chroot start no services.
        policy = work / "usr" / "sbin" / "policy-rc.d"
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
        run_in(work, "apt-get update -qq", timeout=600)
        _run(["tar", "-C", str(work), "-cf", str(BASE) + ".new", "."], 600, "tar")
        pathlib.Path(str(BASE) + ".new").replace(BASE)
        shutil.rmtree(work, ignore_errors=True)
        return BASE


def make_root(where: pathlib.Path, packages: list[str]) -> pathlib.Path:
    """A copy of the base root at where, with packages (and what they depend on) installed."""
    where.mkdir(parents=True)
    _run(["tar", "-C", str(where), "-xf", str(base_tar())], 600, "untar")
    shutil.copy("/etc/resolv.conf", where / "etc" / "resolv.conf")
    if packages:
        run_in(where, "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "
               + " ".join(packages), timeout=900)
    return where


def in_root(root: pathlib.Path, command: list[str], env: dict[str, str] | None = None) -> list[str]:
    """command as run inside root, with only PATH, HOME and env in its environment; the process
    is killed with the unshare that runs it."""
    assignments = [f"{name}={value}" for name, value in (env or {}).items()]
    return ["unshare", "--mount", "--propagation", "private", "--fork", "--kill-child", "sh", "-c",
            'mount -t proc proc "$0/proc" && exec chroot "$0" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"',
            str(root), *assignments, *command]


def run_in(root: pathlib.Path, script: str, env: dict[str, str] | None = None, timeout: int = 300,
           check: bool = True) -> subprocess.CompletedProcess[str]:
    """sh -c script inside root, as root, with only PATH, HOME and env in its environment."""
    result = subprocess.run(in_root(root, ["sh", "-c", script], env), capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"in {root.name}: {script}\nfailed ({result.returncode}):\n{result.stdout[-4000:]}\n"
                           f"{result.stderr[-4000:]}")
    return result
