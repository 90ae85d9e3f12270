#!/bin/sh
# Builds each tests/c/test_*.c against build/lib/libfwpay.so and the public header only, and
# runs it under valgrind: any memory error or leak (definite or indirect) fails the run.
# Each test program starts its own sandbox.
set -eu
cd "$(dirname "$0")/../.."
out=build/tests/c
mkdir -p "$out"
export FWPAY_SANDBOX="${FWPAY_SANDBOX:-build/bin/fwpay-sandbox}"
passed=0
failed=0
for source in tests/c/test_*.c; do
  name=$(basename "$source" .c)
  gcc -std=c99 -Wall -Wextra -pedantic -Werror -g -O0 -D_POSIX_C_SOURCE=200809L -Iinclude \
      "$source" tests/c/harness.c -o "$out/$name" -Lbuild/lib -lfwpay -ljansson -lpthread -Wl,-rpath,"$PWD/build/lib"
  # The Swift runtime keeps a few one-time caches ("possibly lost"); only definite and
  # indirect leaks count, as in ../shared/docs/swift-c-notes.md §6.
  if valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect \
       --show-leak-kinds=definite,indirect --error-exitcode=99 --trace-children=no "$out/$name"; then
    passed=$((passed + 1))
  else
    echo "$name FAILED (exit $?)" >&2
    failed=$((failed + 1))
  fi
done
echo "C tests under valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
