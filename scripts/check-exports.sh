#!/bin/sh
# Fails unless libfwpay.so exports exactly the functions include/fwpay.h declares, nothing
# else (no Swift runtime, no curl wrappers), needs no Swift runtime library, contains no
# Foundation, and carries the SONAME libfwpay.so.<major>.
#   scripts/check-exports.sh path/to/libfwpay.so
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
major=$(sed -n 's/^#define FWP_VERSION_MAJOR \([0-9]*\)$/\1/p' include/fwpay.h)
if ! readelf -d "$so" | grep -q "SONAME.*\[libfwpay.so.$major\]"; then
  echo "check-exports: $so does not carry the SONAME libfwpay.so.$major" >&2
  exit 1
fi
echo "check-exports: $(wc -l < "$tmp/so") functions exported, all declared in include/fwpay.h; SONAME libfwpay.so.$major; no Swift runtime needed"
