"""The order_flow examples in C, Python and the shell each pay an order on a fresh sandbox."""
from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
from typing import Any

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]

EXAMPLES = {
    "c": [str(ROOT / "build" / "examples" / "order_flow")],
    "python": [sys.executable, str(ROOT / "examples" / "python" / "order_flow.py")],
    "shell": ["sh", str(ROOT / "examples" / "shell" / "order_flow.sh")],
}


@pytest.mark.parametrize("language", sorted(EXAMPLES))
def test_example_pays_an_order(sandbox: Any, language: str) -> None:
    env = dict(os.environ, FWPAY_BASE_URL=sandbox.base_url, FWPAY_API_KEY=sandbox.api_key,
               PYTHONPATH=str(ROOT / "bindings" / "python"), FWPAY=str(ROOT / "build" / "bin" / "fwpay"))
    result = subprocess.run(EXAMPLES[language], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    match = re.search(r"payment reference: (FWU\d{9})", result.stdout)
    assert match, result.stdout
    # The payment the example reports exists on the server, linked to an order.
    check = subprocess.run([str(ROOT / "build" / "bin" / "fwpay"), "request", "GET", f"/payments/{match.group(1)}"],
                           capture_output=True, text=True, env=env, timeout=60)
    assert check.returncode == 0, check.stderr
    assert '"order_id"' in check.stdout and match.group(1) in check.stdout
