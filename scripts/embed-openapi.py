#!/usr/bin/env python3
"""Writes docs/openapi.json, the sandbox's OpenAPI description, into the sandbox as a Swift
string literal (Sources/FWPaySandbox/Generated/OpenAPIText.swift), which GET /openapi.json
serves. `make openapi` runs it after an edit of the description; with --check it fails when
the Swift file is stale (make test). A raw string literal compiles in a fraction of a second;
the same bytes as SwiftPM's embedded resource took 20 s (debug) and 36 s (release)."""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs" / "openapi.json"
TARGET = ROOT / "Sources" / "FWPaySandbox" / "Generated" / "OpenAPIText.swift"


def swift_source() -> str:
    text = SOURCE.read_text(encoding="utf-8")
    if not text.endswith("\n") or '"""#' in text:
        sys.exit(f"{SOURCE}: must end with a newline and must not contain \"\"\"#")
    return ("// Generated from docs/openapi.json by scripts/embed-openapi.py (make openapi): do not edit.\n"
            "enum OpenAPIText {\n"
            "    /// docs/openapi.json, byte for byte but its last newline.\n"
            "    static let json = #\"\"\"\n" + text + "\"\"\"#\n}\n")


def main() -> None:
    wanted = swift_source()
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != wanted:
            sys.exit(f"{TARGET.relative_to(ROOT)} is stale: run make openapi and commit it")
        return
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != wanted:
        TARGET.write_text(wanted, encoding="utf-8")


if __name__ == "__main__":
    main()
