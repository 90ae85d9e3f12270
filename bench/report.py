"""Writes bench/BENCHMARKS.md and the latency plot from one `make bench` run's raw results.

    python3 bench/report.py RESULTS_DIR MARKDOWN_PATH PLOT_PATH"""
from __future__ import annotations

import datetime
import json
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "p99": percentile(values, 0.99),
            "per_second": 1e6 / statistics.fmean(values), "n": len(values)}


def ms(us: float) -> str:
    return f"{us / 1000:.3f} ms"


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def command(*args: str) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip().split("\n")[0]
    except OSError:
        return "unavailable"


def wrk(path: pathlib.Path) -> dict[str, Any]:
    text = path.read_text()
    def latency(label: str) -> str:
        match = re.search(rf"^\s*{label}\s+(\S+)", text, re.MULTILINE)
        return match.group(1) if match else "?"
    def to_ms(value: str) -> float:
        match = re.match(r"([\d.]+)(us|ms|s)", value)
        if not match:
            return float("nan")
        number, unit = float(match.group(1)), match.group(2)
        return number / 1000 if unit == "us" else number * 1000 if unit == "s" else number
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {"rps": float(rate.group(1)) if rate else 0.0, "p50": to_ms(latency("50%")), "p99": to_ms(latency("99%")),
            "errors": int(errors.group(1)) if errors else 0}


def main() -> None:
    results, markdown, plot = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    c_get = json.loads((results / "c-get.json").read_text())
    c_create = json.loads((results / "c-create-charge.json").read_text())
    python = json.loads((results / "python.json").read_text())
    shell = json.loads((results / "shell.json").read_text())
    rss = json.loads((results / "rss.json").read_text())
    size = json.loads((results / "size.json").read_text())
    create, read = wrk(results / "wrk-create.txt"), wrk(results / "wrk-read.txt")
    cpu = next((line.split(":", 1)[1].strip() for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines: list[str] = []
    add = lines.append
    add("# fwpay benchmarks")
    add("")
    add("Written by `make bench` (bench/run.sh, bench/report.py); every number below comes from the same run, "
        "against a release build of fwpay-sandbox on loopback with its shipped SQLite settings (WAL, "
        "synchronous=FULL), client and server on the same machine. Benchmarks are not tests: nothing here is "
        "asserted. Ratios compare implementations measured in alternating rounds of the same run.")
    add("")
    add(f"- Run: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    add(f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    add(f"- Versions: fwpay {python['versions']['fwpay']}, {command('swift', '--version')}, {shell['curl']}, "
        f"Python {python['versions']['python']}, requests {python['versions']['requests']}, httpx {python['versions']['httpx']}, "
        f"{command('wrk', '--version') or 'wrk'}")
    add("")
    add("![Latency distributions](latency.png)")
    add("")

    add("## 1. C: fwpay against raw libcurl (the practical limit)")
    add("")
    add("Raw libcurl: one kept-alive handle, the body serialised once, the answer parsed with jansson, the same "
        "headers (including `Idempotency-Key` on POSTs, which makes the sandbox store the answer). Ten alternating rounds, "
        "each on fresh connections warmed by one untimed call and opened by each side first in turn (the server hands "
        "connections to its threads in turn, and which thread serves a connection shifts its latency). "
        "Target: fwpay ≤ 1.10× libcurl.")
    add("")
    add("| call | fwpay median | fwpay p99 | fwpay calls/s | libcurl median | libcurl p99 | libcurl calls/s | ratio (median) | target |")
    add("|---|---|---|---|---|---|---|---|---|")
    for name, data in (("GET /payments/{ref}", c_get), ("POST /orders + POST /orders/{id}/charge", c_create)):
        f, r = summary(data["fwpay"]), summary(data["libcurl"])
        ratio = f["median"] / r["median"]
        add(f"| {name} | {ms(f['median'])} | {ms(f['p99'])} | {f['per_second']:.0f} | {ms(r['median'])} | {ms(r['p99'])} | "
            f"{r['per_second']:.0f} | {ratio:.2f}× | {verdict(ratio <= 1.10)} |")
    add("")

    add("## 2. Python: the fwpay package against requests.Session and httpx.Client")
    add("")
    add("The same calls, kept-alive sessions on all three. Target: fwpay ≥ 2× faster per call than requests.Session.")
    add("")
    add("| call | fwpay median | requests median | httpx median | fwpay p99 | requests p99 | httpx p99 | requests ÷ fwpay | httpx ÷ fwpay | target |")
    add("|---|---|---|---|---|---|---|---|---|---|")
    for op, name in (("get", "GET /payments/{ref}"), ("create_charge", "create + charge an order")):
        f, q, h = (summary(python[op][k]) for k in ("fwpay", "requests", "httpx"))
        speed = q["median"] / f["median"]
        add(f"| {name} | {ms(f['median'])} | {ms(q['median'])} | {ms(h['median'])} | {ms(f['p99'])} | {ms(q['p99'])} | "
            f"{ms(h['p99'])} | {speed:.2f}× | {h['median'] / f['median']:.2f}× | {verdict(speed >= 2)} |")
    add("")

    add("## 3. Threads sharing one Python client")
    add("")
    threads = python["threads_calls_per_second"]
    one = threads["1"]
    add(f"GET /payments/{{ref}} for 3 s per row, on {os.cpu_count()} cores shared with the sandbox. Target: 8 threads ≥ 1.7× one.")
    add("")
    add("| threads | calls/s | ratio to 1 thread |")
    add("|---|---|---|")
    for count, rate in threads.items():
        add(f"| {count} | {rate:.0f} | {rate / one:.2f}× |")
    add(f"\n8 threads: {threads['8'] / one:.2f}× one thread: {verdict(threads['8'] / one >= 1.7)}.")
    add("")

    add("## 4. Shell: a whole `fwpay` process against a whole `curl` process")
    add("")
    times = shell["times"]
    f, c = summary(times["fwpay"]), summary(times["curl"])
    v, cv = summary(times["fwpay --version"]), summary(times["curl --version"])
    add("Wall-clock time of the process, alternating, 200 runs each. Target: `fwpay payments get REF` ≤ 1.5× curl.")
    add("")
    add("| command | median | p99 | ratio to curl | target |")
    add("|---|---|---|---|---|")
    add(f"| `fwpay payments get REF` | {ms(f['median'])} | {ms(f['p99'])} | {f['median'] / c['median']:.2f}× | {verdict(f['median'] / c['median'] <= 1.5)} |")
    add(f"| `curl -s -H ... URL` | {ms(c['median'])} | {ms(c['p99'])} | 1.00× | |")
    add(f"| `fwpay --version` (start-up) | {ms(v['median'])} | {ms(v['p99'])} | {v['median'] / cv['median']:.2f}× `curl --version` | |")
    add(f"| `curl --version` | {ms(cv['median'])} | {ms(cv['p99'])} | 1.00× | |")
    add("")

    add("## 4b. The Node.js, PHP, Ruby and Java bindings against raw libcurl")
    add("")
    add("GET /payments/{ref} through each binding (one client, calls one after another, kept-alive connections; "
        "Java warms its JIT with 1,000 untimed calls per round) and through raw libcurl from C, in ten alternating "
        "rounds each (bench/bindings/rounds.py), so that both sides are measured over the same minutes. Each binding "
        "makes one FFI call per operation (fwp_call: JSON text in, JSON text out). No target was set: the difference "
        "is the binding's own cost per call (the library's, the FFI's, the language's JSON; Node's includes the hop "
        "to libuv's thread pool and back).")
    add("")
    add("| binding | median | p99 | raw libcurl median, same rounds | ratio (median) | binding's own cost per call |")
    add("|---|---|---|---|---|---|")
    for language, title in (("node", "Node.js (Node-API, thread pool)"), ("php", "PHP (FFI)"), ("ruby", "Ruby (ruby-ffi)"),
                            ("java", "Java (JNA)")):
        data = json.loads((results / f"binding-{language}.json").read_text())
        b, raw = summary(data["latencies"]), summary(data["libcurl"])
        add(f"| {title} {data['version']} | {ms(b['median'])} | {ms(b['p99'])} | {ms(raw['median'])} | "
            f"{b['median'] / raw['median']:.2f}× | {ms(b['median'] - raw['median'])} |")
    add("")
    text = json.loads((results / "c-text.json").read_text())
    typed, called = summary(text["typed"]), summary(text["fwp_call"])
    add("The text interface against the typed one, from C (so without any FFI's own cost per crossing), for a "
        "binding that needs JSON text: the typed call then fwp_json_dump, fwp_free and fwp_json_release (four "
        "crossings), against fwp_call and fwp_free (two), alternating rounds on one client:")
    add("")
    add("| path | median | p99 |")
    add("|---|---|---|")
    add(f"| typed: fwp_payment_get + fwp_json_dump + fwp_free + fwp_json_release | {ms(typed['median'])} | {ms(typed['p99'])} |")
    add(f"| text: fwp_call(\"payment_get\") + fwp_free | {ms(called['median'])} | {ms(called['p99'])} |")
    add("")

    add("## 5. The sandbox under wrk")
    add("")
    add("`wrk -t2 -c16 -d10s --latency`, on the same 2 cores as the sandbox. Targets: ≥ 5,000 creates/s, ≥ 15,000 reads/s, p99 < 10 ms.")
    add("")
    add("| request | requests/s | p50 | p99 | non-2xx | target |")
    add("|---|---|---|---|---|---|")
    add(f"| POST /orders | {create['rps']:.0f} | {create['p50']:.2f} ms | {create['p99']:.2f} ms | {create['errors']} | "
        f"{verdict(create['rps'] >= 5000 and create['p99'] < 10)} |")
    add(f"| GET /payments/{{ref}} | {read['rps']:.0f} | {read['p50']:.2f} ms | {read['p99']:.2f} ms | {read['errors']} | "
        f"{verdict(read['rps'] >= 15000 and read['p99'] < 10)} |")
    add("")

    add("## 6. Memory, size, start-up")
    add("")
    growth = rss["rss_at_end_kib"] - rss["rss_after_warm_up_kib"]
    add("| measure | value |")
    add("|---|---|")
    add(f"| RSS of a C process after {rss['warm_up_calls']:,} warm-up calls | {rss['rss_after_warm_up_kib']:,} KiB |")
    add(f"| RSS after {rss['calls']:,} calls | {rss['rss_at_end_kib']:,} KiB (growth after warm-up: {growth:+,} KiB) |")
    add(f"| stripped `libfwpay.so` (Swift runtime linked in) | {size['stripped_bytes'] / 1048576:.2f} MiB |")
    add(f"| `fwpay --version` start-up (median) | {ms(v['median'])} |")
    add("")
    notes = results / "NOTES.md"
    if notes.exists():
        add(notes.read_text().strip())
        add("")
    markdown.write_text("\n".join(lines) + "\n")

    figure, axes = plt.subplots(2, 2, figsize=(11, 7.5))
    panels = [("C: GET payment", c_get), ("C: create + charge", c_create),
              ("Python: GET payment", python["get"]), ("Python: create + charge", python["create_charge"])]
    for axis, (title, data) in zip(axes.flat, panels):
        for name, values in data.items():
            if not isinstance(values, list):
                continue
            ordered = sorted(v / 1000 for v in values)
            axis.plot(ordered, [(i + 1) / len(ordered) for i in range(len(ordered))], label=name)
        axis.set_title(title)
        axis.set_xscale("log")
        axis.set_xlabel("latency (ms, log scale)")
        axis.set_ylabel("fraction of calls")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(plot, dpi=90)


if __name__ == "__main__":
    main()
