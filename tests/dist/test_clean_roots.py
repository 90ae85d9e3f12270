"""Each package of `make packages` (and the wheel and the .debs) installed the way its
ecosystem installs, in a clean Debian root (tests/dist/cleanroot.py) where only the language's
runtime and package manager were installed from Debian: no Swift, no compiler, no libcurl,
no jansson. Each pays an order against the single-file sandbox, itself running in a clean root
of its own, and shows that the libfwpay and libcurl it mapped are the package's own copies.
Then the package's libfwpay is taken away, and the error names the fix."""
from __future__ import annotations

import concurrent.futures
import json
import pathlib
import re
import shutil
import subprocess
import time
import zipfile
from typing import Iterator

import pytest

from cleanroot import in_root, make_root, run_in

ROOT = pathlib.Path(__file__).resolve().parents[2]
VERSION = (ROOT / "VERSION").read_text().strip()
DIST = ROOT / "dist"
CLEAN = ROOT / "tests" / "dist" / "clean"
# What each root has besides Debian's minbase. JNA and Gson stand in for what Maven resolves
# from the pom (Maven Central is not reachable here); the pom's versions are checked against them.
RUNTIMES = {
    # What README.md says the single-file sandbox needs besides glibc.
    "sandbox": ["libsqlite3-0", "libcurl4", "libssl3"],
    "node": ["nodejs", "npm"],
    "ruby": ["ruby", "ruby-ffi"],
    "java": ["openjdk-17-jre-headless", "libjna-java", "libgoogle-gson-java"],
    "php": ["php8.2-cli", "composer", "php8.2-zip"],  # Composer unpacks a package's zip with ext-zip
    "python": ["python3", "python3-venv"],
    "debs": [],
}
# What no package's root may hold: a package would build or link against them.
ABSENT = ["usr/bin/cc", "usr/bin/gcc", "usr/bin/swift", "usr/lib/x86_64-linux-gnu/libcurl.so.4",
          "usr/lib/x86_64-linux-gnu/libjansson.so.4"]


def dist_file(pattern: str) -> pathlib.Path:
    found = sorted(DIST.glob(pattern))
    assert len(found) == 1, f"dist/{pattern}: {found} (make packages)"
    return found[0]


@pytest.fixture(scope="session")
def roots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, concurrent.futures.Future[pathlib.Path]]]:
    """Every root, made side by side (most of the time is apt's downloads); removed at the end."""
    where = ROOT / "build" / "cleanroot" / "roots"
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(RUNTIMES)) as pool:
        futures = {name: pool.submit(make_root, where / name, packages) for name, packages in RUNTIMES.items()}
        yield futures
        concurrent.futures.wait(futures.values())
    shutil.rmtree(where, ignore_errors=True)


def root_of(roots: dict[str, concurrent.futures.Future[pathlib.Path]], name: str) -> pathlib.Path:
    root = roots[name].result(timeout=1800)
    if name not in ("debs", "sandbox"):
        present = [path for path in ABSENT if (root / path).exists()]
        assert not present, f"the {name} root is not clean: {present}"
    return root


@pytest.fixture(scope="session")
def sandbox_root(roots: dict[str, concurrent.futures.Future[pathlib.Path]]) -> pathlib.Path:
    root = root_of(roots, "sandbox")
    shutil.copy(DIST / "fwpay-sandbox", root / "usr" / "local" / "bin" / "fwpay-sandbox")
    return root


@pytest.fixture
def sandbox(sandbox_root: pathlib.Path) -> Iterator[str]:
    """dist/fwpay-sandbox started in the sandbox's root, on port 0, with a fresh database."""
    root = sandbox_root
    database = f"/tmp/sandbox-{time.monotonic_ns()}.sqlite"
    process = subprocess.Popen(in_root(root, ["/usr/local/bin/fwpay-sandbox", "--port", "0", "--db", database]),
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        deadline, line = time.monotonic() + 60, ""
        while time.monotonic() < deadline and "listening on" not in line and process.poll() is None:
            line = process.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, "the single-file sandbox did not start in a clean root"
        yield match.group(1)
    finally:
        process.kill()  # unshare --fork ignores SIGTERM; --kill-child takes the sandbox with it
        process.wait(timeout=30)


def flow_env(sandbox: str) -> dict[str, str]:
    return {"FWPAY_BASE_URL": sandbox + "/payments/v1", "FWPAY_API_KEY": "sandbox-demo-key"}


def paid(output: str) -> None:
    assert re.search(r"^payment reference: FWU\d{9}\b", output, re.M), output


def mapped(output: str) -> list[str]:
    return sorted(set(re.findall(r"^MAPPED (\S+)$", output, re.M)))


def own_copies(output: str, folder: str) -> None:
    """The libfwpay and libcurl the process mapped are the package's, in folder."""
    files = mapped(output)
    assert any(re.fullmatch(rf"{re.escape(folder)}/libfwpay\.so[.\d]*", file) for file in files), files
    assert any(re.fullmatch(rf"{re.escape(folder)}/libcurl-[0-9a-f]{{8}}\.so[.\d]*", file) for file in files), files
    assert all(file.startswith(folder + "/") for file in files), files


def test_the_npm_package(roots, sandbox: str) -> None:
    root = root_of(roots, "node")
    package = dist_file(f"fwpay-{VERSION}.tgz")
    (root / "app").mkdir()
    shutil.copy(package, root / "tmp" / package.name)
    shutil.copy(CLEAN / "mapped.js", root / "app" / "mapped.js")
    example = (ROOT / "examples" / "node" / "order_flow.js").read_text()
    (root / "app" / "order_flow.js").write_text(example.replace("require('../../bindings/node')", "require('fwpay')"))
    install = run_in(root, f"cd /app && npm install --offline --no-audit --no-fund /tmp/{package.name}")
    assert "added 1 package" in install.stdout, install.stdout
    run = run_in(root, "cd /app && node -r /app/mapped.js order_flow.js", env=flow_env(sandbox))
    paid(run.stdout)
    own_copies(run.stdout, "/app/node_modules/fwpay/prebuilds/linux-x64")
    for library in (root / "app" / "node_modules" / "fwpay" / "prebuilds" / "linux-x64").glob("libcurl-*"):
        library.unlink()
    broken = run_in(root, "cd /app && node -e \"require('fwpay')\"", check=False)
    assert broken.returncode != 0 and "reinstall the fwpay package" in broken.stderr, broken.stderr


def test_the_platform_gem(roots, sandbox: str) -> None:
    root = root_of(roots, "ruby")
    gem = dist_file(f"fwpay-{VERSION}-x86_64-linux.gem")
    shutil.copy(gem, root / "tmp" / gem.name)
    (root / "app").mkdir()
    shutil.copy(CLEAN / "mapped.rb", root / "app" / "mapped.rb")
    shutil.copy(ROOT / "examples" / "ruby" / "order_flow.rb", root / "app" / "order_flow.rb")
    # The gem's ffi dependency is met by Debian's ruby-ffi (rubygems.org is not reachable here).
    run_in(root, f"gem install --local --no-document /tmp/{gem.name}")
    folder = run_in(root, "gem contents fwpay | grep '/native/libfwpay.so$'").stdout.strip().rsplit("/", 1)[0]
    assert f"fwpay-{VERSION}-x86_64-linux" in folder, folder
    run = run_in(root, "ruby -r/app/mapped.rb /app/order_flow.rb", env=flow_env(sandbox))
    paid(run.stdout)
    own_copies(run.stdout, folder)
    (root / folder.lstrip("/") / "libfwpay.so").unlink()
    broken = run_in(root, "ruby -e 'require \"fwpay\"'", check=False)
    assert broken.returncode != 0 and "gem install fwpay --platform x86_64-linux" in broken.stderr, broken.stderr


def test_the_jar_and_its_pom(roots, sandbox: str, tmp_path: pathlib.Path) -> None:
    root = root_of(roots, "java")
    jar, pom = dist_file(f"fwpay-{VERSION}.jar"), dist_file(f"fwpay-{VERSION}.pom")
    # What Maven resolves from the pom is what the root has: JNA and Gson at the pom's versions.
    text = pom.read_text()
    for package, artifact in (("libjna-java", "jna"), ("libgoogle-gson-java", "gson")):
        installed = run_in(root, f"dpkg-query -W -f='${{Version}}' {package}").stdout
        declared = re.search(rf"<artifactId>{artifact}</artifactId>\s*<version>([^<]+)</version>", text)
        assert declared and installed.startswith(declared.group(1) + "-"), (artifact, declared, installed)
    assert "<groupId>dev.fwpay</groupId>" in text and f"<version>{VERSION}</version>" in text
    with zipfile.ZipFile(jar) as archive:
        names = archive.namelist()
        listed = archive.read("linux-x86-64/fwpay-native.list").decode().split()
    assert "linux-x86-64/libfwpay.so" in names and sorted(f"linux-x86-64/{name}" for name in listed) == sorted(
        name for name in names if name.startswith("linux-x86-64/") and not name.endswith((".list", "/"))), names
    classes = tmp_path / "classes"
    subprocess.run(["javac", "--release", "17", "-cp", f"{jar}:/usr/share/java/jna.jar:/usr/share/java/gson.jar",
                    "-d", str(classes), str(ROOT / "examples" / "java" / "OrderFlow.java"), str(CLEAN / "Mapped.java")],
                   check=True, timeout=300)
    (root / "app").mkdir()
    shutil.copytree(classes, root / "app" / "classes")
    shutil.copy(jar, root / "app" / jar.name)
    classpath = f"/app/{jar.name}:/usr/share/java/jna.jar:/usr/share/java/gson.jar:/app/classes"
    run = run_in(root, f"java -cp {classpath} Mapped", env=flow_env(sandbox))
    paid(run.stdout)
    folders = {file.rsplit("/", 1)[0] for file in mapped(run.stdout)}
    assert len(folders) == 1 and re.fullmatch(rf"/tmp/fwpay-{re.escape(VERSION)}-\d+", next(iter(folders))), folders
    own_copies(run.stdout, next(iter(folders)))
    assert not (root / next(iter(folders)).lstrip("/")).exists(), "the extracted libraries outlived the JVM"
    # A jar without the native library (as the source route's build/java jar is) and no system libfwpay.
    bare = root / "app" / "bare.jar"
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(bare, "w") as target:
        for item in source.infolist():
            if not item.filename.startswith("linux-x86-64/"):
                target.writestr(item, source.read(item))
    broken = run_in(root, f"java -cp /app/bare.jar:/usr/share/java/jna.jar:/usr/share/java/gson.jar:/app/classes OrderFlow",
                    env=flow_env(sandbox), check=False)
    assert broken.returncode != 0 and "use the fwpay jar built for linux-x86-64" in broken.stderr, broken.stderr


def test_the_composer_package(roots, sandbox: str) -> None:
    root = root_of(roots, "php")
    package = dist_file(f"fwpay-php-{VERSION}.zip")
    (root / "tmp" / "packages").mkdir()
    shutil.copy(package, root / "tmp" / "packages" / package.name)
    (root / "app").mkdir()
    (root / "app" / "composer.json").write_text(json.dumps({
        "repositories": [{"type": "artifact", "url": "/tmp/packages"}, {"packagist.org": False}],
        "require": {"fwpay/fwpay": VERSION}}))
    example = (ROOT / "examples" / "php" / "order_flow.php").read_text()
    assert "require __DIR__ . '/../../bindings/php/tests/bootstrap.php';" in example
    (root / "app" / "order_flow.php").write_text(example.replace(
        "require __DIR__ . '/../../bindings/php/tests/bootstrap.php';", "require __DIR__ . '/vendor/autoload.php';"))
    shutil.copy(CLEAN / "mapped.php", root / "app" / "mapped.php")
    run_in(root, "cd /app && composer install --no-interaction --no-progress", env={"COMPOSER_ALLOW_SUPERUSER": "1"})
    run = run_in(root, "cd /app && php -d auto_prepend_file=/app/mapped.php order_flow.php", env=flow_env(sandbox))
    paid(run.stdout)
    own_copies(run.stdout, "/app/vendor/fwpay/fwpay/lib/native")
    (root / "app" / "vendor" / "fwpay" / "fwpay" / "lib" / "native" / "libfwpay.so").unlink()
    broken = run_in(root, "cd /app && php order_flow.php", env=flow_env(sandbox), check=False)
    assert broken.returncode != 0 and "install the fwpay Composer package" in broken.stdout + broken.stderr, broken.stderr


def test_the_wheel(roots, sandbox: str) -> None:
    root = root_of(roots, "python")
    wheel = dist_file(f"fwpay-{VERSION}-py3-none-manylinux_*_x86_64.whl")
    shutil.copy(wheel, root / "tmp" / wheel.name)
    shutil.copy(ROOT / "examples" / "python" / "order_flow.py", root / "tmp" / "order_flow.py")
    run_in(root, f"python3 -m venv /opt/venv && /opt/venv/bin/pip install --quiet --no-index /tmp/{wheel.name}")
    shutil.copy(CLEAN / "mapped.py", root / "tmp" / "mapped.py")
    run = run_in(root, "/opt/venv/bin/python /tmp/mapped.py /tmp/order_flow.py", env=flow_env(sandbox))
    paid(run.stdout)
    files = mapped(run.stdout)
    site = "/opt/venv/lib/python3.11/site-packages"
    assert f"{site}/fwpay/libfwpay.so" in files and any(f.startswith(f"{site}/fwpay.libs/libcurl-") for f in files), files
    for library in (root / site.lstrip("/") / "fwpay.libs").glob("libcurl-*"):
        library.unlink()
    broken = run_in(root, "/opt/venv/bin/python -c 'import fwpay'", check=False)
    assert broken.returncode != 0 and "install the fwpay wheel" in broken.stderr, broken.stderr


def test_the_debs_with_apt(roots, sandbox: str) -> None:
    """apt installs the .debs and fetches from Debian what they declare they depend on."""
    root = root_of(roots, "debs")
    (root / "tmp" / "debs").mkdir()
    for deb in sorted((DIST / "deb").glob(f"*_{VERSION}-1_*.deb")):
        shutil.copy(deb, root / "tmp" / "debs" / deb.name)
    run_in(root, "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends /tmp/debs/*.deb",
           timeout=900)
    version = run_in(root, "fwpay --version && fwpay-sandbox --version").stdout
    assert version.startswith(f"fwpay {VERSION} (libfwpay {VERSION})") and version.count(VERSION) >= 3, version
    shutil.copy(ROOT / "examples" / "shell" / "order_flow.sh", root / "tmp" / "order_flow.sh")
    run = run_in(root, "sh /tmp/order_flow.sh", env={**flow_env(sandbox), "FWPAY": "/usr/bin/fwpay"})
    paid(run.stdout)
