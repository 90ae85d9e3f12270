"""make bench, section 10: 100, 1,000 and 10,000 GETs in flight at once, each held 200 ms by a
stand-in server on loopback, through fwpay and through each language's own HTTP clients, side
by side in one run (each fan-out a process of its own). Prints a JSON list of the results.

    python3 bench/fanout/run.py FANOUTS ROUNDS
"""
from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VERSION = (ROOT / "VERSION").read_text().strip()
HOLD_MS = 200


def main() -> None:
    fanouts = [int(n) for n in sys.argv[1].split(",")]
    rounds = int(sys.argv[2])
    server = subprocess.Popen([sys.executable, str(HERE / "server.py"), str(HOLD_MS)], stdout=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline() if server.stdout else ""
        base = f"http://127.0.0.1:{line.split()[-1]}/payments/v1"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "bindings" / "python"),
               "FWPAY_LIBRARY": str(ROOT / "build" / "lib" / f"libfwpay.so.{VERSION}")}
        jars = os.pathsep.join([str(ROOT / "build" / "java" / f"fwpay-{VERSION}.jar"), "/usr/share/java/jna.jar",
                                "/usr/share/java/gson.jar"])
        clients = [("python", name, [sys.executable, str(HERE / "python_clients.py"), name, base])
                   for name in ("fwpay", "aiohttp", "httpx")]
        clients += [("node", name, ["node", str(HERE / "node_clients.js"), name, base, "{n}", str(ROOT / "bindings" / "node")])
                    for name in ("fwpay", "fetch")]
        clients += [("java", name, ["java", "-cp", jars, str(HERE / "JavaClients.java"), name, base])
                    for name in ("fwpay", "httpclient")]
        results = []
        for n in fanouts:
            for attempt in range(rounds):
                for language, name, command in clients:
                    if name == "httpx" and n > 1000:
                        continue  # about 19 s at 1,000 already (bench/NOTES.md): 10,000 would take many minutes
                    argv = [part.replace("{n}", str(n)) for part in command]
                    if "{n}" not in " ".join(command):
                        argv.append(str(n))
                    started = time.monotonic()
                    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
                    if done.returncode != 0:
                        print(f"fanout: {language} {name} {n} failed: {done.stderr[-2000:]}", file=sys.stderr)
                        continue
                    result = json.loads(done.stdout.strip().splitlines()[-1])
                    results.append({"language": language, "round": attempt, "process_s": time.monotonic() - started, **result})
                    print(f"fanout: {language} {name} {n}: {result['wall_s']:.2f} s", file=sys.stderr)
        print(json.dumps(results))
    finally:
        server.kill()


main()
