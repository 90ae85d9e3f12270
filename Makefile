# fwpay: `make demo` and `make test` do everything, set-up included (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := all

# The version is written once, in VERSION (scripts/version.py copies it into the sources).
VERSION := $(shell cat VERSION)
MAJOR := $(word 1,$(subst ., ,$(VERSION)))
MINOR := $(word 2,$(subst ., ,$(VERSION)))
# The SONAME's rule (major.minor before 1.0, the major after) is written once, in scripts/version.py.
SONAME := $(shell python3 scripts/version.py --soname)
SOVERSION := $(patsubst libfwpay.so.%,%,$(SONAME))
# The symbol version node of the exports (scripts/exports.map.in).
SYMBOL_NODE := FWPAY_$(SOVERSION)

# GNU installation directories; DESTDIR stages (make install DESTDIR=/tmp/stage).
PREFIX ?= /usr/local
prefix ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir ?= $(exec_prefix)/bin
libdir ?= $(exec_prefix)/lib
includedir ?= $(prefix)/include
datarootdir ?= $(prefix)/share
mandir ?= $(datarootdir)/man
# Where bash-completion, zsh and fish look for completions of installed commands.
bashcompdir ?= $(datarootdir)/bash-completion/completions
zshcompdir ?= $(datarootdir)/zsh/site-functions
fishcompdir ?= $(datarootdir)/fish/vendor_completions.d
man1dir ?= $(mandir)/man1
INSTALL ?= install
STRIP ?= strip
# As Debian's dh_strip does: symbols not needed for linking and the compiler's notes go.
STRIP_FLAGS := --strip-unneeded --remove-section=.comment --remove-section=.note

BUILD := build
LIBDIR := $(BUILD)/lib
BINDIR := $(BUILD)/bin
DIST := dist
# Read-only relocations, bound at load (what Debian's hardening asks of every binary).
SWIFT_HARDENING := -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now
# The shared library: release, Swift runtime linked in, SONAME, only fwp_ symbols exported,
# each under the symbol version node.
LIB_SCRATCH := .build-lib
# -z nodelete: dlclose never unmaps the library (Swift code must not be unloaded, and a
# client's I/O thread may outlive every handle, as when a Node worker's addon is unloaded).
LIB_FLAGS := -c release --scratch-path $(LIB_SCRATCH) --product fwpay -Xswiftc -static-stdlib \
	-Xlinker -soname=$(SONAME) -Xlinker --version-script=$(BUILD)/exports.map -Xlinker -z -Xlinker nodelete $(SWIFT_HARDENING)
SWIFT_HEADER := $(LIB_SCRATCH)/release/FWPay.build/include/FWPay-Swift.h
# The single-file sandbox: release, Swift runtime linked in.
RELEASE_SCRATCH := .build-release

CC ?= gcc
# What the C sources need, then the user's CPPFLAGS, CFLAGS and LDFLAGS (GNU conventions; the
# Debian packages pass dpkg-buildflags' hardening flags this way).
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c99 -Wall -Wextra -pedantic -Werror -D_POSIX_C_SOURCE=200809L -Iinclude $(CPPFLAGS) $(CFLAGS)
LINK_FWPAY = -L$(LIBDIR) -lfwpay -ljansson -Wl,-rpath,'$$ORIGIN/../lib'
# The command also uses libjq (--jq) and inih (profiles).
COMMAND_LIBS := -ljq -linih

.PHONY: all bench deps lib packages image version openapi faces check-faces node-addon java-jar bindings test-bindings test-servers header check-header install-sandbox uninstall dist wheel deb test-install test-dist cli sandbox examples demo test test-swift test-c test-tsan test-asan test-python test-browser test-sandbox test-reliability reliability faults-program fuzz install clean

all: lib cli sandbox examples

deps:
	@scripts/install-deps.sh

# The library alone needs only its own tools (install-deps.sh --lib): the routes that build from
# source (make node-addon, make install) install nothing else.
lib:
	@scripts/install-deps.sh --lib
	@mkdir -p $(LIBDIR)/pkgconfig
	sed 's/@SYMBOL_NODE@/$(SYMBOL_NODE)/' scripts/exports.map.in > $(BUILD)/exports.map.new
	cmp -s $(BUILD)/exports.map.new $(BUILD)/exports.map || mv $(BUILD)/exports.map.new $(BUILD)/exports.map
	swift build $(LIB_FLAGS)
	rm -f $(LIBDIR)/libfwpay.so*
	cp $(LIB_SCRATCH)/release/libfwpay.so $(LIBDIR)/libfwpay.so.$(VERSION)
	ln -sf libfwpay.so.$(VERSION) $(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(LIBDIR)/libfwpay.so
	cp $(LIB_SCRATCH)/release/libfwpay.so bindings/python/fwpay/libfwpay.so

# Writes the version from VERSION into the sources that compile it in (commit the result).
version:
	python3 scripts/version.py

# Regenerate include/fwpay.h from the Swift exports (commit the result).
# Every face of the operations, from their one description (api/operations.json): fwp_call's
# table, the bindings' resources, docs/operations.md. check-faces fails when one is stale.
faces:
	python3 scripts/gen-faces.py

check-faces:
	python3 scripts/gen-faces.py --check

header: lib
	python3 scripts/gen-header.py $(SWIFT_HEADER)

# Fails when include/fwpay.h is stale, when the library's exports differ from it, or when it
# does not compile cleanly as C99, C11 and C++.
check-header: lib
	python3 scripts/version.py --check
	python3 scripts/gen-header.py --check $(SWIFT_HEADER)
	scripts/check-exports.sh $(LIBDIR)/libfwpay.so.$(VERSION) $(SONAME) $(SYMBOL_NODE)
	@printf '#include "fwpay.h"\nint main(void) { return 0; }\n' > $(BUILD)/header-check.c
	gcc -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	gcc -std=c11 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	clang -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/header-check.c
	g++ -std=c++17 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only -x c++ $(BUILD)/header-check.c

cli: lib deps
	@mkdir -p $(BINDIR)
	$(CC) $(ALL_CFLAGS) -pthread Sources/fwpay-command/*.c -o $(BINDIR)/fwpay $(LINK_FWPAY) $(COMMAND_LIBS)

sandbox: deps
	swift build --product fwpay-sandbox
	@mkdir -p $(BINDIR)
	ln -sf "$$(swift build --show-bin-path)/fwpay-sandbox" $(BINDIR)/fwpay-sandbox

EXAMPLES := order_flow preauth_capture adjust_cancel refund notification_receiver event_loop
examples: lib
	@mkdir -p $(BUILD)/examples
	for example in $(EXAMPLES); do \
		$(CC) $(ALL_CFLAGS) examples/c/$$example.c -o $(BUILD)/examples/$$example -L$(LIBDIR) -lfwpay -ljansson \
			-Wl,-rpath,'$$ORIGIN/../lib' || exit 1; \
	done

demo: all
	scripts/demo.sh

test: all check-header check-faces test-swift test-sandbox test-c test-tsan test-asan test-python test-browser test-reliability fuzz \
	test-bindings test-servers test-install test-dist
	@echo "make test: all suites passed"

test-swift: deps
	swift build --build-tests
	swift test --skip-build

# The seeds' own curl examples against a fresh sandbox.
test-sandbox: sandbox
	tests/sandbox/seed_examples.sh

test-c: lib sandbox
	tests/c/run.sh

# One client shared by 8 threads, and calls started from one thread and ended on the
# client's I/O thread (test_started), with the library and the tests under ThreadSanitizer.
TSAN_SCRATCH := .build-tsan
SWIFT_RUNTIME = $(shell dirname "$$(dirname "$$(command -v swift)")")/lib/swift/linux
TSAN_TESTS := test_threads test_started
test-tsan: sandbox
	swift build --scratch-path $(TSAN_SCRATCH) --sanitize=thread --product fwpay
	@mkdir -p $(BUILD)/tests/c
	for test in $(TSAN_TESTS); do \
		clang -g -fsanitize=thread -fuse-ld=bfd -std=c99 -D_POSIX_C_SOURCE=200809L -Iinclude tests/c/$$test.c \
			tests/c/harness.c -o $(BUILD)/tests/c/$${test}_tsan -L$(TSAN_SCRATCH)/debug -lfwpay -ljansson -lpthread \
			-L$(SWIFT_RUNTIME) -ldispatch -lBlocksRuntime -Wl,-rpath,$(CURDIR)/$(TSAN_SCRATCH)/debug:$(SWIFT_RUNTIME) || exit 1; \
		TSAN_OPTIONS="halt_on_error=1 exitcode=66" FWPAY_SANDBOX=$(BINDIR)/fwpay-sandbox $(BUILD)/tests/c/$${test}_tsan || exit 1; \
	done

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
	$(CC) $(ALL_CFLAGS) tests/reliability/faults.c tests/c/harness.c -o $(BUILD)/tests/faults $(LINK_FWPAY) -Wl,-rpath,$(CURDIR)/$(LIBDIR)

# libFuzzer over the C functions that parse input (JSON, notifications); 60 s in make test.
FUZZ_SECONDS ?= 60
fuzz:
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# The short version inside make test (the other measures run there on their own).
test-reliability: faults-program
	FWPAY_SANDBOX=$(BINDIR)/fwpay-sandbox $(BUILD)/tests/faults 200
	FWPAY_SANDBOX=$(BINDIR)/fwpay-sandbox $(BUILD)/tests/faults 200 --started
	python3 tests/reliability/faults.py 200
	python3 tests/reliability/faults.py 200 --started
	python3 tests/reliability/hostile.py

test-python: lib cli sandbox examples
	python3 -m mypy --strict bindings/python/fwpay
	python3 -m pytest -q -n 2 bindings/python/tests tests/shell tests/examples tests/sandbox tests/security tests/evidence tests/openapi

# Writes docs/openapi.json, the sandbox's OpenAPI description, into the sandbox's sources
# (commit the result; tests/openapi fails when it is stale).
openapi:
	python3 scripts/embed-openapi.py

# Benchmarks (not tests): writes bench/BENCHMARKS.md and bench/latency.png; see bench/run.sh.
bench: lib cli dist bindings
	scripts/install-deps.sh --bench
	scripts/install-deps.sh --bindings
	bench/run.sh

# make install into a stage: a CMake project finds the package and pays an order, pkg-config
# names the flags, the files are stripped, make uninstall removes every one.
test-install: lib sandbox
	scripts/install-deps.sh --dist
	tests/install/run.sh

# What is shipped, as a user without Swift gets it: the wheel in a fresh venv and the .debs
# in a throwaway root, each running a flow against dist/fwpay-sandbox, the toolchain hidden;
# then every package of make packages, the wheel and the .debs installed the way their
# ecosystem installs, each in a clean Debian root (debootstrap) with only its runtime.
test-dist: packages image
	python3 -m pytest -q -n 2 --dist loadfile tests/dist

# Each ecosystem's installable artefact in dist/, self-contained like the wheel
# (scripts/make-packages.py): the npm tarball, the platform gem, the jar and its pom, the
# Composer zip; beside the wheel, the .debs and the single-file sandbox.
packages: wheel deb bindings
	@scripts/install-deps.sh --packages
	scripts/make-packages.py

# The sandbox's OCI image (scripts/make-image.sh, packaging/oci/Containerfile): built by buildah
# with no Docker engine and no base image pulled; fwpay-sandbox:VERSION in the local containers
# storage and dist/fwpay-sandbox-VERSION.oci.tar.
image: dist
	@scripts/install-deps.sh --packages
	scripts/make-image.sh

# The bindings of other languages (bindings/<language>, docs/bindings.md): the Node-API addon,
# built with the system compiler; the Java jar, built with javac against Debian's JNA and Gson.
# The addon links the libfwpay this tree builds (a copy beside it, loaded by its SONAME), or,
# when make is asked for the source routes alone (node-addon, java-jar) and pkg-config finds
# this version installed (libfwpay-dev, make install), the installed one: then neither Swift
# nor the tests' tools are needed. Any other goal (test, bench, packages...) builds and runs
# this tree's library, whatever is installed; FWPAY_FROM=build or =installed says it outright.
# (Decided here, as make reads the file: ifeq below picks the rule before any target runs.)
SOURCE_ROUTES := node-addon java-jar
FWPAY_FROM ?= $(if $(and $(MAKECMDGOALS),$(if $(filter-out $(SOURCE_ROUTES),$(MAKECMDGOALS)),,yes), \
	$(shell pkg-config --exists 'fwpay = $(VERSION)' 2>/dev/null && echo yes)),installed,build)
NODE_ADDON_DIR ?= bindings/node/build
NODE_ADDON := $(NODE_ADDON_DIR)/fwpay.node
ADDON_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -fPIC -shared -DNODE_GYP_MODULE_NAME=fwpay -I/usr/include/node
ifeq ($(FWPAY_FROM),installed)
node-addon:
	@scripts/install-deps.sh --node
	@mkdir -p $(NODE_ADDON_DIR)
	$(CC) $(ADDON_CFLAGS) $$(pkg-config --cflags fwpay) bindings/node/src/addon.c -o $(NODE_ADDON) \
		$$(pkg-config --libs fwpay) -Wl,-z,nodelete
else
node-addon: lib
	@scripts/install-deps.sh --node
	@mkdir -p $(NODE_ADDON_DIR)
	cp $(LIBDIR)/libfwpay.so.$(VERSION) $(NODE_ADDON_DIR)/$(SONAME)
	$(CC) $(ADDON_CFLAGS) -Iinclude bindings/node/src/addon.c -o $(NODE_ADDON) -L$(LIBDIR) -lfwpay -ljansson \
		-Wl,-rpath,'$$ORIGIN' -Wl,-z,nodelete
endif

JAVA_CLASSPATH := /usr/share/java/jna.jar:/usr/share/java/gson.jar
JAVA_JAR_DIR ?= $(BUILD)/java
JAVA_JAR := $(JAVA_JAR_DIR)/fwpay-$(VERSION).jar
java-jar:
	@scripts/install-deps.sh --java
	rm -rf $(JAVA_JAR_DIR) && mkdir -p $(JAVA_JAR_DIR)/classes $(JAVA_JAR_DIR)/test
	javac -Xlint:all,-serial -Werror --release 17 -cp $(JAVA_CLASSPATH) -d $(JAVA_JAR_DIR)/classes bindings/java/src/main/java/dev/fwpay/*.java
	jar --create --file $(JAVA_JAR) -C $(JAVA_JAR_DIR)/classes .
	javac -Xlint:all,-serial -Werror --release 17 -cp $(JAVA_JAR):$(JAVA_CLASSPATH) -d $(JAVA_JAR_DIR)/test bindings/java/src/test/java/dev/fwpay/*.java

bindings: node-addon java-jar

test-bindings: lib sandbox bindings
	scripts/install-deps.sh --bindings
	tests/bindings/run.sh
	python3 -m pytest -q -n 2 tests/conformance

# fwpay inside the servers users run it in (tests/servers, docs/servers.md): os.fork,
# multiprocessing, gunicorn --preload, uWSGI, Ruby fork and unicorn preload_app, php-fpm with
# Debian's default pool, hosts with a NULL or strange environ, Java's virtual threads; each
# server real, on loopback, against a sandbox of its own.
test-servers: lib sandbox bindings
	scripts/install-deps.sh --servers
	python3 -m pytest -q -n 2 tests/servers

# The web pages in headless chromium (Debian's chromium and chromium-driver, Selenium);
# screenshots of every page land in build/screenshots.
test-browser: lib sandbox
	python3 -m pytest -q tests/browser

# GNU-style installation (see the directories above): the stripped library and its links,
# the header, pkg-config and CMake package files, the command and its man page. The command
# gets an rpath only when libdir is not a directory the dynamic linker searches by itself.
SYSTEM_LIBDIRS := /lib /usr/lib /lib64 /usr/lib64 /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu
COMMAND_RPATH = $(if $(filter $(libdir),$(SYSTEM_LIBDIRS)),,-Wl,-rpath,$(libdir))
CMAKEDIR := $(libdir)/cmake/fwpay
SUBSTITUTE = sed -e 's|@prefix@|$(prefix)|' -e 's|@exec_prefix@|$(exec_prefix)|' -e 's|@libdir@|$(libdir)|' \
	-e 's|@includedir@|$(includedir)|' -e 's|@VERSION@|$(VERSION)|' -e 's|@MAJOR@|$(MAJOR)|' -e 's|@MINOR@|$(MINOR)|' \
	-e 's|@SONAME@|$(SONAME)|' -e "s|@LIBDIR_FROM_HERE@|$$(realpath -m --relative-to=$(CMAKEDIR) $(libdir))|" \
	-e "s|@INCLUDEDIR_FROM_HERE@|$$(realpath -m --relative-to=$(CMAKEDIR) $(includedir))|"
INSTALLED := $(libdir)/libfwpay.so.$(VERSION) $(libdir)/$(SONAME) $(libdir)/libfwpay.so $(includedir)/fwpay.h $(includedir)/fwpay_ffi.h \
	$(libdir)/pkgconfig/fwpay.pc $(CMAKEDIR)/fwpayConfig.cmake $(CMAKEDIR)/fwpayConfigVersion.cmake \
	$(bindir)/fwpay $(man1dir)/fwpay.1.gz $(bashcompdir)/fwpay $(zshcompdir)/_fwpay $(fishcompdir)/fwpay.fish \
	$(addprefix $(datarootdir)/fwpay/fixtures/,$(notdir $(wildcard share/fwpay/fixtures/*.json)))
install: lib cli
	$(INSTALL) -d $(DESTDIR)$(libdir)/pkgconfig $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(includedir) $(DESTDIR)$(bindir) \
		$(DESTDIR)$(man1dir) $(DESTDIR)$(bashcompdir) $(DESTDIR)$(zshcompdir) $(DESTDIR)$(fishcompdir) \
		$(DESTDIR)$(datarootdir)/fwpay/fixtures
	$(INSTALL) -m 644 $(LIBDIR)/libfwpay.so.$(VERSION) $(DESTDIR)$(libdir)/
	$(STRIP) $(STRIP_FLAGS) $(DESTDIR)$(libdir)/libfwpay.so.$(VERSION)
	ln -sf libfwpay.so.$(VERSION) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libfwpay.so
	$(INSTALL) -m 644 include/fwpay.h include/fwpay_ffi.h $(DESTDIR)$(includedir)/
	$(SUBSTITUTE) scripts/fwpay.pc.in > $(DESTDIR)$(libdir)/pkgconfig/fwpay.pc
	$(SUBSTITUTE) scripts/cmake/fwpayConfig.cmake.in > $(DESTDIR)$(CMAKEDIR)/fwpayConfig.cmake
	$(SUBSTITUTE) scripts/cmake/fwpayConfigVersion.cmake.in > $(DESTDIR)$(CMAKEDIR)/fwpayConfigVersion.cmake
	$(CC) $(ALL_CFLAGS) -pthread Sources/fwpay-command/*.c -o $(DESTDIR)$(bindir)/fwpay -L$(LIBDIR) -lfwpay -ljansson \
		$(COMMAND_LIBS) $(COMMAND_RPATH) $(LDFLAGS)
	$(STRIP) $(STRIP_FLAGS) $(DESTDIR)$(bindir)/fwpay
	gzip -9n < docs/fwpay.1 > $(DESTDIR)$(man1dir)/fwpay.1.gz
	$(BINDIR)/fwpay completion bash > $(DESTDIR)$(bashcompdir)/fwpay
	$(BINDIR)/fwpay completion zsh > $(DESTDIR)$(zshcompdir)/_fwpay
	$(BINDIR)/fwpay completion fish > $(DESTDIR)$(fishcompdir)/fwpay.fish
	$(INSTALL) -m 644 share/fwpay/fixtures/*.json $(DESTDIR)$(datarootdir)/fwpay/fixtures/
	@# What was written through a redirection got the caller's umask: every file gets its mode.
	chmod 644 $(DESTDIR)$(libdir)/pkgconfig/fwpay.pc $(DESTDIR)$(CMAKEDIR)/fwpayConfig.cmake \
		$(DESTDIR)$(CMAKEDIR)/fwpayConfigVersion.cmake $(DESTDIR)$(man1dir)/fwpay.1.gz $(DESTDIR)$(bashcompdir)/fwpay \
		$(DESTDIR)$(zshcompdir)/_fwpay $(DESTDIR)$(fishcompdir)/fwpay.fish
	chmod 755 $(DESTDIR)$(bindir)/fwpay
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" -eq 0 ]; then ldconfig; fi

# The single-file sandbox, its man page (from its --help, by help2man) and its systemd unit
# (not enabled), beside the rest.
systemdunitdir ?= $(prefix)/lib/systemd/system
install-sandbox: dist
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir) $(DESTDIR)$(systemdunitdir)
	$(INSTALL) -m 755 $(DIST)/fwpay-sandbox $(DESTDIR)$(bindir)/
	gzip -9n < $(BUILD)/man/fwpay-sandbox.1 > $(DESTDIR)$(man1dir)/fwpay-sandbox.1.gz
	chmod 644 $(DESTDIR)$(man1dir)/fwpay-sandbox.1.gz
	$(INSTALL) -m 644 packaging/systemd/fwpay-sandbox.service $(DESTDIR)$(systemdunitdir)/

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED)) $(DESTDIR)$(bindir)/fwpay-sandbox $(DESTDIR)$(man1dir)/fwpay-sandbox.1.gz \
		$(DESTDIR)$(systemdunitdir)/fwpay-sandbox.service
	-rmdir $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(datarootdir)/fwpay/fixtures $(DESTDIR)$(datarootdir)/fwpay 2>/dev/null

# The Python wheel: py3-none (ctypes, any Python 3), repaired by auditwheel into a manylinux
# wheel that carries its libraries (libcurl, jansson, OpenSSL...), stripped.
wheel: lib
	scripts/install-deps.sh --dist
	rm -rf $(BUILD)/wheel bindings/python/build && mkdir -p $(BUILD)/wheel $(DIST)
	python3 -m pip wheel --quiet --no-deps --no-build-isolation -w $(BUILD)/wheel ./bindings/python
	rm -f $(DIST)/fwpay-*.whl
	python3 -m auditwheel repair --strip -w $(DIST) $(BUILD)/wheel/fwpay-$(VERSION)-py3-none-linux_x86_64.whl

# The Debian packages, from a DESTDIR stage, checked by lintian (docs/building.md); built
# with every hardening flag dpkg-buildflags knows.
DEB_FLAGS := DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags
MULTIARCH := $(shell dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
deb: lib dist
	scripts/install-deps.sh --dist
	rm -rf $(BUILD)/deb
	$(MAKE) --no-print-directory install install-sandbox DESTDIR=$(CURDIR)/$(BUILD)/deb/stage prefix=/usr \
		libdir=/usr/lib/$(MULTIARCH) zshcompdir=/usr/share/zsh/vendor-completions systemdunitdir=/lib/systemd/system CFLAGS="$$($(DEB_FLAGS) --get CFLAGS)" \
		CPPFLAGS="$$($(DEB_FLAGS) --get CPPFLAGS)" LDFLAGS="$$($(DEB_FLAGS) --get LDFLAGS)"
	scripts/make-debs.sh $(BUILD)/deb/stage $(SOVERSION) $(DIST)/deb
	@# initial-upload-closes-no-bugs asks a first upload to Debian's archive to close its ITP
	@# bug; these packages are not uploaded there. spelling-error-in-binary flags strings of
	@# the Swift runtime and ICU linked in. Other information tags are shown, not fatal.
	lintian -I --fail-on error,warning --suppress-tags initial-upload-closes-no-bugs,spelling-error-in-binary \
		$(DIST)/deb/*.deb

# dist/: what is shipped. The sandbox as one release binary with the Swift runtime linked in
# (it runs where no Swift is installed), and its man page.
dist: deps
	scripts/install-deps.sh --dist
	swift build -c release --product fwpay-sandbox --static-swift-stdlib --scratch-path $(RELEASE_SCRATCH) $(SWIFT_HARDENING)
	@mkdir -p $(DIST) $(BUILD)/man
	$(STRIP) $(STRIP_FLAGS) -o $(DIST)/fwpay-sandbox $(RELEASE_SCRATCH)/release/fwpay-sandbox
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || date +%s) help2man -N --no-discard-stderr \
		-n "a local, stateful implementation of Flywire's Payments API" -o $(BUILD)/man/fwpay-sandbox.1 $(DIST)/fwpay-sandbox

clean:
	rm -rf $(BUILD) $(DIST) $(LIB_SCRATCH) $(RELEASE_SCRATCH) bindings/python/fwpay/libfwpay.so
	swift package clean
