#!/usr/bin/env python3
"""Writes the version, read from the VERSION file at the repository's root, into the sources
that compile it in, so that it is written in one place:

    Sources/CFWPay/fwpay_abi.h           the FWP_VERSION_ macros (the library, the header, the
                                         command; gen-header.py copies them into the Python ABI)
    Sources/FWPay/Client/Version.swift   the core's (fwp_version, the User-Agent); written out
                                         rather than read from the macros, because SwiftPM does
                                         not rebuild Swift code when a C module's header changes
    Sources/FWPaySandbox/SandboxVersion.swift
                                         the sandbox's --version and Fwpay-Sandbox-Version
    docs/fwpay.1                         the man page's title line
    bindings/{ruby,php,java}/.../version  each binding's own version (checked against the
    bindings/node/package.json           library's major.minor when it loads)
The Makefile, the Python package (pyproject's dynamic version) and the Debian packages read
VERSION or the library itself. `make version` writes; `--check` fails on drift (in make test).
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ABI = ROOT / "Sources" / "CFWPay" / "fwpay_abi.h"
SANDBOX = ROOT / "Sources" / "FWPaySandbox" / "SandboxVersion.swift"
CORE = ROOT / "Sources" / "FWPay" / "Client" / "Version.swift"
MAN = ROOT / "docs" / "fwpay.1"
RUBY = ROOT / "bindings" / "ruby" / "lib" / "fwpay" / "version.rb"
PHP = ROOT / "bindings" / "php" / "src" / "Version.php"
JAVA = ROOT / "bindings" / "java" / "src" / "main" / "java" / "dev" / "fwpay" / "Version.java"
NODE = ROOT / "bindings" / "node" / "package.json"
BLOCK = re.compile(r"(/\* BEGIN VERSION \(scripts/version\.py writes it from VERSION\) \*/\n).*?(/\* END VERSION \*/)", re.S)


def version() -> tuple[int, int, int]:
    text = (ROOT / "VERSION").read_text().strip()
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", text)
    if not m:
        sys.exit(f"version: VERSION holds {text!r}, not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(part) for part in m.groups())
    if minor > 99 or patch > 99:
        sys.exit("version: FWP_VERSION_NUM has two digits each for minor and patch")
    return major, minor, patch


def abi_text(major: int, minor: int, patch: int) -> str:
    block = (f"#define FWP_VERSION_MAJOR {major}\n#define FWP_VERSION_MINOR {minor}\n#define FWP_VERSION_PATCH {patch}\n"
             "/** The version as one number: major * 10000 + minor * 100 + patch. */\n"
             f"#define FWP_VERSION_NUM {major * 10000 + minor * 100 + patch}\n"
             "/** The version as text; fwp_version() returns the version of the library actually loaded. */\n"
             f'#define FWP_VERSION_STRING "{major}.{minor}.{patch}"\n')
    text = ABI.read_text()
    if not BLOCK.search(text):
        sys.exit(f"version: no VERSION block in {ABI}")
    return BLOCK.sub(lambda m: m.group(1) + block + m.group(2), text)


def sandbox_text(major: int, minor: int, patch: int) -> str:
    return ("// Written by scripts/version.py from VERSION; do not edit.\n\n"
            "/// The sandbox's version: `fwpay-sandbox --version` and the Fwpay-Sandbox-Version header.\n"
            "public enum SandboxVersion {\n"
            f'    public static let string = "{major}.{minor}.{patch}"\n'
            "}\n")


def man_text(major: int, minor: int, patch: int) -> str:
    return re.sub(r'^(\.TH FWPAY 1 "[^"]*" )"fwpay [^"]*"', rf'\1"fwpay {major}.{minor}.{patch}"', MAN.read_text(), count=1)


def core_text(major: int, minor: int, patch: int) -> str:
    return ("// Written by scripts/version.py from VERSION; do not edit.\n\n"
            "/// The library's version; a test checks it against the FWP_VERSION_ macros of the ABI.\n"
            "public enum Version {\n"
            f'    public static let string = "{major}.{minor}.{patch}"\n'
            "}\n")


def soname(major: int, minor: int) -> str:
    """The library's SONAME: before 1.0 every minor release may change the ABI, so it carries
    major.minor (as libgit2's did); from 1.0 the major alone (docs/building.md)."""
    return f"libfwpay.so.{major}.{minor}" if major == 0 else f"libfwpay.so.{major}"


def binding_texts(major: int, minor: int, patch: int) -> dict[pathlib.Path, str]:
    text = f"{major}.{minor}.{patch}"
    name = soname(major, minor)
    note = "Written by scripts/version.py from VERSION; do not edit."
    return {
        RUBY: (f'# frozen_string_literal: true\n\n# {note}\nmodule Fwpay\n  VERSION = "{text}"\n'
               f'  # The SONAME of the library this version loads.\n  LIBRARY_SONAME = "{name}"\nend\n'),
        PHP: (f'<?php\n\ndeclare(strict_types=1);\n\nnamespace Fwpay;\n\n/** {note} */\nfinal class Version\n{{\n'
              f"    public const STRING = '{text}';\n    /** The SONAME of the library this version loads. */\n"
              f"    public const LIBRARY_SONAME = '{name}';\n}}\n"),
        JAVA: (f"package dev.fwpay;\n\n/** {note} */\npublic final class Version {{\n    public static final String STRING = \"{text}\";\n"
               f"    /** The SONAME of the library this version loads. */\n    public static final String LIBRARY_SONAME = \"{name}\";\n\n"
               "    private Version() {}\n}\n"),
        NODE: re.sub(r'^(  "version": )"[^"]*"', rf'\1"{text}"', NODE.read_text(), count=1, flags=re.M),
    }


def main() -> int:
    parts = version()
    if "--soname" in sys.argv:  # for the Makefile
        print(soname(parts[0], parts[1]))
        return 0
    outputs = {ABI: abi_text(*parts), CORE: core_text(*parts), SANDBOX: sandbox_text(*parts), MAN: man_text(*parts),
               **binding_texts(*parts)}
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text() != text]
    if "--check" in sys.argv:
        for path in stale:
            print(f"version: {path.relative_to(ROOT)} differs from VERSION; run `make version` and commit it", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path])
        print(f"version: wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
