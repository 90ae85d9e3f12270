
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

    /// Reads a borrowed `json_t`. Throws when it nests deeper than `maximumDepth`.
    init(jansson value: UnsafePointer<json_t>, depth: Int = 0) throws(FWPayError) {
        guard depth <= Self.maximumDepth else {
            throw FWPayError(.invalidArgument, "the JSON value is too deeply nested (more than \(Self.maximumDepth) levels)")
        }
        let mutableValue = UnsafeMutablePointer(mutating: value)
        switch value.pointee.type {
        case JSON_NULL: self = .null
        case JSON_TRUE: self = .bool(true)
        case JSON_FALSE: self = .bool(false)
        case JSON_INTEGER: self = .integer(Int64(json_integer_value(value)))
        case JSON_REAL: self = .real(json_real_value(value))
        case JSON_STRING:
            let length = json_string_length(value)
            guard let bytes = json_string_value(value) else { self = .string(""); return }
            self = .string(bytes.withMemoryRebound(to: UInt8.self, capacity: length) {
                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
            })
        case JSON_ARRAY:
            let count = json_array_size(value)
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                guard let element = json_array_get(value, index) else { continue }
                elements.append(try JSONValue(jansson: element, depth: depth + 1))
            }
            self = .array(elements)
        case JSON_OBJECT:
            var members: [(key: String, value: JSONValue)] = []
            var iterator = json_object_iter(mutableValue)
            while let current = iterator {
                guard let key = json_object_iter_key(current), let member = json_object_iter_value(current) else { break }
                let keyLength = json_object_iter_key_len(current)
                let name = key.withMemoryRebound(to: UInt8.self, capacity: keyLength) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: keyLength), as: UTF8.self)
                }
                members.append((name, try JSONValue(jansson: member, depth: depth + 1)))
                iterator = json_object_iter_next(mutableValue, current)
            }
            self = .object(JSONObject(members))
        default:
            throw FWPayError(.invalidArgument, "unknown jansson value type")
        }
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
        var error = json_error_t()
        guard let parsed = json_loadb(bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count,
                                      Int(JSON_DECODE_ANY | JSON_ALLOW_NUL), &error) else {
            throw FWPayError(.invalidJSON, "invalid JSON at line \(error.line), column \(error.column): \(Self.text(of: error))")
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

    private static func text(of error: json_error_t) -> String {
        withUnsafeBytes(of: error.text) { raw in
            let bytes = raw.prefix(while: { $0 != 0 })
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
