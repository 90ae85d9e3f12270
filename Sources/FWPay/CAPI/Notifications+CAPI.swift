import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Largest notification body accepted, in bytes.
private let maximumNotificationBytes = 1 << 20

/// fwp_notification_verify: checks a notification's X-Flywire-Digest header: Base64 of
/// HMAC-SHA256 of the raw body bytes, keyed with your shared secret, compared in constant
/// time. body: the raw bytes as received (before any parsing), len bytes long, at most 1 MiB;
/// may contain NUL. digest: the header's value, not NULL. secret: the shared secret, not NULL
/// or empty. err: optional. Returns FWP_OK when the digest matches, FWP_E_SIGNATURE when it
/// does not (answer 4xx, and do not act on the body), FWP_E_INVALID_ARGUMENT for NULL or
/// oversized arguments. Never logs or reports the secret. Thread-safe. Since 0.1.
@c
public func fwp_notification_verify(_ body: UnsafePointer<CChar>?, _ len: size_t, _ digest: UnsafePointer<CChar>?,
                                    _ secret: UnsafePointer<CChar>?, _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let bytes = try notificationBody(body, len)
        let given = try string(digest, "digest", limit: ArgumentLimit.shortText)
        let key = try string(secret, "secret", limit: 4096)
        let valid = try NotificationSignature.verify(body: bytes, digest: given, secret: key)
        guard valid else {
            throw FWPayError(.signature, "X-Flywire-Digest does not match the body and the shared secret")
        }
    }
}

/// fwp_notification_sign: the X-Flywire-Digest value for body and secret (what Flywire sends;
/// useful to test a receiver). body, len, secret: as fwp_notification_verify. out: receives a
/// NUL-terminated string, NULL on failure; release with fwp_free. err: optional. Since 0.1.
@c
public func fwp_notification_sign(_ body: UnsafePointer<CChar>?, _ len: size_t, _ secret: UnsafePointer<CChar>?,
                                  _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                  _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let bytes = try notificationBody(body, len)
        let key = try string(secret, "secret", limit: 4096)
        guard !key.isEmpty else { throw FWPayError(.invalidArgument, "secret must not be empty") }
        let digest = NotificationSignature.digest(body: bytes, secret: key)
        guard let text = strdup(digest) else { throw FWPayError.noMemory }
        result.pointee = text
    }
}

/// fwp_notification_parse: reads a notification body, v2 envelope or classic (v1) callback,
/// into one shape: {"format", "resource", "event_type", "event_date", "id", "payment_id",
/// "status", "external_reference", "amount_from", "currency_from", "amount_to",
/// "currency_to", "amount", "currency", "amount_text", "dedup_key", "data"} (and "envelope",
/// the v2 envelope's other members). Amounts are integers in subunits, from integers or
/// strings of digits; a classic callback's major-unit amount ("1500.00") is converted by its
/// currency's exponent, and when there is no currency (or the text is unreadable) the amount
/// is null and "amount_text" holds the text. A v2 body without data.status takes the event
/// type as its status. Absent members are null; unknown ones are kept in "data": no member
/// makes a notification fail. dedup_key is the same for every delivery of one event (the
/// resource, id, event and a digest of the raw body) and differs between two events: store it
/// and ignore repeats. Verify the digest first. body, len: as fwp_notification_verify. out:
/// receives a new reference, NULL on failure; release with json_decref. err: optional.
/// Returns FWP_OK, FWP_E_INVALID_JSON (not JSON), FWP_E_BAD_RESPONSE (not a JSON object) or
/// FWP_E_INVALID_ARGUMENT. Since 0.1.
@c
public func fwp_notification_parse(_ body: UnsafePointer<CChar>?, _ len: size_t,
                                   _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                                   _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let bytes = try notificationBody(body, len)
        try deliver(try NotificationParser.parse(Array(bytes)), to: result)
    }
}

/// fwp_notification_parse_json: fwp_notification_parse with the result as JSON text. out:
/// receives NUL-terminated JSON text, NULL on failure; release with fwp_free. Since 0.2.
@c
public func fwp_notification_parse_json(_ body: UnsafePointer<CChar>?, _ len: size_t,
                                        _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                                        _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let bytes = try notificationBody(body, len)
        result.pointee = try jsonText(try NotificationParser.parse(Array(bytes)))
    }
}

private func notificationBody(_ body: UnsafePointer<CChar>?, _ len: size_t) throws(FWPayError) -> UnsafeRawBufferPointer {
    guard let body else { throw FWPayError(.invalidArgument, "body must not be NULL") }
    guard len >= 0, len <= maximumNotificationBytes else {
        throw FWPayError(.invalidArgument, "len is \(UInt(bitPattern: len)); notification bodies are limited to \(maximumNotificationBytes) bytes")
    }
    return UnsafeRawBufferPointer(start: body, count: len)
}
