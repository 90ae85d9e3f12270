"""pytest fixtures shared by every Python-driven suite: a private fwpay-sandbox per test,
on port 0 with a fresh database."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys
from dataclasses import dataclass
from typing import Callable, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "bindings" / "python"))

from fwpay import testing  # noqa: E402

DEMO_KEY = "sandbox-demo-key"
SECOND_KEY = "second-client-key"


@dataclass
class Sandbox:
    base_url: str
    api_key: str
    second_api_key: str
    database: pathlib.Path
    process: subprocess.Popen[str]


def start_sandbox(directory: pathlib.Path, flags: tuple[str, ...] = ()) -> Sandbox:
    """The build's sandbox (or $FWPAY_SANDBOX), started as fwpay.testing starts one, with a
    second client beside the demo one."""
    program = os.environ.get("FWPAY_SANDBOX", str(ROOT / "build" / "bin" / "fwpay-sandbox"))
    running = testing.start_sandbox(directory, "--client", f"{SECOND_KEY}:second-secret", *flags, program=program)
    return Sandbox(running.base_url, DEMO_KEY, SECOND_KEY, running.database, running.process)


def stop_sandbox(sandbox: Sandbox) -> None:
    sandbox.process.terminate()
    try:
        sandbox.process.wait(10)
    except subprocess.TimeoutExpired:
        sandbox.process.kill()
        sandbox.process.wait()


@pytest.fixture
def sandbox(tmp_path: pathlib.Path) -> Iterator[Sandbox]:
    running = start_sandbox(tmp_path)
    try:
        yield running
    finally:
        stop_sandbox(running)


@pytest.fixture
def sandbox_factory(tmp_path: pathlib.Path) -> Iterator[Callable[..., Sandbox]]:
    """Starts sandboxes with extra flags (each in its own directory); all stopped at the end."""
    started: list[Sandbox] = []

    def start(*flags: str) -> Sandbox:
        directory = tmp_path / f"sandbox-{len(started)}"
        directory.mkdir()
        started.append(start_sandbox(directory, flags))
        return started[-1]

    yield start
    for running in started:
        stop_sandbox(running)
