# fwpay: `make demo` and `make test` do everything, set-up included (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := all

VERSION := $(shell sed -n 's/^\#define FWP_VERSION_STRING "\(.*\)"/\1/p' Sources/CFWPay/fwpay_abi.h)
MAJOR := $(firstword $(subst ., ,$(VERSION)))
PREFIX ?= /usr/local

BUILD := build
LIBDIR := $(BUILD)/lib
BINDIR := $(BUILD)/bin
# The shared library: release, Swift runtime linked in, SONAME, only fwp_ symbols exported.
LIB_SCRATCH := .build-lib
LIB_FLAGS := -c release --scratch-path $(LIB_SCRATCH) --product fwpay -Xswiftc -static-stdlib \
	-Xlinker -soname=libfwpay.so.$(MAJOR) -Xlinker --version-script=scripts/exports.map
SWIFT_HEADER := $(LIB_SCRATCH)/release/FWPay.build/include/FWPay-Swift.h

CC ?= gcc
CFLAGS := -std=c99 -Wall -Wextra -pedantic -Werror -O2 -g -D_POSIX_C_SOURCE=200809L -Iinclude
LINK_FWPAY = -L$(LIBDIR) -lfwpay -ljansson -Wl,-rpath,'$$ORIGIN/../lib'

.PHONY: all bench deps lib header check-header cli sandbox examples demo test test-swift test-c test-tsan test-asan test-python test-browser test-sandbox test-reliability reliability faults-program fuzz install clean

all: lib cli sandbox examples

deps:
	@scripts/install-deps.sh

lib: deps
	swift build $(LIB_FLAGS)
	@mkdir -p $(LIBDIR)/pkgconfig
	cp $(LIB_SCRATCH)/release/libfwpay.so $(LIBDIR)/libfwpay.so.$(VERSION)
	ln -sf libfwpay.so.$(VERSION) $(LIBDIR)/libfwpay.so.$(MAJOR)
	ln -sf libfwpay.so.$(MAJOR) $(LIBDIR)/libfwpay.so
	cp $(LIB_SCRATCH)/release/libfwpay.so bindings/python/fwpay/libfwpay.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' scripts/fwpay.pc.in > $(LIBDIR)/pkgconfig/fwpay.pc

# Regenerate include/fwpay.h from the Swift exports (commit the result).
header: lib
	python3 scripts/gen-header.py $(SWIFT_HEADER)

# Fails when include/fwpay.h is stale, when the library's exports differ from it, or when it
# does not compile cleanly as C99, C11 and C++.
check-header: lib
	python3 scripts/gen-header.py --check $(SWIFT_HEADER)
	scripts/check-exports.sh $(LIBDIR)/libfwpay.so.$(VERSION)
	@printf '#include "fwpay.h"\nint main(void) { return 0; }\n' > $(BUILD)/header-check.c
	gcc -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	gcc -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	clang -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	g++ -std=c++17 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only -x c++ $(BUILD)/header-check.c

cli: lib
	@mkdir -p $(BINDIR)
	$(CC) $(CFLAGS) -pthread Sources/fwpay-command/*.c -o $(BINDIR)/fwpay $(LINK_FWPAY)

sandbox: deps
	swift build --product fwpay-sandbox
	@mkdir -p $(BINDIR)
	ln -sf "$$(swift build --show-bin-path)/fwpay-sandbox" $(BINDIR)/fwpay-sandbox

EXAMPLES := order_flow preauth_capture adjust_cancel refund notification_receiver
examples: lib
	@mkdir -p $(BUILD)/examples
	for example in $(EXAMPLES); do \
		$(CC) $(CFLAGS) examples/c/$$example.c -o $(BUILD)/examples/$$example -L$(LIBDIR) -lfwpay -ljansson \
			-Wl,-rpath,'$$ORIGIN/../lib' || exit 1; \
	done

demo: all
	scripts/demo.sh

test: all check-header test-swift test-sandbox test-c test-tsan test-asan test-python test-browser test-reliability fuzz
	@echo "make test: all suites passed"

test-swift: deps
	swift build --build-tests
	swift test --skip-build

# The seeds' own curl examples against a fresh sandbox.
test-sandbox: sandbox
	tests/sandbox/seed_examples.sh

test-c: lib sandbox
	tests/c/run.sh

# One client shared by 8 threads, with the library and the test under ThreadSanitizer.
TSAN_SCRATCH := .build-tsan
SWIFT_RUNTIME = $(shell dirname "$$(dirname "$$(command -v swift)")")/lib/swift/linux
test-tsan: sandbox
	swift build --scratch-path $(TSAN_SCRATCH) --sanitize=thread --product fwpay
	@mkdir -p $(BUILD)/tests/c
	clang -g -fsanitize=thread -fuse-ld=bfd -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude tests/c/test_threads.c \
		tests/c/harness.c -o $(BUILD)/tests/c/test_threads_tsan -L$(TSAN_SCRATCH)/debug -lfwpay -ljansson -lpthread \
		-L$(SWIFT_RUNTIME) -ldispatch -lBlocksRuntime -Wl,-rpath,$(CURDIR)/$(TSAN_SCRATCH)/debug:$(SWIFT_RUNTIME)
	TSAN_OPTIONS="halt_on_error=1 exitcode=66" FWPAY_SANDBOX=$(BINDIR)/fwpay-sandbox $(BUILD)/tests/c/test_threads_tsan

# The C test programs under AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer,
# against the library built with AddressSanitizer (Swift has no UBSan on Linux; it traps on
# overflow by itself).
ASAN_SCRATCH := .build-asan
test-asan: sandbox
	swift build --scratch-path $(ASAN_SCRATCH) --sanitize=address --product fwpay
	tests/c/run-sanitized.sh $(ASAN_SCRATCH)/debug

# Every reliability measure in one run and the table of its figures (docs/reliability.md):
# money-moving calls under injected faults, fuzzing, valgrind, sanitizers, secrets, durability.
RELIABILITY_CALLS ?= 1000
reliability: faults-program cli
	tests/reliability/report.sh $(RELIABILITY_CALLS) $(FUZZ_SECONDS)

faults-program: lib sandbox
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) tests/reliability/faults.c tests/c/harness.c -o $(BUILD)/tests/faults $(LINK_FWPAY) -Wl,-rpath,$(CURDIR)/$(LIBDIR)

# libFuzzer over the C functions that parse input (JSON, notifications); 60 s in make test.
FUZZ_SECONDS ?= 60
fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# The short version inside make test (the other measures run there on their own).
test-reliability: faults-program
	FWPAY_SANDBOX=$(BINDIR)/fwpay-sandbox $(BUILD)/tests/faults 200
	python3 tests/reliability/faults.py 200
	python3 tests/reliability/hostile.py

test-python: lib cli sandbox examples
	python3 -m mypy --strict bindings/python/fwpay
	python3 -m pytest -q bindings/python/tests tests/shell tests/examples tests/sandbox tests/security tests/evidence

# Benchmarks (not tests): writes bench/BENCHMARKS.md and bench/latency.png; see bench/run.sh.
bench: lib cli
	scripts/install-deps.sh --bench
	bench/run.sh

# The web pages in headless chromium (Debian's chromium and chromium-driver, Selenium);
# screenshots of every page land in build/screenshots.
test-browser: lib sandbox
	python3 -m pytest -q tests/browser

install: lib cli
	install -d $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(LIBDIR)/libfwpay.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libfwpay.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libfwpay.so.$(MAJOR)
	ln -sf libfwpay.so.$(MAJOR) $(DESTDIR)$(PREFIX)/lib/libfwpay.so
	install -m 644 include/fwpay.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(LIBDIR)/pkgconfig/fwpay.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	$(CC) $(CFLAGS) -pthread Sources/fwpay-command/*.c -o $(DESTDIR)$(PREFIX)/bin/fwpay -L$(LIBDIR) -lfwpay -ljansson \
		-Wl,-rpath,$(PREFIX)/lib

clean:
	rm -rf $(BUILD) $(LIB_SCRATCH) bindings/python/fwpay/libfwpay.so
	swift package clean
