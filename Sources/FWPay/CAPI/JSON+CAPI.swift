import CFWPay

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// JSON for languages that do not link jansson themselves (Python's ctypes, for one).

/// Largest text fwp_json_parse accepts, in bytes.
private let maximumJSONTextBytes = 64 << 20

/// fwp_json_parse: parses len bytes of UTF-8 JSON text (any value at the top level; a
/// terminating NUL is not needed and must not be counted). out: receives a new reference,
/// NULL on failure; release with fwp_json_release. err: optional. Returns FWP_OK,
/// FWP_E_INVALID_JSON (the message gives line, column and reason; duplicate keys are
/// refused) or FWP_E_INVALID_ARGUMENT (NULL text, or more than 64 MiB). Thread-safe.
/// Since 0.1.
@c
public func fwp_json_parse(_ text: UnsafePointer<CChar>?, _ len: size_t,
                           _ out: UnsafeMutablePointer<UnsafeMutablePointer<json_t>?>?,
                           _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        guard let text else { throw FWPayError(.invalidArgument, "text must not be NULL") }
        // size_t arrives as a signed Int: a "negative" length is a huge unsigned one.
        guard len >= 0, len <= maximumJSONTextBytes else {
            throw FWPayError(.invalidArgument, "len is \(UInt(bitPattern: len)); JSON text is limited to \(maximumJSONTextBytes) bytes")
        }
        var error = json_error_t()
        guard let parsed = json_loadb(text, len, JSONValue.callerInputFlags, &error) else {
            throw FWPayError(.invalidJSON, "invalid JSON at line \(error.line), column \(error.column): \(JSONValue.reason(of: error))")
        }
        result.pointee = parsed
    }
}

/// fwp_json_dump: writes value as compact JSON text. value: borrowed, not NULL. out: receives
/// a NUL-terminated string, NULL on failure; release it with fwp_free. err: optional. Returns
/// FWP_OK, or FWP_E_INVALID_ARGUMENT for NULL, a value nested deeper than 2048 levels (or
/// holding itself), or one jansson cannot write (a key holding NUL). Thread-safe. Since 0.1.
@c
public func fwp_json_dump(_ value: UnsafePointer<json_t>?, _ out: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                          _ err: UnsafeMutablePointer<fwp_error>?) -> CInt {
    exported(err) { () throws(FWPayError) in
        let result = try prepare(out)
        guard let value else { throw FWPayError(.invalidArgument, "value must not be NULL") }
        // json_dumps recurses: a deep value would overflow the stack (finding L13).
        guard JSONValue.nests(value, atMost: JSONValue.maximumTextDepth) else {
            throw FWPayError(.invalidArgument, "value nests deeper than \(JSONValue.maximumTextDepth) levels, or holds itself")
        }
        guard let text = json_dumps(value, Int(JSON_COMPACT | JSON_ENCODE_ANY)) else {
            throw FWPayError(.invalidArgument, "value cannot be written as JSON (a key holds a NUL character?)")
        }
        result.pointee = text
    }
}

/// fwp_json_release: drops one reference to a JSON value (json_decref for callers that
/// cannot call jansson's inline function). NULL is a harmless no-op. Since 0.1.
@c
public func fwp_json_release(_ value: UnsafeMutablePointer<json_t>?) {
    if let value { json_decref(value) }
}

/// fwp_free: frees memory the library allocated for the caller (the text of fwp_json_dump).
/// NULL is a harmless no-op. Since 0.1.
@c
public func fwp_free(_ pointer: UnsafeMutableRawPointer?) {
    free(pointer)
}
