import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// Helpers shared by the @c exports: argument checks, conversion, and the one place where an
// FWPayError becomes an FWP_E_ code and an fwp_error. Nothing here decides API behaviour.

/// Limits on C string arguments, in bytes (terminating NUL excluded): how far a string is
/// read at most. What an identifier may be is the core's rule (`Check.identifier`).
enum ArgumentLimit {
    static let identifier = Int(FWP_IDENTIFIER_MAX)
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
    let code = error.kind.code
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
func copy(_ text: String, into buffer: UnsafeMutableRawBufferPointer) {
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
    guard let client = Handles.clients.value(handle) else {
        throw FWPayError(.invalidArgument, "client is not a client of fwp_client_new, or was freed")
    }
    return client
}

/// A borrowed JSON argument; NULL gives nil. It becomes a request's body, so it is read no
/// further than a body may be long.
func json(_ value: UnsafePointer<json_t>?) throws(FWPayError) -> JSONValue? {
    guard let value else { return nil }
    return try JSONValue(jansson: value, byteBudget: Transport.maximumRequestBytes)
}

/// A required JSON argument.
func requiredJSON(_ value: UnsafePointer<json_t>?, _ name: String) throws(FWPayError) -> JSONValue {
    guard let value else { throw FWPayError(.invalidArgument, "\(name) must not be NULL") }
    return try JSONValue(jansson: value, byteBudget: Transport.maximumRequestBytes)
}

/// Checks that an out pointer is usable and clears it, before any work is done.
func prepare<T>(_ out: UnsafeMutablePointer<T?>?, _ name: String = "out") throws(FWPayError)
    -> UnsafeMutablePointer<T?> {
    guard let out else { throw FWPayError(.invalidArgument, "\(name) must not be NULL") }
    out.pointee = nil
    return out
}

/// The per-call options a caller passed (NULL: the client's settings).
func callOptions(_ options: UnsafePointer<fwp_call_options>?) throws(FWPayError) -> CallOptions {
    guard let options else { return .standard }
    let given = options.pointee
    guard given.version >= 1, given.version <= FWP_CALL_OPTIONS_VERSION else {
        throw FWPayError(.invalidArgument, "options.version is \(given.version); this library knows versions 1 to \(FWP_CALL_OPTIONS_VERSION) (use FWP_CALL_OPTIONS_INIT)")
    }
    let key = try optionalString(given.idempotency_key, "options.idempotency_key", limit: Int(FWP_IDEMPOTENCY_KEY_MAX))
    return try callOptions(idempotencyKey: key, timeoutMilliseconds: given.timeout_ms, maximumRetries: Int(given.max_retries),
                           prefix: "options.")
}

/// Per-call options from their values, wherever they came from (a struct or fwp_call's
/// arguments): timeout 0 and retries -1 mean the client's.
func callOptions(idempotencyKey: String?, timeoutMilliseconds: Int, maximumRetries: Int, prefix: String) throws(FWPayError) -> CallOptions {
    var call = CallOptions()
    if let idempotencyKey { call.idempotencyKey = try IdempotencyKey(idempotencyKey) }
    if timeoutMilliseconds != 0 {
        guard (1...FWP_TIMEOUT_MS_MAX).contains(timeoutMilliseconds) else {
            throw FWPayError(.invalidArgument, "\(prefix)timeout_ms must be 0 (the client's) or 1 to \(FWP_TIMEOUT_MS_MAX) (got \(timeoutMilliseconds))")
        }
        call.timeoutMilliseconds = timeoutMilliseconds
    }
    if maximumRetries != -1 {
        guard (0...Int(FWP_MAX_RETRIES_MAX)).contains(maximumRetries) else {
            throw FWPayError(.invalidArgument, "\(prefix)max_retries must be -1 (the client's) or 0 to \(FWP_MAX_RETRIES_MAX) (got \(maximumRetries))")
        }
        call.maximumRetries = maximumRetries
    }
    return call
}

/// One operation of the API: checks `out`, the client and the options, runs `operation`,
/// hands its value to the caller, and reports the request id and idempotency key in `err`
/// on success too.
func performCall(_ client: OpaquePointer?, _ options: UnsafePointer<fwp_call_options>?,
                 _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?, _ err: UnsafeMutablePointer<fwp_error>?,
                 _ operation: (Client, CallOptions) throws(FWPayError) -> Reply) -> CInt {
    var reply: Reply?
    let code = exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        let api = try unwrapClient(client)
        let call = try callOptions(options)
        let answer = try operation(api, call)
        try deliver(answer.value, to: result)
        reply = answer
    }
    if code == FWP_OK.rawValue, let reply { reportSuccess(reply, into: err) }
    return code
}

/// After a success, `err` still carries the request id, the idempotency key sent and the
/// HTTP status (a caller must keep the key of a successful charge).
func reportSuccess(_ reply: Reply, into err: UnsafeMutablePointer<fwp_error>?) {
    guard let err else { return }
    withUnsafeMutableBytes(of: &err.pointee.request_id) { copy(reply.requestID ?? "", into: $0) }
    withUnsafeMutableBytes(of: &err.pointee.idempotency_key) { copy(reply.idempotencyKey ?? "", into: $0) }
    err.pointee.http_status = CInt(clamping: reply.httpStatus)
}

/// A page argument: 0 means the server's default.
func pageRequest(_ page: CInt, _ perPage: CInt) throws(FWPayError) -> PageRequest {
    guard page >= 0, perPage >= 0 else { throw FWPayError(.invalidArgument, "page and per_page must be 0 (default) or positive") }
    return PageRequest(page: page == 0 ? nil : Int(page), perPage: perPage == 0 ? nil : Int(perPage))
}

/// A value as NUL-terminated JSON text the caller releases with fwp_free.
/// An answer as text: the server's own bytes when they say exactly its value, else its value
/// written out.
func jsonText(_ reply: Reply) throws(FWPayError) -> UnsafeMutablePointer<CChar> {
    guard let bytes = reply.text else { return try jsonText(reply.value) }
    guard let copy = malloc(bytes.count + 1)?.assumingMemoryBound(to: CChar.self) else { throw FWPayError.noMemory }
    bytes.withUnsafeBytes { if let start = $0.baseAddress { UnsafeMutableRawPointer(copy).copyMemory(from: start, byteCount: bytes.count) } }
    copy[bytes.count] = 0
    return copy
}

func jsonText(_ value: JSONValue) throws(FWPayError) -> UnsafeMutablePointer<CChar> {
    // jansson's own text, handed over as it is (fwp_free is free, jansson allocates with malloc).
    let tree = try value.makeJansson()
    defer { json_decref(tree) }
    guard let text = json_dumps(tree, Int(JSON_COMPACT | JSON_ENCODE_ANY)) else { throw FWPayError.noMemory }
    return text
}

/// Hands a result to the caller as a new jansson reference.
func deliver(_ value: JSONValue, to out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>) throws(FWPayError) {
    out.pointee = try value.makeJansson()
}
