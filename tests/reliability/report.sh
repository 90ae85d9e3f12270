#!/bin/sh
# make reliability: every reliability measure in one run, and the table of its figures
# (printed, and written to build/reliability.md). Fails unless duplicates, losses, crashes,
# sanitizer findings, leaks and secret exposures are all 0.
#   tests/reliability/report.sh [CALLS] [FUZZ_SECONDS]
set -u
cd "$(dirname "$0")/../.."
calls=${1:-1000}
fuzz_seconds=${2:-60}
out=build/reliability
mkdir -p "$out"
export FWPAY_SANDBOX=build/bin/fwpay-sandbox
status=0
step() { echo "== $1" >&2; }

step "fault injection through C ($calls calls)"
build/tests/faults "$calls" > "$out/faults-c.txt" 2> "$out/faults-c.err" || status=1
step "fault injection through Python ($calls calls)"
python3 tests/reliability/faults.py "$calls" > "$out/faults-py.txt" 2> "$out/faults-py.err" || status=1
in_flight=$((calls * 2))  # each of the two sandboxes gets `calls` at once
step "fault injection through C, $calls at once per sandbox (started calls)"
build/tests/faults "$in_flight" --started > "$out/faults-c-started.txt" 2> "$out/faults-c-started.err" || status=1
step "fault injection through Python's AsyncClient, $calls at once per sandbox"
python3 tests/reliability/faults.py "$in_flight" --started > "$out/faults-py-started.txt" 2> "$out/faults-py-started.err" || status=1
step "fuzzing (${fuzz_seconds}s)"
tests/fuzz/run.sh "$fuzz_seconds" > "$out/fuzz.txt" 2> "$out/fuzz.err" || status=1
step "C tests under valgrind"
tests/c/run.sh > "$out/valgrind.txt" 2>&1 || status=1
step "C tests under ASan+UBSan"
{ swift build --scratch-path .build-asan --sanitize=address --product fwpay > "$out/asan-build.txt" 2>&1 &&
  tests/c/run-sanitized.sh .build-asan/debug; } > "$out/asan.txt" 2>&1 || status=1
step "8 threads under ThreadSanitizer"
make -s test-tsan > "$out/tsan.txt" 2>&1 || status=1
step "hostile peers and amounts (floods, streaming and dripping receivers, amounts, card data)"
python3 tests/reliability/hostile.py > "$out/hostile.txt" 2>&1 || status=1
step "secrets, durability under SIGKILL, 200 connections"
python3 -m pytest -q tests/security tests/sandbox/test_durability.py > "$out/pytest.txt" 2>&1 || status=1

python3 - "$out" "$status" <<'PY'
import pathlib, re, sys
out, status = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def text(name): return (out / name).read_text() if (out / name).exists() else ""
def totals(lines):
    t = dict(calls=0, faults=0, ok=0, ambiguous=0, happened=0, refused=0, duplicates=0, lost=0, retries=0)
    for line in lines.splitlines():
        m = re.search(r"calls (\d+) \| faults(?:: drop_before (\d+), drop_after (\d+), 503 (\d+), 429 (\d+), latency (\d+)| (\d+)) \| ok (\d+), "
                      r"ambiguous (\d+) \((\d+) took effect\), refused (\d+) \| duplicates (\d+), lost (\d+) \| retries (\d+)", line)
        if not m or "total" in line: continue
        g = [int(x) if x else 0 for x in m.groups()]
        t["calls"] += g[0]; t["faults"] += sum(g[1:6]) + g[6]; t["ok"] += g[7]; t["ambiguous"] += g[8]; t["happened"] += g[9]
        t["refused"] += g[10]; t["duplicates"] += g[11]; t["lost"] += g[12]; t["retries"] += g[13]
    return t
c, py = totals(text("faults-c.txt")), totals(text("faults-py.txt"))
cs, pys = totals(text("faults-c-started.txt")), totals(text("faults-py-started.txt"))
fuzz = re.findall(r"(fuzz_\w+): (\d+) executions", text("fuzz.txt"))
crashes = 0 if "found a crash" not in text("fuzz.err") and fuzz else 1
valgrind = re.search(r"C tests under valgrind: (\d+) passed, (\d+) failed", text("valgrind.txt"))
asan = re.search(r"C tests under ASan\+UBSan: (\d+) passed, (\d+) failed", text("asan.txt"))
tsan_clean = "test_threads: 5 passed, 0 failed" in text("tsan.txt") and "WARNING: ThreadSanitizer" not in text("tsan.txt")
pytest = re.search(r"(\d+) passed", text("pytest.txt")) and " failed" not in text("pytest.txt")
hostile = dict(re.findall(r"^(.+?): (.+) \[(?:ok|FAILED)\]$", text("hostile.txt"), re.M))
hostile_ok = "FAILED" not in text("hostile.txt") and len(hostile) == 8
rows = [
    ("money-moving calls (C / Python)", f"{c['calls']} / {py['calls']}"),
    ("faults injected (drops before and after commit, 503, 429, stalls past the timeout)", f"{c['faults']} / {py['faults']}"),
    ("acknowledged (ok) / refused with an error", f"{c['ok'] + py['ok']} / {c['refused'] + py['refused']}"),
    ("ambiguous outcomes reported (of which took effect)", f"{c['ambiguous'] + py['ambiguous']} ({c['happened'] + py['happened']})"),
    ("retries made by the library", f"{c['retries'] + py['retries']}"),
    ("**duplicates** (a call that took effect twice)", f"{c['duplicates'] + py['duplicates']}"),
    ("**losses** (acknowledged, missing on the server)", f"{c['lost'] + py['lost']}"),
    ("money-moving calls started at once, all in flight together (C / Python AsyncClient)", f"{cs['calls']} / {pys['calls']}"),
    ("  their faults; acknowledged / ambiguous / refused",
     f"{cs['faults'] + pys['faults']}; {cs['ok'] + pys['ok']} / {cs['ambiguous'] + pys['ambiguous']} / {cs['refused'] + pys['refused']}"),
    ("  **duplicates / losses**", f"{cs['duplicates'] + pys['duplicates']} / {cs['lost'] + pys['lost']}"),
    ("fuzz executions", ", ".join(f"{name} {int(runs):,}" for name, runs in fuzz) or "not run"),
    ("**crashes** (fuzzing)", f"{crashes}"),
    ("C test programs under valgrind: **errors and leaks**", f"{valgrind.group(2) if valgrind else '?'} failing of {int(valgrind.group(1)) + int(valgrind.group(2)) if valgrind else '?'}"),
    ("C test programs under ASan+UBSan: **findings**", f"{asan.group(2) if asan else '?'} failing of {int(asan.group(1)) + int(asan.group(2)) if asan else '?'}"),
    ("8 threads sharing a client under TSan: **findings**", "0" if tsan_clean else "1"),
    ("**secret exposures**; SIGKILL durability; 200 connections", "0; every acknowledged change kept; all answered" if pytest else "FAILED"),
] + [(name, figure) for name, figure in hostile.items()]
table = "| measure | figure |\n|---|---|\n" + "\n".join(f"| {a} | {b} |" for a, b in rows)
(out.parent / "reliability.md").write_text(table + "\n")
print(table)
bad = (status or c["duplicates"] + py["duplicates"] + c["lost"] + py["lost"] + cs["duplicates"] + pys["duplicates"]
       + cs["lost"] + pys["lost"] + crashes or not tsan_clean or not pytest or not hostile_ok or not cs["calls"] or not pys["calls"])
print(f"reliability: {0 if bad else 1} passed, {1 if bad else 0} failed")
sys.exit(1 if bad else 0)
PY
