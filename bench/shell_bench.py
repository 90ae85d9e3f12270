"""A whole `fwpay payments get REF` process against a whole `curl` process doing the same
request, alternating, and the start-up of `fwpay --version` against `curl --version`.
Prints JSON with every wall-clock time in microseconds.

    python3 bench/shell_bench.py FWPAY_PROGRAM BASE_URL API_KEY PAYMENT_REF RUNS"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1e6


def main() -> None:
    program, base_url, api_key, reference, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
    env = {**os.environ, "FWPAY_BASE_URL": base_url, "FWPAY_API_KEY": api_key}
    commands = {
        "fwpay": [program, "payments", "get", reference],
        "curl": ["curl", "-sf", "-H", f"X-Authentication-Key: {api_key}", "-H", "Accept: application/json",
                 f"{base_url}/payments/{reference}"],
        "fwpay --version": [program, "--version"],
        "curl --version": ["curl", "--version"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for name, command in commands.items():
        timed(command, env)  # page cache warm-up
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(timed(command, env))
    curl_version = subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    json.dump({"times": times, "curl": curl_version}, sys.stdout)


if __name__ == "__main__":
    main()
