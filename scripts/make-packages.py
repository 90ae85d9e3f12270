#!/usr/bin/env python3
"""`make packages`: each ecosystem's installable artefact in dist/, self-contained like the wheel.

The native part of every package is the wheel's: auditwheel has already grafted into it the
libraries libfwpay needs that a manylinux system may lack (libcurl, OpenSSL, jansson...),
renamed and stripped. This script lays those files out flat, where each ecosystem looks for
them, with libfwpay's rpath set to $ORIGIN so that it finds them beside itself:

- npm:      dist/fwpay-VERSION.tgz, the addon in prebuildify's layout (prebuilds/linux-x64/);
- Ruby:     dist/fwpay-VERSION-x86_64-linux.gem, a platform gem (lib/fwpay/native/);
- Java:     dist/fwpay-VERSION.jar with the library as a JNA resource (linux-x86-64/) and
            dist/fwpay-VERSION.pom (Maven coordinates; JNA and Gson as dependencies);
- PHP:      dist/fwpay-php-VERSION.zip, a Composer package (lib/native/, the FFI declarations,
            the php-fpm preload file, bin/fwpay-ffi-scope for php-fpm's ffi.preload).

Usage: scripts/make-packages.py  (after make wheel, make node-addon and make java-jar)
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
VERSION = (ROOT / "VERSION").read_text().strip()
SONAME = subprocess.run([sys.executable, str(ROOT / "scripts" / "version.py"), "--soname"], capture_output=True,
                        text=True, check=True).stdout.strip()
DIST = ROOT / "dist"
WORK = ROOT / "build" / "packages"
# What the pom says JNA and Gson are: the versions the jar is compiled and tested against
# (Debian's libjna-java and libgoogle-gson-java, the same releases Maven Central holds).
JNA_VERSION = "5.13.0"
GSON_VERSION = "2.10"
STRIP = ["strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note"]


def the_wheel() -> pathlib.Path:
    wheels = sorted(DIST.glob(f"fwpay-{VERSION}-py3-none-manylinux_*_x86_64.whl"))
    if len(wheels) != 1:
        sys.exit(f"make-packages: expected one manylinux wheel of {VERSION} in dist/ (make wheel), found {wheels}")
    return wheels[0]


def native_files(into: pathlib.Path, library_name: str) -> list[str]:
    """libfwpay (as library_name) and the wheel's grafted libraries, flat in into/."""
    into.mkdir(parents=True, exist_ok=True)
    names = []
    with zipfile.ZipFile(the_wheel()) as wheel:
        for member in wheel.namelist():
            if member == "fwpay/libfwpay.so":
                name = library_name
            elif member.startswith("fwpay.libs/") and not member.endswith("/"):
                name = member.split("/", 1)[1]
            else:
                continue
            target = into / name
            target.write_bytes(wheel.read(member))
            target.chmod(0o755)
            names.append(name)
    if library_name not in names:
        sys.exit(f"make-packages: {the_wheel().name} holds no fwpay/libfwpay.so")
    # The wheel's rpath is $ORIGIN/../fwpay.libs; here everything sits beside libfwpay.
    subprocess.run(["patchelf", "--set-rpath", "$ORIGIN", str(into / library_name)], check=True)
    return sorted(names)


def fresh(path: pathlib.Path) -> pathlib.Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def npm_package() -> pathlib.Path:
    source = ROOT / "bindings" / "node"
    stage = fresh(WORK / "npm")
    manifest = json.loads((source / "package.json").read_text())
    for entry in manifest["files"]:
        if entry.endswith("/"):
            continue
        (stage / entry).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / entry, stage / entry)
    for extra in ("README.md", "LICENSE"):
        if (ROOT / extra).exists():
            shutil.copy(ROOT / extra, stage / extra)
    prebuilt = stage / "prebuilds" / "linux-x64"
    native_files(prebuilt, SONAME)
    addon = ROOT / "bindings" / "node" / "build" / "fwpay.node"
    subprocess.run([*STRIP, "-o", str(prebuilt / "node.napi.node"), str(addon)], check=True)
    # Nothing to build at install: no scripts, and no binding.gyp (npm would run node-gyp).
    manifest.pop("scripts", None)
    (stage / "package.json").write_text(json.dumps(manifest, indent=2) + "\n")
    packed = subprocess.run(["npm", "pack", "--silent", "--pack-destination", str(DIST)], cwd=stage, capture_output=True,
                            text=True, check=True).stdout.strip().splitlines()[-1]
    return DIST / packed


def ruby_gem() -> pathlib.Path:
    stage = fresh(WORK / "ruby")
    shutil.copytree(ROOT / "bindings" / "ruby", stage, dirs_exist_ok=True)
    shutil.rmtree(stage / "test", ignore_errors=True)
    native_files(stage / "lib" / "fwpay" / "native", "libfwpay.so")
    target = DIST / f"fwpay-{VERSION}-x86_64-linux.gem"
    subprocess.run(["gem", "build", "--quiet", "fwpay.gemspec", "-o", str(target)], cwd=stage, check=True,
                   env={**os.environ, "FWPAY_GEM_PLATFORM": "x86_64-linux"})
    return target


def java_jar() -> tuple[pathlib.Path, pathlib.Path]:
    stage = fresh(WORK / "java")
    shutil.copytree(ROOT / "build" / "java" / "classes", stage, dirs_exist_ok=True)
    resource = stage / "linux-x86-64"
    names = native_files(resource, "libfwpay.so")
    (resource / "fwpay-native.list").write_text("".join(f"{name}\n" for name in names))
    pom = DIST / f"fwpay-{VERSION}.pom"
    pom.write_text(POM.format(version=VERSION, jna=JNA_VERSION, gson=GSON_VERSION))
    meta = stage / "META-INF" / "maven" / "dev.fwpay" / "fwpay"
    meta.mkdir(parents=True)
    shutil.copy(pom, meta / "pom.xml")
    (meta / "pom.properties").write_text(f"groupId=dev.fwpay\nartifactId=fwpay\nversion={VERSION}\n")
    jar = DIST / f"fwpay-{VERSION}.jar"
    jar.unlink(missing_ok=True)
    subprocess.run(["jar", "--create", "--file", str(jar), "-C", str(stage), "."], check=True)
    return jar, pom


POM = """<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.fwpay</groupId>
  <artifactId>fwpay</artifactId>
  <version>{version}</version>
  <packaging>jar</packaging>
  <name>fwpay</name>
  <description>Flywire's Payments API from Java, over the libfwpay C library (JNA); carries libfwpay for linux-x86-64</description>
  <url>https://github.com/fwpay/fwpay</url>
  <licenses>
    <license><name>MIT</name><url>https://opensource.org/licenses/MIT</url></license>
  </licenses>
  <scm><url>https://github.com/fwpay/fwpay</url></scm>
  <properties>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>{jna}</version>
    </dependency>
    <dependency>
      <groupId>com.google.code.gson</groupId>
      <artifactId>gson</artifactId>
      <version>{gson}</version>
    </dependency>
  </dependencies>
</project>
"""


def php_zip() -> pathlib.Path:
    source = ROOT / "bindings" / "php"
    stage = fresh(WORK / "php")
    for entry in ("src", "lib", "bin"):
        shutil.copytree(source / entry, stage / entry)
    shutil.copy(source / "preload.php", stage / "preload.php")
    shutil.copy(ROOT / "LICENSE", stage / "LICENSE")
    manifest = json.loads((source / "composer.json").read_text())
    manifest.pop("autoload-dev", None)
    # An artifact repository reads the version from the package itself.
    manifest["version"] = VERSION
    (stage / "composer.json").write_text(json.dumps(manifest, indent=4) + "\n")
    native_files(stage / "lib" / "native", "libfwpay.so")
    target = DIST / f"fwpay-php-{VERSION}.zip"
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, str(path.relative_to(stage)))
                with path.open("rb") as data:
                    archive.writestr(info, data.read(), zipfile.ZIP_DEFLATED)
    return target


def main() -> None:
    DIST.mkdir(exist_ok=True)
    made = [npm_package(), ruby_gem(), *java_jar(), php_zip()]
    for path in made:
        print(f"make-packages: {path.relative_to(ROOT)} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
