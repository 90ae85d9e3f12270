#!/bin/bash
# make test-bindings: each language's binding (Node.js, PHP, Ruby, Java) runs its own test
# suite against a fwpay-sandbox of its own, on port 0 with a fresh database: an order flow, a
# pre-authorization (session, payer form, confirm, capture), a refund, pages, the error
# classes (an unknown outcome with its idempotency key included), notification digests, and
# concurrency (Node: 50 Promises beside a ticking timer; Ruby, Java: threads on one client).
# Then the FFI declarations are read by the parsers of LuaJIT, PHP and cffi.
#   tests/bindings/run.sh [node php ruby java ffi]
set -euo pipefail
cd "$(dirname "$0")/../.."
languages=${*:-node php ruby java ffi}
version=$(cat VERSION)
export FWPAY_LIBRARY="$PWD/build/lib/libfwpay.so.$version"
work=$(mktemp -d)
sandbox_pid=""
tls_pid=""
stop_sandbox() {
  if [ -n "$sandbox_pid" ]; then kill "$sandbox_pid" 2>/dev/null || true; wait "$sandbox_pid" 2>/dev/null || true; fi
  sandbox_pid=""
}
proxy_pid=""
trap 'stop_sandbox; [ -z "$tls_pid" ] || kill "$tls_pid" 2>/dev/null; [ -z "$proxy_pid" ] || kill "$proxy_pid" 2>/dev/null; rm -rf "$work"' EXIT

# A forward proxy on loopback (tests/forward_proxy.py): each binding sends a call through its
# proxy setting and finds the call in what the proxy saw (FWPAY_PROXY_SEEN, a line each).
export FWPAY_PROXY_SEEN="$work/proxy.seen"
python3 tests/forward_proxy.py "$FWPAY_PROXY_SEEN" > "$work/proxy.url" &
proxy_pid=$!
for _ in $(seq 1 100); do [ -s "$work/proxy.url" ] && break; sleep 0.05; done
FWPAY_PROXY_URL=$(cat "$work/proxy.url")
export FWPAY_PROXY_URL

# An https server whose certificate no bundle trusts (self-signed, for localhost): every
# binding's TLS error class is met there, at once, with the fix named.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$work/tls.key" -out "$work/tls.crt" 2> /dev/null
tls_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
openssl s_server -quiet -accept "127.0.0.1:$tls_port" -cert "$work/tls.crt" -key "$work/tls.key" -www > /dev/null 2>&1 &
tls_pid=$!
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$tls_port") 2>/dev/null && break; sleep 0.05; done
export FWPAY_TLS_BASE_URL="https://localhost:$tls_port/payments/v1"

start_sandbox() {
  rm -f "$work"/sandbox.*
  build/bin/fwpay-sandbox --port 0 --db "$work/sandbox.sqlite" > "$work/sandbox.out" 2> "$work/sandbox.err" &
  sandbox_pid=$!
  for _ in $(seq 1 200); do grep -q "listening on" "$work/sandbox.out" 2>/dev/null && break; sleep 0.05; done
  root=$(sed -n 's/.*listening on //p' "$work/sandbox.out")
  [ -n "$root" ] || { cat "$work/sandbox.err" >&2; echo "test-bindings: the sandbox did not start" >&2; exit 1; }
  export FWPAY_SANDBOX_ROOT="$root" FWPAY_BASE_URL="$root/payments/v1" FWPAY_API_KEY=sandbox-demo-key
}

# The language's order-flow example pays an order, and the payment exists on the server.
example() {
  "$@" > "$work/example.out" || { cat "$work/example.out"; echo "test-bindings: $* failed" >&2; exit 1; }
  reference=$(sed -n 's/^payment reference: \(FWU[0-9]\{9\}\)$/\1/p' "$work/example.out")
  [ -n "$reference" ] || { cat "$work/example.out"; echo "test-bindings: $* printed no payment reference" >&2; exit 1; }
  build/bin/fwpay request GET "/payments/$reference" | grep '"order_id"' > /dev/null \
    || { echo "test-bindings: payment $reference of $* is not on the server" >&2; exit 1; }
  echo "example: $reference"
}

for language in $languages; do
  echo "== $language"
  case $language in
    node)
      start_sandbox
      node --test bindings/node/test/
      tsc -p tests/bindings/node_types  # the declarations, generated ones included, as TypeScript reads them
      example node examples/node/order_flow.js
      ;;
    php)
      start_sandbox
      # No FWPAY_FFI_HEADER: the package's own lib/fwpay_scope.h declares the functions.
      phpunit --bootstrap bindings/php/tests/bootstrap.php bindings/php/tests
      example php examples/php/order_flow.php
      ;;
    ruby)
      start_sandbox
      ruby -Ibindings/ruby/lib bindings/ruby/test/test_fwpay.rb
      # The example runs from the gem as installed (its ffi dependency is Debian's ruby-ffi).
      # Built as docs/bindings.md says, from the repository's root: the gem holds the library's code.
      gem build --quiet bindings/ruby/fwpay.gemspec -o "$work/fwpay.gem"
      tar -xOf "$work/fwpay.gem" data.tar.gz | tar -tz | grep -x lib/fwpay/client.rb > /dev/null \
        || { echo "test-bindings: the gem built from the root lacks lib/fwpay/client.rb" >&2; exit 1; }
      gem install --quiet --local --no-document --ignore-dependencies --install-dir "$work/gems" "$work/fwpay.gem"
      GEM_PATH="$work/gems:$(gem env gempath)" example ruby examples/ruby/order_flow.rb
      ;;
    java)
      start_sandbox
      classpath="build/java/fwpay-$version.jar:/usr/share/java/jna.jar:/usr/share/java/gson.jar"
      java -cp "$classpath:build/java/test" dev.fwpay.ClientTest
      example java -cp "$classpath" examples/java/OrderFlow.java
      ;;
    ffi)
      luajit -e 'local ffi = require("ffi"); local f = assert(io.open("include/fwpay_ffi.h")); ffi.cdef(f:read("*a"));
                 local lib = ffi.load(os.getenv("FWPAY_LIBRARY")); print("luajit: fwpay_ffi.h parsed, libfwpay " .. ffi.string(lib.fwp_version()))'
      php -r '$ffi = FFI::cdef(file_get_contents("include/fwpay_ffi.h"), getenv("FWPAY_LIBRARY"));
              echo "php: fwpay_ffi.h parsed, libfwpay ", $ffi->fwp_version(), "\n";'
      python3 -c 'import cffi, os
ffi = cffi.FFI(); ffi.cdef(open("include/fwpay_ffi.h").read()); lib = ffi.dlopen(os.environ["FWPAY_LIBRARY"])
print("cffi: fwpay_ffi.h parsed, libfwpay", ffi.string(lib.fwp_version()).decode())'
      ;;
    *) echo "test-bindings: no language $language" >&2; exit 64 ;;
  esac
  stop_sandbox
done
echo "test-bindings: $languages passed"
