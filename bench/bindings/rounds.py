"""Runs a binding's benchmark and raw libcurl's (client_bench raw_get) in alternating rounds,
so that both are measured over the same stretch of time (rates on this machine drift), and
prints one JSON object: the binding's latencies and libcurl's, in microseconds.

    python3 rounds.py ROUNDS ITERATIONS 'RAW COMMAND {n}' 'BINDING COMMAND {n}'"""
import json
import shlex
import subprocess
import sys


def run(template: str, count: int) -> dict:
    output = subprocess.run(shlex.split(template.replace("{n}", str(count))), capture_output=True, text=True, check=True)
    return json.loads(output.stdout)


def main() -> None:
    rounds, iterations, raw, binding = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
    result = {"latencies": [], "libcurl": []}
    for round_number in range(rounds):
        # Each side goes first in turn.
        for side in ((binding, raw) if round_number % 2 == 0 else (raw, binding)):
            data = run(side, iterations // rounds)
            if side is raw:
                result["libcurl"] += data["libcurl"]
            else:
                result["latencies"] += data["latencies"]
                result["language"], result["version"] = data["language"], data["version"]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
