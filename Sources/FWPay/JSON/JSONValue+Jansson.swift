
#if canImport(Glibc)
import CFWPay
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Conversion between jansson's `json_t` (what crosses the C boundary) and `JSONValue`.
extension JSONValue {
    /// Deepest nesting accepted from C input; deeper values are refused rather than risking
    /// the stack of the host program.
    static let maximumDepth = 64

    /// Reads a borrowed `json_t`. Throws when it nests deeper than `maximumDepth`, or when what
    /// it holds comes to more than `byteBudget` bytes as text (counted while it is read: a C
    /// caller's value may share one subtree many times over, and its copy would grow
    /// exponentially before any later size check; security-findings-3.md N12).
    init(jansson value: UnsafePointer<json_t>, byteBudget: Int = .max) throws(FWPayError) {
        var budget = byteBudget
        self = try Self.converted(value, depth: 0, budget: &budget)
    }

    private static func converted(_ value: UnsafePointer<json_t>, depth: Int, budget: inout Int) throws(FWPayError) -> JSONValue {
        guard depth <= maximumDepth else {
            throw FWPayError(.invalidArgument, "the JSON value is too deeply nested (more than \(maximumDepth) levels)")
        }
        // Each value is at least one byte of text; a string, its length more.
        try spend(1, from: &budget)
        let mutableValue = UnsafeMutablePointer(mutating: value)
        switch value.pointee.type {
        case JSON_NULL: return .null
        case JSON_TRUE: return .bool(true)
        case JSON_FALSE: return .bool(false)
        case JSON_INTEGER: return .integer(Int64(json_integer_value(value)))
        case JSON_REAL: return .real(json_real_value(value))
        case JSON_STRING:
            let length = json_string_length(value)
            try spend(length, from: &budget)
            guard let bytes = json_string_value(value) else { return .string("") }
            return .string(bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            })
        case JSON_ARRAY:
            let count = json_array_size(value)
            var elements: [JSONValue] = []
            elements.reserveCapacity(min(count, budget))
            for index in 0..<count {
                guard let element = json_array_get(value, index) else { continue }
                elements.append(try converted(element, depth: depth + 1, budget: &budget))
            }
            return .array(elements)
        case JSON_OBJECT:
            var members: [(key: String, value: JSONValue)] = []
            var iterator = json_object_iter(mutableValue)
            while let current = iterator {
                guard let key = json_object_iter_key(current), let member = json_object_iter_value(current) else { break }
                let keyLength = json_object_iter_key_len(current)
                try spend(keyLength, from: &budget)
                let name = key.withMemoryRebound(to: UInt8.self, capacity: keyLength) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: keyLength), as: UTF8.self)
                }
                members.append((name, try converted(member, depth: depth + 1, budget: &budget)))
                iterator = json_object_iter_next(mutableValue, current)
            }
            return .object(JSONObject(members))
        default:
            throw FWPayError(.invalidArgument, "unknown jansson value type")
        }
    }

    private static func spend(_ bytes: Int, from budget: inout Int) throws(FWPayError) {
        guard bytes <= budget else { throw tooLargeForABody }
        budget -= bytes
    }

    /// A caller's value that cannot be a request body, whichever interface it came through.
    static var tooLargeForABody: FWPayError {
        FWPayError(.invalidArgument, "the JSON value is larger than the \(Transport.maximumRequestBytes) bytes a request body may be")
    }

    /// A new jansson reference holding this value; the caller owns it (json_decref).
    func makeJansson() throws(FWPayError) -> UnsafeMutablePointer<json_t> {
        let made: UnsafeMutablePointer<json_t>?
        switch self {
        case .null: made = json_null()
        case .bool(let flag): made = flag ? json_true() : json_false()
        case .integer(let number): made = json_integer(json_int_t(number))
        case .real(let number): made = json_real(number)
        case .string(let text):
            var text = text
            made = text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    chars.baseAddress.map { json_stringn_nocheck($0, chars.count) } ?? json_string("")
                }
            }
        case .array(let elements):
            guard let array = json_array() else { throw FWPayError.noMemory }
            for element in elements {
                let child: UnsafeMutablePointer<json_t>
                do { child = try element.makeJansson() } catch { json_decref(array); throw error }
                guard json_array_append_new(array, child) == 0 else { json_decref(array); throw FWPayError.noMemory }
            }
            made = array
        case .object(let object):
            guard let dictionary = json_object() else { throw FWPayError.noMemory }
            for (key, value) in object.members {
                let child: UnsafeMutablePointer<json_t>
                do { child = try value.makeJansson() } catch { json_decref(dictionary); throw error }
                var key = key
                let status = key.withUTF8 { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        chars.baseAddress.map { json_object_setn_new_nocheck(dictionary, $0, chars.count, child) }
                            ?? json_object_set_new_nocheck(dictionary, "", child)
                    }
                }
                guard status == 0 else { json_decref(dictionary); throw FWPayError.noMemory }
            }
            made = dictionary
        }
        guard let made else { throw FWPayError.noMemory }
        return made
    }

    /// How deep a value written or read as text may nest: jansson's own parsing limit.
    static let maximumTextDepth = 2048

    /// Whether `value` nests at most `limit` levels, checked without recursion (so that any
    /// depth is safe to check) and ending on a value that holds itself.
    static func nests(_ value: UnsafePointer<json_t>, atMost limit: Int) -> Bool {
        var pending: [(UnsafeMutablePointer<json_t>, Int)] = [(UnsafeMutablePointer(mutating: value), 1)]
        while let (node, depth) = pending.popLast() {
            guard depth <= limit else { return false }
            if node.pointee.type == JSON_ARRAY {
                for index in 0..<json_array_size(node) {
                    if let child = json_array_get(node, index) { pending.append((child, depth + 1)) }
                }
            } else if node.pointee.type == JSON_OBJECT {
                var iterator = json_object_iter(node)
                while let current = iterator {
                    if let child = json_object_iter_value(current) { pending.append((child, depth + 1)) }
                    iterator = json_object_iter_next(node, current)
                }
            }
        }
        return true
    }

    /// Parses JSON text from a server (any value at the top level; "\u0000" in strings is
    /// valid JSON and kept, since lengths travel with the strings). A member given twice keeps
    /// its last value: the client is tolerant of what it reads (a 201 with a repeated key is
    /// still a 201). Throws `.invalidJSON` naming the line, column and jansson's reason.
    init(parsing bytes: UnsafeRawBufferPointer) throws(FWPayError) {
        try self.init(parsing: bytes, flags: Int(JSON_DECODE_ANY | JSON_ALLOW_NUL))
    }

    /// Parses JSON text from a server as `init(parsing:)` does, but gives nil when an object
    /// names a member twice (a text that does not say exactly its value).
    init?(parsingAnswerWithoutRepeats bytes: [UInt8]) throws(FWPayError) {
        var error = json_error_t()
        let parsed = bytes.withUnsafeBytes { raw in
            json_loadb(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count,
                       Int(JSON_DECODE_ANY | JSON_ALLOW_NUL | JSON_REJECT_DUPLICATES), &error)
        }
        guard let parsed else {
            if Self.reason(of: error).hasPrefix("duplicate object key") { return nil }
            throw FWPayError(.invalidJSON, "invalid JSON at line \(error.line), column \(error.column): \(Self.reason(of: error))")
        }
        defer { json_decref(parsed) }
        try self.init(jansson: parsed)
    }

    /// How a caller's JSON text is read, by the typed interface (fwp_json_parse) and the text
    /// one (fwp_call) alike: a member named twice or a NUL in a string is refused, so that a
    /// repeated "idempotency_key" never silently replaces the first. (Answers are read
    /// tolerantly: `init(parsing:)`.)
    static let callerInputFlags = Int(JSON_DECODE_ANY | JSON_REJECT_DUPLICATES)

    /// Parses a caller's JSON text under `callerInputFlags`.
    init(parsingInput bytes: UnsafeRawBufferPointer) throws(FWPayError) {
        try self.init(parsing: bytes, flags: Self.callerInputFlags)
    }

    /// Parses a caller's JSON object under `callerInputFlags`, and writes its member `member`
    /// out as compact text from the same parse (nil when absent or null): the request body a
    /// text-interface call sends, so that it is not written again from its value.
    static func parsingInput(_ bytes: UnsafeRawBufferPointer, writing member: String?) throws(FWPayError) -> (value: JSONValue, memberText: [UInt8]?) {
        var error = json_error_t()
        guard let parsed = json_loadb(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count,
                                      callerInputFlags, &error) else {
            throw FWPayError(.invalidJSON, "invalid JSON at line \(error.line), column \(error.column): \(Self.reason(of: error))")
        }
        defer { json_decref(parsed) }
        let value = try JSONValue(jansson: parsed)
        guard let member, let chosen = json_object_get(parsed, member), chosen.pointee.type != JSON_NULL else { return (value, nil) }
        guard let text = json_dumps(chosen, Int(JSON_COMPACT | JSON_ENCODE_ANY)) else { throw FWPayError.noMemory }
        defer { free(text) }
        return (value, Array(UnsafeRawBufferPointer(start: text, count: strlen(text))))
    }

    private init(parsing bytes: UnsafeRawBufferPointer, flags: Int) throws(FWPayError) {
        var error = json_error_t()
        guard let parsed = json_loadb(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count,
                                      flags, &error) else {
            throw FWPayError(.invalidJSON, "invalid JSON at line \(error.line), column \(error.column): \(Self.reason(of: error))")
        }
        defer { json_decref(parsed) }
        try self.init(jansson: parsed)
    }

    /// Parses JSON text held in an array.
    init(parsing bytes: [UInt8]) throws(FWPayError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(FWPayError) in try JSONValue(parsing: raw) }
        }
        self = try result.get()
    }

    /// Compact JSON text of this value.
    func serialized() throws(FWPayError) -> [UInt8] {
        let value = try makeJansson()
        defer { json_decref(value) }
        guard let text = json_dumps(value, Int(JSON_COMPACT | JSON_ENCODE_ANY)) else { throw FWPayError.noMemory }
        defer { free(text) }
        return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
    }

    /// jansson's reason, without the "near '...'" part: that quotes the input, which may be
    /// a settings text holding the API key (security-findings-3.md I3). Line and column stay.
    static func reason(of error: json_error_t) -> String {
        let reason = withUnsafeBytes(of: error.text) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        // A NUL refused by callerInputFlags, in a string or a key: said in the caller's words.
        if reason.contains("JSON_ALLOW_NUL") || reason.hasPrefix("NUL byte") {
            return "a string holds a NUL character (\\u0000), which cannot be sent"
        }
        guard let near = reason.firstRange(of: " near ") else { return reason }
        return String(reason[..<near.lowerBound])
    }
}
