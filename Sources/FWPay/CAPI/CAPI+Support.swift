import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Helpers shared by the @c exports: argument checks, conversion, and the one place where an
// FWPayError becomes an FWP_E_ code and an fwp_error. Nothing here decides API behaviour.

/// Limits on C string arguments, in bytes (terminating NUL excluded).
enum ArgumentLimit {
    static let identifier = 64
    static let shortText = 256
    static let url = 2048
}

/// Runs one exported call: resets `err`, runs `body`, and reports its outcome as a code.
func exported(_ err: UnsafeMutablePointer<fwp_error>?, _ body: () throws(FWPayError) -> Void) -> CInt {
    reset(err)
    do throws(FWPayError) {
        try body()
        return FWP_OK.rawValue
    } catch {
        return report(error, into: err)
    }
}

/// Clears what a previous call left in `err`, releasing its errors array.
func reset(_ err: UnsafeMutablePointer<fwp_error>?) {
    guard let err else { return }
    if let errors = err.pointee.errors { json_decref(errors) }
    err.pointee = fwp_error()
}

/// Fills `err` from `error` and returns the code.
@discardableResult
func report(_ error: FWPayError, into err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    let code = error.kind.rawValue
    guard let err else { return code }
    err.pointee.code = code
    err.pointee.http_status = CInt(clamping: error.httpStatus ?? 0)
    err.pointee.curl_code = CInt(clamping: error.curlCode ?? 0)
    withUnsafeMutableBytes(of: &err.pointee.message) { copy(error.message, into: $0) }
    withUnsafeMutableBytes(of: &err.pointee.request_id) { copy(error.requestID ?? "", into: $0) }
    withUnsafeMutableBytes(of: &err.pointee.idempotency_key) { copy(error.idempotencyKey ?? "", into: $0) }
    if !error.errors.isEmpty {
        err.pointee.errors = try? JSONValue.array(error.errors).makeJansson()
    }
    return code
}

/// Copies UTF-8 text into a fixed C buffer, NUL-terminated, cut at a character boundary.
private func copy(_ text: String, into buffer: UnsafeMutableRawBufferPointer) {
    guard buffer.count > 0 else { return }
    var utf8 = Array(text.utf8.prefix(buffer.count - 1))
    // Do not leave half of a multi-byte character at the end.
    if utf8.count == buffer.count - 1, text.utf8.count > utf8.count {
        while let last = utf8.last, last & 0xC0 == 0x80 { utf8.removeLast() }
        if let last = utf8.last, last >= 0xC0 { utf8.removeLast() }
    }
    buffer.copyBytes(from: utf8)
    buffer[utf8.count] = 0
}

/// A required C string argument: not NULL, at most `limit` bytes, valid UTF-8.
func string(_ pointer: UnsafePointer<CChar>?, _ name: String, limit: Int) throws(FWPayError) -> String {
    guard let pointer else { throw FWPayError(.invalidArgument, "\(name) must not be NULL") }
    return try checkedString(pointer, name, limit: limit)
}

/// An optional C string argument: NULL gives nil.
func optionalString(_ pointer: UnsafePointer<CChar>?, _ name: String, limit: Int) throws(FWPayError) -> String? {
    guard let pointer else { return nil }
    return try checkedString(pointer, name, limit: limit)
}

private func checkedString(_ pointer: UnsafePointer<CChar>, _ name: String, limit: Int) throws(FWPayError) -> String {
    // strnlen stops at limit + 1: a huge string is refused without being read to its end.
    let length = strnlen(pointer, limit + 1)
    guard length <= limit else { throw FWPayError(.invalidArgument, "\(name) is longer than \(limit) bytes") }
    guard let text = String(validatingCString: pointer) else {
        throw FWPayError(.invalidArgument, "\(name) is not valid UTF-8")
    }
    return text
}

/// The client behind a handle.
func unwrapClient(_ handle: OpaquePointer?) throws(FWPayError) -> Client {
    guard let handle else { throw FWPayError(.invalidArgument, "client must not be NULL") }
    return Unmanaged<Client>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
}

/// A borrowed JSON argument; NULL gives nil.
func json(_ value: UnsafePointer<json_t>?) throws(FWPayError) -> JSONValue? {
    guard let value else { return nil }
    return try JSONValue(jansson: value)
}

/// A required JSON argument.
func requiredJSON(_ value: UnsafePointer<json_t>?, _ name: String) throws(FWPayError) -> JSONValue {
    guard let value else { throw FWPayError(.invalidArgument, "\(name) must not be NULL") }
    return try JSONValue(jansson: value)
}

/// Checks that an out pointer is usable and clears it, before any work is done.
func prepare<T>(_ out: UnsafeMutablePointer<T?>?, _ name: String = "out") throws(FWPayError)
    -> UnsafeMutablePointer<T?> {
    guard let out else { throw FWPayError(.invalidArgument, "\(name) must not be NULL") }
    out.pointee = nil
    return out
}

/// Hands a result to the caller as a new jansson reference.
func deliver(_ value: JSONValue, to out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>) throws(FWPayError) {
    out.pointee = try value.makeJansson()
}
