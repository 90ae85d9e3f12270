// Written by scripts/version.py from VERSION; do not edit.

/// The library's version; a test checks it against the FWP_VERSION_ macros of the ABI.
public enum Version {
    public static let string = "0.2.0"
}
