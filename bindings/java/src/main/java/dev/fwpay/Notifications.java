package dev.fwpay;

import com.sun.jna.ptr.PointerByReference;
import java.util.Map;

/** The notifications Flywire sends to your notifications_url. body: the raw bytes as received. */
public final class Notifications {
    /** Throws FwpayException.Signature unless digest (X-Flywire-Digest) matches body and secret. */
    public static void verify(byte[] body, String digest, String secret) {
        String checkedDigest = Native.cString(digest, "digest"), checkedSecret = Native.cString(secret, "secret");
        Native.check(err -> Native.Lib.fwp_notification_verify(body, Native.length(body), checkedDigest, checkedSecret, err));
    }

    public static boolean isValid(byte[] body, String digest, String secret) {
        try {
            verify(body, digest, secret);
            return true;
        } catch (FwpayException.Signature mismatch) {
            return false;
        }
    }

    /** The X-Flywire-Digest of body (to test a receiver). */
    public static String sign(byte[] body, String secret) {
        PointerByReference out = new PointerByReference();
        String checkedSecret = Native.cString(secret, "secret");
        Native.check(err -> Native.Lib.fwp_notification_sign(body, Native.length(body), checkedSecret, out, err));
        return Native.take(out);
    }

    /** Any notification format in one shape (see fwp_notification_parse in fwpay.h). Verify first. */
    public static Map<String, Object> parse(byte[] body) {
        PointerByReference out = new PointerByReference();
        Native.check(err -> Native.Lib.fwp_notification_parse_json(body, Native.length(body), out, err));
        return Json.object(Native.take(out));
    }

    private Notifications() {}
}
