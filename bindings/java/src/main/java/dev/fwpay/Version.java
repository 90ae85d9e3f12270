package dev.fwpay;

/** Written by scripts/version.py from VERSION; do not edit. */
public final class Version {
    public static final String STRING = "0.2.0";

    private Version() {}
}
