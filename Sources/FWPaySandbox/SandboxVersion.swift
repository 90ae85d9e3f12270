// Written by scripts/version.py from VERSION; do not edit.

/// The sandbox's version: `fwpay-sandbox --version` and the Fwpay-Sandbox-Version header.
public enum SandboxVersion {
    public static let string = "0.2.0"
}
