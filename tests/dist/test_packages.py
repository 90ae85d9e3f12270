"""What is shipped, as a user without Swift gets it (make test-dist, after make wheel and
make deb): the manylinux wheel in a fresh venv and the Debian packages in a throwaway root,
each running a flow against dist/fwpay-sandbox with the Swift toolchain hidden (covered by
an empty tmpfs, no LD_LIBRARY_PATH, PATH=/usr/bin:/bin)."""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import time
from typing import Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()
DIST = ROOT / "dist"
SANDBOX = DIST / "fwpay-sandbox"
HIDE = str(ROOT / "tests" / "dist" / "hidden-toolchain.sh")
SWIFT = shutil.which("swift")
assert SWIFT, "the tests hide the Swift toolchain, so they need to know where it is"
TOOLCHAIN = str(pathlib.Path(os.path.realpath(SWIFT)).parents[2])  # .../usr/bin/swift -> the toolchain's root
MULTIARCH = subprocess.run(["dpkg-architecture", "-qDEB_HOST_MULTIARCH"], capture_output=True, text=True,
                           check=True).stdout.strip()


def hidden(*command: str, env: dict[str, str] | None = None, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    assignments = [f"{name}={value}" for name, value in (env or {}).items()]
    return subprocess.run([HIDE, TOOLCHAIN, *assignments, *command], capture_output=True, text=True, timeout=timeout)


def the_wheel() -> pathlib.Path:
    wheels = sorted(DIST.glob(f"fwpay-{VERSION}-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_the_toolchain_is_really_hidden() -> None:
    seen = hidden("sh", "-c", f"ls -A {TOOLCHAIN} | wc -l; command -v swift || echo none; echo \"$LD_LIBRARY_PATH\"")
    assert seen.returncode == 0, seen.stderr
    assert seen.stdout.split() == ["0", "none"], seen.stdout


def test_the_wheel_is_manylinux_and_stripped(tmp_path: pathlib.Path) -> None:
    wheel = the_wheel()
    assert re.fullmatch(rf"fwpay-{re.escape(VERSION)}-py3-none-manylinux_2_\d+_x86_64\.whl", wheel.name), wheel.name
    shown = subprocess.run(["python3", "-m", "auditwheel", "show", str(wheel)], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    tag = re.search(r'consistent with the\s+following platform tag:\s+"manylinux_2_(\d+)_x86_64"', shown.stdout)
    assert tag, shown.stdout
    # RHEL, Rocky and Alma 9 and Amazon Linux 2023 have glibc 2.34 (glibc_floor.c keeps it so).
    assert int(tag.group(1)) <= 34, f"the wheel needs glibc 2.{tag.group(1)}: {wheel.name}"
    listing = subprocess.run(["python3", "-m", "zipfile", "-l", str(wheel)], capture_output=True, text=True, check=True).stdout
    assert "fwpay/libfwpay.so" in listing and "fwpay.libs/libcurl" in listing and "LICENSE" in listing
    subprocess.run(["python3", "-m", "zipfile", "-e", str(wheel), str(tmp_path)], check=True)
    for library in [tmp_path / "fwpay" / "libfwpay.so", *(tmp_path / "fwpay.libs").iterdir()]:
        sections = subprocess.run(["readelf", "-S", str(library)], capture_output=True, text=True, check=True).stdout
        assert ".debug_info" not in sections and ".symtab" not in sections, f"{library.name} is not stripped"
    print(f"{wheel.name}: {wheel.stat().st_size} bytes")


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """A fresh venv with the wheel installed from the file alone (no index)."""
    where = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run(["python3", "-m", "venv", str(where)], check=True, timeout=300)
    install = subprocess.run([str(where / "bin" / "pip"), "install", "--quiet", "--no-index", str(the_wheel())],
                             capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stderr
    yield where


def test_the_wheel_runs_a_whole_flow_without_swift(venv: pathlib.Path, tmp_path: pathlib.Path) -> None:
    run = hidden(str(venv / "bin" / "python"), str(ROOT / "tests" / "dist" / "flow.py"), str(SANDBOX),
                 str(ROOT / "examples" / "python"), str(tmp_path), timeout=600)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["fwpay_file"].startswith(str(venv)), seen["fwpay_file"]
    assert seen["version"] == seen["library_version"] == seen["sandbox_version"] == VERSION
    assert re.search(r"payment reference: FWU\d{9}", seen["outputs"]["order_flow.py"])
    assert "captured 50000 USD" in seen["outputs"]["preauth_capture.py"]
    assert "approved: 1 refund(s)" in seen["outputs"]["refund.py"]
    for side in ("python_libraries", "sandbox_libraries"):
        assert not [path for path in seen[side] if "swift" in path.lower() or path.startswith(TOOLCHAIN)], seen[side]
    assert any("fwpay.libs" in path for path in seen["python_libraries"]), "the grafted libraries were not used"
    for binary in (SANDBOX, *venv.glob("lib/python*/site-packages/fwpay/libfwpay.so")):
        ldd = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True, env={"PATH": "/usr/bin:/bin"})
        assert "swift" not in ldd.stdout.lower() and "not found" not in ldd.stdout, ldd.stdout


def test_the_wheel_refuses_a_library_of_another_minor(venv: pathlib.Path, tmp_path: pathlib.Path) -> None:
    library = next(venv.glob("lib/python*/site-packages/fwpay/libfwpay.so"))
    impostor = tmp_path / "libfwpay.so"
    text = library.read_bytes()
    major, minor, _ = VERSION.split(".")
    other = f"{major}.{int(minor) + 1}.0".encode()
    assert len(other) == len(VERSION.encode()) and text.count(VERSION.encode() + b"\0") >= 1
    impostor.write_bytes(text.replace(VERSION.encode() + b"\0", other + b"\0"))
    result = subprocess.run([str(venv / "bin" / "python"), "-c", "import fwpay"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "FWPAY_LIBRARY": str(impostor),
                                 "LD_LIBRARY_PATH": str(library.parent.parent / "fwpay.libs")}, timeout=60)
    assert result.returncode != 0
    assert f"fwpay {VERSION} needs libfwpay {major}.{minor}.x" in result.stderr and other.decode() in result.stderr, result.stderr


def debs() -> list[pathlib.Path]:
    found = sorted((DIST / "deb").glob(f"*_{VERSION}-1_*.deb"))
    names = {path.name.split("_")[0] for path in found}
    major, minor, _ = VERSION.split(".")
    soversion = f"{major}.{minor}" if major == "0" else major
    assert names == {f"libfwpay{soversion}", "libfwpay-dev", "fwpay", "fwpay-sandbox"}, names
    return found


def test_the_debs_are_clean_under_lintian() -> None:
    result = subprocess.run(["lintian", "--fail-on", "error,warning", "--suppress-tags", "initial-upload-closes-no-bugs",
                             *map(str, debs())], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]: ", result.stdout, re.M), result.stdout


def test_pkg_config_works_with_what_libfwpay_dev_depends_on(tmp_path: pathlib.Path) -> None:
    """`pkg-config --cflags --libs fwpay` right after installing libfwpay-dev: pkg-config sees
    fwpay.pc and the .pc files of the -dev packages libfwpay-dev depends on, nothing else."""
    dev = next(deb for deb in debs() if deb.name.startswith("libfwpay-dev_"))
    subprocess.run(["dpkg-deb", "-x", str(dev), str(tmp_path / "dev")], check=True)
    depends = subprocess.run(["dpkg-deb", "-f", str(dev), "Depends"], capture_output=True, text=True, check=True).stdout
    search = tmp_path / "pkgconfig"
    search.mkdir()
    shutil.copy(tmp_path / "dev" / "usr" / "lib" / MULTIARCH / "pkgconfig" / "fwpay.pc", search)
    for dependency in depends.split(","):
        package = dependency.split("|")[0].split("(")[0].strip()
        if package.startswith("libfwpay"):
            continue
        files = subprocess.run(["dpkg", "-L", package], capture_output=True, text=True, check=True).stdout.split()
        for pc in (pathlib.Path(f) for f in files if f.endswith(".pc")):
            shutil.copy(pc, search)
    env = {"PKG_CONFIG_LIBDIR": str(search), "PATH": "/usr/bin:/bin"}
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "fwpay"], env=env, capture_output=True, text=True)
    assert flags.returncode == 0, flags.stderr
    assert "-lfwpay" in flags.stdout and "-ljansson" in flags.stdout, flags.stdout
    static = subprocess.run(["pkg-config", "--libs", "--static", "fwpay"], env=env, capture_output=True, text=True)
    assert static.returncode == 0 and "-lcurl" in static.stdout and "-lcrypto" in static.stdout, static.stdout + static.stderr


def test_the_debs_install_and_run(tmp_path: pathlib.Path) -> None:
    """Into a throwaway root whose dpkg database is a copy of this machine's, so that the
    dependencies dpkg-shlibdeps wrote are checked against what is really installed."""
    root = tmp_path / "root"
    (root / "var" / "lib" / "dpkg" / "updates").mkdir(parents=True)
    (root / "var" / "lib" / "dpkg" / "info").mkdir()
    shutil.copy("/var/lib/dpkg/status", root / "var" / "lib" / "dpkg" / "status")
    (root / "var" / "lib" / "dpkg" / "available").touch()
    install = subprocess.run(["dpkg", f"--root={root}", "--force-script-chrootless", "--no-triggers", "--install",
                              *map(str, debs())], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, install.stdout + install.stderr
    listed = subprocess.run(["dpkg", f"--root={root}", "-l", "fwpay", "fwpay-sandbox", "libfwpay-dev"],
                            capture_output=True, text=True, check=True).stdout
    assert len(re.findall(r"^ii ", listed, re.M)) == 3, listed
    library_dir = root / "usr" / "lib" / MULTIARCH
    env = {"LD_LIBRARY_PATH": str(library_dir)}
    version = hidden(str(root / "usr" / "bin" / "fwpay"), "--version", env=env)
    assert version.returncode == 0 and version.stdout.startswith(f"fwpay {VERSION} (libfwpay {VERSION})"), version.stderr
    assert (root / "usr" / "share" / "man" / "man1" / "fwpay-sandbox.1.gz").exists()
    assert (root / "usr" / "lib" / MULTIARCH / "cmake" / "fwpay" / "fwpayConfig.cmake").exists()

    sandbox = subprocess.Popen([HIDE, TOOLCHAIN, str(root / "usr" / "bin" / "fwpay-sandbox"), "--port", "0",
                                "--db", str(tmp_path / "deb.sqlite")], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True)
    try:
        assert sandbox.stdout is not None
        deadline, line = time.monotonic() + 60, ""
        while time.monotonic() < deadline and "listening on" not in line:
            line = sandbox.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, "the packaged sandbox did not start"
        env.update(FWPAY_BASE_URL=match.group(1) + "/payments/v1", FWPAY_API_KEY="sandbox-demo-key",
                   FWPAY=str(root / "usr" / "bin" / "fwpay"))
        flow = hidden("sh", str(ROOT / "examples" / "shell" / "order_flow.sh"), env=env)
        assert flow.returncode == 0, flow.stderr
        assert re.search(r"payment reference: FWU\d{9}", flow.stdout), flow.stdout
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=30)


def test_the_wheel_finds_a_ca_bundle_where_debian_keeps_none(venv: pathlib.Path, tmp_path: pathlib.Path) -> None:
    """The wheel's libcurl has Debian's bundle path built in; on a system that keeps its
    bundle elsewhere (here Alpine's /etc/ssl/cert.pem), the library finds it at run time."""
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(certificate)],
                   check=True, capture_output=True, timeout=60)
    script = ('mount -t tmpfs -o size=1m none /etc/ssl && cp "$1" /etc/ssl/cert.pem && shift && '
              'test ! -e /etc/ssl/certs/ca-certificates.crt && exec env -i PATH=/usr/bin:/bin "$@"')
    run = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "tls", str(certificate),
                          str(venv / "bin" / "python"), str(ROOT / "tests" / "dist" / "tls_elsewhere.py"),
                          str(certificate), str(key)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen == {"bundle": "/etc/ssl/cert.pem", "answer": {"ok": True}}, seen


def test_the_sandbox_deb_carries_a_systemd_unit_that_systemd_accepts(tmp_path: pathlib.Path) -> None:
    """fwpay-sandbox as a service: the unit runs it as a dynamic user with its database in its
    state directory, reloads clients on `systemctl reload`, and systemd-analyze finds nothing
    wrong with it (run against the package's own binary)."""
    sandbox_deb = next(deb for deb in debs() if deb.name.startswith("fwpay-sandbox_"))
    subprocess.run(["dpkg-deb", "-x", str(sandbox_deb), str(tmp_path / "root")], check=True)
    unit = tmp_path / "root" / "lib" / "systemd" / "system" / "fwpay-sandbox.service"
    text = unit.read_text()
    for setting in ("DynamicUser=yes", "StateDirectory=fwpay-sandbox", "FWPAY_SANDBOX_DB=/var/lib/fwpay-sandbox/",
                    "ExecReload=/bin/kill -HUP $MAINPID", "WantedBy=multi-user.target"):
        assert setting in text, setting
    binary = tmp_path / "root" / "usr" / "bin" / "fwpay-sandbox"
    checked = tmp_path / "fwpay-sandbox.service"
    checked.write_text(text.replace("/usr/bin/fwpay-sandbox", str(binary)).replace("Documentation=man:fwpay-sandbox(1)\n", ""))
    verify = subprocess.run(["systemd-analyze", "verify", str(checked)], capture_output=True, text=True, timeout=60)
    complaints = [line for line in verify.stderr.splitlines() if "fwpay-sandbox.service" in line]
    assert verify.returncode == 0 and not complaints, verify.stderr


def test_the_source_routes_use_an_installed_libfwpay_without_swift(tmp_path: pathlib.Path) -> None:
    """With libfwpay-dev installed (here unpacked into a root pkg-config reads through
    PKG_CONFIG_SYSROOT_DIR) and the Swift toolchain hidden, `make node-addon` compiles the
    addon against it and builds no library, `make java-jar` builds the jar, and the gem builds
    from the repository's root; none installs the tests' tools (a missing tool would fail here)."""
    stage = tmp_path / "root"
    for deb in debs():
        if deb.name.startswith(("libfwpay-dev_", "libfwpay0")):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(stage)], check=True)
    libraries = stage / "usr" / "lib" / MULTIARCH
    system_paths = subprocess.run(["pkg-config", "--variable", "pc_path", "pkg-config"], capture_output=True, text=True,
                                  check=True).stdout.strip()
    env = {"PKG_CONFIG_PATH": f"{libraries / 'pkgconfig'}:{system_paths}", "PKG_CONFIG_SYSROOT_DIR": str(stage),
           "NODE_ADDON_DIR": str(tmp_path / "addon"), "JAVA_JAR_DIR": str(tmp_path / "java")}
    addon = hidden("make", "-C", str(ROOT), "--no-print-directory", "node-addon", env=env, timeout=600)
    assert addon.returncode == 0, addon.stdout + addon.stderr
    assert "swift build" not in addon.stdout and "install-deps: installing" not in addon.stdout, addon.stdout
    needed = subprocess.run(["readelf", "-d", str(tmp_path / "addon" / "fwpay.node")], capture_output=True, text=True,
                            check=True).stdout
    assert "libfwpay.so." in needed and "RUNPATH" not in needed and "RPATH" not in needed, needed
    loaded = hidden("node", "-e", f"console.log(require('{tmp_path / 'addon' / 'fwpay.node'}').libraryVersion())",
                    env={"LD_LIBRARY_PATH": str(libraries)})
    assert loaded.returncode == 0 and loaded.stdout.strip() == VERSION, loaded.stderr
    # Any other goal builds against this tree's library, installed one or not.
    planned = subprocess.run(["make", "-C", str(ROOT), "--no-print-directory", "-n", "bindings"], capture_output=True,
                             text=True, env={**os.environ, **env}, timeout=120)
    assert planned.returncode == 0, planned.stderr
    assert "pkg-config --cflags fwpay" not in planned.stdout and "-Lbuild/lib -lfwpay" in planned.stdout, planned.stdout
    jar = hidden("make", "-C", str(ROOT), "--no-print-directory", "java-jar", env=env, timeout=600)
    assert jar.returncode == 0 and (tmp_path / "java" / f"fwpay-{VERSION}.jar").exists(), jar.stdout + jar.stderr
    gem = hidden("sh", "-c", f"cd {ROOT} && gem build bindings/ruby/fwpay.gemspec -o {tmp_path / 'fwpay.gem'}")
    assert gem.returncode == 0, gem.stderr
    listing = subprocess.run(["tar", "-xOf", str(tmp_path / "fwpay.gem"), "data.tar.gz"], capture_output=True, check=True)
    files = subprocess.run(["tar", "-tz"], input=listing.stdout, capture_output=True, check=True).stdout.decode().split()
    assert "lib/fwpay/client.rb" in files and not [f for f in files if f.endswith(".so")], files
