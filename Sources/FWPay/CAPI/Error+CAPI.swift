import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// fwp_strerror: a static English description of an FWP_E_ code.
/// Returns a string owned by the library (never NULL, never to be freed); an unknown code
/// gives "unknown error code". Thread-safe. Since 0.1.
@c
public func fwp_strerror(_ code: CInt) -> UnsafePointer<CChar> {
    ErrorDescriptions.text(for: code)
}

/// fwp_error_clear: releases what an fwp_error holds (its errors array) and zeroes it, ready
/// for reuse. NULL is a harmless no-op. Since 0.1.
@c
public func fwp_error_clear(_ err: UnsafeMutablePointer<fwp_error>?) {
    reset(err)
}

/// fwp_error_new: an fwp_error on the heap, zeroed, for languages that cannot allocate the
/// struct themselves (its layout is not in fwpay_ffi.h). Pass it as any call's err, read it
/// with fwp_error_json, release it with fwp_error_free. Returns NULL when out of memory.
/// Since 0.2.
@c
public func fwp_error_new() -> UnsafeMutablePointer<fwp_error>? {
    guard let err = calloc(1, MemoryLayout<fwp_error>.size)?.assumingMemoryBound(to: fwp_error.self) else { return nil }
    return err
}

/// fwp_error_free: releases an fwp_error of fwp_error_new and what it holds. NULL is a
/// harmless no-op. Since 0.2.
@c
public func fwp_error_free(_ err: UnsafeMutablePointer<fwp_error>?) {
    guard let err else { return }
    reset(err)
    free(err)
}

/// fwp_error_json: everything an fwp_error holds, as JSON text: {"code", "kind" (the code's
/// name: "invalid_argument", "invalid_json", "invalid_request", "authentication",
/// "not_found", "rate_limited", "server", "http", "connection", "timeout",
/// "outcome_unknown", "bad_response", "no_memory", "signature", or "ok"; refined to
/// "permission" for a 403 and to "idempotency_conflict" for a 409 or an invalid request whose
/// errors name the Idempotency-Key, so that every binding maps the same kinds), "description"
/// (fwp_strerror's), "http_status", "curl_code", "message", "request_id",
/// "idempotency_key", "errors" (the server's array, [] when none)}. After a success it still
/// says the request id, the key sent and the status. err: not NULL. out: receives
/// NUL-terminated text, NULL on failure; release with fwp_free. Returns FWP_OK,
/// FWP_E_INVALID_ARGUMENT or FWP_E_NO_MEMORY. Since 0.2.
@c
public func fwp_error_json(_ err: UnsafePointer<fwp_error>?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    guard let out else { return FWP_E_INVALID_ARGUMENT.rawValue }
    out.pointee = nil
    guard let err else { return FWP_E_INVALID_ARGUMENT.rawValue }
    let given = err.pointee
    var errors: JSONValue = .array([])
    if let array = given.errors, let value = try? JSONValue(jansson: array) { errors = value }
    let value = JSONValue.object(JSONObject([
        ("code", .integer(Int64(given.code))),
        ("kind", .string(FWPayError.kindName(code: given.code, httpStatus: given.http_status, errors: errors))),
        ("description", .string(FWPayError.describe(code: given.code))),
        ("http_status", .integer(Int64(given.http_status))),
        ("curl_code", .integer(Int64(given.curl_code))),
        ("message", .string(fixedText(given.message))),
        ("request_id", .string(fixedText(given.request_id))),
        ("idempotency_key", .string(fixedText(given.idempotency_key))),
        ("errors", errors),
    ]))
    guard let text = try? jsonText(value) else { return FWP_E_NO_MEMORY.rawValue }
    out.pointee = text
    return FWP_OK.rawValue
}

/// The text of one of fwp_error's fixed, NUL-terminated buffers (never read past its end).
private func fixedText<Buffer>(_ buffer: Buffer) -> String {
    withUnsafeBytes(of: buffer) { bytes in
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes.prefix(length), as: UTF8.self)
    }
}


/// C copies of the code descriptions, made once and never written again (hence
/// nonisolated(unsafe)), so that fwp_strerror can return stable pointers.
private enum ErrorDescriptions {
    /// Success and every code of FWPayError.Kind (so a code added there has its text here).
    nonisolated(unsafe) static let table: [CInt: UnsafeMutablePointer<CChar>] = Dictionary(
        uniqueKeysWithValues: ([0] + FWPayError.Kind.allCases.map(\.code)).map { ($0, strdup(FWPayError.describe(code: $0))!) })
    nonisolated(unsafe) static let unknown: UnsafeMutablePointer<CChar> = strdup("unknown error code")!

    static func text(for code: CInt) -> UnsafePointer<CChar> {
        UnsafePointer(table[code] ?? unknown)
    }
}

/// fwp_error_request_id: the request id an fwp_error holds ("" when none; after a success, the
/// answer's), without its struct layout: for FFIs that read an error made by fwp_error_new
/// (or set with FWP_ERROR_INIT) and need no JSON. err: NULL gives "". Borrowed: valid until err
/// is used again or freed.
/// Since 0.3.
@c
public func fwp_error_request_id(_ err: UnsafePointer<fwp_error>?) -> UnsafePointer<CChar> {
    fixedField(err, \.request_id)
}

/// fwp_error_idempotency_key: the Idempotency-Key an fwp_error holds (the key sent; "" when
/// none), as fwp_error_request_id. Since 0.3.
@c
public func fwp_error_idempotency_key(_ err: UnsafePointer<fwp_error>?) -> UnsafePointer<CChar> {
    fixedField(err, \.idempotency_key)
}

/// fwp_error_http_status: the HTTP status an fwp_error holds (0 when none), as
/// fwp_error_request_id. Since 0.3.
@c
public func fwp_error_http_status(_ err: UnsafePointer<fwp_error>?) -> CInt {
    err?.pointee.http_status ?? 0
}

/// A fixed, NUL-terminated buffer of an fwp_error, in place ("" for a NULL error).
private func fixedField<Buffer>(_ err: UnsafePointer<fwp_error>?, _ field: KeyPath<fwp_error, Buffer>) -> UnsafePointer<CChar> {
    guard let err, let offset = MemoryLayout<fwp_error>.offset(of: field) else { return emptyText }
    return (UnsafeRawPointer(err) + offset).assumingMemoryBound(to: CChar.self)
}

private nonisolated(unsafe) let emptyText: UnsafePointer<CChar> = UnsafePointer(strdup("")!)
