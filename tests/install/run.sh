#!/bin/bash
# make test-install: `make install` into a stage, as a packager or a user with a prefix runs
# it, then what a user does with it: the files are where GNU's directories say, stripped; the
# man page is found by man; pkg-config names the flags; a CMake project finds the package
# (and refuses an incompatible version), builds the C order flow against fwpay::fwpay and
# pays an order with it against a fresh sandbox; `make uninstall` leaves nothing behind.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(cat VERSION)
soname=$(make --no-print-directory -s -f Makefile -f - print-soname <<'RULE'
print-soname:
	@echo $(SONAME)
RULE
)
work=$(mktemp -d)
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "test-install: $*" >&2; exit 1; }

stage="$work/stage"
# Under a strict umask, as root's often is: every file still gets its mode (finding I6).
(umask 077 && make --no-print-directory -s install DESTDIR="$stage") > "$work/install.log" 2>&1 ||
  { cat "$work/install.log"; fail "make install failed"; }
wrong_modes=$(find "$stage" -type f ! -perm 644 ! -perm 755 -printf '%m %P\n')
[ -z "$wrong_modes" ] || fail "make install under umask 077 left files without their mode: $wrong_modes"
wrong_dirs=$(find "$stage" -mindepth 1 -type d ! -perm 755 -printf '%m %P\n')
[ -z "$wrong_dirs" ] || fail "make install under umask 077 left folders without their mode: $wrong_dirs"
prefix="$stage/usr/local"
for file in "lib/libfwpay.so.$version" "lib/$soname" lib/libfwpay.so include/fwpay.h include/fwpay_ffi.h lib/pkgconfig/fwpay.pc \
            lib/cmake/fwpay/fwpayConfig.cmake lib/cmake/fwpay/fwpayConfigVersion.cmake bin/fwpay share/man/man1/fwpay.1.gz; do
  [ -e "$prefix/$file" ] || fail "make install did not install $file"
done
echo "test-install: make install put $(find "$stage" -type f -o -type l | wc -l) files under prefix /usr/local"

for binary in "$prefix/lib/libfwpay.so.$version" "$prefix/bin/fwpay"; do
  if readelf -S "$binary" | grep -E '\.debug_|\.symtab' > /dev/null; then fail "$binary is not stripped"; fi
done
readelf -d "$prefix/lib/libfwpay.so.$version" | grep "SONAME.*\[$soname\]" > /dev/null || fail "the library's SONAME is not $soname"
readelf -d "$prefix/bin/fwpay" | grep -E "R(UN)?PATH.*\[/usr/local/lib\]" > /dev/null || fail "the command has no rpath to /usr/local/lib"
echo "test-install: stripped ($(stat -c %s "$prefix/lib/libfwpay.so.$version") bytes), SONAME $soname"

MANPATH="$prefix/share/man" man -w fwpay | grep "fwpay.1.gz" > /dev/null || fail "man does not find the fwpay page"
# The completion scripts where bash-completion, zsh and fish look, each loading in its shell.
bash --norc -c ". '$prefix/share/bash-completion/completions/fwpay' && complete -p fwpay" | grep "_fwpay fwpay" > /dev/null ||
  fail "the bash completion is not installed or does not load"
zsh -f -c "fpath=('$prefix/share/zsh/site-functions' \$fpath); autoload -Uz compinit; compinit -u -d '$work/zcompdump'; print -r -- \$_comps[fwpay]" |
  grep -x "_fwpay" > /dev/null || fail "the zsh completion is not installed or does not load"
fish --no-config -c "source '$prefix/share/fish/vendor_completions.d/fwpay.fish'; complete -C 'fwpay ord'" | grep "^orders" > /dev/null ||
  fail "the fish completion is not installed or does not load"
echo "test-install: completion for bash, zsh and fish installed and loaded"
MANPATH="$prefix/share/man" MANWIDTH=80 man fwpay 2>/dev/null | grep "drive Flywire's Payments API" > /dev/null || fail "the man page does not render"

export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
[ "$(pkg-config --modversion fwpay)" = "$version" ] || fail "pkg-config reports version $(pkg-config --modversion fwpay)"
flags=$(pkg-config --cflags --libs --static fwpay)
for flag in -lfwpay -ljansson -lcurl -lcrypto -I/usr/local/include; do
  grep -qe "$flag" <<< "$flags" || fail "pkg-config --static lacks $flag: $flags"
done
echo "test-install: pkg-config: $flags"

# An incompatible version is refused (before 1.0, another minor; any other major).
major=${version%%.*}; rest=${version#*.}; minor=${rest%%.*}
for wanted in "$major.$((minor + 1))" "$((major + 1)).0"; do
  if cmake -S tests/install/cmake -B "$work/refused" -DCMAKE_PREFIX_PATH="$prefix" -DFWPAY_WANTED="$wanted" \
       -DFWPAY_EXAMPLES="$PWD/examples/c" > "$work/refused.log" 2>&1; then
    fail "find_package(fwpay $wanted) accepted fwpay $version"
  fi
  grep -q "fwpay" "$work/refused.log" || fail "cmake failed for another reason: $(cat "$work/refused.log")"
  rm -rf "$work/refused"
done
cmake -S tests/install/cmake -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DFWPAY_WANTED="$major.$minor" \
  -DFWPAY_EXAMPLES="$PWD/examples/c" > "$work/cmake.log" || { cat "$work/cmake.log"; fail "cmake could not configure"; }
grep -q "found fwpay $version" "$work/cmake.log" || fail "cmake did not find fwpay $version"
cmake --build "$work/cmake" > "$work/build.log" || { cat "$work/build.log"; fail "the CMake project did not build"; }

build/bin/fwpay-sandbox --port 0 --db "$work/sandbox.sqlite" > "$work/sandbox.out" 2> "$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 100); do grep -q "listening on" "$work/sandbox.out" && break; sleep 0.1; done
address=$(sed -n 's/.*listening on //p' "$work/sandbox.out")
[ -n "$address" ] || fail "the sandbox did not start: $(cat "$work/sandbox.err")"
FWPAY_BASE_URL="$address/payments/v1" FWPAY_API_KEY=sandbox-demo-key "$work/cmake/order_flow" > "$work/flow.out" \
  || fail "the CMake-built order flow failed"
grep -q "^payment reference: " "$work/flow.out" || fail "no payment reference: $(cat "$work/flow.out")"
readelf -d "$work/cmake/order_flow" | grep "NEEDED.*\[$soname\]" > /dev/null || fail "order_flow does not need $soname"
echo "test-install: find_package(fwpay $major.$minor) -> fwpay::fwpay; $(grep '^payment reference' "$work/flow.out")"

make --no-print-directory -s uninstall DESTDIR="$stage"
left=$(find "$stage" -type f -o -type l)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "test-install: make uninstall removed every file"
