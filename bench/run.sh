#!/bin/bash
# make bench: every measurement of bench/BENCHMARKS.md, side by side in one run, against the
# shipped release build of the sandbox (dist/fwpay-sandbox) on loopback with its durable SQLite settings.
# Nothing here is a test: no number is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=build/bench
rm -rf "$OUT"
mkdir -p "$OUT"
ITERATIONS=${BENCH_ITERATIONS:-2000}
RSS_CALLS=${BENCH_RSS_CALLS:-100000}

SANDBOX=dist/fwpay-sandbox  # make bench builds it first (make dist)

echo "bench: building the C benchmark"
gcc -std=c99 -Wall -Wextra -Werror -O2 -D_POSIX_C_SOURCE=200809L -Iinclude bench/client_bench.c -o "$OUT/client_bench" \
  -Lbuild/lib -lfwpay -ljansson -lcurl -Wl,-rpath,"$PWD/build/lib"

"$SANDBOX" --port 0 --db "$OUT/sandbox.sqlite" > "$OUT/sandbox.log" 2>&1 &
SANDBOX_PID=$!
trap 'kill $SANDBOX_PID 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q "listening on" "$OUT/sandbox.log" && break; sleep 0.1; done
ROOT=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$OUT/sandbox.log")
BASE="$ROOT/payments/v1"
KEY=sandbox-demo-key
export FWPAY_BASE_URL="$BASE" FWPAY_API_KEY="$KEY"

# One payment to read in every read benchmark.
OFFER=$(build/bin/fwpay offers list --recipient FWU --amount 120000 --country ES | python3 -c 'import json,sys; print(json.load(sys.stdin)["offers"][0]["id"])')
ORDER=$(build/bin/fwpay orders create --data "{\"payer\":{\"first_name\":\"Peter\",\"country\":\"ES\"},\"recipient\":{\"id\":\"FWU\",\"fields\":[{\"id\":\"custom_field_1\",\"value\":\"B1\"}]},\"items\":[{\"id\":\"tuition\",\"amount\":120000}],\"offer\":{\"id\":\"$OFFER\"}}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
REF=$(build/bin/fwpay orders charge "$ORDER" | python3 -c 'import json,sys; print(json.load(sys.stdin)["payment_reference"])')
echo "bench: sandbox at $ROOT, payment $REF"

echo "bench: 1. C, fwpay against raw libcurl"
"$OUT/client_bench" "$BASE" "$KEY" get "$ITERATIONS" "$REF" > "$OUT/c-get.json"
"$OUT/client_bench" "$BASE" "$KEY" create_charge "$((ITERATIONS / 2))" > "$OUT/c-create-charge.json"
"$OUT/client_bench" "$BASE" "$KEY" text "$ITERATIONS" "$REF" > "$OUT/c-text.json"

echo "bench: 9. what telemetry costs a GET, in C and in Python"
"$OUT/client_bench" "$BASE" "$KEY" telemetry "$ITERATIONS" "$REF" > "$OUT/c-telemetry.json"
PYTHONPATH=bindings/python python3 bench/telemetry_bench.py "$BASE" "$KEY" "$REF" "$ITERATIONS" > "$OUT/python-telemetry.json"
gcc -std=c99 -Wall -Wextra -Werror -O2 -Iinclude bench/telemetry_instructions.c -o "$OUT/telemetry_instructions" \
  -Lbuild/lib -lfwpay -ljansson -Wl,-rpath,"$PWD/build/lib"
for mode in none events; do
  valgrind --tool=callgrind --callgrind-out-file="$OUT/instructions-$mode.out" \
    "$OUT/telemetry_instructions" "$BASE" "$KEY" "$REF" "$mode" 500 > /dev/null 2>&1
  callgrind_annotate --inclusive=yes "$OUT/instructions-$mode.out" | awk '!found && /:fwp_payment_get \[/ { gsub(",", "", $1); print $1; found = 1 }' \
    > "$OUT/instructions-$mode.txt"
done

echo "bench: 2-3. Python, fwpay against requests and httpx; threads"
PYTHONPATH=bindings/python python3 bench/python_bench.py "$BASE" "$KEY" "$REF" "$ITERATIONS" "$OUT/client_bench" > "$OUT/python.json"

echo "bench: 4. shell, fwpay against curl"
python3 bench/shell_bench.py build/bin/fwpay "$BASE" "$KEY" "$REF" 200 > "$OUT/shell.json"

echo "bench: 4b. the Node, PHP, Ruby and Java bindings on the same GET"
JARS="build/java/fwpay-$(cat VERSION).jar:/usr/share/java/jna.jar:/usr/share/java/gson.jar"
export FWPAY_FFI_HEADER="$PWD/include/fwpay_ffi.h" FWPAY_LIBRARY="$PWD/build/lib/libfwpay.so.$(cat VERSION)"
RAW="$OUT/client_bench $BASE $KEY raw_get {n} $REF"
python3 bench/bindings/rounds.py 10 "$ITERATIONS" "$RAW" "node bench/bindings/bench.js $BASE $KEY $REF {n}" > "$OUT/binding-node.json"
python3 bench/bindings/rounds.py 10 "$ITERATIONS" "$RAW" "php bench/bindings/bench.php $BASE $KEY $REF {n}" > "$OUT/binding-php.json"
python3 bench/bindings/rounds.py 10 "$ITERATIONS" "$RAW" "ruby bench/bindings/bench.rb $BASE $KEY $REF {n}" > "$OUT/binding-ruby.json"
python3 bench/bindings/rounds.py 10 "$ITERATIONS" "$RAW" "java -cp $JARS bench/bindings/Bench.java $BASE $KEY $REF {n}" > "$OUT/binding-java.json"

echo "bench: 5. the sandbox under wrk, against its own floor (GET /health) before and after"
wrk -t2 -c16 -d10s --latency "$ROOT/health" > "$OUT/wrk-health-before.txt"
API_KEY=$KEY wrk -t2 -c16 -d10s --latency -s bench/wrk_read_payment.lua "$BASE/payments/$REF" > "$OUT/wrk-read.txt"
API_KEY=$KEY OFFER_ID=$OFFER wrk -t2 -c16 -d10s --latency -s bench/wrk_create_order.lua "$BASE/orders" > "$OUT/wrk-create.txt"
wrk -t2 -c16 -d10s --latency "$ROOT/health" > "$OUT/wrk-health-after.txt"

echo "bench: 6. memory over $RSS_CALLS calls, size, start-up"
"$OUT/client_bench" "$BASE" "$KEY" rss "$RSS_CALLS" "$REF" > "$OUT/rss.json"
strip --strip-unneeded -o "$OUT/libfwpay.stripped.so" build/lib/libfwpay.so
stat -c '{"stripped_bytes": %s}' "$OUT/libfwpay.stripped.so" > "$OUT/size.json"

kill $SANDBOX_PID 2>/dev/null || true
wait $SANDBOX_PID 2>/dev/null || true

echo "bench: 7-8. lists against data size, and walking every payment (a sandbox of its own, grown with --bulk-seed)"
python3 bench/lists.py "$SANDBOX" build/bin/fwpay "$OUT/client_bench" "$OUT/lists" "${BENCH_LIST_SIZES:-1000,10000,100000,1000000}" \
  "${BENCH_LIST_SAMPLES:-100}" > "$OUT/lists.json"

echo "bench: 10. thousands of calls in flight from one thread (Python, Node, Java against their own clients)"
python3 bench/fanout/run.py "${BENCH_FANOUTS:-100,1000,10000}" "${BENCH_FANOUT_ROUNDS:-2}" > "$OUT/fanout.json"

python3 bench/report.py "$OUT" bench/BENCHMARKS.md bench/latency.png bench/lists.png
echo "bench: wrote bench/BENCHMARKS.md, bench/latency.png, bench/lists.png and bench/fanout.png"
