#!/bin/sh
# Runs every C test program under AddressSanitizer (with LeakSanitizer) and
# UndefinedBehaviorSanitizer, against a library built with the same sanitizers:
#   tests/c/run-sanitized.sh .build-asan/debug
set -eu
cd "$(dirname "$0")/../.."
lib=$1
runtime="$(dirname "$(dirname "$(command -v swift)")")/lib/swift/linux"
out=build/tests/c-sanitized
mkdir -p "$out"
export FWPAY_SANDBOX="${FWPAY_SANDBOX:-build/bin/fwpay-sandbox}"
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:exitcode=77"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=78"
passed=0
failed=0
for source in tests/c/test_*.c; do
  name=$(basename "$source" .c)
  clang -std=c99 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -fuse-ld=bfd \
    -D_POSIX_C_SOURCE=200809L -Iinclude "$source" tests/c/harness.c -o "$out/$name" \
    -L"$lib" -lfwpay -ljansson -lpthread -Wl,-rpath,"$PWD/$lib:$runtime" 2> "$out/$name.link.log"
  if "$out/$name" > "$out/$name.log" 2>&1; then
    passed=$((passed + 1))
  else
    echo "$name FAILED under the sanitizers:" >&2
    tail -40 "$out/$name.log" >&2
    failed=$((failed + 1))
  fi
done
echo "C tests under ASan+UBSan: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
