#!/bin/sh
# Fails unless libfwpay.so exports exactly the functions include/fwpay.h declares, nothing
# else (no Swift runtime, no curl wrappers), needs no Swift runtime library, contains no
# Foundation, carries the SONAME the Makefile names and puts every function under its symbol
# version node.
#   scripts/check-exports.sh path/to/libfwpay.so SONAME NODE
set -eu
cd "$(dirname "$0")/.."
so="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$so" | awk '$2 ~ /^[TDBRWVGSi]$/ { print $3 }' | sed 's/@.*//' | sort -u > "$tmp/so"
grep -oE '^extern [^;]*[ *]fwp_[a-z0-9_]+\(' include/fwpay.h | grep -oE 'fwp_[a-z0-9_]+\($' | tr -d '(' | sort -u > "$tmp/h"
if ! diff -u "$tmp/h" "$tmp/so"; then
  echo "check-exports: the symbols of $so differ from include/fwpay.h (- header, + library)" >&2
  exit 1
fi
if readelf -d "$so" | grep NEEDED | grep -iE 'swift|Foundation|dispatch'; then
  echo "check-exports: $so needs a Swift runtime or Foundation library (see above)" >&2
  exit 1
fi
# The core must stay free of Foundation (it would add about 60 MB to the library).
if grep -rnE '^\s*(@_exported\s+)?import\s+(Foundation|FoundationEssentials)\b' Sources/FWPay; then
  echo "check-exports: Sources/FWPay imports Foundation (see above)" >&2
  exit 1
fi
if nm "$so" 2>/dev/null | grep -q 'Foundation'; then
  echo "check-exports: $so contains Foundation symbols" >&2
  exit 1
fi
soname="$2"
node="$3"
if ! readelf -d "$so" | grep -q "SONAME.*\[$soname\]"; then
  echo "check-exports: $so does not carry the SONAME $soname" >&2
  exit 1
fi
unversioned=$(nm -D --defined-only "$so" | awk '$3 ~ /^fwp_/ && $3 !~ /@@'"$node"'$/ { print $3 }')
if [ -n "$unversioned" ]; then
  echo "check-exports: these functions are not under the version node $node: $unversioned" >&2
  exit 1
fi
echo "check-exports: $(wc -l < "$tmp/so") functions exported under $node, all declared in include/fwpay.h; SONAME $soname; no Swift runtime needed"
