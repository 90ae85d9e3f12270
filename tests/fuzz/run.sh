#!/bin/sh
# Builds the libFuzzer harnesses against libfwpay built with coverage and ASan, and runs each
# for FUZZ_SECONDS (default 60, split between the harnesses), starting from the committed
# corpora (new inputs it finds go to build/fuzz/, not into the repository).
#   tests/fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")/../.."
seconds=${1:-${FUZZ_SECONDS:-60}}
swift build --scratch-path .build-fuzz --sanitize=fuzzer --sanitize=address --product fwpay
lib=.build-fuzz/debug
runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/linux"
out=build/fuzz
mkdir -p "$out"
harnesses="json notification"
per=$(( seconds / 3 ))
[ "$per" -ge 1 ] || per=1
for name in $harnesses; do
  clang -g -O1 -fsanitize=fuzzer,address -fuse-ld=bfd -Iinclude tests/fuzz/fuzz_$name.c -o "$out/fuzz_$name" \
    -L"$lib" -lfwpay -ljansson -Wl,-rpath,"$PWD/$lib:$runtime" 2> "$out/fuzz_$name.link.log"
  mkdir -p "$out/corpus_$name"
  "$out/fuzz_$name" -max_total_time="$per" -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 \
    "$out/corpus_$name" "tests/fuzz/corpus/$name" > "$out/fuzz_$name.log" 2>&1 || {
      echo "fuzz_$name found a crash:" >&2; tail -40 "$out/fuzz_$name.log" >&2; exit 1; }
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz_$name.log")
  echo "fuzz_$name: $runs executions in ${per}s, no crash"
done

# The sandbox's request-body parser (Swift, its two files alone, no dependencies).
swiftc -sanitize=fuzzer,address -parse-as-library -O Sources/FWPaySandbox/Domain/JSON.swift \
  Sources/FWPaySandbox/Domain/JSONParser.swift tests/fuzz/fuzz_sandbox_json.swift -o "$out/fuzz_sandbox_json" \
  2> "$out/fuzz_sandbox_json.link.log"
mkdir -p "$out/corpus_sandbox_json"
"$out/fuzz_sandbox_json" -max_total_time="$per" -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 \
  "$out/corpus_sandbox_json" tests/fuzz/corpus/sandbox_json > "$out/fuzz_sandbox_json.log" 2>&1 || {
    echo "fuzz_sandbox_json found a crash:" >&2; tail -40 "$out/fuzz_sandbox_json.log" >&2; exit 1; }
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz_sandbox_json.log")
echo "fuzz_sandbox_json: $runs executions in ${per}s, no crash"
