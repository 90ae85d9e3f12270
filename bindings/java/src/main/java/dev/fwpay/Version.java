package dev.fwpay;

/** Written by scripts/version.py from VERSION; do not edit. */
public final class Version {
    public static final String STRING = "0.2.0";
    /** The SONAME of the library this version loads. */
    public static final String LIBRARY_SONAME = "libfwpay.so.0.2";

    private Version() {}
}
