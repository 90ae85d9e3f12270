"""libfwpay loads and works in any environment a host gives it: environ NULL (clearenv(), or
php-fpm's clear_env under a uid /etc/passwd does not list), empty, huge, or with values that
are not UTF-8."""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
from typing import Any

import pytest

from common import LIBRARY, ROOT

HERE = pathlib.Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def program(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    built = tmp_path_factory.mktemp("environment") / "environment"
    subprocess.run(["gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", str(HERE / "environment.c"), "-o", str(built),
                    "-ldl"], check=True)
    return built


def run(program: pathlib.Path, mode: str, sandbox: Any, env: dict[bytes, bytes]) -> subprocess.CompletedProcess[bytes]:
    library = os.environ.get("FWPAY_LIBRARY", str(LIBRARY))
    return subprocess.run([str(program), mode, library, sandbox.base_url], env=env, capture_output=True, timeout=60)


def assert_called(done: subprocess.CompletedProcess[bytes]) -> None:
    assert done.returncode == 0, f"exit {done.returncode}: {done.stderr.decode(errors='replace')}"
    assert json.loads(done.stdout)["id"] == "FWU"


@pytest.mark.parametrize("mode", ["clearenv", "null"])
def test_a_host_whose_environ_is_null(program: pathlib.Path, sandbox: Any, mode: str) -> None:
    assert_called(run(program, mode, sandbox, {b"HOME": b"/root", b"USER": b"root"}))


def test_an_empty_environment(program: pathlib.Path, sandbox: Any) -> None:
    assert_called(run(program, "asis", sandbox, {}))


def test_a_huge_environment(program: pathlib.Path, sandbox: Any) -> None:
    # 1,500 variables, 1.5 MiB in all (Linux takes up to a quarter of the 8 MiB stack limit).
    env = {f"VARIABLE_{n}".encode(): b"x" * 1024 for n in range(1500)}
    assert_called(run(program, "asis", sandbox, env))


def test_values_and_names_that_are_not_utf8(program: pathlib.Path, sandbox: Any) -> None:
    env = {b"LATIN1": b"caf\xe9", b"NAME_\xff": b"\xc3\x28", b"FWPAY_LOG": b"\xfe\xfe", b"EMPTY": b"",
           b"NOEQUALS": b"=\x80=", b"SWIFT_DEBUG_\xe9": b"\xff"}
    assert_called(run(program, "asis", sandbox, env))
