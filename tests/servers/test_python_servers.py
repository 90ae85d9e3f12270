"""fwpay inside the servers Python applications run in: a client made before fork() is used
by the children and by the parent, and every answer is the caller's own (issue: "Safe inside
the servers users run"). Each test runs the real server, on loopback, against its own sandbox."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
from typing import Any

import pytest

from common import APPS, app_environment, free_port, serve_orders


def run_fork_script(sandbox: Any, mode: str, children: int, orders: int) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(APPS / "fork_children.py"), mode, str(children), str(orders)],
                          env=app_environment(sandbox), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("mode", ["os_fork", "multiprocessing", "async"])
def test_children_of_fork_and_their_parent_each_get_their_own_answers(sandbox: Any, mode: str) -> None:
    children, orders = 4, 10
    result = run_fork_script(sandbox, mode, children, orders)
    expected = (children + 1) * orders
    assert result["failed"] == [], result["failed"][:3]
    assert result["wrong"] == [], f"{len(result['wrong'])} answers were another process's order: {result['wrong'][:3]}"
    assert result["answers"] == result["distinct_ids"] == expected


def test_gunicorn_preload_with_four_workers(sandbox: Any, tmp_path: pathlib.Path) -> None:
    port = free_port()
    serve_orders([sys.executable, "-m", "gunicorn", "--preload", "-w", "4", "-b", f"127.0.0.1:{port}", "--chdir", str(APPS),
                  "--timeout", "120", "wsgi_app:app"], app_environment(sandbox), port, tmp_path / "gunicorn.log", 1000, workers=4)


def test_uwsgi_with_the_app_loaded_in_the_master(sandbox: Any, tmp_path: pathlib.Path) -> None:
    uwsgi = shutil.which("uwsgi")
    assert uwsgi, "uWSGI is not installed (scripts/install-deps.sh --servers installs it)"
    port = free_port()
    # As uWSGI runs by default: the app is imported once, in the master, then the workers fork.
    serve_orders([uwsgi, "--plugin", "python3", "--http-socket", f"127.0.0.1:{port}", "--master", "--processes", "4",
                  "--chdir", str(APPS), "--wsgi-file", str(APPS / "wsgi_app.py"), "--need-app", "--die-on-term",
                  "--disable-logging"], app_environment(sandbox), port, tmp_path / "uwsgi.log", 400, workers=2)
