"""fwpay under Debian's php-fpm with its default pool (clear_env = yes, ffi.enable=preload),
set up as docs/bindings.md ("php-fpm") says, driven through FastCGI by cgi-fcgi: once as
Debian's service runs it (master as root, workers as www-data), once with the master under a
uid /etc/passwd does not list, as containers run it."""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from common import APPS, ROOT, stop

FPM = shutil.which("php-fpm8.2") or "/usr/sbin/php-fpm8.2"
DEBIAN_CONF = pathlib.Path("/etc/php/8.2/fpm")
PHP_PACKAGE = ROOT / "bindings" / "php"
UNLISTED_UID = 48213


def fpm_setup(directory: pathlib.Path, as_root: bool, package: pathlib.Path = PHP_PACKAGE,
              scope: pathlib.Path | None = None) -> tuple[pathlib.Path, pathlib.Path, pathlib.Path]:
    """Debian's php-fpm.conf and www.conf, changed only where the test must (its own socket,
    pid and log files; no user lines for a master that is not root), and Debian's php.ini
    with the documented lines for `package` (its own scope file unless `scope` is given).
    Returns the fpm config, the php.ini and the socket."""
    socket = directory / "fpm.sock"
    pool = (DEBIAN_CONF / "pool.d" / "www.conf").read_text()
    pool = re.sub(r"^listen = .*$", f"listen = {socket}", pool, flags=re.M)
    if not as_root:  # a master that is not root cannot change user: FPM takes no user lines then
        pool = re.sub(r"^(user|group|listen\.owner|listen\.group) = .*$", "", pool, flags=re.M)
    (directory / "www.conf").write_text(pool)
    main = (DEBIAN_CONF / "php-fpm.conf").read_text()
    main = re.sub(r"^pid = .*$", f"pid = {directory / 'fpm.pid'}", main, flags=re.M)
    main = re.sub(r"^error_log = .*$", f"error_log = {directory / 'fpm.log'}", main, flags=re.M)
    main = re.sub(r"^include=.*$", f"include={directory / 'www.conf'}", main, flags=re.M)
    (directory / "php-fpm.conf").write_text(main)
    # The php.ini lines of docs/bindings.md, "php-fpm".
    ini = (DEBIAN_CONF / "php.ini").read_text() + (
        f"\nffi.preload = {scope or package / 'lib' / 'fwpay_scope.h'}\n"
        f"opcache.preload = {package / 'preload.php'}\n"
        "opcache.preload_user = www-data\n")
    (directory / "php.ini").write_text(ini)
    return directory / "php-fpm.conf", directory / "php.ini", socket


def fastcgi(socket: pathlib.Path, sandbox: Any, reference: str) -> dict[str, Any]:
    """One GET through FastCGI, the sandbox's address and key as FastCGI parameters."""
    params = {"SCRIPT_FILENAME": str(APPS / "php" / "index.php"), "REQUEST_METHOD": "GET",
              "QUERY_STRING": f"ref={reference}", "FWPAY_BASE_URL": sandbox.base_url,
              "FWPAY_API_KEY": sandbox.api_key, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(["cgi-fcgi", "-bind", "-connect", str(socket)], env=params, capture_output=True,
                          timeout=120)
    head, _, body = done.stdout.partition(b"\r\n\r\n")
    try:
        return {"reference": reference, **json.loads(body)}
    except ValueError:
        return {"reference": reference, "failed": (done.stdout + done.stderr)[:400].decode(errors="replace")}


def run_fpm(sandbox: Any, as_root: bool) -> list[dict[str, Any]]:
    # Outside pytest's private folders, which the workers' and the unlisted master's uids cannot
    # enter: their configuration, socket, pid and log.
    directory = pathlib.Path(tempfile.mkdtemp(prefix="fwpay-fpm-"))
    os.chmod(directory, 0o777)
    try:
        return serve_orders(directory, sandbox, as_root)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def serve_orders(directory: pathlib.Path, sandbox: Any, as_root: bool, package: pathlib.Path = PHP_PACKAGE,
                 scope: pathlib.Path | None = None,
                 library_path: pathlib.Path | None = ROOT / "build" / "lib") -> list[dict[str, Any]]:
    config, ini, socket = fpm_setup(directory, as_root, package, scope)
    command = [FPM, "--nodaemonize", "--fpm-config", str(config), "-c", str(ini)]
    if not as_root:
        command = ["setpriv", f"--reuid={UNLISTED_UID}", f"--regid={UNLISTED_UID}", "--clear-groups", *command]
    # The master finds libfwpay by its SONAME (ffi.preload's FFI_LIB) where the build put it,
    # unless the scope names a library by its path.
    env = {"PATH": "/usr/sbin:/usr/bin:/bin", **({"LD_LIBRARY_PATH": str(library_path)} if library_path else {})}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while not socket.exists():
            log = (directory / "fpm.log").read_text() if (directory / "fpm.log").exists() else ""
            assert server.poll() is None and time.monotonic() < deadline, f"php-fpm did not start: {log}"
            time.sleep(0.1)
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda n: fastcgi(socket, sandbox, f"fpm-{n}"), range(60)))
        log = (directory / "fpm.log").read_text()
        assert "SIGSEGV" not in log and "exited on signal" not in log, log
        return results
    finally:
        stop(server)


def assert_orders(results: list[dict[str, Any]], user: int) -> None:
    failed = [r for r in results if "failed" in r]
    assert not failed, f"{len(failed)} of {len(results)} requests failed, e.g. {failed[:2]}"
    assert all(r["external_reference"] == r["reference"] for r in results)
    assert len({r["id"] for r in results}) == len(results)
    assert {r["user"] for r in results} == {user}
    assert {r["ffi"] for r in results} == {"preload"}, "the pool did not run with FFI's default restriction"


def test_php_fpm_as_debian_runs_it(sandbox: Any) -> None:
    results = run_fpm(sandbox, as_root=True)
    www_data = int(subprocess.run(["id", "-u", "www-data"], capture_output=True, text=True, check=True).stdout)
    assert_orders(results, www_data)


def test_php_fpm_under_a_uid_passwd_does_not_list(sandbox: Any) -> None:
    listed = subprocess.run(["getent", "passwd", str(UNLISTED_UID)], capture_output=True)
    assert listed.returncode != 0, f"uid {UNLISTED_UID} is listed: pick another"
    results = run_fpm(sandbox, as_root=False)
    assert_orders(results, UNLISTED_UID)
