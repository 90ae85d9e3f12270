"""Writes bench/BENCHMARKS.md and the latency plot from one `make bench` run's raw results.

    python3 bench/report.py RESULTS_DIR MARKDOWN_PATH PLOT_PATH LISTS_PLOT_PATH"""
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


def lists_section(lists: dict[str, Any], add: Any, plot: pathlib.Path) -> None:
    sizes = sorted(lists["sizes"], key=int)
    small, large = sizes[0], sizes[-1]
    add("## 7. Lists against data size")
    add("")
    add(f"One database grown with `fwpay-sandbox --bulk-seed` (sandbox-only) to {', '.join(f'{int(n):,}' for n in sizes)} "
        "payments of one client (each with its order, status history and a delivered notification; a refund for one "
        "delivered payment in ten, ten to a bundle), and at each size every request below timed "
        f"{lists['samples']} times over kept-alive connections, the requests interleaved. Pages of 100 (refunds 25, "
        "bundles 4, the dashboard 20, so that the smallest size fills them too). Goals at the largest size: median "
        f"within 2× of the same request at {int(small):,}, p99 under 20 ms for the API and under 50 ms for the "
        "dashboard. Every total is exact: lists find their totals and pages in the list tally the database keeps "
        "(`Sources/FWPaySandbox/Store/ListTally.swift`).")
    add("")
    add("![Latency against data size](lists.png)")
    add("")
    add("| size | seeded | seconds | payments/s | database |")
    add("|---|---|---|---|---|")
    for size in sizes:
        entry = lists["sizes"][size]
        add(f"| {int(size):,} | {entry['seeded']:,} | {entry['seed_seconds']:.1f} | {entry['seeded'] / entry['seed_seconds']:,.0f} | "
            f"{entry['database_bytes'] / 1048576:,.0f} MiB |")
    add("")
    add("| request | " + " | ".join(f"median at {int(n):,}" for n in sizes) + f" | p99 at {int(large):,} | "
        f"{int(large):,} ÷ {int(small):,} | goal |")
    add("|---|" + "---|" * len(sizes) + "---|---|---|")
    missed: list[str] = []
    requests = lists["sizes"][small]["requests"]
    for name in requests:
        medians = [statistics.median(lists["sizes"][n]["requests"][name]["latencies"]) for n in sizes]
        p99 = percentile(lists["sizes"][large]["requests"][name]["latencies"], 0.99)
        ratio = medians[-1] / medians[0]
        limit = 50_000 if requests[name]["path"].startswith("/dashboard") else 20_000
        met = ratio <= 2 and p99 < limit
        if not met:
            missed.append(name)
        add(f"| {name} | " + " | ".join(ms(m) for m in medians) + f" | {ms(p99)} | {ratio:.2f}× | "
            f"≤ 2×, p99 < {limit // 1000} ms: {verdict(met)} |")
    add("")
    add(f"Goals missed: {', '.join(missed) if missed else 'none'}.")
    add("")

    add("## 8. Walking every payment in constant memory")
    add("")
    add("Every payment of the client, page after page (100 a page): `fwpay payments list --all` (one JSON object "
        "per line), the Python iterator (`client.payments.list()`) and the C iterator (`fwp_iter_next`). Peak RSS "
        "of each process (getrusage), and for the iterators once the first page is read. Goal: the peak at the "
        f"largest size within 2 MiB of the peak at {int(small):,}.")
    add("")
    walked = [n for n in sizes if "walks" in lists["sizes"][n]]
    add("| walk | " + " | ".join(f"peak RSS at {int(n):,}" for n in walked) + " | after the first page | seconds at the largest | goal |")
    add("|---|" + "---|" * len(walked) + "---|---|---|")
    for tool in ("fwpay --all", "python iterator", "c iterator"):
        peaks = [lists["sizes"][n]["walks"][tool]["peak_rss_kib"] for n in walked]
        last = lists["sizes"][walked[-1]]["walks"][tool]
        items_ok = all(lists["sizes"][n]["walks"][tool]["items"] == int(n) for n in walked)
        first = last.get("peak_rss_after_first_page_kib")
        add(f"| {tool} | " + " | ".join(f"{peak:,} KiB" for peak in peaks) + f" | {f'{first:,} KiB' if first else ''} | "
            f"{last['seconds']:.1f} | {verdict(peaks[-1] - peaks[0] <= 2048 and items_ok)}"
            f"{'' if items_ok else ' (an item count was wrong)'} |")
    add("")

    groups = [("payments", lambda p: p.startswith("/payments/v1/payments?")), ("orders", lambda p: p.startswith("/payments/v1/orders?")),
              ("refunds, bundles, notifications, recipients",
               lambda p: p.startswith(("/payments/v1/refund", "/payments/v1/recipients", "/sandbox/notifications"))),
              ("dashboard", lambda p: p.startswith("/dashboard"))]
    figure, axes = plt.subplots(2, 2, figsize=(12, 8.5))
    xs = [int(n) for n in sizes]
    for axis, (title, chosen) in zip(axes.flat, groups):
        for name, data in requests.items():
            if chosen(data["path"]):
                axis.plot(xs, [statistics.median(lists["sizes"][n]["requests"][name]["latencies"]) / 1000 for n in sizes],
                          marker="o", label=name)
        axis.set_title(title)
        axis.set_xscale("log")
        axis.set_ylim(bottom=0)
        axis.set_xlabel("payments in the database (log scale)")
        axis.set_ylabel("median latency (ms)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(plot, dpi=90)


def telemetry_section(c: dict[str, Any], python: dict[str, Any], instructions: dict[str, int], add: Any) -> None:
    add("## 9. What telemetry costs a GET")
    add("")
    add("GET /payments/{ref} in alternating rounds on one sandbox. C: a client without an event callback, one with a "
        "callback that only reads the event (all three events of each call), and a second client without (the control: "
        "how far two identical clients differ in the same run is the noise floor of the ratios). Python: telemetry off "
        "(no callback given to the library); the default with opentelemetry-api installed and no SDK set up "
        "(OpenTelemetry's no-op: the library calls back once, at the call's end); and with the SDK's providers, spans "
        "going through a SimpleSpanProcessor to an exporter that drops them, beside telemetry off again. Goals: no "
        "callback, no change (≤ 1.01×); a no-op exporter ≤ 1.02×.")
    add("")
    add("| client | median | p99 | ratio to its baseline (median) | added per call | calling thread's CPU (median) | CPU ratio | goal |")
    add("|---|---|---|---|---|---|---|---|")
    base, base_cpu = summary(c["no_callback"]), summary(c["no_callback_cpu"])
    for key, title in (("no_callback", "C, no event callback"), ("no_callback_control", "C, a second client without (control)"),
                       ("noop_callback", "C, a no-op event callback")):
        wall, cpu = summary(c[key]), summary(c[f"{key}_cpu"])
        ratio = wall["median"] / base["median"]
        added = "" if key == "no_callback" else ms(wall["median"] - base["median"])
        note = "noise floor" if key == "no_callback_control" else ""
        add(f"| {title} | {ms(wall['median'])} | {ms(wall['p99'])} | {ratio:.3f}× | {added} | {ms(cpu['median'])} | "
            f"{cpu['median'] / base_cpu['median']:.3f}× | {note} |")
    off, api = summary(python["telemetry_off"]), summary(python["opentelemetry_api_no_sdk"])
    off_sdk, sdk = summary(python["telemetry_off_beside_sdk"]), summary(python["opentelemetry_sdk_dropping_exporter"])
    alone = summary(python["sdk_span_and_measurement_alone"])
    add(f"| Python, telemetry off | {ms(off['median'])} | {ms(off['p99'])} | 1.00× | | | | |")
    add(f"| Python, opentelemetry-api without an SDK | {ms(api['median'])} | {ms(api['p99'])} | "
        f"{api['median'] / off['median']:.3f}× | {ms(api['median'] - off['median'])} | | | |")
    add(f"| Python, telemetry off (beside the SDK rows) | {ms(off_sdk['median'])} | {ms(off_sdk['p99'])} | 1.00× | | | | |")
    ratio = sdk["median"] / off_sdk["median"]
    add(f"| Python, the SDK with a dropping exporter | {ms(sdk['median'])} | {ms(sdk['p99'])} | {ratio:.3f}× | "
        f"{ms(sdk['median'] - off_sdk['median'])} | | | ≤ 1.02×: {verdict(ratio <= 1.02)} |")
    add("")
    calls = 500
    add("Instructions inside the library per GET (callgrind, 500 calls of one client each; counts do not move with the "
        "machine's load, which the times above do by more than the difference measured):")
    add("")
    add("| client | instructions per GET | ratio |")
    add("|---|---|---|")
    add(f"| no event callback | {instructions['none'] // calls:,} | 1.00× |")
    ratio_ir = instructions["events"] / instructions["none"]
    add(f"| a no-op event callback (three events a call) | {instructions['events'] // calls:,} | {ratio_ir:.3f}× |")
    add("")
    add(f"The SDK's own cost per call, outside any HTTP (one span with the same attributes, started and ended, and one "
        f"histogram measurement): {ms(alone['median'])} median. Whatever instruments a call pays that much at least; "
        f"the rest of the Python row above is the library's callback and the mapping.")
    add("")


#: Each language's own HTTP client, against whose event-loop lag fwpay's is judged.
NATIVE = {"python": "aiohttp", "node": "fetch", "java": "httpclient"}


def fanout_section(rows: list[dict[str, Any]], add: Any, plot: pathlib.Path) -> None:
    add("## 10. Thousands of calls in flight from one thread")
    add("")
    add("N GETs started at once through one client, each held 200 ms by a stand-in server on loopback "
        "(`bench/fanout/server.py`, Python asyncio: it shares the 2 cores with the client), each fan-out a process of "
        "its own, interleaved in one run; the best of the rounds. Threads added: the process's threads at their "
        "peak during the fan-out, less those before the client was made (for Java, the JVM starts some of its own "
        "as it goes: the threads named `fwpay-...` are given beside them). Loop lag: the p99 lateness of a 5 ms "
        "timer during the fan-out (Java: a scheduled executor's task). Goals (issue 32): wall time within 1.2× "
        "the fastest client of the language, at most 2 threads added, loop lag no worse than the language's own "
        f"client ({', '.join(f'{language}: {name}' for language, name in NATIVE.items())}).")
    add("")
    best: dict[tuple[str, str, int], dict[str, Any]] = {}
    for row in rows:
        key = (row["language"], row["client"], row["n"])
        if key not in best or row["wall_s"] < best[key]["wall_s"]:
            best[key] = row
    fanouts = sorted({n for (_, _, n) in best})
    add("| language | client | N | wall | threads added | peak RSS | loop lag p99 | goal |")
    add("|---|---|---|---|---|---|---|---|")
    missed: list[str] = []
    for language in NATIVE:
        for n in fanouts:
            rivals = {client: row for (lang, client, size), row in best.items() if lang == language and size == n}
            if not rivals:
                continue
            fastest = min(row["wall_s"] for row in rivals.values())
            for client, row in sorted(rivals.items(), key=lambda item: item[0] != "fwpay"):
                threads = row["threads_added"]
                shown = f"{threads} ({row['fwpay_threads']} fwpay-...)" if "fwpay_threads" in row else str(threads)
                goal = ""
                if client == "fwpay":
                    own = row.get("fwpay_threads", threads)
                    native = rivals.get(NATIVE[language])
                    checks = [row["wall_s"] <= 1.2 * fastest, own <= 2,
                              native is None or row["loop_lag_p99_ms"] <= max(native["loop_lag_p99_ms"], 1.0)]
                    goal = verdict(all(checks))
                    if not all(checks):
                        missed.append(f"{language} at {n:,}")
                ok = "" if row["ok"] == n else f" ({row['ok']} answered)"
                add(f"| {language} | {client} | {n:,} | {row['wall_s']:.2f} s{ok} | {shown} | {row['peak_rss_mb']:.0f} MB | "
                    f"{row['loop_lag_p99_ms']:.1f} ms | {goal} |")
    add("")
    add(f"Goals missed: {', '.join(missed) if missed else 'none'}. httpx is left out above 1,000 in flight: it took "
        "about 19 s for 1,000.")
    add("")
    add(f"![wall time against calls in flight]({plot.name})")
    add("")
    figure, axes = plt.subplots(1, 3, figsize=(13, 4))
    for axis, language in zip(axes, NATIVE):
        for client in sorted({c for (lang, c, _) in best if lang == language}):
            sizes = [n for n in fanouts if (language, client, n) in best]
            axis.plot(sizes, [best[(language, client, n)]["wall_s"] for n in sizes], marker="o", label=client)
        axis.set_title(language)
        axis.set_xscale("log")
        axis.set_yscale("log")
        axis.set_xlabel("calls in flight (each held 200 ms)")
        axis.set_ylabel("wall time (s)")
        axis.grid(True, which="both", alpha=0.3)
        axis.legend()
    figure.tight_layout()
    figure.savefig(plot, dpi=90)
    plt.close(figure)


def main() -> None:
    results, markdown, plot = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    lists_plot = pathlib.Path(sys.argv[4])
    c_get = json.loads((results / "c-get.json").read_text())
    c_create = json.loads((results / "c-create-charge.json").read_text())
    python = json.loads((results / "python.json").read_text())
    shell = json.loads((results / "shell.json").read_text())
    rss = json.loads((results / "rss.json").read_text())
    size = json.loads((results / "size.json").read_text())
    create, read = wrk(results / "wrk-create.txt"), wrk(results / "wrk-read.txt")
    health_before, health_after = wrk(results / "wrk-health-before.txt"), wrk(results / "wrk-health-after.txt")
    lists = json.loads((results / "lists.json").read_text())
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

    add("## 2. Python: the fwpay package against raw C libcurl, requests.Session and httpx.Client")
    add("")
    add("The same calls, kept-alive connections on all; raw libcurl is client_bench's `raw_get` (one easy handle, the "
        "answer parsed with jansson), run in a process of its own in each of the same ten alternating rounds. "
        "Goal: fwpay's GET within 1.30× raw libcurl's.")
    add("")
    add("| call | fwpay median | raw libcurl median | requests median | httpx median | fwpay p99 | libcurl p99 | fwpay ÷ libcurl | goal |")
    add("|---|---|---|---|---|---|---|---|---|")
    f, raw, q, h = (summary(python["get"][k]) for k in ("fwpay", "libcurl", "requests", "httpx"))
    add(f"| GET /payments/{{ref}} | {ms(f['median'])} | {ms(raw['median'])} | {ms(q['median'])} | {ms(h['median'])} | "
        f"{ms(f['p99'])} | {ms(raw['p99'])} | {f['median'] / raw['median']:.2f}× | ≤ 1.30×: {verdict(f['median'] / raw['median'] <= 1.30)} |")
    add("")
    own = {name: summary(python["get"][name])["median"] - raw["median"] for name in ("fwpay", "requests", "httpx")}
    add("The client's own cost per call: its median minus raw libcurl's, same rounds (what the library, the binding "
        "and the language's JSON add to the request itself). Goal: fwpay's below requests' and httpx's.")
    add("")
    add("| client | own cost per GET | ÷ fwpay's | goal |")
    add("|---|---|---|---|")
    add(f"| fwpay | {ms(own['fwpay'])} | 1.00× | below both: {verdict(own['fwpay'] < own['requests'] and own['fwpay'] < own['httpx'])} |")
    for name in ("requests", "httpx"):
        add(f"| {name} | {ms(own[name])} | {own[name] / own['fwpay']:.2f}× | |" if own["fwpay"] > 0 else f"| {name} | {ms(own[name])} | | |")
    add("")
    f, q, h = (summary(python["create_charge"][k]) for k in ("fwpay", "requests", "httpx"))
    add("Create and charge an order (two POSTs with Idempotency-Keys), for reference. No goal: the sandbox's own time "
        "(two durable transactions) is most of either side's, so a ratio between clients says little; the own cost "
        "above is the client's part.")
    add("")
    add("| call | fwpay median | requests median | httpx median | fwpay p99 | requests p99 | httpx p99 |")
    add("|---|---|---|---|---|---|---|")
    add(f"| create + charge an order | {ms(f['median'])} | {ms(q['median'])} | {ms(h['median'])} | {ms(f['p99'])} | "
        f"{ms(q['p99'])} | {ms(h['p99'])} |")
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
        "to the client's I/O thread and back through the completion queue, section 10).")
    add("")
    add("| binding | median | p99 | raw libcurl median, same rounds | ratio (median) | binding's own cost per call |")
    add("|---|---|---|---|---|---|")
    for language, title in (("node", "Node.js (Node-API, started calls)"), ("php", "PHP (FFI)"), ("ruby", "Ruby (ruby-ffi)"),
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

    add("## 5. The sandbox under wrk, against its own floor")
    add("")
    floor = (health_before["rps"] + health_after["rps"]) / 2
    add("`wrk -t2 -c16 -d10s --latency`, on the same 2 cores as the sandbox. Absolute rates on this machine vary "
        "threefold from day to day, so each request is set against `GET /health` (the framework's own floor: routing, "
        "middleware, no database), measured before and after in the same run. Goals: reads ≥ 60 % of /health's rate, "
        "creates ≥ 30 %.")
    add("")
    add("| request | requests/s | p50 | p99 | non-2xx | of /health's rate | goal |")
    add("|---|---|---|---|---|---|---|")
    for name, data in (("GET /health (before)", health_before), ("GET /health (after)", health_after)):
        add(f"| {name} | {data['rps']:.0f} | {data['p50']:.2f} ms | {data['p99']:.2f} ms | {data['errors']} | "
            f"{data['rps'] / floor:.0%} | |")
    add(f"| GET /payments/{{ref}} | {read['rps']:.0f} | {read['p50']:.2f} ms | {read['p99']:.2f} ms | {read['errors']} | "
        f"{read['rps'] / floor:.0%} | ≥ 60 %: {verdict(read['rps'] / floor >= 0.60)} |")
    add(f"| POST /orders | {create['rps']:.0f} | {create['p50']:.2f} ms | {create['p99']:.2f} ms | {create['errors']} | "
        f"{create['rps'] / floor:.0%} | ≥ 30 %: {verdict(create['rps'] / floor >= 0.30)} |")
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
    lists_section(lists, add, lists_plot)
    telemetry_section(json.loads((results / "c-telemetry.json").read_text()),
                      json.loads((results / "python-telemetry.json").read_text()),
                      {mode: int((results / f"instructions-{mode}.txt").read_text()) for mode in ("none", "events")}, add)
    fanout_section(json.loads((results / "fanout.json").read_text()), add, plot.with_name("fanout.png"))
    notes = pathlib.Path(__file__).with_name("NOTES.md")  # kept by hand, below the tables
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
