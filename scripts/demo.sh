#!/bin/sh
# make demo: starts a sandbox on a fresh SQLite database, runs the order flow from C, Python
# and the shell against it, prints each payment reference, and stops the sandbox.
set -eu
cd "$(dirname "$0")/.."
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

build/bin/fwpay-sandbox --port 0 --db "$work/sandbox.sqlite" > "$work/sandbox.out" 2> "$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$work/sandbox.out" 2>/dev/null && break
  kill -0 "$sandbox_pid" 2>/dev/null || { cat "$work/sandbox.err" >&2; echo "demo: the sandbox did not start" >&2; exit 1; }
  sleep 0.1
done
address=$(sed -n 's/.*listening on //p' "$work/sandbox.out")
[ -n "$address" ] || { echo "demo: the sandbox did not say where it listens" >&2; exit 1; }
export FWPAY_BASE_URL="$address/payments/v1" FWPAY_API_KEY="sandbox-demo-key"
echo "sandbox: $FWPAY_BASE_URL (database $work/sandbox.sqlite)"

run() {
  name=$1; shift
  echo
  echo "== $name: $*"
  "$@" | tee "$work/$name.out"
  grep -o 'payment reference: [A-Z0-9]*' "$work/$name.out" | sed 's/payment reference: //' > "$work/$name.ref"
}
run C build/examples/order_flow
PYTHONPATH=bindings/python run Python python3 examples/python/order_flow.py
FWPAY=build/bin/fwpay run Shell examples/shell/order_flow.sh

echo
echo "Payment references:"
for name in C Python Shell; do
  reference=$(cat "$work/$name.ref")
  [ -n "$reference" ] || { echo "demo: the $name example printed no payment reference" >&2; exit 1; }
  printf '  %-7s %s\n' "$name" "$reference"
done
