"""fwpay inside the servers Ruby applications run in: Process.fork with threads in the parent
and the children, and unicorn with preload_app true. Every answer is checked against what its
request asked."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import signal
import subprocess
from typing import Any

from common import APPS, ROOT, app_environment, free_port, serve_orders


def ruby_environment(sandbox: Any, **more: str) -> dict[str, str]:
    return app_environment(sandbox, RUBYLIB=os.pathsep.join([str(ROOT / "bindings" / "ruby" / "lib"), str(APPS)]), **more)


def test_ruby_fork_with_threads_in_parent_and_children(sandbox: Any) -> None:
    children, threads, orders = 4, 3, 5
    done = subprocess.run(["ruby", str(APPS / "fork_children.rb"), str(children), str(threads), str(orders)],
                          env=ruby_environment(sandbox), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    expected = (children + 1) * threads * orders
    assert result["failed"] == [], result["failed"][:3]
    assert result["wrong"] == [], f"{len(result['wrong'])} answers were another process's order: {result['wrong'][:3]}"
    assert result["answers"] == result["distinct_ids"] == expected


def test_unicorn_with_preload_app(sandbox: Any, tmp_path: pathlib.Path) -> None:
    unicorn = shutil.which("unicorn")
    assert unicorn, "unicorn is not installed (scripts/install-deps.sh --servers installs it)"
    port = free_port()
    serve_orders([unicorn, "-c", str(APPS / "unicorn.conf.rb"), str(APPS / "config.ru")],
                 ruby_environment(sandbox, UNICORN_PORT=str(port)), port, tmp_path / "unicorn.log", 400, workers=2,
                 stop_signal=signal.SIGQUIT, cwd=tmp_path)
